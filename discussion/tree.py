"""A post's approved discussion as a tree, read in a fixed number of queries whatever its size.

django-comments-xtd's own tree template checks a permission per comment (two queries each); here one
query brings comments, authors, instructor badges and like counts, and the nesting is built in Python.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import CharField, Count, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django_comments_xtd.models import LIKEDIT_FLAG, XtdComment

from blog.models import StudentPostPage, public_name
from blog.models.posts import approved_comments, student_post_comments
from courses.models import Enrolment, Role


@dataclass
class CommentNode:
    comment: XtdComment
    is_instructor: bool
    is_post_author: bool
    likes: int
    can_reply: bool
    awaiting_moderation: bool = False
    children: list = field(default_factory=list)


def commenter_name(comment, style):
    """A member's name as the course shows it today; a stranger's as they typed it."""
    return public_name(comment.user, style) if comment.user_id else comment.user_name


def public_comments(post):
    return approved_comments().filter(object_pk=str(post.pk))


@dataclass
class Discussion:
    threads: list
    count: int


def comment_tree(post, held=()):
    """Top-level nodes in thread order; a reply whose parent is not shown is not shown either. `held`: ids of
    the reader's own comments awaiting moderation, shown in place to them alone."""
    ancestors = [post.path[:depth] for depth in range(post.steplen, len(post.path), post.steplen)]
    in_instructors = Enrolment.objects.active().filter(
        user_id=OuterRef("user_id"), role=Role.INSTRUCTOR, course__path__in=ancestors
    )
    shown = Q(is_public=True) | Q(pk__in=held) if held else Q(is_public=True)
    comments = (
        student_post_comments()
        .filter(shown, object_pk=str(post.pk))
        .select_related("user")
        .annotate(
            by_instructor=Exists(in_instructors),
            like_count=Count("flags", filter=Q(flags__flag=LIKEDIT_FLAG)),
        )
        .order_by("thread_id", "order")
    )
    max_level = settings.COMMENTS_XTD_MAX_THREAD_LEVEL
    nodes, roots = {}, []
    for comment in comments:
        user = comment.user
        node = CommentNode(
            comment=comment,
            is_instructor=comment.by_instructor or bool(user and user.is_superuser),
            is_post_author=bool(user and user.pk == post.author_id),
            likes=comment.like_count,
            can_reply=comment.is_public and comment.level < max_level,
            awaiting_moderation=not comment.is_public,
        )
        if comment.parent_id == comment.pk:
            roots.append(node)
        elif comment.parent_id in nodes:
            nodes[comment.parent_id].children.append(node)
        else:
            continue
        nodes[comment.pk] = node
    return Discussion(threads=roots, count=sum(node.comment.is_public for node in nodes.values()))


def latest_comments(scope, limit):
    """The newest approved comments on one post, or on the readable posts under a course or unit, each with
    its post as `comment.post`: two queries whatever the size of the course."""
    if isinstance(scope, StudentPostPage):
        comments, posts = public_comments(scope), {scope.pk: scope}
    else:
        readable = StudentPostPage.objects.published_under(scope).annotate(key=Cast("pk", CharField()))
        comments, posts = approved_comments().filter(object_pk__in=readable.values("key")), None
    comments = list(comments.select_related("user").order_by("-submit_date")[:limit])
    if posts is None:
        wanted = {int(comment.object_pk) for comment in comments}
        posts = StudentPostPage.objects.filter(pk__in=wanted).defer_streamfields().in_bulk()
    for comment in comments:
        comment.post = posts[int(comment.object_pk)]
    return comments
