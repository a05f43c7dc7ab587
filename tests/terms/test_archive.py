"""`manage.py archive_course`: a read-only course, still public with its feeds and sitemap under an "Archived
course" notice; no new post, submission, comment or like (a 4xx page that says why, nothing stored); its students'
and guests' enrolments ended, and exactly those restored by --undo; its cached pages rendered afresh."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment
from wagtail.models import Page, WorkflowState

from blog.models import StudentPostPage
from courses.models import Enrolment, Role
from courses.roles import enrol
from tests.comment_helpers import POST_URL, approved_comment, form_data
from tests.editorial_helpers import edit_form
from tests.factories import StudentPostPageFactory, UserFactory
from tests.page_cache_helpers import HIT, course_pages

pytestmark = pytest.mark.django_db


def archive(*args):
    out = StringIO()
    call_command("archive_course", "--course", "home", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def members(course):
    people = {role: UserFactory(username=f"the-{role}") for role in Role}
    for role, user in people.items():
        enrol(user, course, role)
    people["left"] = UserFactory(username="left")
    enrol(people["left"], course, Role.STUDENT)
    Enrolment.objects.filter(user=people["left"]).update(active=False)  # left before the course was archived
    return people


@pytest.fixture
def post(unit, members):
    post = StudentPostPageFactory(parent=unit, author=members[Role.STUDENT], title="The Secret Speech")
    approved_comment(post, text="What did the delegates make of it?")
    return post


def active(course):
    return set(Enrolment.objects.filter(course=course, active=True).values_list("user__username", flat=True))


def test_every_page_says_so_and_the_feeds_and_sitemap_are_still_served(course, unit, post):
    assert "Archived course" not in Client().get(post.url).text
    assert archive().startswith("Archived Soviet History (Spring 2017): 2 student and guest enrolments ended.")
    client = Client()
    for url in [
        course.url,
        unit.url,
        post.url,
        f"{course.url}search/?q=speech",
        reverse("comment-page", args=[post.pk]),
    ]:
        page = client.get(url)
        assert page.status_code == 200 and "Archived course: Spring 2017." in page.text, url
    thread = client.get(post.url).text
    assert "This course is archived: its discussion is closed." in thread and "data-form-url" not in thread
    assert "What did the delegates make of it?" in thread and ">Like<" not in thread
    for url in [f"{course.url}feed/rss/", f"{unit.url}feed/atom/", f"{post.url}comments/feed/", "/sitemap.xml"]:
        response = client.get(url)
        assert response.status_code == 200 and post.full_url in response.text, url


def test_no_comment_reply_or_like_is_taken(course, post, members):
    archive()
    comment = XtdComment.objects.get()
    reader = Client()
    reader.force_login(members[Role.INSTRUCTOR])  # even the course's staff
    before = (XtdComment.objects.count(), CommentFlag.objects.count())
    refused = [
        reader.post(POST_URL, form_data(post, comment="Late thoughts.")),
        Client().post(POST_URL, form_data(post, comment="A stranger's late thoughts.")),
        reader.post(POST_URL, form_data(post, comment="A late reply.", reply_to=comment.pk)),
        reader.post(reverse("comments-xtd-like", args=[comment.pk])),
        reader.get(reverse("comment-form-fragment", args=[post.pk])),
    ]
    for response in refused:
        assert response.status_code == 403 and "This course is archived" in response.text
    assert (XtdComment.objects.count(), CommentFlag.objects.count()) == before
    reply_page = reader.get(reverse("comments-xtd-reply", args=[comment.pk])).text
    assert "takes no new comments or likes" in reply_page and 'name="comment"' not in reply_page
    queue_reply = reader.post(reverse("comment_moderation:reply", args=[comment.pk]), {"text": "As instructor."})
    assert queue_reply.status_code == 302 and XtdComment.objects.count() == before[0]


def test_no_post_is_added_or_submitted_in_the_admin(course, unit, members):
    draft = StudentPostPageFactory(parent=unit, author=members[Role.STUDENT], title="Unfinished", publish=False)
    archive()
    student = Client()
    student.force_login(members[Role.STUDENT])
    add_url = reverse("wagtailadmin_pages:add", args=["blog", "studentpostpage", unit.pk])
    assert student.get(add_url).status_code == 302  # their enrolment has ended: no admin at all
    enrol(members[Role.STUDENT], course, Role.STUDENT)  # re-enrolled by hand, the course is still read-only
    pages = Page.objects.count()
    new_post = StudentPostPage(title="Too late", slug="too-late")
    response = student.post(add_url, edit_form(new_post, "action-submit"))
    assert response.status_code == 403 and "An archived course takes nothing new" in response.text
    submitted = student.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), edit_form(draft, "action-submit"))
    assert submitted.status_code == 403 and "takes no submissions" in submitted.text
    assert Page.objects.count() == pages and not WorkflowState.objects.exists()
    draft.refresh_from_db()
    assert draft.revisions.count() == 1


def test_undo_restores_exactly_the_enrolments_archiving_ended(course, members):
    everyone = {"the-instructor", "the-ta", "the-student", "the-guest"}
    assert active(course) == everyone
    archive()
    assert active(course) == {"the-instructor", "the-ta"}
    assert "archived already: nothing changed" in archive()
    assert archive("--undo").startswith("Reopened Soviet History (Spring 2017): 2 enrolments restored.")
    assert active(course) == everyone  # not "left", who had left before
    assert "not archived: nothing changed" in archive("--undo")
    course.refresh_from_db()
    assert course.archived_at is None and not Enrolment.objects.filter(ended_by_archive=True).exists()


def test_archiving_and_reopening_render_the_courses_pages_afresh(reader, cached_course, committed):
    pages = course_pages(cached_course["course"], cached_course["unit"], cached_course["post"])
    for change in ((), ("--undo",)):
        reader.warm(pages.values())
        with committed():
            archive(*change)
        for name in ("home", "unit", "post"):
            response = reader.get(pages[name])
            assert response.get("X-Page-Cache") != HIT, name
            assert ("Archived course" in response.text) == (change == ()), name


def test_publishing_an_older_revision_does_not_reopen_it(course):
    revision = course.latest_revision
    archive()
    revision.publish()
    course.refresh_from_db()
    assert course.is_archived


def test_the_catalogue_lists_archived_courses_under_past_terms(catalogue):
    under = ("--under", "seminar.example.edu")
    call_command("create_course", "Open Ended", "--term", "Fall 2026", *under)
    call_command("create_course", "Archived Early", "--term", "Fall 2026", *under)
    call_command(
        "create_course", "Medieval", "--term", "Spring 2018", "--starts", "2018-01-10", "--ends", "2018-05-01", *under
    )
    call_command("archive_course", "--course", "archived-early-fall-2026", stdout=StringIO())
    html = Client(HTTP_HOST="seminar.example.edu").get("/").text
    current, past = html.split("Past terms")
    assert "Open Ended" in current and "Archived Early" in past and "Medieval" in past
    assert "Archived" in past[past.index("Archived Early") + 14 :] and "Archived" not in current
