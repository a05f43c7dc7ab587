"""The admin's roster upload form: the file is read and checked as a whole here, so an unusable file is a form
error and nothing is written."""

from django import forms

from blog.roster.importer import MAX_FILE_BYTES, RosterFileError, parse_roster


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label="Roster file (CSV)",
        help_text="UTF-8 CSV, at most 2 MB, with a header row: email, first_name, last_name and optionally section.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    dry_run = forms.BooleanField(
        label="Preview only",
        required=False,
        initial=True,
        help_text="Show what the import would do without changing anything. You can then import the same file.",
    )
    deactivate_missing = forms.BooleanField(
        label="Deactivate students not in the file",
        required=False,
        help_text="Students the file does not list can no longer log in. Instructors are never deactivated.",
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
