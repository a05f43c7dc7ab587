"""A student's first dashboard: not Wagtail's site summary ("7 pages · 0 images") but "Your writing", their
current courses' units with due dates and a one-click way to start a post in each, and their home at /me/."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses.models import Role
from courses.roles import enrol
from home.models import HomePage
from tests.desk_helpers import dashboard, dated_unit, text
from tests.factories import CourseUnitPageFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def student(course, second_course):
    """Dana, a student of Soviet History only; Medieval Europe has a unit too."""
    dated_unit(second_course, "The Crusades", timedelta(days=1))
    return member("Students", course=course, username="dana", first_name="Dana")


@pytest.fixture
def units(course):
    thaw = dated_unit(course, "Khrushchev and the Thaw", timedelta(days=3))
    open_ended = CourseUnitPageFactory(parent=course, title="Brezhnev and Stagnation", live=False)
    open_ended.save_revision().publish()
    return thaw, open_ended


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def writing(soup):
    return soup.find(id="your-writing-section")


def test_a_student_sees_their_units_with_due_dates_and_a_write_link_instead_of_the_summary(student, units):
    thaw, open_ended = units
    soup = dashboard(logged_in(student))
    assert soup.select_one(".w-summary") is None  # no "7 pages · 0 images"
    panel = writing(soup)
    assert panel.find("h2").get_text(strip=True) == "Your writing"
    assert "Soviet History · Spring 2017" in text(panel)
    rows = {row.select_one("td.title").get_text(strip=True): row for row in panel.select("tbody tr")}
    assert list(rows) == ["Khrushchev and the Thaw", "Brezhnev and Stagnation"]
    due = rows["Khrushchev and the Thaw"].find("time")
    assert due["datetime"] == timezone.localtime(thaw.due_date).replace(microsecond=0).isoformat()
    assert "No due date" in text(rows["Brezhnev and Stagnation"])
    write = rows["Khrushchev and the Thaw"].find("a")
    assert text(write) == "Write a post in Khrushchev and the Thaw"
    assert write["href"] == reverse("wagtailadmin_pages:add", args=("blog", "studentpostpage", thaw.pk))
    assert panel.find("a", string="Your home")["href"] == reverse("member_home")
    assert "The Crusades" not in soup.get_text()  # another course's unit


def test_the_write_link_opens_the_editor_on_a_new_post_in_that_unit(student, units):
    client = logged_in(student)
    link = writing(dashboard(client)).select_one("tbody tr a")["href"]
    response = client.get(link)
    assert response.status_code == 200
    editor = BeautifulSoup(response.content, "html.parser")
    assert editor.title.get_text().startswith("New: Student post")
    assert "Khrushchev and the Thaw" in text(editor.select_one("header"))  # the unit, in the breadcrumbs
    assert link in [form.get("action") for form in editor.find_all("form")]


def test_an_archived_course_is_not_offered(course, student, units):
    HomePage.objects.filter(pk=course.pk).update(archived_at=timezone.now())
    panel = writing(dashboard(logged_in(student)))
    assert "Khrushchev and the Thaw" not in text(panel)
    assert "None of your courses takes posts now: archived courses are read-only." in text(panel)


def test_staff_keep_wagtails_summary_and_get_no_writing_panel(course, second_course, student, units):
    instructor = member("Instructors", course=course, username="anne")
    soup = dashboard(logged_in(instructor))
    assert soup.select_one(".w-summary") is not None and writing(soup) is None
    enrol(student, second_course, Role.TA)  # a student here, staff there: staff
    soup = dashboard(logged_in(student))
    assert soup.select_one(".w-summary") is not None and writing(soup) is None
    assert soup.find(id=f"desk-{second_course.pk}-section") is not None
