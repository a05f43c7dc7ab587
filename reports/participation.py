"""What the participation report counts, as one annotated query over one course's students.

The rows are the course's student enrolments, ended ones included (one row per member), each with the section of
that enrolment. Every count is limited to the course: its student posts and the comments on them, so a member
enrolled in two courses shows only this course's work here.

Every column is a correlated subquery on the student row (a COUNT or a MAX without GROUP BY), so the report reads
any number of students in the same number of queries. A `Scope` narrows every count to an activity period and to
one unit; it never hides a student, so a student with nothing in the period shows zeros.

The rules, which the report's column help repeats:

- Posts submitted: distinct posts by the student that they sent to review (a workflow they started on it, in the
  period), plus posts published without any review request from them (an instructor published them directly),
  counted at their first publication. A post resubmitted three times counts once.
- Posts published: the student's live posts, dated by their first publication.
- Comments written: the student's approved comments (public, not removed), on the course's student posts.
- Replies received: approved comments by anyone else (classmates, instructors, guests) on the student's posts.
- Last activity: the latest of their submissions, first publications and comments written.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    CharField,
    DateTimeField,
    Exists,
    F,
    FilteredRelation,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Greatest, NullIf
from wagtail.models import Page, WorkflowState

from blog.models import CourseUnitPage, StudentPostPage
from blog.models.posts import approved_comments
from courses.models import Role
from home.models import HomePage

# Stands in for "no activity" inside GREATEST, which returns NULL on SQLite as soon as one argument is NULL.
NEVER = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Scope:
    """Activity in `course`, from `start` to `end` (aware datetimes, both included; either may be open), in `unit`
    only (a unit of the course)."""

    course: HomePage
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    unit: CourseUnitPage | None = None

    def period(self, field):
        """A Q keeping rows whose `field` (a datetime) falls within the scope's period."""
        q = Q()
        if self.start:
            q &= Q(**{f"{field}__gte": self.start})
        if self.end:
            q &= Q(**{f"{field}__lte": self.end})
        return q

    def posts(self):
        """The course's student posts, in the scope's unit only when there is one."""
        posts = StudentPostPage.objects.descendant_of(self.course)
        return posts.child_of(self.unit) if self.unit else posts


def students(course):
    """The members with a student enrolment in `course`, ended or not, whatever their account's state; each with
    that enrolment's `section` and `enrolled` (False once they left the course)."""
    enrolment = FilteredRelation("enrolments", condition=Q(enrolments__course=course, enrolments__role=Role.STUDENT))
    return (
        get_user_model()
        .objects.annotate(enrolment=enrolment)
        .filter(enrolment__isnull=False)
        .annotate(section=F("enrolment__section"), enrolled=F("enrolment__active"))
    )


def _aggregate(queryset, function, field, output_field):
    """A scalar subquery: `function(field)` over `queryset`, one value per outer row (COUNT gives 0, MAX NULL)."""
    value = queryset.order_by().annotate(value=Func(field, function=function, output_field=output_field))
    return Subquery(value.values("value")[:1], output_field=output_field)


def _count(queryset):
    return _aggregate(queryset, "COUNT", "pk", IntegerField())


def _latest(queryset, field):
    return _aggregate(queryset, "MAX", field, DateTimeField())


def _pk_text(posts):
    """Post ids as text, to match a comment's `object_pk` or a workflow state's `object_id`."""
    return posts.annotate(pk_text=Cast("pk", CharField())).values("pk_text")


def _review_requests(post, author):
    """Workflow states started on the page `post` by `author` (expressions, usually outer references)."""
    return WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(post, CharField()),
        requested_by=author,
    )


# In the subqueries below, OuterRef("pk") is the row one level out and OuterRef(OuterRef("pk")) two levels out.


def _submissions(scope):
    """The outer student's review requests on their own posts in the scope (any outcome, cancelled included)."""
    own_posts = scope.posts().filter(author=OuterRef(OuterRef("pk")))
    return WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=_pk_text(own_posts),
        requested_by=OuterRef("pk"),
    ).filter(scope.period("created_at"))


def annotate_participation(users, scope):
    """`users` with the report's columns: posts_submitted, posts_published, comments_written, replies_received and
    last_activity, each within `scope` (its course always)."""
    student = OuterRef("pk")
    own_posts = scope.posts().filter(author=student)

    # Correlated on each post: its own pk and its author.
    requests = _review_requests(OuterRef("pk"), OuterRef("author_id"))
    requested_in_period = Exists(requests.filter(scope.period("created_at")))
    published_directly = Q(first_published_at__isnull=False) & scope.period("first_published_at") & ~Exists(requests)
    submitted = own_posts.filter(Q(requested_in_period) | published_directly)

    published = own_posts.filter(live=True).filter(scope.period("first_published_at"))

    written = (
        approved_comments()
        .filter(user_id=student, object_pk__in=_pk_text(scope.posts()))
        .filter(scope.period("submit_date"))
    )

    posts_of_student = scope.posts().filter(author=OuterRef(OuterRef("pk")))
    received = (
        approved_comments()
        .filter(object_pk__in=_pk_text(posts_of_student))
        .filter(Q(user__isnull=True) | ~Q(user_id=student))
        .filter(scope.period("submit_date"))
    )

    latest = [
        _latest(_submissions(scope), "created_at"),
        _latest(published, "first_published_at"),
        _latest(written, "submit_date"),
    ]
    never = Value(NEVER, output_field=DateTimeField())
    last_activity = NullIf(Greatest(*(Coalesce(value, never) for value in latest)), never)

    return users.annotate(
        posts_submitted=_count(submitted),
        posts_published=_count(published),
        comments_written=_count(written),
        replies_received=_count(received),
        last_activity=last_activity,
    )


def participation(scope):
    """Every student of the scope's course, with the report's columns."""
    return annotate_participation(students(scope.course), scope)
