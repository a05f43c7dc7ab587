"""Who is locked out of logging in now, read from django-axes' attempts: a username that failed AXES_FAILURE_LIMIT
times from anywhere, or an address that failed that often for any usernames, within the cool-off period."""

from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone

KINDS = {"username": "username", "address": "ip_address"}


@dataclass(frozen=True)
class Lock:
    kind: str  # "username" or "address"
    value: str
    failures: int
    last_attempt: datetime

    @property
    def lifted_at(self):
        return self.last_attempt + settings.AXES_COOLOFF_TIME


def current_locks():
    recent = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    locks = []
    for kind, field in KINDS.items():
        rows = (
            recent.exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last_attempt=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
            .order_by("-last_attempt")
        )
        locks += [Lock(kind, row[field], row["failures"], row["last_attempt"]) for row in rows]
    return locks


def lift(kind, value):
    """Forget the failures that locked this username or address; returns how many attempt records went."""
    if kind == "username":
        return reset(username=value)
    return reset(ip=value)
