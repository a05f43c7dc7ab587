"""Who opens the gradebook: a course's instructors and teaching assistants see its gradebook (and the "Gradebook"
menu item), site administrators pick any course; students are refused as Wagtail refuses them anywhere; another
course's instructor gets a 404 for this course and is never offered it; the participation report links to the
gradebook of the course it shows."""

from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from courses.models import Role
from courses.roles import enrol
from grading.choices import GradeStatus
from tests.factories import UserFactory, member, site_administrator
from tests.grading_helpers import DUE, assignment, make_grade
from tests.report_helpers import REPORT

pytestmark = pytest.mark.django_db
GRADEBOOK = reverse("grading:gradebook")


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def user_in(course, role, username):
    user = UserFactory(username=username)
    enrol(user, course, role)
    return user


def menu_names(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return [item.name for item in admin_menu.menu_items_for_request(request)]


@pytest.fixture
def graded(course, unit, make_post):
    """Ana's released 8 out of 10 on the unit (due DUE)."""
    unit.due_date = DUE
    unit.save_revision().publish()
    assignment(unit, points=10)
    ana = UserFactory(username="ana", first_name="Ana", last_name="Petrova")
    enrol(ana, course, Role.STUDENT, section="001")
    make_grade(make_post(title="The Thaw", author=ana), points=8, status=GradeStatus.RELEASED)
    return ana


def cells(response):
    assert response.status_code == 200
    rows = BeautifulSoup(response.content, "html.parser").select("table.gradebook tbody tr")
    return [[" ".join(td.get_text(" ").split()) for td in row.find_all("td")] for row in rows]


def test_the_address():
    assert GRADEBOOK == "/admin/grading/gradebook/"


def test_a_teaching_assistant_sees_the_scores_and_the_menu_item(course, graded):
    ta = user_in(course, Role.TA, "tom")

    assert cells(client_of(ta).get(GRADEBOOK)) == [["001", "8.00", "8.00 / 10"]]
    assert "gradebook" in menu_names(ta)


def test_an_instructor_sees_the_menu_item(course):
    assert "gradebook" in menu_names(user_in(course, Role.INSTRUCTOR, "anne"))


def test_students_are_refused_with_or_without_a_course(course, graded):
    client = client_of(graded)

    response = client.get(GRADEBOOK, follow=True)
    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert "Sorry, you do not have permission to access this area." in response.content.decode()
    assert client.get(GRADEBOOK, {"course": course.pk}).status_code == 302
    assert client.get(GRADEBOOK, {"course": course.pk, "export": "csv"}).status_code == 302  # no download
    assert "gradebook" not in menu_names(graded)


def test_guests_are_refused(course):
    guest = user_in(course, Role.GUEST, "guest")
    assert client_of(guest).get(GRADEBOOK).status_code == 302
    assert "gradebook" not in menu_names(guest)


def test_anonymous_visitors_are_sent_to_log_in():
    response = Client().get(GRADEBOOK)
    assert response["Location"] == f"{reverse('wagtailadmin_login')}?next={GRADEBOOK}"
    assert "gradebook" not in menu_names(AnonymousUser())


def test_another_courses_instructor_gets_a_404_and_is_never_offered_it(course, second_course, graded):
    other = user_in(second_course, Role.INSTRUCTOR, "medievalist")
    client = client_of(other)

    assert client.get(GRADEBOOK, {"course": course.pk}).status_code == 404
    assert client.get(GRADEBOOK, {"course": course.pk, "export": "xlsx"}).status_code == 404
    assert client.get(GRADEBOOK, {"course": "not-a-number"}).status_code == 404
    own = client.get(GRADEBOOK)
    assert own.status_code == 200 and "Medieval Europe" in own.content.decode()
    assert "Ana Petrova" not in own.content.decode()
    assert not BeautifulSoup(own.content, "html.parser").select("#id_course_choice")  # one course: no chooser


def test_an_instructor_of_two_courses_switches_between_them(course, second_course, graded):
    anne = user_in(course, Role.INSTRUCTOR, "anne")
    enrol(anne, second_course, Role.INSTRUCTOR)
    client = client_of(anne)

    options = BeautifulSoup(client.get(GRADEBOOK).content, "html.parser").select("#id_course_choice option")
    assert {option.get_text() for option in options} == {"Soviet History · Spring 2017", "Medieval Europe · Fall 2026"}
    assert cells(client.get(GRADEBOOK, {"course": second_course.pk})) == []
    assert cells(client.get(GRADEBOOK, {"course": course.pk})) == [["001", "8.00", "8.00 / 10"]]


def test_a_site_administrator_picks_any_course(course, second_course, graded):
    admin = site_administrator()
    client = client_of(admin)

    assert cells(client.get(GRADEBOOK, {"course": course.pk})) == [["001", "8.00", "8.00 / 10"]]
    assert "Medieval Europe" in client.get(GRADEBOOK, {"course": second_course.pk}).content.decode()
    assert "gradebook" in menu_names(admin)


def test_a_missing_post_needs_the_due_date_past(course, graded, make_post):
    """Before the due date nothing is missing; a day after it, a student with nothing submitted is."""
    boris = UserFactory(username="boris", first_name="Boris", last_name="Ivanov")
    enrol(boris, course, Role.STUDENT)
    anne = user_in(course, Role.INSTRUCTOR, "anne")

    for when, expected in (
        (DUE - timedelta(hours=1), ["—", "—", "—"]),
        (DUE + timedelta(days=1), ["—", "missing", "0.00 / 10"]),
    ):
        with time_machine.travel(when, tick=False):
            assert cells(client_of(anne).get(GRADEBOOK))[0] == expected  # Boris Ivanov sorts before Ana Petrova


def test_the_participation_report_links_to_the_courses_gradebook(course, second_course):
    anne = user_in(course, Role.INSTRUCTOR, "anne")
    enrol(anne, second_course, Role.INSTRUCTOR)
    client = client_of(anne)

    for each in (course, second_course):
        soup = BeautifulSoup(client.get(REPORT, {"course": each.pk}).content, "html.parser")
        link = soup.find("a", string="Gradebook")
        assert link["href"] == f"{GRADEBOOK}?course={each.pk}"
        assert client.get(link["href"]).status_code == 200


def test_the_menu_item_is_for_active_staff_only(course):
    gone = member("Instructors", course=course, username="gone", is_active=False)
    assert "gradebook" not in menu_names(gone)
