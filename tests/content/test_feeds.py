"""RSS and Atom feeds of a course and of a unit: valid, live posts only, bylines without email addresses."""

import feedparser
import pytest

from tests.factories import CourseUnitPageFactory, UserFactory

pytestmark = pytest.mark.django_db

EMAIL = "ana.petrova@students.example.edu"


@pytest.fixture
def posts(course, unit, make_post, make_draft):
    ana = UserFactory(first_name="Ana", last_name="Petrova", email=EMAIL)
    stalin = CourseUnitPageFactory(parent=course, title="Stalin and Stalinism")
    return {
        "thaw": make_post(title="The Illusion of Khrushchev", author=ana, tags=["thaw"]),
        "stalin": make_post(title="The Man of Steel", author=ana, parent=stalin),
        "draft": make_draft(title="Unpublished musings", author=ana),
    }


def fetch(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    body = response.content.decode()
    assert "Unpublished musings" not in body
    assert EMAIL not in body and "students.example.edu" not in body
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def check_entries(feed, expected):
    assert sorted(entry.title for entry in feed.entries) == sorted(post.title for post in expected)
    by_title = {post.title: post for post in expected}
    for entry in feed.entries:
        assert entry.link.startswith("http") and entry.link.endswith(by_title[entry.title].url)
        assert entry.author == "Ana P."
        assert entry.get("published_parsed") or entry.get("updated_parsed")


@pytest.mark.parametrize(
    ("route", "content_type", "version"),
    [("feed/rss/", "application/rss+xml", "rss20"), ("feed/atom/", "application/atom+xml", "atom10")],
)
def test_course_feed_has_every_live_post(client, course, posts, route, content_type, version):
    feed = fetch(client, course.url + route, content_type)
    assert feed.version == version
    assert feed.feed.title == "Soviet History"
    check_entries(feed, [posts["thaw"], posts["stalin"]])


@pytest.mark.parametrize(
    ("route", "content_type"), [("feed/rss/", "application/rss+xml"), ("feed/atom/", "application/atom+xml")]
)
def test_unit_feed_has_only_that_units_live_posts(client, unit, posts, route, content_type):
    feed = fetch(client, unit.url + route, content_type)
    assert feed.feed.title == "Khrushchev and the Thaw"
    check_entries(feed, [posts["thaw"]])
    assert [tag.term for tag in feed.entries[0].tags] == ["thaw"]


def test_feed_drops_a_post_once_unpublished(client, course, posts):
    posts["thaw"].unpublish()
    feed = fetch(client, course.url + "feed/rss/", "application/rss+xml")
    assert [entry.title for entry in feed.entries] == ["The Man of Steel"]
