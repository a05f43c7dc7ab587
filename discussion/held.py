"""A reader whose comment awaits moderation sees it on the post, marked as such, and no one else does (as on
WordPress). Their browser keeps the comment ids in a signed cookie, which also keeps them out of the shared page
cache (caching/cache_headers.is_personal)."""

from datetime import timedelta

from django.conf import settings

# Set on the "awaiting moderation" page: that reader's next visits show them their own held comment.
HELD_COOKIE = "seminar_held"
SALT = "seminar-held-comments"
KEPT = timedelta(days=2)
MOST = 20


def held_ids(request):
    """The ids of this reader's comments that were held when they posted them."""
    value = request.get_signed_cookie(HELD_COOKIE, default="", salt=SALT, max_age=KEPT)
    return [int(part) for part in value.split(",") if part.isdigit()]


def remember(request, response, comment):
    ids = [*(pk for pk in held_ids(request) if pk != comment.pk), comment.pk][-MOST:]
    response.set_signed_cookie(
        HELD_COOKIE,
        ",".join(map(str, ids)),
        salt=SALT,
        max_age=int(KEPT.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response
