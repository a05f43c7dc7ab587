"""The participation report's filters. Section picks rows; the activity dates and the unit scope the counts."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from blog.models import AuthorProfile, CourseUnitPage
from courses.roles import STUDENTS

from .participation import Scope


def section_choices():
    sections = (
        AuthorProfile.objects.filter(user__groups__name=STUDENTS)
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
        queryset=CourseUnitPage.objects.order_by("path"),
        method="scope_counts",
        empty_label=_("All units"),
        help_text=_("Counts only posts in this unit and comments on them."),
    )
    section = django_filters.ChoiceFilter(
        label=_("Section"), field_name="author_profile__section", choices=section_choices, empty_label=_("All")
    )

    class Meta:
        model = get_user_model()
        fields = ["activity", "unit", "section"]

    def scope_counts(self, queryset, name, value):
        """The dates and the unit change what is counted, never which students are listed: see `scope`."""
        return queryset

    def scope(self):
        """The counting scope the valid filters ask for."""
        if not self.is_valid():
            return Scope()
        data = self.form.cleaned_data
        period = data.get("activity")
        return Scope(
            start=period.start if period else None,  # the first day from midnight, in the course's time zone
            end=period.stop if period else None,  # the last day until 23:59:59.999999
            unit=data.get("unit"),
        )
