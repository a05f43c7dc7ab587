"""The discussion's Wagtail hooks: the instructors' comment moderation queue and its entry points, the account's
comment email settings, and the comment feeds that course and post pages route to."""

from django.urls import include, path
from wagtail import hooks

from discussion import admin_views
from discussion.admin_panels import (
    CommentEmailSettingsPanel,
    PendingCommentsPanel,
    can_moderate,
    comments_menu_item,
)
from discussion.feeds import CommentFeed


@hooks.register("register_admin_urls")
def register_comment_moderation_urls():
    return [path("comments/", include(admin_views, namespace="comment_moderation"))]


@hooks.register("register_admin_menu_item")
def register_comments_menu_item():
    return comments_menu_item()


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    if can_moderate(request.user):
        panels.append(PendingCommentsPanel())


@hooks.register("register_account_settings_panel")
def register_comment_email_panel(request, user, profile):
    return CommentEmailSettingsPanel(request, user, profile)


@hooks.register("serve_comment_feed")
def serve_comment_feed(request, scope):
    """The comment feed of a course or a post (blog.feeds.comment_feed routes to it)."""
    return CommentFeed(scope)(request)
