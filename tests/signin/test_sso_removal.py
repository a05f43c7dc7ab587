"""A student removed on request who had signed in with the university: Seminar keeps none of what the university
sent about them (address, names), and signing in with the university again meets the closed account instead of
opening a new one."""

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from roster.removal import remove_on_request
from tests.sso_helpers import SAML_HOST, post_to_acs, start_saml

pytestmark = pytest.mark.django_db

DANA = "dana.okafor@students.westfield.edu"


def test_removal_erases_the_campus_copy_and_keeps_the_account_closed(saml_idp, instructor):
    browser = Client(HTTP_HOST=SAML_HOST)
    post_to_acs(browser, saml_idp.response(start_saml(browser), "dokafor@westfield.edu", DANA))
    student = get_user_model().objects.get(username=DANA)
    assert SocialAccount.objects.get(user=student).extra_data
    remove_on_request(student, unpublish_posts=True, by=instructor)
    assert not EmailAddress.objects.filter(user=student).exists()
    assert SocialAccount.objects.get(user=student).extra_data == {}
    again = Client(HTTP_HOST=SAML_HOST)
    response = post_to_acs(again, saml_idp.response(start_saml(again), "dokafor@westfield.edu", DANA))
    assert response.status_code == 403
    assert "account is closed" in response.content.decode()
    assert again.get(reverse("member_home")).status_code == 302
    assert get_user_model().objects.filter(email__iexact=DANA).count() == 0
    assert SocialAccount.objects.get(user=student).extra_data == {}  # not stored again by the refused sign-in
