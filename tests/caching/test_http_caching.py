"""What browsers and caches may keep: public pages are rechecked with a cheap 304, a reader's own pages stay in
their browser, never-cache endpoints stay uncached, and hashed static files are kept for good, compressed."""

import gzip

import pytest
from django.templatetags.static import static
from django.test import RequestFactory
from django.urls import reverse

from blog.feeds import EMPTY_FEED_DATE, Rss201rev2Feed
from tests.factories import member

pytestmark = pytest.mark.django_db
REVALIDATED_BY_ALL = "public, max-age=0, must-revalidate"
BROWSER_ONLY = "private, no-cache"
NEVER_CACHED = "max-age=0, no-cache, no-store, must-revalidate, private"
FOREVER = "max-age=315360000, public, immutable"


def test_a_public_post_is_rechecked_on_every_visit_and_unchanged_costs_a_304(client, make_post):
    post = make_post(title="The Thaw")
    response = client.get(post.url)
    assert response["Cache-Control"] == REVALIDATED_BY_ALL
    again = client.get(post.url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again["Cache-Control"] == REVALIDATED_BY_ALL


def test_pages_travel_gzipped_to_browsers_that_accept_it(client, make_post):
    post = make_post(title="The Thaw")
    plain = client.get(post.url)
    compressed = client.get(post.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert compressed["Content-Encoding"] == "gzip" and "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert client.get(post.url, HTTP_IF_NONE_MATCH=compressed["ETag"], HTTP_ACCEPT_ENCODING="gzip").status_code == 304


def test_feeds_and_the_sitemap_are_rechecked_too(client, course, make_post):
    post = make_post(title="The Thaw")
    for url in (f"{course.url}feed/rss/", f"{course.url}feed/atom/", f"{post.url}comments/feed/", "/sitemap.xml"):
        response = client.get(url)
        assert (response.status_code, response["Cache-Control"]) == (200, REVALIDATED_BY_ALL), url
        assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304, url


def test_a_logged_in_reader_gets_a_copy_for_their_browser_only(client, make_post):
    post = make_post(title="The Thaw")
    client.force_login(member("Students"))
    assert client.get(post.url)["Cache-Control"] == BROWSER_ONLY


def test_a_class_only_post_is_never_kept_by_any_cache(client, make_post):
    post = make_post(title="Class only thoughts")
    post.class_only = True
    post.save_revision().publish()
    client.force_login(member("Students"))
    response = client.get(post.url)
    assert (response.status_code, response["Cache-Control"]) == (200, NEVER_CACHED)


def test_the_comment_form_and_the_admin_are_never_cached(client, make_post):
    post = make_post(title="The Thaw")
    assert client.get(reverse("comment-form-fragment", args=[post.pk]))["Cache-Control"] == NEVER_CACHED
    client.force_login(member("Instructors"))
    assert client.get(reverse("wagtailadmin_home"))["Cache-Control"] == NEVER_CACHED


def test_hashed_static_files_are_kept_for_good_and_sent_compressed(production_static):
    static_root, whitenoise = production_static
    url = static("css/seminar.css")
    hashed = url.rsplit("/", 1)[1]
    assert hashed != "seminar.css"
    assert {hashed, f"{hashed}.gz", f"{hashed}.br"} <= {path.name for path in (static_root / "css").iterdir()}
    for accepted, encoding in (("gzip, deflate, br", "br"), ("gzip, deflate", "gzip")):
        response = whitenoise(RequestFactory().get(url, HTTP_ACCEPT_ENCODING=accepted))
        assert response.status_code == 200
        assert (response["Cache-Control"], response["Content-Encoding"]) == (FOREVER, encoding)
        assert response["Vary"] == "Accept-Encoding"


def test_an_empty_feed_is_dated_so_its_etag_holds_from_one_second_to_the_next(client, make_post):
    """Django dates a feed without items at the time of the request: its ETag changed every second, so a reader
    revalidating a post's empty comment feed a second later missed its 304 (a failure seen in CI). An empty feed is
    dated the Unix epoch; a feed with items, its newest."""
    empty = Rss201rev2Feed(title="Comments", link="https://example.org/", description="")
    assert empty.latest_post_date() == EMPTY_FEED_DATE
    post = make_post(title="The Thaw")
    assert (
        "<lastBuildDate>Thu, 01 Jan 1970 00:00:00 +0000</lastBuildDate>"
        in client.get(f"{post.url}comments/feed/").content.decode()
    )
    assert "1970" not in client.get("/feed/rss/").content.decode(), "a feed of posts is dated by its newest"
