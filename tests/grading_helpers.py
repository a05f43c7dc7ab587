"""Rubrics, assignment settings and grades for the grading tests (factory_boy, like tests/factories.py)."""

from datetime import datetime
from decimal import Decimal

import factory
import pytest
from django.test import Client
from django.utils import timezone

from grading.models import AssignmentSettings, Criterion, Grade, Level, Rubric
from tests.factories import member

DUE = timezone.make_aware(datetime(2027, 3, 1, 17, 0))  # Monday 1 March 2027, 5 pm: the unit's due date


@pytest.fixture
def student(course):
    """Dana Reyes, a student of the course."""
    return member("Students", course=course, username="dreyes", first_name="Dana", last_name="Reyes")


@pytest.fixture
def student_client(student):
    """Dana, logged in."""
    client = Client()
    client.force_login(student)
    return client


@pytest.fixture
def due_unit(unit):
    """The unit, due at DUE."""
    unit.due_date = DUE
    unit.save()
    return unit


class RubricFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Rubric {n}")
    description = "For the unit's response posts."

    class Meta:
        model = Rubric


class CriterionFactory(factory.django.DjangoModelFactory):
    rubric = factory.SubFactory(RubricFactory)
    title = factory.Sequence(lambda n: f"Criterion {n}")
    sort_order = factory.Sequence(int)

    class Meta:
        model = Criterion


class LevelFactory(factory.django.DjangoModelFactory):
    criterion = factory.SubFactory(CriterionFactory)
    title = "Good"
    points = Decimal("3")
    sort_order = factory.Sequence(int)

    class Meta:
        model = Level


SOURCE_ANALYSIS = {
    "Use of sources": [("Excellent", "4"), ("Good", "3"), ("Weak", "1")],
    "Argument": [("Excellent", "6"), ("Adequate", "3"), ("Missing", "0")],
}


def make_rubric(course, title="Analysing a primary source", criteria=None):
    """A saved rubric of `course`; `criteria` maps each criterion's title to its levels' (title, points), by default
    SOURCE_ANALYSIS (out of 10: 4 + 6)."""
    rubric = RubricFactory(course=course, title=title)
    for criterion_title, levels in (criteria or SOURCE_ANALYSIS).items():
        criterion = CriterionFactory(rubric=rubric, title=criterion_title)
        for level_title, points in levels:
            LevelFactory(criterion=criterion, title=level_title, points=Decimal(points))
    return rubric


def level_named(rubric, criterion_title, level_title):
    return Level.objects.get(criterion__rubric=rubric, criterion__title=criterion_title, title=level_title)


def assignment(unit, **fields):
    """The unit's saved assignment settings (accepted and flagged late unless `fields` say otherwise)."""
    return AssignmentSettings.objects.create(unit=unit, **fields)


def make_grade(post, grader=None, **fields):
    """A draft grade of the post's latest version."""
    return Grade.objects.create(post=post, revision=post.latest_revision, grader=grader, **fields)
