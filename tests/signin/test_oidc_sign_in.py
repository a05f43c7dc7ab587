"""Signing in with the university (OpenID Connect): a student presses "Sign in with Westfield University", signs in
at the university and lands on their home in Seminar, under the name the university gives; the next time they reach
the same account; a student the roster enrolled reaches that account and sees the course. An address the university
does not vouch for opens nothing."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from courses.models import Role
from courses.roles import enrol
from tests.factories import UserFactory
from tests.sso_helpers import sign_in_oidc, student_claims

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning")]

DANA = "dana.okafor@students.westfield.edu"


def signed_in_user(client):
    response = client.get(reverse("member_home"))
    return response.wsgi_request.user if response.status_code == 200 else None


def test_log_in_page_offers_the_university_first(oidc_idp, client):
    oidc_idp()
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with Westfield University" in page
    assert 'action="/accounts/oidc/campus/login/"' in page
    assert page.index("Sign in with Westfield University") < page.index('name="password"')


def test_first_sign_in_creates_the_account_with_the_universitys_names(oidc_idp, client):
    oidc_idp(student_claims("u-1001", DANA))
    response = sign_in_oidc(client, "u-1001")
    assert response.status_code == 302
    assert response["Location"] == reverse("member_home")
    user = signed_in_user(client)
    assert (user.username, user.email, user.first_name, user.last_name) == (DANA, DANA, "Dana", "Okafor")
    assert not user.has_usable_password()
    assert SocialAccount.objects.get(user=user).uid == "u-1001"


def test_returning_student_reaches_the_same_account(oidc_idp, client):
    oidc_idp(student_claims("u-1001", DANA))
    sign_in_oidc(client, "u-1001")
    first = signed_in_user(client)
    browser = Client()
    assert sign_in_oidc(browser, "u-1001").status_code == 302
    assert signed_in_user(browser) == first
    assert get_user_model().objects.count() == 1


def test_roster_account_is_linked_by_verified_email_and_sees_the_course(oidc_idp, client, course):
    student = UserFactory(username=DANA, email=DANA, first_name="D.", last_name="Okafor")
    enrol(student, course, Role.STUDENT)
    oidc_idp(student_claims("u-1001", DANA))
    assert sign_in_oidc(client, "u-1001", next_url=reverse("member_home"))["Location"] == reverse("member_home")
    home = client.get(reverse("member_home"))
    assert home.wsgi_request.user == student
    assert "Soviet History" in home.content.decode()
    student.refresh_from_db()
    assert student.first_name == "Dana"  # the university's name
    assert student.has_usable_password()  # the password the roster's invitation set still works
    assert SocialAccount.objects.get(uid="u-1001").user == student


def test_unverified_email_opens_no_account(oidc_idp, client, course):
    student = UserFactory(username=DANA, email=DANA)
    enrol(student, course, Role.STUDENT)
    oidc_idp(student_claims("attacker", DANA, verified=False))
    response = sign_in_oidc(client, "attacker")
    assert response.status_code == 403
    assert "did not confirm your email address" in response.content.decode()
    assert signed_in_user(client) is None
    assert not SocialAccount.objects.exists()
    assert get_user_model().objects.count() == 1


def test_unverified_email_of_a_stranger_creates_nothing(oidc_idp, client):
    oidc_idp(student_claims("u-2", "someone@elsewhere.example", verified=False))
    assert sign_in_oidc(client, "u-2").status_code == 403
    assert not get_user_model().objects.exists()


def test_a_vouched_domain_counts_as_verified(oidc_idp, client, monkeypatch):
    monkeypatch.setenv("SSO_VERIFIED_EMAIL_DOMAINS", "students.westfield.edu")
    oidc_idp(student_claims("u-1001", DANA, verified=False))
    assert sign_in_oidc(client, "u-1001")["Location"] == reverse("member_home")
    assert signed_in_user(client).username == DANA


def test_closed_account_is_refused_with_a_page(oidc_idp, client):
    UserFactory(username=DANA, email=DANA, is_active=False)
    oidc_idp(student_claims("u-1001", DANA))
    response = sign_in_oidc(client, "u-1001")
    assert response.status_code == 403
    assert "account is closed" in response.content.decode()


def test_sign_out_ends_the_session(oidc_idp, client):
    oidc_idp(student_claims("u-1001", DANA))
    sign_in_oidc(client, "u-1001")
    assert signed_in_user(client) is not None
    client.post(reverse("logout"))
    response = client.get(reverse("member_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
