"""Grades go to the LMS's gradebook: when an instructor releases a unit's grades, each student's final score is
posted to the LMS course's line item for that unit (created once, then reused), out of the unit's maximum, with a
link to the student's grade page on Seminar and never the feedback itself. A score the LMS refuses is listed on the
gradebook ("1 score could not be sent to the LMS: …") until "Retry now" sends it. A course without an LMS link,
or whose LMS did not grant the gradebook, sends nothing."""

import json
from decimal import Decimal

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks import default_task_backend
from lti_tool.models import LtiContext

from grading.models import Grade
from grading.release import notify_released, release_unit
from home.models import HomePage
from lms.grade_passback import RETRY_DELAYS, send_score
from lms.models import ScoreSubmission
from tests.factories import CourseUnitPageFactory, StudentPostPageFactory, UserFactory
from tests.grading_helpers import assignment, make_grade
from tests.lti_services import FakeServices

pytestmark = pytest.mark.django_db

FEEDBACK = "<p>Cite <i>Pravda</i> itself, not the textbook.</p>"


@pytest.fixture
def services(lti_platform):
    services = FakeServices.start(lti_platform)
    yield services
    services.stop()


def launch(platform, services, sub, roles, given_name="Ada", **claims):
    client = Client()
    response = platform.launch(client, sub=sub, roles=roles, given_name=given_name, **services.claims(**claims))
    assert response.status_code == 302
    return client


@pytest.fixture
def instructor(lti_platform, services):
    return launch(lti_platform, services, "teacher-1", ["Instructor"], given_name="Anne")


@pytest.fixture
def lms_course(instructor):
    return HomePage.objects.get(title="Soviet History (LMS)")


def student_of(platform, services, sub, name):
    client = launch(platform, services, sub, ["Learner"], given_name=name)
    return UserFactory._meta.model.objects.get(pk=client.session["_auth_user_id"])


def graded_unit(course, title, students, points="8", **fields):
    """A unit out of 10 with a draft grade of each student's post."""
    unit = CourseUnitPageFactory(parent=course, title=title)
    assignment(unit, points=10)
    for student in students:
        post = StudentPostPageFactory(parent=unit, author=student, title=f"{student.first_name} on {title}")
        make_grade(post, points=Decimal(points), feedback=FEEDBACK, **fields)
    return unit


def released(unit, capture):
    with capture(execute=True):
        return release_unit(unit)


@pytest.fixture
def students(lti_platform, services, lms_course):
    return [student_of(lti_platform, services, "s-1", "Kim"), student_of(lti_platform, services, "s-2", "Lena")]


def test_release_sends_each_students_score_to_the_units_line_item(
    lms_course, students, services, django_capture_on_commit_callbacks
):
    unit = graded_unit(lms_course, "The Thaw", students, penalty_percent=Decimal("10"))
    grades = released(unit, django_capture_on_commit_callbacks)

    assert [item["resourceId"] for item in services.line_items] == [str(unit.pk)]
    assert services.line_items[0]["label"] == "The Thaw" and services.line_items[0]["scoreMaximum"] == 10
    by_user = {body["userId"]: (url, kind, body) for url, kind, body in services.scores}
    assert set(by_user) == {"s-1", "s-2"}
    url, kind, body = by_user["s-1"]
    kim_post = next(grade.post for grade in grades if grade.post.author == students[0])
    assert url == services.line_items[0]["id"] and kind == "application/vnd.ims.lis.v1.score+json"
    assert body.pop("timestamp")
    assert body == {
        "scoreGiven": 7.2,  # 8 less the 10% late penalty
        "scoreMaximum": 10.0,
        "activityProgress": "Completed",
        "gradingProgress": "FullyGraded",
        "userId": "s-1",
        "comment": f"Feedback on Seminar: http://seminar.example.edu/admin/grading/posts/{kim_post.pk}/my-grade/",
    }
    assert "Pravda" not in json.dumps(services.scores)
    assert set(ScoreSubmission.objects.values_list("status", "attempts")) == {("sent", 1)}


def test_a_units_line_item_is_created_once_and_reused(
    lms_course, students, services, lti_platform, django_capture_on_commit_callbacks
):
    first = graded_unit(lms_course, "The Thaw", students[:1])
    released(first, django_capture_on_commit_callbacks)
    second = graded_unit(lms_course, "Stagnation", students)
    released(second, django_capture_on_commit_callbacks)
    assert [item["resourceId"] for item in services.line_items] == [str(first.pk), str(second.pk)]

    # A grade saved after the release is released at once: its score goes to the same line item.
    late = student_of(lti_platform, services, "s-3", "Omar")
    post = StudentPostPageFactory(parent=first, author=late, title="Late post")
    grade = make_grade(post, points=Decimal("6"), status="released")
    with django_capture_on_commit_callbacks(execute=True):
        notify_released([grade])
    assert len(services.line_items) == 2 and services.requests.count(("POST", "/lineitems")) == 2
    assert services.scores[-1][0] == services.line_items[0]["id"] and services.scores[-1][2]["scoreGiven"] == 6


