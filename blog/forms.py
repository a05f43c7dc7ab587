"""The student post's admin form: "Submit for review" (and "Resubmit") is refused while the body has an accessibility
error (blog/content_checks.py). The list of them shows in the editor's error message at the top, each one naming its
block, and each shows again on its block, under the field it is about; saving a draft is never refused for them, and
warnings never block."""

from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import SafeString
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.rich_text import RichText

from blog.blocks import cited_source
from blog.content_checks import check_body
from blog.notes import marker_ids, reading_order, relabelled
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


class CitingPageForm(WagtailAdminPageForm):
    """The editor of a page whose body cites sources and carries footnotes (a post, a unit): sources pasted from
    Zotero, each short name once, every cited name and every note marker pointing at something that exists."""

    paste_sources = forms.CharField(
        label="Paste sources (BibTeX or RIS)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text="From Zotero: select the items, Export → BibTeX or RIS, and paste the file's text. Each entry "
        "becomes a source below when you save, with its short name (the BibTeX key).",
    )

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

    def __init__(self, *args, **kwargs):
        """Each saved note that no marker of the page's text refers to is marked, for its panel to say so."""
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("footnotes")
        body = getattr(self.instance, "body", None)
        if formset is not None and body is not None:
            referred = {
                note_id
                for block in body
                if block.block_type == "paragraph_block"
                for note_id in marker_ids(block.value.source)
            }
            for form in formset.initial_forms:  # the notes the page has; a blank new row is no one's yet
                form.unreferenced = str(form.instance.uuid) not in referred

    def what(self):
        """ "post" or "unit", as the messages name the page."""
        return str(self.instance._meta.verbose_name).split()[-1]

    def note_ids(self, keys):
        """The ids of the notes the form keeps. A note must say something (its text or a source), cite a source
        the page has, and have an id of its own."""
        formset = self.formsets.get("footnotes")
        if formset is None or not formset.is_valid():
            return None
        ids = set()
        for form in formset.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            note_id = str(data.get("uuid") or "")
            if note_id in ids:
                form.add_error(
                    "text", "This note has the same id as another: delete it and add it again with the Note button."
                )
            ids.add(note_id)
            source = (data.get("source") or "").strip()
            if source and keys is not None and source not in keys:
                form.add_error("source", unknown_source(source, keys, self.what()))
            if not source and not strip_tags(str(data.get("text") or "")).strip():
                form.add_error("text", "Write the note, or give the source it cites.")
        return ids

    def body_reference_errors(self, body, keys, ids):
        """Errors on the body's blocks: a block citing a source the page lacks, a paragraph marking a note that
        is gone."""
        errors = {}
        for index, block in enumerate(body):
            key = cited_source(block)
            if key and keys is not None and key not in keys:
                errors[index] = StructBlockValidationError(
                    block_errors={"source": ValidationError(unknown_source(key, keys, self.what()))}
                )
            if block.block_type == "paragraph_block" and ids is not None:
                missing = [note_id for note_id in marker_ids(block.value.source) if note_id not in ids]
                if missing:
                    errors[index] = ValidationError(
                        f"{len(missing)} note marker{'s' if len(missing) != 1 else ''} in this paragraph "
                        f"{'have' if len(missing) != 1 else 'has'} no note under Footnotes (deleted?): delete the "
                        "marker, or add its note again with the Note button."
                    )
        return errors

    def clean(self):
        cleaned_data = super().clean()
        body = cleaned_data.get("body")
        keys = self.source_keys()
        ids = self.note_ids(keys)
        if body is not None and not self.has_error("body"):
            errors = self.body_reference_errors(body, keys, ids)
            if errors:
                self.add_error("body", StreamBlockValidationError(block_errors=errors))
        return cleaned_data

    def save(self, commit=True):
        """The page with the pasted sources added to its own (they go into the revision with the rest). A pasted
        work the page already has is not added again: Wagtail's autosave sends the form again while the paste
        box still holds the text."""
        page = super().save(commit=False)
        if getattr(self, "pasted_sources", None):
            source = self.formsets["sources"].model  # blog.Source (the model's module imports this form)
            existing = list(page.sources.all())
            known = {same_work(each) for each in existing}
            pasted = [source(**fields) for fields in self.pasted_sources]
            added = [each for each in pasted if same_work(each) not in known]
            for order, each in enumerate(added, start=len(existing)):
                each.sort_order = order
            page.sources = [*existing, *added]
            self.pasted_sources = []
        if "footnotes" in self.formsets:
            in_reading_order(page)
        if commit:
            page.save()
            self.save_m2m()
        return page


def in_reading_order(page):
    """The page's notes as readers number them, everywhere the student sees them: each marker's label in the text
    ("[2]") and the notes' order under Footnotes ("Note 2"), by first reference; notes no marker refers to last."""
    paragraphs = [(index, block) for index, block in enumerate(page.body) if block.block_type == "paragraph_block"]
    numbers = reading_order(block.value.source for _index, block in paragraphs)
    for index, block in paragraphs:
        source = relabelled(block.value.source, numbers)
        if source != block.value.source:
            page.body[index] = ("paragraph_block", RichText(source), block.id)
    last = len(numbers) + 1
    notes = sorted(page.footnotes.all(), key=lambda note: (numbers.get(str(note.uuid), last), note.sort_order))
    for order, note in enumerate(notes):
        note.sort_order = order
    page.footnotes = notes


def same_work(source):
    """What tells one source from another, whatever its short name: every field the student fills but the name."""
    return tuple(
        str(field.to_python(getattr(source, field.attname)) or "").strip()
        for field in source._meta.concrete_fields
        if field.name not in {"id", "page", "sort_order", "key"}
    )


def unknown_source(key, keys, what):
    return f"No source in this {what} has the short name “{key}”: add it under Sources, or correct the name" + (
        f" (the {what}'s sources: {', '.join(sorted(keys))})." if keys else "."
    )


class StudentPostForm(CitingPageForm):
    """A post's editor: a unit's, and "Submit for review" refused while the body has an accessibility error."""

    def submitting(self):
        return any(self.data.get(action) for action in SUBMITTING)

    def clean(self):
        cleaned_data = super().clean()
        body = cleaned_data.get("body")
        if body is not None and self.submitting() and not self.has_error("body"):
            errors = [finding for finding in check_body(body) if finding.is_error]
            if errors:
                self.add_error(None, summary(errors))
                self.add_error("body", body_errors(errors))
        return cleaned_data
