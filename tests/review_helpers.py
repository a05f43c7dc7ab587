"""The course's "Instructor review" workflow, and moving a post through it as the admin's buttons do."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask


@pytest.fixture
def review_workflow(course):
    """The course's review workflow (the data migration creates one; a test database may predate it)."""
    workflow, created = Workflow.objects.get_or_create(name="Instructor review")
    if created or not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(
            name="Instructor approval", content_type=ContentType.objects.get_for_model(GroupApprovalTask)
        )
        task.groups.set([Group.objects.get(name="Instructors")])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=course, defaults={"workflow": workflow})
    return workflow


def submit(post, user):
    post.save_revision(user=user)
    return post.get_workflow().start(post, user)


def approve(post, user, comment=""):
    post.refresh_from_db()
    post.current_workflow_task_state.specific.approve(user=user, comment=comment)


def request_changes(post, user, comment):
    post.refresh_from_db()
    post.current_workflow_task_state.specific.reject(user=user, comment=comment)
