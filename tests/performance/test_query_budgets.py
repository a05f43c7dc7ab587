"""A course costs the same to read whatever its size: every public page is served to an anonymous reader in a
fixed number of queries, the same for a course of 10 posts as for one of 1,000, and for a post with 2 comments as
for one with 200.

The two courses are built once for this module (each its own Site, as every course is) and rolled back after it.
"""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, Site

from blog.models import CourseUnitPage, StudentPostPage
from courses.models import Role
from courses.roles import enrol
from home.models import HomePage
from tests.comment_helpers import approved_comment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIZES = {"small": (10, 2), "large": (1000, 200)}  # posts in the unit, comments on the discussed post
AUTHORS = 5
BODY = [("paragraph_block", "<p>The Thaw loosened censorship, emptied camps and filled the journals.</p>")]


def build_course(name, posts, comments):
    """A course (HomePage and Site) with one unit of `posts` posts by five authors, all tagged "thaw", and a
    discussion of `comments` comments in three levels on the newest post. Saved directly, without revisions:
    the fast way to a large course."""
    home = Page.get_first_root_node().add_child(instance=HomePage(title=f"Course {name}", slug=f"course-{name}"))
    Site.objects.create(hostname=f"{name}.example.edu", port=80, root_page=home)
    unit = home.add_child(instance=CourseUnitPage(title="Khrushchev and the Thaw", slug="thaw"))
    authors = [UserFactory(username=f"{name}-author-{n}", first_name=f"Author{n}") for n in range(AUTHORS)]
    start = timezone.now() - timedelta(days=posts)
    for number in range(posts):
        post = StudentPostPage(
            title=f"The Thaw, part {number}",
            slug=f"thaw-{number}",
            author=authors[number % AUTHORS],
            body=BODY,
            first_published_at=start + timedelta(days=number),
            last_published_at=start + timedelta(days=number),
        )
        post.tags.add("thaw")  # kept with the post, saved with it
        unit.add_child(instance=post)
    newest = StudentPostPage.objects.child_of(unit).order_by("-first_published_at").first()
    parent = None
    for number in range(comments):
        parent = approved_comment(newest, text=f"Comment {number}", parent=parent if number % 3 else None)
    return {"host": f"{name}.example.edu", "home": home, "unit": unit, "post": newest, "author": authors[0]}


@pytest.fixture(scope="module")
def courses(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield {name: build_course(name, *size) for name, size in SIZES.items()}
        transaction.set_rollback(True)


def queries_for(client, course, path):
    client.get(path, HTTP_HOST=course["host"])  # warm Wagtail's per-process caches (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HOST=course["host"])
    assert response.status_code == 200, f"{path} on {course['host']} answered {response.status_code}"
    return len(queries)


def within(page):
    """The page's address on its own course's site."""
    return page.get_url_parts()[2]


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


# A member's request reads their session and their account; nothing else on a public page may depend on who reads.
SESSION_AND_ACCOUNT = 2


@pytest.mark.parametrize("page", ["home", "unit listing", "post with its discussion"])
def test_a_logged_in_student_reads_for_the_queries_of_a_stranger_plus_their_session(client, courses, page):
    """The members' bar comes from its own endpoint (tests/members/test_member_bar.py counts it), so a student's page
    is the stranger's page: no Wagtail userbar (15.6 KB and 11 queries a page before), nothing personal."""
    course = courses["small"]
    student = course["author"]
    enrol(student, course["home"], Role.STUDENT)
    address = PAGES[page][0](course)
    stranger = queries_for(client, course, address)
    member = Client()
    member.force_login(student)
    assert queries_for(member, course, address) == stranger + SESSION_AND_ACCOUNT
