"""The student post's admin form: "Submit for review" (and "Resubmit") is refused while the body has an accessibility
error (blog/content_checks.py). The list of them shows in the editor's error message at the top, each one naming its
block, and each shows again on its block, under the field it is about; saving a draft is never refused for them, and
warnings never block."""

from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from blog.blocks import cited_source
from blog.content_checks import check_body
from blog.source_import import SourceImportError, parse_sources

# The editor's buttons that send a post to review: "Submit to … review" on a new or edited post, and its
# "Resubmit" once changes were requested; "Restart workflow" after a cancelled one.
SUBMITTING = ("action-submit", "action-restart-workflow")


def body_errors(findings):
    """A StreamField error holding `findings` (errors only), each on its block and field."""
    by_block = defaultdict(lambda: defaultdict(list))
    for finding in findings:
        by_block[finding.block][finding.field].append(finding.message)
    block_errors = {}
    for index, fields in by_block.items():
        whole = fields.pop(None, [])
        if fields:
            block_errors[index] = StructBlockValidationError(
                block_errors={name: ValidationError(messages) for name, messages in fields.items()},
                non_block_errors=whole,
            )
        else:
            block_errors[index] = ValidationError(whole)
    error = StreamBlockValidationError(block_errors=block_errors)
    error.message = "each problem is marked on its block below."  # in the editor's list: "Body: each problem…"
    return error


class ListedError(SafeString):
    """A line of the editor's error list that holds a link. Wagtail's list prefixes each line with its field's
    label ("" for the form's own errors): `"" + line`, which would drop SafeString's mark and show the link's
    HTML as text; the prefix is escaped and the line stays HTML."""

    def __radd__(self, other):
        return SafeString(str.__add__(conditional_escape(other), self))


def where(finding):
    """ "Block 3 (image)", a link to the block in the editor when it has an id (Wagtail gives every block one)."""
    if finding.anchor:
        return format_html('<a href="#{}">{}</a>', finding.anchor, finding.place.capitalize())
    return finding.place.capitalize()


def summary(findings):
    """The editor's list of errors: what stops the submission, then each finding where it is, linking to it."""
    count = len(findings)
    headline = (
        f"This post cannot go to review yet: {count} accessibility problem{'s' if count != 1 else ''} to fix "
        f"first (saving a draft works)."
    )
    return [headline, *(ListedError(format_html("{}: {}", where(finding), finding.message)) for finding in findings)]


class StudentPostForm(WagtailAdminPageForm):
    paste_sources = forms.CharField(
        label="Paste sources (BibTeX or RIS)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text="From Zotero: select the items, Export → BibTeX or RIS, and paste the file's text. Each entry "
        "becomes a source below when you save, with its short name (the BibTeX key).",
    )

    def submitting(self):
        return any(self.data.get(action) for action in SUBMITTING)

    def source_keys(self):
        """The short names of the sources the form keeps (none marked for deletion) and of those pasted; a name
        given twice in the form is an error on the second; a pasted source takes a name not yet taken."""
        formset = self.formsets.get("sources")
        if formset is None or not formset.is_valid():
            return None
        keys = set()
        for form in formset.forms:
            key = form.cleaned_data.get("key")
            if not key or form.cleaned_data.get("DELETE"):
                continue
            if key in keys:
                form.add_error("key", f"Another source has the short name “{key}”: give each its own.")
            keys.add(key)
        try:
            self.pasted_sources = parse_sources(self.cleaned_data.get("paste_sources"), taken=keys)
        except SourceImportError as error:
            self.add_error("paste_sources", str(error))
            self.pasted_sources = []
        return keys | {source["key"] for source in self.pasted_sources}

    def clean(self):
        cleaned_data = super().clean()
        body = cleaned_data.get("body")
        keys = self.source_keys()
        if body is not None and keys is not None and not self.has_error("body"):
            unknown = {
                index: block
                for index, block in enumerate(body)
                if cited_source(block) and cited_source(block) not in keys
            }
            if unknown:
                self.add_error(
                    "body",
                    StreamBlockValidationError(
                        block_errors={
                            index: StructBlockValidationError(
                                block_errors={
                                    "source": ValidationError(
                                        f"No source in this post has the short name “{cited_source(block)}”: add it "
                                        f"under Sources, or correct the name"
                                        + (f" (the post's sources: {', '.join(sorted(keys))})." if keys else ".")
                                    )
                                }
                            )
                            for index, block in unknown.items()
                        }
                    ),
                )
        if body is not None and self.submitting() and not self.has_error("body"):
            errors = [finding for finding in check_body(body) if finding.is_error]
            if errors:
                self.add_error(None, summary(errors))
                self.add_error("body", body_errors(errors))
        return cleaned_data

    def save(self, commit=True):
        """The page with the pasted sources added to its own (they go into the revision with the rest)."""
        page = super().save(commit=False)
        if getattr(self, "pasted_sources", None):
            source = self.formsets["sources"].model  # blog.Source (the model's module imports this form)
            existing = list(page.sources.all())
            page.sources = [
                *existing,
                *(
                    source(sort_order=len(existing) + index, **fields)
                    for index, fields in enumerate(self.pasted_sources)
                ),
            ]
            self.pasted_sources = []
        if commit:
            page.save()
            self.save_m2m()
        return page
