"""The participation report downloads as CSV and XLSX through Wagtail's spreadsheet export, filters applied."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from tests.report_helpers import REPORT

pytestmark = pytest.mark.django_db
HEADINGS = [
    "Name",
    "Username",
    "Email",
    "Account",
    "Enrolment",
    "Section",
    "Posts submitted",
    "Posts published",
    "Comments written",
    "Replies received",
    "Last activity",
]


def download(client, **params):
    response = client.get(REPORT, params)
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_csv_has_the_headings_and_one_row_per_student(client, course, klass):
    response, body = download(client, export="csv")

    assert response["Content-Type"] == "text/csv"
    assert f'filename="participation-{course.slug}.csv"' in response["Content-Disposition"]
    assert body.startswith("\ufeff".encode())  # a byte-order mark: spreadsheets read the names as UTF-8
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == HEADINGS
    assert rows[1:] == [
        ["Carla Diaz", "carla", "carla@students.example.edu", "inactive", "enrolled", "A", "0", "0", "0", "0", ""],
        [
            "Boris Ivanov",
            "boris",
            "boris@example.edu",
            "active",
            "enrolled",
            "B",
            "2",
            "2",
            "1",
            "2",
            "2017-02-03 12:00",
        ],
        ["Ana Petrova", "ana", "ana@example.edu", "active", "enrolled", "A", "2", "1", "3", "3", "2017-02-06 12:00"],
    ]


def test_csv_keeps_the_filters(client, klass):
    _, body = download(client, export="csv", section="B", activity_from="2017-01-01", activity_to="2017-01-31")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == ["boris"]
    assert rows[1][6:] == ["1", "1", "1", "1", "2017-01-20 12:00"]


def test_xlsx_opens_with_openpyxl_and_has_the_same_numbers(client, klass):
    response, body = download(client, export="xlsx")

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(body)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADINGS
    by_username = {row[1]: row for row in rows[1:]}
    assert by_username["ana"][3:10] == ("active", "enrolled", "A", 2, 1, 3, 3)
    assert by_username["boris"][3:10] == ("active", "enrolled", "B", 2, 2, 1, 2)
    assert by_username["carla"][3:] == ("inactive", "enrolled", "A", 0, 0, 0, 0, None)
    assert by_username["ana"][10] == datetime.datetime(2017, 2, 6, 12)  # course time, as a real date cell
