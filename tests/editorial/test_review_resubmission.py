"""A post resubmitted after "Request changes" is news to the course's staff again, and says it is a resubmission.
Wagtail resumes the workflow then (task_submitted, not workflow_submitted), so a first-submission-only listener
stayed silent."""

import pytest
from django.core import mail

from courses.models import Role
from courses.roles import enrol
from tests.factories import UserFactory, member
from tests.review_helpers import request_changes, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(course, second_course):
    ta = UserFactory(username="ta", email="ta@faculty.example.edu")
    enrol(ta, course, Role.TA)
    return {
        "student": member("Students", course=course, first_name="Dana", last_name="Reyes", email="dana@example.edu"),
        "anne": member("Instructors", course=course, email="anne@faculty.example.edu"),
        "ta": ta,
        "marta": member("Instructors", course=second_course, email="marta@faculty.example.edu"),
    }


@pytest.fixture
def sent_back(make_draft, people, review_workflow):
    """A draft submitted once and returned with a comment; the outbox emptied."""
    draft = make_draft(title="The Illusion of Khrushchev", author=people["student"])
    submit(draft, people["student"])
    request_changes(draft, people["anne"], "Cite Freeze on the Secret Speech, please.")
    mail.outbox.clear()
    return draft


def resubmit(post, user):
    """The editor's "Resubmit to Instructor review": a new revision, then the workflow resumes."""
    post.refresh_from_db()
    post.save_revision(user=user)
    post.current_workflow_state.resume(user)


def test_a_resubmission_emails_the_course_staff_again(sent_back, people):
    resubmit(sent_back, people["student"])
    assert sorted(message.to[0] for message in mail.outbox) == ["anne@faculty.example.edu", "ta@faculty.example.edu"]
    message = mail.outbox[0]
    assert message.subject == 'Dana Reyes resubmitted "The Illusion of Khrushchev" for review'
    assert "after changes were requested" in message.body
    assert f"/admin/pages/{sent_back.pk}/edit/" in message.body


def test_a_first_submission_is_not_called_a_resubmission(make_draft, people, review_workflow):
    submit(make_draft(title="First try", author=people["student"]), people["student"])
    assert mail.outbox and all("resubmitted" not in message.subject for message in mail.outbox)


def test_a_restarted_workflow_is_a_resubmission_too(sent_back, people):
    sent_back.refresh_from_db()
    sent_back.current_workflow_state.cancel(user=people["student"])
    submit(sent_back, people["student"])
    assert sorted(message.to[0] for message in mail.outbox) == ["anne@faculty.example.edu", "ta@faculty.example.edu"]
    assert all("resubmitted" in message.subject for message in mail.outbox)
