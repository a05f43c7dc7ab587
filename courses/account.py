"""The admin account page (/admin/account/) for members whose name and email come from a course roster.

The roster is the source of a student's name and email (roster/importer.py updates them from each import; a
course's instructors change them there), so a member who is neither staff of a course nor a site administrator
sees them read-only, with whom to ask. Their password and notification settings work as before. Wagtail has no
switch for this (WAGTAIL_EMAIL_MANAGEMENT_ENABLED hides the email from everyone, and the name stays editable), and
its account view builds the "Name and email" panel itself, so editorial/urls.py routes this subclass first.
"""

from django import forms
from django.contrib.auth import get_user_model
from wagtail.admin.views.account import AccountView, NameEmailSettingsPanel

from courses.models import Enrolment, Role
from courses.roles import is_site_admin, is_staff_anywhere

ROSTER_FIELDS = ["first_name", "last_name", "email"]


def manages_own_name(user):
    """Staff of any course and site administrators keep their name and email in their own hands."""
    return is_staff_anywhere(user) or is_site_admin(user)


def instructors_of(user):
    """ "Name (Course)" for each active instructor of the courses `user` is enrolled in: whom to ask."""
    courses = Enrolment.objects.active().filter(user=user).values("course")
    enrolments = (
        Enrolment.objects.active()
        .filter(course__in=courses, role=Role.INSTRUCTOR)
        .select_related("user", "course")
        .order_by("course__title", "user__last_name", "user__first_name")
    )
    return [f"{e.user.get_full_name() or e.user.get_username()} ({e.course.title})" for e in enrolments]


class RosterNameForm(forms.ModelForm):
    """Disabled fields: a browser shows them read-only, and Django ignores whatever a POST sends for them."""

    class Meta:
        model = get_user_model()
        fields = ROSTER_FIELDS
        labels = {"first_name": "First name", "last_name": "Last name", "email": "Email"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.disabled = True
            field.required = False

    def save(self, commit=True):
        return self.instance  # nothing to write: the account page never changes what the roster set


class RosterNamePanel(NameEmailSettingsPanel):
    form_class = RosterNameForm
    template_name = "courses/roster_name_panel.html"

    def get_context_data(self):
        return {**super().get_context_data(), "instructors": instructors_of(self.user)}


class CourseAccountView(AccountView):
    def get_panels(self):
        panels = super().get_panels()
        if manages_own_name(self.request.user):
            return panels
        return [read_only(panel) if type(panel) is NameEmailSettingsPanel else panel for panel in panels]


def read_only(panel):
    return RosterNamePanel(panel.request, panel.user, panel.profile)
