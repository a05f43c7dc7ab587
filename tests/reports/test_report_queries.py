"""The participation report counts with one annotated query: 20 students cost what 2 do, on screen and exported,
and a second course's students and work (a classmate enrolled in both included) change neither the cost nor the
numbers."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

from courses.models import Enrolment, Role
from courses.roles import enrol
from tests.comment_helpers import approved_comment
from tests.factories import member
from tests.report_helpers import REPORT

pytestmark = pytest.mark.django_db
QUERY_LIMIT = 25


@pytest.fixture
def workflow(db):
    task = GroupApprovalTask.objects.create(name="Instructor review")
    task.groups.set([Group.objects.get(name="Instructors")])
    workflow = Workflow.objects.create(name="Post review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def add_students(make_post, workflow, course, first, last, unit=None, prefix="s"):
    """Students first..last-1 of `course`, each with a reviewed post, a draft in review, a comment and a reply."""
    for n in range(first, last):
        student = member("Students", course=course, username=f"{prefix}{n:02}")
        place = {"parent": unit} if unit else {}
        published = make_post(title=f"Post {prefix}{n}", author=student, **place)
        draft = make_post(title=f"Draft {prefix}{n}", author=student, publish=False, **place)
        workflow.start(draft, student)
        approved_comment(published, text=f"Own reply {n}", user=student)
        approved_comment(published, text=f"Guest on {n}")
        Enrolment.objects.filter(user=student, course=course).update(section="AB"[n % 2])


def read_report(client, **params):
    client.get(REPORT, params)  # warm Wagtail's per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(REPORT, params)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    return len(queries), body.decode()


@pytest.mark.parametrize("params", [{}, {"export": "csv"}, {"section": "A", "activity_from": "2000-01-01"}])
def test_the_cost_does_not_grow_with_the_class(client, course, second_course, second_unit, make_post, workflow, params):
    client.force_login(member("Instructors", course=course))
    add_students(make_post, workflow, second_course, 0, 5, unit=second_unit, prefix="m")  # the other course
    params = {"course": course.pk, **params}

    add_students(make_post, workflow, course, 0, 2)
    two_count, two = read_report(client, **params)
    add_students(make_post, workflow, course, 2, 20)
    enrol(member("Students", course=second_course, username="m05"), course, Role.STUDENT)  # in both courses
    twenty_count, twenty = read_report(client, **params)

    expected = {f"s{n:02}" for n in range(20) if "section" not in params or n % 2 == 0}  # section A: even
    assert {f"s{n:02}" for n in range(20) if f"s{n:02}@" in twenty} == expected
    assert not any(f"m{n:02}@" in twenty for n in range(5))
    assert ("m05@" in twenty) == ("section" not in params)  # enrolled in this course too, without a section
    assert two_count == twenty_count <= QUERY_LIMIT
