"""The review workflow through the admin: students submit, instructors approve or request changes."""

import pytest
from wagtail.models import Page, WorkflowState

from tests.editorial_helpers import *  # noqa: F403
from tests.editorial_helpers import LIVE_TITLE, REVISION_TITLE, edit_form

pytestmark = pytest.mark.django_db
CHANGES = "Cite the Secret Speech from the primary source, not the textbook."


def submit(client, post, **fields):
    response = client.post(f"/admin/pages/{post.pk}/edit/", edit_form(post, "action-submit", **fields))
    assert response.status_code == 302
    return Page.objects.get(pk=post.pk).specific


def act(client, post, action, comment=""):
    task_state = post.current_workflow_task_state
    url = f"/admin/pages/workflow/action/{post.pk}/{action}/{task_state.pk}/"
    assert client.post(url, {"comment": comment}).status_code == 302
    return Page.objects.get(pk=post.pk).specific


def test_a_student_submits_for_review_and_never_publishes(client, draft, student_a, instructor):
    client.force_login(student_a)
    editor = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert "Submit to Instructor review" in editor
    assert 'name="action-publish"' not in editor
    client.force_login(instructor)
    assert 'name="action-publish"' in client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()


def test_submitted_then_approved_goes_live(client, draft, student_a, instructor):
    client.force_login(student_a)
    post = submit(client, draft)
    assert post.workflow_in_progress and post.get_workflow().name == "Instructor review"
    assert not post.live
    client.force_login(instructor)
    editor = client.get(f"/admin/pages/{post.pk}/edit/").content.decode()
    assert "Approve" in editor and "Request changes" in editor
    post = act(client, post, "approve")
    assert post.live and not post.workflow_in_progress
    assert client.get(post.url).status_code == 200


def test_changes_requested_with_a_comment_the_student_reads(client, draft, student_a, instructor):
    client.force_login(student_a)
    post = submit(client, draft)
    client.force_login(instructor)
    post = act(client, post, "reject", comment=CHANGES)
    assert not post.live
    state = WorkflowState.objects.get(object_id=str(post.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    client.force_login(student_a)
    editor = client.get(f"/admin/pages/{post.pk}/edit/").content.decode()
    assert "Resubmit to Instructor approval" in editor and CHANGES in editor
    history = client.get(f"/admin/pages/{post.pk}/workflow_history/detail/{state.pk}/").content.decode()
    assert CHANGES in history


def test_an_edit_to_a_live_post_waits_for_approval(client, published, student_a, instructor):
    """The rewrite goes through review; readers keep the published version until an instructor approves."""
    client.force_login(student_a)
    post = submit(client, published, title=REVISION_TITLE)
    assert post.live and post.title == LIVE_TITLE and post.workflow_in_progress
    public = client.get(post.url).content.decode()
    assert LIVE_TITLE in public and REVISION_TITLE not in public
    client.force_login(instructor)
    post = act(client, post, "approve")
    assert post.title == REVISION_TITLE
    assert REVISION_TITLE in client.get(post.url).content.decode()
