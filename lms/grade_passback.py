"""Assignment and Grade Services: a released grade's score goes to the LMS's gradebook. Each unit is one line item,
found by its resourceId (the unit's id) in the LMS course's line items or created there (labelled with the unit's
title, out of the unit's maximum); each student's score is posted to it: the final score out of the unit's maximum,
Completed and FullyGraded, with a comment linking to the student's grade page on Seminar, never the feedback.

grading must not import lms: it sends grading.signals.grades_released once a release commits (a unit's release, or
a grade saved after it), and lms.apps connects `queue_scores` to it. Only courses linked to an LMS course whose
launches granted the line item and score scopes send anything. Each score is a ScoreSubmission sent by a task.

Retries: django-tasks 0.12 does not retry a failed task, so `send_score` does. A failure (an HTTP error, no answer)
is recorded on the submission (attempts, last_error) and, on a task backend that can defer (the database worker),
tried again after RETRY_DELAYS; after the last one it waits for a person. The gradebook lists the scores not sent
(`gradebook_notice`, registered in wagtail_hooks) with a "Retry now" button (lms.admin_views)."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from lti_tool.models import LtiContext, LtiUser
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.grade import Grade as LtiScore
from pylti1p3.lineitem import LineItem

from blog.models import CourseUnitPage, StudentPostPage
from grading import rules
from grading.choices import GradeStatus
from grading.models import AssignmentSettings
from lms.models import ScoreSubmission
from lms.services import SERVICE_ERRORS, connector, describe

SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
LINEITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
LINEITEM_READONLY = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly"
RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=10), timedelta(hours=1), timedelta(hours=6)]


class NotSendable(Exception):
    """A score that cannot be sent as things are (e.g. the student never opened Seminar from the LMS)."""


def scoring_contexts(course):
    """The LMS courses linked to `course` whose launches granted Seminar their line items and scores."""
    return list(
        LtiContext.objects.filter(
            seminar_link__course=course, can_publish_scores=True, can_manage_lineitems=True
        ).exclude(lineitems_url="")
    )


def queue_scores(sender, grades, **kwargs):
    """grades_released's receiver: a submission per grade and scoring LMS course, each sent by a task."""
    by_unit = defaultdict(list)
    for grade in grades:
        by_unit[grade.post.path[: -StudentPostPage.steplen]].append(grade)
    for unit_path, unit_grades in by_unit.items():
        unit = CourseUnitPage.objects.filter(path=unit_path).first()
        contexts = scoring_contexts(unit.get_course()) if unit is not None else []
        for context in contexts:
            for grade in unit_grades:
                submission, _ = ScoreSubmission.objects.update_or_create(
                    grade=grade,
                    context=context,
                    defaults={"status": ScoreSubmission.Status.PENDING, "attempts": 0, "next_attempt_at": None},
                )
                send_score.enqueue(submission.pk)


def grade_page_url(post):
    """The student's grade page on the course's own Site, where they log in."""
    site = post.get_site()
    root = site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL
    return root.rstrip("/") + reverse("grading:my_grade", args=[post.pk])


def lms_user_id(context, student):
    sub = (
        LtiUser.objects.filter(registration=context.deployment.registration_id, auth_user=student)
        .order_by("pk")
        .values_list("sub", flat=True)
        .first()
    )
    if student is None or sub is None:
        raise NotSendable("the student has no account in this LMS (sync the roster, then retry)")
    return sub


def score_of(submission):
    """The LMS score of a submission's grade (PyLTI1p3's Grade) and the unit's line item to post it to."""
    grade, post = submission.grade, submission.grade.post
    unit = CourseUnitPage.objects.get(path=post.path[: -StudentPostPage.steplen])
    out_of = rules.max_points(AssignmentSettings.objects.filter(unit=unit).select_related("rubric").first())
    final = grade.final_score
    if out_of is None or final is None:
        raise NotSendable("the grade has no score out of a maximum (feedback only)")
    score = (
        LtiScore()
        .set_score_given(float(final))
        .set_score_maximum(float(out_of))
        .set_activity_progress("Completed")
        .set_grading_progress("FullyGraded")
        .set_timestamp(timezone.now().isoformat())
        .set_user_id(lms_user_id(submission.context, post.author))
        .set_comment(f"Feedback on Seminar: {grade_page_url(post)}")
    )
    line_item = (
        LineItem()
        .set_label(unit.title[:255])
        .set_score_maximum(float(out_of))
        .set_resource_id(str(unit.pk))
        .set_tag(str(unit.pk))
    )
    return score, line_item


def post_score(submission):
    context = submission.context
    scopes = [SCORE, LINEITEM, LINEITEM_READONLY]
    service = AssignmentsGradesService(connector(context), {"scope": scopes, "lineitems": context.lineitems_url})
    score, line_item = score_of(submission)
    service.put_grade(score, service.find_or_create_lineitem(line_item, find_by="resource_id"))


@task()
def send_score(submission_id):
    """Send one score; on failure record it and, while retries are left, try again later."""
    submission = (
        ScoreSubmission.objects.filter(pk=submission_id, grade__status=GradeStatus.RELEASED)
        .select_related("grade__post", "context__deployment")
        .first()
    )
    if submission is None or submission.status == ScoreSubmission.Status.SENT:
        return
    try:
        post_score(submission)
    except NotSendable as error:
        failed(submission, str(error), retry=False)
    except SERVICE_ERRORS as error:
        failed(submission, describe(error), retry=True)
    else:
        ScoreSubmission.objects.filter(pk=submission.pk).update(
            status=ScoreSubmission.Status.SENT,
            sent_at=timezone.now(),
            last_error="",
            next_attempt_at=None,
            attempts=F("attempts") + 1,
        )


def failed(submission, error, retry):
    attempts = submission.attempts + 1
    deferrable = retry and attempts <= len(RETRY_DELAYS) and send_score.get_backend().supports_defer
    again = timezone.now() + RETRY_DELAYS[attempts - 1] if deferrable else None
    ScoreSubmission.objects.filter(pk=submission.pk).update(
        status=ScoreSubmission.Status.FAILED, attempts=attempts, last_error=error[:500], next_attempt_at=again
    )
    if again is not None:  # (the immediate backend of tests and development cannot defer: a person retries)
        send_score.using(run_after=again).enqueue(submission.pk)


def unsent(course):
    """The course's scores the LMS has not taken, with their students."""
    return list(
        ScoreSubmission.objects.filter(
            context__seminar_link__course=course, status=ScoreSubmission.Status.FAILED
        ).select_related("grade__post__author")
    )


def retry(course):
    """Send the course's failed scores again now; returns how many."""
    failed_ones = list(
        ScoreSubmission.objects.filter(context__seminar_link__course=course, status=ScoreSubmission.Status.FAILED)
    )
    for submission in failed_ones:
        ScoreSubmission.objects.filter(pk=submission.pk).update(
            status=ScoreSubmission.Status.PENDING, next_attempt_at=None
        )
        transaction.on_commit(lambda pk=submission.pk: send_score.enqueue(pk), robust=True)
    return len(failed_ones)
