"""The one "instructors only" rule for the admin: pages and views that only instructors (and superusers) may open.

Anyone else who is logged in gets Wagtail's own answer to a refused admin page, as every other admin area gives
it: a redirect to the dashboard with "Sorry, you do not have permission to access this area." (a 403 to a
background request). Wagtail's admin URL wrapper already sends anonymous visitors to the log-in page.
"""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.auth import permission_denied, user_passes_test
from wagtail.admin.menu import MenuItem

from courses.roles import is_instructor, is_staff_anywhere

# For function views: @instructor_required
instructor_required = user_passes_test(is_instructor)


class InstructorRequiredMixin:
    """For class-based views: put it first among the bases, so that it refuses before the view does any work.
    `teaching_assistants_too`: the page is for a course's staff (review, reports), not its instructors alone."""

    teaching_assistants_too = False

    def dispatch(self, request, *args, **kwargs):
        allowed = is_staff_anywhere if self.teaching_assistants_too else is_instructor
        if not allowed(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class InstructorMenuItem(MenuItem):
    """A menu item shown to instructors only (with `teaching_assistants_too`, to a course's staff)."""

    def __init__(self, *args, teaching_assistants_too=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.teaching_assistants_too = teaching_assistants_too

    def is_shown(self, request):
        return (is_staff_anywhere if self.teaching_assistants_too else is_instructor)(request.user)


def register_instructor_page(prefix, views, label, *, icon, order, menu="register_admin_menu_item"):
    """An instructors' admin page: `views` is a URL module with `app_name` and an "index" URL, whose views use
    InstructorRequiredMixin; `menu` is the hook of the menu it goes in."""
    namespace = views.app_name

    @hooks.register("register_admin_urls")
    def urls():
        return [path(f"{prefix}/", include(views, namespace=namespace))]

    @hooks.register(menu)
    def menu_item():
        return InstructorMenuItem(label, reverse(f"{namespace}:index"), name=prefix, icon_name=icon, order=order)
