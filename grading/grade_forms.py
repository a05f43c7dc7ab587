"""The grading form of one post: a level for each criterion of the unit's rubric, or a number of points out of the
unit's; private feedback in Wagtail's rich text editor; and the version being graded, in a hidden field.

Every criterion must be scored, and only with one of its own levels: a level of another criterion or rubric (a
stale or tampered form) is a form error, like a missing one. Points go from 0 to what the unit is out of.
"""

import json
from decimal import Decimal

from django import forms
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from wagtail.admin.rich_text import DraftailRichTextArea

from grading.models.grades import FEEDBACK_FEATURES

UNREADABLE = object()


def number(value):
    """A Decimal as people write it: 7, 7.5, 6.25 (no trailing zeros, no exponent)."""
    return format(Decimal(value).normalize(), "f") if value is not None else ""


class FeedbackEditor(DraftailRichTextArea):
    """Draftail posts its content as JSON, which Wagtail's widget converts to HTML; a value that is not Draftail's
    JSON (hand-made or truncated) would raise there, so it becomes an error of the field instead of a 500.

    The editable area is named by the field's label (Wagtail's field template gives it the id "<input id>-label"):
    outside an edit handler nothing else names it for a screen reader."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = {**self.options, "ariaLabelledBy": f"{context['widget']['attrs']['id']}-label"}
        context["widget"]["attrs"]["data-w-init-detail-value"] = json.dumps(options, cls=DjangoJSONEncoder)
        return context

    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (ValueError, TypeError, KeyError, AttributeError, IndexError):
            return UNREADABLE


class FeedbackField(forms.CharField):
    def to_python(self, value):
        if value is UNREADABLE:
            raise forms.ValidationError("The feedback could not be read: write it again in the editor.")
        return super().to_python(value)


def level_label(level):
    """ "Excellent, 4 points", with what the level means below it."""
    description = format_html('<br><span class="help">{}</span>', level.description) if level.description else ""
    points = "1 point" if level.points == 1 else f"{number(level.points)} points"
    return format_html("<strong>{}</strong>, {}{}", level.title, points, description)


class GradeForm(forms.Form):
    """`settings` are the unit's AssignmentSettings, with points or a rubric (its criteria and levels prefetched)."""

    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, settings, notes=(), **kwargs):
        """`notes`: the graded version's footnotes (grading.diff.revision_notes), each given a comment field."""
        super().__init__(*args, **kwargs)
        self.settings = settings
        self.notes = list(notes)
        self.criteria = list(settings.rubric.criteria.all()) if settings.rubric_id else []
        for criterion in self.criteria:
            self.fields[self.criterion_key(criterion)] = self.criterion_field(criterion)
        if not self.criteria:
            self.fields["points"] = self.points_field(settings.points)
        self.fields["feedback"] = FeedbackField(
            required=False,
            widget=FeedbackEditor(features=FEEDBACK_FEATURES),
            help_text="For the student alone (and the course's staff): they read it once the grade is released.",
        )
        for note in self.notes:
            self.fields[self.note_key(note.uuid)] = forms.CharField(
                label=f"Comment on note {note.number}",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=f"Note {note.number}: {note.text}",
            )

    @staticmethod
    def criterion_key(criterion):
        return f"criterion_{criterion.pk}"

    @staticmethod
    def criterion_field(criterion):
        title = criterion.title
        return forms.ChoiceField(
            label=title,
            help_text=criterion.description,
            choices=[(str(level.pk), level_label(level)) for level in criterion.levels.all()],
            widget=forms.RadioSelect,
            error_messages={
                "required": f"Choose a level for “{title}”: every criterion must be scored.",
                "invalid_choice": f"Choose one of the levels of “{title}”: that level is not one of them.",
            },
        )

    @staticmethod
    def points_field(out_of):
        return forms.DecimalField(
            label=f"Points (out of {number(out_of)})",
            min_value=Decimal("0"),
            max_value=out_of,
            max_digits=6,
            decimal_places=2,
            error_messages={
                "required": "Give the post a number of points.",
                "max_value": f"At most {number(out_of)} points: the unit is graded out of {number(out_of)}.",
                "min_value": "Points cannot be below 0.",
            },
        )

    @staticmethod
    def note_key(note_id):
        return f"note_{note_id}"

    def note_fields(self):
        """The bound comment field of each note, in the notes' order."""
        return [self[self.note_key(note.uuid)] for note in self.notes]

    def note_comments(self):
        """(note, comment) for each note given a comment, from the valid form."""
        comments = ((note, self.cleaned_data.get(self.note_key(note.uuid), "").strip()) for note in self.notes)
        return [(note, comment) for note, comment in comments if comment]

    def criterion_fields(self):
        """(criterion, bound field) in the rubric's order, for the template."""
        return [(criterion, self[self.criterion_key(criterion)]) for criterion in self.criteria]

    def chosen_levels(self):
        """{criterion: level} from the valid form, each level one of its criterion's own."""
        chosen = {}
        for criterion in self.criteria:
            level_id = int(self.cleaned_data[self.criterion_key(criterion)])
            chosen[criterion] = next(level for level in criterion.levels.all() if level.pk == level_id)
        return chosen

    @classmethod
    def initial_for(cls, grade, revision_id):
        """The form's starting values: the grade's own when there is one, always the version now to be graded."""
        initial = {"revision": revision_id}
        if grade is not None:
            initial["points"] = grade.points
            initial["feedback"] = grade.feedback
            initial.update({f"criterion_{score.criterion_id}": str(score.level_id) for score in grade.scores.all()})
            initial.update({cls.note_key(comment.note): comment.comment for comment in grade.note_comments.all()})
        return initial
