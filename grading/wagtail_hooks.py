"""Grading's admin pages: Rubrics, and each unit's "Grading settings" (from its buttons in the page explorer)."""

from django.urls import include, path
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy

from blog.models import CourseUnitPage
from grading import unit_views
from grading.models import Rubric
from grading.rubric_views import RubricPermissionPolicy, RubricViewSet

register_permission_policy(Rubric, RubricPermissionPolicy(Rubric))


@hooks.register("register_admin_viewset")
def register_rubrics():
    return RubricViewSet("rubrics")


@hooks.register("register_admin_urls")
def register_unit_urls():
    return [path("grading/", include((unit_views.urlpatterns, unit_views.app_name), namespace="grading"))]


def unit_buttons(page, user):
    """ "Grading settings" on a unit, for those who may see them (one query a request, however many units)."""
    if issubclass(page.specific_class or object, CourseUnitPage) and unit_views.may_view_unit(user, page):
        yield Button("Grading settings", unit_views.settings_url(page), icon_name="table", priority=70)


@hooks.register("register_page_header_buttons")
def unit_header_buttons(page, user, view_name, next_url=None):
    yield from unit_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def unit_listing_buttons(page, user, next_url=None):
    yield from unit_buttons(page, user)
