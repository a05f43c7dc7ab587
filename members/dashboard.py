"""A student's dashboard: instead of Wagtail's site summary ("7 pages · 0 images", which says nothing to them),
their current courses with each unit, its due date and a one-click way to start a post there, and their home."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from blog.models import CourseUnitPage
from courses.models import Enrolment, Role
from courses.roles import is_staff_anywhere
from home.models import HomePage
from members.desk import current, within


def is_student_only(user):
    """A member who is an active student in some course and staff in none (site administrators are staff);
    remembered on the user object for the rest of the request, as courses.roles remembers roles."""
    if not user.is_authenticated or is_staff_anywhere(user):
        return False
    if not hasattr(user, "_seminar_is_student_only"):
        user._seminar_is_student_only = Enrolment.objects.active().filter(user=user, role=Role.STUDENT).exists()
    return user._seminar_is_student_only


@dataclass
class UnitRow:
    unit: CourseUnitPage

    @property
    def write_url(self):
        return reverse("wagtailadmin_pages:add", args=("blog", "studentpostpage", self.unit.pk))

    @property
    def is_past(self):
        return self.unit.due_date is not None and self.unit.due_date < timezone.now()


@dataclass
class CourseRow:
    course: object
    units: list = field(default_factory=list)


def writing_courses(user):
    """The current courses where `user` is an active student, by title, each with its live units in the order
    the instructors gave them (two queries)."""
    enrolled = Enrolment.objects.active().filter(user=user, role=Role.STUDENT).values("course_id")
    rows = [CourseRow(course) for course in current(HomePage.objects.filter(pk__in=enrolled)).order_by("title")]
    if not rows:
        return rows
    by_path = {row.course.path: row for row in rows}
    units = CourseUnitPage.objects.filter(within(row.course for row in rows)).live().order_by("path")
    for unit in units.defer_streamfields():
        row = by_path.get(unit.path[: -unit.steplen])
        if row is not None:
            row.units.append(UnitRow(unit))
    return rows


class YourWritingPanel(Component):
    """At the top of a student's dashboard, where the site summary was."""

    name = "your_writing"
    template_name = "members/dashboard_writing.html"
    order = 10

    def get_context_data(self, parent_context):
        return {"courses": writing_courses(parent_context["request"].user), "home_url": reverse("member_home")}
