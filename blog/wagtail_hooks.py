"""Seminar's additions to the Wagtail admin: the instructors' comment moderation queue and its entry points."""

from django.urls import include, path
from wagtail import hooks

from blog.comments import admin_views
from blog.comments.admin_panels import (
    CommentEmailSettingsPanel,
    PendingCommentsPanel,
    can_moderate,
    comments_menu_item,
)


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


from blog.editorial import hooks as editorial_hooks  # noqa: E402, F401  (registers the editorial hooks)
from blog.lockouts import hooks as lockout_hooks  # noqa: E402, F401  (registers the lockouts page)
from blog.reports import hooks as report_hooks  # noqa: E402, F401  (registers the participation report)
from blog.review import hooks as review_hooks  # noqa: E402, F401  (registers the review list)
from blog.roster import hooks as roster_hooks  # noqa: E402, F401  (registers the roster admin)
from blog.wordpress import hooks as wordpress_hooks  # noqa: E402, F401  (registers the WordPress import pages)
