"""The discussion on the pages of the course: a post's thread and form, the home page's recent comments, and how
comments and their authors show. Content templates reach the discussion through these tags (as
django-comments-xtd's own pattern does), so the page models know nothing of it."""

from copy import copy

from django import template
from django.utils import timezone
from django.utils.html import urlize
from django.utils.safestring import mark_safe

from blog.models import CourseSettings
from discussion.held import held_ids
from discussion.moderation import comments_open
from discussion.tree import comment_tree, commenter_name, latest_comments

register = template.Library()

RECENT_COMMENTS = 5


@register.simple_tag(takes_context=True)
def post_discussion(context, post):
    """The post's approved thread, with the reader's own held comments in place (for them alone)."""
    return comment_tree(post, held_ids(context["request"]))


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


@register.filter
def comment_time(value):
    """ "April 3, 2017 at 12:23 pm", in the site's time zone, as WordPress shows comment dates."""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    return f"{local:%B} {local.day}, {local.year} at {hour}:{local:%M} {'am' if local.hour < 12 else 'pm'}"


@register.filter
def comment_text(value):
    """A comment's plain text as paragraphs, with web addresses linked but never followed for ranking."""
    paragraphs = [part.strip() for part in value.replace("\r\n", "\n").split("\n\n") if part.strip()]
    html = "".join(
        "<p>{}</p>".format(urlize(part, nofollow=False, autoescape=True).replace("\n", "<br>")) for part in paragraphs
    )
    return mark_safe(html.replace("<a href=", '<a rel="nofollow ugc noopener" href='))


@register.filter
def commenter(comment, request=None):
    """A comment's author as readers see them."""
    return commenter_name(comment, CourseSettings.name_style(request))
