"""The instructor's desk on the admin dashboard: for each current course the user staffs, what waits on them.

One section per course (title and term): the posts awaiting review (late or on time against the unit's due date,
and whether the student resubmitted after changes were requested), the held and the reported comments, the units
due this week with the students who have handed nothing in there yet, and a line of participation.

Everything is read for all the user's courses at once, in a fixed number of queries however many posts, comments
and students there are: each list is one query grouped by course in Python, and the counts are subqueries on the
course rows (or window counts on the comment rows).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Exists, F, Func, IntegerField, OuterRef, Q, Subquery, Window
from django.db.models.functions import Cast, Length, RowNumber, Substr
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

from blog.models import CourseUnitPage, StudentPostPage, public_name
from blog.models.posts import approved_comments
from courses.choice import courses_for
from courses.models import STAFF_ROLES, Enrolment, Role
from courses.roles import is_site_admin
from discussion.states import in_state, post_comments
from editorial.review_views import in_review

REVIEWS_SHOWN = 10
COMMENTS_SHOWN = 3
DUE_WINDOW = timedelta(days=7)
# A post sits two levels below its course (course → unit → post); a comment knows its post by a text key only.
POST_DEPTH_BELOW_COURSE = 2
# The desk's words for the moderation queue's states (discussion.states: "held", "flagged").
COMMENT_LABELS = {"held": "Awaiting moderation", "flagged": "Reported by readers"}


def current(courses, user=None):
    """Courses not archived: an ended term still has posts to review and grade until its course is archived. A
    site administrator's desk, which could list every course of the department, leaves out those whose term has
    ended (the catalogue's past terms) unless they staff them."""
    courses = courses.filter(archived_at__isnull=True)
    if user is None or not is_site_admin(user):
        return courses
    running = Q(term_ends__isnull=True) | Q(term_ends__gte=timezone.localdate())
    return courses.filter(running | Q(pk__in=Enrolment.objects.active().staff().filter(user=user).values("course")))


def within(courses):
    """A Q on pages: those inside one of `courses`."""
    inside = Q(pk__in=[])
    for course in courses:
        inside |= Q(path__startswith=course.path)
    return inside


def ancestor_path(path, levels):
    """The path of the page `levels` levels above a page, from that page's path (an expression)."""
    return Substr(path, 1, Length(path) - levels * Page.steplen)


def member_name(user):
    return (user.get_full_name() or public_name(user)) if user else "—"


def _count(queryset):
    """A scalar subquery counting `queryset`'s rows for each outer row: a plain COUNT, not an aggregate, so that
    nothing is grouped (as reports.participation counts)."""
    counted = queryset.order_by().annotate(total=Func("pk", function="COUNT", output_field=IntegerField()))
    return Subquery(counted.values("total")[:1], output_field=IntegerField())


def _pk_text(posts):
    return posts.annotate(pk_text=Cast("pk", CharField())).values("pk_text")


def staffed_courses(user):
    """The current courses `user` staffs (every current course for a site administrator), by title, each with
    its participation line's numbers: active students, published posts and approved comments on them."""
    posts_inside = StudentPostPage.objects.filter(path__startswith=OuterRef("path"))
    posts_inside_outer = StudentPostPage.objects.filter(path__startswith=OuterRef(OuterRef("path")))
    return current(courses_for(user, STAFF_ROLES), user).annotate(
        student_count=_count(Enrolment.objects.active().filter(course=OuterRef("pk"), role=Role.STUDENT)),
        published_count=_count(posts_inside.live()),
        comment_count=_count(approved_comments().filter(object_pk__in=_pk_text(posts_inside_outer))),
    )


# --- What a section shows ---------------------------------------------------------------------------------


@dataclass
class ReviewRow:
    post: StudentPostPage
    unit_title: str
    submitted_at: object
    late: bool
    resubmitted: bool

    @property
    def student(self):
        return member_name(self.post.author)

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.post.pk])


@dataclass
class Comments:
    """One moderation state's comments in a course: how many, and the newest few."""

    state: str  # "held" or "flagged", as the moderation queue's ?state= names them
    count: int = 0
    latest: list = field(default_factory=list)

    @property
    def label(self):
        return COMMENT_LABELS[self.state]

    @property
    def queue_url(self):
        return f"{reverse('comment_moderation:index')}?state={self.state}"

    def link(self, comment):
        """The comment in the queue, among its post's comments of this state."""
        return f"{self.queue_url}&post={comment.object_pk}#comment-{comment.pk}"

    @property
    def rows(self):
        return [(comment, self.link(comment)) for comment in self.latest]


@dataclass
class DueUnit:
    unit: CourseUnitPage
    is_past: bool
    missing: list = field(default_factory=list)  # names of the active students with nothing handed in there


@dataclass
class CourseDesk:
    course: object
    reviews: list = field(default_factory=list)
    held: Comments = field(default_factory=lambda: Comments("held"))
    flagged: Comments = field(default_factory=lambda: Comments("flagged"))
    due: list = field(default_factory=list)

    @property
    def review_count(self):
        return len(self.reviews)

    @property
    def reviews_shown(self):
        return self.reviews[:REVIEWS_SHOWN]

    @property
    def reviews_left(self):
        return max(0, len(self.reviews) - REVIEWS_SHOWN)

    @property
    def participation_url(self):
        return f"{reverse('participation_report')}?course={self.course.pk}"


