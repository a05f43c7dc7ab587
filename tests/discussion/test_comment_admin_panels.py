"""The queue's entry points outside it: the dashboard panel for moderators, and the Account page setting
that lets an author stop the emails about comments on their posts."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from blog.models import AuthorProfile
from tests.comment_helpers import held_comment
from tests.factories import member

pytestmark = pytest.mark.django_db
HOME = reverse("wagtailadmin_home")
ACCOUNT = reverse("wagtailadmin_account")
FIELD = "comment_emails-email_on_comments"


def held(post, text, days_ago):
    return held_comment(post, text=text, submit_date=timezone.now() - timedelta(days=days_ago))


def test_dashboard_shows_moderators_the_oldest_pending_comments(client, make_post):
    post = make_post(title="The Thaw")
    oldest = held(post, "The oldest pending comment", days_ago=9)
    for n in range(6):
        held(post, f"Newer pending comment {n}", days_ago=n)
    client.force_login(member("Instructors"))
    panel = BeautifulSoup(client.get(HOME).content, "html.parser").find(id="pending-comments-section")
    assert "Comments awaiting moderation (7)" in panel.get_text()
    links = panel.select("tbody a")
    assert len(links) == 5
    assert links[0].get_text() == "The oldest pending comment"
    assert links[0]["href"] == f"{reverse('comment_moderation:index')}?state=pending&post={post.pk}#comment-{oldest.pk}"
    assert "Newer pending comment 0" not in panel.get_text()  # the newest waits for the queue itself


def test_students_get_no_dashboard_panel(client, make_post):
    held(make_post(title="The Thaw"), "Pending", days_ago=1)
    client.force_login(member("Students"))
    assert 'id="pending-comments-section"' not in client.get(HOME).content.decode()


def account_form(client):
    """The Account page's form as a browser would submit it, unchanged."""
    form = (
        BeautifulSoup(client.get(ACCOUNT).content, "html.parser")
        .find("input", attrs={"name": FIELD})
        .find_parent("form")
    )
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") == "file":
            continue
        if field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        else:
            data[name] = field.get("value", field.get_text() if field.name == "textarea" else "")
    return data


def test_account_panel_toggles_the_comment_email_preference(client, make_post):
    author = member("Students", first_name="Nina", last_name="Orlova")
    make_post(title="The Thaw", author=author)
    client.force_login(author)
    data = account_form(client)
    assert data[FIELD] == "on"
    assert "Email me when someone comments on my posts" in client.get(ACCOUNT).content.decode()

    del data[FIELD]
    assert client.post(ACCOUNT, data).status_code == 302
    assert AuthorProfile.objects.get(user=author).email_on_comments is False
    assert FIELD not in account_form(client)

    assert client.post(ACCOUNT, {**account_form(client), FIELD: "on"}).status_code == 302
    assert AuthorProfile.objects.get(user=author).email_on_comments is True


def test_account_panel_creates_the_profile_only_when_the_setting_changes(client):
    user = member("Instructors", first_name="Anne", last_name="Whitaker")
    client.force_login(user)
    data = account_form(client)
    client.post(ACCOUNT, data)
    assert not AuthorProfile.objects.filter(user=user).exists()
    del data[FIELD]
    client.post(ACCOUNT, data)
    assert AuthorProfile.objects.get(user=user).email_on_comments is False
