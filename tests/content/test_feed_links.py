"""Every feed's self link, channel link and item links are on the course's own site (never Django's example.com
Site), for a course on its own Site and one under a catalogue; post pages and the course home advertise their feeds."""

from urllib.parse import urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.test import Client

from home.models import HomePage
from tests.comment_helpers import approved_comment
from tests.factories import CourseUnitPageFactory, StudentPostPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["own site", "under a catalogue"])
def shape(request, db):
    """(course, unit, post, the address every link of the course starts with)."""
    if request.param == "own site":
        course = request.getfixturevalue("second_course")
    else:
        course = HomePage(title="HIST 255", slug="hist-255", term="Fall 2026")
        request.getfixturevalue("catalogue").add_child(instance=course)
        course.save_revision().publish()
    unit = CourseUnitPageFactory(parent=course, title="The Crusades", live=False)
    unit.save_revision().publish()
    post = StudentPostPageFactory(parent=unit, title="Letters from Acre")
    approved_comment(post, text="Which letters?")
    course.refresh_from_db()
    base = "http://medieval.example.edu/" if request.param == "own site" else "http://seminar.example.edu/hist-255/"
    assert course.full_url == base
    return course, unit, post, base


def local(page):
    """The page's path on its own host."""
    return urlsplit(page.full_url).path


def feeds(course, unit, post):
    return {
        "course RSS": f"{local(course)}feed/rss/",
        "course Atom": f"{local(course)}feed/atom/",
        "unit RSS": f"{local(unit)}feed/rss/",
        "unit Atom": f"{local(unit)}feed/atom/",
        "post comments": f"{local(post)}comments/feed/",
        "course comments": f"{local(course)}comments/feed/",
    }


def test_every_feed_links_to_the_courses_own_site(shape):
    course, unit, post, base = shape
    reader = Client(HTTP_HOST=urlsplit(base).hostname)
    for name, path in feeds(course, unit, post).items():
        response = reader.get(path)
        assert response.status_code == 200, name
        assert "example.com" not in response.content.decode(), name
        feed = feedparser.parse(response.content)
        self_links = [link.href for link in feed.feed.links if link.rel == "self"]
        assert self_links == [urlsplit(base)._replace(path=path).geturl()], name
        assert feed.feed.link.startswith(base), name
        assert feed.entries, name
        assert all(entry.link.startswith(base) for entry in feed.entries), name


def alternates(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return {link["href"]: (link["type"], link["title"]) for link in soup.head.select('link[rel="alternate"]')}


def test_post_page_advertises_its_comment_feed(shape):
    course, _, post, base = shape
    links = alternates(Client(HTTP_HOST=urlsplit(base).hostname), local(post))
    assert links[f"{local(post)}comments/feed/"] == ("application/rss+xml", "Comments on Letters from Acre (RSS)")
    assert f"{local(course)}feed/rss/" in links  # the course's posts, as on every page


def test_course_home_advertises_its_post_and_comment_feeds(shape):
    course, _, _, base = shape
    links = alternates(Client(HTTP_HOST=urlsplit(base).hostname), local(course))
    assert links == {
        f"{local(course)}feed/rss/": ("application/rss+xml", f"New posts in {course.title} (RSS)"),
        f"{local(course)}feed/atom/": ("application/atom+xml", f"New posts in {course.title} (Atom)"),
        f"{local(course)}comments/feed/": ("application/rss+xml", f"Comments on {course.title} (RSS)"),
    }
