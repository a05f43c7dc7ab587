"""Grading's admin URLs, under /admin/grading/ (namespace "grading"): each module keeps its own urlpatterns."""

from grading import grade_views, gradebook_views, release, student_views, unit_views

app_name = "grading"
urlpatterns = [
    *unit_views.urlpatterns,
    *release.urlpatterns,
    *grade_views.urlpatterns,
    *student_views.urlpatterns,
    *gradebook_views.urlpatterns,
]
