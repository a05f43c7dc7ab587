"""A unit's "Grading settings" page in the admin: its assignment settings (created on first save) and its
extensions, each added with a small form and removed with a button.

Instructors of the unit's course and site administrators change them; its teaching assistants see the page with
nothing to change (a POST is a 403); its students and guests are refused; anyone else gets a 404, so the page never
says whether another course's unit exists."""

from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from blog.models import CourseUnitPage
from courses.models import STAFF_ROLES, Enrolment, Role
from courses.roles import is_site_admin, role_in

from .models import AssignmentSettings, Extension, Grade
from .unit_forms import AssignmentSettingsForm, ExtensionForm, holder, member_name


def staffed_course_paths(user):
    """The tree paths of the courses `user` instructs or assists in, remembered on the user for the request (the
    page explorer asks for each unit it lists)."""
    if not hasattr(user, "_grading_staffed_paths"):
        staffed = Enrolment.objects.active().filter(user=user, role__in=STAFF_ROLES)
        user._grading_staffed_paths = tuple(staffed.values_list("course__path", flat=True))
    return user._grading_staffed_paths


def may_view_unit(user, unit):
    """Site administrators, and the instructors and teaching assistants of the unit's course."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return is_site_admin(user) or any(unit.path.startswith(path) for path in staffed_course_paths(user))


def settings_url(unit):
    return reverse("grading:unit_settings", args=[unit.pk])


class UnitViewMixin(WagtailAdminTemplateMixin):
    header_icon = "table"
    page_title = "Grading settings"

    def dispatch(self, request, unit_id, **kwargs):
        self.unit = get_object_or_404(CourseUnitPage, pk=unit_id)
        self.course = self.unit.get_course()
        admin = is_site_admin(request.user)
        role = None if admin else role_in(request.user, self.course)
        if not admin and role is None:
            raise Http404("No such unit")
        if not admin and role not in STAFF_ROLES:
            return permission_denied(request)
        self.may_edit = admin or role == Role.INSTRUCTOR
        if request.method == "POST" and not self.may_edit:
            return HttpResponseForbidden("Teaching assistants see a unit's grading settings but do not change them.")
        return super().dispatch(request, unit_id, **kwargs)

    def get_page_subtitle(self):
        return self.unit.title

    def get_breadcrumbs_items(self):
        explore = reverse("wagtailadmin_explore", args=[self.course.pk])
        return [
            *self.breadcrumbs_items,
            {"url": explore, "label": self.course.title},
            {"url": "", "label": self.unit.title},
        ]


class UnitSettingsView(UnitViewMixin, TemplateView):
    """The settings form and the extensions; a POST here saves the settings."""

    template_name = "grading/unit_settings.html"

    def settings_instance(self):
        return AssignmentSettings.objects.filter(unit=self.unit).first() or AssignmentSettings(unit=self.unit)

    def settings_form(self, data=None):
        return AssignmentSettingsForm(
            data, instance=self.settings_instance(), course=self.course, read_only=not self.may_edit
        )

    def extension_form(self, data=None):
        return ExtensionForm(data, instance=Extension(unit=self.unit, granted_by=self.request.user), course=self.course)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("settings_form", self.settings_form())
        kwargs.setdefault("extension_form", self.extension_form() if self.may_edit else None)
        extensions = self.unit.extensions.select_related("student", "granted_by").order_by("section", "due_date")
        rows = [
            {
                "extension": extension,
                "who": holder(extension),
                "granted_by": member_name(extension.granted_by) if extension.granted_by else "",
            }
            for extension in extensions
        ]
        media = kwargs["settings_form"].media
        if kwargs["extension_form"] is not None:
            media += kwargs["extension_form"].media
        return super().get_context_data(
            unit=self.unit,
            course=self.course,
            may_edit=self.may_edit,
            extensions=rows,
            media=media,
            **self.release_context(),
            **kwargs,
        )

    def release_context(self):
        """The "Release grades" section (grading/release.py releases): the unit's draft grades, none without
        settings (a unit is graded only once it has them), and when its grades were released."""
        saved = AssignmentSettings.objects.filter(unit=self.unit).values_list("grades_released_at", flat=True)
        saved = list(saved[:1])
        drafts = Grade.objects.in_unit(self.unit).drafts().count() if saved else 0
        return {"draft_grades": drafts, "released_at": saved[0] if saved else None}

    def invalid(self, **forms):
        return self.render_to_response(self.get_context_data(**forms), status=400)

    def post(self, request, unit_id):
        form = self.settings_form(request.POST)
        if not form.is_valid():
            return self.invalid(settings_form=form)
        form.save()
        messages.success(request, f"Grading settings saved for “{self.unit.title}”.")
        return redirect(settings_url(self.unit))


class AddExtensionView(UnitSettingsView):
    """The extension form's POST; the settings page again, with the form's errors, when it is refused."""

    http_method_names = ["post"]

    def post(self, request, unit_id):
        form = self.extension_form(request.POST)
        if not form.is_valid():
            return self.invalid(extension_form=form)
        extension = form.save()
        who = holder(extension)
        messages.success(request, f"Extension granted to {who} for “{self.unit.title}”.")
        return redirect(settings_url(self.unit))


class RemoveExtensionView(UnitViewMixin, View):
    http_method_names = ["post"]

    def post(self, request, unit_id, extension_id):
        extension = get_object_or_404(Extension.objects.select_related("student"), pk=extension_id, unit=self.unit)
        who = holder(extension)
        extension.delete()
        messages.success(request, f"Extension of {who} removed for “{self.unit.title}”.")
        return redirect(settings_url(self.unit))


app_name = "grading"
urlpatterns = [
    path("units/<int:unit_id>/", UnitSettingsView.as_view(), name="unit_settings"),
    path("units/<int:unit_id>/extensions/", AddExtensionView.as_view(), name="add_extension"),
    path(
        "units/<int:unit_id>/extensions/<int:extension_id>/remove/",
        RemoveExtensionView.as_view(),
        name="remove_extension",
    ),
]
