"""An admin page only instructors see: its URLs under /admin/<prefix>/ and its menu item, shown to instructors and
superusers only (the views refuse anyone else themselves)."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from blog.roles import is_instructor


class InstructorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_instructor(request.user)


def register_instructor_page(prefix, views, label, *, icon, order, menu="register_admin_menu_item"):
    """`views` is a URL module with `app_name` and an "index" URL; `menu` is the hook of the menu it goes in."""
    namespace = views.app_name

    @hooks.register("register_admin_urls")
    def urls():
        return [path(f"{prefix}/", include(views, namespace=namespace))]

    @hooks.register(menu)
    def menu_item():
        return InstructorMenuItem(label, reverse(f"{namespace}:index"), name=prefix, icon_name=icon, order=order)
