"""Every spreadsheet the admin writes is safe to open (issue 17, rough edge 4): a name, section or title that a
spreadsheet would evaluate (OWASP's CSV injection: `=`, `+`, `-`, `@`, tab, carriage return first) comes out as
text, and CSV starts with a UTF-8 byte-order mark so spreadsheets read accented names."""

import codecs
import csv
import io

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from courses import spreadsheets
from courses.models import Enrolment
from tests.factories import member
from tests.report_helpers import REPORT
from tests.review_helpers import submit

pytestmark = pytest.mark.django_db
LINK = '=HYPERLINK("http://evil.example","x")'
SECTIONS = {"mallory": "+1", "sumner": "@SUM(A1)", "minus": "-2"}


@pytest.fixture
def hostile(klass, course):
    """Three students whose name or section a spreadsheet would evaluate, in the report's class."""
    names = {"mallory": LINK, "sumner": "Zoë", "minus": "Misha"}
    for username, section in SECTIONS.items():
        student = member("Students", username=username, first_name=names[username], last_name="Doe")
        Enrolment.objects.filter(user=student, course=course).update(section=section)
    return klass


def csv_rows(response):
    body = b"".join(response.streaming_content)
    assert body.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_participation_csv_neutralises_formulas_and_starts_with_a_bom(client, hostile):
    rows = csv_rows(client.get(REPORT, {"export": "csv"}))

    by_username = {row[1]: row for row in rows[1:]}
    assert by_username["mallory"][0] == "'" + LINK + " Doe"
    assert by_username["mallory"][5] == "'+1"
    assert by_username["sumner"][0] == "Zoë Doe"  # UTF-8, read back through the BOM
    assert by_username["sumner"][5] == "'@SUM(A1)"
    assert by_username["minus"][5] == "'-2"
    assert by_username["ana"][:6] == ["Ana Petrova", "ana", "ana@example.edu", "active", "enrolled", "A"]
    assert by_username["ana"][6:10] == ["2", "1", "3", "3"]  # counts stay numbers


def test_participation_xlsx_keeps_them_as_text(client, hostile):
    response = client.get(REPORT, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active

    cells = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    assert cells["mallory"][0].value == LINK + " Doe"
    for username, section in SECTIONS.items():
        assert cells[username][5].value == section
    assert {cells[username][column].data_type for username in SECTIONS for column in (0, 5)} == {"s"}


def test_review_list_csv_too(client, course, make_draft, review_workflow):
    student = member("Students", first_name="@SUM(A1)", last_name="Doe")
    submit(make_draft(title="-2 reasons", author=student), student)
    client.force_login(member("Instructors"))

    rows = csv_rows(client.get("/admin/reports/review/", {"export": "csv"}))
    assert rows[1][:2] == ["'-2 reasons", "'@SUM(A1) Doe"]


def test_wagtails_own_reports_too(admin_client, make_post):
    """Wagtail's aging pages report lists post titles students chose."""
    make_post(title=LINK)

    rows = csv_rows(admin_client.get("/admin/reports/aging-pages/", {"export": "csv"}))
    assert ["'" + LINK] in [row[:1] for row in rows[1:]]


def export_views(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from export_views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class is not None and issubclass(view_class, SpreadsheetExportMixin):
                yield view_class


def test_no_export_view_writes_csv_its_own_way():
    """A view that overrode the protected CSV writing would bypass it: none does, ours and Wagtail's alike."""
    views = set(export_views(get_resolver().url_patterns))
    assert {view.__name__ for view in views} >= {"ParticipationReportView", "ReviewListView", "AgingPagesView"}
    bypassing = [
        view
        for view in views
        if view.stream_csv is not spreadsheets.stream_csv or view.write_csv_row is not spreadsheets.write_csv_row
    ]
    assert not bypassing


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Ana", "Ana"),
        ("a=b", "a=b"),
        ("", ""),
        (-2, -2),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert spreadsheets.neutralise(value) == expected
