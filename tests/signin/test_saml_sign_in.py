"""Signing in with the university through SAML 2.0: a signed answer from the university's IdP signs the student in
(first time: a new account with the university's names; next time: the same account; a roster student: their
account, when the operator declared the university's domain vouched for, and nothing otherwise). An answer that is
unsigned, signed by someone else, meant for another site, expired, or brought a second time signs nobody in: a page
says so, with a 4xx."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from courses.models import Role
from courses.roles import enrol
from tests.factories import UserFactory
from tests.sso_helpers import SAML_HOST, post_to_acs, private_key, start_saml

pytestmark = pytest.mark.django_db

DANA = "dana.okafor@students.westfield.edu"
PRINCIPAL = "dokafor@westfield.edu"


@pytest.fixture
def client():
    """A browser on the site's own host name."""
    return Client(HTTP_HOST=SAML_HOST)


def member_home(client):
    return client.get(reverse("member_home"))


def sign_in(client, idp, **options):
    request_id = start_saml(client)
    return post_to_acs(client, idp.response(request_id, PRINCIPAL, DANA, **options))


def assert_refused(response, client, status=400):
    assert response.status_code == status
    assert "could not be accepted" in response.content.decode()
    assert member_home(client).status_code == 302
    assert not SocialAccount.objects.exists()


def test_log_in_page_offers_the_university(saml_idp, client):
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with Westfield University" in page
    assert 'action="/accounts/saml/campus/login/"' in page


def test_metadata_names_the_acs_for_the_idp(saml_idp, client):
    response = client.get("/accounts/saml/campus/metadata/")
    assert response.status_code == 200
    assert f"http://{SAML_HOST}/accounts/saml/campus/acs/".encode() in response.content


def test_first_sign_in_creates_the_account(saml_idp, client):
    response = sign_in(client, saml_idp)
    assert response["Location"] == reverse("member_home")
    user = member_home(client).wsgi_request.user
    assert (user.username, user.email, user.first_name, user.last_name) == (DANA, DANA, "Dana", "Okafor")
    assert SocialAccount.objects.get(user=user).uid == PRINCIPAL


def test_returning_student_reaches_the_same_account(saml_idp, client):
    sign_in(client, saml_idp)
    browser = Client(HTTP_HOST=SAML_HOST)
    assert sign_in(browser, saml_idp)["Location"] == reverse("member_home")
    assert member_home(browser).wsgi_request.user == member_home(client).wsgi_request.user
    assert get_user_model().objects.count() == 1


def test_unsigned_answer_is_refused(saml_idp, client):
    assert_refused(sign_in(client, saml_idp, signed=False), client)


def test_answer_signed_by_another_key_is_refused(saml_idp, client):
    assert_refused(sign_in(client, saml_idp, key=private_key()), client)


def test_answer_for_another_site_is_refused(saml_idp, client):
    assert_refused(sign_in(client, saml_idp, audience="https://other.example/saml/metadata/"), client)


def test_expired_answer_is_refused(saml_idp, client):
    assert_refused(sign_in(client, saml_idp, lifetime=-60), client)


def test_answer_brought_twice_is_refused(saml_idp, client):
    answer = saml_idp.response(start_saml(client), PRINCIPAL, DANA)
    assert post_to_acs(client, answer)["Location"] == reverse("member_home")
    client.post(reverse("logout"))
    replayed = post_to_acs(client, answer)
    assert replayed.status_code == 403
    assert "already used" in replayed.content.decode()
    assert member_home(client).status_code == 302


def test_answer_replayed_in_another_browser_is_refused(saml_idp, client):
    answer = saml_idp.response(start_saml(client), PRINCIPAL, DANA)
    post_to_acs(client, answer)
    thief = Client(HTTP_HOST=SAML_HOST)
    assert post_to_acs(thief, answer).status_code == 403
    assert member_home(thief).status_code == 302


def test_sign_out_ends_the_session(saml_idp, client):
    sign_in(client, saml_idp)
    assert member_home(client).status_code == 200
    client.post(reverse("logout"))
    assert member_home(client)["Location"].startswith(reverse("login"))


def test_roster_account_is_linked_when_the_domain_is_vouched_for(saml_idp, client, course):
    student = UserFactory(username=DANA, email=DANA)
    enrol(student, course, Role.STUDENT)
    assert sign_in(client, saml_idp)["Location"] == reverse("member_home")
    home = member_home(client)
    assert home.wsgi_request.user == student
    assert "Soviet History" in home.content.decode()


def test_address_from_a_domain_not_vouched_for_opens_nothing(saml_idp, client, course, monkeypatch):
    monkeypatch.delenv("SSO_VERIFIED_EMAIL_DOMAINS")
    enrol(UserFactory(username=DANA, email=DANA), course, Role.STUDENT)
    response = sign_in(client, saml_idp)
    assert response.status_code == 403
    assert "did not confirm your email address" in response.content.decode()
    assert member_home(client).status_code == 302
    assert not SocialAccount.objects.exists()
