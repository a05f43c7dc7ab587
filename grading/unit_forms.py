"""The forms of a unit's "Grading settings" page: its assignment settings, and a new extension for one student or one
section. The models' clean() runs through the ModelForms (their errors are the forms' errors); an extension's
uniqueness per student and per section is checked here, since the unit is not one of the form's fields."""

from django import forms
from django.contrib.auth import get_user_model
from wagtail.admin.widgets import AdminDateTimeInput

from courses.models import Enrolment, Role

from .models import AssignmentSettings, Extension, Rubric


def member_name(user):
    return user.get_full_name() or user.get_username()


def section_label(section):
    return f"Section {section}"


def holder(extension):
    """Who an extension is for: the student by name, or "Section 001"."""
    return section_label(extension.section) if extension.section else member_name(extension.student)


class AssignmentSettingsForm(forms.ModelForm):
    """The unit's settings; the rubric is one of the unit's course's. `read_only` (teaching assistants) shows the
    values with every field disabled."""

    class Meta:
        model = AssignmentSettings
        fields = [
            "cutoff_date",
            "late_policy",
            "penalty_percent_per_day",
            "penalty_cap_percent",
            "points",
            "rubric",
            "lock_after_grading",
        ]
        widgets = {"cutoff_date": AdminDateTimeInput}

    def __init__(self, *args, course, read_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rubric"].queryset = Rubric.objects.filter(course=course).order_by("title", "pk")
        if read_only:
            for field in self.fields.values():
                field.disabled = True


class StudentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return member_name(obj)


class ExtensionForm(forms.ModelForm):
    """A new extension of the unit: a student of its course (active student enrolments, by name) or one of the
    sections among its enrolments, and the new due date."""

    student = StudentChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        help_text="The student who gets more time. Leave blank to give a whole section more time.",
    )
    section = forms.ChoiceField(
        required=False, help_text="The section that gets more time. Leave blank to give one student more time."
    )

    class Meta:
        model = Extension
        fields = ["student", "section", "due_date"]
        widgets = {"due_date": AdminDateTimeInput}

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        enrolments = Enrolment.objects.active().filter(course=course)
        students = enrolments.filter(role=Role.STUDENT).values("user_id")
        self.fields["student"].queryset = (
            get_user_model().objects.filter(pk__in=students).order_by("last_name", "first_name", "username")
        )
        sections = enrolments.exclude(section="").order_by("section").values_list("section", flat=True).distinct()
        self.fields["section"].choices = [("", "---------"), *((each, section_label(each)) for each in sections)]

    def clean(self):
        """One extension per student and per section of a unit: a second one is refused, saying whose it is."""
        data = super().clean()
        student, section = data.get("student"), data.get("section")
        existing = Extension.objects.filter(unit_id=self.instance.unit_id)
        if student is not None and existing.filter(student=student).exists():
            raise forms.ValidationError(
                f"{member_name(student)} already has an extension for this unit: remove it first to give another date."
            )
        if section and existing.filter(section=section).exists():
            raise forms.ValidationError(
                f"{section_label(section)} already has an extension for this unit: remove it first to give another "
                "date."
            )
        return data
