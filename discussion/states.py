"""Where a comment stands in moderation, as querysets the admin queue filters by.

held: waiting for an instructor (is_public off, not removed). flagged: readers asked for its removal.
approved: public. removed: taken down, restorable. spam: taken down as spam, restorable.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Q
from django.db.models.functions import Cast
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from blog.models import StudentPostPage
from courses.roles import within_staffed_courses

SPAM_FLAG = "spam"
FLAGS_TO_HIDE = 3  # readers' removal suggestions that hide a comment until an instructor looks

STATES = {
    "held": "Awaiting moderation",
    "flagged": "Flagged by readers",
    "approved": "Approved",
    "removed": "Removed",
    "spam": "Spam",
}


def moderated_posts(user):
    """The text keys of the posts whose discussion `user` moderates, as a subquery."""
    return (
        StudentPostPage.objects.filter(within_staffed_courses(user)).annotate(key=Cast("pk", CharField())).values("key")
    )


def post_comments(moderator=None):
    """Comments on student posts; with a `moderator`, only those on the posts they moderate (superusers: all)."""
    comments = XtdComment.objects.filter(content_type=ContentType.objects.get_for_model(StudentPostPage))
    if moderator is not None and not moderator.is_superuser:
        comments = comments.filter(object_pk__in=moderated_posts(moderator))
    return comments


def with_flag_counts(comments):
    return comments.annotate(
        removal_flags=Count("flags", filter=Q(flags__flag=CommentFlag.SUGGEST_REMOVAL), distinct=True),
        spam_flags=Count("flags", filter=Q(flags__flag=SPAM_FLAG), distinct=True),
    )


def in_state(state, comments=None):
    comments = with_flag_counts(comments if comments is not None else post_comments())
    return {
        "held": comments.filter(is_public=False, is_removed=False, removal_flags=0),
        "flagged": comments.filter(is_removed=False, removal_flags__gt=0),
        "approved": comments.filter(is_public=True, is_removed=False, removal_flags=0),
        "removed": comments.filter(is_removed=True, spam_flags=0),
        "spam": comments.filter(is_removed=True, spam_flags__gt=0),
    }[state]


def pending(comments=None):
    """What waits for an instructor: held comments and comments readers flagged."""
    comments = with_flag_counts(comments if comments is not None else post_comments())
    return comments.filter(is_removed=False).filter(Q(is_public=False) | Q(removal_flags__gt=0))


def pending_count(moderator):
    return pending(post_comments(moderator)).count()


def state_of(comment):
    """The state of a comment from `with_flag_counts`' annotations: no query per comment."""
    if comment.is_removed:
        return "spam" if comment.spam_flags else "removed"
    if comment.removal_flags:
        return "flagged"
    return "approved" if comment.is_public else "held"
