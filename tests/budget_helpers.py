"""Courses of two sizes for the query-budget tests (tests/performance/): built once a module, each its own Site,
saved directly without revisions (the fast way to a large course), rolled back after the module."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG
from wagtail.models import Page, Site

from blog.models import CourseUnitPage, StudentPostPage
from courses.models import Role
from courses.roles import enrol
from home.models import HomePage
from tests.comment_helpers import approved_comment
from tests.factories import UserFactory

BODY = [("paragraph_block", "<p>The Thaw loosened censorship, emptied camps and filled the journals.</p>")]


def build_course(name, posts, comments, authors=5, with_student=False):
    """A course (HomePage and Site) with one unit of `posts` posts by `authors` authors, all tagged "thaw", and a
    discussion of `comments` comments in three levels on the newest post. `with_student`: a student enrolled
    there too (Marcus Hale), writing every third comment and liking every other one."""
    home = Page.get_first_root_node().add_child(instance=HomePage(title=f"Course {name}", slug=f"course-{name}"))
    Site.objects.create(hostname=f"{name}.example.edu", port=80, root_page=home)
    unit = home.add_child(instance=CourseUnitPage(title="Khrushchev and the Thaw", slug="thaw"))
    writers = [UserFactory(username=f"{name}-author-{n}", first_name=f"Author{n}") for n in range(authors)]
    student = UserFactory(username=f"{name}-student", first_name="Marcus", last_name="Hale") if with_student else None
    for user in [*writers, student] if student else []:
        enrol(user, home, Role.STUDENT)
    start = timezone.now() - timedelta(days=posts)
    for number in range(posts):
        post = StudentPostPage(
            title=f"The Thaw, part {number}",
            slug=f"thaw-{number}",
            author=writers[number % authors],
            body=BODY,
            first_published_at=start + timedelta(days=number),
            last_published_at=start + timedelta(days=number),
        )
        post.tags.add("thaw")  # kept with the post, saved with it
        unit.add_child(instance=post)
    newest = StudentPostPage.objects.child_of(unit).order_by("-first_published_at").first()
    parent = None
    for number in range(comments):
        by = student if student and number % 3 == 2 else None
        parent = approved_comment(newest, text=f"Comment {number}", parent=parent if number % 3 else None, user=by)
        if student and number % 2:
            CommentFlag.objects.create(comment=parent, user=student, flag=LIKEDIT_FLAG)
    host = f"{name}.example.edu"
    return {"host": host, "home": home, "unit": unit, "post": newest, "author": writers[0], "student": student}


def built_courses(django_db_blocker, sizes, **options):
    """For a module-scoped fixture: yields {name: course} built from `sizes` ({name: (posts, comments)})."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield {name: build_course(name, *size, **options) for name, size in sizes.items()}
        transaction.set_rollback(True)


def within(page):
    """The page's address on its own course's site."""
    return page.get_url_parts()[2]
