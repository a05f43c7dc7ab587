"""Rubrics in the admin: an instructor builds a rubric (criteria, each with levels) in one form, sees it listed with
what it is out of, and changes a level's points later; a rubric that grades have used is neither deleted nor
stripped of a level it scored, and the instructor is told why."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html

from courses.models import Role
from courses.roles import enrol
from grading.models import CriterionScore, Level, Rubric
from tests.factories import UserFactory, member_client
from tests.grading_helpers import assignment, level_named, make_grade, make_rubric

pytestmark = pytest.mark.django_db
INDEX = "/admin/rubrics/"


def edit_url(rubric):
    return f"{INDEX}edit/{rubric.pk}/"


def criterion(title, *levels):
    return {"title": title, "description": "", "levels": inline_formset([level(*each) for each in levels])}


def level(title, points):
    return {"title": title, "points": points, "description": ""}


def new_rubric(course, title="Reading response"):
    return nested_form_data(
        {
            "course": course.pk,
            "title": title,
            "description": "For the weekly response posts.",
            "criteria": inline_formset(
                [
                    criterion("Use of sources", ("Excellent", "4"), ("Weak", "1")),
                    criterion("Argument", ("Clear", "5"), ("Missing", "0")),
                    criterion("Writing", ("Polished", "2.5"), ("Rough", "0.5")),
                ]
            ),
        }
    )


@pytest.fixture
def instructor_of(course):
    return member_client(course, Role.INSTRUCTOR)


def test_an_instructor_builds_a_three_criterion_rubric_and_sees_it_listed_out_of_its_points(course, instructor_of):
    form = instructor_of.get(f"{INDEX}new/")
    assert form.status_code == 200
    assert 'name="criteria-__prefix__-levels-__prefix__-points"' in form.content.decode()  # levels within criteria

    response = instructor_of.post(f"{INDEX}new/", new_rubric(course))

    assert response.status_code == 302
    rubric = Rubric.objects.get(title="Reading response")
    assert [c.title for c in rubric.criteria.all()] == ["Use of sources", "Argument", "Writing"]
    assert [lv.title for lv in rubric.criteria.get(title="Writing").levels.all()] == ["Polished", "Rough"]
    assert rubric.max_points == Decimal("11.5")
    html = instructor_of.get(INDEX).content.decode()
    assert "Reading response" in html and "Soviet History" in html and "11.50" in html


def test_an_instructor_changes_a_level_s_points_through_the_form_as_rendered(course, instructor_of):
    rubric = make_rubric(course)  # Use of sources: 4, 3 or 1; Argument: 6, 3 or 0
    excellent = level_named(rubric, "Argument", "Excellent")
    data = querydict_from_html(instructor_of.get(edit_url(rubric)).content.decode(), form_id="w-editor-form")
    field = next(name for name, value in data.items() if name.endswith("-id") and value == str(excellent.pk))
    data[field.removesuffix("-id") + "-points"] = "8"

    assert instructor_of.post(edit_url(rubric), data).status_code == 302
    assert Level.objects.get(pk=excellent.pk).points == Decimal("8")
    assert Rubric.objects.get(pk=rubric.pk).max_points == Decimal("12")


def test_a_rubric_needs_a_course_the_instructor_teaches(course, second_course, instructor_of):
    response = instructor_of.post(f"{INDEX}new/", new_rubric(second_course, title="Elsewhere"))

    assert response.status_code == 200
    assert not Rubric.objects.filter(title="Elsewhere").exists()
    assert "Select a valid choice" in response.content.decode()


def test_a_rubric_a_unit_grades_with_stays_in_its_course(course, second_course, unit, instructor_of):
    rubric = make_rubric(course)
    assignment(unit, rubric=rubric)
    enrol(get_user_model().objects.get(pk=instructor_of.session["_auth_user_id"]), second_course, Role.INSTRUCTOR)
    data = querydict_from_html(instructor_of.get(edit_url(rubric)).content.decode(), form_id="w-editor-form")
    data["course"] = str(second_course.pk)

    response = instructor_of.post(edit_url(rubric), data)

    assert response.status_code == 200
    assert Rubric.objects.get(pk=rubric.pk).course_id == course.pk
    assert "copy it to use it in another course" in response.content.decode()


@pytest.fixture
def graded_rubric(course, make_post):
    """A rubric that one grade has scored ("Use of sources: Weak", "Argument: Missing")."""
    rubric = make_rubric(course)
    grade = make_grade(make_post(title="The Illusion of Khrushchev", author=UserFactory()))
    for criterion_title, level_title in (("Use of sources", "Weak"), ("Argument", "Missing")):
        chosen = level_named(rubric, criterion_title, level_title)
        CriterionScore.objects.create(grade=grade, criterion=chosen.criterion, level=chosen)
    return rubric


def test_a_rubric_used_by_a_grade_is_not_deleted_and_the_instructor_is_told_why(graded_rubric, instructor_of):
    response = instructor_of.post(f"{INDEX}delete/{graded_rubric.pk}/", follow=True)

    assert Rubric.objects.filter(pk=graded_rubric.pk).exists()
    assert "cannot be deleted: 1 grade uses it" in response.content.decode()


def test_a_level_a_grade_scored_is_not_removed_and_the_instructor_is_told_why(graded_rubric, instructor_of):
    weak = level_named(graded_rubric, "Use of sources", "Weak")
    data = querydict_from_html(instructor_of.get(edit_url(graded_rubric)).content.decode(), form_id="w-editor-form")
    field = next(name for name, value in data.items() if name.endswith("-id") and value == str(weak.pk))
    data[field.removesuffix("-id") + "-DELETE"] = "1"

    response = instructor_of.post(edit_url(graded_rubric), data)

    assert response.status_code == 200
    assert Level.objects.filter(pk=weak.pk).exists()
    assert "“Use of sources: Weak” cannot be removed: posts have been graded with it" in response.content.decode()


def test_an_unused_rubric_is_deleted(course, instructor_of):
    rubric = make_rubric(course)

    assert instructor_of.post(f"{INDEX}delete/{rubric.pk}/").status_code == 302
    assert not Rubric.objects.filter(pk=rubric.pk).exists()


def index_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INDEX).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_queries_for_two_rubrics_as_for_eight(course, instructor_of):
    for number in range(2):
        make_rubric(course, title=f"Rubric {number}")
    two = index_queries(instructor_of)
    for number in range(2, 8):
        make_rubric(course, title=f"Rubric {number}")

    assert index_queries(instructor_of) == two
