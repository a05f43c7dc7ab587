"""Adding Seminar to an LMS module: an instructor's deep-linking launch shows a picker of the course and its units
(with due dates); they pick two units and Seminar answers the LMS with a form posting a JWT signed by the tool's key,
whose items link back to the launch URL naming each unit. A later launch of such a link opens that unit. A student
cannot add anything, and a picked page of another course is refused."""

import re
from datetime import UTC, datetime
from html import unescape

import jwt
import pytest
from django.test import Client
from lti_tool.models import LtiUser

from lms.models import CourseLink
from tests.factories import CourseUnitPageFactory
from tests.lti_platform import CLIENT_ID, DEEP_LINKING, DEPLOYMENT_ID, ISSUER, LTI

pytestmark = pytest.mark.django_db

RETURN_URL = f"{ISSUER}/deep_links"
TA = "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"


def published_unit(course, title, **fields):
    unit = CourseUnitPageFactory(parent=course, title=title, live=False, **fields)
    unit.save_revision().publish()
    return unit


@pytest.fixture
def units(lti_platform):
    """The LMS course's Seminar course (made by its instructor's first launch) with two units."""
    lti_platform.launch(Client(), sub="teacher-1", roles=["Instructor"])
    course = CourseLink.objects.get().course
    due = datetime(2027, 3, 1, 17, 0, tzinfo=UTC)
    return published_unit(course, "The Thaw", due_date=due), published_unit(course, "Stagnation")


def picker(platform, sub="teacher-1", roles=("Instructor",), **settings):
    """(client, the deep-linking launch's response)"""
    client = Client()
    return client, platform.launch(client, sub=sub, roles=roles, **platform.deep_linking(**settings))


def signed_claims(client, token):
    """The response JWT's claims, verified with the tool's public key from its key set."""
    kid = jwt.get_unverified_header(token)["kid"]
    key = jwt.PyJWKSet.from_dict(client.get("/lti/jwks/").json())[kid]
    return jwt.decode(token, key.key, algorithms=["RS256"], audience=ISSUER)


def test_an_instructor_picks_two_units_and_the_lms_gets_them_signed(lti_platform, units):
    thaw, stagnation = units
    client, response = picker(lti_platform)
    assert response.status_code == 302
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "The whole course: Soviet History (LMS)" in html
    assert "The Thaw (due 1 March 2027" in html and "Stagnation" in html and 'type="checkbox"' in html
    answer = client.post(response["Location"], {"page": [thaw.pk, stagnation.pk]})
    html = answer.content.decode()
    assert answer.status_code == 200 and f'action="{RETURN_URL}"' in html and "Add to the LMS" in html
    assert "<script>" not in html and "form-action 'self' https://lms.example.test" in answer["Content-Security-Policy"]
    claims = signed_claims(client, re.search(r'name="JWT" value="([^"]+)"', html)[1])
    assert (claims["iss"], claims["aud"], claims[f"{LTI}deployment_id"]) == (CLIENT_ID, [ISSUER], DEPLOYMENT_ID)
    assert claims[f"{LTI}message_type"] == "LtiDeepLinkingResponse" and claims["nonce"]
    assert claims[f"{DEEP_LINKING}data"] == "opaque-data-1"
    assert claims[f"{DEEP_LINKING}content_items"] == [
        {"type": "ltiResourceLink", "title": unit.title, "url": "http://testserver/lti/launch/", "custom": custom}
        for unit, custom in ((thaw, {"seminar_page": str(thaw.pk)}), (stagnation, {"seminar_page": str(stagnation.pk)}))
    ]
    # Answered once: the picker is gone.
    assert client.post(response["Location"], {"page": [thaw.pk]}).status_code == 400
    # The LMS's link, launched by a student, opens the unit.
    student = Client()
    custom = {f"{LTI}custom": {"seminar_page": str(stagnation.pk)}}
    launched = lti_platform.launch(student, sub="student-1", roles=["Learner"], **custom)
    assert launched.status_code == 302 and launched["Location"] == stagnation.get_url()


def test_a_platform_accepting_one_item_gets_one(lti_platform, units):
    thaw, stagnation = units
    client, response = picker(lti_platform, sub="ta-1", roles=["Instructor", TA], accept_multiple="false", data=None)
    assert 'type="radio"' in client.get(response["Location"]).content.decode()
    refused = client.post(response["Location"], {"page": [thaw.pk, stagnation.pk]})
    assert refused.status_code == 400 and "accepts one item" in refused.content.decode()
    nothing = client.post(response["Location"], {})
    assert nothing.status_code == 400 and "Choose a page to add" in nothing.content.decode()
    course = CourseLink.objects.get().course
    answer = client.post(response["Location"], {"page": [course.pk]})
    claims = signed_claims(client, re.search(r'name="JWT" value="([^"]+)"', answer.content.decode())[1])
    assert [item["title"] for item in claims[f"{DEEP_LINKING}content_items"]] == ["Soviet History (LMS)"]
    assert f"{DEEP_LINKING}data" not in claims  # nothing to echo


def test_a_student_cannot_add_seminar_to_the_lms(lti_platform, units):
    client, response = picker(lti_platform, sub="student-1", roles=["Learner"])
    assert response.status_code == 403
    assert "Only the course's instructors and teaching assistants" in unescape(response.content.decode())
    assert "_auth_user_id" not in client.session


def test_a_page_of_another_course_is_refused(lti_platform, units, second_unit):
    client, response = picker(lti_platform)
    tampered = client.post(response["Location"], {"page": [units[0].pk, second_unit.pk]})
    assert tampered.status_code == 400 and "not one of this course's pages" in unescape(tampered.content.decode())
    # The launch is answered only from the session it began, even by the same instructor logged in elsewhere.
    elsewhere = Client()
    elsewhere.force_login(LtiUser.objects.get(sub="teacher-1").auth_user)
    assert elsewhere.post(response["Location"], {"page": [units[0].pk]}).status_code == 400


def test_a_deep_linking_launch_without_a_return_address_is_refused(lti_platform, units):
    client, response = picker(lti_platform, return_url="javascript:alert(1)")
    assert response.status_code == 400 and "no valid return address" in response.content.decode()
