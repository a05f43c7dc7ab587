"""How often one sender may post: counted before a comment is stored or a confirmation mailed, so neither a bot
nor someone typing a victim's address can flood the queue or an inbox (django-ratelimit, on the shared cache)."""

from django.conf import settings
from django_ratelimit.core import get_usage


def _count(request, group, value, rate):
    return get_usage(request, group=group, key=lambda _group, _request: value, rate=rate, increment=True)


def seconds_to_wait(request, comment):
    """Counts this comment against its sender's limits: 0 when it may go ahead, else seconds until it may.

    Every limit counts every attempt, so a sender who keeps trying stays limited."""
    usages = [_count(request, "comments:email", comment.user_email.lower(), settings.SEMINAR_COMMENT_RATE_PER_EMAIL)]
    if comment.user is None:
        address = comment.ip_address or "unknown"
        usages.append(_count(request, "comments:address", address, settings.SEMINAR_COMMENT_RATE_PER_IP))
    waits = [max(usage["time_left"], 1) for usage in usages if usage and usage["should_limit"]]
    return max(waits, default=0)
