"""The gradebook page in the admin (/admin/grading/gradebook/): one course's students by its graded units, for the
course's instructors and teaching assistants and for site administrators, with CSV and XLSX downloads of the same
figures (grading/gradebook.py builds them).

The course is chosen as on the participation report (`?course=`, courses/choice.py): a course the user does not
staff is a 404, and students are refused. Downloads go through Wagtail's SpreadsheetExportMixin, whose CSV writing
courses/spreadsheets.py makes formula-safe; its XLSX cells are never formulas, headings (unit titles) included.
"""

from django import forms
from django.http import Http404
from django.urls import path
from django.views.generic import TemplateView
from openpyxl import Workbook
from wagtail import hooks
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from courses.choice import COURSE_PARAMETER, CourseChoiceMixin, CourseExportMixin
from courses.instructors import InstructorRequiredMixin
from courses.models import STAFF_ROLES

from . import gradebook
from .access import course_role, may_grade


class GradebookFilters(forms.Form):
    section = forms.ChoiceField(required=False)
    ordering = forms.ChoiceField(required=False, choices=[(each, each) for each in gradebook.ORDERINGS])

    def __init__(self, data, sections):
        super().__init__(data)
        self.fields["section"].choices = [("", "All sections"), *((each, each) for each in sections)]
        self.fields["section"].error_messages["invalid_choice"] = "This course has no section “%(value)s”."


class GradebookView(
    InstructorRequiredMixin,
    CourseChoiceMixin,
    CourseExportMixin,
    SpreadsheetExportMixin,
    WagtailAdminTemplateMixin,
    TemplateView,
):
    teaching_assistants_too = True
    course_roles = STAFF_ROLES
    page_title = "Gradebook"
    header_icon = "table"
    template_name = "grading/gradebook.html"
    export_filename = "gradebook"

    def get_page_subtitle(self):
        return self.course.title

    def get(self, request, *args, **kwargs):
        if not may_grade(course_role(request.user, self.course)):
            raise Http404("No such course")  # CourseChoiceMixin lets only the course's staff in: grading agrees
        sections = gradebook.course_sections(self.course)
        self.filters = GradebookFilters(request.GET, sections)
        if not self.filters.is_valid():
            return self.render_to_response(self.get_context_data(book=None), status=400)
        section = self.filters.cleaned_data["section"]
        self.book = gradebook.build(self.course, section=section or None, sections=sections)
        self.book.order_by(self.filters.cleaned_data["ordering"] or "name")
        self.list_export, self.export_headings = export_columns(self.book.columns)
        if self.is_export:
            return self.as_spreadsheet(self.book.rows, request.GET["export"])
        return self.render_to_response(self.get_context_data(book=self.book))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ordering = self.filters.cleaned_data.get("ordering") or "name"
        context.update(
            filters=self.filters,
            ordering=ordering,
            sort_links={key: self.sort_link(key, ordering) for key in ("name", "section", "total")},
            # Other apps' notices about this course's grades (safe HTML, or None), e.g. scores the LMS did not take.
            notices=[n for hook in hooks.get_hooks("gradebook_notices") if (n := hook(self.request, self.course))],
        )
        book = kwargs.get("book")
        if book is not None:
            context["rows"] = book.totals()
            context["section"] = self.filters.cleaned_data["section"]
        return context

    def sort_link(self, key, ordering):
        """The column heading's link: sort by `key`, the other way round when the rows are sorted by it already."""
        params = self.request.GET.copy()
        params[COURSE_PARAMETER] = self.course.pk
        params["ordering"] = f"-{key}" if ordering == key else key
        params.pop("export", None)
        return f"{self.request.path}?{params.urlencode()}"

    # --- Downloads: one row per student, as on the screen ---

    def to_row_dict(self, row):
        values = {
            "name": row.name,
            "username": row.user.get_username(),
            "email": row.user.email,
            "section": row.section,
        }
        for column, cell in zip(self.book.columns, row.cells, strict=True):
            values[f"unit-{column.unit.pk}-score"] = cell.score
            values[f"unit-{column.unit.pk}-late"] = cell.late_days
            values[f"unit-{column.unit.pk}-status"] = cell.export_status
        values.update(total=row.total, out_of=row.out_of(self.book.columns))
        return {field: values[field] for field in self.list_export}

    def write_xlsx(self, queryset, output):
        """Wagtail's, with the headings written like every other cell: a unit titled "=…" stays text."""
        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title="Gradebook")
        headings = {field: self.get_heading(queryset, field) for field in self.list_export}
        worksheet.append(self.generate_xlsx_row(worksheet, headings))
        for item in queryset:
            worksheet.append(self.generate_xlsx_row(worksheet, self.to_row_dict(item)))
        workbook.save(output)


def export_columns(columns):
    """The download's fields and their headings: the student, then each unit's three columns, then the total."""
    fields = ["name", "username", "email", "section"]
    headings = {"name": "Student", "username": "Username", "email": "Email", "section": "Section"}
    for column in columns:
        for part, suffix in EXPORT_PARTS.items():
            fields.append(f"unit-{column.unit.pk}-{part}")
            headings[fields[-1]] = f"{column.unit.title}{suffix}"
    return [*fields, "total", "out_of"], {**headings, "total": "Total", "out_of": "Out of"}


# Each unit's three columns in a download: its score (a number, blank when none), days late, and status.
EXPORT_PARTS = {"score": "", "late": " (days late)", "status": " (status)"}


def post_buttons(page, user):
    """Header buttons on a post's edit page (none yet)."""
    return []


urlpatterns = [path("gradebook/", GradebookView.as_view(), name="gradebook")]
