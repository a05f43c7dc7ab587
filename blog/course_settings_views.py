"""Settings → Course settings: each course's instructors (and site administrators) edit its settings; nobody adds
or deletes them (a course has one row, made with the course). Teaching assistants, students and guests never see
the menu item; another course's settings are a 404."""

from django.shortcuts import redirect
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from courses.choice import courses_for
from courses.models import Role
from courses.roles import is_instructor

from .models import CourseSettings

EDITING = {"change", "view"}


class CourseSettingsPermissionPolicy(BasePermissionPolicy):
    """Instructors change the settings of their own courses (site administrators, of every course)."""

    def user_has_permission(self, user, action):
        return action in EDITING and is_instructor(user)

    def users_with_any_permission(self, actions):
        raise NotImplementedError  # nothing asks who may edit the settings of every course

    def instances_user_has_any_permission_for(self, user, actions):
        if not EDITING.intersection(actions):
            return CourseSettings.objects.none()
        return CourseSettings.objects.filter(course__in=courses_for(user, (Role.INSTRUCTOR,)))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_any_permission_for(user, [action]).filter(pk=instance.pk).exists()

    def users_with_any_permission_for_instance(self, actions, instance):
        raise NotImplementedError


class CourseSettingsIndexView(generic.IndexView):
    def get_base_queryset(self):
        """Every course the user instructs has its settings listed (made now if a course has none yet)."""
        courses = courses_for(self.request.user, (Role.INSTRUCTOR,))
        for course in courses.filter(course_settings__isnull=True):
            CourseSettings.for_course(course)
        mine = self.permission_policy.instances_user_has_any_permission_for(self.request.user, ["change"])
        return mine.select_related("course")

    def get(self, request, *args, **kwargs):
        """One course: straight to its form."""
        only = list(self.get_base_queryset()[:2])
        if len(only) == 1 and not self.results_only:
            return redirect(self.get_edit_url(only[0]))
        return super().get(request, *args, **kwargs)


class CourseSettingsEditView(generic.EditView):
    def get_object(self, queryset=None):
        mine = self.permission_policy.instances_user_has_any_permission_for(self.request.user, ["change"])
        return super().get_object(mine.select_related("course"))


class CourseSettingsViewSet(ModelViewSet):
    model = CourseSettings
    icon = "cog"
    menu_label = "Course settings"
    add_to_settings_menu = True
    copy_view_enabled = False
    index_view_class = CourseSettingsIndexView
    edit_view_class = CourseSettingsEditView
    list_display = [TitleColumn("course", label="Course", accessor="__str__", url_name="course_settings:edit")]
    list_filter = []
    ordering = ["course__title", "pk"]
