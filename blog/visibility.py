"""What the public may read. Wagtail serves and lists a live page even when its unit is a draft or
unpublished; a course's readers must not see posts of a unit the instructor has not released."""

from contextvars import ContextVar

from django.contrib.auth.models import Group
from django.db.models import Q
from wagtail.models import PageViewRestriction

from courses.roles import SITE_ADMINISTRATORS

_request_memo = ContextVar("view_restrictions", default=None)


class ViewRestrictionsOncePerRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)


def restrictions():
    """Every view restriction as (id, path, type, group id or None), read once a request: Wagtail's public() and
    its `get_view_restrictions()` read them at every call, and a page lists units, posts and comments through
    several. Outside a request (commands, tasks) every call reads them."""
    memo = _request_memo.get()
    if memo is not None and "rows" in memo:
        return memo["rows"]
    rows = list(PageViewRestriction.objects.values_list("pk", "page__path", "restriction_type", "groups"))
    if memo is not None:
        memo["rows"] = rows
    return rows


def restricted_paths():
    return sorted({path for _, path, _, _ in restrictions()})


def is_restricted(page):
    """Whether a view restriction on `page` or above it keeps it from the public."""
    return any(page.path.startswith(path) for path in restricted_paths())


def public(pages):
    """Wagtail's public(): nothing at or below a page with a view restriction (class-only, login, password)."""
    for path in restricted_paths():
        pages = pages.exclude(path__startswith=path)
    return pages


def group_ids(user):
    """The ids of the user's groups (remembered on the user for the request)."""
    if not hasattr(user, "_seminar_group_ids"):
        user._seminar_group_ids = set(user.groups.values_list("pk", flat=True))
    return user._seminar_group_ids


def closed_paths(user):
    """The paths of restrictions this logged-in user does not pass: password-protected pages for everyone, and
    pages restricted to groups they are not in (superusers pass every group restriction)."""
    rows = restrictions()
    passed = {pk for pk, _, kind, group in rows if kind == PageViewRestriction.GROUPS and group in group_ids(user)}
    if user.is_superuser:
        return sorted({path for _, path, kind, _ in rows if kind == PageViewRestriction.PASSWORD})
    return sorted({path for pk, path, kind, _ in rows if kind != PageViewRestriction.LOGIN and pk not in passed})


def readable_by(pages, user):
    """The pages `user` may read: Wagtail's public() for the public; a logged-in reader also sees pages restricted
    to logged-in users or to one of their groups (class-only pages), never password-protected ones."""
    if user is None or not user.is_authenticated:
        return public(pages)
    for path in closed_paths(user):
        pages = pages.exclude(path__startswith=path)
    return pages


def sync_class_only(post):
    """A student cannot set Wagtail's page privacy (that takes publish rights), so their post's "Class only"
    box becomes a view restriction for its course's groups (every role: guests read class-only pages too) and the
    site administrators when the post is published."""
    restrictions = PageViewRestriction.objects.filter(page=post, restriction_type=PageViewRestriction.GROUPS)
    if not post.class_only:
        restrictions.delete()
        return
    restriction = restrictions.first() or PageViewRestriction.objects.create(
        page=post, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(Q(course_role__course=post.get_course()) | Q(name=SITE_ADMINISTRATORS)))


def on_post_published(sender, instance, **kwargs):
    sync_class_only(instance)
