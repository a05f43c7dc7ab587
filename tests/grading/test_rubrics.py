"""A rubric is out of the sum of its criteria's best levels, and copying it to another course (as rollover will)
gives that course a rubric of its own: the same criteria and levels, which it may change without touching ours."""

from decimal import Decimal

import pytest

from grading import rules
from grading.models import AssignmentSettings, Criterion, Level, Rubric
from tests.grading_helpers import assignment, make_rubric

pytestmark = pytest.mark.django_db


def outline(rubric):
    """The rubric as an instructor reads it: each criterion, in order, with its levels and points."""
    return [
        (criterion.title, [(level.title, level.points) for level in criterion.levels.all()])
        for criterion in rubric.criteria.all()
    ]


def test_a_rubric_is_out_of_its_criteria_s_best_levels_added_up(course):
    rubric = make_rubric(course)  # Use of sources: 4, 3 or 1; Argument: 6, 3 or 0

    assert rubric.max_points == Decimal("10")
    assert str(rubric) == "Analysing a primary source"


def test_a_rubric_being_written_shows_its_maximum_before_it_is_saved(course):
    """What the editing form will hold: a rubric, its criteria and their levels, all in memory."""
    rubric = Rubric(course=course, title="Reading response")
    rubric.criteria = [
        Criterion(title="Close reading", levels=[Level(title="Excellent", points=5), Level(title="Fair", points=2)]),
        Criterion(title="Written", levels=[]),
    ]

    assert rubric.max_points == Decimal("5")


def test_a_unit_is_graded_out_of_its_points_or_its_rubric_s_maximum(course, unit, second_unit):
    rubric = make_rubric(course)

    assert rules.max_points(assignment(unit, rubric=rubric)) == Decimal("10")
    assert rules.max_points(assignment(second_unit, points=Decimal("20"))) == Decimal("20")
    assert rules.max_points(AssignmentSettings()) is None


def test_copying_a_rubric_to_another_course_copies_its_criteria_and_levels(course, second_course):
    ours = make_rubric(course)

    theirs = ours.copy_to(second_course)

    assert theirs.pk != ours.pk and theirs.course == second_course
    assert (theirs.title, theirs.description) == (ours.title, ours.description)
    assert outline(Rubric.objects.get(pk=theirs.pk)) == outline(ours)
    assert theirs.max_points == Decimal("10")
    assert list(Rubric.objects.for_course(second_course)) == [theirs]


def test_the_copy_is_independent_of_the_original(course, second_course):
    ours = make_rubric(course)
    theirs = ours.copy_to(second_course)

    Level.objects.filter(criterion__rubric=theirs, title="Excellent").update(points=Decimal("8"))
    Criterion.objects.filter(rubric=theirs, title="Argument").delete()
    ours.delete()

    theirs = Rubric.objects.get(pk=theirs.pk)
    assert outline(theirs) == [("Use of sources", [("Excellent", Decimal("8")), ("Good", 3), ("Weak", 1)])]
    assert theirs.max_points == Decimal("8")


def test_a_list_of_rubrics_shows_their_maximums_in_three_queries(course, django_assert_num_queries):
    for title in ("Source analysis", "Historiography", "Reading response"):
        make_rubric(course, title=title)

    with django_assert_num_queries(3):
        maximums = {rubric.title: rubric.max_points for rubric in Rubric.objects.for_course(course).with_levels()}

    assert maximums == dict.fromkeys(("Historiography", "Reading response", "Source analysis"), Decimal("10"))
