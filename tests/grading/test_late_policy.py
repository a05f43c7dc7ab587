"""How late a post is counts from when it was submitted for review, in started days; what lateness costs depends on
the unit's late policy: nothing but a flag, a penalty per day up to a cap, or refusal after a cut-off date."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine

from grading import rules
from grading.models import LatePolicy
from tests.factories import member
from tests.grading_helpers import *  # noqa: F403 (the due_unit fixture)
from tests.grading_helpers import DUE, assignment
from tests.review_helpers import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def student(course):
    return member("Students", course=course, username="mhale", first_name="Maya", last_name="Hale")


@pytest.fixture
def lateness(due_unit, make_draft, student):
    """lateness(at, policy): a new post of the student's submitted at `at`, as (days late, penalty, refused)."""

    def measure(at, policy):
        post = make_draft(author=student)
        with time_machine.travel(at, tick=False):
            submitted_at = submit(post, student).created_at
        due = rules.due_for(due_unit, student)
        days = rules.late_days(submitted_at, due)
        return days, rules.penalty_percent(policy, days), rules.is_refused(policy, submitted_at, due)

    return measure


def test_a_post_submitted_by_the_due_date_is_on_time(due_unit, lateness):
    policy = assignment(due_unit, late_policy=LatePolicy.PENALTY, penalty_percent_per_day=Decimal("10"))

    assert lateness(DUE - timedelta(hours=3), policy) == (0, 0, False)
    assert lateness(DUE, policy) == (0, 0, False)


def test_a_minute_late_is_a_day_late_and_each_started_day_counts(due_unit, lateness):
    policy = assignment(due_unit)

    assert lateness(DUE + timedelta(minutes=1), policy)[0] == 1
    assert lateness(DUE + timedelta(days=1), policy)[0] == 1
    assert lateness(DUE + timedelta(days=1, minutes=1), policy)[0] == 2


def test_a_penalty_per_day_stops_at_its_cap(due_unit, lateness):
    policy = assignment(
        due_unit, late_policy=LatePolicy.PENALTY, penalty_percent_per_day=Decimal("10"), penalty_cap_percent=25
    )

    assert lateness(DUE + timedelta(hours=2), policy) == (1, 10, False)
    assert lateness(DUE + timedelta(days=1, hours=2), policy) == (2, 20, False)
    assert lateness(DUE + timedelta(days=9), policy) == (9, 25, False)
    assert rules.final_score(Decimal("8"), Decimal("25")) == Decimal("6.00")
    assert rules.final_score(Decimal("7.5"), Decimal("15")) == Decimal("6.38")  # 6.375, rounded half up


def test_accepted_and_flagged_costs_nothing(due_unit, lateness):
    policy = assignment(due_unit, late_policy=LatePolicy.ACCEPT_FLAG, penalty_percent_per_day=Decimal("10"))

    assert lateness(DUE + timedelta(days=3), policy) == (3, 0, False)


def test_not_accepted_after_the_cut_off_date(due_unit, lateness):
    cutoff = DUE + timedelta(days=2)
    policy = assignment(due_unit, late_policy=LatePolicy.REFUSE_AFTER_CUTOFF, cutoff_date=cutoff)

    assert lateness(DUE + timedelta(days=1), policy) == (1, 0, False)  # late, flagged, accepted
    assert lateness(cutoff, policy) == (2, 0, False)
    assert lateness(cutoff + timedelta(minutes=1), policy) == (3, 0, True)


def test_no_due_date_means_never_late(unit, make_draft, student):
    post = make_draft(author=student)
    submitted_at = submit(post, student).created_at

    assert rules.due_for(unit, student) is None
    assert rules.late_days(submitted_at, None) == 0
    assert rules.final_score(None, Decimal("10")) is None
