"""Template helpers for absolute URLs: canonical links, Open Graph and feeds must name the Site's own address."""

from django import template
from wagtail.models import Site

register = template.Library()


def site_root_url(request):
    site = Site.find_for_request(request)
    return site.root_url if site else request.build_absolute_uri("/").rstrip("/")


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """`path` ("/media/…" or "/unit/post/") as an absolute URL on the request's Wagtail Site."""
    return site_root_url(context["request"]) + path


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's canonical address: the Site's root URL and path, keeping only a ?page= beyond the first."""
    request = context["request"]
    url = site_root_url(request) + request.path
    page_number = request.GET.get("page", "")
    if page_number.isdigit() and int(page_number) > 1:
        url += f"?page={int(page_number)}"
    return url
