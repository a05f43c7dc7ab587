"""Wagtail hooks for the course roles, the review list and what the editor says after a review action.

The permission policies and the new-course signal are registered by EditorialConfig.ready() (editorial/signals.py,
`permissions.register_policies`): they must work outside admin requests too, e.g. in load_demo.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path, reverse
from wagtail import hooks
from wagtail.models import Page

from blog.models import StudentPostPage
from courses.instructors import InstructorMenuItem
from courses.roles import within_member_courses
from editorial.guards import PAGE_BULK_ACTIONS
from editorial.permissions import (
    contributor_page_types,
    hide_private_posts,
    is_contributor,
    is_editor,
    is_private,
)
from editorial.review_messages import say_what_review_did
from editorial.review_views import ReviewListView
from editorial.roles import CHANGE_POST_AUTHOR


def refuse_private(page, user):
    """A private post is not there at all for this user: 404, never its title."""
    if is_private(page, user):
        raise Http404


# --- Private drafts: other people's posts are left out of listings and cannot be opened -----------------


@hooks.register("construct_explorer_page_queryset")
def hide_private_posts_in_explorer(parent_page, pages, request):
    """The explorer (`/admin/pages/<id>/`) and its menu's API (`child_of=<id>`): the policy already leaves
    private posts out of the children; opening a private post as the parent is refused here."""
    refuse_private(parent_page, request.user)
    return hide_private_posts(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def hide_private_posts_in_chooser(pages, request):
    """The page chooser's browse (`/admin/choose-page/<id>/`) and search views (which list the whole tree): the
    courses the user belongs to (and the pages above them), without other people's private posts."""
    match = request.resolver_match
    parent_id = match.kwargs.get("parent_page_id") if match else None
    if parent_id is not None:
        refuse_private(Page.objects.filter(pk=parent_id).first(), request.user)
    return hide_private_posts(pages.filter(within_member_courses(request.user)), request.user)


for action in PAGE_BULK_ACTIONS:  # registered after Wagtail's own, which they replace
    hooks.register("register_bulk_action", action, order=1)


@hooks.register("construct_reports_menu")
def page_types_report_for_editors(request, menu_items):
    """It names the last edited page of each type, whoever's (editorial/guards.py refuses its URL too)."""
    if not is_editor(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


# --- Contributors write posts: no other page type, no moving or copying -----------------------------------


@hooks.register("before_create_page")
def contributors_create_posts_only(request, parent_page, page_class):
    if page_class not in contributor_page_types() and is_contributor(request.user, parent_page):
        raise PermissionDenied


@hooks.register("before_move_page")
def contributors_do_not_move(request, page, destination):
    if is_contributor(request.user, page):
        raise PermissionDenied


@hooks.register("before_copy_page")
def contributors_do_not_copy(request, page):
    if is_contributor(request.user, page):
        raise PermissionDenied


# --- Authorship: an instructor who changes a post's author hands the post over at once --------------------


@hooks.register("after_edit_page")
def owner_follows_author(request, page):
    """Saving a draft stores the new author in the revision only; the owner (who may edit the post) follows it
    now rather than when the revision is published."""
    if not isinstance(page, StudentPostPage) or page.author_id is None:
        return
    if not request.user.has_perm(CHANGE_POST_AUTHOR):
        return
    StudentPostPage.objects.filter(pk=page.pk).exclude(author_id=page.author_id, owner_id=page.author_id).update(
        author_id=page.author_id, owner_id=page.author_id
    )


# --- Review in the editor: each action says what it did (editorial/review_messages.py) --------------------

hooks.register("after_edit_page", say_what_review_did)
hooks.register("after_create_page", say_what_review_did)


# --- The review list (Reports → Posts awaiting review), for instructors ----------------------------------


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("reports/review/", ReviewListView.as_view(), name="review_list"),
        path("reports/review/results/", ReviewListView.as_view(results_only=True), name="review_list_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_review_menu_item():
    return InstructorMenuItem(
        "Posts awaiting review", reverse("review_list"), icon_name="tasks", order=100, teaching_assistants_too=True
    )
