"""The review list costs the same number of queries for a class of 300 as for one of 10: a student's extension, their
section's, and each post's grade cost no query per row, on screen and in the CSV download."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, WorkflowPage, WorkflowState

from blog.models import StudentPostPage
from courses.models import Enrolment, Role
from grading.models import Extension
from tests.factories import StudentPostPageFactory, member
from tests.grading_helpers import *  # noqa: F403 (the due_unit fixture)
from tests.grading_helpers import DUE, assignment, make_grade

pytestmark = pytest.mark.django_db
URL = "/admin/reports/review/"


def add_class(course, unit, size, posts):
    """`size` students in sections A and B (bulk-created); the first `posts` of them have a post in review, every
    third with an extension of their own, section B with one too, every other post graded."""
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"class-{n:03}", first_name="Student", last_name=f"N{n:03}") for n in range(size)
    )
    Enrolment.objects.bulk_create(
        Enrolment(user=user, course=course, role=Role.STUDENT, section="AB"[n % 2]) for n, user in enumerate(users)
    )
    workflow = WorkflowPage.objects.get(page=course).workflow
    page_type = ContentType.objects.get_for_model(Page)
    post_type = ContentType.objects.get_for_model(StudentPostPage)
    for n, user in enumerate(users[:posts]):
        post = StudentPostPageFactory(parent=unit, author=user, title=f"Post {n:03}", publish=False)
        post.save_revision(user=user)
        WorkflowState.objects.create(
            workflow=workflow,
            base_content_type=page_type,
            content_type=post_type,
            object_id=str(post.pk),
            status=WorkflowState.STATUS_IN_PROGRESS,
            requested_by=user,
        )
        if n % 3 == 0:
            Extension.objects.create(unit=unit, student=user, due_date=DUE + timedelta(days=2))
        if n % 2 == 0:
            make_grade(post, points=7)
    Extension.objects.create(unit=unit, section="B", due_date=DUE + timedelta(days=1))


def cost(client, query=""):
    client.get(URL + query)  # Wagtail's caches warmed
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL + query)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    return len(queries), body.decode()


@pytest.mark.parametrize("query", ["", "?export=csv", "?timeliness=late"])
def test_the_review_list_costs_the_same_for_10_and_300_students(course, due_unit, second_course, query):
    assignment(due_unit, points=10)
    instructor = member("Instructors", course=course)
    client = Client()
    client.force_login(instructor)
    add_class(course, due_unit, 10, 10)
    small, shown = cost(client, query)
    assert "Draft: 7 / 10" in shown or query == "?timeliness=late"  # what the budget covers: the grade column
    StudentPostPage.objects.all().delete()  # the second class replaces the first
    Enrolment.objects.filter(role=Role.STUDENT).delete()
    get_user_model().objects.filter(username__startswith="class-").delete()
    Extension.objects.all().delete()
    add_class(course, due_unit, 300, 60)

    large, shown = cost(client, query)

    assert large == small
    if not query:
        assert shown.count("Draft: 7 / 10") == 25 and shown.count("Extended") >= 25  # a page of 50 rows
