"""A registered platform's web origins (the pages that may frame Seminar) and the tool's own addresses, as a site
administrator gives them to the LMS."""

import re
from urllib.parse import urlsplit

from django.urls import reverse
from lti_tool.models import Key

ORIGIN = re.compile(r"^https?://[a-z0-9.-]+(:[0-9]{1,5})?$", re.IGNORECASE)


def origin(url):
    """scheme://host[:port] of `url`, or "" when it has none (nothing else may reach a CSP header)."""
    parts = urlsplit((url or "").strip())
    value = f"{parts.scheme}://{parts.netloc.lower()}"
    return value if ORIGIN.match(value) else ""


def frame_origins(registration):
    """The origins that may frame Seminar for this platform: its listed web origins, else its issuer's."""
    options = getattr(registration, "seminar_options", None)
    listed = [origin(line) for line in (options.web_origins if options else "").splitlines()]
    origins = [value for value in listed if value] or [origin(registration.issuer)]
    return sorted({value for value in origins if value})


def tool_urls(request):
    """What an LMS asks of a tool, on the host the administrator is using: where to start a login, where to send the
    id token (also the link target), where the tool's keys are."""
    root = f"{request.scheme}://{request.get_host()}"
    return {name: root + reverse(f"lms:{name}") for name in ("login", "launch", "jwks")}


def ensure_tool_key():
    """The tool's signing key, made on first need: a fresh install has none, and django-lti needs one to answer any
    platform (`manage.py rotate_keys` makes a new one and retires those older than a week)."""
    if not Key.objects.active().exists():
        Key.objects.generate()
