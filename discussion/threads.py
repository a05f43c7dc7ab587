"""Adding a comment to a thread. xtd keeps a thread's reading order in a column and renumbers it on every reply,
so two replies written into one thread at once deadlock or take the same place: replies to a thread are written
one at a time, under a lock on the thread's first comment."""

from django.db import transaction
from django_comments_xtd.models import XtdComment


def add_to_thread(comment):
    """Save a new comment (a reply when parent_id is set) and return it."""
    with transaction.atomic():
        if comment.parent_id:
            thread = XtdComment.norel_objects.filter(pk=comment.parent_id).values_list("thread_id", flat=True)
            list(XtdComment.norel_objects.select_for_update().filter(pk__in=thread).values_list("pk", flat=True))
        comment.save()
    return comment
