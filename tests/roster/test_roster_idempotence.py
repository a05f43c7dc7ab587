"""Importing the same roster again changes nothing: every row is unchanged and nobody is invited twice."""

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from blog.models import AuthorProfile
from courses.models import Enrolment

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent.parent / "fixtures" / "roster"


def run(path, *args):
    out = StringIO()
    call_command("import_roster", str(path), *args, stdout=out)
    return out.getvalue()


def state():
    return (
        list(get_user_model().objects.order_by("pk").values()),
        list(AuthorProfile.objects.order_by("pk").values()),
        list(get_user_model().groups.through.objects.order_by("pk").values()),
        list(Enrolment.objects.order_by("pk").values()),
    )


@pytest.mark.parametrize("name", ["good.csv", "bom.csv", "bad_rows.csv"])
def test_second_run_is_all_unchanged_and_sends_no_email(name, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = run(FIXTURES / name)
    invited = len(mail.outbox)
    assert invited > 0
    before = state()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = run(FIXTURES / name, "--deactivate-missing")
    created = int(first.split("Created: ")[1].split("\n")[0])
    rejected = first.split("Rejected: ")[1].split("\n")[0]
    assert f"Created: 0\nUpdated: 0\nUnchanged: {created}\nRejected: {rejected}\nEnrolments ended: 0\n" in second
    assert state() == before
    assert callbacks == []
    assert len(mail.outbox) == invited


def test_an_edited_row_is_the_only_update(tmp_path, django_capture_on_commit_callbacks):
    roster = tmp_path / "roster.csv"
    roster.write_text((FIXTURES / "good.csv").read_text())
    with django_capture_on_commit_callbacks(execute=True):
        run(roster)
    roster.write_text((FIXTURES / "good.csv").read_text().replace("Chen,Li,A", "Chen,Li,B"))
    output = run(roster, "-v2")
    assert "Created: 0\nUpdated: 1\nUnchanged: 2\n" in output
    assert "line 4, chen.li@students.example.edu (Chen Li): section B" in output
    assert len(mail.outbox) == 3
