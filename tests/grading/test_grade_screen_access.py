"""Who reaches a post's grading screen: the course's instructors and teaching assistants and site administrators,
from a "Grade" button in the post's editor; its students are refused (and see no button); another course's
instructor gets a 404. The screen costs the same queries for a rubric of two criteria as for one of six."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import Role
from grading import grade_views
from grading.models import Grade
from tests.factories import member_client
from tests.grading_helpers import *  # noqa: F403 (the student and student_client fixtures)
from tests.grading_helpers import assignment, make_grade, make_rubric

pytestmark = pytest.mark.django_db


def url(post):
    return f"/admin/grading/posts/{post.pk}/grade/"


@pytest.fixture
def post(make_post, student, unit):
    assignment(unit, points=20)
    return make_post(title="The Illusion of Khrushchev", author=student)


def points(post):
    return {"revision": post.latest_revision_id, "points": "20"}


@pytest.mark.parametrize("role", [Role.INSTRUCTOR, Role.TA])
def test_the_course_s_staff_open_the_screen_from_the_post_s_editor(course, post, role):
    client = member_client(course, role)

    editor = client.get(f"/admin/pages/{post.pk}/edit/").content.decode()

    assert url(post) in editor and grade_views.grade_url(post) == url(post)
    assert "Graded out of 20 points." in client.get(url(post)).content.decode()


def test_a_site_administrator_grades_any_course_s_posts(site_admin_client, post):
    assert site_admin_client.post(url(post), points(post)).status_code == 302
    assert Grade.objects.get(post=post).points == 20


def test_the_post_s_student_sees_no_button_and_is_refused(client, post, student):
    client.force_login(student)

    assert url(post) not in client.get(f"/admin/pages/{post.pk}/edit/").content.decode()
    assert client.get(url(post)).status_code == 302  # Wagtail's permission_denied: back to the dashboard
    assert client.post(url(post), points(post)).status_code == 302
    assert not Grade.objects.exists()


@pytest.mark.parametrize("role", [Role.STUDENT, Role.GUEST])
def test_the_course_s_other_members_are_refused(course, post, role):
    client = member_client(course, role)

    assert client.get(url(post)).status_code == 302
    assert client.post(url(post), points(post)).status_code == 302
    assert not Grade.objects.exists()


def test_another_course_s_instructor_gets_a_404(course, second_course, post):
    client = member_client(second_course, Role.INSTRUCTOR)

    assert client.get(url(post)).status_code == 404
    assert client.post(url(post), points(post)).status_code == 404
    assert client.get("/admin/grading/posts/999999/grade/").status_code == 404
    assert not Grade.objects.exists()


def test_the_button_is_only_on_posts(course, unit, post):
    client = member_client(course, Role.INSTRUCTOR)

    assert "/grade/" not in client.get(f"/admin/pages/{unit.pk}/edit/").content.decode()


def editor_queries(client, post):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/admin/pages/{post.pk}/edit/").status_code == 200
    return len(queries)


def test_the_button_costs_the_editor_one_query_at_most(course, post, monkeypatch):
    client = member_client(course, Role.INSTRUCTOR)
    editor_queries(client, post)  # warm: content types, site
    with_button = editor_queries(client, post)
    monkeypatch.setattr(grade_views, "post_buttons", lambda page, user: [])

    assert with_button - editor_queries(client, post) <= 1


def screen_queries(client, post):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(post)).status_code == 200
    return len(queries)


def rubric_of(course, size):
    criteria = {f"Criterion {n}": [("Excellent", "4"), ("Good", "3"), ("Weak", "1")] for n in range(size)}
    return make_rubric(course, title=f"Rubric of {size}", criteria=criteria)


def test_the_screen_costs_the_same_for_two_criteria_as_for_six(course, unit, make_post, student, instructor):
    client = member_client(course, Role.INSTRUCTOR)
    settings = assignment(unit, rubric=rubric_of(course, 2))
    post = make_post(author=student)
    grade = make_grade(post, instructor)
    for criterion in settings.rubric.criteria.all():
        grade.scores.create(criterion=criterion, level=criterion.levels.first())
    post.save_revision(user=student)  # changed since graded: the diff is on the screen too
    two = screen_queries(client, post)

    settings.rubric = rubric_of(course, 6)
    settings.save()
    Grade.objects.all().delete()
    grade = make_grade(post, instructor, penalty_percent=Decimal("10"))
    for criterion in settings.rubric.criteria.all():
        grade.scores.create(criterion=criterion, level=criterion.levels.first())
    post.save_revision(user=student)

    assert "Criterion 5" in client.get(url(post)).content.decode()
    assert screen_queries(client, post) == two
