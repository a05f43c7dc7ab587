"""The discussion on the pages of the course: a post's thread and form, the home page's recent comments, and how
comments and their authors show. Content templates reach the discussion through these tags (as
django-comments-xtd's own pattern does), so the page models know nothing of it."""

from copy import copy

from django import template
from django.utils.safestring import mark_safe
from wagtail import hooks

from blog.models import CourseSettings
from discussion.held import held_ids
from discussion.markup import ThreadMarkup, comment_text, comment_time
from discussion.moderation import comments_open
from discussion.tree import comment_tree, commenter_name, latest_comments

register = template.Library()

RECENT_COMMENTS = 5


@register.simple_tag(takes_context=True)
def post_discussion(context, post):
    """The post's approved thread, with the reader's own held comments in place (for them alone)."""
    return comment_tree(post, held_ids(context["request"]))


@register.simple_tag(takes_context=True)
def discussion_section(context, post):
    """The post's discussion section. The same for every reader but one whose own comment awaits moderation (and
    in a preview), so it is rendered once and kept by the app that registered `cached_fragment` (the page cache's,
    invalidated with the course), whatever page cache misses: a members' copy, a staff member's page, a compressed
    and a plain copy all render their discussion once between two changes."""
    request = context["request"]

    def render():
        with context.push():
            return context.template.engine.get_template("comments/discussion_section.html").render(context)

    if held_ids(request) or getattr(request, "is_preview", False):
        return mark_safe(render())
    variant = f"discussion:{post.pk}:{'open' if discussion_open(context, post) else 'closed'}"
    for cached in hooks.get_hooks("cached_fragment"):
        return mark_safe(cached(request, variant, render))
    return mark_safe(render())


@register.simple_tag(takes_context=True)
def comment_thread(context, threads, open_for_replies):
    """The thread's comments as list items, for this reader (replies while `open_for_replies`, likes unless the
    course is archived): one pass in Python, since an include per comment was most of a long post's render."""
    archived = bool(getattr(context.get("course"), "archived_at", None))
    return ThreadMarkup(CourseSettings.name_style(context["request"]), open_for_replies, archived).html(threads)


@register.simple_tag(takes_context=True)
def discussion_open(context, post):
    """Whether readers may comment now (the post's switch, its state, the course's closing rule; never in an
    archived course)."""
    request = context["request"]
    course = post.get_course(request)
    return comments_open(post, CourseSettings.for_request(request)) and not (course and course.is_archived)


@register.simple_tag(takes_context=True)
def opens_when_published(context, post):
    """In a preview of a post that is not live (a draft, or one taken down), whether publishing it now would open
    its discussion: the preview says so rather than "Comments are closed", which is true only of the draft."""
    if not getattr(context["request"], "is_preview", False) or post.live:
        return False
    published = copy(post)
    published.live = True
    return discussion_open(context, published)


@register.simple_tag
def recent_comments(scope, limit=RECENT_COMMENTS):
    """The newest approved comments on the readable posts under a course or unit, each with its post."""
    return latest_comments(scope, limit)


register.filter("comment_time", comment_time)
register.filter("comment_text", comment_text)


@register.filter
def commenter(comment, request=None):
    """A comment's author as readers see them."""
    return commenter_name(comment, CourseSettings.name_style(request))
