"""Lock after grading: in a unit that locks graded posts, a student whose post has a grade (draft or released) can no
longer open it in the editor, save it, resubmit it or delete it, and is told why; in a unit that does not lock, they
still can; the course's instructors and teaching assistants still edit it."""

from decimal import Decimal

import pytest

from courses.models import Role
from grading.choices import GradeStatus
from grading.locking import LOCKED_MESSAGE
from tests.factories import member_client
from tests.grading_helpers import *  # noqa: F403 (the student and student_client fixtures)
from tests.grading_helpers import assignment, make_grade

pytestmark = pytest.mark.django_db
MESSAGE = LOCKED_MESSAGE.replace("'", "&#x27;")


@pytest.fixture
def draft(make_draft, student):
    """Dana's post, never published (she may still delete it), with its title in the editor's form."""
    return make_draft(title="The Illusion of Khrushchev", author=student)


def edit_url(post):
    return f"/admin/pages/{post.pk}/edit/"


def editor_data(post, title, **actions):
    """What the editor posts to save the post with a new title (its body kept), plus any action button."""
    return {
        "title": title,
        "slug": post.slug,
        "body-count": "1",
        "body-0-type": "paragraph_block",
        "body-0-value": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Revised.", "depth": 0, '
        '"inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "",
        "excerpt": "",
        "tags": "",
        "allow_comments": "on",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "footnotes-TOTAL_FORMS": "0",
        "footnotes-INITIAL_FORMS": "0",
        "footnotes-MIN_NUM_FORMS": "0",
        "footnotes-MAX_NUM_FORMS": "1000",
        **actions,
    }


@pytest.mark.parametrize("status", [GradeStatus.DRAFT, GradeStatus.RELEASED])
def test_the_student_cannot_open_save_or_resubmit_a_graded_post(unit, draft, student_client, instructor, status):
    assignment(unit, points=10, lock_after_grading=True)
    make_grade(draft, instructor, points=Decimal("8"), status=status)

    response = student_client.get(edit_url(draft), follow=True)
    assert MESSAGE in response.content.decode()
    assert response.redirect_chain[0][0] == f"/admin/pages/{unit.pk}/"

    saved = student_client.post(edit_url(draft), editor_data(draft, "Rewritten after grading"), follow=True)
    submitted = student_client.post(
        edit_url(draft), editor_data(draft, "Resubmitted", **{"action-submit": "1"}), follow=True
    )
    deleted = student_client.post(f"/admin/pages/{draft.pk}/delete/", follow=True)

    assert all(MESSAGE in response.content.decode() for response in (saved, submitted))
    assert "you do not have permission" in deleted.content.decode()  # the tester refuses before the hook speaks
    draft.refresh_from_db()  # not deleted
    assert (
        draft.get_latest_revision_as_object().title == "The Illusion of Khrushchev"
        and draft.current_workflow_state is None
    )


def test_the_student_cannot_bulk_delete_a_graded_post_and_the_grade_is_kept(unit, draft, student_client, instructor):
    assignment(unit, points=10, lock_after_grading=True)
    make_grade(draft, instructor, points=Decimal("8"))
    url = f"/admin/bulk/wagtailcore/page/delete/?id={draft.pk}&next=/admin/"

    student_client.post(url)

    draft.refresh_from_db()  # neither the post nor its grade is gone
    assert draft.grades.get().points == 8
    explorer = student_client.get(f"/admin/pages/{unit.pk}/").content.decode()
    assert f"/admin/pages/{draft.pk}/delete/" not in explorer  # no Delete offered either


def test_the_student_may_still_bulk_delete_an_ungraded_draft(unit, draft, student_client):
    """The control: without a grade the same request deletes the draft (so the test above can fail)."""
    assignment(unit, points=10, lock_after_grading=True)

    student_client.post(f"/admin/bulk/wagtailcore/page/delete/?id={draft.pk}&next=/admin/")

    assert not type(draft).objects.filter(pk=draft.pk).exists()


def test_the_student_still_edits_in_a_unit_that_does_not_lock(unit, draft, student_client, instructor):
    assignment(unit, points=10, lock_after_grading=False)
    make_grade(draft, instructor, points=Decimal("8"))

    assert student_client.get(edit_url(draft)).status_code == 200
    student_client.post(edit_url(draft), editor_data(draft, "Revised after feedback"))

    draft.refresh_from_db()
    assert draft.get_latest_revision_as_object().title == "Revised after feedback"


def test_an_ungraded_post_of_a_locking_unit_stays_open(unit, draft, student_client):
    assignment(unit, points=10, lock_after_grading=True)

    assert student_client.get(edit_url(draft)).status_code == 200


@pytest.mark.parametrize("role", [Role.INSTRUCTOR, Role.TA])
def test_the_course_s_staff_still_edit_a_locked_post(course, unit, draft, instructor, role):
    assignment(unit, points=10, lock_after_grading=True)
    make_grade(draft, instructor, points=Decimal("8"))
    client = member_client(course, role)

    response = client.get(edit_url(draft))
    assert response.status_code == 200 and MESSAGE not in response.content.decode()

    client.post(edit_url(draft), editor_data(draft, "Corrected by the course's staff"))

    draft.refresh_from_db()
    assert draft.get_latest_revision_as_object().title == "Corrected by the course's staff"
