"""The "Locked out" page in the admin's Settings menu (instructors only)."""

from courses.instructors import register_instructor_page
from privacy import lockout_admin_views

register_instructor_page(
    "lockouts", lockout_admin_views, "Locked out", icon="lock", order=900, menu="register_settings_menu_item"
)
