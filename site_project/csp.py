"""Content-Security-Policy by audience: public pages get the strict policy in CONTENT_SECURITY_POLICY (scripts
only from our static files, no inline script or style, frames only from the embed providers); the Wagtail admin,
whose templates still carry inline scripts and styles, gets SEMINAR_ADMIN_CONTENT_SECURITY_POLICY. A page's
preview is the public page under the public policy, except that the admin's editor may frame it. A session begun
by an LMS launch may be framed by that LMS (lms.framing sets request.lms_frame_origins)."""

from csp.constants import SELF
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse


class SeminarCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        lms = getattr(request, "lms_frame_origins", None) or []  # a session an LMS launch began (lms.framing)
        if getattr(request, "is_preview", False):
            # Wagtail renders a preview through the whole middleware stack with the page's own path (in an LMS's
            # frame, the editor framing it is itself framed by that LMS).
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF, *lms]}
        elif request.path_info.startswith(reverse("wagtailadmin_home")):
            parts.config = default_config(settings.SEMINAR_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        if lms and not getattr(request, "is_preview", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": lms}
        return parts
