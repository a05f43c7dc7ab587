"""{% with_notes value|richtext %}: a paragraph's footnote markers as numbered references (blog/notes.py)."""

from django import template
from django.utils.safestring import mark_safe

from blog.notes import render_references

register = template.Library()


@register.simple_tag(takes_context=True)
def with_notes(context, html):
    """The rendered paragraph with its markers replaced by the `refs` its page gave it (CitingMixin.citations());
    where there are none (a page that renders its body without them) the markers are taken out."""
    # The rendered rich text is safe HTML; each reference is built with format_html.
    return mark_safe(render_references(html, context.get("refs") or ()))  # noqa: S308
