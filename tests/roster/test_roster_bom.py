"""Spreadsheets save CSV with a byte order mark and untidy headers and cells: the import reads through both."""

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from blog.models import AuthorProfile
from roster.importer import parse_roster

pytestmark = pytest.mark.django_db
BOM_FILE = Path(__file__).parent.parent / "fixtures" / "roster" / "bom.csv"


def test_the_fixture_really_starts_with_a_bom():
    assert BOM_FILE.read_bytes().startswith(b"\xef\xbb\xbf")


def test_bom_file_with_spaced_headers_and_cells_is_imported():
    out = StringIO()
    call_command("import_roster", str(BOM_FILE), stdout=out)
    assert "Created: 2" in out.getvalue()
    assert "Rejected: 0" in out.getvalue()
    dana = get_user_model().objects.get(username="dana.reyes@students.example.edu")
    assert (dana.email, dana.first_name, dana.last_name) == ("dana.reyes@students.example.edu", "Dana", "Reyes")
    assert AuthorProfile.objects.get(user=dana).section == "C"
    elodie = get_user_model().objects.get(username="elodie.martin@students.example.edu")
    assert elodie.first_name == "Élodie"


def test_bom_and_no_bom_read_the_same():
    plain = BOM_FILE.read_bytes().removeprefix(b"\xef\xbb\xbf")
    assert parse_roster(BOM_FILE.read_bytes()) == parse_roster(plain)


def test_whitespace_inside_names_is_collapsed_and_extra_columns_are_ignored():
    roster = parse_roster(b"email,first_name,last_name,phone\n a@example.edu ,Mary   Ann , van  Dyke ,555\n")
    row = roster.rows[0]
    assert (row.email, row.first_name, row.last_name, row.section) == ("a@example.edu", "Mary Ann", "van Dyke", None)
    assert roster.ignored_columns == ("phone",)
