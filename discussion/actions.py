"""What an instructor can do to a comment. Each action is one conditional UPDATE, so two instructors acting
at once change the comment once and notify once; each leaves django-comments' moderator flag as a record, and
tells the page cache (an UPDATE sends no signal).

The UPDATEs go to django-comments' own table, where is_public and is_removed live: through the XtdComment
subclass, Django would first select the matching ids and then update them by id, and two approvals at once would
both find the comment still held."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_comments.models import Comment, CommentFlag
from django_comments_xtd.models import XtdComment

from blog.models import public_name
from discussion import notifications
from discussion.signals import announce_change
from discussion.states import SPAM_FLAG
from discussion.threads import add_to_thread


def _record(comment, moderator, flag):
    CommentFlag.objects.get_or_create(comment=comment, user=moderator, flag=flag)


def approve(comment, moderator):
    """Make the comment public; returns whether this call published it (and so sent the notifications)."""
    with transaction.atomic():
        published = Comment.objects.filter(pk=comment.pk, is_public=False).update(is_public=True, is_removed=False)
        if not published:
            Comment.objects.filter(pk=comment.pk).update(is_removed=False)
        CommentFlag.objects.filter(comment=comment, flag__in=[CommentFlag.SUGGEST_REMOVAL, SPAM_FLAG]).delete()
        _record(comment, moderator, CommentFlag.MODERATOR_APPROVAL)
        announce_change(comment.pk)
    if published:
        notifications.comment_approved(comment.pk)
    return bool(published)


def remove(comment, moderator):
    """Take the comment down; it stays in the database and can be restored."""
    Comment.objects.filter(pk=comment.pk).update(is_removed=True)
    _record(comment, moderator, CommentFlag.MODERATOR_DELETION)
    announce_change(comment.pk)


def mark_spam(comment, moderator):
    Comment.objects.filter(pk=comment.pk).update(is_removed=True)
    _record(comment, moderator, SPAM_FLAG)
    announce_change(comment.pk)


def restore(comment, moderator):
    """Undo a removal or spam verdict: the comment returns to the state it had before (public or held)."""
    Comment.objects.filter(pk=comment.pk).update(is_removed=False)
    CommentFlag.objects.filter(comment=comment, flag__in=[SPAM_FLAG, CommentFlag.MODERATOR_DELETION]).delete()
    announce_change(comment.pk)


def reply_as_instructor(parent, instructor, text):
    """WordPress's "Approve and reply": the parent is approved, the reply is public at once, threaded under
    the parent, or beside it when the parent is already at the deepest level."""
    approve(parent, instructor)
    if parent.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
        parent = XtdComment.objects.get(pk=parent.parent_id)
    reply = add_to_thread(
        XtdComment(
            content_type=parent.content_type,
            object_pk=parent.object_pk,
            site_id=parent.site_id,
            user=instructor,
            user_name=public_name(instructor),
            user_email=instructor.email,
            comment=text,
            submit_date=timezone.now(),
            parent_id=parent.pk,
            is_public=True,
        )
    )
    notifications.comment_published(reply.pk)
    return reply
