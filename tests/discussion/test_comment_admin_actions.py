"""Each moderation action changes what the public post page shows, says what it did, and returns to the queue."""

import pytest
from django.test import Client
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from tests.comment_helpers import approved_comment, held_comment

pytestmark = pytest.mark.django_db
INDEX = reverse("comment_moderation:index")


@pytest.fixture
def post(make_post):
    return make_post(title="The Thaw")


def public_page(post):
    return Client().get(post.url).content.decode()


def act(instructor_client, comment, action, back_to=INDEX):
    response = instructor_client.post(
        reverse("comment_moderation:action", args=[comment.pk, action]), {"next": back_to}
    )
    assert (response.status_code, response.url) == (302, back_to)
    return instructor_client.get(response.url).content.decode()


def test_approve_publishes_a_held_comment(instructor_client, instructor, post):
    comment = held_comment(post, "Khrushchev's speech was a gamble.")
    assert "Khrushchev&#x27;s speech was a gamble." not in public_page(post)
    queue = act(instructor_client, comment, "approve", back_to=f"{INDEX}?state=held")
    assert "1 comment approved" in queue
    assert "Khrushchev&#x27;s speech was a gamble." in public_page(post)


def test_remove_hides_a_comment_and_restore_brings_it_back(instructor_client, instructor, post):
    comment = approved_comment(post, text="An off-topic rant")
    assert "1 comment removed" in act(instructor_client, comment, "remove")
    assert "An off-topic rant" not in public_page(post)
    assert "An off-topic rant" in instructor_client.get(f"{INDEX}?state=removed").content.decode()
    assert "1 comment restored" in act(instructor_client, comment, "restore")
    assert "An off-topic rant" in public_page(post)


def test_spam_hides_a_comment_and_lists_it_under_spam(instructor_client, instructor, post):
    comment = held_comment(post, "Cheap watches here")
    assert "1 comment marked as spam" in act(instructor_client, comment, "spam")
    assert "Cheap watches here" not in public_page(post)
    assert "Cheap watches here" in instructor_client.get(f"{INDEX}?state=spam").content.decode()
    assert "Cheap watches here" not in instructor_client.get(f"{INDEX}?state=removed").content.decode()
    assert "Cheap watches here" not in instructor_client.get(INDEX).content.decode()


def test_bulk_approve_of_two_comments(instructor_client, instructor, post):
    first, second = held_comment(post, "First held"), held_comment(post, "Second held")
    untouched = held_comment(post, "Third held")
    response = instructor_client.post(
        reverse("comment_moderation:bulk"), {"action": "approve", "comments": [first.pk, second.pk]}
    )
    assert (response.status_code, response.url) == (302, INDEX)
    assert "2 comments approved" in instructor_client.get(INDEX).content.decode()
    page = public_page(post)
    assert "First held" in page and "Second held" in page and "Third held" not in page
    assert not XtdComment.objects.get(pk=untouched.pk).is_public


def test_bulk_without_a_selection_changes_nothing(instructor_client, instructor, post):
    comment = held_comment(post, "Still held")
    instructor_client.post(reverse("comment_moderation:bulk"), {"action": "approve"})
    assert "Select at least one comment" in instructor_client.get(INDEX).content.decode()
    assert not XtdComment.objects.get(pk=comment.pk).is_public


def test_actions_need_the_csrf_token_and_a_known_action_and_comment(instructor_client, instructor, post):
    comment = held_comment(post, "Still held")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(instructor)
    assert browser.post(reverse("comment_moderation:action", args=[comment.pk, "approve"])).status_code == 403
    assert instructor_client.post(reverse("comment_moderation:action", args=[comment.pk, "publish"])).status_code == 404
    assert instructor_client.post(reverse("comment_moderation:action", args=[999999, "approve"])).status_code == 404
    assert not XtdComment.objects.get(pk=comment.pk).is_public
