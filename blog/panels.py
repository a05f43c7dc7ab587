"""The post editor's "Accessibility checks" panel: the findings of blog/content_checks.py on the post as last saved,
for the student before they submit and for the instructor reviewing it (an error blocks "Submit for review"; a
warning is advice)."""

from django import forms
from wagtail.admin.panels import FieldPanel, Panel

from blog.content_checks import check_body


class AccessibilityChecksPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "blog/panels/accessibility_checks.html"

        def is_shown(self):
            return bool(self.instance.pk)  # a new post has nothing saved to check yet

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            findings = check_body(self.instance.body)
            context["errors"] = [finding for finding in findings if finding.is_error]
            context["warnings"] = [finding for finding in findings if not finding.is_error]
            return context


class HiddenFieldPanel(FieldPanel):
    """A field the editor's script fills and the student never sees (a footnote's id): its input alone, and, for a
    note the text no longer refers to (its form marked `unreferenced` by blog.forms.CitingPageForm), a warning."""

    def __init__(self, field_name, *args, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(field_name, *args, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        template_name = "blog/panels/hidden_field.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.heading = ""  # no label over an input nobody sees
