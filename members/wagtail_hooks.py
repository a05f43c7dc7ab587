"""The members' dashboard: the instructor's desk for a course's staff, "Your writing" for a student in place of
Wagtail's site summary. Guests and anyone else keep Wagtail's dashboard as it is."""

from wagtail import hooks

from courses.roles import is_staff_anywhere
from members.dashboard import YourWritingPanel, is_student_only
from members.desk import InstructorDesk


@hooks.register("construct_homepage_panels")
def add_desk_or_writing(request, panels):
    if is_staff_anywhere(request.user):
        panels.append(InstructorDesk())
    elif is_student_only(request.user):
        panels.append(YourWritingPanel())


# After every app's own items (Wagtail's pages, images and documents), which it takes away.
@hooks.register("construct_homepage_summary_items", order=100)
def no_site_summary_for_students(request, items):
    """A student's summary ("7 pages · 0 images") counts the whole course's pages: "Your writing" replaces it."""
    if is_student_only(request.user):
        items.clear()
