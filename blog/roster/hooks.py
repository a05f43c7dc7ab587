"""The Roster page in the Wagtail admin: its URLs under /admin/roster/ and a menu item only instructors see.
Imported at the end of blog/wagtail_hooks.py, which is what registers these hooks."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from blog.roster import admin_views
from blog.roster.importer import can_manage_roster


class RosterMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_roster(request.user)


@hooks.register("register_admin_urls")
def register_roster_urls():
    return [path("roster/", include(admin_views, namespace="roster"))]


@hooks.register("register_admin_menu_item")
def register_roster_menu_item():
    return RosterMenuItem("Roster", reverse("roster:index"), name="roster", icon_name="group", order=260)
