"""grading.lateness.assess: each post's lateness by its author's own due date — the unit's, moved by an extension
for them or their section — and the unit's late policy, counted from when its review began (a resubmission after
requested changes keeps the first time), in a fixed number of queries."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine

from courses.models import Role
from courses.roles import enrol
from grading.choices import LatePolicy
from grading.lateness import assess
from grading.models import Extension
from tests.factories import UserFactory
from tests.grading_helpers import assignment
from tests.review_helpers import request_changes, submit

pytestmark = pytest.mark.django_db
DUE = datetime(2027, 3, 5, 23, 59, tzinfo=UTC)


@pytest.fixture
def due_unit(unit):
    unit.due_date = DUE
    unit.save_revision().publish()
    assignment(unit, late_policy=LatePolicy.PENALTY, penalty_percent_per_day=Decimal("10"), penalty_cap_percent=30)
    return unit


def student_in(course, name, section=""):
    user = UserFactory(username=name)
    enrol(user, course, Role.STUDENT, section=section)
    return user


def submitted(make_post, author, when, title):
    post = make_post(title=title, author=author, publish=False)
    with time_machine.travel(when, tick=False):
        submit(post, author)
    return post


def test_each_post_by_its_authors_own_due_date(course, due_unit, make_post, instructor):
    on_time = submitted(make_post, student_in(course, "ana"), DUE - timedelta(hours=1), "On time")
    two_days = submitted(make_post, student_in(course, "boris"), DUE + timedelta(days=1, minutes=1), "Two days")
    extended = student_in(course, "chen")
    Extension.objects.create(unit=due_unit, student=extended, due_date=DUE + timedelta(days=3))
    in_time = submitted(make_post, extended, DUE + timedelta(days=2), "Extended")
    section = student_in(course, "dara", section="002")
    Extension.objects.create(unit=due_unit, section="002", due_date=DUE + timedelta(days=1))
    by_section = submitted(make_post, section, DUE + timedelta(days=1, hours=1), "Section")
    capped = submitted(make_post, student_in(course, "eli"), DUE + timedelta(days=6), "Very late")
    found = assess([on_time, two_days, in_time, by_section, capped])
    assert (found[on_time.pk].late_days, found[on_time.pk].penalty_percent) == (0, 0)
    assert (found[two_days.pk].late_days, found[two_days.pk].penalty_percent) == (2, 20)
    assert found[in_time.pk].due == DUE + timedelta(days=3) and not found[in_time.pk].is_late
    assert (found[by_section.pk].late_days, found[by_section.pk].penalty_percent) == (1, 10)
    assert (found[capped.pk].late_days, found[capped.pk].penalty_percent) == (6, 30)  # 60% capped


def test_a_resubmission_keeps_the_first_submission_time(course, due_unit, make_post, instructor):
    author = student_in(course, "ana")
    post = submitted(make_post, author, DUE - timedelta(days=1), "Revised")
    request_changes(post, instructor, "Add a source.")
    with time_machine.travel(DUE + timedelta(days=4), tick=False):
        post.refresh_from_db()
        post.current_workflow_state.resume(user=author)
    assert not assess([post])[post.pk].is_late


def test_refused_after_the_cutoff(course, unit, make_post):
    unit.due_date = DUE
    unit.save_revision().publish()
    assignment(unit, late_policy=LatePolicy.REFUSE_AFTER_CUTOFF, cutoff_date=DUE + timedelta(days=2))
    late = submitted(make_post, student_in(course, "ana"), DUE + timedelta(days=1), "Late")
    too_late = submitted(make_post, student_in(course, "boris"), DUE + timedelta(days=3), "Too late")
    found = assess([late, too_late])
    assert found[late.pk].is_late and not found[late.pk].refused and found[late.pk].penalty_percent == 0
    assert found[too_late.pk].refused


@pytest.mark.parametrize("size", [2, 8])
def test_queries_do_not_grow_with_the_posts(course, due_unit, make_post, size, django_assert_num_queries):
    posts = [submitted(make_post, student_in(course, f"s{n}"), DUE, f"Post {n}") for n in range(size)]
    Extension.objects.create(unit=due_unit, student=posts[0].author, due_date=DUE + timedelta(days=1))
    with django_assert_num_queries(5):
        assert len(assess(posts)) == size
