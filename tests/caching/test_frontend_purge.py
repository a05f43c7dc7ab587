"""A CDN or Varnish in front of the app servers is purged, through wagtail.contrib.frontend_cache, of every URL
that shows a change, once the change is committed: here a local HTTP endpoint stands in for it."""

import pytest

from discussion import actions
from tests.comment_helpers import held_comment
from tests.factories import member
from tests.page_cache_helpers import course_pages, paths

pytestmark = pytest.mark.django_db


def test_publishing_a_post_purges_every_page_that_shows_it(purge_endpoint, cached_course, make_post, committed):
    course, unit = cached_course["course"], cached_course["unit"]
    with committed():
        post = make_post(title="Ehrenburg and the Thaw", author=cached_course["author"], tags=["thaw"])
    assert purge_endpoint, "nothing was purged"
    assert {host for host, _path in purge_endpoint} == {"localhost"}  # the course Site's host name
    expected = set(course_pages(course, unit, post).values()) | {f"{unit.url}?page=1"}
    assert expected <= paths(purge_endpoint), expected - paths(purge_endpoint)
    assert f"{course.url}comments/feed/" in paths(purge_endpoint) and f"{unit.url}feed/rss/" in paths(purge_endpoint)


def test_nothing_is_purged_before_the_commit(purge_endpoint, cached_course, django_capture_on_commit_callbacks):
    post = cached_course["post"]
    with django_capture_on_commit_callbacks(execute=False):
        post.unpublish()
    assert purge_endpoint == []


def test_an_approved_comment_purges_its_post_and_the_listings(purge_endpoint, cached_course, committed):
    post, unit, course = cached_course["post"], cached_course["unit"], cached_course["course"]
    comment = held_comment(post, text="Was the speech really secret?")
    with committed():
        actions.approve(comment, member("Instructors"))
    assert {post.url, f"{post.url}comments/feed/", unit.url, course.url, f"{course.url}comments/feed/"} <= paths(
        purge_endpoint
    )


def test_a_moved_post_is_purged_at_its_old_and_new_address(purge_endpoint, cached_course, committed):
    from tests.factories import CourseUnitPageFactory

    post, old_unit = cached_course["post"], cached_course["unit"]
    other = CourseUnitPageFactory(parent=cached_course["course"], title="Stalin and Stalinism")
    other.save_revision().publish()
    old_url = post.url
    with committed():
        post.move(other, pos="last-child")
    post.refresh_from_db()
    assert {old_url, post.url, old_unit.url, other.url} <= paths(purge_endpoint)


def test_shared_pages_let_the_cdn_keep_them_for_a_while(purge_endpoint, client, cached_course):
    response = client.get(cached_course["post"].url)
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate, s-maxage=300"


def test_without_a_cdn_every_cache_asks_before_each_reuse(settings, client, cached_course):
    assert settings.WAGTAILFRONTENDCACHE == {}
    assert client.get(cached_course["post"].url)["Cache-Control"] == "public, max-age=0, must-revalidate"
