"""A logged-in student reads the course for a fixed number of queries, whatever its size: every public page, and
the members' bar that fills in who they are, costs the same for a course of 3 posts and 5 comments as for one of
30 posts and 50 comments (a count that grew with the course would be an N+1 query).

Measured on SQLite on 2026-12-07 (each page's second request, the first having warmed Wagtail's per-process caches;
the student holds the member cookie, as after logging in); before issue 20 a student's page cost one query more
(their session, now read through the cache: SESSION_ENGINE cached_db):

    page                        anonymous  student
    home                           12         13
    unit listing                   12         13
    post with its discussion       14         15
    tag archive                    12         13
    author archive                 12         13
    search results                 13         14
    comment feed                   10         11
    members' bar on the post        -         10
    members' bar on the unit        -          6

A student's page is the stranger's page plus their account (1 query); none grows with the course. Issue 20's
target is at most 15 queries for the student on the post when the page cache misses (met);
`make bench` counts the same pages on PostgreSQL with production settings (its "queries" column). Search looks for
a word of the posts' text only: a query that also finds the unit costs one more query (its page type) wherever
the unit makes the first page of results.

The two courses are built once for this module (each its own Site, as every course is) and rolled back after it.
"""

import pytest
from django.test import Client

from members import cookie
from tests.budget_helpers import built_courses, within

pytestmark = pytest.mark.django_db

SIZES = {"small": (3, 5), "large": (30, 50)}  # posts in the unit, comments on the discussed post
AUTHORS = 3


@pytest.fixture(scope="module")
def courses(django_db_setup, django_db_blocker):
    yield from built_courses(django_db_blocker, SIZES, authors=AUTHORS, with_student=True)


PAGES = {
    # page: (address within the course, queries for the logged-in student)
    "home": (lambda course: "/", 13),
    "unit listing": (lambda course: within(course["unit"]), 13),
    "post with its discussion": (lambda course: within(course["post"]), 15),
    "tag archive": (lambda course: "/tags/thaw/", 13),
    "author archive": (lambda course: f"/authors/{course['author'].author_profile.slug}/", 13),
    "search results": (lambda course: "/search/?q=censorship", 14),
    "comment feed": (lambda course: f"{within(course['post'])}comments/feed/", 11),
    "members' bar on the post": (lambda course: f"/me/bar/?page={course['post'].pk}", 10),
    "members' bar on the unit": (lambda course: f"/me/bar/?page={course['unit'].pk}", 6),
}


def student_client(course):
    client = Client(HTTP_HOST=course["host"])
    client.force_login(course["student"])
    client.cookies[cookie.NAME] = "1"
    return client


@pytest.mark.parametrize("page", PAGES)
def test_a_student_reads_every_page_for_the_same_queries_whatever_the_course_size(
    courses, page, django_assert_num_queries
):
    address, budget = PAGES[page]
    for name in SIZES:
        course = courses[name]
        client = student_client(course)
        path = address(course)
        assert client.get(path).status_code == 200  # warms Wagtail's per-process caches (site root paths)
        with django_assert_num_queries(budget, info=f"{page} on the {name} course"):
            response = client.get(path)
        assert response.status_code == 200, f"{path} on {course['host']} answered {response.status_code}"


def test_the_bar_knows_which_comments_the_student_liked(courses):
    """The budget above is for a bar that does its work: the likes come back, one query for all of them."""
    course = courses["large"]
    state = student_client(course).get(f"/me/bar/?page={course['post'].pk}").json()
    assert state["member"] is True and state["write"].startswith("/admin/pages/add/blog/studentpostpage/")
    assert len(state["liked"]) == SIZES["large"][1] // 2
