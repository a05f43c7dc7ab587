"""Grading's admin pages: Rubrics."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from grading.models import Rubric
from grading.rubric_views import RubricPermissionPolicy, RubricViewSet

register_permission_policy(Rubric, RubricPermissionPolicy(Rubric))


@hooks.register("register_admin_viewset")
def register_rubrics():
    return RubricViewSet("rubrics")
