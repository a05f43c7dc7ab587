"""An LMS starts a launch at Seminar's login initiation URL: Seminar sends the browser to the LMS's authorization
URL with a state (also in a short-lived cookie) and a nonce, and tells an unknown LMS so on a 400 page."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.lti_platform import CLIENT_ID, ISSUER

pytestmark = pytest.mark.django_db


def test_a_registered_lms_is_sent_to_its_authorization_url(client, lti_platform):
    response = lti_platform.initiate_login(client)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{ISSUER}/auth"
    query = {name: values[0] for name, values in parse_qs(location.query).items()}
    assert query["client_id"] == CLIENT_ID and query["login_hint"] == "hint"
    assert query["redirect_uri"] == "http://testserver/lti/launch/"
    assert query["response_mode"] == "form_post" and query["scope"] == "openid" and query["prompt"] == "none"
    assert query["state"].startswith("state-") and len(query["nonce"]) >= 32
    assert response.cookies[f"lti1p3-{query['state']}"].value == query["state"]


def test_login_initiation_is_a_post_too(client, lti_platform):
    params = {"iss": ISSUER, "login_hint": "hint", "client_id": CLIENT_ID, "target_link_uri": "http://x/"}
    assert client.post("/lti/login/", params).status_code == 302


@pytest.mark.parametrize(
    "params",
    [
        {"iss": "https://other-lms.example.test", "login_hint": "hint", "client_id": CLIENT_ID},
        {"iss": ISSUER, "login_hint": "hint", "client_id": "someone-else"},
        {"iss": ISSUER, "client_id": CLIENT_ID},
        {},
    ],
)
def test_an_unknown_lms_or_a_half_request_is_told_so(client, lti_platform, params):
    response = client.get("/lti/login/", params)
    assert response.status_code == 400
    assert "Seminar does not know this LMS" in response.content.decode()
    assert "_auth_user_id" not in client.session
