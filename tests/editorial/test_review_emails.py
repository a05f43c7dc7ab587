"""Review emails: instructors hear of each submission once; the author hears the decision, with the comment."""

import pytest
from django.core import mail

from tests.factories import member
from tests.review_helpers import approve, request_changes, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {
        "student": member("Students", first_name="Dana", last_name="Reyes", email="dana@students.example.edu"),
        "instructor": member("Instructors", first_name="Anne", last_name="Whitaker", email="anne@faculty.example.edu"),
        "colleague": member(
            "Instructors", first_name="Ivan", last_name="Petrov", email="ivan@faculty.example.edu", is_superuser=True
        ),
    }


@pytest.fixture
def draft(make_draft, people, review_workflow):
    return make_draft(title="The Illusion of Khrushchev", author=people["student"])


def test_each_instructor_hears_of_a_submission_once(draft, people, unit):
    submit(draft, people["student"])
    assert sorted(message.to[0] for message in mail.outbox) == ["anne@faculty.example.edu", "ivan@faculty.example.edu"]
    message = mail.outbox[0]
    assert "Dana Reyes" in message.subject and draft.title in message.subject
    assert unit.title in message.body
    assert f"/admin/pages/{draft.pk}/edit/" in message.body


def test_late_submission_says_so(draft, people, unit):
    from datetime import timedelta

    from django.utils import timezone

    unit.due_date = timezone.now() - timedelta(days=1)
    unit.save_revision().publish()
    submit(draft, people["student"])
    assert mail.outbox[0].subject.startswith("Late:")


def test_approval_tells_the_author_and_publishes(draft, people):
    submit(draft, people["student"])
    mail.outbox.clear()
    approve(draft, people["instructor"])
    draft.refresh_from_db()
    assert draft.live
    assert [message.to for message in mail.outbox] == [["dana@students.example.edu"]]
    assert "published" in mail.outbox[0].subject
    assert draft.url in mail.outbox[0].body


def test_requested_changes_reach_the_author_with_the_comment(draft, people):
    submit(draft, people["student"])
    mail.outbox.clear()
    request_changes(draft, people["instructor"], "Cite Freeze on the Secret Speech, please.")
    draft.refresh_from_db()
    assert not draft.live
    assert [message.to for message in mail.outbox] == [["dana@students.example.edu"]]
    assert "Cite Freeze on the Secret Speech, please." in mail.outbox[0].body


def test_author_hears_even_when_an_instructor_resubmitted_for_them(draft, people):
    submit(draft, people["instructor"])
    mail.outbox.clear()
    approve(draft, people["colleague"])
    assert [message.to for message in mail.outbox] == [["dana@students.example.edu"]]
