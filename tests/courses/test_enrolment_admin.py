"""Settings → Enrolments: a site administrator lists, filters and adds enrolments; an instructor cannot."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import Enrolment, Role
from tests.admin_helpers import assert_permission_denied
from tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db
INDEX = reverse("enrolments:index")


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.edu", "pw"))
    return client


def test_a_site_administrator_lists_and_filters_enrolments(admin_client, course, second_course):
    member("Students", course=course, first_name="Dana", last_name="Reyes")
    member("Students", course=second_course, first_name="Ivo", last_name="Marek")
    everyone = admin_client.get(INDEX).content.decode()
    assert "Dana" in everyone and "Ivo" in everyone
    only_second = admin_client.get(INDEX, {"course": second_course.pk}).content.decode()
    assert "Ivo" in only_second and "Dana" not in only_second


def test_a_site_administrator_enrols_a_teaching_assistant(admin_client, second_course):
    ta = UserFactory(username="ta")
    response = admin_client.post(
        reverse("enrolments:add"),
        {"user": ta.pk, "course": second_course.pk, "role": Role.TA, "section": "", "active": "on"},
    )
    assert response.status_code == 302
    assert Enrolment.objects.get(user=ta).role == Role.TA


def test_enrolling_someone_twice_in_one_course_is_a_form_error(admin_client, course):
    student = member("Students", course=course)
    response = admin_client.post(
        reverse("enrolments:add"), {"user": student.pk, "course": course.pk, "role": Role.TA, "active": "on"}
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Enrolment.objects.get(user=student).role == Role.STUDENT


def test_instructors_cannot_open_it(course):
    client = Client()
    client.force_login(member("Instructors", course=course))
    assert_permission_denied(client, client.get(INDEX))


def test_the_list_costs_the_same_for_two_and_forty_members(admin_client, course):
    member("Students", course=course)
    member("Students", course=course)
    admin_client.get(INDEX)  # warm: the admin's menus and settings
    with CaptureQueriesContext(connection) as few:
        admin_client.get(INDEX)
    for _ in range(38):
        member("Students", course=course)
    with CaptureQueriesContext(connection) as many:
        assert "student" in admin_client.get(INDEX).content.decode()
    assert len(many) == len(few)
