"""Site-level pages that belong to no single Wagtail page: robots.txt and the error pages."""

from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Site


def course_for(request):
    """The course (HomePage) of the Wagtail Site this request was made to, if it has one."""
    site = Site.find_for_request(request)
    root = site.root_page.specific if site else None
    return root if hasattr(root, "get_course") else None


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain")


def page_not_found(request, exception):
    return render(request, "404.html", {"course": course_for(request)}, status=404)
