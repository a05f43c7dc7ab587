"""A rolled-over course keeps its grading: terms.rollover sends `course_rolled_over`, and the new course gets a copy of
each of the source's rubrics and, on each unit's copy, the unit's grading settings (the cut-off moved by the same
shift as the due date, the copied rubric in place of the old, nothing released). Extensions and grades belong to
the old term's students and stay with it."""

from grading.models import AssignmentSettings, Rubric
from terms.rollover import shifted


def copy_grading(sender, source, course, units, shift, **kwargs):
    rubrics = {rubric.pk: rubric.copy_to(course) for rubric in Rubric.objects.filter(course=source)}
    settings = AssignmentSettings.objects.filter(unit__in=[unit for unit, _ in units])
    by_unit = {each.unit_id: each for each in settings}
    for unit, copy in units:
        old = by_unit.get(unit.pk)
        if old is None:
            continue
        new = AssignmentSettings(unit=copy)
        for field in AssignmentSettings._meta.concrete_fields:
            if field.name not in ("id", "unit", "rubric", "grades_released_at"):
                setattr(new, field.attname, getattr(old, field.attname))
        new.cutoff_date = shifted(old.cutoff_date, shift)
        new.rubric = rubrics.get(old.rubric_id)
        new.save()
