"""The admin's "Roll over" form: what `rollover_course` takes as options."""

from django import forms

from home.models import CataloguePage

OWN_SITE = ""


def catalogue_choices():
    """Each live catalogue as the --under value that names it (HOST/path/), by title."""
    choices = [(OWN_SITE, "None: the course gets a site of its own (give its hostname)")]
    for catalogue in CataloguePage.objects.live().order_by("title"):
        parts = catalogue.get_url_parts()
        if parts is not None:
            site = catalogue.get_site()
            choices.append((f"{site.hostname}{parts[2]}", f"{catalogue.title} ({site.hostname}{parts[2]})"))
    return choices


class RolloverForm(forms.Form):
    term = forms.CharField(max_length=50, help_text="The new term's name, e.g. “Fall 2027”.")
    starts = forms.DateField(
        required=False,
        help_text="The new term's first day: units' due dates move by the difference between the terms' first days.",
    )
    ends = forms.DateField(
        required=False, help_text="The new term's last day. Left blank: as long after the first day as this term."
    )
    under = forms.ChoiceField(label="Course catalogue", required=False, choices=catalogue_choices)
    hostname = forms.CharField(
        required=False,
        max_length=255,
        help_text="Without a catalogue: the new course's own site, e.g. hist-255.example.edu.",
    )
    port = forms.IntegerField(
        required=False, initial=80, min_value=1, max_value=65535, help_text="With a hostname: its port (80 if blank)."
    )
    slug = forms.SlugField(
        required=False, allow_unicode=False, help_text="Its address under the catalogue. Left blank: title and term."
    )

    def __init__(self, *args, may_create_site=True, **kwargs):
        """Only site administrators give a course a site of its own (a hostname is theirs to hand out); an
        instructor rolls a course over into a catalogue."""
        super().__init__(*args, **kwargs)
        if not may_create_site:
            del self.fields["hostname"], self.fields["port"]
            under = self.fields["under"]
            under.required = True
            under.choices = [choice for choice in under.choices if choice[0] != OWN_SITE]
            under.help_text = "A course with a site of its own is created by a site administrator."

    def clean(self):
        data = super().clean()
        data.setdefault("hostname", "")
        data.setdefault("port", 80)
        return data
