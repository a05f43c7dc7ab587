"""A post's discussion as HTML, built in Python rather than by a template include per comment: on a long thread
the template engine's per-comment work (a context, three URL reversals, a dozen variable lookups, urlize over
every word) was most of the post's render. What every comment of the page shares (the reader's name style,
whether they may reply or like, the link prefixes) is worked out once. The markup is byte for byte what the
include made, whitespace between tags dropped as its {% spaceless %} did (tests/discussion/test_thread_markup.py).
Comment text, dates and names show the same way everywhere else through discussion_tags' filters."""

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape, escape, format_html, strip_spaces_between_tags, urlize
from django.utils.safestring import mark_safe

from discussion.tree import commenter_name
from home.templatetags.seminar_tags import web_url

# A comment id no comment has: reversed once, then replaced by each comment's own id.
PLACEHOLDER_PK = 2147483647
# A word as urlize splits text (a run between whitespace, <, >, " and ') that it might link: every address it
# links has a ".", "@" or ":" with more after it ("://", "www.", ".com", "@host.org"); a word with none, or with one
# only at its end ("Thaw." "wrote:"), it would only escape. The lookbehind keeps the search linear.
MAYBE_ADDRESS = re.compile(r"""(?<![^\s<>"'])[^\s<>"']*[.@:][^\s<>"']+""")


def comment_time(value):
    """ "April 3, 2017 at 12:23 pm", in the site's time zone, as WordPress shows comment dates."""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    return f"{local:%B} {local.day}, {local.year} at {hour}:{local:%M} {'am' if local.hour < 12 else 'pm'}"


def linked(text):
    """urlize(text, autoescape=True), word for word, but asked only about the words that could be addresses: it
    looks at every word, and most of a comment's words are plain, which it would only have escaped."""
    html, start = [], 0
    for word in MAYBE_ADDRESS.finditer(text):
        html += [escape(text[start : word.start()]), urlize(word[0], autoescape=True)]
        start = word.end()
    html.append(escape(text[start:]))
    return "".join(html)


def comment_text(value):
    """A comment's plain text as paragraphs, with web addresses linked but never followed for ranking."""
    paragraphs = [part.strip() for part in value.replace("\r\n", "\n").split("\n\n") if part.strip()]
    html = "".join("<p>{}</p>".format(linked(part).replace("\n", "<br>")) for part in paragraphs)
    return mark_safe(html.replace("<a href=", '<a rel="nofollow ugc noopener" href='))


def comment_link(view_name):
    """A function of a comment id giving `view_name`'s address for it, escaped: one reversal for the page."""
    prefix, suffix = (
        conditional_escape(part) for part in reverse(view_name, args=[PLACEHOLDER_PK]).split(str(PLACEHOLDER_PK))
    )
    return lambda pk: f"{prefix}{pk}{suffix}"


@dataclass
class ThreadMarkup:
    """What the comments of one rendering share: how names show, whether readers may reply (comments open) and
    like (the course not archived), and the reply, like and report addresses.

    Every byte is paid fifty times on a long thread (tests/performance/test_page_weight.py): no indentation (the
    rows are flex boxes with gaps). Like and Report take their purpose from the comment they sit in, under its
    author's heading (WCAG 2.4.4, in context), while Reply names the person, as its form's heading does. Dates
    are machine-readable to the day."""

    name_style: str
    comments_open: bool
    archived: bool

    def __post_init__(self):
        self.reply_url = comment_link("comments-xtd-reply")
        self.like_url = comment_link("comments-xtd-like")
        self.report_url = comment_link("comments-flag")

    def html(self, nodes):
        """The top-level comments, with their replies, as <li> items, each on a line of its own."""
        return mark_safe("".join(f"{strip_spaces_between_tags(self.item(node))}\n" for node in nodes))

    def item(self, node):
        """One comment and its replies: the author (linked to their website, if a web address), their badges, a
        permalink with the date, the text, and the actions this reader may take."""
        comment, pk = node.comment, node.comment.pk
        name = conditional_escape(commenter_name(comment, self.name_style))
        website = web_url(comment.user_url)
        author = format_html('<a href="{}" rel="nofollow ugc noopener">{}</a>', website, name) if website else name
        classes, badges = "comment", ""
        if node.is_instructor:
            classes, badges = f"{classes} by-instructor", '<span class="badge">Instructor</span>'
        if node.is_post_author:
            classes, badges = f"{classes} by-author", f'{badges}<span class="badge badge-author">Author</span>'
        when = format_html(
            '<time datetime="{}">{}</time>',
            timezone.localtime(comment.submit_date).date().isoformat(),
            comment_time(comment.submit_date),
        )
        awaiting = (
            '<p class="awaiting">Your comment is awaiting moderation. Only you can see it.</p>'
            if node.awaiting_moderation
            else ""
        )
        replies = "".join(self.item(child) for child in node.children)
        return (
            f'<li class="{classes}" id="c{pk}"><article><header class="comment-meta">'
            f'<h3 class="comment-author">{author}</h3>{badges}<a class="comment-permalink" href="#c{pk}">{when}</a>'
            f'</header>{awaiting}<div class="comment-body">{comment_text(comment.comment)}</div>'
            f'<footer class="comment-actions">{self.actions(node, name)}</footer></article>'
            + (f'<ol class="comment-children">{replies}</ol>' if node.children else "")
            + "</li>"
        )

    def actions(self, node, name):
        """Likes so far; Reply while replies are open and the thread not at its deepest; Like (not in an archived
        course) and Report on an approved comment only."""
        pk, html = node.comment.pk, ""
        if node.likes:
            html += f'<span class="likes">Liked by {node.likes} {"person" if node.likes == 1 else "people"}</span>'
        if node.can_reply and self.comments_open:
            html += (
                f'<a class="reply-link" href="{self.reply_url(pk)}">'
                f'Reply<span class="visually-hidden"> to {name}</span></a>'
            )
        if not node.awaiting_moderation:
            if not self.archived:
                html += f'<a class="feedback-link" href="{self.like_url(pk)}" rel="nofollow">Like</a>'
            html += f'<a class="feedback-link" href="{self.report_url(pk)}" rel="nofollow">Report</a>'
        return html
