"""A launch Seminar cannot trust is refused on a page that says why, with a 4xx: a token signed with another key,
for another client id, from a deployment nobody enabled, replayed, expired, without its state cookie, or not a
token at all. Nobody is logged in and no course or account is made."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from lti_tool.models import LtiDeployment

from home.models import HomePage
from lms.models import CourseLink
from tests.lti_platform import LTI, new_key

pytestmark = pytest.mark.django_db

INSTRUCTOR = {"sub": "teacher-1", "roles": ["Instructor"], "email": "teacher@example.edu"}


def assert_refused(client, response, status, words):
    assert response.status_code == status
    assert words in response.content.decode()
    assert "Seminar could not open" in response.content.decode()
    assert "_auth_user_id" not in client.session


def assert_nothing_made():
    assert not CourseLink.objects.exists() and not HomePage.objects.filter(title__contains="(LMS)").exists()
    assert not get_user_model().objects.filter(username="teacher@example.edu").exists()


def test_a_token_signed_with_another_key(lti_platform):
    client = Client()
    response = lti_platform.launch(client, key=new_key(), **INSTRUCTOR)
    assert_refused(client, response, 403, "Signature verification failed")
    assert_nothing_made()


def test_a_token_for_another_client_id(lti_platform):
    client = Client()
    response = lti_platform.launch(client, aud="another-tool", **INSTRUCTOR)
    assert_refused(client, response, 403, "Registration not found")
    assert_nothing_made()


def test_a_token_from_another_issuer(lti_platform):
    client = Client()
    response = lti_platform.launch(client, iss="https://elsewhere.example.test", **INSTRUCTOR)
    assert_refused(client, response, 403, "could not be verified")
    assert_nothing_made()


def test_an_unknown_deployment_is_refused_and_listed_for_the_administrator(lti_platform):
    client = Client()
    response = lti_platform.launch(client, **{f"{LTI}deployment_id": "deployment-x"}, **INSTRUCTOR)
    assert_refused(client, response, 403, "deployment “deployment-x”) is not enabled")
    assert_nothing_made()
    assert not LtiDeployment.objects.get(deployment_id="deployment-x").is_active  # to enable in the admin


@pytest.mark.parametrize("same_browser", [True, False])
def test_a_replayed_token(lti_platform, same_browser):
    first = Client()
    assert lti_platform.launch(first, **INSTRUCTOR).status_code == 302
    thief = first if same_browser else Client()  # the same browser has the state cookie too
    replay = thief.post("/lti/launch/", {"id_token": lti_platform.last["token"], "state": lti_platform.last["state"]})
    assert replay.status_code == 403 and "This launch was already used" in replay.content.decode()
    if not same_browser:
        assert "_auth_user_id" not in thief.session


def test_a_browser_that_kept_no_state_cookie_is_told_to_open_a_new_window(lti_platform):
    client = Client()
    redirect = lti_platform.initiate_login(client)
    client.cookies.clear()  # Safari keeps no cookie set inside a frame
    query = parse_qs(urlsplit(redirect["Location"]).query)
    token = lti_platform.id_token(lti_platform.claims(query["nonce"][0], **INSTRUCTOR))
    response = client.post("/lti/launch/", {"id_token": token, "state": query["state"][0]})
    assert_refused(client, response, 403, "Open Seminar in a new window")


def test_over_https_too_a_browser_that_kept_no_cookie_is_told_to_open_a_new_window(lti_platform):
    # Over HTTPS PyLTI1p3 also keys its cache by a cookie of its own, and raised (a 500) when it was missing.
    client = Client()
    redirect = lti_platform.initiate_login(client, secure=True)
    assert "Partitioned" in str(client.cookies)  # kept by a browser blocking third-party cookies (CHIPS)
    client.cookies.clear()
    query = parse_qs(urlsplit(redirect["Location"]).query)
    token = lti_platform.id_token(lti_platform.claims(query["nonce"][0], **INSTRUCTOR))
    response = client.post("/lti/launch/", {"id_token": token, "state": query["state"][0]}, secure=True)
    assert_refused(client, response, 403, "Open Seminar in a new window")


def test_an_expired_token(lti_platform):
    client = Client()
    response = lti_platform.launch(client, exp=int(time.time()) - 60, **INSTRUCTOR)
    assert_refused(client, response, 403, "Signature has expired")
    assert_nothing_made()


def test_a_nonce_seminar_never_issued(lti_platform):
    client = Client()
    redirect = lti_platform.initiate_login(client)
    state = redirect["Location"].split("state=")[1].split("&")[0]
    token = lti_platform.id_token(lti_platform.claims("made-up-nonce", **INSTRUCTOR))
    response = client.post("/lti/launch/", {"id_token": token, "state": state})
    assert_refused(client, response, 403, "Invalid Nonce")


@pytest.mark.parametrize("token", ["", "not-a-token", "a.b.c", "e30.e30.e30"])
def test_garbage_is_refused(lti_platform, token):
    client = Client()
    lti_platform.initiate_login(client)
    response = client.post("/lti/launch/", {"id_token": token, "state": "state-x"})
    assert response.status_code in (400, 403)
    assert "Seminar could not open" in response.content.decode() and "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("claims", "words"),
    [
        ({f"{LTI}context": None}, "comes from outside a course"),
        ({f"{LTI}context": "HIST 255"}, "a course, role or user claim is malformed"),
        ({f"{LTI}context": {"id": "c", "title": "x" * 501}}, "a course, role or user claim is malformed"),
        ({f"{LTI}context": {"id": ["c"]}}, "a course, role or user claim is malformed"),
        ({f"{LTI}roles": "Instructor"}, "a course, role or user claim is malformed"),
        ({"email": "a" * 250 + "@example.edu"}, "a course, role or user claim is malformed"),
        ({"given_name": {"first": "Ada"}}, "a course, role or user claim is malformed"),
        ({f"{LTI}resource_link": "link-1"}, "could not be read"),
        ({f"{LTI}message_type": "LtiDeepLinkingRequest"}, "could not be verified"),  # (no deep-linking settings)
        ({f"{LTI}version": "1.1"}, "Incorrect version"),
    ],
)
def test_a_signed_launch_with_claims_seminar_cannot_use(lti_platform, claims, words):
    client = Client()
    response = lti_platform.launch(client, **{**INSTRUCTOR, **claims})
    assert response.status_code in (400, 403)
    assert_refused(client, response, response.status_code, words)
    assert_nothing_made()


def test_a_launch_is_a_post(lti_platform):
    assert Client().get("/lti/launch/").status_code == 405


def test_a_refusal_from_a_registered_lms_shows_in_its_frame(lti_platform):
    client = Client()
    response = lti_platform.launch(client, exp=int(time.time()) - 60, **INSTRUCTOR)
    assert "frame-ancestors https://school.lms.example.test" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    forged = client.post("/lti/launch/", {"id_token": "a.b.c", "state": "x"})
    assert "frame-ancestors 'none'" in forged["Content-Security-Policy"] and forged["X-Frame-Options"] == "DENY"
