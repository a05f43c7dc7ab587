"""What the public may read. Wagtail serves and lists a live page even when its unit is a draft or
unpublished; a course's readers must not see posts of a unit the instructor has not released."""

from contextvars import ContextVar

from django.contrib.auth.models import Group
from django.db.models import Q
from wagtail.models import PageViewRestriction

from courses.roles import SITE_ADMINISTRATORS

# The paths of restricted pages, read once a request: Wagtail's public() reads them at every call, and a page
# lists units, posts and comments through several. Outside a request (commands, tasks) every call reads them.
_request_memo = ContextVar("restricted_paths", default=None)


class ViewRestrictionsOncePerRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)


def restricted_paths():
    memo = _request_memo.get()
    if memo is not None and "paths" in memo:
        return memo["paths"]
    paths = list(PageViewRestriction.objects.values_list("page__path", flat=True).distinct())
    if memo is not None:
        memo["paths"] = paths
    return paths


def public(pages):
    """Wagtail's public(): nothing at or below a page with a view restriction (class-only, login, password)."""
    for path in restricted_paths():
        pages = pages.exclude(path__startswith=path)
    return pages


def readable_by(pages, user):
    """The pages `user` may read: Wagtail's public() for the public; a logged-in reader also sees pages restricted
    to logged-in users or to one of their groups (class-only pages), never password-protected ones."""
    if user is None or not user.is_authenticated:
        return public(pages)
    passed = PageViewRestriction.objects.filter(
        restriction_type=PageViewRestriction.GROUPS, groups__in=user.groups.all()
    ).values("pk")
    closed = PageViewRestriction.objects.exclude(restriction_type=PageViewRestriction.LOGIN)
    closed = closed.filter(restriction_type=PageViewRestriction.PASSWORD) if user.is_superuser else closed
    for path in closed.exclude(pk__in=passed).values_list("page__path", flat=True).distinct():
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
