"""The admin's roster forms, for the chosen course: the upload, whose file is read and checked as a whole here, so an
unusable file is a form error and nothing is written; and the removal of one of the course's students on request."""

from django import forms
from django.contrib.auth import get_user_model

from courses.models import Enrolment, Role
from courses.roles import INSTRUCTORS
from roster.importer import MAX_FILE_BYTES, RosterFileError, parse_roster


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label="Roster file (CSV)",
        help_text=(
            "UTF-8 CSV, at most 2 MB, with a header row: email, first_name, last_name and optionally section and role."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    dry_run = forms.BooleanField(
        label="Preview only",
        required=False,
        initial=True,
        help_text="Show what the import would do without changing anything. You can then import the same file.",
    )
    deactivate_missing = forms.BooleanField(
        label="End the enrolment of students not in the file",
        required=False,
        help_text=(
            "Students and guests of this course whom the file does not list leave the course. Their accounts stay "
            "open, with their other courses; instructors and teaching assistants are never affected."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the limit is 2 MB.", code="too_big"
            )
        data = b"".join(upload.chunks())
        try:
            self.roster = parse_roster(data)
        except RosterFileError as error:
            raise forms.ValidationError(f"{error} Nothing was imported.", code="unusable") from None
        self.text = data.decode("utf-8-sig")  # kept for the import that follows a preview
        return upload


def removable_students(course):
    """The course's students (enrolled now or before), not yet removed; never the staff of any course,
    administrators or superusers."""
    return (
        get_user_model()
        .objects.filter(is_superuser=False, is_staff=False)
        .filter(pk__in=Enrolment.objects.filter(course=course, role=Role.STUDENT).values("user"))
        .exclude(pk__in=Enrolment.objects.active().staff().values("user"))
        .exclude(groups__name=INSTRUCTORS)
        .exclude(is_active=False, first_name="", last_name="")
        .order_by("last_name", "first_name", "pk")
    )


class StudentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{user.last_name}, {user.first_name} ({user.email})" + ("" if user.is_active else " – deactivated")


class RemovalForm(forms.Form):
    student = StudentChoiceField(queryset=get_user_model().objects.none(), empty_label="Choose a student")
    posts = forms.ChoiceField(
        label="Their posts",
        choices=[
            ("keep", "Keep them published for the course, by “Former student”"),
            ("unpublish", "Unpublish them (they stay in the admin as drafts, with every revision)"),
        ],
        initial="keep",
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label="I understand that their name, email and log-in are erased for good, in every course",
        error_messages={"required": "Tick the box to confirm: the removal cannot be undone."},
    )

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = removable_students(course)
