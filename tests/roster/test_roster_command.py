"""`manage.py import_roster`: the report on stdout, exit status 0 even with rejected rows, 1 only when the file
itself is unusable or unreadable."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command, load_command_class
from django.db import connections

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent.parent / "fixtures" / "roster"


def run_from_argv(monkeypatch, *args):
    """Like `manage.py import_roster …`, keeping the test's database connection open."""
    monkeypatch.setattr(connections, "close_all", lambda: None)
    load_command_class("roster", "import_roster").run_from_argv(["manage.py", "import_roster", *args])


def test_report_on_stdout_and_exit_status_0_with_rejected_rows(monkeypatch, capsys):
    run_from_argv(monkeypatch, str(FIXTURES / "bad_rows.csv"))  # returns: exit status 0
    out, err = capsys.readouterr()
    assert out.splitlines()[:5] == ["Created: 2", "Updated: 0", "Unchanged: 0", "Rejected: 4", "Rejected rows:"]
    assert "  line 3, not-an-email (Boris Ivanov): invalid email address “not-an-email”" in out.splitlines()
    assert err == ""


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing_column.csv", "Missing required column: last_name."),
        ("latin1.csv", "The file is not UTF-8 text"),
        ("no_such_file.csv", "Cannot read"),
    ],
)
def test_unusable_file_exits_with_status_1(monkeypatch, capsys, name, message):
    with pytest.raises(SystemExit) as exit_info:
        run_from_argv(monkeypatch, str(FIXTURES / name))
    assert exit_info.value.code == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert message in err


def test_call_command_raises_command_error_for_an_unusable_file():
    with pytest.raises(CommandError, match="Missing required column") as error:
        call_command("import_roster", str(FIXTURES / "missing_column.csv"))
    assert error.value.returncode == 1


def test_verbose_output_lists_created_rows_and_help_documents_the_base_url(capsys):
    call_command("import_roster", str(FIXTURES / "good.csv"), "--dry-run", verbosity=2)
    assert "Created rows:\n  line 2, ana.petrova@students.example.edu (Ana Petrova): would be invited\n" in (
        capsys.readouterr().out
    )
    help_text = load_command_class("roster", "import_roster").create_parser("manage.py", "import_roster").format_help()
    assert "WAGTAILADMIN_BASE_URL" in help_text
    assert "--dry-run" in help_text and "--deactivate-missing" in help_text
