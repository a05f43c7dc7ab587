"""Who reaches the comment moderation queue: instructors see it in the admin menu with the pending count;
students and anonymous visitors reach none of its URLs, and nothing there changes a comment on GET."""

import pytest
from django.core import mail
from django.urls import reverse
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from discussion.notifications import send_held_notice
from tests.comment_helpers import approved_comment, held_comment
from tests.factories import member

pytestmark = pytest.mark.django_db
INDEX = reverse("comment_moderation:index")


@pytest.fixture
def held(make_post):
    return held_comment(make_post(title="The Thaw"), text="Held for a look")


def moderation_urls(comment):
    return [
        ("get", INDEX),
        ("post", reverse("comment_moderation:action", args=[comment.pk, "approve"])),
        ("post", reverse("comment_moderation:bulk")),
        ("get", reverse("comment_moderation:reply", args=[comment.pk])),
        ("post", reverse("comment_moderation:reply", args=[comment.pk])),
    ]


def test_instructors_see_the_menu_item_with_the_pending_count(client, held, make_post):
    flagged = approved_comment(make_post(title="Stalin's Death"), text="Readers object")
    CommentFlag.objects.create(comment=flagged, user=member("Students"), flag=CommentFlag.SUGGEST_REMOVAL)
    approved_comment(held.content_object, text="Already public")
    client.force_login(member("Instructors"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '"label": "Comments (2)"' in html
    assert f'"url": "{INDEX}"' in html


def test_superusers_see_the_queue_too(client, held, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.edu", "pw"))
    assert '"label": "Comments (1)"' in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(INDEX).status_code == 200


def test_students_see_no_menu_item_and_are_turned_away_everywhere(client, held):
    client.force_login(member("Students"))
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    assert INDEX not in home.content.decode()
    data = {"action": "approve", "comments": [held.pk], "text": "Sneaky"}
    for method, url in moderation_urls(held):
        response = getattr(client, method)(url, data)
        assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home")), url
    held.refresh_from_db()
    assert not held.is_public
    assert XtdComment.objects.count() == 1


def test_anonymous_visitors_are_sent_to_the_admin_login(client, held):
    for method, url in moderation_urls(held):
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("wagtailadmin_login") + "?next="), url


def test_get_never_changes_a_comment(client, held):
    client.force_login(member("Instructors"))
    for action in ("approve", "remove", "spam", "restore"):
        assert client.get(reverse("comment_moderation:action", args=[held.pk, action])).status_code == 405
    assert client.get(reverse("comment_moderation:bulk"), {"action": "approve", "comments": held.pk}).status_code == 405
    held.refresh_from_db()
    assert (held.is_public, held.is_removed) == (False, False)


def test_the_held_email_links_to_the_queue(client, held):
    instructor = member("Instructors")
    send_held_notice.call(held.pk)
    assert f"{held.content_object.get_site().root_url}{INDEX}?state=held" in mail.outbox[0].body  # the course's Site
    client.force_login(instructor)
    assert "Held for a look" in client.get(f"{INDEX}?state=held").content.decode()
