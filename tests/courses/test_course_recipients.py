"""News about a course goes to that course's staff only: a submission and a held comment are emailed to the
instructors and teaching assistants enrolled in the post's course, not to those of another course, not to an
ended enrolment, and not to anyone only because they are in the install-wide Instructors group."""

import pytest
from django.core import mail
from django_comments_xtd.models import XtdComment

from courses.models import Enrolment, Role
from courses.roles import enrol, role_in, staff_emails
from tests.comment_helpers import POST_URL, form_data
from tests.factories import UserFactory, member
from tests.review_helpers import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(course, second_course):
    ta = UserFactory(username="ta", email="ta@faculty.example.edu")
    enrol(ta, course, Role.TA)
    return {
        "anne": member("Instructors", course=course, email="anne@faculty.example.edu"),
        "ta": ta,
        "marta": member("Instructors", course=second_course, email="marta@faculty.example.edu"),
        "gone": member("Instructors", course=course, email="gone@faculty.example.edu"),
        "student": member("Students", course=course, first_name="Dana", email="dana@students.example.edu"),
    }


@pytest.fixture
def ended(people, course):
    Enrolment.objects.filter(user=people["gone"], course=course).update(active=False)


def test_roles_are_per_course(people, course, second_course):
    assert role_in(people["anne"], course) == Role.INSTRUCTOR
    assert role_in(people["anne"], second_course) is None
    assert role_in(people["marta"], second_course) == Role.INSTRUCTOR
    assert role_in(people["ta"], course) == Role.TA
    assert staff_emails(second_course) == ["marta@faculty.example.edu"]


def test_a_submission_is_emailed_to_its_course_staff_only(people, ended, make_draft, review_workflow):
    draft = make_draft(title="The Illusion of Khrushchev", author=people["student"])
    submit(draft, people["student"])
    assert sorted(message.to[0] for message in mail.outbox) == ["anne@faculty.example.edu", "ta@faculty.example.edu"]


def test_a_held_comment_is_emailed_to_its_course_staff_only(client, people, ended, make_post):
    post = make_post(title="The Illusion of Khrushchev", author=people["student"])
    client.force_login(member("Students", course=post.get_course(), email="jordan@students.example.edu"))
    mail.outbox.clear()
    client.post(POST_URL, form_data(post, comment="Links https://a.example https://b.example https://c.example"))
    held = [message for message in mail.outbox if message.subject.startswith("A comment awaits moderation")]
    assert sorted(message.to[0] for message in held) == ["anne@faculty.example.edu", "ta@faculty.example.edu"]
    assert XtdComment.objects.get().is_public is False
