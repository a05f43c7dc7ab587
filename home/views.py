"""Site-level pages that belong to no single Wagtail page: robots.txt and the error pages."""

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import PasswordResetView
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Site


def course_for_request(request):
    """The course (HomePage) of the Wagtail Site this request was made to, if it has one."""
    site = Site.find_for_request(request)
    root = site.root_page.specific if site else None
    return root if hasattr(root, "get_course") else None


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain")


def page_not_found(request, exception):
    return render(request, "404.html", {"course": course_for_request(request)}, status=404)


class InvitedMembersResetForm(PasswordResetForm):
    """Students invited from the roster have no password yet; an expired invitation must not be a dead end."""

    def get_users(self, email):
        return get_user_model().objects.filter(email__iexact=email, is_active=True)


class CoursePasswordResetView(PasswordResetView):
    """Reset links name the host the reader used and the course, not django.contrib.sites' placeholder site."""

    form_class = InvitedMembersResetForm

    def form_valid(self, form):
        course = course_for_request(self.request)
        self.extra_email_context = {
            "domain": self.request.get_host(),
            "site_name": course.title if course else "Seminar",
        }
        return super().form_valid(form)
