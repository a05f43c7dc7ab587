"""The outbox (courses/outbox.py): email stored with the change that sent it, delivered over real SMTP to a sink on
loopback, retried with backoff while the server refuses or answers 4xx, then listed under Reports → Emails not sent
with a Retry. The worker killed mid-batch and outages with the real db_worker: tests/faults/test_mail_faults.py."""

import threading
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.mail import send_mail
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from courses.models import OutboxEmail
from courses.outbox import close_lost_tasks, deliver_email, mail_task
from tests.factories import member
from tests.roster.test_roster_admin import counts, upload
from tests.smtp_sink import SmtpSink
from wordpress_import.tasks import run_import

pytestmark = pytest.mark.django_db
Status = OutboxEmail.Status
REPORT = "/admin/reports/emails-not-sent/"


@pytest.fixture
def sink(settings):
    """The site's mail goes through the outbox to this sink (not listening until the test starts it)."""
    settings.EMAIL_BACKEND = "courses.outbox.OutboxBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_TIMEOUT = "127.0.0.1", 5
    settings.OUTBOX_RETRY_SECONDS, settings.OUTBOX_MAX_ATTEMPTS = 60, 4
    with SmtpSink() as smtp:
        settings.EMAIL_PORT = smtp.port
        yield smtp


def send(to="dana@students.example.edu", subject="Your grade"):
    send_mail(subject, "Body", "Seminar <seminar@localhost>", [to])
    return OutboxEmail.objects.latest("pk")


def attempt_again(email):
    """The next attempt, run as if its time had come."""
    OutboxEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    deliver_email.call(email.pk)
    email.refresh_from_db()


def test_an_email_is_stored_then_sent_once_the_change_commits(sink, django_capture_on_commit_callbacks):
    sink.start()
    with django_capture_on_commit_callbacks(execute=True):
        email = send()
        assert sink.messages == []  # nothing leaves before the sender's transaction commits
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.SENT, 1)
    assert sink.message_ids() == [email.message_id]
    assert sink.messages[0]["Subject"] == "Your grade"
    deliver_email.call(email.pk)  # a second task for the same email: nothing sent twice
    assert len(sink.messages) == 1


def test_an_email_sent_in_a_rolled_back_change_is_never_sent(sink, django_capture_on_commit_callbacks):
    sink.start()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send()
        OutboxEmail.objects.all().delete()  # stands in for the rollback: no row, and the task finds nothing
    assert len(callbacks) == 1
    assert sink.messages == []


def test_refused_then_4xx_then_accepted_retries_with_doubling_delays(sink, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = send()  # nothing listens on the port: connection refused
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.QUEUED, 1)
    assert "Connection refused" in email.last_error
    delays = [email.next_attempt_at - timezone.now()]
    sink.start()
    sink.tempfail = True
    attempt_again(email)
    assert (email.status, email.attempts) == (Status.QUEUED, 2)
    assert "451" in email.last_error
    delays.append(email.next_attempt_at - timezone.now())
    assert [round(delay / timedelta(seconds=1)) for delay in delays] == [60, 120]
    sink.tempfail = False
    attempt_again(email)
    assert (email.status, email.attempts) == (Status.SENT, 3)
    assert sink.message_ids() == [email.message_id]


def test_an_email_not_due_yet_waits(sink):
    sink.start()
    email = send()
    OutboxEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now() + timedelta(minutes=1))
    deliver_email.call(email.pk)
    email.refresh_from_db()
    assert (email.status, email.attempts, sink.messages) == (Status.QUEUED, 0, [])


def test_after_the_last_attempt_the_email_is_failed_not_lost(sink):
    sink.start()
    sink.tempfail = True
    email = send()
    for _ in range(4):
        attempt_again(email)
    assert (email.status, email.attempts) == (Status.FAILED, 4)
    attempt_again(email)
    assert email.attempts == 4  # a failed email waits for Retry
    assert sink.attempts == 4


def test_a_5xx_answer_fails_at_once(sink, monkeypatch):
    sink.start()
    monkeypatch.setattr("tests.smtp_sink._Handler.reply", reject_mail_from)
    email = send()
    deliver_email.call(email.pk)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.FAILED, 1)
    assert "550" in email.last_error


