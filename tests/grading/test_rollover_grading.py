"""Rolling a course over keeps its grading: the next term's course has its own copy of every rubric, and each unit's
copy the unit's grading settings, the cut-off moved with the due date and pointing at the copied rubric; nothing
released, no extension or grade of the old term's students."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from blog.models import CourseUnitPage
from grading.choices import LatePolicy
from grading.models import AssignmentSettings, Extension, Rubric
from home.models import HomePage
from tests.factories import UserFactory
from tests.grading_helpers import assignment, make_rubric

pytestmark = pytest.mark.django_db
CHICAGO = ZoneInfo("America/Chicago")


def test_the_next_term_gets_the_rubrics_and_each_units_grading_settings(course, unit):
    course.term_starts, course.term_ends = date(2017, 1, 17), date(2017, 5, 12)
    course.save_revision().publish()
    unit.due_date = datetime(2017, 2, 3, 17, 0, tzinfo=CHICAGO)
    unit.save_revision().publish()
    rubric = make_rubric(course)
    make_rubric(course, title="Spare", criteria={"Argument": [("Clear", "5")]})
    assignment(
        unit,
        rubric=rubric,
        late_policy=LatePolicy.REFUSE_AFTER_CUTOFF,
        cutoff_date=datetime(2017, 2, 6, 17, 0, tzinfo=CHICAGO),
        lock_after_grading=True,
        grades_released_at=datetime(2017, 2, 20, tzinfo=CHICAGO),
    )
    Extension.objects.create(unit=unit, student=UserFactory(), due_date=datetime(2017, 2, 5, tzinfo=CHICAGO))

    out = StringIO()
    call_command(
        "rollover_course",
        "--course",
        "home",
        "--term",
        "Fall 2027",
        "--starts",
        "2027-09-01",
        "--hostname",
        "h.example.edu",
        stdout=out,
    )

    new_course = HomePage.objects.get(term="Fall 2027")
    copies = {copy.title: copy for copy in Rubric.objects.filter(course=new_course)}
    assert set(copies) == {"Analysing a primary source", "Spare"}
    assert copies["Analysing a primary source"].max_points == rubric.max_points
    assert Rubric.objects.filter(course=course).count() == 2  # the old term keeps its own
    new_unit = CourseUnitPage.objects.child_of(new_course).get(slug=unit.slug)
    settings = AssignmentSettings.objects.get(unit=new_unit)
    assert settings.rubric == copies["Analysing a primary source"]
    assert settings.late_policy == LatePolicy.REFUSE_AFTER_CUTOFF and settings.lock_after_grading
    shift = new_unit.due_date - unit.due_date
    assert settings.cutoff_date - new_unit.due_date == datetime(2017, 2, 6, 17, tzinfo=CHICAGO) - unit.due_date
    assert shift.days > 3800
    assert settings.grades_released_at is None
    assert not Extension.objects.filter(unit=new_unit).exists()
