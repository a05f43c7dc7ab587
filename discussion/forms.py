"""The public comment form: plain text, labelled for readers, with a honeypot and a visible length limit."""

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django_comments_xtd.forms import XtdCommentForm
from django_comments_xtd.models import XtdComment


class CommentForm(XtdCommentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = settings.COMMENT_MAX_LENGTH
        labels = {
            "name": ("Name", ""),
            "email": ("Email", "Never shown. Needed to confirm your comment."),
            "url": ("Website", "Optional."),
            "comment": ("Comment", f"Plain text, up to {limit} characters."),
            "followup": ("Notify me of follow-up comments by email", ""),
            "honeypot": ("Leave this field empty", ""),
        }
        for name, (label, help_text) in labels.items():
            field = self.fields[name]
            field.label, field.help_text = label, help_text
            field.widget.attrs.pop("placeholder", None)
            field.widget.attrs.pop("class", None)
        self.fields["email"].widget = forms.EmailInput(attrs={"autocomplete": "email"})
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["url"].widget = forms.URLInput(attrs={"autocomplete": "url"})
        self.fields["comment"].widget.attrs.update({"maxlength": limit, "rows": 6})
        self.fields["honeypot"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        for name, column in (("email", "user_email"), ("url", "user_url")):
            field, limit = self.fields[name], XtdComment._meta.get_field(column).max_length
            field.max_length = limit
            field.validators.append(MaxLengthValidator(limit))
            field.widget.attrs["maxlength"] = limit
        self.fields["reply_to"].validators.append(MaxValueValidator(2**63 - 1))

    def clean(self):
        # XtdCommentForm.clean only adds Bootstrap classes: skip it.
        return forms.Form.clean(self)
