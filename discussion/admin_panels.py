"""The queue's entry points in the admin: the sidebar item with the pending count, the dashboard panel with the
oldest pending comments, and the Account page's setting for comment emails."""

from django.urls import reverse
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab

from blog.models import AuthorProfile
from discussion.admin_forms import CommentEmailPreferenceForm
from discussion.admin_views import MODERATE, oldest_pending, rows
from discussion.states import pending_count

DASHBOARD_COMMENTS = 5


def can_moderate(user):
    return user.is_authenticated and user.has_perm(MODERATE)


def menu_label(count):
    return f"Comments ({count})" if count else "Comments"


class CommentsMenuItem(MenuItem):
    """Wagtail caches menu item instances, so the count goes into the label per request, never onto self."""

    def is_shown(self, request):
        return can_moderate(request.user)

    def render_component(self, request):
        return LinkMenuItem(
            self.name,
            menu_label(pending_count(request.user)),
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


def comments_menu_item():
    return CommentsMenuItem(
        "Comments", reverse("comment_moderation:index"), name="comments", icon_name="comment", order=250
    )


class PendingCommentsPanel(Component):
    name = "pending_comments"
    template_name = "comments/admin/dashboard_panel.html"
    order = 50  # above Wagtail's own panels: comments wait on an instructor, pages have workflows

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {
            "pending_count": pending_count(request.user),
            "rows": rows(oldest_pending(DASHBOARD_COMMENTS, request.user), request),
            "queue_url": reverse("comment_moderation:index"),
        }


class CommentEmailSettingsPanel(BaseSettingsPanel):
    name = "comment_emails"
    title = "Comments on your posts"
    tab = notifications_tab
    order = 150
    form_class = CommentEmailPreferenceForm

    def get_form(self):
        try:
            profile = self.user.author_profile
        except AuthorProfile.DoesNotExist:
            profile = AuthorProfile(user=self.user)  # saved by the form only when the setting changes
        if self.request.method == "POST":
            return self.form_class(self.request.POST, instance=profile, prefix=self.name)
        return self.form_class(instance=profile, prefix=self.name)
