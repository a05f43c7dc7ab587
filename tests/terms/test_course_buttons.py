"""The course's "Archive course" and "Roll over" buttons in the admin: shown to its instructors and the site
administrators only; their confirmation and form pages do what the commands do; anyone else is refused."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from courses.models import Enrolment, Role
from home.models import HomePage
from tests.admin_helpers import assert_permission_denied
from tests.factories import UserFactory, member_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(db):
    client = Client()
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


def buttons(client, course):
    """The course's buttons the explorer shows this person: in its header and in its row of the root listing."""
    html = client.get(reverse("wagtailadmin_explore", args=[course.pk])).text
    html += client.get(reverse("wagtailadmin_explore_root")).text
    urls = {
        "archive": reverse("terms:archive", args=[course.pk]),
        "rollover": reverse("terms:rollover", args=[course.pk]),
    }
    return {name for name, url in urls.items() if url in html}


def test_instructors_and_site_administrators_see_them(course, admin_client):
    call_command("create_course", "Medieval Europe", "--term", "Fall 2026", "--hostname", "m.example.edu", stdout=None)
    second_course = HomePage.objects.get(title="Medieval Europe")
    assert buttons(member_client(course, Role.INSTRUCTOR), course) == {"archive", "rollover"}
    assert buttons(admin_client, course) == {"archive", "rollover"}
    for client in (member_client(course, Role.TA), member_client(course, Role.STUDENT)):
        assert buttons(client, course) == set()
    assert buttons(member_client(second_course, Role.INSTRUCTOR), course) == set()  # another course's instructor


def test_archive_and_reopen_after_a_confirmation(course):
    instructor = member_client(course, Role.INSTRUCTOR)
    url = reverse("terms:archive", args=[course.pk])
    assert "What archiving does" in instructor.get(url).text
    assert instructor.post(url)["Location"] == reverse("wagtailadmin_explore", args=[course.pk])
    assert HomePage.objects.get(pk=course.pk).is_archived
    assert "Reopen course" in instructor.get(reverse("wagtailadmin_explore", args=[course.pk])).text
    assert "What reopening does" in instructor.get(url).text
    instructor.post(url)
    assert not HomePage.objects.get(pk=course.pk).is_archived
    history = instructor.get(reverse("wagtailadmin_pages:history", args=[course.pk])).text
    assert "Archived the course" in history and "Reopened the course" in history


@pytest.mark.parametrize("role", [Role.TA, Role.STUDENT])
def test_teaching_assistants_and_students_are_refused(course, role, catalogue):
    client = member_client(course, role)
    for name in ("archive", "rollover"):
        url = reverse(f"terms:{name}", args=[course.pk])
        assert_permission_denied(client, client.get(url))
        assert_permission_denied(client, client.post(url, {"term": "Fall 2027", "under": "seminar.example.edu/"}))
    assert not HomePage.objects.get(pk=course.pk).is_archived and HomePage.objects.count() == 1


def test_roll_over_from_the_admin(course, catalogue):
    instructor = member_client(course, Role.INSTRUCTOR, username="anne")
    url = reverse("terms:rollover", args=[course.pk])
    form = instructor.get(url).text
    assert 'value="seminar.example.edu/"' in form  # the catalogue, offered by name
    assert 'name="hostname"' not in form  # a site of its own is the site administrators' to give
    response = instructor.post(url, {"term": "Fall 2027", "hostname": "x.example.edu", "port": "80"})
    assert response.status_code == 400 and "This field is required." in response.text
    assert HomePage.objects.count() == 1 and not Site.objects.filter(hostname="x.example.edu").exists()
    data = {"term": "Fall 2027", "starts": "2027-09-01", "under": "seminar.example.edu/", "port": "80"}
    response = instructor.post(url, data)
    new = HomePage.objects.get(rolled_over_from=course)
    assert response["Location"] == reverse("wagtailadmin_explore", args=[new.pk])
    assert new.url_path.endswith("/soviet-history-fall-2027/") and new.term == "Fall 2027"
    assert Enrolment.objects.get(course=new).user.username == "anne"
    assert new.get_latest_revision().user.username == "anne"
    instructor.post(url, data)  # again: nothing changes
    assert HomePage.objects.filter(rolled_over_from=course).count() == 1


def test_a_site_administrator_rolls_over_to_a_site_of_its_own(course, catalogue):
    admin = Client()
    admin.force_login(get_user_model().objects.create_superuser("it", "it@example.edu", "pw"))
    url = reverse("terms:rollover", args=[course.pk])
    both = {"term": "Fall 2027", "under": "seminar.example.edu/", "hostname": "x.example.edu", "port": "80"}
    response = admin.post(url, both)
    assert response.status_code == 400 and "not both" in response.text and HomePage.objects.count() == 1
    response = admin.post(url, {"term": "Fall 2027", "hostname": "x.example.edu", "port": "80"})
    assert response.status_code == 302
    assert Site.objects.get(hostname="x.example.edu").root_page.specific.rolled_over_from == course
