"""Seminar inside an LMS's frame. A launch (lms.views.launch) writes the LMS's web origins into the session; from
then on, and only for that session, responses may be framed by exactly those origins (the CSP middleware in
site_project/csp.py reads `request.lms_frame_origins`; X-Frame-Options, which cannot name an origin, is dropped),
and the cookies they set (session, CSRF, messages) are `SameSite=None; Secure`, which a browser requires before it
sends a cookie to a page framed by another site. Every other visitor keeps frame-ancestors 'none' and
X-Frame-Options DENY.

They are also `Partitioned` (CHIPS): a browser that blocks third-party cookies (Chromium 156 as Debian ships it
does by default, as does any Chrome incognito window) still keeps a partitioned cookie for frames under that one
top-level site, which is all a launch inside the LMS needs (tests/browser/test_browser_lti_frame.py fails without
it). The login initiation's cookies (PyLTI1p3's state and session id) get the same (partitioned())."""

from http.cookies import Morsel

from django.conf import settings

# Python learns the Partitioned attribute in 3.14; until then it is taught here, as PyLTI1p3 taught it SameSite.
Morsel._reserved.setdefault("partitioned", "Partitioned")
Morsel._flags.add("partitioned")

SESSION_KEY = "lms_frame_origins"


def session_origins(request):
    """The LMS origins of this request's session, or []. A request without a session cookie is not looked at."""
    session = getattr(request, "session", None)
    if session is None:
        return []
    if settings.SESSION_COOKIE_NAME not in request.COOKIES and not session.modified:
        return []
    return list(session.get(SESSION_KEY) or [])


def cross_site_cookies(response):
    """SameSite=None (and Secure, which it needs) on every cookie this response sets: the session's and CSRF's,
    and the messages' and the members' bar hint (members.cookie), which a framed page needs as much."""
    for morsel in response.cookies.values():
        morsel["samesite"] = "None"
        morsel["secure"] = True
        morsel["partitioned"] = True


def partitioned(response):
    """Partitioned on the cookies PyLTI1p3 sets for a frame (SameSite=None, on a secure request only)."""
    for morsel in response.cookies.values():
        if morsel["samesite"] == "None" and morsel["secure"]:
            morsel["partitioned"] = True
    return response


class LtiFramingMiddleware:
    """Outside the session, CSRF and X-Frame-Options middleware, so that it sees the cookies and header they set;
    inside the CSP middleware, which builds the policy after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        origins = getattr(request, "lms_frame_origins", None) or session_origins(request)  # (a view may set it)
        if origins:
            request.lms_frame_origins = origins
            cross_site_cookies(response)
            if "X-Frame-Options" in response.headers:
                del response.headers["X-Frame-Options"]
        return response
