"""The member cookie: a hint, readable by scripts, that this browser has logged in, so that seminar.js asks the bar's
endpoint who the reader is only then (strangers' page views cost no request). It carries no identity and grants
nothing: the endpoint reads the session, and clears a cookie that outlived it.

Set when anyone logs in (the public log-in, the admin's, later single sign-on: Django's user_logged_in signal), gone
when they log out.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out

NAME = "seminar_member"
_PENDING = "_seminar_member_cookie"


def remember(response):
    response.set_cookie(
        NAME,
        "1",
        max_age=settings.SESSION_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=False,  # read by seminar.js; it says only "this browser has logged in"
        samesite="Lax",
    )
    return response


def forget(response):
    response.delete_cookie(NAME, samesite="Lax")
    return response


def logged_in(sender, request, user, **kwargs):
    if request is not None:
        setattr(request, _PENDING, remember)


def logged_out(sender, request, user, **kwargs):
    if request is not None:
        setattr(request, _PENDING, forget)


def connect():
    user_logged_in.connect(logged_in, dispatch_uid="seminar_member_cookie_in")
    user_logged_out.connect(logged_out, dispatch_uid="seminar_member_cookie_out")


class MemberCookieMiddleware:
    """Writes the cookie a log-in or log-out of this request asked for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        action = getattr(request, _PENDING, None)
        return action(response) if action is not None else response
