"""Anonymous readers get public pages from the cache: the same bytes, compressed or not, revalidated with a 304;
a reader with a message or a held comment, a session the site does not know, and any query but a page number, is
rendered afresh. (Members' own copies: test_members_page_cache.py.)"""

import gzip
import os

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from redis import Redis

from caching import page_cache
from caching.page_cache import LocalEntries, PageCacheMiddleware, invalidate
from tests.comment_helpers import approved_comment
from tests.factories import member
from tests.page_cache_helpers import HIT, RENDERED

pytestmark = pytest.mark.django_db


def test_the_second_reader_gets_the_first_readers_page_from_the_cache(reader, cached_course, django_assert_num_queries):
    post = cached_course["post"]
    first = reader.get(post.url)
    assert first["X-Page-Cache"] == RENDERED
    with django_assert_num_queries(0):
        second = reader.get(post.url)
    assert second["X-Page-Cache"] == HIT
    assert second.content == first.content and "What did the delegates make of it?" in second.text
    assert second["Cache-Control"] == first["Cache-Control"] == "public, max-age=0, must-revalidate"


def test_a_revisit_with_the_etag_is_a_304_from_the_cache(reader, cached_course, django_assert_num_queries):
    url = cached_course["post"].url
    etag = reader.get(url)["ETag"]
    with django_assert_num_queries(0):
        again = reader.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag


def test_gzip_and_plain_readers_each_get_their_own_copy(reader, cached_course):
    url = cached_course["post"].url
    reader.warm([url])
    compressed = reader.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert compressed["X-Page-Cache"] == RENDERED and compressed["Content-Encoding"] == "gzip"
    assert reader.get(url, HTTP_ACCEPT_ENCODING="gzip, br")["X-Page-Cache"] == HIT
    assert gzip.decompress(compressed.content) == reader.get(url).content


def test_each_listing_page_is_cached_but_not_other_queries(reader, cached_course):
    unit = cached_course["unit"]
    reader.warm([unit.url, f"{unit.url}?page=1"])
    for query in ("?page=1&utm_source=mail", "?page=abc", "?q=thaw"):
        reader.get(unit.url + query)
        assert "X-Page-Cache" not in reader.get(unit.url + query), query


def test_search_results_are_never_cached(reader, cached_course):
    url = f"{cached_course['course'].url}search/?q=speech"
    reader.get(url)
    response = reader.get(url)
    assert "X-Page-Cache" not in response and "The Secret Speech" in response.text


def test_a_logged_in_reader_who_may_read_nothing_more_shares_the_anonymous_copy(client, reader, cached_course):
    """Without class-only pages in the course, its members read what everyone reads: the anonymous copy, which
    their own render (kept to their browser) never replaces."""
    url = cached_course["post"].url
    client.force_login(member("Students"))
    first = client.get(url)
    assert "X-Page-Cache" not in first and first["Cache-Control"] == "private, no-cache"
    assert reader.get(url)["X-Page-Cache"] == RENDERED
    shared = client.get(url)
    assert shared["X-Page-Cache"] == HIT and shared.content == reader.get(url).content


@pytest.mark.parametrize("cookie", ["sessionid", "messages", "seminar_held"])
def test_a_reader_the_site_knows_bypasses_the_cache(reader, cached_course, cookie):
    url = cached_course["post"].url
    reader.warm([url])
    reader.cookies[cookie] = "anything"
    response = reader.get(url)
    assert "X-Page-Cache" not in response and response["Cache-Control"] == "private, no-cache"


def test_a_page_that_sets_a_cookie_is_not_stored(reader, cached_course):
    """A page that rendered a CSRF token (the no-script comment page) is that reader's alone."""
    post = cached_course["post"]
    url = f"/comments/on/{post.pk}/"
    reader.get(url)
    assert "X-Page-Cache" not in reader.get(url)


def public_page(text):
    return HttpResponse(text, headers={"Cache-Control": "public, max-age=0, must-revalidate"})


