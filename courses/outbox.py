"""Outgoing email that survives a killed worker and a mail server that is down.

OutboxBackend is the site's EMAIL_BACKEND: `send_mail` anywhere writes each message to the OutboxEmail table in the
caller's transaction (a page or task that rolls back sends nothing) and, once that commits, queues `deliver_email`.
The task hands the stored message to the real transport (OUTBOX_DELIVERY_BACKEND, SMTP in production) while it
holds the row locked, and marks it sent in the same transaction, committed right after the server accepted it:

- a worker killed before that commit drops its database connection, PostgreSQL rolls the transaction back and the
  email is waiting again, untouched; `manage.py deliver_outbox` (run when the worker starts, and from cron) queues
  every waiting email that is due, and a second task for one email finds it sent or locked and does nothing;
- the one window left: the server accepted the message and the worker died before the commit (a few milliseconds).
  That email is sent again, with the same Message-ID, which mail clients and archives recognise as one message;
- the server refusing the connection, dropping it or answering 4xx is a temporary failure: the attempt is counted
  and the next one scheduled after OUTBOX_RETRY_SECONDS, doubled each time, until OUTBOX_MAX_ATTEMPTS. A 5xx answer,
  or the last attempt failing, marks the email failed: the admin's "Emails not sent" report lists it with a Retry;
- a killed worker's task row would stay "running" for good: `deliver_outbox` marks it failed, with WorkerLost and
  what became of its email, once nothing holds that email and the task is older than OUTBOX_LOST_TASK_SECONDS;
- a task that writes emails (`@mail_task`) writes them in one transaction: killed, it wrote none, and
  `deliver_outbox` runs it again.
"""

import logging
import smtplib
from datetime import timedelta
from email.utils import make_msgid
from functools import partial, wraps

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from courses.models import OutboxEmail

Status = OutboxEmail.Status
logger = logging.getLogger(__name__)
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def max_attempts():
    return getattr(settings, "OUTBOX_MAX_ATTEMPTS", 6)


def retry_delay(attempts):
    """How long to wait after the `attempts`-th failed attempt: OUTBOX_RETRY_SECONDS, doubled after each one."""
    return timedelta(seconds=getattr(settings, "OUTBOX_RETRY_SECONDS", 60) * 2 ** (attempts - 1))


class OutboxBackend(BaseEmailBackend):
    """Stores each message and queues its delivery when the current transaction commits."""

    def send_messages(self, email_messages):
        now = timezone.now()
        for message in email_messages:
            message.extra_headers.setdefault("Message-ID", make_msgid(domain=DNS_NAME))
            email = OutboxEmail.objects.create(
                message_id=message.extra_headers["Message-ID"],
                from_email=message.from_email,
                recipients="\n".join(message.recipients()),
                subject=str(message.subject)[:255],
                raw=message.message().as_bytes(linesep="\r\n"),
                next_attempt_at=now,
            )
            transaction.on_commit(partial(queue_delivery, email), robust=True)
        return len(email_messages)


class StoredMessage(EmailMessage):
    """An OutboxEmail as the transport backends take it: its stored bytes, sent as they are."""

    def __init__(self, email):
        super().__init__(subject=email.subject, from_email=email.from_email, to=email.recipients.splitlines())
        self.raw = bytes(email.raw)

    def message(self):
        return RawMessage(self.raw)


class RawMessage:
    """What the backends ask of a message: its bytes (stored with CRLF line ends, as SMTP wants them)."""

    def __init__(self, raw):
        self.raw = raw

    def as_bytes(self, linesep="\r\n"):
        return self.raw


def queue_delivery(email):
    """A delivery task for `email`, to run when it is due (at once where the task backend cannot wait)."""
    run_after = email.next_attempt_at if deliver_email.get_backend().supports_defer else None
    deliver_email.using(run_after=run_after).enqueue(email.pk)


