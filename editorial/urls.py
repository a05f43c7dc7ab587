"""Guarded copies of a few Wagtail admin views (see editorial/guards.py), decorated as Wagtail decorates its own.

site_project/urls.py includes these under "admin/" before Wagtail's admin URLs, so they answer first; every other
admin URL falls through to Wagtail. Wagtail's URL names still reverse to the same paths.
"""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from courses.account import CourseAccountView
from editorial import guards

urlpatterns = [
    path("choose-page/chosen-multiple/", guards.ChosenMultipleView.as_view()),
    path("choose-external-link/", guards.ExternalLinkView.as_view()),
    path("reports/page-types-usage/", guards.PageTypesReportView.as_view()),
    path("reports/page-types-usage/results/", guards.PageTypesReportView.as_view(results_only=True)),
    path("account/", CourseAccountView.as_view()),  # students' name and email come from the roster (courses.account)
]
urlpatterns = decorate_urlpatterns(decorate_urlpatterns(urlpatterns, require_admin_access), never_cache)