# --- Reading them: one query per kind, for every course at once ----------------------------------------------


def review_rows(courses):
    """{course path: [ReviewRow]}: the posts in review in `courses`, oldest submission first. Resubmitted: a
    reviewer requested changes on the post before (in this workflow, resumed, or an earlier one the student
    restarted), as the review emails say."""
    rejected = TaskState.objects.filter(
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        workflow_state__object_id=Cast(OuterRef("pk"), CharField()),
        status=TaskState.STATUS_REJECTED,
    )
    unit_title = CourseUnitPage.objects.filter(path=OuterRef("unit_path")).values("title")[:1]
    posts = (
        in_review()
        .filter(within(courses))
        .annotate(resubmitted=Exists(rejected), unit_title=Subquery(unit_title))
        .defer_streamfields()
    )
    rows = {}
    for post in posts:
        row = ReviewRow(post, post.unit_title or "", post.submitted_at, post.is_late, post.resubmitted)
        rows.setdefault(post.path[: -POST_DEPTH_BELOW_COURSE * Page.steplen], []).append(row)
    return rows


def comment_lists(state, courses):
    """{course path: Comments}: the comments of one moderation state ("held" or "flagged", as the queue counts
    them) on the posts of `courses`, the newest few of each course with the count of all, in one query."""
    posts = StudentPostPage.objects.filter(within(courses))
    post = StudentPostPage.objects.filter(pk=Cast(OuterRef("object_pk"), IntegerField()))
    course_path = ancestor_path(Subquery(post.values("path")[:1]), POST_DEPTH_BELOW_COURSE)
    by_course = {"partition_by": [F("course_path")]}
    comments = (
        in_state(state, post_comments().filter(object_pk__in=_pk_text(posts)))
        .annotate(
            course_path=course_path,
            post_title=Subquery(post.values("title")[:1]),
            in_course=Window(Count("pk"), **by_course),
            rank=Window(RowNumber(), order_by=[F("submit_date").desc(), F("pk").desc()], **by_course),
        )
        .filter(rank__lte=COMMENTS_SHOWN)
        .order_by("course_path", "rank")
    )
    lists = {}
    for comment in comments:
        lists.setdefault(comment.course_path, Comments(state, comment.in_course)).latest.append(comment)
    return lists


def due_units(courses, now):
    """{course path: [DueUnit]}: the live units of `courses` due within a week either side of `now`, soonest
    first, each with the course's active students who have neither submitted nor published a post there."""
    units = list(
        CourseUnitPage.objects.filter(within(courses))
        .live()
        .filter(due_date__gte=now - DUE_WINDOW, due_date__lte=now + DUE_WINDOW)
        .order_by("due_date", "path")
        .defer_streamfields()
    )
    if not units:
        return {}
    students = (
        Enrolment.objects.active()
        .filter(course__in=[course.pk for course in courses], role=Role.STUDENT)
        .select_related("user", "course")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    by_course = {}
    for enrolment in students:
        by_course.setdefault(enrolment.course.path, []).append(enrolment.user)
    handed_in = set(
        StudentPostPage.objects.filter(within(units))
        .filter(Q(live=True) | Q(first_published_at__isnull=False) | Exists(_review_requests()))
        .annotate(unit_path=ancestor_path(F("path"), 1))
        .values_list("unit_path", "author_id")
    )
    rows = {}
    for unit in units:
        course_path = unit.path[: -Page.steplen]
        missing = [
            member_name(user) for user in by_course.get(course_path, []) if (unit.path, user.pk) not in handed_in
        ]
        rows.setdefault(course_path, []).append(DueUnit(unit, unit.due_date < now, missing))
    return rows


def _review_requests():
    """The outer post's review requests, any but those withdrawn (cancelled)."""
    return WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), CharField()),
    ).exclude(status=WorkflowState.STATUS_CANCELLED)


def course_desks(user, now=None):
    """A CourseDesk for each current course `user` staffs, by title."""
    now = now or timezone.now()
    courses = list(staffed_courses(user))
    if not courses:
        return []
    reviews = review_rows(courses)
    held, flagged = comment_lists("held", courses), comment_lists("flagged", courses)
    due = due_units(courses, now)
    return [
        CourseDesk(
            course,
            reviews=reviews.get(course.path, []),
            held=held.get(course.path, Comments("held")),
            flagged=flagged.get(course.path, Comments("flagged")),
            due=due.get(course.path, []),
        )
        for course in courses
    ]


class InstructorDesk(Component):
    """The desk on the dashboard, above Wagtail's own panels; nothing when the user staffs no current course."""

    name = "instructor_desk"
    template_name = "members/desk.html"
    order = 40  # above the pending comments (50) and Wagtail's workflow panels (210, 220)

    def get_context_data(self, parent_context):
        return {
            "desks": course_desks(parent_context["request"].user),
            "review_list_url": reverse("review_list"),
        }

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        return get_template(self.template_name).render(context) if context["desks"] else ""
