"""Lateness on the grading screen, by the student's own due date: a student with an extension is not late (and the
due date says "extension"); a late post shows its days and penalty, which the saved grade keeps; a post submitted
after the cut-off under "Not accepted after the cut-off date" is not graded: the screen says so and a save is
refused."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine

from courses.models import Role
from grading.choices import LatePolicy
from grading.models import Extension, Grade
from tests.factories import member_client
from tests.grading_helpers import *  # noqa: F403 (the due_unit fixture)
from tests.grading_helpers import DUE, assignment
from tests.review_helpers import submit

pytestmark = pytest.mark.django_db


def url(post):
    return f"/admin/grading/posts/{post.pk}/grade/"


def submitted_at(make_post, student, when):
    post = make_post(title="The Illusion of Khrushchev", author=student, publish=False)
    with time_machine.travel(when, tick=False):
        submit(post, student)
    post.refresh_from_db()
    return post


def test_a_student_with_an_extension_is_not_late(course, due_unit, make_post, student):
    assignment(due_unit, points=10, late_policy=LatePolicy.PENALTY, penalty_percent_per_day=Decimal("10"))
    Extension.objects.create(unit=due_unit, student=student, due_date=DUE + timedelta(days=3))
    post = submitted_at(make_post, student, DUE + timedelta(days=2))

    html = member_client(course, Role.INSTRUCTOR).get(url(post)).content.decode()

    assert "(extension)" in html and "Not late" in html and "<dd>0%</dd>" in html


def test_a_late_post_shows_its_penalty_and_the_grade_keeps_it(course, due_unit, make_post, student):
    assignment(due_unit, points=10, late_policy=LatePolicy.PENALTY, penalty_percent_per_day=Decimal("10"))
    post = submitted_at(make_post, student, DUE + timedelta(hours=2))
    client = member_client(course, Role.INSTRUCTOR)

    html = client.get(url(post)).content.decode()
    assert "<dt>Days late</dt><dd>1</dd>" in html and "<dd>10%</dd>" in html and "(extension)" not in html

    response = client.post(url(post), {"revision": post.latest_revision_id, "points": "7"}, follow=True)

    assert "Grade saved as a draft: 7 / 10, less 10% late penalty = 6.30." in response.content.decode()
    grade = Grade.objects.get(post=post)
    assert (grade.late_days, grade.penalty_percent, grade.submitted_at) == (1, 10, DUE + timedelta(hours=2))


def test_a_post_in_after_the_cut_off_is_not_graded(course, due_unit, make_post, student):
    assignment(due_unit, points=10, late_policy=LatePolicy.REFUSE_AFTER_CUTOFF, cutoff_date=DUE + timedelta(days=2))
    post = submitted_at(make_post, student, DUE + timedelta(days=3))
    client = member_client(course, Role.INSTRUCTOR)

    html = client.get(url(post)).content.decode()
    assert "Submitted after the cut-off date: not accepted" in html and 'name="points"' not in html

    response = client.post(url(post), {"revision": post.latest_revision_id, "points": "7"})

    assert response.status_code == 400
    assert "Submitted after the cut-off date: not accepted" in response.content.decode()
    assert not Grade.objects.exists()


def test_a_late_post_before_the_cut_off_is_graded(course, due_unit, make_post, student):
    assignment(due_unit, points=10, late_policy=LatePolicy.REFUSE_AFTER_CUTOFF, cutoff_date=DUE + timedelta(days=2))
    post = submitted_at(make_post, student, DUE + timedelta(days=1))

    response = member_client(course, Role.INSTRUCTOR).post(
        url(post), {"revision": post.latest_revision_id, "points": "7"}
    )

    assert response.status_code == 302 and Grade.objects.get(post=post).late_days == 1
