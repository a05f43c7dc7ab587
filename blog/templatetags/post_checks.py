"""The server's accessibility findings (blog/content_checks.py) marked on a post's preview, for Wagtail's content
checker to show beside its own (blog/wagtail_hooks.py): axe-core judges what it sees, but not whether words say
where a link goes, nor whether a quote names its source; a preview's links and quotes carry the server's verdict
as `data-content-check`, which the checker's rules read. Only a preview is marked: readers get the plain page."""

from bs4 import BeautifulSoup
from django import template
from django.utils.safestring import mark_safe

from blog.content_checks import ERROR, check_quote, link_problem

register = template.Library()

LINK_TEXT, LINK_ADDRESS, QUOTE_SOURCE = "link-text", "link-address", "quote-source"


@register.filter
def marked_links(html):
    """Rich text's HTML with each link whose text says nothing (or is a web address) marked."""
    soup = BeautifulSoup(str(html), "html.parser")
    for link in soup("a"):
        problem = link_problem(link.get_text(" ", strip=True))
        if problem:
            link["data-content-check"] = LINK_TEXT if problem[0] == ERROR else LINK_ADDRESS
    return mark_safe(str(soup))  # noqa: S308 - Wagtail's rich text, parsed and written back with its escapes


@register.filter
def lacks_source(quote):
    """Whether a quote block names neither who said it nor where."""
    return bool(check_quote(quote))
