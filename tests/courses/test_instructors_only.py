"""Every instructors' admin page and view refuses a student the same way (courses.instructors): Wagtail's redirect to
the dashboard with its "Sorry, you do not have permission" message, or a 403 to a background request; nothing is
changed, and instructors get in."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.admin_helpers import assert_permission_denied
from tests.factories import member

pytestmark = pytest.mark.django_db

PAGES = [
    ("get", "roster:index"),
    ("post", "roster:confirm"),
    ("post", "roster:remove"),
    ("get", "wordpress_import:index"),
    ("post", "wordpress_import:index"),
    ("get", "lockouts:index"),
    ("post", "lockouts:index"),
    ("get", "review_list"),
    ("get", "review_list_results"),
    ("get", "participation_report"),
    ("get", "participation_report_results"),
]


def visit(client, method, name, **headers):
    return getattr(client, method)(reverse(name), headers=headers)


@pytest.mark.parametrize(("method", "name"), PAGES)
def test_a_student_gets_wagtails_permission_denied(method, name):
    client = Client()
    client.force_login(member("Students"))
    users = get_user_model().objects.count()
    assert_permission_denied(client, visit(client, method, name))
    assert get_user_model().objects.count() == users


@pytest.mark.parametrize(("method", "name"), PAGES)
def test_a_background_request_from_a_student_gets_403(method, name):
    client = Client()
    client.force_login(member("Students"))
    assert visit(client, method, name, x_requested_with="XMLHttpRequest").status_code == 403


@pytest.mark.parametrize("name", [name for method, name in PAGES if method == "get"])
def test_an_instructor_gets_in(name):
    client = Client()
    client.force_login(member("Instructors"))
    assert visit(client, "get", name).status_code == 200
