"""Names and Roles: an instructor presses "Sync roster from the LMS" on their course and sees "3 added, 0 ended":
everyone the LMS lists (over as many pages as it serves) is enrolled with the role the LMS gives, accounts made for
those who never opened Seminar. Someone who left the LMS course has their enrolment ended on the next sync, their
post and account kept; a second sync changes nothing; a Seminar-only guest is left alone. A launch syncs by
itself when the last sync is over an hour old, and only then."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from lti_tool.models import LtiUser

from blog.models import StudentPostPage
from courses.models import Enrolment, Role
from home.models import HomePage
from lms.models import RosterSync
from tests.factories import CourseUnitPageFactory, StudentPostPageFactory, member_client
from tests.lti_services import FakeServices, member

pytestmark = pytest.mark.django_db

TA = "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"
TEACHER = member("teacher-1", "Instructor", email="teacher@example.edu", name="Anne Whitaker")


@pytest.fixture
def services(lti_platform):
    services = FakeServices.start(lti_platform)
    yield services
    services.stop()


@pytest.fixture
def instructor(lti_platform, services):
    """The client of the instructor whose launch (granting Names and Roles) created the LMS course."""
    client = Client()
    response = lti_platform.launch(
        client, sub="teacher-1", roles=["Instructor"], email="teacher@example.edu", **services.claims()
    )
    assert response.status_code == 302
    return client


@pytest.fixture
def lms_course(instructor):
    return HomePage.objects.get(title="Soviet History (LMS)")


def account(sub):
    return LtiUser.objects.get(sub=sub).auth_user


def enrolment(sub, course):
    return Enrolment.objects.get(user=account(sub), course=course)


def sync(client, course, capture):
    with capture(execute=True):
        return client.post(reverse("lms_admin:sync_roster", args=[course.pk]), follow=True).content.decode()


def test_a_sync_enrols_the_lms_members_over_every_page(
    instructor, lms_course, services, django_capture_on_commit_callbacks
):
    services.members = [
        TEACHER,
        member("s-1", "Learner", email="kim@example.edu", name="Kim Park"),
        member("ta-1", "Instructor", TA, name="Tomas Ortiz"),
        member("s-2", "Learner", name="Lena Berg"),
        member("mentor-1", "Mentor", status="Inactive"),
    ]
    page = sync(instructor, lms_course, django_capture_on_commit_callbacks)
    assert "Roster of “Soviet History (LMS)” synced: 3 added, 0 ended." in page
    assert ("GET", "/memberships?page=3") in services.requests  # five members, two a page
    assert enrolment("s-1", lms_course).role == Role.STUDENT and enrolment("ta-1", lms_course).role == Role.TA
    assert enrolment("teacher-1", lms_course).role == Role.INSTRUCTOR
    kim = account("s-1")
    assert (kim.username, kim.get_full_name(), kim.has_usable_password()) == ("kim@example.edu", "Kim Park", False)
    assert not LtiUser.objects.filter(sub="mentor-1").exists()  # listed inactive: no account, no enrolment
    assert "3 added, 0 ended" in instructor.get(reverse("lms_admin:sync_roster", args=[lms_course.pk])).text


def test_those_who_left_are_ended_and_keep_their_work(
    instructor, lms_course, services, django_capture_on_commit_callbacks
):
    services.members = [TEACHER, member("s-1", "Learner"), member("s-2", "Learner")]
    sync(instructor, lms_course, django_capture_on_commit_callbacks)
    unit = CourseUnitPageFactory(parent=lms_course, title="The Thaw")
    post = StudentPostPageFactory(parent=unit, author=account("s-1"), title="On the Secret Speech")
    guest = get_user_model().objects.create(username="visiting@example.edu")
    Enrolment.objects.create(user=guest, course=lms_course, role=Role.GUEST)  # enrolled in Seminar alone

    services.members = [TEACHER, member("s-2", "Learner"), member("s-3", "Learner")]
    assert "synced: 1 added, 1 ended." in sync(instructor, lms_course, django_capture_on_commit_callbacks)
    assert not enrolment("s-1", lms_course).active and enrolment("s-3", lms_course).active
    assert StudentPostPage.objects.filter(pk=post.pk, author=account("s-1")).exists()
    assert account("s-1").is_active and Enrolment.objects.get(user=guest).active
    assert "synced: 0 added, 0 ended." in sync(instructor, lms_course, django_capture_on_commit_callbacks)

    services.members = [TEACHER, member("s-2", "Learner"), member("s-3", "Learner", status="Deleted")]
    assert "synced: 0 added, 1 ended." in sync(instructor, lms_course, django_capture_on_commit_callbacks)


def test_an_lms_that_fails_or_lists_no_one_changes_nothing(
    instructor, lms_course, services, django_capture_on_commit_callbacks
):
    services.members = []
    page = sync(instructor, lms_course, django_capture_on_commit_callbacks)
    assert "The LMS listed no members: nothing was changed." in page
    assert enrolment("teacher-1", lms_course).active
    services.tokens.clear()
    services.server.services.token = lambda form: (401, {"error": "invalid_client"})
    page = sync(instructor, lms_course, django_capture_on_commit_callbacks)
    assert "The roster could not be read: the LMS answered 401" in page


def test_only_the_course_instructors_see_the_button_and_may_sync(lms_course, instructor, services):
    url = reverse("lms_admin:sync_roster", args=[lms_course.pk])
    explore = reverse("wagtailadmin_explore", args=[lms_course.pk])
    assert url in instructor.get(explore).text
    assert "What a sync does" in instructor.get(url).text
    for role in (Role.TA, Role.STUDENT):
        client = member_client(lms_course, role)
        assert url not in client.get(explore).text
        assert client.post(url).status_code in (302, 403)
    assert ("GET", "/memberships?page=1") not in services.requests  # refused before any request to the LMS


def test_a_launch_syncs_when_the_last_sync_is_an_hour_old(
    lti_platform, lms_course, services, django_capture_on_commit_callbacks
):
    services.members = [TEACHER, member("s-1", "Learner"), member("s-9", "Learner")]
    RosterSync.objects.update(requested_at=timezone.now() - timedelta(minutes=30))
    with django_capture_on_commit_callbacks(execute=True):
        lti_platform.launch(Client(), sub="s-1", roles=["Learner"], **services.claims())
    assert not LtiUser.objects.filter(sub="s-9").exists()  # synced half an hour ago: the launch only lands

    RosterSync.objects.update(requested_at=timezone.now() - timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        response = lti_platform.launch(Client(), sub="s-1", roles=["Learner"], **services.claims())
    assert response.status_code == 302
    assert enrolment("s-9", lms_course).role == Role.STUDENT
    assert RosterSync.objects.get().summary == "1 added, 0 ended"
