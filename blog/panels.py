"""The post editor's "Accessibility checks" panel: the findings of blog/content_checks.py on the post as last saved,
for the student before they submit and for the instructor reviewing it (an error blocks "Submit for review"; a
warning is advice)."""

from wagtail.admin.panels import Panel

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
