"""An extension, for one student or a whole section, moves their due date and their cut-off date by as much; a
student's own extension wins over their section's; the others keep the unit's dates."""

from datetime import timedelta

import pytest
import time_machine

from courses.models import Enrolment, Role
from courses.roles import enrol
from grading import rules
from grading.models import Extension, LatePolicy
from tests.factories import UserFactory
from tests.grading_helpers import DUE, assignment
from tests.review_helpers import submit

pytestmark = pytest.mark.django_db
CUTOFF = DUE + timedelta(days=2)


@pytest.fixture
def refusing(unit):
    unit.due_date = DUE
    unit.save()
    return assignment(unit, late_policy=LatePolicy.REFUSE_AFTER_CUTOFF, cutoff_date=CUTOFF)


def student_in(course, section):
    student = UserFactory()
    enrol(student, course, Role.STUDENT, section=section)
    return student


def section_of(student, course):
    return Enrolment.objects.get(user=student, course=course).section


def refused(settings, post, student, at):
    """Whether the student's post, submitted at `at`, is refused under the unit's cut-off."""
    with time_machine.travel(at, tick=False):
        submitted_at = submit(post, student).created_at
    due = rules.due_for(settings.unit, student, section_of(student, settings.unit.get_course()))
    return rules.is_refused(settings, submitted_at, due)


def test_a_student_s_extension_moves_their_due_date_and_cut_off(course, unit, refusing, make_draft, instructor):
    maya, theo = student_in(course, "001"), student_in(course, "001")
    Extension.objects.create(unit=unit, student=maya, due_date=DUE + timedelta(days=3), granted_by=instructor)

    assert rules.due_for(unit, maya, "001") == DUE + timedelta(days=3)
    assert rules.cutoff_for(refusing, DUE + timedelta(days=3)) == CUTOFF + timedelta(days=3)
    assert rules.due_for(unit, theo, "001") == DUE
    at = CUTOFF + timedelta(days=1)
    assert refused(refusing, make_draft(author=maya), maya, at) is False
    assert refused(refusing, make_draft(author=theo), theo, at) is True


def test_a_section_s_extension_moves_its_students_dates_only(course, unit, refusing, make_draft):
    ines, omar = student_in(course, "002"), student_in(course, "001")
    Extension.objects.create(unit=unit, section="002", due_date=DUE + timedelta(days=1))

    assert rules.due_for(unit, ines, "002") == DUE + timedelta(days=1)
    assert rules.due_for(unit, omar, "001") == DUE
    at = CUTOFF + timedelta(hours=12)
    assert refused(refusing, make_draft(author=ines), ines, at) is False
    assert refused(refusing, make_draft(author=omar), omar, at) is True


def test_a_student_s_own_extension_wins_over_their_section_s(course, unit, refusing):
    ines = student_in(course, "002")
    Extension.objects.create(unit=unit, section="002", due_date=DUE + timedelta(days=5))
    Extension.objects.create(unit=unit, student=ines, due_date=DUE + timedelta(days=1))

    assert rules.due_for(unit, ines, "002") == DUE + timedelta(days=1)


def test_an_extension_never_makes_a_due_date_earlier(course, unit, refusing):
    maya = student_in(course, "001")
    Extension.objects.create(unit=unit, student=maya, due_date=DUE + timedelta(days=1))
    unit.due_date = DUE + timedelta(days=4)  # the whole class got longer since

    assert rules.due_for(unit, maya, "001") == DUE + timedelta(days=4)


def test_a_listing_passes_the_unit_s_extensions_and_asks_nothing_more(
    course, unit, second_unit, refusing, django_assert_num_queries
):
    students = [student_in(course, "002") for _ in range(3)]
    Extension.objects.create(unit=unit, student=students[0], due_date=DUE + timedelta(days=2))
    Extension.objects.create(unit=second_unit, section="002", due_date=DUE + timedelta(days=9))
    extensions = list(Extension.objects.all())

    with django_assert_num_queries(0):
        dues = [rules.due_for(unit, student, "002", extensions) for student in students]

    assert dues == [DUE + timedelta(days=2), DUE, DUE]
