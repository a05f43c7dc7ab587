"""The participation report is one course's: its student enrolments are the rows (with that enrolment's section and
whether the student left), every number counts that course's posts and the comments on them, and a course the user
does not teach is a 404. A member enrolled in two courses shows each course only its own work."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from courses.models import Enrolment, Role
from courses.roles import enrol
from reports.views import ParticipationReportView
from tests.comment_helpers import approved_comment
from tests.factories import StudentPostPageFactory, UserFactory, member, member_client
from tests.report_helpers import REPORT, report_rows

pytestmark = pytest.mark.django_db
RESULTS = reverse("participation_report_results")


@pytest.fixture
def medieval(klass, second_course, second_unit):
    """The second course, built after the first class: Mira is its student, Ana is enrolled in both (in section Z
    here), each with a post in The Crusades and a comment on the other's; Lena teaches it."""
    mira = member("Students", course=second_course, username="mira", first_name="Mira", email="mira@example.edu")
    enrol(klass.ana, second_course, Role.STUDENT, section="Z")
    letters = StudentPostPageFactory(parent=second_unit, title="Crusade letters", author=mira)
    pilgrims = StudentPostPageFactory(parent=second_unit, title="Pilgrims", author=klass.ana)
    approved_comment(letters, text="Ana on the letters", user=klass.ana)
    approved_comment(pilgrims, text="Mira on the pilgrims", user=mira)
    lena = member("Instructors", course=second_course, username="lena", email="lena@faculty.example.edu")
    client = Client()
    client.force_login(lena)
    return type("Medieval", (), {"course": second_course, "unit": second_unit, "mira": mira, "client": client})


def csv_rows(client, **params):
    response = client.get(REPORT, {"export": "csv", **params})
    assert response.status_code == 200
    return response, list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_each_course_lists_its_own_students_with_its_own_numbers(client, course, klass, medieval):
    assert report_rows(client, course=course.pk) == {  # unchanged by Ana's work in the other course; no Mira
        "ana": ["A", 2, 1, 3, 3],
        "boris": ["B", 2, 2, 1, 2],
        "carla": ["A", 0, 0, 0, 0],
    }
    assert report_rows(medieval.client) == {  # Lena's own course without ?course=
        "ana": ["Z", 1, 1, 1, 1],
        "mira": ["", 1, 1, 1, 1],
    }


def test_the_export_is_the_courses_rows_and_is_named_after_it(course, klass, medieval):
    response, rows = csv_rows(medieval.client, course=medieval.course.pk)
    assert 'filename="participation-medieval-europe.csv"' in response["Content-Disposition"]
    assert [row[1:3] + row[5:10] for row in rows[1:]] == [
        ["ana", "ana@example.edu", "Z", "1", "1", "1", "1"],
        ["mira", "mira@example.edu", "", "1", "1", "1", "1"],
    ]


def test_another_courses_report_is_a_404_to_its_instructor_and_its_ta(client, course, klass, medieval):
    ta = member_client(course, Role.TA)
    for someone, other in ((client, medieval.course), (medieval.client, course), (ta, medieval.course)):
        assert someone.get(REPORT, {"course": other.pk}).status_code == 404
        assert someone.get(REPORT, {"course": other.pk, "export": "csv"}).status_code == 404
        assert someone.get(RESULTS, {"course": other.pk}).status_code == 404
    assert client.get(REPORT, {"course": "not a number"}).status_code == 404


def test_a_teaching_assistant_reads_the_report_and_exports_it(course, klass):
    ta = member_client(course, Role.TA)
    assert report_rows(ta)["ana"] == ["A", 2, 1, 3, 3]
    _, rows = csv_rows(ta)
    assert [row[1] for row in rows[1:]] == ["carla", "boris", "ana"]


def test_a_student_who_left_the_course_stays_listed_and_is_marked(client, course, klass):
    Enrolment.objects.get(user=klass.boris, course=course).end()
    html = client.get(REPORT).content.decode()
    assert html.count("Left the course") == 1
    assert report_rows(client)["boris"] == ["B", 2, 2, 1, 2]
    _, rows = csv_rows(client)
    assert {row[1]: row[4] for row in rows[1:]} == {"carla": "enrolled", "boris": "left the course", "ana": "enrolled"}


def test_only_the_courses_units_and_sections_are_offered(course, klass, medieval):
    def options(client, name, **params):
        html = BeautifulSoup(client.get(REPORT, params).content, "html.parser")
        return [option.get_text(strip=True) for option in html.select(f"select[name={name}] option")][1:]

    assert options(medieval.client, "unit") == ["The Crusades"]
    assert options(medieval.client, "section") == ["Z"]
    admin = Client()
    admin.force_login(UserFactory(username="root", is_superuser=True))
    assert options(admin, "unit", course=course.pk) == ["Khrushchev and the Thaw", "Stagnation"]
    assert options(admin, "section", course=course.pk) == ["A", "B"]


def test_a_unit_of_another_course_is_a_form_error_not_a_filter(client, course, klass, medieval):
    response = client.get(REPORT, {"course": course.pk, "unit": medieval.unit.pk})
    assert "Select a valid choice" in response.content.decode()
    assert report_rows(client, course=course.pk, unit=medieval.unit.pk)["ana"] == ["A", 2, 1, 3, 3]  # whole course


def test_the_chooser_and_every_link_keep_the_course(course, klass, medieval, monkeypatch):
    monkeypatch.setattr(ParticipationReportView, "paginate_by", 1)
    admin = Client()
    admin.force_login(UserFactory(username="root", is_superuser=True))
    html = BeautifulSoup(admin.get(REPORT, {"course": medieval.course.pk}).content, "html.parser")

    chooser = html.select_one("form.course-choice select[name=course]")
    assert [option.get_text(strip=True) for option in chooser.select("option")] == [
        "Medieval Europe · Fall 2026",
        "Soviet History · Spring 2017",
    ]
    assert chooser.select_one("option[selected]")["value"] == str(medieval.course.pk)
    assert html.select_one("form[data-search-form] input[type=hidden][name=course]")["value"] == str(medieval.course.pk)
    links = {
        "next page": html.select_one(".pagination .next a")["href"],
        "sort": html.select_one("th a[href*=ordering]")["href"],
        "export": next(a["href"] for a in html.select("a") if "export=csv" in a.get("href", "")),
    }
    for name, link in links.items():
        assert f"course={medieval.course.pk}" in link, name
    assert "Mira" in admin.get(links["next page"]).content.decode()  # page 2 of Medieval Europe: Ana, then Mira
