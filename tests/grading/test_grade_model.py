"""A post has one grade, pinned to the version that was graded: the student's later edits show as "changed since
graded" without changing what was graded. A rubric grade adds up the levels chosen, less the late penalty."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import RestrictedError
from wagtail.models import Revision

from grading.models import Criterion, CriterionScore, Grade, GradeStatus
from tests.grading_helpers import *  # noqa: F403 (the student and student_client fixtures)
from tests.grading_helpers import level_named, make_grade, make_rubric

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(make_post, student):
    return make_post(title="The Illusion of Khrushchev", author=student)


def test_a_post_has_one_grade(post, instructor):
    make_grade(post, instructor, points=Decimal("8"))

    with pytest.raises(IntegrityError), transaction.atomic():
        make_grade(post, instructor, points=Decimal("9"))


def test_the_grade_keeps_the_version_graded_when_the_student_edits(post, student, instructor):
    grade = make_grade(post, instructor, points=Decimal("8"), feedback="<p>Cite <i>Pravda</i> directly.</p>")
    assert grade.status == GradeStatus.DRAFT and not grade.changed_since_graded

    post.title = "The Illusion of Khrushchev (revised)"
    post.save_revision(user=student)

    grade = Grade.objects.select_related("post", "revision").get(pk=grade.pk)
    assert grade.changed_since_graded
    assert grade.revision.as_object().title == "The Illusion of Khrushchev"


def test_a_rubric_grade_adds_up_the_levels_chosen_less_the_late_penalty(course, post, instructor):
    rubric = make_rubric(course)
    grade = make_grade(post, instructor, penalty_percent=Decimal("10"))
    for criterion, level in (("Use of sources", "Good"), ("Argument", "Excellent")):
        chosen = level_named(rubric, criterion, level)
        CriterionScore.objects.create(grade=grade, criterion=chosen.criterion, level=chosen)

    assert (grade.raw_score, grade.final_score) == (Decimal("9"), Decimal("8.10"))
    assert (Grade(post=post).raw_score, Grade(post=post).final_score) == (None, None)  # nothing entered yet


def test_a_level_chosen_must_be_one_of_the_criterion_s_own(course, post, instructor):
    rubric = make_rubric(course)
    argument = Criterion.objects.get(rubric=rubric, title="Argument")
    score = CriterionScore(
        grade=make_grade(post, instructor), criterion=argument, level=level_named(rubric, "Use of sources", "Weak")
    )

    with pytest.raises(ValidationError) as error:
        score.full_clean()
    assert error.value.message_dict == {"level": ["Choose one of this criterion's own levels."]}


def test_a_grade_pins_a_version_of_its_own_post(make_post, post, instructor):
    other = make_post(title="Sputnik and the Space Race")
    grade = Grade(post=post, revision=other.latest_revision, grader=instructor)

    with pytest.raises(ValidationError) as error:
        grade.full_clean()
    assert error.value.message_dict == {"revision": ["This version belongs to another post."]}


def test_what_was_graded_cannot_be_deleted_but_goes_with_its_post(course, post, instructor):
    rubric = make_rubric(course)
    grade = make_grade(post, instructor)
    weak = level_named(rubric, "Use of sources", "Weak")
    CriterionScore.objects.create(grade=grade, criterion=weak.criterion, level=weak)

    for graded in (grade.revision, weak, rubric):
        with pytest.raises(RestrictedError), transaction.atomic():
            graded.delete()

    post_id = post.pk
    post.delete()
    assert not Grade.objects.exists() and not CriterionScore.objects.exists()
    assert not Revision.objects.filter(object_id=str(post_id)).exists()
    assert rubric.max_points == Decimal("10")
