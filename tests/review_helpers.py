"""The course's "Instructor review" workflow, and moving a post through it as the admin's buttons do."""

import pytest
from wagtail.models import WorkflowPage


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
