"""--deactivate-missing turns off the Students a new roster no longer lists, and never an instructor or superuser."""

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests.factories import member

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent.parent / "fixtures" / "roster"


def run(path, *args):
    out = StringIO()
    call_command("import_roster", str(path), *args, stdout=out)
    return out.getvalue()


def active(user):
    user.refresh_from_db()
    return user.is_active


def test_students_missing_from_the_file_are_deactivated_and_counted():
    dropped = member("Students", email="dropped@students.example.edu")
    listed = member("Students", username="boris", email="Boris.Ivanov@students.example.edu")
    output = run(FIXTURES / "good.csv", "--deactivate-missing")
    assert "Deactivated: 1\nDeactivated students:\n  dropped@students.example.edu\n" in output
    assert not active(dropped)
    assert active(listed)


def test_instructors_superusers_and_non_students_are_never_deactivated():
    instructor = member("Instructors", email="prof@example.edu")
    both = member("Instructors", email="ta@example.edu")
    both.groups.add(Group.objects.get(name="Students"))
    root = get_user_model().objects.create_superuser("root", "root@example.edu", "pw")
    root.groups.add(Group.objects.get(name="Students"))
    outsider = get_user_model().objects.create_user("guest", "guest@example.edu")
    assert "Deactivated: 0" in run(FIXTURES / "good.csv", "--deactivate-missing")
    assert all(active(user) for user in (instructor, both, root, outsider))


def test_a_student_whose_row_was_rejected_stays_active():
    chen = member("Students", email="chen.li@students.example.edu")  # line 5 lacks a first name
    output = run(FIXTURES / "bad_rows.csv", "--deactivate-missing")
    assert "line 5, chen.li@students.example.edu (Li): missing first name" in output
    assert "Deactivated: 0" in output
    assert active(chen)


def test_without_the_option_nobody_is_deactivated():
    dropped = member("Students", email="dropped@students.example.edu")
    output = run(FIXTURES / "good.csv")
    assert "Deactivated" not in output
    assert active(dropped)
