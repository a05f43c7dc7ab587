"""Seminar opened from an LMS shows inside the LMS's frame: the launch's session may be framed by exactly that LMS's
web origins and its cookies are sent to a framed page (SameSite=None; Secure). Everyone else keeps today's
frame-ancestors 'none' and X-Frame-Options DENY, and the same session loses the LMS's frame when it logs out."""

import pytest
from django.test import Client

from tests.lti_platform import ISSUER

pytestmark = pytest.mark.django_db

LMS = "https://school.lms.example.test"


def frame_ancestors(response):
    for directive in response["Content-Security-Policy"].split(";"):
        name, *sources = directive.split()
        if name == "frame-ancestors":
            return sources
    return None


@pytest.fixture
def framed(lti_platform):
    """(client, launch response) of a student's launch into a course an instructor opened first."""
    lti_platform.launch(Client(), sub="teacher", roles=["Instructor"])
    client = Client()
    return client, lti_platform.launch(client, sub="student", roles=["Learner"])


def test_the_launch_and_the_pages_after_it_may_be_framed_by_the_lms_only(framed):
    client, response = framed
    assert frame_ancestors(response) == [LMS] and "X-Frame-Options" not in response
    for name in ("sessionid", "csrftoken"):
        cookie = response.cookies[name]
        assert cookie["samesite"] == "None" and cookie["secure"] is True, name
    course = client.get(response["Location"], HTTP_HOST="seminar.example.edu")
    assert course.status_code == 200
    assert frame_ancestors(course) == [LMS] and "X-Frame-Options" not in course
    assert frame_ancestors(client.get("/me/")) == [LMS]


def test_everyone_else_keeps_the_strict_framing(framed):
    _, response = framed
    reader = Client()
    for url in ("/", "/accounts/login/", "/no-such-page/"):
        page = reader.get(url)
        assert frame_ancestors(page) == ["'none'"] and page["X-Frame-Options"] == "DENY", url
        assert "SameSite=None" not in str(page.cookies), url
    page = reader.get(response["Location"], HTTP_HOST="seminar.example.edu")
    assert frame_ancestors(page) == ["'none'"] and page["X-Frame-Options"] == "DENY"


def test_a_session_logged_in_by_password_is_not_framable(instructor_client):
    page = instructor_client.get("/me/")
    assert frame_ancestors(page) == ["'none'"] and page["X-Frame-Options"] == "DENY"


def test_logging_out_ends_the_lms_frame(framed):
    client, _ = framed
    client.post("/accounts/logout/")
    page = client.get("/")
    assert frame_ancestors(page) == ["'none'"] and page["X-Frame-Options"] == "DENY"


def test_without_listed_web_origins_the_issuer_frames(lti_platform):
    lti_platform.registration.seminar_options.web_origins = ""
    lti_platform.registration.seminar_options.save()
    response = lti_platform.launch(Client(), sub="teacher", roles=["Instructor"])
    assert frame_ancestors(response) == [ISSUER]
