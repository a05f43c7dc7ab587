"""What the discussion tells the rest of the project. Moderation changes comments with queryset updates, which send
no model signal; it sends `comment_changed` instead (the page cache listens: caching/invalidation.py)."""

from django.dispatch import Signal

# Sent with `comment_id` after a comment's visibility changed (approved, removed, spam, restored, hidden by flags).
comment_changed = Signal()


def announce_change(comment_id):
    comment_changed.send(sender=None, comment_id=comment_id)
