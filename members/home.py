"""What a member's home (/me/) shows: their courses, current first, with each unit, its due date, the way to write
for it and the state of their own posts there, with the grade of each once it is released (never a draft's); the
replies to their comments and their comments still held.

Read in a fixed number of queries however many courses, units, posts and comments there are.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django_comments_xtd.models import XtdComment
from wagtail.models import Page, WorkflowState

from blog.models import CourseUnitPage, StudentPostPage
from courses.models import Enrolment, Role
from editorial.review_notes import ReviewNote, requested_changes
from grading.models import Extension
from grading.release import ReleasedGrade, released_grades
from grading.rules import due_for

REPLIES_SHOWN = 10


class State:
    DRAFT = "draft"
    SUBMITTED = "submitted"
    CHANGES = "changes"
    PUBLISHED = "published"


LABELS = {
    State.DRAFT: "Draft",
    State.SUBMITTED: "Submitted for review",
    State.CHANGES: "Changes requested",
    State.PUBLISHED: "Published",
}


@dataclass
class PostRow:
    post: StudentPostPage
    state: str
    late: bool = False
    note: ReviewNote | None = None
    submitted_at: datetime | None = None
    grade: ReleasedGrade | None = None  # only a released grade: a draft is never shown nor hinted at

    @property
    def label(self):
        return LABELS[self.state]

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.post.pk])


@dataclass
class UnitRow:
    unit: CourseUnitPage
    write_url: str | None
    posts: list[PostRow] = field(default_factory=list)
    overdue: bool = False  # due, passed, and nothing of theirs submitted or published
    due: datetime | None = None  # a student's own due date: the unit's, or an extension's

    @property
    def due_date(self):
        return self.due or self.unit.due_date

    @property
    def extended(self):
        return self.due is not None and self.unit.due_date is not None and self.due != self.unit.due_date


@dataclass
class CourseRow:
    course: object
    role: str
    current: bool
    section: str = ""
    units: list[UnitRow] = field(default_factory=list)

    @property
    def role_label(self):
        return Role(self.role).label


def member_courses(user):
    """Their courses: those open to them (an active enrolment in a course not archived), terms still running
    first, then courses whose term has ended but which still take posts; then, apart, the archived courses they
    took part in (the enrolment archiving ended)."""
    enrolments = (
        Enrolment.objects.filter(user=user, course__live=True)
        .filter(Q(active=True) | Q(ended_by_archive=True))
        .select_related("course")
        .order_by("course__path")
    )
    rows = [
        CourseRow(e.course, e.role, current=e.active and not e.course.is_archived, section=e.section)
        for e in enrolments
        if e.active or e.course.is_archived
    ]
    return sorted(rows, key=lambda row: (not row.current, row.course.term_has_ended))  # stable: tree order


def within(courses):
    paths = Q(pk__in=[])
    for row in courses:
        paths |= Q(path__startswith=row.course.path)
    return paths


def post_rows(user, courses, now):
    """Their posts in these courses, by the path of their unit, each with its state, late mark, review note and
    released grade."""
    posts = list(
        StudentPostPage.objects.filter(within(courses), author=user)
        .order_by("-latest_revision_created_at", "-pk")
        .defer_streamfields()
    )
    states = {
        int(state.object_id): state
        for state in WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(post.pk) for post in posts],
            status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
        )
    }
    notes = requested_changes([post.pk for post in posts]) if posts else {}
    grades = released_grades([post.pk for post in posts])
    rows = {}
    for post in posts:
        state = states.get(post.pk)
        if post.pk in notes:
            row = PostRow(post, State.CHANGES, note=notes[post.pk])
        elif state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
            row = PostRow(post, State.SUBMITTED, submitted_at=state.created_at)
        elif post.live:
            row = PostRow(post, State.PUBLISHED, submitted_at=post.first_published_at)
        else:
            row = PostRow(post, State.DRAFT)
        if state is not None and row.submitted_at is None:
            row.submitted_at = state.created_at
        row.grade = grades.get(post.pk)
        rows.setdefault(post.path[: -StudentPostPage.steplen], []).append(row)
    return rows


def mark_lateness(unit_row, now, due):
    """Late marks by the student's own due date `due` (the unit's, or their extension's: grading.rules.due_for)."""
    unit_row.due = due
    if due is None:
        return
    for row in unit_row.posts:
        row.late = row.submitted_at is not None and row.submitted_at > due
    handed_in = any(row.state in (State.SUBMITTED, State.PUBLISHED) or row.submitted_at for row in unit_row.posts)
    unit_row.overdue = due < now and not handed_in


def courses_with_units(user, now):
    courses = member_courses(user)
    if not courses:
        return courses
    units = CourseUnitPage.objects.filter(within(courses)).live().order_by("path").defer_streamfields()
    posts = post_rows(user, courses, now)
    sections = {row.section for row in courses if row.section}
    extensions = list(
        Extension.objects.filter(Q(student=user) | Q(student__isnull=True, section__in=sections), unit__in=units)
    )
    by_course = {row.course.path: row for row in courses}
    for unit in units:
        course_row = by_course.get(unit.path[: -CourseUnitPage.steplen])
        if course_row is None:
            continue
        writes = course_row.current and course_row.role == Role.STUDENT
        write_url = reverse("wagtailadmin_pages:add", args=("blog", "studentpostpage", unit.pk)) if writes else None
        unit_row = UnitRow(unit, write_url, posts.get(unit.path, []))
        if course_row.role == Role.STUDENT:
            mark_lateness(unit_row, now, due_for(unit, user, course_row.section, extensions=extensions))
        course_row.units.append(unit_row)
    return courses


def replies_to(user):
    """The latest public replies by others to this member's comments, each with the post it is on."""
    replies = list(
        XtdComment.objects.filter(
            parent_id__in=XtdComment.objects.filter(user=user).values("pk"), is_public=True, is_removed=False
        )
        .exclude(user=user)
        .exclude(parent_id__isnull=True)
        .select_related("user")
        .order_by("-submit_date")[:REPLIES_SHOWN]
    )
    return with_posts(replies)


def held_comments(user):
    """Their comments awaiting moderation (not removed ones: a removed comment was refused)."""
    return with_posts(list(XtdComment.objects.filter(user=user, is_public=False, is_removed=False).order_by("-pk")))


def with_posts(comments):
    """Each comment with `.post` (the StudentPostPage it is on, or None), in one query."""
    ids = {int(c.object_pk) for c in comments if c.object_pk.isdigit()}
    posts = StudentPostPage.objects.in_bulk(ids) if ids else {}
    for comment in comments:
        comment.post = posts.get(int(comment.object_pk)) if comment.object_pk.isdigit() else None
    return comments
