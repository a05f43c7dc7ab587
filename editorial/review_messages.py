"""What the editor says after each review action on a post, in place of Wagtail's "Page '…' has been updated.".

Wagtail's edit view adds one success message per action (approving and requesting changes both say the page "has
been updated"; submitting and resubmitting say it "has been submitted for moderation") and then runs the
`after_edit_page` hooks (`after_create_page` for a post submitted as it is created). `say_what_review_did`, one of
those hooks (editorial/wagtail_hooks.py), reads what the request asked for and what the post's workflow now says,
and swaps that last message for one naming the outcome and who was emailed (editorial/review_emails.py sends them).
"""

from django.contrib import messages as django_messages
from django.urls import reverse
from wagtail.admin import messages
from wagtail.models import TaskState, WorkflowState

from blog.models import StudentPostPage
from courses.roles import staff_emails
from editorial.review_notes import known_name


def _decided_by(state, user):
    """Whether `user` is who finished (approved or rejected) the workflow state's current task."""
    return state.current_task_state is not None and state.current_task_state.finished_by_id == user.pk


def _approved(request, post):
    latest = post.workflow_states.select_related("current_task_state").order_by("-created_at", "-pk").first()
    if latest is None or latest.status != WorkflowState.STATUS_APPROVED or not _decided_by(latest, request.user):
        return None
    return f"Approved and published: “{post.title}”.", []


def _changes_requested(request, post):
    state = post.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES or not _decided_by(state, request.user):
        return None
    author = post.author
    if author is None or author.pk == request.user.pk:
        return "Changes requested.", []
    name = known_name(author)
    if not author.email:
        return f"Changes requested; {name} has no email address, so was not emailed.", []
    return f"Changes requested; {name} was emailed.", []


def _submitted(request, post):
    state = post.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS or state.current_task_state is None:
        return None
    if state.current_task_state.revision_id != post.latest_revision_id:
        return None  # not the version just saved: the request only saved a draft (a review was already under way)
    # A resubmission as the instructors' email calls it: changes were requested on this post before.
    again = TaskState.objects.filter(workflow_state__in=post.workflow_states, status=TaskState.STATUS_REJECTED)
    done = "Resubmitted for review" if again.exists() else "Submitted for review"
    told = "; your instructors were emailed." if staff_emails(post.get_course(), exclude=request.user.pk) else "."
    buttons = [
        messages.button(reverse("wagtailadmin_pages:view_draft", args=[post.pk]), "View draft", new_window=True),
        messages.button(reverse("wagtailadmin_pages:edit", args=[post.pk]), "Edit"),
    ]
    return done + told, buttons


def _outcome(request, post):
    """(message, buttons) for the review step this request took on the post, or None when it took none."""
    data = request.POST
    if data.get("action-workflow-action"):
        action = data.get("workflow-action-name")
        if action == "approve":
            return _approved(request, post)
        if action == "reject":
            return _changes_requested(request, post)
        return None
    if data.get("action-submit") or data.get("action-restart-workflow"):
        return _submitted(request, post)
    return None


def _replace_last_message(request, text, buttons):
    """Wagtail's message for the action is the last one queued: keep the others, say `text` instead of it."""
    storage = django_messages.get_messages(request)
    queued = list(storage)  # reading them marks them all as shown: add back those to keep
    if queued and queued[-1].level == django_messages.SUCCESS:
        queued.pop()
    for message in queued:
        storage.add(message.level, message.message, message.extra_tags)
    messages.success(request, text, buttons=buttons)


def say_what_review_did(request, page):
    if request.method != "POST" or not isinstance(page, StudentPostPage):
        return
    outcome = _outcome(request, page)
    if outcome is not None:
        _replace_last_message(request, *outcome)
