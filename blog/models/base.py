"""What every page of a course shares: finding its course, and asking the project's page policy what a user may do.

The course is a `home.HomePage`; the content apps sit side by side (home lists blog's pages), so blog names it by
its label, as a foreign key would, instead of importing it."""

from django.apps import apps
from wagtail.models import Page, Site
from wagtail.permissions import policy_registry


def course_for(page, request=None):
    """The course (HomePage) a page belongs to: the course of the page the request is serving, or the request's
    Site root when it is that course, as they are after routing (no query); otherwise the page's HomePage
    ancestor."""
    home_page = apps.get_model("home", "HomePage")
    served = getattr(request, "seminar_course", None)
    if served is not None and page.path.startswith(served.path):
        return served
    site = Site.find_for_request(request) if request else None
    root = site.root_page.specific if site else None
    if isinstance(root, home_page) and page.path.startswith(root.path):
        return root
    return home_page.objects.ancestor_of(page, inclusive=True).first()


class PolicyPermissionsMixin:
    """A page's permission tester comes from the page permission policy registered for Wagtail's pages (editorial
    registers one that narrows Wagtail's for students), so the page models need not know who registered it."""

    def permissions_for_user(self, user):
        make_tester = getattr(policy_registry.get_by_type(Page), "page_permission_tester", None)
        return make_tester(user, self) if make_tester else super().permissions_for_user(user)