def temporary(error):
    """Whether a later attempt may succeed: no connection, a dropped one, or a 4xx answer."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, OSError)  # refused, timed out, disconnected (SMTPServerDisconnected is an OSError)


@task()
def deliver_email(email_id):
    """Send one stored email if it is waiting and due; record the attempt in the transaction that holds its lock."""
    with transaction.atomic():
        email = (
            OutboxEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=Status.QUEUED, next_attempt_at__lte=timezone.now())
            .first()
        )
        if email is None:
            return "not waiting"  # sent, failed, not due yet, or being sent by another worker
        email.attempts += 1
        try:
            transport = get_connection(getattr(settings, "OUTBOX_DELIVERY_BACKEND", SMTP_BACKEND), fail_silently=False)
            transport.send_messages([StoredMessage(email)])
        except (smtplib.SMTPException, OSError) as error:
            email.last_error = f"{type(error).__name__}: {error}"[:2000]
            if temporary(error) and email.attempts < max_attempts():
                email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
                transaction.on_commit(partial(queue_delivery, email), robust=True)
            else:
                email.status = Status.FAILED
            logger.warning(
                "Email %s: attempt %d failed (%s), %s",
                email.message_id,
                email.attempts,
                email.last_error,
                "listed as not sent" if email.status == Status.FAILED else f"next at {email.next_attempt_at:%H:%M:%S}",
            )
            email.save(update_fields=["attempts", "last_error", "next_attempt_at", "status"])
            return f"attempt {email.attempts} failed: {email.last_error}"
        email.status = Status.SENT
        email.sent_at = timezone.now()
        email.save(update_fields=["attempts", "status", "sent_at"])
        return f"sent {email.message_id}"


def queue_due_emails():
    """Queue a delivery for every waiting email that is due (after a worker was killed, or an enqueue was lost)."""
    due = list(OutboxEmail.objects.filter(status=Status.QUEUED, next_attempt_at__lte=timezone.now()))
    for email in due:
        queue_delivery(email)
    return len(due)


LOST_TASK_OUTCOME = {
    Status.QUEUED: "waits for its next attempt",
    Status.SENT: "was sent by a later task",
    Status.FAILED: "is listed as not sent",
}


class WorkerLost(Exception):
    """The worker running a delivery stopped (killed, out of memory, the machine restarted) before it finished."""


def mail_task(function):
    """`@mail_task` in place of `@task()` for a task that sends email (a review email, a grade's release, a comment's
    notifications, an invitation): it runs in one transaction, so its emails are written all together or not at all,
    and a worker killed while it runs leaves none of them; `deliver_outbox` then runs the task again
    (close_lost_tasks). Such a task must take well under OUTBOX_LOST_TASK_SECONDS (it only writes rows)."""

    @wraps(function)
    def in_one_transaction(*args, **kwargs):
        with transaction.atomic():
            return function(*args, **kwargs)

    in_one_transaction.rerun_when_lost = True
    return task()(in_one_transaction)


def close_lost_tasks():
    """Close the tasks a dead worker left "running", so the task table says what happened; returns how many.

    - A delivery: a live one holds its email locked from before the send until its commit, so one older than
      OUTBOX_LOST_TASK_SECONDS whose email nothing holds has lost its worker. It is marked failed (WorkerLost) with
      what became of its email, which is not touched: it waits for another attempt, or was sent by a later task.
    - A `@mail_task` older than that: it wrote nothing (one transaction), so it is marked failed and queued again.
    Other tasks (a WordPress import, the LMS's) are left alone: they may run for long."""
    from django_tasks_db.models import DBTaskResult  # the database task backend's table: none on other backends

    cutoff = timezone.now() - timedelta(seconds=getattr(settings, "OUTBOX_LOST_TASK_SECONDS", 120))
    closed = 0
    for result in DBTaskResult.objects.running().filter(started_at__lt=cutoff):
        with transaction.atomic():
            if not DBTaskResult.objects.running().select_for_update(skip_locked=True).filter(pk=result.pk).exists():
                continue  # finished meanwhile, or another deliver_outbox has it
            workers = ", ".join(result.worker_ids)
            if result.task_path == deliver_email.module_path:
                outcome = _lost_delivery(result.args_kwargs["args"][0])
            elif rerun_when_lost(result.task_path):
                lost = import_string(result.task_path)
                again = lost.enqueue(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])  # to run now
                outcome = f"it wrote nothing, and is queued again as {again.id}"
            else:
                continue
            if outcome is not None:
                result.set_failed(WorkerLost(f"The worker ({workers}) stopped before this task finished; {outcome}."))
                closed += 1
    return closed


def rerun_when_lost(task_path):
    try:
        return getattr(import_string(task_path).func, "rerun_when_lost", False)
    except ImportError:  # a task renamed or removed since it was queued
        return False


def _lost_delivery(email_id):
    """What became of a lost delivery's email, or None while a worker holds it (still sending)."""
    email = OutboxEmail.objects.select_for_update(skip_locked=True).filter(pk=email_id).first()
    if email is None:
        return None if OutboxEmail.objects.filter(pk=email_id).exists() else "it had no email"
    return f"its email {email.message_id} {LOST_TASK_OUTCOME[email.status]}"


def retry_failed(emails):
    """Give failed emails a fresh round of attempts, starting now; returns how many."""
    now = timezone.now()
    retried = []
    with transaction.atomic():
        for email in emails.select_for_update().filter(status=Status.FAILED):
            email.status, email.attempts, email.next_attempt_at = Status.QUEUED, 0, now
            email.save(update_fields=["status", "attempts", "next_attempt_at"])
            transaction.on_commit(partial(queue_delivery, email), robust=True)
            retried.append(email)
    return len(retried)
