"""The participation report's admin URLs and its item in Wagtail's Reports menu (for instructors and TAs)."""

from django.urls import path, reverse
from wagtail import hooks

from courses.instructors import InstructorMenuItem
from reports.views import ParticipationReportView


@hooks.register("register_admin_urls")
def register_participation_report_urls():
    return [
        path("reports/participation/", ParticipationReportView.as_view(), name="participation_report"),
        path(
            "reports/participation/results/",
            ParticipationReportView.as_view(results_only=True),
            name="participation_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_participation_menu_item():
    return InstructorMenuItem(
        "Participation",
        reverse("participation_report"),
        name="participation",
        icon_name="group",
        order=650,
        teaching_assistants_too=True,
    )
