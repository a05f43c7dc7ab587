"""The course's "Instructor review" workflow, and moving a post through it as the admin's buttons do; a student
(Dana Reyes), a reviewer (Dr Ada Lovelace) and Dana's draft that Dr Lovelace sent back (`sent_back`). Import the
fixtures with `from tests.review_helpers import *  # noqa: F403`."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import TaskState, WorkflowPage

from tests.factories import member

# When Dr Lovelace sent Dana's draft back, for tests that show the date.
REQUESTED_AT = datetime(2017, 3, 3, 14, 30, tzinfo=ZoneInfo("America/New_York"))


@pytest.fixture
def review_workflow(course):
    """The course's own review workflow, for its instructors and TAs (migration courses/0004 made it)."""
    return WorkflowPage.objects.get(page=course).workflow


def submit(post, user):
    post.save_revision(user=user)
    return post.get_workflow().start(post, user)


def approve(post, user, comment=""):
    post.refresh_from_db()
    post.current_workflow_task_state.specific.approve(user=user, comment=comment)


def request_changes(post, user, comment):
    post.refresh_from_db()
    post.current_workflow_task_state.specific.reject(user=user, comment=comment)


@pytest.fixture
def student(db):
    return member("Students", username="dreyes", first_name="Dana", last_name="Reyes")


@pytest.fixture
def reviewer(db):
    return member("Instructors", username="alovelace", first_name="Dr Ada", last_name="Lovelace")


@pytest.fixture
def sent_back(request, make_draft, student, reviewer):
    """Dana's draft, submitted and returned by Dr Lovelace with the test module's COMMENT on 3 March 2017."""
    post = make_draft(title="The Illusion of Khrushchev", author=student)
    submit(post, student)
    request_changes(post, reviewer, request.module.COMMENT)
    TaskState.objects.filter(status=TaskState.STATUS_REJECTED).update(finished_at=REQUESTED_AT)
    return post
