"""The page a locked-out log-in attempt gets (AXES_LOCKOUT_CALLABLE): a 429 that says why, for how long, and who
can lift it, on the admin's log-in page and the course's alike."""

from django.conf import settings
from django.shortcuts import render


def locked_out(request, original_response=None, credentials=None):
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/locked_out.html", context, status=429)
