"""Enrolments in the admin (Settings → Enrolments): site administrators see and change who holds which role in which
course. Wagtail's model permissions decide who may: superusers, and anyone given the enrolment permissions."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from courses.instructors import InstructorMenuItem
from courses.models import Enrolment
from courses.outbox_views import FailedEmailsView


class EnrolmentIndexView(generic.IndexView):
    def get_base_queryset(self):
        """Each row shows its member and course: fetched with the rows, not a query a row."""
        return super().get_base_queryset().select_related("user", "course")


class EnrolmentViewSet(ModelViewSet):
    model = Enrolment
    index_view_class = EnrolmentIndexView
    icon = "group"
    menu_label = "Enrolments"
    add_to_settings_menu = True
    menu_order = 250
    list_display = [Column("member", label="Member"), "course", "role", "section", "active"]
    list_filter = ["course", "role", "active"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email", "section"]
    form_fields = ["user", "course", "role", "section", "active"]
    ordering = ["course", "role", "user__last_name", "user__first_name"]


@hooks.register("register_admin_viewset")
def register_enrolment_viewset():
    return EnrolmentViewSet("enrolments")


@hooks.register("register_admin_urls")
def register_outbox_urls():
    return [path("reports/emails-not-sent/", FailedEmailsView.as_view(), name="outbox_failed")]


@hooks.register("register_reports_menu_item")
def register_outbox_menu_item():
    return InstructorMenuItem(
        "Emails not sent", reverse("outbox_failed"), name="emails-not-sent", icon_name="mail", order=690
    )
