"""The gradebook costs the same number of queries for a class of 300 as for a class of 10, on screen and in each
download: no query per student, unit or grade."""

import io
from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from blog.models import CourseUnitPage
from courses.models import Enrolment, Role
from grading.choices import GradeStatus, LatePolicy
from grading.models import CriterionScore, Extension
from tests.factories import CourseUnitPageFactory, StudentPostPageFactory, member
from tests.grading_helpers import DUE, assignment, level_named, make_grade, make_rubric
from tests.review_helpers import submit

pytestmark = pytest.mark.django_db
GRADEBOOK = reverse("grading:gradebook")
NOW = DUE + timedelta(days=10)
QUERY_LIMIT = 40


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(NOW, tick=False):
        yield


def add_students(course, first, last):
    """Students first..last-1, in sections A and B, created in two queries."""
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"s{n:03}", first_name="Student", last_name=f"N{n:03}", email=f"s{n:03}@example.edu")
        for n in range(first, last)
    )
    Enrolment.objects.bulk_create(
        Enrolment(user=user, course=course, role=Role.STUDENT, section="AB"[n % 2]) for n, user in enumerate(users)
    )
    return users


@pytest.fixture
def graded_course(course, unit, make_post):
    """Two graded units (points with a late penalty, and a rubric), extensions, and ten students, three of whom
    submitted: one graded on points, one with the rubric, one not graded yet."""
    unit.due_date = DUE
    unit.save_revision().publish()
    assignment(unit, points=10, late_policy=LatePolicy.PENALTY, penalty_percent_per_day=5)
    stagnation = CourseUnitPageFactory(parent=course, title="Stagnation", due_date=DUE + timedelta(days=5))
    rubric = make_rubric(course)
    assignment(stagnation, rubric=rubric)
    instructor = member("Instructors", course=course, username="whitaker")
    students = add_students(course, 0, 10)
    posts = []
    for author, parent in ((students[0], unit), (students[1], stagnation), (students[2], unit)):
        post = make_post(title=f"By {author.username}", author=author, parent=parent, publish=False)
        submit(post, author)
        posts.append(post)
    make_grade(posts[0], instructor, points=9, status=GradeStatus.RELEASED)
    grade = make_grade(posts[1], instructor)
    level = level_named(rubric, "Argument", "Excellent")
    CriterionScore.objects.create(grade=grade, criterion=level.criterion, level=level)
    Extension.objects.create(unit=unit, student=students[3], due_date=DUE + timedelta(days=1))
    Extension.objects.create(unit=stagnation, section="B", due_date=DUE + timedelta(days=6))
    return instructor


def cost(client, params):
    """(queries, number of student rows) of one request, after a first one warms Wagtail's caches."""
    client.get(GRADEBOOK, params)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(GRADEBOOK, params)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    if params.get("export") == "xlsx":
        rows = load_workbook(io.BytesIO(body)).active.max_row - 1
    elif params.get("export") == "csv":
        rows = body.decode("utf-8-sig").count("@example.edu")
    else:
        rows = len(BeautifulSoup(body, "html.parser").select("table.gradebook tbody tr"))
    return len(queries), rows


def add_graded_posts(course, students, instructor):
    """A submitted post for each of `students` in both units, graded on points in one and with the rubric in the
    other, each third with an extension of their own: what the larger class adds per student."""
    unit, stagnation = CourseUnitPage.objects.child_of(course).order_by("path")
    rubric = stagnation.assignment.rubric
    level = level_named(rubric, "Use of sources", "Good")
    for n, author in enumerate(students):
        for parent in (unit, stagnation):
            post = StudentPostPageFactory(parent=parent, author=author, title=f"By {author.username}", publish=False)
            submit(post, author)
            grade = make_grade(post, instructor, points=6 if parent == unit else None)
            if parent == stagnation:
                CriterionScore.objects.create(grade=grade, criterion=level.criterion, level=level)
        if n % 3 == 0:
            Extension.objects.create(unit=unit, student=author, due_date=DUE + timedelta(days=2))


@pytest.mark.parametrize("params", [{}, {"export": "csv"}, {"export": "xlsx"}, {"section": "A", "ordering": "-total"}])
def test_300_students_cost_what_10_do(client, course, graded_course, params):
    client.force_login(graded_course)
    add_graded_posts(course, get_user_model().objects.filter(username__in=["s005", "s006"]), graded_course)
    few, few_rows = cost(client, params)
    add_graded_posts(course, add_students(course, 10, 300)[:20], graded_course)
    many, many_rows = cost(client, params)

    assert (few_rows, many_rows) == ((5, 150) if "section" in params else (10, 300))
    assert few == many <= QUERY_LIMIT
