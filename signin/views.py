"""allauth's social views as Seminar serves them: its error, cancelled and signup pages are ours; its OpenID Connect
views run on our adapter (signin.oidc: id_token signatures always checked); its SAML finish view answers a replayed
or foreign response with our page instead of Django's bare 403; and an IdP out of reach is a 503 page, not a 500."""

import functools
import logging

import requests
from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.saml import views as saml_views
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from onelogin.saml2.errors import OneLogin_Saml2_Error

from signin.adapter import refusal
from signin.oidc import SignedIdTokenAdapter

logger = logging.getLogger(__name__)

UNREACHABLE = (requests.RequestException, OSError, OneLogin_Saml2_Error)


def guarded(view):
    """allauth's view, except that an IdP that does not answer (its discovery document, keys or metadata out of
    reach, or a configuration python3-saml refuses) is a 503 page instead of a 500."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except UNREACHABLE:
            logger.exception("Campus sign-in: the identity provider could not be reached or used")
            return render(request, "signin/unavailable.html", {}, status=503)

    return wrapper


@never_cache
def failed(request, status=400):
    return render(request, "signin/failed.html", {}, status=status)


@never_cache
def cancelled(request):
    return render(request, "signin/cancelled.html", {})


@never_cache
def signup(request):
    """allauth sends a sign-in it cannot finish by itself to a signup form; Seminar has none (accounts come from
    the roster and the IdP), so the member reads why instead."""
    return refusal(request, "Seminar could not open an account for this sign-in. Ask your instructor.")


@never_cache
@guarded
def finish_saml(request, organization_slug):
    """allauth's own view, except that a response this browser did not ask for (replayed, stolen, or sent twice)
    is refused with our page: allauth raises PermissionDenied when no request of this session matches it."""
    try:
        return saml_views.finish_acs(request, organization_slug=organization_slug)
    except PermissionDenied:
        return failed(request, status=403)


def oidc_view(view_class):
    """allauth's openid_connect login or callback view (its views.login, views.callback) on our adapter."""

    @login_not_required
    def view(request, provider_id):
        try:
            return view_class.adapter_view(SignedIdTokenAdapter(request, provider_id))(request)
        except SocialApp.DoesNotExist:
            raise Http404 from None

    return view


oidc_login = never_cache(guarded(oidc_view(OAuth2LoginView)))
oidc_callback = never_cache(guarded(oidc_view(OAuth2CallbackView)))
saml_login = never_cache(guarded(saml_views.login))
saml_metadata = guarded(saml_views.metadata)
