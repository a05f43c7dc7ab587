"""Course members log in, out and reset a forgotten password on the public site, inside their course."""

import re

import pytest
from django.core import mail

from tests.account_helpers import NEW_PASSWORD, choose_password
from tests.factories import member

pytestmark = pytest.mark.django_db


def test_login_page_is_styled_in_the_course(client, course):
    html = client.get("/accounts/login/").content.decode()
    assert "<h1>Log in</h1>" in html
    assert course.title in html
    assert "Forgotten your password?" in html


def test_log_in_and_out(client, course):
    user = member("Students", username="jordan")
    user.set_password("a long demo password")
    user.save()
    response = client.post("/accounts/login/", {"username": "jordan", "password": "a long demo password"})
    assert response.status_code == 302
    assert "Log out" in client.get("/accounts/login/").content.decode()
    assert "You are logged out" in client.post("/accounts/logout/", follow=True).content.decode()


def test_wrong_password_says_so(client, course):
    response = client.post("/accounts/login/", {"username": "nobody", "password": "wrong"})
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()


def test_password_reset_round_trip(client, course):
    user = member("Students", email="jordan@students.example.edu")
    client.post("/accounts/password_reset/", {"email": "jordan@students.example.edu"}, HTTP_HOST="course.example.edu")
    message = mail.outbox[0]
    assert course.title in message.subject
    link = re.search(r"http://course\.example\.edu(/accounts/reset/\S+/)", message.body).group(1)
    assert "Your password is set" in choose_password(client, link)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_an_invited_student_without_a_password_can_ask_for_a_link(client, course):
    invited = member("Students", email="new@students.example.edu")
    invited.set_unusable_password()
    invited.save()
    client.post("/accounts/password_reset/", {"email": "NEW@students.example.edu"})
    assert [message.to for message in mail.outbox] == [["new@students.example.edu"]]


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("password123", "This password is too common."),
        ("Ab3!", "This password is too short. It must contain at least 8 characters."),
        ("4815162342", "This password is entirely numeric."),
        ("jordan.petrov", "The password is too similar to the username."),
    ],
)
def test_a_weak_new_password_is_refused_with_the_reason(client, course, password, reason):
    user = member("Students", username="jordan.petrov", email="jordan@students.example.edu")
    client.post("/accounts/password_reset/", {"email": "jordan@students.example.edu"})
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    html = choose_password(client, link, password=password)
    assert "Your password is set" not in html
    assert reason in html.replace("&#x27;", "'")
    user.refresh_from_db()
    assert not user.check_password(password)
