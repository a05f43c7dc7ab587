"""What a reviewer asked for when they sent a post back: the comment, who asked and when.

Wagtail keeps it on the rejected TaskState (`comment`, `finished_by`, `finished_at`), which stays the workflow's
current task state while the workflow "needs changes"; its own editor shows it only in the status dialog, under
the name of the student who submitted. `requested_changes` reads it for any number of posts in one query: the
editor's banner (editorial/templatetags/review_tags.py) asks for one post, the student's home page (members) for
all of theirs.
"""

from dataclasses import dataclass
from datetime import datetime

from wagtail.models import TaskState, WorkflowState


@dataclass(frozen=True)
class ReviewNote:
    comment: str
    reviewer_name: str
    requested_at: datetime


def known_name(user):
    """A person as the course's staff know them: full name, else username."""
    return user.get_full_name() or user.get_username()


def requested_changes(post_ids) -> dict[int, ReviewNote]:
    """{page id: ReviewNote} for the given pages whose current workflow "needs changes" (a reviewer pressed
    "Request changes" and the author has not resubmitted since); other pages are left out. One query, whatever
    the number of pages (none for none)."""
    object_ids = {str(pk) for pk in post_ids}
    if not object_ids:
        return {}
    states = WorkflowState.objects.filter(
        base_content_type__app_label="wagtailcore",
        base_content_type__model="page",
        object_id__in=object_ids,
        status=WorkflowState.STATUS_NEEDS_CHANGES,
        current_task_state__status=TaskState.STATUS_REJECTED,
    ).select_related("current_task_state__finished_by")
    notes = {}
    for state in states:
        rejection = state.current_task_state
        notes[int(state.object_id)] = ReviewNote(
            comment=rejection.comment,
            reviewer_name=known_name(rejection.finished_by) if rejection.finished_by else "A reviewer",
            requested_at=rejection.finished_at,
        )
    return notes
