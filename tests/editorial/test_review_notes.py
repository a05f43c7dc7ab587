"""editorial.review_notes.requested_changes: the comment that sent each post back, by whom and when, for the posts
whose review needs changes now, in one query whatever their number."""

import pytest
from wagtail.models import TaskState

from editorial.review_notes import ReviewNote, requested_changes
from tests.factories import member
from tests.review_helpers import *  # noqa: F403
from tests.review_helpers import approve, request_changes, submit

pytestmark = pytest.mark.django_db
COMMENT = "Cite the Secret Speech from Pravda, not the textbook.\n\nAnd date the Virgin Lands campaign."


def resubmit(post, user):
    post.refresh_from_db()
    post.save_revision(user=user)
    post.current_workflow_state.resume(user)


def test_the_note_is_the_rejection_that_sent_the_post_back(sent_back):
    rejection = TaskState.objects.get(status=TaskState.STATUS_REJECTED)
    assert requested_changes([sent_back.pk]) == {
        sent_back.pk: ReviewNote(comment=COMMENT, reviewer_name="Dr Ada Lovelace", requested_at=rejection.finished_at)
    }


def test_a_reviewer_without_a_full_name_is_named_by_username(make_draft, student):
    terse = member("Instructors", username="ta-kim", first_name="", last_name="")
    post = make_draft(author=student)
    submit(post, student)
    request_changes(post, terse, "Shorter, please.")
    assert requested_changes([post.pk])[post.pk].reviewer_name == "ta-kim"


def test_only_the_latest_request_counts_after_a_second_round(sent_back, student, reviewer):
    resubmit(sent_back, student)
    request_changes(sent_back, reviewer, "Better. Now the conclusion.")
    assert requested_changes([sent_back.pk])[sent_back.pk].comment == "Better. Now the conclusion."


def test_posts_whose_review_does_not_need_changes_have_no_note(sent_back, make_draft, make_post, student, reviewer):
    in_review = make_draft(author=student)
    submit(in_review, student)
    approved = make_draft(author=student)
    submit(approved, student)
    request_changes(approved, reviewer, "Fix the title.")
    resubmit(approved, student)
    approve(approved, reviewer)
    never_submitted = make_draft(author=student)
    published = make_post(author=student)
    resubmitted = make_draft(author=student)
    submit(resubmitted, student)
    request_changes(resubmitted, reviewer, "Add a source.")
    resubmit(resubmitted, student)

    notes = requested_changes([p.pk for p in (sent_back, in_review, approved, never_submitted, published, resubmitted)])
    assert list(notes) == [sent_back.pk]


def test_a_cancelled_review_leaves_no_note(sent_back, student):
    sent_back.refresh_from_db()
    sent_back.current_workflow_state.cancel(user=student)
    assert requested_changes([sent_back.pk]) == {}


@pytest.mark.parametrize("size", [2, 8])
def test_one_query_whatever_the_number_of_posts(make_draft, student, reviewer, django_assert_num_queries, size):
    posts = [make_draft(title=f"Post {n}", author=student) for n in range(size)]
    for post in posts:
        submit(post, student)
        request_changes(post, reviewer, f"Comment on {post.title}")
    ids = [post.pk for post in posts]
    with django_assert_num_queries(1):
        notes = requested_changes(ids)
    assert {pk: note.comment for pk, note in notes.items()} == {post.pk: f"Comment on {post.title}" for post in posts}
    assert {note.reviewer_name for note in notes.values()} == {"Dr Ada Lovelace"}


def test_no_posts_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert requested_changes([]) == {}
