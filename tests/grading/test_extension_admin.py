"""Extensions on a unit's "Grading settings" page: its instructor grants one to a student of the course or to a
section, is told clearly when that student or section has one already, and removes one; students of other courses
are never offered; teaching assistants see the list but grant and remove nothing."""

from datetime import datetime

import pytest
from django.utils import timezone

from courses.models import Role
from courses.roles import enrol
from grading.models import Extension
from tests.factories import UserFactory, member_client
from tests.grading_helpers import *  # noqa: F403 (the due_unit fixture)
from tests.grading_helpers import DUE

pytestmark = pytest.mark.django_db


def page(unit):
    return f"/admin/grading/units/{unit.pk}/"


def add(unit):
    return f"{page(unit)}extensions/"


def remove(unit, extension):
    return f"{page(unit)}extensions/{extension.pk}/remove/"


@pytest.fixture
def dana(course):
    student = UserFactory(first_name="Dana", last_name="Reyes")
    enrol(student, course, Role.STUDENT, section="001")
    return student


@pytest.fixture
def instructor_of(course):
    return member_client(course, Role.INSTRUCTOR, first_name="Anne", last_name="Whitaker")


def test_an_instructor_grants_a_student_an_extension_and_sees_it_listed(due_unit, dana, instructor_of):
    response = instructor_of.post(add(due_unit), {"student": dana.pk, "due_date": "2027-03-05 17:00"}, follow=True)

    html = response.content.decode()
    assert "Extension granted to Dana Reyes for “Khrushchev and the Thaw”." in html
    extension = Extension.objects.get(unit=due_unit)
    assert extension.student == dana and extension.due_date == timezone.make_aware(datetime(2027, 3, 5, 17, 0))
    assert "Anne Whitaker" in html  # granted by


def test_an_instructor_grants_a_section_an_extension(due_unit, dana, instructor_of):
    html = instructor_of.get(page(due_unit)).content.decode()
    assert '<option value="001">Section 001</option>' in html

    response = instructor_of.post(add(due_unit), {"section": "001", "due_date": "2027-03-05 17:00"}, follow=True)

    assert "Extension granted to Section 001" in response.content.decode()
    assert Extension.objects.get(unit=due_unit).section == "001"


def test_a_second_extension_for_the_same_student_or_section_is_refused(due_unit, dana, instructor_of):
    Extension.objects.create(unit=due_unit, student=dana, due_date=DUE.replace(day=4))
    Extension.objects.create(unit=due_unit, section="001", due_date=DUE.replace(day=4))

    by_student = instructor_of.post(add(due_unit), {"student": dana.pk, "due_date": "2027-03-09 17:00"})
    by_section = instructor_of.post(add(due_unit), {"section": "001", "due_date": "2027-03-09 17:00"})

    assert by_student.status_code == by_section.status_code == 400
    assert "Dana Reyes already has an extension for this unit" in by_student.content.decode()
    assert "Section 001 already has an extension for this unit" in by_section.content.decode()
    assert Extension.objects.filter(unit=due_unit).count() == 2


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"due_date": "2027-03-05 17:00"}, "Give the extension to one student or to one section."),
        ({"section": "001", "due_date": "2027-02-27 17:00"}, "An extension must end after the unit&#x27;s due date"),
    ],
)
def test_extensions_the_rules_refuse_are_form_errors(due_unit, dana, instructor_of, data, error):
    response = instructor_of.post(add(due_unit), data)

    assert response.status_code == 400 and error in response.content.decode()
    assert not Extension.objects.exists()


def test_an_instructor_removes_an_extension(due_unit, dana, instructor_of):
    extension = Extension.objects.create(unit=due_unit, student=dana, due_date=DUE.replace(day=4))

    response = instructor_of.post(remove(due_unit, extension), follow=True)

    assert "Extension of Dana Reyes removed" in response.content.decode()
    assert not Extension.objects.exists()


def test_students_of_another_course_are_not_offered(course, second_course, due_unit, dana, instructor_of):
    outsider = UserFactory(first_name="Otto", last_name="Brandt")
    enrol(outsider, second_course, Role.STUDENT, section="777")

    html = instructor_of.get(page(due_unit)).content.decode()
    assert "Dana Reyes" in html and "Otto Brandt" not in html and "Section 777" not in html
    assert (
        instructor_of.post(add(due_unit), {"student": outsider.pk, "due_date": "2027-03-05 17:00"}).status_code == 400
    )
    assert not Extension.objects.exists()


def test_a_teaching_assistant_sees_extensions_but_grants_and_removes_none(course, due_unit, dana):
    extension = Extension.objects.create(unit=due_unit, student=dana, due_date=DUE.replace(day=4))
    client = member_client(course, Role.TA)

    html = client.get(page(due_unit)).content.decode()
    assert "Dana Reyes" in html and "Grant an extension" not in html and remove(due_unit, extension) not in html
    assert client.post(add(due_unit), {"section": "001", "due_date": "2027-03-05 17:00"}).status_code == 403
    assert client.post(remove(due_unit, extension)).status_code == 403
    assert list(Extension.objects.all()) == [extension]


def test_another_course_s_instructor_cannot_touch_the_unit_s_extensions(course, second_course, due_unit, dana):
    extension = Extension.objects.create(unit=due_unit, student=dana, due_date=DUE.replace(day=4))
    client = member_client(second_course, Role.INSTRUCTOR)

    assert client.post(add(due_unit), {"student": dana.pk, "due_date": "2027-03-09 17:00"}).status_code == 404
    assert client.post(remove(due_unit, extension)).status_code == 404
    assert list(Extension.objects.all()) == [extension]
