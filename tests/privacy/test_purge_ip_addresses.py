"""`manage.py purge_ip_addresses` forgets readers' addresses once they are older than the retention period: comments
keep everything readers see and lose only their address; old records of failed log-ins go; recent ones stay."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from tests.comment_helpers import POST_URL, approved_comment, form_data, held_comment
from tests.factories import member

pytestmark = pytest.mark.django_db

OLD, RECENT = timedelta(days=100), timedelta(days=10)
ADDRESS = "203.0.113.77"
PASSWORD = "the right password at last"


def run(*args):
    out = StringIO()
    call_command("purge_ip_addresses", *args, stdout=out)
    return out.getvalue()


def axes_record(model, age, **fields):
    """A django-axes row `age` old (attempt_time is auto_now_add: set it afterwards)."""
    defaults = {"ip_address": ADDRESS, "username": "mhale", "user_agent": "test", "http_accept": "*/*"}
    if model is AccessAttempt:
        defaults.update(get_data="", post_data="", failures_since_start=1)
    row = model.objects.create(**{**defaults, **fields})
    model.objects.filter(pk=row.pk).update(attempt_time=timezone.now() - age)
    return row


@pytest.fixture
def discussion(make_post):
    """An old thread (a comment and a reply, one held) and a recent comment, all with the address they came from."""
    post = make_post(title="The Illusion of Khrushchev")
    old = approved_comment(post, text="Old comment", submit_date=timezone.now() - OLD, ip_address=ADDRESS)
    reply = approved_comment(post, text="Old reply", parent=old, submit_date=timezone.now() - OLD, ip_address=ADDRESS)
    held = held_comment(post, text="Old held", submit_date=timezone.now() - OLD, ip_address="198.51.100.9")
    recent = approved_comment(post, text="Recent comment", submit_date=timezone.now() - RECENT, ip_address=ADDRESS)
    return post, old, reply, held, recent


def shown(comment):
    """What the discussion and the moderation queue show of a comment, and where it sits in its thread."""
    comment = XtdComment.objects.get(pk=comment.pk)
    fields = ("comment", "user_name", "user_email", "user_url", "submit_date", "is_public", "is_removed")
    return {name: getattr(comment, name) for name in (*fields, "parent_id", "thread_id", "level", "order")}


def everything():
    return (
        list(XtdComment.objects.order_by("pk").values_list("pk", "ip_address")),
        sorted(AccessAttempt.objects.values_list("pk", flat=True)),
        sorted(AccessFailureLog.objects.values_list("pk", flat=True)),
        sorted(AccessLog.objects.values_list("pk", flat=True)),
    )


def test_old_addresses_are_cleared_and_recent_ones_kept(client, discussion):
    post, old, reply, held, recent = discussion
    before = {comment.pk: shown(comment) for comment in discussion[1:]}
    old_attempt, recent_attempt = axes_record(AccessAttempt, OLD), axes_record(AccessAttempt, RECENT, username="x")
    old_failure, recent_failure = axes_record(AccessFailureLog, OLD), axes_record(AccessFailureLog, RECENT)
    old_log = axes_record(AccessLog, OLD)

    output = run()

    assert "Addresses older than 90 days" in output
    assert "comment addresses cleared (the comments stay): 3\n" in output
    assert "failed log-in attempts deleted: 1\n" in output
    assert "access failure log entries deleted: 1\n" in output and "access log entries deleted: 1\n" in output
    addresses = dict(XtdComment.objects.values_list("pk", "ip_address"))
    assert addresses == {old.pk: None, reply.pk: None, held.pk: None, recent.pk: ADDRESS}
    assert {comment.pk: shown(comment) for comment in discussion[1:]} == before
    assert list(AccessAttempt.objects.values_list("pk", flat=True)) == [recent_attempt.pk]
    assert list(AccessFailureLog.objects.values_list("pk", flat=True)) == [recent_failure.pk]
    assert not AccessLog.objects.exists()
    assert not AccessAttempt.objects.filter(pk=old_attempt.pk).exists()
    assert not AccessFailureLog.objects.filter(pk__in=[old_failure.pk, old_log.pk]).exists()
    page = client.get(post.url).content.decode()
    assert "Old comment" in page and "Old reply" in page and "Recent comment" in page


def test_a_posted_comment_loses_its_address_after_the_retention_period(course, make_post):
    post = make_post(title="The Illusion of Khrushchev")
    reader = Client(REMOTE_ADDR=ADDRESS)
    reader.force_login(member("Students", first_name="Jordan", last_name="Cole"))
    assert reader.post(POST_URL, form_data(post, comment="Thought provoking!")).status_code == 302
    assert XtdComment.objects.get().ip_address == ADDRESS  # what the purge exists for

    with time_machine.travel(timezone.now() + timedelta(days=89)):
        assert "comment addresses cleared (the comments stay): 0\n" in run()
    assert XtdComment.objects.get().ip_address == ADDRESS
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        assert "comment addresses cleared (the comments stay): 1\n" in run()
    comment = XtdComment.objects.get()
    assert comment.ip_address is None and comment.comment == "Thought provoking!" and comment.is_public


def test_days_and_the_setting_choose_the_period(settings, discussion):
    *_, recent = discussion
    settings.SEMINAR_IP_RETENTION_DAYS = 11
    run()
    assert XtdComment.objects.get(pk=recent.pk).ip_address == ADDRESS
    settings.SEMINAR_IP_RETENTION_DAYS = 9
    assert "Addresses older than 9 days" in run()
    assert XtdComment.objects.get(pk=recent.pk).ip_address is None

    fresh = approved_comment(recent.content_object, text="Today", ip_address=ADDRESS)
    run("--days", "1")
    assert XtdComment.objects.get(pk=fresh.pk).ip_address == ADDRESS
    assert "comment addresses cleared (the comments stay): 1\n" in run("--days", "0")


def test_dry_run_reports_and_changes_nothing(discussion):
    axes_record(AccessAttempt, OLD)
    axes_record(AccessFailureLog, OLD)
    before = everything()
    output = run("--dry-run")
    assert output.startswith("Dry run: nothing was changed.\n")
    assert "comment addresses to clear (the comments stay): 3\n" in output
    assert "failed log-in attempts to delete: 1\n" in output
    assert everything() == before


def test_a_current_lockout_survives_even_days_0(course):
    student = member("Students", username="mhale")
    reader = Client(REMOTE_ADDR=ADDRESS)
    statuses = [reader.post("/admin/login/", {"username": "mhale", "password": "wrong"}).status_code for _ in range(5)]
    assert statuses[-1] == 429
    assert "failed log-in attempts deleted: 0\n" in run("--days", "0")
    student.set_password(PASSWORD)
    student.save()
    assert reader.post("/admin/login/", {"username": "mhale", "password": PASSWORD}).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        assert "failed log-in attempts deleted: 1\n" in run("--days", "0")
    assert not AccessAttempt.objects.exists()


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ("-1", "--days: The number of days cannot be negative (got -1)."),
        ("abc", "--days: The number of days must be a whole number, not 'abc'."),
        ("1.5", "--days: The number of days must be a whole number, not '1.5'."),
        ("", "--days: The number of days must be a whole number, not ''."),
    ],
)
def test_bad_days_are_refused_and_change_nothing(discussion, days, message):
    before = everything()
    with pytest.raises(CommandError) as error:
        run("--days", days)
    assert str(error.value) == message
    assert everything() == before


def test_a_bad_setting_is_refused(settings, discussion):
    settings.SEMINAR_IP_RETENTION_DAYS = -5
    with pytest.raises(CommandError, match="SEMINAR_IP_RETENTION_DAYS: The number of days cannot be negative"):
        run()
