"""Only a course's instructors and teaching assistants, and superusers, see the participation report and its Reports
menu item."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import reports_menu

from courses.models import Role
from courses.roles import enrol
from tests.factories import UserFactory, member
from tests.report_helpers import REPORT

pytestmark = pytest.mark.django_db
RESULTS = reverse("participation_report_results")


def menu_names(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return [item.name for item in reports_menu.menu_items_for_request(request)]


def test_the_url_is_in_the_admin():
    assert REPORT == "/admin/reports/participation/"


def test_instructors_teaching_assistants_and_superusers_read_it_and_see_the_menu_item(client, course):
    instructor = member("Instructors")
    ta = UserFactory(username="ta")
    enrol(ta, course, Role.TA)
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    for user in (instructor, ta, superuser):
        client.force_login(user)
        assert client.get(REPORT).status_code == 200
        assert client.get(RESULTS).status_code == 200
        assert client.get(REPORT, {"export": "csv"}).status_code == 200
        assert "participation" in menu_names(user)


def test_students_get_wagtails_permission_denied(client):
    student = member("Students")
    client.force_login(student)

    response = client.get(REPORT, follow=True)
    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert "Sorry, you do not have permission to access this area." in response.content.decode()
    assert client.get(REPORT, {"export": "csv"}).status_code == 302  # no download either
    assert client.get(RESULTS, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 403
    assert "participation" not in menu_names(student)


def test_an_inactive_instructor_is_refused():
    instructor = member("Instructors", is_active=False)
    assert "participation" not in menu_names(instructor)


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    response = client.get(REPORT)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('wagtailadmin_login')}?next={REPORT}"
    assert "participation" not in menu_names(AnonymousUser())
