"""--dry-run reports exactly what a real import would, and writes nothing and emails no one."""

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from blog.models import AuthorProfile
from courses.models import Enrolment
from tests.factories import member

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent.parent / "fixtures" / "roster"


def run(*args):
    out = StringIO()
    call_command("import_roster", *args, stdout=out)
    return out.getvalue()


def snapshot():
    users = get_user_model().objects.order_by("pk")
    return (
        list(users.values_list("username", "email", "first_name", "last_name", "is_active", "password")),
        list(AuthorProfile.objects.order_by("pk").values_list("user_id", "section")),
        list(users.filter(groups__name="Students").values_list("pk", flat=True)),
        list(Enrolment.objects.order_by("pk").values_list("user_id", "course_id", "role", "section", "active")),
    )


def test_dry_run_writes_nothing_and_sends_nothing(django_capture_on_commit_callbacks):
    member("Students", email="leaving@students.example.edu")
    member("Students", email="boris.ivanov@students.example.edu", first_name="Bob", last_name="Ivanov")
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        output = run(str(FIXTURES / "bad_rows.csv"), "--dry-run", "--deactivate-missing")
    assert output.startswith("Dry run: nothing was written and no invitations were sent.\n")
    assert "Created: 2\n" in output and "Rejected: 4\n" in output and "Enrolments ended: 2\n" in output
    assert snapshot() == before
    assert callbacks == []
    assert mail.outbox == []


def test_dry_run_reports_what_the_real_run_then_does(django_capture_on_commit_callbacks):
    member("Students", email="boris.ivanov@students.example.edu", first_name="Bob", last_name="Ivanov")
    preview = run(str(FIXTURES / "good.csv"), "--dry-run", "-v2")
    with django_capture_on_commit_callbacks(execute=True):
        real = run(str(FIXTURES / "good.csv"), "-v2")
    assert preview.removeprefix("Dry run: nothing was written and no invitations were sent.\n") == real.replace(
        "invitation queued", "would be invited"
    )
    assert "Created: 2\nUpdated: 1\n" in real
    assert len(mail.outbox) == 2
