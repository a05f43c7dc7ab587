"""The LTI 1.3 endpoints. Login initiation answers the LMS's third-party login request with a redirect to its
authorization URL (state in a cookie, nonce kept by PyLTI1p3); the launch takes the id token the LMS posts back,
logs the person in and lands them in their course; the key set is the tool's public keys.

The login initiation skips PyLTI1p3's "can this frame keep cookies?" page, whose inline script our CSP refuses. A
browser that keeps no cookies in frames at all (Safari) comes back without the state cookie; its launch is refused
with a page saying to open Seminar in a new window (which the LMS can be set to do)."""

import base64
import json

from django.contrib.auth import login
from django.db import transaction
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from lti_tool.constants import SESSION_KEY as LAUNCH_SESSION_KEY
from lti_tool.models import Key, LtiRegistration
from lti_tool.utils import DjangoToolConfig
from pylti1p3.contrib.django import DjangoCacheDataStorage, DjangoOIDCLogin
from pylti1p3.exception import LtiException, OIDCException

from courses.roles import enrol
from lms import deep_linking, framing
from lms.accounts import account_for
from lms.course_links import course_for, landing_url
from lms.launch import Refusal, checked, seminar_role, validated_launch
from lms.platforms import ensure_tool_key, frame_origins
from lms.roster_sync import sync_after_launch

BACKEND = "django.contrib.auth.backends.ModelBackend"


def token_claims(token):
    """The unverified claims of a JWT, or {}."""
    parts = token.split(".") if isinstance(token, str) else []
    if len(parts) != 3:
        return {}
    try:
        claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except ValueError:
        return {}
    return claims if isinstance(claims, dict) else {}


def claimed_registration(request):
    """The active registration a (possibly forged) request names by issuer and client id, or None: used only to
    let that LMS frame the refusal page, whose content the request cannot choose."""
    claims = token_claims(request.POST.get("id_token")) if request.method == "POST" else {}
    params = request.POST if request.method == "POST" else request.GET
    issuer = claims.get("iss", params.get("iss"))
    client_id = claims.get("aud", params.get("client_id"))
    if isinstance(client_id, list):
        client_id = client_id[0] if client_id else None
    if not isinstance(issuer, str) or not isinstance(client_id, str):
        return None
    return LtiRegistration.objects.active().filter(issuer=issuer, client_id=client_id).first()


def refused(request, message, status):
    registration = claimed_registration(request)
    if registration is not None:
        request.lms_frame_origins = frame_origins(registration)
    return render(request, "lms/refused.html", {"message": message}, status=status)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def login_initiation(request):
    ensure_tool_key()
    oidc_login = DjangoOIDCLogin(request, DjangoToolConfig(), launch_data_storage=DjangoCacheDataStorage())
    try:
        return framing.partitioned(oidc_login.redirect(request.build_absolute_uri(reverse("lms:launch"))))
    except (OIDCException, LtiException) as error:
        return refused(request, f"Seminar does not know this LMS or its request ({str(error)[:200]}).", 400)


def admit(request, lti_launch):
    """Account, course and enrolment for a verified launch; logs the person in. Returns where they land."""
    checked(lti_launch)
    user = account_for(lti_launch)
    role = seminar_role(lti_launch.roles_claim)
    course = course_for(lti_launch, user, role)
    enrol(user, course, role)
    sync_after_launch(lti_launch.context.pk)  # Names and Roles, as a task when the last sync is an hour old
    login(request, user, backend=BACKEND)
    request.session[LAUNCH_SESSION_KEY] = lti_launch.get_launch_id()  # for the LTI services, later
    request.session[framing.SESSION_KEY] = frame_origins(lti_launch.registration)
    get_token(request)  # a CSRF cookie now, sent SameSite=None with the session's
    if lti_launch.is_deep_link_launch:
        return deep_linking.start(request, lti_launch, course)
    return landing_url(request, lti_launch, course)


@csrf_exempt
@never_cache
@require_POST
def launch(request):
    ensure_tool_key()
    try:
        lti_launch = validated_launch(request)  # outside the transaction: an unknown deployment stays on record
        if lti_launch.is_deep_link_launch:
            deep_linking.refuse_unanswerable(lti_launch)
        with transaction.atomic():
            landing = admit(request, lti_launch)
    except Refusal as refusal:
        return refused(request, refusal.message, refusal.status)
    return redirect(landing)


@never_cache
@require_http_methods(["GET", "POST"])
def deep_link(request, launch_id):
    """The picker of a deep-linking launch (lms.deep_linking); its POST answers the LMS with the items picked."""
    try:
        link, course = deep_linking.pending(request, launch_id)
        if request.method == "POST" and request.POST.getlist("page"):
            url, token = deep_linking.answer(request, launch_id, request.POST.getlist("page"))
            response = render(request, "lms/deep_link_response.html", {"return_url": url, "jwt": token})
            response._csp_update = {"form-action": [deep_linking.origin(url)]}  # the form posts to the LMS
            return response
    except Refusal as refusal:
        return refused(request, refusal.message, refusal.status)
    context = {
        "course": course,
        "pages": deep_linking.choices(course),
        "multiple": deep_linking.accepts_multiple(link),
        "none_chosen": request.method == "POST",
    }
    return render(request, "lms/deep_link_picker.html", context, status=400 if request.method == "POST" else 200)


@require_GET
def jwks(request):
    """The tool's public keys. A fresh install has none: the first request makes one (`manage.py rotate_keys`
    makes a new one and retires those older than a week)."""
    ensure_tool_key()
    return JsonResponse(Key.objects.as_jwks())
