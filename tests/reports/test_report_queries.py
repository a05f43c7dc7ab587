"""The participation report counts with one annotated query: 20 students cost what 2 do, on screen and exported."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

from blog.models import AuthorProfile
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


def add_students(make_post, workflow, first, last):
    """Students first..last-1, each with a reviewed post, a draft in review, a comment and a reply received."""
    for n in range(first, last):
        student = member("Students", username=f"s{n:02}")
        published = make_post(title=f"Post {n}", author=student)
        draft = make_post(title=f"Draft {n}", author=student, publish=False)
        workflow.start(draft, student)
        approved_comment(published, text=f"Own reply {n}", user=student)
        approved_comment(published, text=f"Guest on {n}")
        AuthorProfile.objects.filter(user=student).update(section="AB"[n % 2])


def read_report(client, **params):
    client.get(REPORT, params)  # warm Wagtail's per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(REPORT, params)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    return len(queries), body.decode()


@pytest.mark.parametrize("params", [{}, {"export": "csv"}, {"section": "A", "activity_from": "2000-01-01"}])
def test_the_cost_does_not_grow_with_the_class(client, make_post, workflow, params):
    client.force_login(member("Instructors"))

    add_students(make_post, workflow, 0, 2)
    two_count, two = read_report(client, **params)
    add_students(make_post, workflow, 2, 20)
    twenty_count, twenty = read_report(client, **params)

    expected = {f"s{n:02}" for n in range(20) if "section" not in params or n % 2 == 0}  # section A: even
    assert {f"s{n:02}" for n in range(20) if f"s{n:02}@" in twenty} == expected
    assert two_count == twenty_count <= QUERY_LIMIT