def test_a_refused_score_is_shown_on_the_gradebook_until_retried(
    lms_course, students, services, instructor, django_capture_on_commit_callbacks
):
    services.fail_scores = 1
    unit = graded_unit(lms_course, "The Thaw", students)
    released(unit, django_capture_on_commit_callbacks)
    failed = ScoreSubmission.objects.get(status="failed")
    assert failed.attempts == 1 and "the LMS answered 500" in failed.last_error
    assert len(services.scores) == 1

    gradebook = f"/admin/grading/gradebook/?course={lms_course.pk}"
    page = instructor.get(gradebook).text
    name = failed.grade.post.author.get_full_name()
    assert "1 score could not be sent to the LMS:" in page and name in page and "Retry now" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = instructor.post(f"/admin/lms/courses/{lms_course.pk}/retry-scores/", follow=True)
    assert "1 score sent to the LMS again." in response.text
    assert "could not be sent to the LMS" not in response.text
    assert len(services.scores) == 2 and ScoreSubmission.objects.get(pk=failed.pk).status == "sent"


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_the_task_worker_tries_a_refused_score_again_later(lms_course, students, services):
    """django-tasks does not retry: send_score defers itself, once for each of RETRY_DELAYS, then waits for a person."""
    services.fail_scores = 99
    unit = graded_unit(lms_course, "The Thaw", students[:1], status="released")
    grade = Grade.objects.get(post__in=unit.get_children())
    submission = ScoreSubmission.objects.create(grade=grade, context=LtiContext.objects.get())

    def retries():
        return [result for result in default_task_backend.results if result.task.name == "send_score"]

    for attempt, delay in enumerate(RETRY_DELAYS, start=1):
        before = timezone.now()
        send_score.call(submission.pk)
        submission.refresh_from_db()
        assert submission.attempts == attempt and submission.status == "failed"
        assert retries()[-1].args == [submission.pk] and before + delay <= retries()[-1].task.run_after
    send_score.call(submission.pk)
    assert ScoreSubmission.objects.get().next_attempt_at is None and len(retries()) == len(RETRY_DELAYS)


def test_a_student_unknown_to_the_lms_is_reported(lms_course, students, services, django_capture_on_commit_callbacks):
    stranger = UserFactory(first_name="Zoe")  # enrolled in Seminar alone, never in the LMS
    unit = graded_unit(lms_course, "The Thaw", [*students, stranger])
    released(unit, django_capture_on_commit_callbacks)
    failed = ScoreSubmission.objects.get(status="failed")
    assert failed.grade.post.author == stranger and "no account in this LMS" in failed.last_error
    assert len(services.scores) == 2


def test_courses_without_the_lms_gradebook_send_nothing(
    course, unit, lti_platform, services, django_capture_on_commit_callbacks
):
    student = UserFactory(first_name="Kim")
    assignment(unit, points=10)
    post = StudentPostPageFactory(parent=unit, author=student)
    make_grade(post, points=Decimal("8"))
    released(unit, django_capture_on_commit_callbacks)  # a course of Seminar alone
    # An LMS course whose launches did not grant the gradebook (Names and Roles only).
    launch(lti_platform, services, "teacher-1", ["Instructor"], ags=False)
    lms_course = HomePage.objects.get(title="Soviet History (LMS)")
    released(graded_unit(lms_course, "The Thaw", [student]), django_capture_on_commit_callbacks)
    assert not ScoreSubmission.objects.exists() and not services.scores and not services.line_items


def test_a_released_grade_graded_again_sends_the_new_score(
    lms_course, students, services, instructor, django_capture_on_commit_callbacks
):
    unit = graded_unit(lms_course, "The Thaw", students[:1])
    released(unit, django_capture_on_commit_callbacks)
    grade = Grade.objects.get(post__in=unit.get_children())
    post = grade.post
    url = f"/admin/grading/posts/{post.pk}/grade/"

    with django_capture_on_commit_callbacks(execute=True):
        instructor.post(url, {"revision": post.latest_revision_id, "points": "9.5"})

    assert [body["scoreGiven"] for _url, _kind, body in services.scores] == [8, 9.5]
    assert services.requests.count(("POST", "/lineitems")) == 1  # the same line item
