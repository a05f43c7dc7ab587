"""Forgetting readers' addresses after SEMINAR_IP_RETENTION_DAYS (`manage.py purge_ip_addresses`, from cron).

A comment keeps everything it shows (name, text, date, thread, likes) and loses only the address it was posted from.
django-axes' records of failed log-ins exist for their address and username, so old ones go whole; those still
inside the cool-off period are kept, whatever the retention, because they are what holds a current lockout.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_comments.models import Comment


@dataclass(frozen=True)
class Purge:
    cutoff: datetime
    comments: int  # addresses cleared; the comments stay
    attempts: int  # axes AccessAttempt rows deleted (with their AccessAttemptExpiration)
    failure_logs: int  # axes AccessFailureLog rows deleted
    access_logs: int  # axes AccessLog rows deleted (none are written while AXES_DISABLE_ACCESS_LOG is on)
    dry_run: bool


def retention_days(value=None):
    """The number of days to keep addresses: `value` (a command-line string or an int) or the setting."""
    if value is None:
        value = settings.SEMINAR_IP_RETENTION_DAYS
    try:
        days = int(str(value).strip())
    except ValueError:
        raise ValueError(f"The number of days must be a whole number, not {value!r}.") from None
    if days < 0:
        raise ValueError(f"The number of days cannot be negative (got {days}).")
    return days


def purge_ip_addresses(days, *, dry_run=False, now=None):
    """Clear every stored address older than `days` days; with `dry_run`, only count what would go."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=days)
    comments = Comment.objects.filter(submit_date__lt=cutoff, ip_address__isnull=False)
    # A lockout is read from attempts inside the cool-off period (privacy/lockouts.py): never lift one here.
    attempts = AccessAttempt.objects.filter(attempt_time__lt=min(cutoff, now - settings.AXES_COOLOFF_TIME))
    failure_logs = AccessFailureLog.objects.filter(attempt_time__lt=cutoff)
    access_logs = AccessLog.objects.filter(attempt_time__lt=cutoff)
    if dry_run:
        counts = [query.count() for query in (comments, attempts, failure_logs, access_logs)]
    else:
        with transaction.atomic():
            counts = [comments.update(ip_address=None), *map(deleted, (attempts, failure_logs, access_logs))]
    return Purge(cutoff, *counts, dry_run=dry_run)


def deleted(query):
    """Delete the rows and count those of the query's own model (not the cascade's)."""
    _total, per_model = query.delete()
    return per_model.get(query.model._meta.label, 0)
