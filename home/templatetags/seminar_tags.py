"""Template helpers for absolute URLs (canonical links, Open Graph and feeds must name the Site's own address),
and for showing what students wrote. The discussion's own helpers are in discussion_tags."""

from urllib.parse import urlsplit

from django import template
from django.utils import timezone
from wagtail.models import Site

from blog import visibility
from blog.models import CourseSettings, public_name

register = template.Library()


def site_root_url(request):
    site = Site.find_for_request(request)
    return site.root_url if site else request.build_absolute_uri("/").rstrip("/")


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """`path` ("/media/…" or "/unit/post/") as an absolute URL on the request's Wagtail Site; a URL that is
    already absolute (media on object storage) is returned as it is."""
    if path.startswith(("http://", "https://", "//")):
        return path
    return site_root_url(context["request"]) + path


@register.simple_tag(takes_context=True)
def course_units(context, course):
    """The course's units this request's reader may see: class-only units too for the class."""
    request = context.get("request")
    return course.units(request.user if request else None)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's canonical address: the Site's root URL and path, keeping only a ?page= beyond the first."""
    request = context["request"]
    url = site_root_url(request) + request.path
    page_number = request.GET.get("page", "")
    try:
        # isdecimal(), not isdigit(), which "²" passes and int() refuses; int() also refuses over 4,300 digits.
        number = int(page_number) if page_number.isdecimal() else 1
    except ValueError:
        number = 1
    if number > 1:
        url += f"?page={number}"
    return url


@register.filter
def web_url(value):
    """The address if it is an absolute http(s) URL, else "": a stored link (a commenter's website, a source, an
    imported post's) is never a script, a data URL or a relative path, whatever got it into the database."""
    try:
        parts = urlsplit(str(value or "").strip())
    except ValueError:
        return ""
    return parts.geturl() if parts.scheme in ("http", "https") and parts.netloc else ""


@register.filter
def iso_datetime(value):
    """A `<time datetime>` value in the site's time zone, to the second (HTML rejects microseconds)."""
    return timezone.localtime(value).replace(microsecond=0).isoformat() if value else ""


@register.filter(name="public_name")
def public_name_filter(user, request=None):
    """How readers see a course member's name (never their email or username), as the request's course chooses."""
    return public_name(user, CourseSettings.name_style(request))


@register.filter
def full_stop(value):
    """The period that ends a sentence after `value`, or nothing when `value` already ends one, so that "Commenting
    as Jordan C." and "Finished at 2:26 p.m." take no second: `<strong>{{ name }}</strong>{{ name|full_stop }}`."""
    return "" if str(value or "").rstrip().endswith((".", "!", "?", "…")) else "."


@register.filter
def is_restricted(page):
    """Whether `page` is kept from the public (class-only, log-in, password): read from the request's memo of view
    restrictions, where Wagtail's `page.get_view_restrictions` would query again."""
    return page is not None and hasattr(page, "path") and visibility.is_restricted(page)
