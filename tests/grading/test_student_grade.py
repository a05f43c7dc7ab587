"""A student's own grade in the admin: once released, "Your grade" on their post's page opens the score, the rubric
with the level chosen for each criterion marked in words, the feedback as written, the late penalty and days late,
and the date of the version graded. Nobody else sees it, and a draft grade is a 404 like a grade that does not
exist, so nothing says a draft is there; the course's staff read grades on the grading screen instead."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils.formats import date_format
from django.utils.timezone import localtime

from courses.models import Role
from grading.models import CriterionScore, GradeStatus
from grading.student_views import post_buttons
from tests.factories import member_client
from tests.grading_helpers import *  # noqa: F403 (the due_unit fixture)
from tests.grading_helpers import DUE, assignment, level_named, make_grade, make_rubric

pytestmark = pytest.mark.django_db

FEEDBACK = '<p>Cite <i>Pravda</i> itself; see <a href="https://example.org/thaw">the archive</a>.</p>'


@pytest.fixture
def post(make_post, student, due_unit):
    return make_post(title="The Illusion of Khrushchev", author=student)


@pytest.fixture
def rubric_grade(course, due_unit, post, instructor):
    """A released rubric grade, a day late at 10% a day: Good (3) + Excellent (6) = 9, less 10%."""
    rubric = make_rubric(course)
    assignment(due_unit, rubric=rubric)
    grade = make_grade(
        post,
        instructor,
        feedback=FEEDBACK,
        status=GradeStatus.RELEASED,
        submitted_at=DUE + timedelta(hours=3),
        late_days=1,
        penalty_percent=Decimal("10"),
    )
    for criterion, level in (("Use of sources", "Good"), ("Argument", "Excellent")):
        chosen = level_named(rubric, criterion, level)
        CriterionScore.objects.create(grade=grade, criterion=chosen.criterion, level=chosen)
    return grade


def url(post):
    return f"/admin/grading/posts/{post.pk}/my-grade/"


def test_the_student_reads_the_score_rubric_feedback_and_lateness(student_client, post, rubric_grade):
    response = student_client.get(url(post))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Grade: 9 / 10, less 10% late penalty: 8.10" in html
    assert "Submitted 1 day late" in html and "a late penalty of 10% is taken off the score of 9" in html
    graded_on = date_format(localtime(rubric_grade.revision.created_at), "DATETIME_FORMAT")
    assert "Graded version: the one saved on <time datetime=" in html and f">{graded_on}</time>" in html
    assert '<p>Cite <i>Pravda</i> itself; see <a href="https://example.org/thaw">the archive</a>.</p>' in html
    assert "Use of sources" in html and "Argument" in html
    assert '<li aria-current="true">' in html
    assert "Chosen: Good, 3 points" in html and "Chosen: Excellent, 6 points" in html
    assert "Chosen: Weak" not in html and "Weak, 1 point" in html and "Missing, 0 points" in html
    assert html.count('aria-current="true"') == 2


def test_a_points_grade_shows_what_it_is_out_of(student_client, post, due_unit, instructor):
    assignment(due_unit, points=10)
    make_grade(post, instructor, points=Decimal("8"), status=GradeStatus.RELEASED)

    html = student_client.get(url(post)).content.decode()

    assert "Grade: 8 / 10</h2>" in html and "No written feedback." in html and "Chosen" not in html


def test_the_page_says_the_post_changed_since_it_was_graded(student_client, student, post, rubric_grade):
    post.save_revision(user=student)

    assert "You have changed the post since" in student_client.get(url(post)).content.decode()


def test_a_draft_grade_is_a_404_like_no_grade(student_client, post, due_unit, instructor):
    assert student_client.get(url(post)).status_code == 404
    assignment(due_unit, points=10)
    make_grade(post, instructor, points=Decimal("8"), feedback=FEEDBACK)

    response = student_client.get(url(post))
    assert response.status_code == 404 and "Pravda" not in response.content.decode()


@pytest.mark.parametrize("role", [Role.STUDENT, Role.TA, Role.INSTRUCTOR])
def test_no_one_but_the_author_sees_it(course, post, rubric_grade, role):
    response = member_client(course, role).get(url(post))

    assert response.status_code == 404 and "Pravda" not in response.content.decode()


def test_a_guest_is_kept_out_of_the_admin(course, post, rubric_grade):
    response = member_client(course, Role.GUEST).get(url(post))

    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_a_site_administrator_and_strangers_get_a_404(site_admin_client, post, rubric_grade):
    assert site_admin_client.get(url(post)).status_code == 404
    assert Client().get(url(post)).status_code == 302  # to the login page
    assert site_admin_client.get("/admin/grading/posts/999999/my-grade/").status_code == 404


def test_your_grade_is_on_the_author_s_post_page_once_released(course, student_client, post, due_unit, instructor):
    edit = f"/admin/pages/{post.pk}/edit/"
    assignment(due_unit, points=10)
    grade = make_grade(post, instructor, points=Decimal("8"))
    assert url(post) not in student_client.get(edit).content.decode()

    grade.status = GradeStatus.RELEASED
    grade.save()

    html = student_client.get(edit).content.decode()
    assert url(post) in html and "Your grade" in html
    assert url(post) not in member_client(course, Role.INSTRUCTOR).get(edit).content.decode()


def test_the_button_costs_one_query_and_only_for_the_author(
    course, student, post, rubric_grade, instructor, django_assert_num_queries
):
    with django_assert_num_queries(1):
        (button,) = post_buttons(post, student)
    assert button.label == "Your grade" and button.url == url(post)
    unit = post.get_parent().specific
    with django_assert_num_queries(0):
        assert post_buttons(post, instructor) == []
        assert post_buttons(unit, student) == []
