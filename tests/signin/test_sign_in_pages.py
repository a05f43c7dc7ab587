"""The log-in pages with campus sign-in configured: the course's and the admin's offer "Sign in with <university>"
first; the password form follows, or folds away behind "Guest? Log in with a password" when the operator turns it
off, and still works; with nothing configured the page is as it was. /accounts/login/ stays our own view."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.views import LoginView
from django.urls import resolve, reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campus(monkeypatch):
    monkeypatch.setenv("SSO_OIDC_ISSUER", "https://login.westfield.example")
    monkeypatch.setenv("SSO_OIDC_CLIENT_ID", "seminar")
    monkeypatch.setenv("SSO_OIDC_NAME", "Westfield University")


def page(client, url):
    return BeautifulSoup(client.get(url).content, "html.parser")


def test_our_log_in_view_keeps_its_url():
    assert resolve("/accounts/login/").func.view_class is LoginView


def test_without_campus_sign_in_the_page_is_the_password_form(client):
    html = page(client, reverse("login"))
    assert not html.select("form.campus-sign-in")
    assert html.select_one("details") is None
    assert html.select_one("input[name=password]")


def test_button_first_then_the_password_form(campus, client):
    forms = page(client, reverse("login")).select("form.campus-sign-in, form.account-form")
    assert forms[0]["action"] == "/accounts/oidc/campus/login/"
    assert forms[0]["method"] == "post"
    assert forms[0].button.get_text() == "Sign in with Westfield University"
    assert forms[1].select_one("input[name=password]")


def test_the_button_carries_next(campus, client):
    form = page(client, reverse("login") + "?next=/me/").select_one("form.campus-sign-in")
    assert form.select_one("input[name=next]")["value"] == "/me/"


def test_password_form_folds_away_when_turned_off_and_still_works(campus, client, monkeypatch):
    monkeypatch.setenv("SSO_PASSWORD_LOGIN", "off")
    details = page(client, reverse("login")).select_one("details.password-log-in")
    assert details.summary.get_text() == "Guest? Log in with a password"
    assert details.select_one("input[name=password]")
    UserFactory(username="guest.speaker")
    response = client.post(reverse("login"), {"username": "guest.speaker", "password": "correct horse battery staple"})
    assert response["Location"] == reverse("member_home")


def test_admin_log_in_offers_the_university(campus, client):
    html = page(client, "/admin/login/")
    button = html.select_one("form.campus-sign-in")
    assert button["action"] == "/accounts/oidc/campus/login/"
    assert button.select_one("input[name=next]")["value"] == reverse("wagtailadmin_home")
    assert html.select_one("form.login-form input[name=password]")


def test_bookmarked_provider_url_asks_before_leaving(campus, client):
    response = client.get("/accounts/oidc/campus/login/")
    assert response.status_code == 200
    assert "Continue to Westfield University" in response.content.decode()


def test_unknown_provider_is_a_404(client):
    assert client.get("/accounts/oidc/nowhere/login/").status_code == 404
    assert client.get("/accounts/saml/nowhere/acs/finish/").status_code == 404


def test_university_not_answering_is_a_503_page(client, monkeypatch, unused_port):
    monkeypatch.setenv("SSO_OIDC_ISSUER", f"http://127.0.0.1:{unused_port}")
    monkeypatch.setenv("SSO_OIDC_CLIENT_ID", "seminar")
    response = client.post("/accounts/oidc/campus/login/")
    assert response.status_code == 503
    assert "not answering" in response.content.decode()


def test_saml_metadata_not_answering_is_a_503_page(client, monkeypatch, unused_port):
    monkeypatch.setenv("SSO_SAML_METADATA_URL", f"http://127.0.0.1:{unused_port}/metadata")
    response = client.post("/accounts/saml/campus/login/", HTTP_HOST="seminar.example.edu")
    assert response.status_code == 503
    assert "not answering" in response.content.decode()
