"""How late each of some posts is, by its author's own due date (with any extension for them or their section) and
its unit's late policy: what the grading screen, the gradebook and the desk show, in a fixed number of queries.

A post's submission time is when its current (or last) review began: Wagtail keeps that time when a student
resubmits after changes were requested, so a post first handed in on time stays on time. A post never submitted
for review (published by staff) counts from its first publication.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, WorkflowState

from blog.models import CourseUnitPage
from courses.models import Enrolment
from grading import rules
from grading.models import AssignmentSettings, Extension


@dataclass(frozen=True)
class Lateness:
    due: datetime | None
    submitted_at: datetime | None
    late_days: int
    penalty_percent: Decimal
    refused: bool

    @property
    def is_late(self):
        return self.late_days > 0


def submission_times(posts):
    """{post id: when its latest review began, else its first publication}: one query."""
    first = {}
    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page), object_id__in=[str(post.pk) for post in posts]
    ).order_by("created_at")
    for object_id, created_at in states.values_list("object_id", "created_at"):
        first[int(object_id)] = created_at  # the latest wins
    return {post.pk: first.get(post.pk, post.first_published_at) for post in posts}


def assess(posts):
    """{post id: Lateness} for `posts` (StudentPostPages), in five queries whatever their number."""
    posts = list(posts)
    if not posts:
        return {}
    unit_paths = {post.path[: -CourseUnitPage.steplen] for post in posts}
    units = {unit.path: unit for unit in CourseUnitPage.objects.filter(path__in=unit_paths).defer_streamfields()}
    settings = {
        each.unit_id: each
        for each in AssignmentSettings.objects.filter(unit__in=units.values()).select_related("unit", "rubric")
    }
    extensions = list(Extension.objects.filter(unit__in=units.values()))
    enrolments = Enrolment.objects.filter(
        Q(user__in={post.author_id for post in posts if post.author_id}),
        course__path__in={path[: -CourseUnitPage.steplen] for path in unit_paths},
    )
    sections = {
        (user, path): section for user, path, section in enrolments.values_list("user", "course__path", "section")
    }
    times = submission_times(posts)
    found = {}
    for post in posts:
        unit = units.get(post.path[: -CourseUnitPage.steplen])
        course_path = post.path[: -2 * CourseUnitPage.steplen]
        if unit is None:
            continue
        unit_settings = settings.get(unit.pk)
        author = post.author_id and _Author(post.author_id)
        due = rules.due_for(unit, author, sections.get((post.author_id, course_path), ""), extensions=extensions)
        submitted_at = times[post.pk]
        days = rules.late_days(submitted_at, due)
        found[post.pk] = Lateness(
            due=due,
            submitted_at=submitted_at,
            late_days=days,
            penalty_percent=rules.penalty_percent(unit_settings, days),
            refused=rules.is_refused(unit_settings, submitted_at, due),
        )
    return found


@dataclass(frozen=True)
class _Author:
    """Just the id rules.due_for compares extensions with, so no user is fetched."""

    pk: int
