"""A course costs the same to read whatever its size: every public page is served to an anonymous reader in a
fixed number of queries, the same for a course of 10 posts as for one of 1,000, and for a post with 2 comments as
for one with 200.

The two courses are built once for this module (each its own Site, as every course is) and rolled back after it.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from courses.models import Role
from courses.roles import enrol
from tests.budget_helpers import built_courses, within

pytestmark = pytest.mark.django_db

SIZES = {"small": (10, 2), "large": (1000, 200)}  # posts in the unit, comments on the discussed post
AUTHORS = 5


@pytest.fixture(scope="module")
def courses(django_db_setup, django_db_blocker):
    yield from built_courses(django_db_blocker, SIZES, authors=AUTHORS)


def queries_for(client, course, path):
    client.get(path, HTTP_HOST=course["host"])  # warm Wagtail's per-process caches (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HOST=course["host"])
    assert response.status_code == 200, f"{path} on {course['host']} answered {response.status_code}"
    return len(queries)


PAGES = {
    # page: (address within the course, most queries allowed)
    "home": (lambda course: "/", 15),
    "unit listing": (lambda course: within(course["unit"]), 12),
    "post with its discussion": (lambda course: within(course["post"]), 15),
    "author archive": (lambda course: f"/authors/{course['author'].author_profile.slug}/", 12),
    "tag archive": (lambda course: "/tags/thaw/", 12),
    "search results": (lambda course: "/search/?q=thaw", 14),  # 13 on SQLite; PostgreSQL full text counts apart
    "site feed": (lambda course: "/feed/rss/", 12),
    "comment feed": (lambda course: f"{within(course['post'])}comments/feed/", 12),
    "sitemap": (lambda course: "/sitemap.xml", 12),
}


@pytest.mark.parametrize("page", PAGES)
def test_a_page_costs_the_same_for_a_course_a_hundred_times_larger(client, courses, page):
    address, limit = PAGES[page]
    small, large = (queries_for(client, courses[name], address(courses[name])) for name in ("small", "large"))
    assert small == large, f"{page}: {small} queries for the small course, {large} for the large one"
    assert large <= limit, f"{page}: {large} queries, more than {limit}"


# A member's request reads their account (their session comes through the cache); nothing else on a public page may
# depend on who reads.
ACCOUNT = 1


@pytest.mark.parametrize("page", ["home", "unit listing", "post with its discussion"])
def test_a_logged_in_student_reads_for_the_queries_of_a_stranger_plus_their_account(client, courses, page):
    """The members' bar comes from its own endpoint (tests/members/test_member_bar.py counts it), so a student's page
    is the stranger's page: no Wagtail userbar (15.6 KB and 11 queries a page before), nothing personal."""
    course = courses["small"]
    student = course["author"]
    enrol(student, course["home"], Role.STUDENT)
    address = PAGES[page][0](course)
    stranger = queries_for(client, course, address)
    member = Client()
    member.force_login(student)
    assert queries_for(member, course, address) == stranger + ACCOUNT
