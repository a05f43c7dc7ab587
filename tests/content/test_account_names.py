"""The roster is the source of a student's name and email: on the admin account page a student sees them
read-only and whom to ask, a POST cannot change them, and their password and notifications still work. Course
staff and site administrators keep the editable panel."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.factories import member, site_administrator

pytestmark = pytest.mark.django_db

NOTE = "Your name and email come from your course roster"


@pytest.fixture
def student(course, instructor):
    return member("Students", first_name="Jordan", last_name="Casey", email="jordan@students.example.edu")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def form_data(**changes):
    return {
        "name_email-first_name": "Jordan",
        "name_email-last_name": "Casey",
        "name_email-email": "jordan@students.example.edu",
        "notifications-updated_comments_notifications": "on",
        "theme-theme": "system",
        "theme-contrast": "system",
        "theme-density": "default",
        **changes,
    }


def test_a_student_sees_name_and_email_read_only_and_whom_to_ask(student):
    html = logged_in(student).get("/admin/account/").content.decode()
    assert NOTE in html and "ask your instructor (Anne Whitaker (Soviet History))" in html
    for name in ("first_name", "last_name", "email"):
        assert f'name="name_email-{name}"' in html
    assert html.count(" disabled") >= 3 and 'value="Jordan"' in html


def test_a_students_post_changes_neither_name_nor_email(student):
    client = logged_in(student)
    response = client.post(
        "/admin/account/", form_data(**{"name_email-first_name": "=HYPERLINK(1)", "name_email-email": "x@evil.test"})
    )
    assert response.status_code == 302
    student.refresh_from_db()
    assert (student.first_name, student.last_name, student.email) == ("Jordan", "Casey", "jordan@students.example.edu")


def test_a_student_still_changes_their_password(student):
    client = logged_in(student)
    password = "a much longer passphrase 42"
    data = {"password-old_password": "", "password-new_password1": password, "password-new_password2": password}
    student.set_password("the old passphrase 17")
    student.save()
    client.force_login(student)
    data["password-old_password"] = "the old passphrase 17"
    response = client.post("/admin/account/", form_data(**data))
    assert response.status_code == 302
    student.refresh_from_db()
    assert student.check_password(password)
    assert client.get("/admin/account/").status_code == 200  # still logged in


def test_a_student_still_sets_notifications(student):
    client = logged_in(student)
    response = client.post("/admin/account/", form_data(**{"notifications-updated_comments_notifications": ""}))
    assert response.status_code == 302  # the settings were saved, no "comment_emails-email_on_comments": off
    student.refresh_from_db()
    assert not student.wagtail_userprofile.updated_comments_notifications
    assert not student.author_profile.email_on_comments


@pytest.mark.parametrize("who", ["instructor", "site administrator"])
def test_staff_still_edit_their_own_name(who, course, instructor):
    user = instructor if who == "instructor" else site_administrator(first_name="Ida", email="it@example.edu")
    client = logged_in(user)
    assert NOTE not in client.get("/admin/account/").content.decode()
    client.post("/admin/account/", form_data(**{"name_email-first_name": "Renamed", "name_email-email": user.email}))
    assert get_user_model().objects.get(pk=user.pk).first_name == "Renamed"
