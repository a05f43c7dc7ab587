"""Rows that cannot be imported are reported with their line number and reason and leave no trace, while the
good rows of the same file are imported."""

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from roster.importer import import_roster, parse_roster
from tests.factories import member

pytestmark = pytest.mark.django_db
BAD_ROWS = Path(__file__).parent.parent / "fixtures" / "roster" / "bad_rows.csv"


def usernames():
    return sorted(get_user_model().objects.values_list("username", flat=True))


def test_bad_rows_are_reported_with_line_numbers_and_good_rows_imported():
    out = StringIO()
    call_command("import_roster", str(BAD_ROWS), stdout=out)
    output = out.getvalue()
    assert "Created: 2\nUpdated: 0\nUnchanged: 0\nRejected: 4\n" in output
    assert "line 3, not-an-email (Boris Ivanov): invalid email address “not-an-email”" in output
    assert "line 4, ANA.PETROVA@students.example.edu (Anna Petrova): duplicate of line 2" in output
    assert "line 5, chen.li@students.example.edu (Li): missing first name" in output
    assert "line 7, dana.reyes@students.example.edu (Dana): missing last name" in output  # line 6 is blank
    assert usernames() == ["ana.petrova@students.example.edu", "emil.novak@students.example.edu"]
    assert get_user_model().objects.get(username="ana.petrova@students.example.edu").first_name == "Ana"


def test_report_lists_each_rejection_reason(course):
    report = import_roster(
        parse_roster(BAD_ROWS.read_bytes()),
        course=course,
        invite_base_url="http://testserver",
        site_name="Course",
        dry_run=True,
    )
    assert [(o.line, o.details) for o in report.rejected] == [
        (3, ["invalid email address “not-an-email”"]),
        (4, ["duplicate of line 2 (the first occurrence is the one used)"]),
        (5, ["missing first name"]),
        (7, ["missing last name"]),
    ]


def test_a_row_with_several_problems_gives_them_all(course):
    roster = parse_roster(b"email,first_name,last_name\n@nowhere,,\n")
    report = import_roster(roster, course=course, invite_base_url="http://x", site_name="C")
    assert report.rejected[0].details == ["invalid email address “@nowhere”", "missing first name", "missing last name"]
    assert usernames() == []


def test_an_instructors_email_is_rejected_and_the_account_left_alone(tmp_path):
    instructor = member("Instructors", email="prof@example.edu", first_name="Anne", last_name="Whitaker")
    roster = tmp_path / "roster.csv"
    roster.write_text("email,first_name,last_name\nPROF@example.edu,Student,Impostor\n")
    out = StringIO()
    call_command("import_roster", str(roster), stdout=out)
    assert "line 2, PROF@example.edu (Student Impostor): this is an instructor's" in out.getvalue()
    instructor.refresh_from_db()
    assert (instructor.first_name, instructor.groups.filter(name="Students").exists()) == ("Anne", False)
