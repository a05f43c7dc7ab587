"""The participation report in the Wagtail admin: a ReportView over one course's students, for that course's
instructors and teaching assistants (and site administrators), with the course chooser in the header."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from courses.choice import CourseChoiceMixin, CourseExportMixin
from courses.instructors import InstructorRequiredMixin
from courses.models import STAFF_ROLES
from courses.spreadsheets import local_times

from .filters import ParticipationFilterSet
from .participation import Scope, participation

# The columns and their rules, shown above the table (the rules themselves live in participation.py).
COLUMN_HELP = [
    (
        _("Posts submitted"),
        _(
            "Posts the student sent to review in the period (each post once, however often resubmitted), plus posts "
            "published without a review request from them, counted on their first publication."
        ),
    ),
    (_("Posts published"), _("The student's live posts first published in the period.")),
    (_("Comments written"), _("Their approved comments (public, not removed) written in the period.")),
    (
        _("Replies received"),
        _("Approved comments by anyone else (classmates, instructors, guests) on their posts, in the period."),
    ),
    (
        _("Last activity"),
        _("The latest of their submissions, first publications and comments written, within the filters."),
    ),
]
# A name sorts by family name, then given name; every other ordering breaks ties with these, so pages are stable.
NAME_ORDER = ("last_name", "first_name", "username", "pk")


class StudentColumn(Column):
    """Full name (or username), email, and tags for a closed account ("Inactive") and an ended enrolment ("Left the
    course"): the course's staff see more than the public byline."""

    cell_template_name = "reports/participation_student_cell.html"


class NumberColumn(Column):
    def __init__(self, name, label):
        super().__init__(name, label=label, sort_key=name, classname="participation-count")


class ParticipationReportView(InstructorRequiredMixin, CourseChoiceMixin, CourseExportMixin, ReportView):
    teaching_assistants_too = True
    course_roles = STAFF_ROLES
    page_title = _("Participation")
    header_icon = "group"
    template_name = "reports/participation.html"
    results_template_name = "reports/participation_results.html"
    filterset_class = ParticipationFilterSet
    index_url_name = "participation_report"
    index_results_url_name = "participation_report_results"
    default_ordering = "name"
    export_filename = "participation"
    verbose_name = _("student")
    verbose_name_plural = _("students")
    columns = [
        StudentColumn("name", label=_("Student"), sort_key="name", accessor="get_full_name"),
        Column("section", label=_("Section"), sort_key="section"),
        NumberColumn("posts_submitted", _("Posts submitted")),
        NumberColumn("posts_published", _("Posts published")),
        NumberColumn("comments_written", _("Comments written")),
        NumberColumn("replies_received", _("Replies received")),
        DateColumn("last_activity", label=_("Last activity"), sort_key="last_activity"),
    ]
    list_export = [
        "get_full_name",
        "username",
        "email",
        "is_active",
        "enrolled",
        "section",
        "posts_submitted",
        "posts_published",
        "comments_written",
        "replies_received",
        "last_activity",
    ]
    export_headings = {
        "get_full_name": _("Name"),
        "username": _("Username"),
        "email": _("Email"),
        "is_active": _("Account"),
        "enrolled": _("Enrolment"),
        "section": _("Section"),
        "posts_submitted": _("Posts submitted"),
        "posts_published": _("Posts published"),
        "comments_written": _("Comments written"),
        "replies_received": _("Replies received"),
        "last_activity": _("Last activity"),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        account = {self.FORMAT_CSV: account_status, self.FORMAT_XLSX: account_status}
        enrolment = {self.FORMAT_CSV: enrolment_status, self.FORMAT_XLSX: enrolment_status}
        last_activity = local_times(self)
        self.custom_field_preprocess = {
            **self.custom_field_preprocess,
            "is_active": account,
            "enrolled": enrolment,
            "last_activity": last_activity,
        }

    def get_page_subtitle(self):
        return self.course.title

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "course": self.course}

    @property
    def scope(self):
        return self.filters.scope() if self.filters else Scope(self.course)

    def get_base_queryset(self):
        return participation(self.scope)

    def order_queryset(self, queryset):
        """The chosen column (no activity counts as the oldest), then names A to Z; "name" sorts names only."""
        descending = self.ordering.startswith("-")
        key = self.ordering.removeprefix("-")
        chosen = NAME_ORDER if key == "name" else (key,)
        if descending:
            order = [F(field).desc(nulls_last=True) for field in chosen]
        else:
            order = [F(field).asc(nulls_first=True) for field in chosen]
        return queryset.order_by(*order, *(field for field in NAME_ORDER if field not in chosen))

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["column_help"] = COLUMN_HELP
        context["scope"] = self.scope
        return context


def account_status(is_active):
    return "active" if is_active else "inactive"


def enrolment_status(enrolled):
    return "enrolled" if enrolled else "left the course"
