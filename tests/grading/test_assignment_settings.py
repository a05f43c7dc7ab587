"""What an instructor cannot set up by mistake: a cut-off before the due date, another course's rubric, points and a
rubric at once, a refusal without a cut-off, a penalty of nothing; an extension for both a student and a section,
for neither, twice for the same one, or ending before the unit's due date."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from grading.models import AssignmentSettings, Extension, LatePolicy
from tests.factories import UserFactory
from tests.grading_helpers import *  # noqa: F403 (the due_unit fixture)
from tests.grading_helpers import DUE, make_rubric

pytestmark = pytest.mark.django_db


def errors(instance):
    """What clean() objects to, by field ("__all__": the whole form), as a form would show it."""
    with pytest.raises(ValidationError) as raised:
        instance.clean()
    error = raised.value
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


def test_the_cut_off_date_must_be_after_the_due_date(due_unit):
    assert list(errors(AssignmentSettings(unit=due_unit, cutoff_date=DUE - timedelta(hours=1)))) == ["cutoff_date"]
    assert list(errors(AssignmentSettings(unit=due_unit, cutoff_date=DUE))) == ["cutoff_date"]
    AssignmentSettings(unit=due_unit, cutoff_date=DUE + timedelta(days=2)).full_clean()


def test_late_policies_need_what_they_use(due_unit):
    refusing = AssignmentSettings(unit=due_unit, late_policy=LatePolicy.REFUSE_AFTER_CUTOFF)
    penalising = AssignmentSettings(unit=due_unit, late_policy=LatePolicy.PENALTY)

    assert errors(refusing) == {"cutoff_date": ["Set the cut-off date after which late posts are not accepted."]}
    assert list(errors(penalising)) == ["penalty_percent_per_day"]
    with pytest.raises(ValidationError):
        AssignmentSettings(unit=due_unit, penalty_cap_percent=Decimal("120")).full_clean()


def test_the_rubric_must_be_one_of_the_unit_s_course(course, due_unit, second_course):
    theirs = make_rubric(second_course)

    assert errors(AssignmentSettings(unit=due_unit, rubric=theirs)) == {
        "rubric": ["This rubric belongs to another course: copy it to this course first."]
    }
    AssignmentSettings(unit=due_unit, rubric=theirs.copy_to(course)).full_clean()


def test_a_unit_is_graded_by_points_or_by_rubric_not_both(course, due_unit):
    both = AssignmentSettings(unit=due_unit, points=Decimal("10"), rubric=make_rubric(course))

    assert list(errors(both)) == ["rubric"]
    with pytest.raises(IntegrityError), transaction.atomic():
        both.save()


@pytest.mark.parametrize("whom", ["both", "neither"])
def test_an_extension_is_for_one_student_or_one_section(due_unit, whom):
    student = UserFactory() if whom == "both" else None
    section = "002" if whom == "both" else ""
    extension = Extension(unit=due_unit, student=student, section=section, due_date=DUE + timedelta(days=1))

    assert errors(extension) == {"__all__": ["Give the extension to one student or to one section."]}
    with pytest.raises(IntegrityError), transaction.atomic():
        extension.save()


def test_a_student_or_section_has_one_extension_per_unit(due_unit):
    student = UserFactory()
    Extension.objects.create(unit=due_unit, student=student, due_date=DUE + timedelta(days=1))
    Extension.objects.create(unit=due_unit, section="002", due_date=DUE + timedelta(days=1))

    for again in ({"student": student}, {"section": "002"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Extension.objects.create(unit=due_unit, due_date=DUE + timedelta(days=2), **again)


def test_an_extension_ends_after_the_unit_s_due_date(due_unit):
    early = Extension(unit=due_unit, section="002", due_date=DUE - timedelta(days=1))

    assert list(errors(early)) == ["due_date"]