def reject_mail_from(handler, line):
    handler.wfile.write(("550 5.1.0 No such sender" if line == "250 OK" else line).encode() + b"\r\n")


def test_a_page_that_mails_answers_normally_while_the_mail_server_is_down(
    sink, instructor_client, course, django_capture_on_commit_callbacks
):
    token = BeautifulSoup(upload(instructor_client, "bad_rows.csv", dry_run="on").content, "html.parser")
    token = token.select_one("input[name=preview]")["value"]
    with django_capture_on_commit_callbacks(execute=True):
        response = instructor_client.post(reverse("roster:confirm"), {"preview": token})
    assert response.status_code == 200
    assert counts(response)["created"] == 2
    emails = OutboxEmail.objects.all()
    assert [(e.status, e.attempts) for e in emails] == [(Status.QUEUED, 1)] * 2
    assert all("Connection refused" in e.last_error for e in emails)
    assert {e.subject for e in emails} == {"Your account on Soviet History"}


# --- Reports → Emails not sent ---


@pytest.fixture
def failed(course, second_course):
    """A failed email to a student of each course."""
    ours = member("Students", course=course, email="dana@students.example.edu")
    theirs = member("Students", course=second_course, email="omar@students.example.edu")
    rows = []
    for user in (ours, theirs):
        rows.append(
            OutboxEmail.objects.create(
                message_id=f"<{user.pk}@seminar>",
                from_email="seminar@localhost",
                recipients=user.email,
                subject=f"Grade for {user.first_name}",
                raw=b"Subject: x\r\n\r\nBody\r\n",
                status=Status.FAILED,
                attempts=6,
                next_attempt_at=timezone.now(),
                last_error="SMTPSenderRefused: (451, b'Try again later')",
            )
        )
    return rows


def listed(response):
    html = BeautifulSoup(response.content, "html.parser")
    return html.select_one("main .outbox-count").text.strip(), [row.text for row in html.select("main tbody tr")]


def test_a_site_administrator_sees_every_failed_email(site_admin_client, failed):
    status, rows = listed(site_admin_client.get(REPORT))
    assert status == "2 emails could not be sent."
    assert len(rows) == 2


def test_an_instructor_sees_the_failed_emails_to_their_own_course(failed, second_course):
    client = Client()
    client.force_login(member("Instructors", course=second_course))
    status, rows = listed(client.get(REPORT))
    assert status == "1 email could not be sent."
    assert "omar@students.example.edu" in rows[0]


def test_a_student_is_refused(failed, course):
    client = Client()
    client.force_login(member("Students", course=course))
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert "omar@" not in response.content.decode()
    assert client.post(REPORT).status_code in (302, 403)
    assert OutboxEmail.objects.filter(status=Status.FAILED).count() == 2


def test_retry_sends_the_failed_emails_again(site_admin_client, failed, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "courses.outbox.OutboxBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    form = BeautifulSoup(site_admin_client.get(REPORT).content, "html.parser").select_one("main form[method=post]")
    assert form.select_one("input[name=csrfmiddlewaretoken]")
    with django_capture_on_commit_callbacks(execute=True):
        response = site_admin_client.post(REPORT, {"email": [failed[0].pk]}, follow=True)
    assert "1 email queued to be sent again." in response.content.decode()
    assert listed(response)[0] == "1 email could not be sent."
    assert [message.to for message in mail.outbox] == [["dana@students.example.edu"]]
    assert OutboxEmail.objects.get(pk=failed[0].pk).status == Status.SENT


def test_the_report_says_when_every_email_was_sent(site_admin_client):
    assert listed(site_admin_client.get(REPORT))[0] == "Every email was sent."


def test_the_report_says_how_many_emails_still_wait_while_the_mail_server_is_down(site_admin_client, sink):
    for _ in range(2):
        send()  # stored, not yet sent (the delivery runs once the page's change commits, and would be refused)
    html = BeautifulSoup(site_admin_client.get(REPORT).content, "html.parser")
    assert html.select_one("main .outbox-count").text.strip() == "No email has failed."
    assert html.select_one("main .outbox-waiting").text.startswith("2 emails are waiting to be sent")


def test_an_instructor_cannot_retry_an_email_of_another_course(failed, second_course):
    client = Client()
    client.force_login(member("Instructors", course=second_course))
    client.post(REPORT, {"email": [failed[0].pk]})
    assert OutboxEmail.objects.get(pk=failed[0].pk).status == Status.FAILED


def running_delivery(email, started_minutes_ago, task=deliver_email, args=None):
    """A task row as a worker leaves it when it dies mid-task: claimed, "running", never finished."""
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        task_path=task.module_path,
        args_kwargs={"args": [email.pk] if args is None else args, "kwargs": {}},
        backend_name="default",
        queue_name="default",
        run_after=now,
        started_at=now - timedelta(minutes=started_minutes_ago),
        worker_ids=["killed-worker"],
    )


