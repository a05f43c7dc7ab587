"""A unit's "Grading settings" page: its instructor sets the cut-off, late policy and points or rubric and sees them
again; combinations the rules refuse are form errors; teaching assistants only look; students are refused; another
course's instructor gets a 404; the page explorer offers the button to those who may see the page."""

from datetime import timedelta

import pytest

from courses.models import Role
from grading.models import AssignmentSettings, LatePolicy
from tests.factories import member_client
from tests.grading_helpers import *  # noqa: F403 (the due_unit fixture)
from tests.grading_helpers import DUE, assignment, make_rubric

pytestmark = pytest.mark.django_db


def url(unit):
    return f"/admin/grading/units/{unit.pk}/"


def settings_data(**fields):
    return {
        "cutoff_date": "2027-03-04 17:00",
        "late_policy": LatePolicy.PENALTY,
        "penalty_percent_per_day": "10",
        "penalty_cap_percent": "30",
        "points": "20",
        "rubric": "",
        **fields,
    }


def test_an_instructor_saves_the_settings_and_sees_them_again(course, due_unit):
    client = member_client(course, Role.INSTRUCTOR)

    response = client.post(url(due_unit), settings_data(lock_after_grading="on"), follow=True)

    assert "Grading settings saved for “Khrushchev and the Thaw”." in response.content.decode()
    saved = AssignmentSettings.objects.get(unit=due_unit)
    assert saved.cutoff_date == DUE + timedelta(days=3) and saved.late_policy == LatePolicy.PENALTY
    assert (saved.penalty_percent_per_day, saved.penalty_cap_percent, saved.points) == (10, 30, 20)
    assert saved.lock_after_grading
    html = client.get(url(due_unit)).content.decode()
    assert 'value="2027-03-04 17:00"' in html and 'value="20.00"' in html


def test_an_instructor_changes_saved_settings_to_a_rubric(course, due_unit):
    assignment(due_unit, points=20)
    rubric = make_rubric(course)
    client = member_client(course, Role.INSTRUCTOR)

    client.post(url(due_unit), settings_data(late_policy=LatePolicy.ACCEPT_FLAG, points="", rubric=rubric.pk))

    assert AssignmentSettings.objects.get(unit=due_unit).rubric == rubric


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"cutoff_date": "2027-02-28 17:00"}, "The cut-off date must be after the unit&#x27;s due date"),
        ({"late_policy": LatePolicy.REFUSE_AFTER_CUTOFF, "cutoff_date": ""}, "Set the cut-off date"),
        ({"penalty_percent_per_day": "0"}, "Set the penalty per day late"),
        ({"penalty_cap_percent": "120"}, "less than or equal to 100"),
    ],
)
def test_settings_the_rules_refuse_are_form_errors(course, due_unit, fields, error):
    response = member_client(course, Role.INSTRUCTOR).post(url(due_unit), settings_data(**fields))

    assert response.status_code == 400
    assert error in response.content.decode()
    assert not AssignmentSettings.objects.filter(unit=due_unit).exists()


def test_points_and_a_rubric_together_are_refused(course, due_unit):
    rubric = make_rubric(course)

    response = member_client(course, Role.INSTRUCTOR).post(url(due_unit), settings_data(rubric=rubric.pk))

    assert response.status_code == 400
    assert "Grade out of a number of points or with a rubric, not both." in response.content.decode()


def test_only_the_course_s_rubrics_are_offered(course, second_course, due_unit):
    own = make_rubric(course, title="Analysing a primary source")
    other = make_rubric(second_course, title="Chronicles")
    client = member_client(course, Role.INSTRUCTOR)

    html = client.get(url(due_unit)).content.decode()
    assert "Analysing a primary source" in html and "Chronicles" not in html
    response = client.post(url(due_unit), settings_data(points="", rubric=other.pk))
    assert response.status_code == 400 and not AssignmentSettings.objects.filter(unit=due_unit).exists()
    assert own.pk != other.pk


def test_a_teaching_assistant_sees_the_settings_read_only(course, due_unit):
    assignment(due_unit, points=20)
    client = member_client(course, Role.TA)

    html = client.get(url(due_unit)).content.decode()
    assert 'value="20.00"' in html and "disabled" in html and "Save grading settings" not in html
    assert client.post(url(due_unit), settings_data(points="5", late_policy=LatePolicy.ACCEPT_FLAG)).status_code == 403
    assert AssignmentSettings.objects.get(unit=due_unit).points == 20


@pytest.mark.parametrize("role", [Role.STUDENT, Role.GUEST])
def test_students_and_guests_are_refused(course, due_unit, role):
    client = member_client(course, role)

    assert client.get(url(due_unit)).status_code == 302
    assert client.post(url(due_unit), settings_data()).status_code == 302
    assert not AssignmentSettings.objects.filter(unit=due_unit).exists()


def test_another_course_s_instructor_gets_a_404(course, second_course, due_unit):
    client = member_client(second_course, Role.INSTRUCTOR)

    assert client.get(url(due_unit)).status_code == 404
    assert client.post(url(due_unit), settings_data()).status_code == 404
    assert not AssignmentSettings.objects.filter(unit=due_unit).exists()


def test_a_site_administrator_saves_any_course_s_settings(site_admin_client, second_unit):
    response = site_admin_client.post(url(second_unit), settings_data(cutoff_date=""), follow=True)

    assert "Grading settings saved for “The Crusades”." in response.content.decode()


def test_the_unit_s_buttons_offer_grading_settings_to_its_staff_only(course, unit):
    header = f"/admin/pages/{unit.pk}/"  # the unit's own explorer page: its header's "More" buttons
    listing = f"/admin/pages/{course.pk}/"

    for role in (Role.INSTRUCTOR, Role.TA):
        client = member_client(course, role)
        assert url(unit) in client.get(header).content.decode()
        assert url(unit) in client.get(listing).content.decode()
    student = member_client(course, Role.STUDENT)
    assert url(unit) not in student.get(listing).content.decode()
    assert url(unit) not in student.get(header).content.decode()
    instructor = member_client(course, Role.INSTRUCTOR)
    assert url(unit) in instructor.get(f"/admin/pages/{unit.pk}/edit/").content.decode()
    assert "/admin/grading/units/" not in instructor.get(f"/admin/pages/{course.pk}/edit/").content.decode()
