"""The "Import from WordPress" page in the admin's Settings menu. Imported at the end of blog/wagtail_hooks.py,
which is what registers these hooks."""

from blog.instructor_pages import register_instructor_page
from blog.wordpress import admin_views

register_instructor_page(
    "wordpress-import",
    admin_views,
    "Import from WordPress",
    icon="download",
    order=910,
    menu="register_settings_menu_item",
)
