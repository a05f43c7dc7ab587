"""The participation report's numbers, per student and per column, on a small built class."""

import pytest

from reports.participation import Scope, participation
from tests.report_helpers import at, report_rows

pytestmark = pytest.mark.django_db


def columns(student):
    return (
        student.section,
        student.posts_submitted,
        student.posts_published,
        student.comments_written,
        student.replies_received,
        student.last_activity,
    )


def test_every_column_of_every_student(course, klass):
    rows = {student.username: columns(student) for student in participation(Scope(course))}

    assert rows == {
        # thaw (submitted twice, published) + the Brezhnev draft in review; 3 own approved comments; comments by
        # Boris, a guest and the instructor on the Thaw (her own reply and a held one do not count)
        "ana": ("A", 2, 1, 3, 3, at(2, 6)),
        # two posts published without review; one comment; Ana's two comments on his posts
        "boris": ("B", 2, 2, 1, 2, at(2, 3)),
        "carla": ("A", 0, 0, 0, 0, None),
    }


def test_only_the_courses_student_enrolments_are_listed_inactive_included(course, klass):
    assert sorted(participation(Scope(course)).values_list("username", flat=True)) == ["ana", "boris", "carla"]


def test_the_admin_table_shows_the_same_numbers_and_marks_inactive_accounts(client, klass):
    client.force_login(klass.instructor)

    assert report_rows(client) == {
        "ana": ["A", 2, 1, 3, 3],
        "boris": ["B", 2, 2, 1, 2],
        "carla": ["A", 0, 0, 0, 0],
    }
    html = client.get("/admin/reports/participation/").content.decode()
    assert "Ana Petrova" in html and "ana@example.edu" in html  # instructors see full names and emails
    assert html.count("Inactive") == 1
    assert "How each column is counted" in html
