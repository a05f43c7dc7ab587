"""Grading's admin pages: Rubrics, and each unit's "Grading settings" (from its buttons in the page explorer)."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy

from blog.models import CourseUnitPage
from courses.instructors import InstructorMenuItem
from grading import admin_urls, grade_views, review_list, student_views, unit_views
from grading.locking import is_locked_for, refuse_locked
from grading.models import Rubric
from grading.rubric_views import RubricPermissionPolicy, RubricViewSet

register_permission_policy(Rubric, RubricPermissionPolicy(Rubric))


@hooks.register("register_admin_viewset")
def register_rubrics():
    return RubricViewSet("rubrics")


@hooks.register("register_admin_menu_item")
def register_gradebook_menu_item():
    """ "Gradebook", beside Rubrics, for the staff of any course and site administrators (the page picks the course)."""
    return InstructorMenuItem(
        "Gradebook",
        reverse("grading:gradebook"),
        name="gradebook",
        icon_name="table",
        order=860,
        teaching_assistants_too=True,
    )


@hooks.register("register_admin_urls")
def register_unit_urls():
    return [path("grading/", include((admin_urls.urlpatterns, admin_urls.app_name), namespace="grading"))]


def unit_buttons(page, user):
    """ "Grading settings" on a unit, for those who may see them (one query a request, however many units)."""
    if issubclass(page.specific_class or object, CourseUnitPage) and unit_views.may_view_unit(user, page):
        yield Button("Grading settings", unit_views.settings_url(page), icon_name="table", priority=70)


@hooks.register("register_page_header_buttons")
def unit_header_buttons(page, user, view_name, next_url=None):
    yield from unit_buttons(page, user)


@hooks.register("register_page_header_buttons")
def post_header_buttons(page, user, view_name, next_url=None):
    """On a post: "Grade" for the course's staff (grade_views), "Your grade" for its student (student_views)."""
    yield from grade_views.post_buttons(page, user)
    yield from student_views.post_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def unit_listing_buttons(page, user, next_url=None):
    yield from unit_buttons(page, user)


@hooks.register("review_due_date")
def review_due_date():
    """The review list and the desk count lateness against each student's own due date (extensions)."""
    return review_list.extended_due_date()


hooks.register("register_review_list_columns", review_list.review_list_columns)


# Lock after grading (grading/locking.py): a graded post of a locking unit is no longer its student's to change.
hooks.register("before_edit_page", refuse_locked)
hooks.register("before_delete_page", refuse_locked)
hooks.register("before_unpublish_page", refuse_locked)


@hooks.register("refuse_contributor_delete")
def keep_locked_posts(user, page):
    """A student may not delete a graded post of a locking unit, from its page or in bulk."""
    return is_locked_for(user, page)
