"""Issue 21, scenarios 3 and 4, with the real task worker (`manage.py db_worker`, production settings) sending over
SMTP to a sink on loopback (tests/smtp_sink.py):

- the worker killed with SIGKILL in the middle of a batch, then `deliver_outbox` and a restart: every email sent,
  none twice; and the one window the outbox leaves (the server accepted, the worker died before recording it): the
  email sent twice, with the same Message-ID;
- the mail server down (connection refused, then 451): every email delivered once it is back; past the last attempt
  they are listed under Reports → Emails not sent, and its Retry sends them.

The plain tests of the outbox (SQLite too) are tests/courses/test_outbox.py."""

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.test import Client
from django_tasks_db.models import DBTaskResult

from courses.models import OutboxEmail
from tests.server_helpers import database_url
from tests.smtp_sink import SmtpSink

pytestmark = [pytest.mark.postgres, pytest.mark.faults, pytest.mark.django_db(transaction=True)]

REPO = Path(__file__).resolve().parents[2]
Status = OutboxEmail.Status
BATCH = 30
REPORT = "/admin/reports/emails-not-sent/"


@pytest.fixture
def outbox(settings, migrated_database):
    """This process queues emails as production does: the outbox backend, delivery tasks in the database."""
    settings.EMAIL_BACKEND = "courses.outbox.OutboxBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queue(count, subject):
    """`count` emails sent in one transaction, as a task mailing a class does; their Message-IDs."""
    with transaction.atomic():
        for n in range(count):
            send_mail(f"{subject} {n}", "Body", "Seminar <seminar@localhost>", [f"student{n}@students.example.edu"])
    return set(OutboxEmail.objects.filter(subject__startswith=subject).values_list("message_id", flat=True))


def manage(sink, *args, retry_seconds=1, max_attempts=4, lost_task_seconds=120, **popen):
    """`manage.py *args` with production settings on the test database, mailing through the sink."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="site_project.settings.production",
        SECRET_KEY="mail-faults-" + "x" * 50,
        DATABASE_URL=database_url(),
        DB_CONN_MAX_AGE="0",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(sink.port),
        EMAIL_TIMEOUT="5",
        OUTBOX_RETRY_SECONDS=str(retry_seconds),
        OUTBOX_MAX_ATTEMPTS=str(max_attempts),
        OUTBOX_LOST_TASK_SECONDS=str(lost_task_seconds),
    )
    return subprocess.Popen([sys.executable, "manage.py", *args], cwd=REPO, env=env, **popen)


@contextmanager
def worker(sink, *args, **options):
    """A running `db_worker`, polling every 0.1 s; stopped (SIGTERM) on the way out if still running."""
    log = Path(tempfile.gettempdir()) / f"seminar-db-worker-{sink.port}.log"
    with log.open("a") as log_file:
        process = manage(
            sink, "db_worker", "--no-startup-delay", "--interval", "0.1", *args, stdout=log_file, stderr=log_file
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=20)


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def statuses():
    return Counter(OutboxEmail.objects.values_list("status", flat=True))


def task_table():
    return Counter(DBTaskResult.objects.values_list("status", flat=True))


def kill_mid_batch_and_restart(sink):
    """Queue a batch, SIGKILL the worker while the sink holds one message, then deliver_outbox and a worker that
    runs until no task is left. Returns the batch's Message-IDs, the seconds from the kill to the last delivery and
    the task table right after the kill."""
    sent = queue(BATCH, "Grade released")
    sink.start()
    with worker(sink) as first:
        assert sink.held.wait(20), "the worker sent nothing"
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    killed_at = time.monotonic()
    sink.release.set()
    after_kill = task_table()
    assert manage(sink, "deliver_outbox").wait(30) == 0
    with worker(sink, "--batch") as second:
        assert second.wait(30) == 0
    return sent, time.monotonic() - killed_at, after_kill


def report_batch(mail_report, scenario, sent, received, sink, seconds, attempts=None):
    """A row of the mail table: `sent` the Message-IDs queued, `received` how often the server got each, `attempts`
    every attempt made when the sink did not see them all (refused connections), else the sink's count."""
    mail_report(
        scenario,
        emails=len(sent),
        sent=len(received),
        duplicated=sum(received.values()) - len(received),
        lost=len(sent - set(received)),
        attempts=sink.attempts if attempts is None else attempts,
        seconds=seconds,
    )


