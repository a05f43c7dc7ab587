"""The participation report's filters, for one course. Section picks rows; the activity dates and the unit scope
the counts. The units and sections offered are the course's own: a unit of another course is not a valid choice."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from blog.models import CourseUnitPage
from courses.models import Enrolment, Role

from .participation import Scope


def section_choices(course):
    """The sections of the course's student enrolments, A to Z."""
    sections = (
        Enrolment.objects.filter(course=course, role=Role.STUDENT)
        .exclude(section="")
        .order_by("section")
        .values_list("section", flat=True)
        .distinct()
    )
    return [(section, section) for section in sections]


class ParticipationFilterSet(WagtailFilterSet):
    activity = django_filters.DateFromToRangeFilter(
        label=_("Activity between"),
        widget=DateRangePickerWidget,
        method="scope_counts",
        help_text=_("Counts only submissions, publications and comments dated within these days (both included)."),
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"),
        queryset=CourseUnitPage.objects.none(),  # the course's units: see __init__
        method="scope_counts",
        empty_label=_("All units"),
        help_text=_("Counts only posts in this unit and comments on them."),
    )
    section = django_filters.ChoiceFilter(label=_("Section"), field_name="section", empty_label=_("All"))

    class Meta:
        model = get_user_model()
        fields = ["activity", "unit", "section"]

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        self.filters["unit"].queryset = CourseUnitPage.objects.child_of(course).order_by("path")
        self.filters["section"].extra["choices"] = section_choices(course)

    def scope_counts(self, queryset, name, value):
        """The dates and the unit change what is counted, never which students are listed: see `scope`."""
        return queryset

    def scope(self):
        """The counting scope the valid filters ask for (the whole course while any filter is invalid)."""
        if not self.is_valid():
            return Scope(self.course)
        data = self.form.cleaned_data
        period = data.get("activity")
        return Scope(
            self.course,
            start=period.start if period else None,  # the first day from midnight, in the course's time zone
            end=period.stop if period else None,  # the last day until 23:59:59.999999
            unit=data.get("unit"),
        )