def test_a_task_a_dead_worker_left_running_is_marked_failed_with_what_became_of_its_email(sink):
    waiting, sent = send(subject="Waiting"), send(subject="Sent")
    OutboxEmail.objects.filter(pk=sent.pk).update(status=Status.SENT)
    lost = [running_delivery(waiting, 10), running_delivery(sent, 10)]
    just_started = running_delivery(waiting, 0)  # its worker may well be alive: left alone

    assert close_lost_tasks() == 2
    for task, outcome in zip(lost, ["waits for its next attempt", "was sent by a later task"], strict=True):
        task.refresh_from_db()
        assert task.status == TaskResultStatus.FAILED and task.finished_at
        assert task.exception_class_path == "courses.outbox.WorkerLost"
        assert "The worker (killed-worker) stopped before this task finished" in task.traceback
        assert f"its email {OutboxEmail.objects.get(pk=task.args_kwargs['args'][0]).message_id} {outcome}" in (
            task.traceback
        )
    just_started.refresh_from_db()
    assert just_started.status == TaskResultStatus.RUNNING
    assert close_lost_tasks() == 0  # once is enough
    assert OutboxEmail.objects.get(pk=waiting.pk).status == Status.QUEUED  # the email itself is not touched


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_task_whose_email_a_worker_holds_is_alive_and_left_running(sink):
    email = send()
    task = running_delivery(email, 10)  # a slow server: still sending after ten minutes
    held, release = threading.Event(), threading.Event()

    def sending():  # what deliver_email does around the send: the email locked until the commit
        try:
            with transaction.atomic():
                OutboxEmail.objects.select_for_update().get(pk=email.pk)
                held.set()
                release.wait(30)
        finally:
            connection.close()

    worker = threading.Thread(target=sending)
    worker.start()
    try:
        assert held.wait(30)
        assert close_lost_tasks() == 0
        task.refresh_from_db()
        assert task.status == TaskResultStatus.RUNNING
    finally:
        release.set()
        worker.join(30)
    assert close_lost_tasks() == 1  # the lock gone and the task never finished: its worker died


@mail_task
def two_emails(worker_dies_between=False):
    """A task that sends two emails (a comment's notifications, say), its worker dying between them if asked."""
    send_mail("First", "Body", "Seminar <seminar@localhost>", ["dana@students.example.edu"])
    if worker_dies_between:
        raise SystemExit("the worker dies here")
    send_mail("Second", "Body", "Seminar <seminar@localhost>", ["omar@students.example.edu"])


def test_a_task_that_sends_emails_writes_all_of_them_or_none(sink):
    with pytest.raises(SystemExit):
        two_emails.call(worker_dies_between=True)
    assert not OutboxEmail.objects.exists()  # not the first of two: a run again would send it twice
    two_emails.call()
    assert list(OutboxEmail.objects.order_by("pk").values_list("subject", flat=True)) == ["First", "Second"]


def test_a_task_that_sends_emails_lost_with_its_worker_is_run_again(sink):
    lost = running_delivery(None, 10, task=two_emails, args=[])
    other = running_delivery(None, 10, task=run_import, args=[1])  # long-running work: never guessed dead
    assert close_lost_tasks() == 1
    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.FAILED
    assert "stopped before this task finished; it wrote nothing, and is queued again" in lost.traceback
    assert OutboxEmail.objects.count() == 2  # the run again (at once with the tests' task backend) wrote both
    other.refresh_from_db()
    assert other.status == TaskResultStatus.RUNNING
