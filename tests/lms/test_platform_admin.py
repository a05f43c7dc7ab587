"""Site administrators register an LMS under Settings → LMS platforms: the form shows Seminar's login, launch and
key set addresses to give the LMS, and takes the LMS's issuer, client id, URLs, deployment ids and Seminar's
options for it. Instructors and everyone else are turned away."""

import pytest
from django.test import Client
from lti_tool.models import LtiDeployment, LtiRegistration

from lms.models import PlatformOptions
from tests.factories import site_administrator

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Canvas",
    "issuer": "https://canvas.instructure.com",
    "client_id": "10000000000001",
    "auth_url": "https://sso.canvaslms.com/api/lti/authorize_redirect",
    "token_url": "https://sso.canvaslms.com/login/oauth2/token",
    "keyset_url": "https://sso.canvaslms.com/api/lti/security/jwks",
    "audience": "",
    "is_active": "on",
    "deployment_ids": "1:abc\n 2:def \n",
    "web_origins": "https://school.instructure.com/\n",
    "new_courses_under": "seminar.example.edu",
}


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(site_administrator())
    return client


def test_a_site_administrator_registers_canvas(admin_client, catalogue):
    form = admin_client.get("/admin/lms_platforms/new/")
    assert form.status_code == 200
    page = form.content.decode()
    for url in ("http://testserver/lti/login/", "http://testserver/lti/launch/", "http://testserver/lti/jwks/"):
        assert url in page
    response = admin_client.post("/admin/lms_platforms/new/", FORM)
    assert response.status_code == 302
    registration = LtiRegistration.objects.get(client_id="10000000000001")
    deployments = LtiDeployment.objects.filter(registration=registration, is_active=True)
    assert sorted(deployments.values_list("deployment_id", flat=True)) == ["1:abc", "2:def"]
    options = PlatformOptions.objects.get(registration=registration)
    assert (options.web_origins, options.trusts_email, options.new_courses_under) == (
        "https://school.instructure.com",
        False,
        "seminar.example.edu",
    )
    edit = admin_client.get(f"/admin/lms_platforms/edit/{registration.pk}/").content.decode()
    assert "1:abc\n2:def" in edit and "https://school.instructure.com" in edit
    admin_client.post(f"/admin/lms_platforms/edit/{registration.pk}/", {**FORM, "deployment_ids": "2:def"})
    assert dict(registration.deployments.values_list("deployment_id", "is_active")) == {"1:abc": False, "2:def": True}
    edit = admin_client.get(f"/admin/lms_platforms/edit/{registration.pk}/").content.decode()
    assert "Refused so far: 1:abc." in edit
    assert "Canvas" in admin_client.get("/admin/lms_platforms/?q=canv").content.decode()
    assert "LMS platforms" in admin_client.get("/admin/").content.decode()


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("web_origins", "https://school.instructure.com/courses", "Not a web origin"),
        ("web_origins", "https://a.example; script-src *", "Not a web origin"),
        ("new_courses_under", "nowhere.example.edu", "No site is called"),
        ("keyset_url", "not a url", "Enter a valid URL"),
    ],
)
def test_wrong_values_are_explained(admin_client, catalogue, field, value, error):
    response = admin_client.post("/admin/lms_platforms/new/", {**FORM, field: value})
    assert response.status_code == 200 and error in response.content.decode()
    assert not LtiRegistration.objects.exists()


def test_instructors_cannot_see_lms_platforms(instructor_client):
    assert instructor_client.get("/admin/lms_platforms/").status_code in (302, 403)
    assert instructor_client.post("/admin/lms_platforms/new/", FORM).status_code in (302, 403)
    assert not LtiRegistration.objects.exists()
    assert "LMS platforms" not in instructor_client.get("/admin/").content.decode()