def test_a_page_rendered_across_a_change_is_stored_as_already_stale(cached_course, django_capture_on_commit_callbacks):
    """The course's token is read before rendering, so the old page rendered while a change commits is not
    served afterwards; without a change the same page is."""
    post, unit = cached_course["post"], cached_course["unit"]
    steady = RequestFactory().get(unit.url)
    PageCacheMiddleware(lambda request: public_page("steady"))(steady)
    assert PageCacheMiddleware(lambda request: public_page("unused"))(steady).content == b"steady"

    def render_while_the_post_changes(request):
        with django_capture_on_commit_callbacks(execute=True):
            invalidate(post.path)
        return public_page("before the change")

    changing = RequestFactory().get(post.url)
    PageCacheMiddleware(render_while_the_post_changes)(changing)
    after = PageCacheMiddleware(lambda request: public_page("after the change"))(changing)
    assert after.content == b"after the change"


def test_a_token_dropped_while_it_was_being_made_never_keeps_a_stale_page(cached_course, monkeypatch):
    """Another process makes the course's token first and a change drops it at once: the page rendered now must
    not match the token's absence later (it did, and the concurrent-discussion load test saw an old thread)."""
    from caching import audience

    real_add = audience.cache.add

    def add_lost_to_a_race(key, value, timeout=None):
        real_add(key, "made by another process", timeout=timeout)
        audience.cache.delete(key)  # a comment committed there: the course's token dropped
        return False

    request = RequestFactory().get(cached_course["post"].url)
    with monkeypatch.context() as patch:
        patch.setattr(audience.cache, "add", add_lost_to_a_race)
        PageCacheMiddleware(lambda request: public_page("before the comment"))(request)
    after = PageCacheMiddleware(lambda request: public_page("after the comment"))(request)
    assert after.content == b"after the comment"


def test_nothing_is_cached_when_the_cache_is_off(settings, reader, cached_course):
    settings.SEMINAR_PAGE_CACHE_SECONDS = 0
    url = cached_course["post"].url
    reader.get(url)
    assert "X-Page-Cache" not in reader.get(url)


@pytest.mark.redis
def test_with_redis_url_the_pages_are_kept_in_redis_for_every_app_server(reader, cached_course):
    reader.warm([cached_course["post"].url])
    redis = Redis.from_url(os.environ["REDIS_URL"])
    assert any(b"seminar:page:entry:" in key for key in redis.scan_iter())
    assert any(b"seminar:page:token:" in key for key in redis.scan_iter())


def test_a_wrong_course_hint_never_serves_a_stale_page(reader, cached_course, committed, monkeypatch):
    """A process's hint of which course an entry belongs to only saves a round trip: pointing it at another
    course must not let an entry outlive a change to its own."""
    post = cached_course["post"]
    reader.warm([post.url])
    assert page_cache.course_hints, "the warm-up's hit left no hint to falsify"
    monkeypatch.setattr(page_cache, "course_hints", dict.fromkeys(page_cache.course_hints, "0001zzzz"))
    with committed():
        invalidate(post.path)
    assert reader.get(post.url)["X-Page-Cache"] == RENDERED
    assert reader.get(post.url)["X-Page-Cache"] == HIT


@pytest.fixture
def local_copies(monkeypatch):
    """Each process's own copies of the pages it served (on by default with Redis), here 1 MB."""
    monkeypatch.setattr(page_cache, "local_entries", LocalEntries(1024 * 1024))
    return page_cache.local_entries


def test_a_hit_on_a_page_this_process_kept_fetches_only_the_tokens(reader, cached_course, local_copies, monkeypatch):
    url = cached_course["post"].url
    first = reader.get(url)
    fetched = []
    real_get_many = page_cache.cache.get_many
    monkeypatch.setattr(page_cache.cache, "get_many", lambda keys: fetched.extend(keys) or real_get_many(keys))
    again = reader.get(url)
    assert again["X-Page-Cache"] == HIT and again.content == first.content
    assert fetched and all(":token:" in key for key in fetched), fetched


def test_a_page_this_process_kept_is_not_served_after_a_change(reader, cached_course, local_copies, committed):
    post = cached_course["post"]
    reader.warm([post.url])
    with committed():
        approved_comment(post, text="A second thought on the speech")
    assert "A second thought" in reader.get(post.url).text


def test_the_copies_a_process_keeps_stay_within_their_limit():
    copies = LocalEntries(limit=1000)
    for number in range(10):
        copies.put(f"page {number}", {"content": b"x" * 300})
    copies.get("page 7")
    copies.put("page 10", {"content": b"x" * 300})
    assert copies.size <= 1000 and list(copies.entries) == ["page 9", "page 7", "page 10"]
    copies.put("too big", {"content": b"x" * 1001})
    assert "too big" not in copies.entries
