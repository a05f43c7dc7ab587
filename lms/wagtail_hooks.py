"""LMS platforms in the admin (Settings → LMS platforms), for site administrators only: a platform's registration,
its deployment ids and Seminar's options for it, with the addresses of Seminar to give the LMS."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import include, path
from lti_tool.models import LtiRegistration
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from courses.roles import SITE_ADMINISTRATORS, is_site_admin
from home.models import HomePage
from lms import admin_views
from lms.forms import PlatformForm
from lms.grade_passback import unsent
from lms.models import CourseLink
from lms.platforms import tool_urls
from terms.access import may_manage


class SiteAdministratorsOnly(BasePermissionPolicy):
    """Superusers and the Site administrators group; a registration hands out who may log in through an LMS."""

    def user_has_permission(self, user, action):
        return is_site_admin(user)

    def user_has_any_permission(self, user, actions):
        return is_site_admin(user)

    def users_with_any_permission(self, actions):
        admins = Q(is_superuser=True) | Q(groups__name=SITE_ADMINISTRATORS)
        return get_user_model().objects.filter(admins, is_active=True).distinct()

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


register_permission_policy(LtiRegistration, SiteAdministratorsOnly(LtiRegistration))


class ToolUrlsMixin:
    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "tool_urls": tool_urls(self.request)}


class PlatformCreateView(ToolUrlsMixin, generic.CreateView):
    pass


class PlatformEditView(ToolUrlsMixin, generic.EditView):
    pass


class PlatformViewSet(ModelViewSet):
    model = LtiRegistration
    icon = "link-external"
    menu_label = "LMS platforms"
    add_to_settings_menu = True
    menu_order = 260
    add_view_class = PlatformCreateView
    edit_view_class = PlatformEditView
    create_template_name = "lms/platform_create.html"
    edit_template_name = "lms/platform_edit.html"
    list_display = ["name", "issuer", "client_id", Column("is_active", label="Active")]
    search_fields = ["name", "issuer", "client_id"]
    ordering = ["name"]
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return PlatformForm


@hooks.register("register_admin_viewset")
def register_platform_viewset():
    return PlatformViewSet("lms_platforms")


# --- Roster sync and scores sent to the LMS (lms.admin_views, lms.roster_sync, lms.grade_passback) ---------------


@hooks.register("register_admin_urls")
def register_lms_course_urls():
    return [path("lms/", include((admin_views.urlpatterns, admin_views.app_name), namespace="lms_admin"))]


@hooks.register("register_page_header_buttons")
def roster_sync_button(page, user, view_name, next_url=None):
    """ "Sync roster from the LMS" on a course linked to an LMS course, for its instructors and site admins."""
    if not issubclass(page.specific_class or object, HomePage) or not may_manage(user, page):
        return
    if CourseLink.objects.filter(course_id=page.pk).exists():
        yield Button("Sync roster from the LMS", admin_views.sync_url(page), icon_name="group", priority=82)


@hooks.register("gradebook_notices")
def unsent_scores_notice(request, course):
    """On the gradebook: the scores the LMS did not take, who they are for, and "Retry now"."""
    submissions = unsent(course)
    if not submissions:
        return None
    for submission in submissions:
        author = submission.grade.post.author
        submission.student_name = (author.get_full_name() or author.get_username()) if author else "a former student"
    context = {
        "course": course,
        "count": len(submissions),
        "submissions": submissions,
        "may_retry": may_manage(request.user, course),
    }
    return render_to_string("lms/includes/gradebook_notice.html", context, request=request)
