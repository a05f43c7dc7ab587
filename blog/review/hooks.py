"""The review list's URL and its place in the admin's Reports menu (instructors only)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from blog.review.views import ReviewListView
from blog.roles import is_instructor


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("reports/review/", ReviewListView.as_view(), name="review_list"),
        path("reports/review/results/", ReviewListView.as_view(results_only=True), name="review_list_results"),
    ]


class InstructorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_instructor(request.user)


@hooks.register("register_reports_menu_item")
def register_review_menu_item():
    return InstructorMenuItem("Posts awaiting review", reverse("review_list"), icon_name="tasks", order=100)
