"""Which comments are refused, held for an instructor, or public at once."""

import re
from datetime import timedelta

from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments.signals import comment_was_flagged
from django_comments_xtd.models import XtdComment
from django_comments_xtd.moderation import XtdCommentModerator, moderator

from blog.models import CourseSettings, StudentPostPage
from courses.roles import is_staff_of
from discussion.signals import announce_change
from discussion.states import FLAGS_TO_HIDE

LINK = re.compile(r"https?://|\bwww\.", re.IGNORECASE)


def course_settings(post):
    return CourseSettings.for_page(post)


def comments_open(post, rules=None):
    """Closed when the post turns comments off, is not live, or is older than the course's limit."""
    if not (post.allow_comments and post.live):
        return False
    rules = rules or course_settings(post)
    if rules.close_after_days is None or post.first_published_at is None:
        return True
    return timezone.now() < post.first_published_at + timedelta(days=rules.close_after_days)


def needs_moderation(comment, rules, post):
    """WordPress's rules: too many links or a blocklisted term hold anyone but the course's staff; strangers wait
    until an instructor has approved one comment from their email address."""
    user = comment.user  # a pending comment (TmpXtdComment) has the user, not a user_id
    if is_staff_of(user, post.get_course()):
        return False
    if len(LINK.findall(comment.comment)) > rules.max_links:
        return True
    if rules.matches_blocklist(comment.comment, comment.user_name, comment.user_email, comment.user_url):
        return True
    if user is not None and user.is_authenticated:
        return False
    return not XtdComment.objects.filter(
        user_email__iexact=comment.user_email, is_public=True, is_removed=False
    ).exists()


class StudentPostModerator(XtdCommentModerator):
    def allow(self, comment, content_object, request):
        return comments_open(content_object)

    def moderate(self, comment, content_object, request):
        return needs_moderation(comment, course_settings(content_object), content_object)

    def email(self, comment, content_object, request):
        """No staff email from django-comments: Seminar sends its own notifications."""


moderator.register(StudentPostPage, StudentPostModerator)


def hide_when_flagged(sender, comment, flag, created, request, **kwargs):
    """Three readers asking for removal hide a comment until an instructor reviews it in the queue."""
    if flag.flag != CommentFlag.SUGGEST_REMOVAL or not created:
        return
    if comment.flags.filter(flag=CommentFlag.SUGGEST_REMOVAL).count() >= FLAGS_TO_HIDE:
        XtdComment.objects.filter(pk=comment.pk).update(is_public=False)
        announce_change(comment.pk)


comment_was_flagged.connect(hide_when_flagged, sender=XtdComment)
