"""A university answer Seminar must not believe (an id_token for another site, expired, or from another issuer)
signs nobody in: the student reads a page saying why and how to start again, a 4xx, never a 500, and no account
is made."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.urls import reverse

from signin import config
from tests.sso_helpers import OIDC_LOGIN, approve_at_idp, callback_path, id_token, student_claims, token_endpoint

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning")]

DANA = "dana.okafor@students.westfield.edu"


@pytest.fixture
def answer_with(oidc_idp, monkeypatch, client):
    """answer_with(token_response): the sign-in runs against the mock IdP, except that its token endpoint answers
    `token_response`; returns Seminar's response to the callback."""
    issuer = oidc_idp(student_claims("u-1001", DANA))
    real_app = config.oidc_app

    def run(token_response):
        with token_endpoint(token_response) as url:

            def oidc_app():
                app = real_app()
                app["settings"].update(fetch_userinfo=False, openid_configuration_overrides={"token_endpoint": url})
                return app

            monkeypatch.setattr(config, "oidc_app", oidc_app)
            start = client.post(OIDC_LOGIN)
            return client.get(callback_path(approve_at_idp(start["Location"], "u-1001")))

    run.issuer = issuer
    return run


def tokens(token):
    return {"access_token": "opaque", "token_type": "Bearer", "expires_in": 300, "id_token": token}


def assert_refused(response, client):
    assert response.status_code == 400
    page = response.content.decode()
    assert "You are not signed in" in page
    assert "could not be accepted" in page
    assert client.get(reverse("member_home")).status_code == 302
    assert not get_user_model().objects.exists()


def test_token_for_another_site_is_refused(answer_with, client):
    assert_refused(answer_with(tokens(id_token(answer_with.issuer, audience="another-app", email=DANA))), client)


def test_expired_token_is_refused(answer_with, client):
    assert_refused(answer_with(tokens(id_token(answer_with.issuer, expires_in=-60, email=DANA))), client)


def test_token_from_another_issuer_is_refused(answer_with, client):
    assert_refused(answer_with(tokens(id_token("https://idp.elsewhere.example", email=DANA))), client)


def test_token_signed_with_another_key_is_refused(answer_with, client):
    assert_refused(answer_with(tokens(id_token(answer_with.issuer, email=DANA, email_verified=True))), client)


def test_token_forged_under_the_universitys_key_id_is_refused(answer_with, client):
    kid = requests.get(f"{answer_with.issuer}/jwks", timeout=10).json()["keys"][0]["kid"]
    forged = id_token(answer_with.issuer, email=DANA, email_verified=True, headers={"kid": kid})
    assert_refused(answer_with(tokens(forged)), client)


def test_denied_at_the_university_is_a_cancelled_page(oidc_idp, client):
    oidc_idp(student_claims("u-1001", DANA))
    start = client.post(OIDC_LOGIN)
    denied = requests.post(start["Location"], data={"action": "deny"}, allow_redirects=False, timeout=10)
    # The mock leaves out `state` when denying; an IdP sends it back (RFC 6749 4.1.2.1).
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    response = client.get(f"{callback_path(denied.headers['Location'])}&state={state}", follow=True)
    assert response.status_code == 200
    assert "You did not finish signing in" in response.content.decode()


def test_callback_without_a_started_sign_in_is_refused(oidc_idp, client):
    oidc_idp(student_claims("u-1001", DANA))
    response = client.get("/accounts/oidc/campus/login/callback/?code=stolen&state=unknown")
    assert response.status_code == 400
    assert "could not be accepted" in response.content.decode()
