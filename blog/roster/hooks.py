"""The Roster page in the admin's main menu. Imported at the end of blog/wagtail_hooks.py, which is what registers
these hooks."""

from blog.instructor_pages import register_instructor_page
from blog.roster import admin_views

register_instructor_page("roster", admin_views, "Roster", icon="group", order=260)
