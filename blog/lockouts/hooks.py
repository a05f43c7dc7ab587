"""The "Locked out" page in the admin's Settings menu, for instructors. Imported at the end of
blog/wagtail_hooks.py, which is what registers these hooks."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from blog.lockouts import admin_views
from blog.roles import is_instructor


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_instructor(request.user)


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return [path("lockouts/", include(admin_views, namespace="lockouts"))]


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return LockoutsMenuItem("Locked out", reverse("lockouts:index"), name="lockouts", icon_name="lock", order=900)
