"""LMS platforms in the admin (Settings → LMS platforms), for site administrators only: a platform's registration,
its deployment ids and Seminar's options for it, with the addresses of Seminar to give the LMS."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from lti_tool.models import LtiRegistration
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from courses.roles import SITE_ADMINISTRATORS, is_site_admin
from lms.forms import PlatformForm
from lms.platforms import tool_urls


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
