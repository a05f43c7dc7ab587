"""The "Import from WordPress" page in the admin's Settings menu (instructors only)."""

from courses.instructors import register_instructor_page
from wordpress_import import admin_views

register_instructor_page(
    "wordpress-import",
    admin_views,
    "Import from WordPress",
    icon="download",
    order=910,
    menu="register_settings_menu_item",
)
