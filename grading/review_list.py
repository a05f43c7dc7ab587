"""What grading adds to the review list (editorial/review_views.py) and the instructor's desk, through editorial's
hooks: each post's due date moved by its student's extension, and a Grade column.

The due date is one SQL expression, so the list's "Late"/"On time" filter, its sort and the desk's late marks all
count against the student's own due date, as grading/rules.py `due_for` does: the student's own extension, else
their section's, never earlier than the unit's due date; with no unit due date, the extension's.
"""

from django.db.models import DateTimeField, F, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest, Length, Substr
from django.urls import reverse
from wagtail.admin.ui.tables import Column
from wagtail.models import Page

from courses.models import Enrolment
from grading import rules
from grading.grade_views import score_text
from grading.models import AssignmentSettings, Extension, Grade
from grading.models.grades import GradeStatus


def extended_due_date():
    """The due date of each post in review (annotated with `unit_path`, `unit_due_date` and `author_id`)."""
    own = Extension.objects.filter(unit__path=OuterRef("unit_path"), student=OuterRef("author_id"))
    course_path = Substr(OuterRef(OuterRef("unit_path")), 1, Length(OuterRef(OuterRef("unit_path"))) - Page.steplen)
    section = Enrolment.objects.filter(user=OuterRef(OuterRef("author_id")), course__path=course_path).exclude(
        section=""
    )
    sections = Extension.objects.filter(
        unit__path=OuterRef("unit_path"), student__isnull=True, section=Subquery(section.values("section")[:1])
    )
    extension = Coalesce(Subquery(own.values("due_date")[:1]), Subquery(sections.values("due_date")[:1]))
    unit_due = F("unit_due_date")
    when = DateTimeField()
    return Coalesce(
        Greatest(Coalesce(extension, unit_due, output_field=when), unit_due, output_field=when),
        extension,
        output_field=when,
    )


class GradeColumn(Column):
    """ "Not graded", "Draft: 7 / 10" or "Released: 7 / 10", linking to the grading screen."""

    cell_template_name = "grading/grade_cell.html"

    def __init__(self):
        super().__init__("grade_summary", label="Grade")

    def decorate(self, posts):
        """Each post's grade and what its unit is out of, in four queries for the page."""
        grades = {grade.post_id: grade for grade in Grade.objects.filter(post__in=posts).with_scores()}
        out_of = {
            each.unit.path: rules.max_points(each)
            for each in AssignmentSettings.objects.filter(unit__path__in={post.unit_path for post in posts})
            .select_related("unit", "rubric")
            .prefetch_related("rubric__criteria__levels")
        }
        for post in posts:
            post.grade_url = reverse("grading:grade_post", args=[post.pk])
            post.grade_summary = summary(grades.get(post.pk), out_of.get(post.unit_path))

    def get_value(self, instance):
        return getattr(instance, "grade_summary", "")

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["grade_url"] = getattr(instance, "grade_url", "")
        return context


def summary(grade, out_of):
    """As the grading screen says it: "Draft: 6 / 10, less 10% late penalty = 5.40"."""
    if grade is None:
        return "Not graded"
    state = "Released" if grade.status == GradeStatus.RELEASED else "Draft"
    return f"{state}: {score_text(grade, out_of)}"


def review_list_columns(request):
    return [GradeColumn()]
