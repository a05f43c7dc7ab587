"""Releasing a unit's grades to its students, the email that tells them, and the score line they then see.

A grade is a draft, seen by the course's staff alone, until its unit's grades are released: an instructor (or a site
administrator) releases every draft grade of the unit at once from its "Grading settings" page, after a confirmation.
Grades saved after that are released at once by the grading screen, which calls `notify_released` for them.

Each student whose grade is released is emailed once, after the transaction commits, on the course's own Site. The
email says the unit's grades are out and links to their home (/me/); it never carries the score or the feedback,
since an email can be forwarded: the student reads them after logging in (grading/student_views.py).
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Sum
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin import messages

from blog.models import StudentPostPage
from courses.outbox import mail_task
from grading import rules
from grading.choices import GradeStatus
from grading.models import AssignmentSettings, Grade
from grading.signals import grades_released
from grading.unit_views import UnitViewMixin, settings_url

# --- Releasing ------------------------------------------------------------------------------------------------


def drafts_to_release(unit):
    """The unit's draft grades; none when the unit has no grading settings (it cannot have been graded)."""
    if not AssignmentSettings.objects.filter(unit=unit).exists():
        return Grade.objects.none()
    return Grade.objects.in_unit(unit).drafts()


def release_unit(unit):
    """Release every draft grade of `unit` in one transaction and email their students once it commits; returns the
    grades released (an empty list: nothing to release). Releasing again releases only the drafts left, so no
    student is emailed twice for the same grade. The settings row is locked, so two releases at once run in turn."""
    with transaction.atomic():
        unit_settings = AssignmentSettings.objects.select_for_update().filter(unit=unit).first()
        if unit_settings is None:
            return []
        grades = list(Grade.objects.in_unit(unit).drafts().select_related("post"))
        if not grades:
            return []
        now = timezone.now()
        Grade.objects.filter(pk__in=[grade.pk for grade in grades]).update(status=GradeStatus.RELEASED, updated_at=now)
        unit_settings.grades_released_at = now
        unit_settings.save(update_fields=["grades_released_at"])
        for grade in grades:
            grade.status = GradeStatus.RELEASED
        notify_released(grades)
    return grades


def notify_released(grades):
    """Email the students of `grades` that their grade is out: one email per student and unit, sent by a task once
    the current transaction commits (at once outside one). Call it for grades that have just become released (each
    with its post, or it costs a query per grade), not when a released grade is edited: that would email again.
    Grades of posts without an author email no one."""
    batches = defaultdict(list)
    for grade in grades:
        post = grade.post
        if post.author_id is not None:
            batches[(post.author_id, post.path[: -StudentPostPage.steplen])].append(grade.pk)
    for grade_ids in batches.values():
        transaction.on_commit(partial(send_release_email.enqueue, sorted(grade_ids)), robust=True)
    if grades:  # e.g. the LMS app sends their scores to the LMS (grading/signals.py)
        transaction.on_commit(partial(grades_released.send, sender=Grade, grades=list(grades)), robust=True)


def _home_url(post):
    """The student's home on the course's own Site (where they log in), as the review emails' links are."""
    site = post.get_site()
    root = site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL
    return root.rstrip("/") + reverse("member_home")


@mail_task
def send_release_email(grade_ids):
    """ "Your grade for … is released": to the posts' author only, with no score and no feedback."""
    grades = list(
        Grade.objects.released().filter(pk__in=grade_ids).select_related("post__author").order_by("post__path")
    )
    student = grades[0].post.author if grades else None
    if student is None or not student.is_active or not student.email:
        return
    post = grades[0].post
    context = {
        "student": student,
        "unit": post.get_unit(),
        "course": post.get_course(),
        "posts": [grade.post for grade in grades],
        "home_url": _home_url(post),
    }
    subject, _, body = render_to_string("grading/email/released.txt", context).strip().partition("\n\n")
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [student.email])  # one header line


