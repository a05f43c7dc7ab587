"""A file the import cannot trust as a whole (a required column missing, no header, no rows) is rejected with
a message that says what to fix, and nothing at all is written."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command

from blog.models import AuthorProfile
from roster.importer import RosterFileError, parse_roster

pytestmark = pytest.mark.django_db
MISSING_COLUMN = Path(__file__).parent.parent / "fixtures" / "roster" / "missing_column.csv"


def test_missing_required_column_rejects_the_whole_file():
    with pytest.raises(CommandError) as error:
        call_command("import_roster", str(MISSING_COLUMN))
    message = str(error.value)
    assert "Missing required column: last_name." in message
    assert "this file's header names email, first_name, section" in message
    assert "Nothing was imported." in message
    assert get_user_model().objects.count() == 0
    assert AuthorProfile.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\xef\xbb\xbf\n\n", "The file is empty."),
        (b"email,first_name,last_name\n\n", "The file has a header row but no students."),
        (b"ana@example.edu,Ana,Petrova\n", "Missing required columns: email, first_name, last_name."),
        (b"email;first_name;last_name\na@example.edu;Ana;P\n", "Columns must be separated by commas."),
        (b"email,first_name,last_name,Email\n", "The header row names email more than once."),
        (
            b'email,first_name,last_name\na@example.edu,Ana,"Pet\nb@example.edu,Bo,B\n',
            "not readable as CSV near line 3",
        ),
    ],
)
def test_unusable_files_say_why(data, message):
    with pytest.raises(RosterFileError) as error:
        parse_roster(data)
    assert message in str(error.value)


def test_a_header_row_alone_is_no_roster_even_with_deactivate_missing(tmp_path):
    student = get_user_model().objects.create_user("kept@example.edu", "kept@example.edu")
    roster = tmp_path / "roster.csv"
    roster.write_text("email,first_name,last_name\n")
    with pytest.raises(CommandError, match="header row but no students"):
        call_command("import_roster", str(roster), "--deactivate-missing")
    student.refresh_from_db()
    assert student.is_active
