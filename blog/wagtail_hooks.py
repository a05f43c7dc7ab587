"""The content's admin and serving hooks: which course a served page belongs to, and the Course settings pages."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from blog.course_settings_views import CourseSettingsPermissionPolicy, CourseSettingsViewSet
from blog.models import CourseSettings
from blog.models.base import course_for

register_permission_policy(CourseSettings, CourseSettingsPermissionPolicy(CourseSettings))


@hooks.register("before_serve_page")
def remember_course(page, request, serve_args, serve_kwargs):
    """Whatever the page, its course's rules (names, discussion) apply to the rest of the request, whether the
    course is its own Site or a page under a catalogue."""
    request.seminar_course = course_for(page, request)
    request.__dict__.pop("_course_settings", None)


@hooks.register("register_admin_viewset")
def register_course_settings():
    return CourseSettingsViewSet("course_settings")
