"""Opening Seminar from an LMS course: the first instructor's launch creates the Seminar course (titled after the
LMS course, under the platform's catalogue, set up as create_course sets one up) and lands them on it, logged in;
then a student, a teaching assistant and anyone else land in the same course, enrolled with the role the LMS
gives. The LMS's user id, not its email, is the account: a second launch opens the same account."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from lti_tool.models import LtiUser
from wagtail.models import WorkflowPage

from blog.models import CourseSettings
from courses.models import Enrolment, Role
from home.models import HomePage
from lms.models import CourseLink
from tests.factories import CourseUnitPageFactory, member

pytestmark = pytest.mark.django_db

TA = "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"
CANVAS_TEACHER_ELSEWHERE = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor"


def launched(platform, **claims):
    """(client logged in by the launch, the launch's response)"""
    client = Client()
    return client, platform.launch(client, **claims)


def logged_in_user(client):
    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


def role_of(user, course):
    return Enrolment.objects.get(user=user, course=course).role


@pytest.fixture
def lms_course(lti_platform):
    """The Seminar course an instructor's first launch made."""
    client, response = launched(lti_platform, sub="teacher-1", roles=["Instructor"], email="teacher@example.edu")
    assert response.status_code == 302
    return HomePage.objects.get(title="Soviet History (LMS)")


def test_an_instructors_first_launch_creates_the_course_and_lands_there(lti_platform):
    client, response = launched(lti_platform, sub="teacher-1", roles=["Instructor"], email="teacher@example.edu")
    course = HomePage.objects.get(title="Soviet History (LMS)")
    assert response.status_code == 302 and response["Location"] == course.get_url()
    assert course.live and course.get_parent().slug == "catalogue"
    assert WorkflowPage.objects.filter(page=course).exists() and CourseSettings.objects.filter(course=course).exists()
    teacher = logged_in_user(client)
    assert (teacher.username, teacher.email, teacher.get_full_name()) == (
        "teacher@example.edu",
        "teacher@example.edu",
        "Ada Lovelace",
    )
    assert not teacher.has_usable_password()
    assert role_of(teacher, course) == Role.INSTRUCTOR
    assert LtiUser.objects.get(sub="teacher-1").auth_user == teacher
    page = client.get(response["Location"], HTTP_HOST="seminar.example.edu")
    assert page.status_code == 200 and "Soviet History (LMS)" in page.content.decode()


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        (["Learner"], Role.STUDENT),
        (["Instructor", TA], Role.TA),
        (["http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor"], Role.GUEST),
        ([CANVAS_TEACHER_ELSEWHERE, "Learner"], Role.STUDENT),
        ([CANVAS_TEACHER_ELSEWHERE], Role.GUEST),
    ],
)
def test_others_join_the_course_with_the_role_the_lms_gives(lti_platform, lms_course, roles, expected):
    client, response = launched(lti_platform, sub="someone", roles=roles, email="someone@example.edu")
    assert response.status_code == 302 and response["Location"] == lms_course.get_url()
    assert role_of(logged_in_user(client), lms_course) == expected
    assert HomePage.objects.filter(title="Soviet History (LMS)").count() == 1


def test_a_second_launch_opens_the_same_account_and_follows_the_lms_role(lti_platform, lms_course):
    first, _ = launched(lti_platform, sub="student-1", roles=["Learner"], email="s1@example.edu")
    again, _ = launched(lti_platform, sub="student-1", roles=[TA, "Instructor"], email="changed@example.edu")
    assert logged_in_user(first) == logged_in_user(again)
    assert role_of(logged_in_user(again), lms_course) == Role.TA
    assert logged_in_user(again).email == "s1@example.edu"


def test_a_student_before_any_instructor_is_told_the_course_is_not_ready(lti_platform):
    client, response = launched(lti_platform, sub="early", roles=["Learner"])
    assert response.status_code == 409
    assert "has no Seminar course yet" in response.content.decode()
    assert "_auth_user_id" not in client.session and not CourseLink.objects.exists()


def test_a_launch_targeting_a_unit_opens_that_unit(lti_platform, lms_course):
    unit = CourseUnitPageFactory(parent=lms_course, title="The Thaw", live=False)
    unit.save_revision().publish()
    client, response = launched(lti_platform, sub="student-2", roles=["Learner"], target=unit.get_full_url())
    assert response.status_code == 302 and response["Location"] == unit.get_url()


def test_an_existing_course_is_linked_only_by_its_own_instructor(lti_platform, course, instructor):
    # An LMS instructor pointing a link at someone else's Seminar course does not join it.
    client, response = launched(lti_platform, sub="stranger", roles=["Instructor"], target=course.get_full_url())
    assert response.status_code == 403 and "which you do not teach" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert Enrolment.objects.filter(course=course).get().user == instructor and not CourseLink.objects.exists()
    # The course's instructor, whose account an LMS that verifies emails opens by email, links it.
    lti_platform.registration.seminar_options.trusts_email = True
    lti_platform.registration.seminar_options.save()
    client, response = launched(
        lti_platform, sub="anne", roles=["Instructor"], email=instructor.email.upper(), target=course.get_full_url()
    )
    assert response.status_code == 302 and logged_in_user(client) == instructor
    assert CourseLink.objects.get().course == course
    # Her students follow, whatever their launch targets.
    client, response = launched(lti_platform, sub="student-3", roles=["Learner"])
    assert response["Location"] == "/"  # the course is the root of the site the launch came to
    assert role_of(logged_in_user(client), course) == Role.STUDENT


def test_an_account_is_opened_by_email_only_when_the_lms_verifies_emails(lti_platform, lms_course):
    roster_student = member("Students", course=lms_course, username="kim@example.edu", email="kim@example.edu")
    client, _ = launched(lti_platform, sub="kim", roles=["Learner"], email="kim@example.edu")
    stranger = logged_in_user(client)
    assert stranger != roster_student and stranger.username.startswith("lti-") and stranger.email == ""
    lti_platform.registration.seminar_options.trusts_email = True
    lti_platform.registration.seminar_options.save()
    client, _ = launched(lti_platform, sub="kim-2", roles=["Learner"], email="KIM@example.edu")
    assert logged_in_user(client) == roster_student


def test_a_closed_account_is_refused(lti_platform, lms_course):
    client, _ = launched(lti_platform, sub="gone", roles=["Learner"])
    get_user_model().objects.filter(pk=logged_in_user(client).pk).update(is_active=False)
    client, response = launched(lti_platform, sub="gone", roles=["Learner"])
    assert response.status_code == 403 and "account is closed" in response.content.decode()
    assert "_auth_user_id" not in client.session
