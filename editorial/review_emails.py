"""Review emails, one per event, sent by django-tasks.

Wagtail's own workflow emails reach only `requested_by` on approval or rejection (not the post's author when
an instructor resubmitted for them), leave the submitter's name out of some mails, and send reviewers two mails
per submission when they are also superusers. Seminar replaces them: instructors hear of each submission once,
naming the student, unit and post, and again, marked as a resubmission, when the student resubmits after changes
were requested (Wagtail then resumes the workflow: it sends task_submitted, not workflow_submitted); the author hears
of approval, and of requested changes with the comment. Every link is on the course's own Site (a course under a
catalogue: the catalogue's), where the admin is served too, never on the one WAGTAILADMIN_BASE_URL.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from blog.models import StudentPostPage, public_name
from courses.outbox import mail_task
from courses.roles import staff_emails

WAGTAIL_HANDLERS = (
    "group_approval_task_submitted_email_notification",
    "workflow_state_submitted_email_notification",
    "workflow_state_rejected_email_notification",
    "workflow_state_approved_email_notification",
)


def _send(template, recipients, **context):
    subject, _, body = render_to_string(template, context).strip().partition("\n\n")
    for recipient in recipients:
        send_mail(subject.strip(), body, settings.DEFAULT_FROM_EMAIL, [recipient])


def _post_and_state(workflow_state_id):
    state = WorkflowState.objects.select_related("requested_by").filter(pk=workflow_state_id).first()
    post = state and StudentPostPage.objects.filter(pk=state.object_id).select_related("author").first()
    return post, state


def _edit_url(post):
    """The post's edit view on its course's Site (the admin is served on every host), as the readers' links are."""
    return post.get_site().root_url + reverse("wagtailadmin_pages:edit", args=[post.pk])


@mail_task
def send_submission_email(workflow_state_id, submitted_by_id, resubmitted=False):
    post, state = _post_and_state(workflow_state_id)
    if post is None:
        return
    unit = post.get_unit()
    student = post.author or state.requested_by
    _send(
        "review/email/submitted.txt",
        staff_emails(post.get_course(), exclude=submitted_by_id),
        post=post,
        unit=unit,
        student_name=(student.get_full_name() or public_name(student)) if student else "A student",
        late=bool(unit.due_date and state.created_at > unit.due_date),
        edit_url=_edit_url(post),
        resubmitted=resubmitted,
    )


@mail_task
def send_decision_email(workflow_state_id, decided_by_id):
    """The author hears the outcome: published, or changes requested with the reviewer's comment."""
    post, state = _post_and_state(workflow_state_id)
    author = post.author if post else None
    if author is None or not author.email or author.pk == decided_by_id:
        return
    if state.status == WorkflowState.STATUS_APPROVED:
        _send("review/email/approved.txt", [author.email], post=post)
    elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        task_state = state.current_task_state.specific if state.current_task_state else None
        comment = task_state.get_comment() if task_state else ""
        _send(
            "review/email/changes_requested.txt", [author.email], post=post, comment=comment, edit_url=_edit_url(post)
        )


def _is_post(workflow_state):
    return workflow_state.content_type.model_class() is StudentPostPage


def _changes_were_requested(workflow_state):
    """Whether a reviewer sent this post back before: in this workflow (resumed) or an earlier one (restarted)."""
    return TaskState.objects.filter(
        workflow_state__base_content_type_id=workflow_state.base_content_type_id,
        workflow_state__object_id=workflow_state.object_id,
        status=TaskState.STATUS_REJECTED,
    ).exists()


def on_submitted(sender, instance, user=None, **kwargs):
    """A new workflow: a first submission, or a restarted one after changes were requested."""
    if _is_post(instance):
        send_submission_email.enqueue(instance.pk, user.pk if user else None, _changes_were_requested(instance))


def on_task_submitted(sender, instance, user=None, **kwargs):
    """A task started. Only a resumed workflow is news here ("Resubmit" after "Request changes": the task it was
    sent back from starts again); a new workflow's first task was already announced by on_submitted."""
    workflow_state = instance.workflow_state
    if not _is_post(workflow_state):
        return
    sent_back = TaskState.objects.filter(
        workflow_state=workflow_state, task_id=instance.task_id, status=TaskState.STATUS_REJECTED
    )
    if sent_back.exclude(pk=instance.pk).exists():
        send_submission_email.enqueue(workflow_state.pk, user.pk if user else None, True)


def on_decided(sender, instance, user=None, **kwargs):
    if _is_post(instance):
        send_decision_email.enqueue(instance.pk, user.pk if user else None)


def connect():
    """Swap Wagtail's workflow emails for these. Called from EditorialConfig.ready, after wagtail.admin's."""
    from wagtail.models import TaskState
    from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

    task_submitted.disconnect(sender=TaskState, dispatch_uid=WAGTAIL_HANDLERS[0])
    for signal, uid in zip(
        (workflow_submitted, workflow_rejected, workflow_approved), WAGTAIL_HANDLERS[1:], strict=True
    ):
        signal.disconnect(sender=WorkflowState, dispatch_uid=uid)
    workflow_submitted.connect(on_submitted, sender=WorkflowState, dispatch_uid="seminar_review_submitted")
    # Sent with the task state's specific class as sender (TaskState or a subclass): listen to every sender.
    task_submitted.connect(on_task_submitted, dispatch_uid="seminar_review_resubmitted")
    workflow_approved.connect(on_decided, sender=WorkflowState, dispatch_uid="seminar_review_approved")
    workflow_rejected.connect(on_decided, sender=WorkflowState, dispatch_uid="seminar_review_rejected")
