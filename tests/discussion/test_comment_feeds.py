"""Comment feeds carry approved comments with names and links, never an email address."""

import feedparser
import pytest
from django_comments_xtd.models import XtdComment

from tests.comment_helpers import approved_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def discussion(make_post):
    first, second = make_post(title="First post"), make_post(title="Second post")
    approved_comment(first, text="On the first post", email="secret-one@example.org")
    approved_comment(second, text="On the second post", email="secret-two@example.org")
    held = approved_comment(first, text="Held comment", email="held@example.org")
    XtdComment.objects.filter(pk=held.pk).update(is_public=False)
    return first, second


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "@example.org" not in text
    return feedparser.parse(text)


def test_post_comment_feed(client, discussion):
    first, _ = discussion
    feed = read(client, f"{first.url}comments/feed/")
    assert [entry.summary for entry in feed.entries] == ["<p>On the first post</p>"]  # HTML, as on the page
    assert feed.entries[0].link.endswith(f"{first.url}#c{XtdComment.objects.get(comment='On the first post').pk}")


def test_course_comment_feed(client, course, discussion):
    feed = read(client, f"{course.url}comments/feed/")
    assert sorted(entry.summary for entry in feed.entries) == ["<p>On the first post</p>", "<p>On the second post</p>"]
    assert all("Reader on" in entry.title for entry in feed.entries)


def test_comments_on_a_post_under_a_draft_unit_stay_out(client, course, unit, discussion):
    unit.unpublish()
    assert read(client, f"{course.url}comments/feed/").entries == []
