"""Course members log in, out and reset a forgotten password on the public site, inside their course."""

import re

import pytest
from bs4 import BeautifulSoup
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


def reset_page(client, user, password):
    """The set-password page after `password` was typed twice, parsed (issue 17, rough edge 9)."""
    client.post("/accounts/password_reset/", {"email": user.email})
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[-1].body).group(1)
    form_page = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(form_page, {"new_password1": password, "new_password2": password})
    return BeautifulSoup(response.content, "html.parser")


def described_by(soup, field_id):
    """The elements the field's aria-describedby names, by id."""
    ids = soup.find(id=field_id)["aria-describedby"].split()
    return {element_id: soup.find(id=element_id) for element_id in ids}


def test_set_password_page_lists_the_rules_and_puts_each_error_under_its_field(client, course):
    user = member("Students", username="jordan.petrov", email="jordan@students.example.edu")
    soup = reset_page(client, user, "password123")
    rules = described_by(soup, "id_new_password1")["id_new_password1_helptext"]
    assert len(rules.select("ul > li")) == 4  # Django's four validators, one item each, not one run-on line
    error = described_by(soup, "id_new_password2")["id_new_password2_error"]
    assert error.get_text(strip=True) == "This password is too common."
    assert error.find_parent(class_="field") is soup.find(id="id_new_password2").find_parent(class_="field")
    assert soup.find(id="id_new_password1").find_parent(class_="field").find(class_="error") is None
    summary = soup.find(id="form-errors")
    assert summary.find("a", href="#id_new_password2").get_text() == "New password again: This password is too common."
    assert soup.find("h1").get_text() == "Choose a new password"


def test_login_errors_are_summed_up_and_under_each_field(client, course):
    soup = BeautifulSoup(client.post("/accounts/login/", {"username": "", "password": ""}).content, "html.parser")
    for field in ("id_username", "id_password"):
        assert described_by(soup, field)[f"{field}_error"].get_text() == "This field is required."
        assert soup.find(id="form-errors").find("a", href=f"#{field}")
    assert soup.find(id="id_username").find_parent(class_="field").label.get_text() == "Username"
