"""The "Locked out" page in the admin's Settings menu. Imported at the end of blog/wagtail_hooks.py, which is what
registers these hooks."""

from blog.instructor_pages import register_instructor_page
from blog.lockouts import admin_views

register_instructor_page(
    "lockouts", admin_views, "Locked out", icon="lock", order=900, menu="register_settings_menu_item"
)
