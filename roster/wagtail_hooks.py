"""The Roster page in the admin's main menu (instructors only)."""

from courses.instructors import register_instructor_page
from roster import admin_views

register_instructor_page("roster", admin_views, "Roster", icon="group", order=260)