def test_a_worker_killed_mid_batch_sends_every_email_once_after_a_restart(outbox, mail_report):
    sink = SmtpSink(delay=0.05, hold_at=12)
    with sink:
        sent, seconds, after_kill = kill_mid_batch_and_restart(sink)
    received = Counter(sink.message_ids())
    assert set(received) == sent  # none lost
    assert max(received.values()) == 1  # none twice
    assert statuses() == {Status.SENT: BATCH}
    assert set(OutboxEmail.objects.values_list("attempts", flat=True)) == {1}  # the killed attempt left no trace
    # The task table shows it: the killed worker's task "running" under its worker id, the rest of the batch
    # waiting; after the restart every other task succeeded (the extra ones deliver_outbox queued found their email
    # sent already). The deliver_outbox right after the kill left the killed task alone (too recent to tell from a
    # slow send); the next one (cron's, here with no wait) marks it failed and says what became of its email.
    assert after_kill["RUNNING"] == 1 and after_kill["SUCCESSFUL"] == 11 and after_kill["READY"] == BATCH - 12
    assert task_table() == {"RUNNING": 1, "SUCCESSFUL": BATCH - 1 + BATCH - 11}
    assert manage(sink, "deliver_outbox", lost_task_seconds=0).wait(30) == 0
    assert task_table() == {"FAILED": 1, "SUCCESSFUL": BATCH - 1 + BATCH - 11}
    [lost] = DBTaskResult.objects.filter(status="FAILED")
    assert lost.exception_class_path == "courses.outbox.WorkerLost"
    assert "stopped before this task finished; its email" in lost.traceback
    assert "was sent by a later task" in lost.traceback
    outcomes = Counter(
        value.split()[0]
        for value in DBTaskResult.objects.exclude(return_value=None).values_list("return_value", flat=True)
    )
    assert outcomes == {"sent": BATCH, "not": BATCH - 12}  # "not waiting": sent already, by the other task
    report_batch(mail_report, "worker SIGKILLed mid-batch, restarted", sent, received, sink, seconds)


def test_the_one_window_left_a_kill_after_the_server_accepted_sends_that_email_twice(outbox, mail_report):
    sink = SmtpSink(delay=0.05, hold_at=12, hold_accepted=True)
    with sink:
        sent, seconds, _ = kill_mid_batch_and_restart(sink)
    received = Counter(sink.message_ids())
    assert set(received) == sent
    assert sorted(received.values()) == [1] * (BATCH - 1) + [2]  # one duplicate, recognisable by its Message-ID
    assert statuses() == {Status.SENT: BATCH}
    report_batch(mail_report, "killed after the server's 250, before the commit", sent, received, sink, seconds)


def all_attempted(times):
    return not OutboxEmail.objects.filter(attempts__lt=times).exists()


def test_emails_wait_out_a_mail_server_outage_and_are_sent_once_it_is_back(outbox, mail_report):
    """Refused for the first attempt, 451 for the second, accepted at the third: 1 s, then 2 s between them."""
    with SmtpSink() as sink, worker(sink, retry_seconds=1):
        started = time.monotonic()
        sent = queue(10, "New comment")
        wait_until(lambda: all_attempted(1), 10, "the first attempts (connection refused)")
        assert statuses() == {Status.QUEUED: 10}
        assert "Connection refused" in OutboxEmail.objects.first().last_error
        sink.tempfail = True
        sink.start()
        wait_until(lambda: all_attempted(2), 10, "the second attempts (451)")
        sink.tempfail = False
        wait_until(lambda: statuses() == {Status.SENT: 10}, 15, "every email sent")
        seconds = time.monotonic() - started
    received = Counter(sink.message_ids())
    assert set(received) == sent and max(received.values()) == 1
    assert set(OutboxEmail.objects.values_list("attempts", flat=True)) == {3}
    assert sink.attempts == 20  # ten answered 451, ten accepted
    attempts = 10 + sink.attempts  # the ten refused connections the sink never saw
    report_batch(mail_report, "mail server refused, then 451, then back", sent, received, sink, seconds, attempts)


def test_emails_past_their_last_attempt_are_listed_and_retry_sends_them(outbox, mail_report):
    admin = get_user_model().objects.create_superuser("ops", "ops@example.edu", "unused")
    client = Client()
    client.force_login(admin)
    with SmtpSink() as sink, worker(sink, retry_seconds=1, max_attempts=3):
        started = time.monotonic()
        sent = queue(5, "Submission received")
        wait_until(lambda: statuses() == {Status.FAILED: 5}, 15, "the retries to run out (1 s, then 2 s)")
        report = BeautifulSoup(client.get(REPORT).content, "html.parser")
        assert report.select_one("main .outbox-count").text.strip() == "5 emails could not be sent."
        assert len(report.select("main tbody tr")) == 5
        sink.start()
        assert client.post(REPORT).status_code == 302  # Retry, with none chosen: every one listed
        wait_until(lambda: statuses() == {Status.SENT: 5}, 10, "the retried emails sent")
        seconds = time.monotonic() - started
    report = BeautifulSoup(client.get(REPORT).content, "html.parser")
    assert report.select_one("main .outbox-count").text.strip() == "Every email was sent."
    received = Counter(sink.message_ids())
    assert set(received) == sent and max(received.values()) == 1
    attempts = 15 + sink.attempts  # three refused connections each before the Retry
    scenario = "mail server down past the last attempt, then Retry"
    report_batch(mail_report, scenario, sent, received, sink, seconds, attempts)
