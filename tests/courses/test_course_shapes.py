"""Both shapes of a course work everywhere readers and caches look: a course that is its own Site
(medieval.example.edu/) and a course under a catalogue on a shared Site (seminar.example.edu/hist-255-fall-2026/).
Each test runs for both, beside a neighbour course of the same shape that must stay untouched."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from tests.factories import StudentPostPageFactory
from tests.page_cache_helpers import HIT, RENDERED, course_pages, paths

pytestmark = pytest.mark.django_db


def local(page_or_url):
    """The path a reader of the page's own host asks for."""
    url = page_or_url if isinstance(page_or_url, str) else page_or_url.full_url
    return urlsplit(url).path


def pages(course):
    return {name: local(url) for name, url in course_pages(course["course"], course["unit"], course["post"]).items()}


def test_every_public_page_and_feed_is_served_with_links_in_its_shape(shape):
    course, neighbour, host, prefix = shape
    reader = Client(HTTP_HOST=host)
    for name, path in pages(course).items():
        response = reader.get(path)
        assert response.status_code == 200, (name, path)
        assert path.startswith(prefix) or name == "sitemap", (name, path)
    html = reader.get(local(course["post"])).content.decode()
    links = {a["href"] for a in BeautifulSoup(html, "html.parser").select("a[href]")}
    assert local(course["unit"]) in links or course["unit"].full_url in links  # the breadcrumb to its unit
    assert "Reading " + neighbour["course"].title not in html


def test_feeds_link_to_full_addresses_of_their_own_course_only(shape):
    course, neighbour, host, prefix = shape
    reader = Client(HTTP_HOST=host)
    feed = reader.get(f"{prefix}feed/rss/").content.decode()
    assert f"http://{host}{local(course['post'])}" in feed
    assert "Reading " + neighbour["course"].title not in feed
    comments = reader.get(f"{prefix}comments/feed/").content.decode()
    assert f"http://{host}{local(course['post'])}#c" in comments
    assert "A question about " + neighbour["course"].title not in comments


def test_the_sitemap_lists_the_site_courses_in_full(shape):
    course, neighbour, host, prefix = shape
    sitemap = Client(HTTP_HOST=host).get("/sitemap.xml").content.decode()
    assert f"<loc>http://{host}{local(course['post'])}</loc>" in sitemap
    neighbour_post = neighbour["post"].full_url
    if prefix == "/":  # its own site: the neighbour is on another host and sitemap
        assert neighbour_post not in sitemap
    else:  # one shared site: its sitemap lists every course under the catalogue
        assert f"<loc>{neighbour_post}</loc>" in sitemap


def test_a_change_renders_its_course_afresh_and_leaves_the_neighbour_cached(shape, page_cache, committed):
    course, neighbour, host, prefix = shape
    reader = Client(HTTP_HOST=host)
    neighbour_reader = Client(HTTP_HOST=urlsplit(neighbour["course"].full_url).hostname)
    own, theirs = pages(course), pages(neighbour)
    for client, path in [*((reader, path) for path in own.values()), (neighbour_reader, theirs["home"])]:
        client.get(path)
        assert client.get(path)["X-Page-Cache"] == HIT, path
    with committed():
        StudentPostPageFactory(parent=course["unit"], title="The Thaw in Letters", author=course["author"])
    assert reader.get(own["home"])["X-Page-Cache"] == RENDERED
    assert "The Thaw in Letters" in reader.get(own["unit"]).content.decode()
    assert neighbour_reader.get(theirs["home"])["X-Page-Cache"] == HIT


def test_the_cdn_is_purged_of_the_course_addresses_in_its_shape(shape, purge_endpoint, committed):
    course, _neighbour, host, prefix = shape
    with committed():
        post = StudentPostPageFactory(parent=course["unit"], title="The Thaw in Letters", author=course["author"])
    assert {sent_host for sent_host, _path in purge_endpoint} == {host}
    purged = paths(purge_endpoint)
    assert {local(post), local(course["unit"]), prefix, f"{prefix}feed/rss/"} <= purged, purged