# --- What the student sees of a released grade ----------------------------------------------------------------


def plain(number):
    """8.00 → "8", 7.50 → "7.5": points as people write them."""
    return format(Decimal(number).normalize(), "f")


@dataclass(frozen=True)
class ScoreLine:
    """A released grade in one line: "8 / 10", or "8 / 10, less 10% late penalty: 7.20"."""

    raw: Decimal | None
    out_of: Decimal | None
    penalty_percent: Decimal

    @property
    def final(self):
        return rules.final_score(self.raw, self.penalty_percent)

    def __str__(self):
        if self.raw is None:
            return "no score (feedback only)"
        line = plain(self.raw) + (f" / {plain(self.out_of)}" if self.out_of is not None else "")
        if self.penalty_percent:
            line += f", less {plain(self.penalty_percent)}% late penalty: {self.final}"
        return line


@dataclass(frozen=True)
class ReleasedGrade:
    post_id: int
    score: ScoreLine

    @property
    def url(self):
        return my_grade_url(self.post_id)


def my_grade_url(post_id):
    return reverse("grading:my_grade", args=[post_id])


def out_of_by_unit_path(unit_paths):
    """What each unit (by tree path) is graded out of, in one query, or three with rubrics."""
    found = (
        AssignmentSettings.objects.filter(unit__path__in=unit_paths)
        .select_related("rubric")
        .prefetch_related("rubric__criteria__levels")
        .annotate(unit_path=F("unit__path"))
    )
    return {assignment.unit_path: rules.max_points(assignment) for assignment in found}


def released_grades(post_ids):
    """{post id: ReleasedGrade} for the posts among `post_ids` whose grade is released (drafts never appear), in
    one query, or two to four when there are some, however many posts: the rubric points come added up."""
    if not post_ids:
        return {}
    grades = list(
        Grade.objects.released()
        .filter(post_id__in=post_ids)
        .annotate(rubric_points=Sum("scores__level__points"), post_path=F("post__path"))
        .only("pk", "post_id", "points", "penalty_percent")
    )
    if not grades:
        return {}
    unit_path = {grade.pk: grade.post_path[: -StudentPostPage.steplen] for grade in grades}
    out_of = out_of_by_unit_path(set(unit_path.values()))
    return {
        grade.post_id: ReleasedGrade(
            grade.post_id,
            ScoreLine(
                grade.points if grade.points is not None else grade.rubric_points,
                out_of.get(unit_path[grade.pk]),
                grade.penalty_percent,
            ),
        )
        for grade in grades
    }


# --- The release page ------------------------------------------------------------------------------------------


class ReleaseView(UnitViewMixin, TemplateView):
    """ "Release 12 grades to students?": the confirmation (GET) and the release (POST). Only those who may change
    the unit's settings release; its teaching assistants see the count on the settings page, and get a 403 here."""

    template_name = "grading/release_confirm.html"
    page_title = "Release grades"

    def get(self, request, unit_id):
        if not self.may_edit:
            return HttpResponseForbidden("Only the course's instructors release its grades.")
        return super().get(request, unit_id=unit_id)

    def get_context_data(self, **kwargs):
        released_at = AssignmentSettings.objects.filter(unit=self.unit).values_list("grades_released_at", flat=True)
        return super().get_context_data(
            unit=self.unit,
            course=self.course,
            count=drafts_to_release(self.unit).count(),
            released_at=released_at.first(),
            **kwargs,
        )

    def post(self, request, unit_id):
        released = release_unit(self.unit)
        if not released:
            messages.info(request, f"Nothing to release: “{self.unit.title}” has no draft grade.")
        else:
            grades = "1 grade" if len(released) == 1 else f"{len(released)} grades"
            messages.success(request, f"{grades} of “{self.unit.title}” released to students; each student is emailed.")
        return redirect(settings_url(self.unit))


urlpatterns = [path("units/<int:unit_id>/release/", ReleaseView.as_view(), name="release_unit")]
