"""The Roster page works on the chosen course: its instructors (and site administrators) import into it, and only
into it; the preview remembers its course, so a confirmation never imports into another; a teaching assistant is
refused and another course is a 404; ending enrolments and the removal list stay inside the course."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from courses.models import Enrolment, Role
from courses.roles import enrol
from tests.admin_helpers import assert_permission_denied
from tests.factories import UserFactory, member, member_client

pytestmark = pytest.mark.django_db
INDEX, CONFIRM, REMOVE = reverse("roster:index"), reverse("roster:confirm"), reverse("roster:remove")
ROSTER = b"email,first_name,last_name,section,role\nana@example.edu,Ana,Petrova,A,\nlena@example.edu,Lena,Weiss,,ta\n"


def upload(client, course, data=ROSTER, **options):
    file = SimpleUploadedFile("roster.csv", data, "text/csv")
    return client.post(INDEX, {"file": file, "course": course.pk, **options})


def preview_token(response):
    return BeautifulSoup(response.content, "html.parser").select_one("input[name=preview]")["value"]


def enrolled(course):
    return dict(Enrolment.objects.filter(course=course, active=True).values_list("user__username", "role"))


@pytest.fixture
def teacher(course, second_course):
    """A Client of an instructor of both courses."""
    user = UserFactory(username="teacher")
    enrol(user, course, Role.INSTRUCTOR)
    enrol(user, second_course, Role.INSTRUCTOR)
    client = Client()
    client.force_login(user)
    return client


def test_the_chooser_offers_the_instructors_courses_and_the_import_goes_into_the_chosen_one(
    teacher, course, second_course
):
    page = BeautifulSoup(teacher.get(INDEX, {"course": second_course.pk}).content, "html.parser")
    assert [option.text.strip() for option in page.select("select[name=course] option")] == [
        "Medieval Europe · Fall 2026",
        "Soviet History · Spring 2017",
    ]
    assert page.select_one("form[enctype] input[name=course]")["value"] == str(second_course.pk)

    response = upload(teacher, second_course)
    course_line = BeautifulSoup(response.content, "html.parser").select_one(".course-choice").get_text(" ", strip=True)
    assert course_line == "Course: Medieval Europe · Fall 2026"
    assert enrolled(second_course) == {
        "teacher": Role.INSTRUCTOR,
        "ana@example.edu": Role.STUDENT,
        "lena@example.edu": Role.TA,
    }
    assert enrolled(course) == {"teacher": Role.INSTRUCTOR}


def test_confirm_imports_into_the_previewed_course_and_never_another(teacher, course, second_course):
    first_tab = preview_token(upload(teacher, course, dry_run="on"))
    second_tab = preview_token(upload(teacher, second_course, dry_run="on"))  # the same file, for the other course
    assert first_tab == second_tab

    refused = teacher.post(CONFIRM, {"preview": first_tab, "course": course.pk}, follow=True)
    assert "That preview was made for another course" in refused.content.decode()
    assert enrolled(course) == {"teacher": Role.INSTRUCTOR}

    imported = teacher.post(CONFIRM, {"preview": second_tab, "course": second_course.pk})
    assert "Roster imported" in imported.content.decode()
    assert set(enrolled(second_course)) == {"teacher", "ana@example.edu", "lena@example.edu"}
    assert enrolled(course) == {"teacher": Role.INSTRUCTOR}


def test_another_courses_roster_is_a_404_and_imports_nothing(instructor_client, course, second_course):
    member("Instructors", course=second_course)
    assert instructor_client.get(INDEX, {"course": second_course.pk}).status_code == 404
    assert upload(instructor_client, second_course).status_code == 404
    assert instructor_client.get(REMOVE, {"course": second_course.pk}).status_code == 404
    assert not Enrolment.objects.filter(course=second_course, user__username="ana@example.edu").exists()


def test_a_teaching_assistant_is_refused(course, second_course):
    ta = member_client(course, Role.TA)
    attempts = (
        lambda: ta.get(INDEX),
        lambda: upload(ta, course),
        lambda: ta.post(CONFIRM, {"preview": "x", "course": course.pk}),
        lambda: ta.get(REMOVE),
    )
    for attempt in attempts:
        assert_permission_denied(ta, attempt())
    assert set(enrolled(course).values()) == {Role.TA}  # nobody imported

    both = UserFactory(username="both")  # a TA here, an instructor there
    enrol(both, course, Role.TA)
    enrol(both, second_course, Role.INSTRUCTOR)
    client = Client()
    client.force_login(both)
    assert client.get(INDEX, {"course": course.pk}).status_code == 404
    assert upload(client, course).status_code == 404
    own = BeautifulSoup(client.get(INDEX).content, "html.parser").select_one(".course-choice").get_text(" ", strip=True)
    assert own == "Course: Medieval Europe · Fall 2026"  # the one course they teach


def test_ending_enrolments_from_the_admin_keeps_the_account_and_the_other_course(teacher, course, second_course):
    both = member("Students", username="both", email="both@example.edu")  # in both courses
    response = upload(teacher, course, deactivate_missing="on")
    assert "Left the course" in response.content.decode() and "both@example.edu" in response.content.decode()
    assert not Enrolment.objects.get(user=both, course=course).active
    assert Enrolment.objects.get(user=both, course=second_course).active
    both.refresh_from_db()
    assert both.is_active


def test_the_removal_lists_only_the_courses_students_and_says_it_is_site_wide(teacher, course, second_course):
    here = member("Students", course=course, first_name="Dana", last_name="Reyes", email="dana@example.edu")
    there = member("Students", course=second_course, first_name="Mira", last_name="Kahn", email="mira@example.edu")
    page = teacher.get(REMOVE, {"course": course.pk}).content.decode()
    options = [o.text for o in BeautifulSoup(page, "html.parser").select("select[name=student] option")][1:]
    assert options == ["Reyes, Dana (dana@example.edu)"]
    assert "erases their account on the whole site" in page

    refused = teacher.post(REMOVE, {"student": there.pk, "posts": "keep", "confirm": "on", "course": course.pk})
    assert refused.status_code == 400 and "Select a valid choice" in refused.content.decode()
    there.refresh_from_db()
    assert there.is_active and there.first_name == "Mira"
    assert here.is_active
