"""Only instructors and superusers see the Roster menu item and reach its pages; students get Wagtail's permission
denied redirect and anonymous visitors the admin login, and neither can import anything."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.admin_helpers import assert_permission_denied
from tests.factories import member

pytestmark = pytest.mark.django_db
INDEX = reverse("roster:index")
CONFIRM = reverse("roster:confirm")
ROSTER = b"email,first_name,last_name\nsneaky@example.edu,Sneaky,Student\n"


def attempts(client):
    yield client.get(INDEX)
    yield client.post(INDEX, {"file": SimpleUploadedFile("r.csv", ROSTER, "text/csv")})
    yield client.post(CONFIRM, {"preview": "x"})


def test_urls_live_under_admin_roster():
    assert INDEX == "/admin/roster/"
    assert CONFIRM == "/admin/roster/import/"


def test_instructors_see_the_menu_item_and_the_page(client):
    client.force_login(member("Instructors"))
    assert f'"url": "{INDEX}"' in client.get(reverse("wagtailadmin_home")).content.decode()
    response = client.get(INDEX)
    assert response.status_code == 200
    assert "The roster file" in response.content.decode()


def test_superusers_reach_the_page(client):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.edu", "pw"))
    assert f'"url": "{INDEX}"' in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(INDEX).status_code == 200


def test_students_get_no_menu_item_and_wagtails_permission_denied(client):
    client.force_login(member("Students"))
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    assert INDEX not in home.content.decode()
    for response in attempts(client):
        assert_permission_denied(client, response)
    assert not get_user_model().objects.filter(username="sneaky@example.edu").exists()


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    for response in attempts(client):
        assert response.status_code == 302
        assert response.url.startswith(reverse("wagtailadmin_login") + "?next=")
    assert not get_user_model().objects.filter(username="sneaky@example.edu").exists()


def test_confirm_is_post_only(client):
    client.force_login(member("Instructors"))
    assert client.get(CONFIRM).status_code == 405
