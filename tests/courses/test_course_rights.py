"""Rights are the course's: a table of who may do what in course 1, through the real admin and public URLs, for
members of course 1 and of course 2 (step 2 of issue 16: writing, editing, reviewing and class-only reading).
Each cell is what that person would see; "denied" means Wagtail's own refusal (the dashboard with its message, or
the log-in page for a class-only page)."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from courses.models import Role
from courses.roles import enrol
from tests.factories import CourseUnitPageFactory, StudentPostPageFactory, UserFactory
from tests.review_helpers import submit

pytestmark = pytest.mark.django_db

PEOPLE = ["anonymous", "student_1", "student_2", "ta_1", "instructor_1", "instructor_2", "guest_1"]
ROLES = {
    "student_1": (1, Role.STUDENT),
    "student_2": (2, Role.STUDENT),
    "ta_1": (1, Role.TA),
    "instructor_1": (1, Role.INSTRUCTOR),
    "instructor_2": (2, Role.INSTRUCTOR),
    "guest_1": (1, Role.GUEST),
}
ALLOWED = {
    "read_class_only": {"student_1", "ta_1", "instructor_1", "guest_1"},
    "add_post": {"student_1", "instructor_1"},
    "edit_unit": {"instructor_1"},
    "approve": {"ta_1", "instructor_1"},
}


@pytest.fixture
def world(course, second_course):
    courses = {1: course, 2: second_course}
    unit = CourseUnitPageFactory(parent=course, title="Khrushchev and the Thaw", live=False)
    unit.save_revision().publish()
    people = {}
    for name, (number, role) in ROLES.items():
        people[name] = UserFactory(username=name)
        enrol(people[name], courses[number], role)
    author = UserFactory(username="author")
    enrol(author, course, Role.STUDENT)
    class_only = StudentPostPageFactory(parent=unit, author=author, title="For the class", class_only=True)
    class_only.save_revision().publish()
    draft = StudentPostPageFactory(parent=unit, author=author, title="In review", publish=False)
    state = submit(draft, author)
    return {"people": people, "unit": unit, "class_only": class_only, "draft": draft, "state": state}


def client_for(world, person):
    client = Client()
    if person != "anonymous":
        client.force_login(world["people"][person])
    return client


def attempt(world, person, action):
    """True when the person got what they asked for."""
    client, unit, draft = client_for(world, person), world["unit"], world["draft"]
    if action == "read_class_only":
        return client.get(world["class_only"].url).status_code == 200
    if action == "add_post":
        url = reverse("wagtailadmin_pages:add", args=["blog", "studentpostpage", unit.pk])
        return client.get(url).status_code == 200
    if action == "edit_unit":
        return client.get(reverse("wagtailadmin_pages:edit", args=[unit.pk])).status_code == 200
    task_state = world["state"].current_task_state
    client.post(reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk]), {})
    draft.refresh_from_db()
    return draft.live


@pytest.mark.parametrize("action", sorted(ALLOWED))
@pytest.mark.parametrize("person", PEOPLE)
def test_who_may_do_what_in_course_1(world, person, action):
    assert attempt(world, person, action) == (person in ALLOWED[action])


def test_the_class_only_post_is_restricted_to_course_1s_groups(world, course):
    groups = PageViewRestriction.objects.get(page=world["class_only"]).groups.all()
    assert {group.course_role.course_id for group in groups} == {course.pk}


def test_an_ended_enrolment_ends_the_rights(world):
    student = world["people"]["student_1"]
    student.enrolments.get().end()
    assert not attempt(world, "student_1", "add_post")
    assert not attempt(world, "student_1", "read_class_only")
