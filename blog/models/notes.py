"""Footnotes (issue 22): a post's or unit's notes, each a row the text's markers point to by its id, and the
walk through a body that numbers them and formats every citation in reading order (blog/notes.py stores and
renders the markers; blog/citations.py formats the citations)."""

import re
import uuid
from dataclasses import dataclass, field

from django.db import models
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.rich_text import expand_db_html

from blog.blocks import cited_source
from blog.citations import Citations
from blog.notes import Reference, marker_ids
from blog.panels import HiddenFieldPanel

NOTE_FEATURES = ["bold", "italic", "link"]
ONE_PARAGRAPH = re.compile(r"<p(?: [^>]*)?>(.*?)</p>", re.DOTALL)


class Footnote(Orderable):
    """One note: its text, and the source it cites (by short name) with the pages. A note with a source starts with
    the source's citation, in full the first time the text cites it and short after."""

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="footnotes")
    uuid = models.UUIDField("note id", default=uuid.uuid4)
    text = RichTextField(
        blank=True,
        features=NOTE_FEATURES,
        help_text="The note: your comment, or what follows the citation.",
    )
    source = models.CharField(
        "cites source",
        max_length=40,
        blank=True,
        help_text="The short name of one of the sources (under Sources): the note starts with its citation.",
    )
    pages = models.CharField(max_length=40, blank=True, help_text="The page or pages cited: 45 or 172–73.")

    panels = [
        HiddenFieldPanel("uuid"),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("source"), FieldPanel("pages")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "footnote"  # one id per note on a page: blog.forms.CitingPageForm says so in words

    def __str__(self):
        return f"Note {self.uuid}"


def inline(html):
    """A note's rich text as the inside of its list item: a single paragraph loses its <p> (the citation and the
    back link sit on its line); several keep theirs."""
    html = str(html).strip()
    paragraphs = ONE_PARAGRAPH.findall(html)
    if len(paragraphs) == 1 and ONE_PARAGRAPH.fullmatch(html):
        return mark_safe(paragraphs[0])  # noqa: S308 (Wagtail's rich text, as the richtext filter prints it)
    return mark_safe(html)  # noqa: S308


@dataclass
class Note:
    number: int
    html: str
    references: int = 1


@dataclass
class Citing:
    """What a body's citations and notes render as: each block with its citation (image and primary source blocks)
    and its note references (paragraphs), the numbered notes, and the bibliography of every source cited."""

    blocks: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    bibliography: list = field(default_factory=list)


class CitingMixin:
    """A page whose body cites its sources (blog.Source) and carries footnotes (Footnote): posts and units. The
    sources are read only when a block cites one, the notes only when a paragraph has a marker (none for most
    pages)."""

    def citations(self):
        body = list(self.body)
        markers = {
            index: marker_ids(block.value.source)
            for index, block in enumerate(body)
            if block.block_type == "paragraph_block"
        }
        footnotes = {}
        if any(markers.values()):
            footnotes = {str(note.uuid): note for note in self.footnotes.all()}
        citing = any(cited_source(block) for block in body) or any(note.source for note in footnotes.values())
        if not citing and not footnotes:
            return Citing(blocks=[(block, None, ()) for block in body])
        sources = {source.key: source for source in self.sources.all()} if citing else {}
        formatter = Citations(sources) if sources else None
        result, numbers = Citing(), {}

        def cite(key, pages):
            # blog.citations escapes every text it is given once: its HTML is safe to print.
            return mark_safe(formatter.note(key, pages)) if formatter and key in sources else None  # noqa: S308

        for index, block in enumerate(body):
            key = cited_source(block)
            citation = cite(key, block.value.get("pages") or "") if key else None
            references = []
            for note_id in markers.get(index, ()):
                footnote = footnotes.get(note_id)
                if footnote is None:
                    references.append(None)  # its note was deleted: the marker is dropped
                    continue
                if note_id in numbers:
                    note = numbers[note_id]
                    note.references += 1
                    references.append(Reference(note.number, f"note-ref-{note.number}-{note.references}"))
                    continue
                note = numbers[note_id] = Note(len(numbers) + 1, "")
                note.html = self.note_html(footnote, cite(footnote.source, footnote.pages) if footnote.source else None)
                result.notes.append(note)
                references.append(Reference(note.number, f"note-ref-{note.number}"))
            result.blocks.append((block, citation, references))
        result.bibliography = [mark_safe(entry) for entry in formatter.bibliography()] if formatter else []  # noqa: S308
        return result

    @staticmethod
    def note_html(footnote, citation):
        """A note as it reads: the citation, then the student's text."""
        text = inline(expand_db_html(footnote.text)) if footnote.text else ""
        if citation and text:
            return format_html("{} {}", citation, text)
        return citation or text


def citing_panels(what):
    """The editor's Footnotes and Sources panels of a post or unit."""
    return [
        InlinePanel(
            "footnotes",
            label="note",
            heading="Footnotes",
            help_text=f"Select the words a note is about and choose Note in the paragraph's toolbar: the note is "
            f"added here, and [1] marks its place. The {what} numbers its notes in reading order and lists them at "
            "its end; a note whose mark is deleted is not shown.",
        ),
        MultiFieldPanel(
            [FieldPanel("paste_sources"), InlinePanel("sources", label="Source")],
            heading="Sources",
            help_text="Each work you cite, entered once (or pasted from Zotero): notes, image and primary source "
            f"blocks cite one by its short name, and the {what} ends with their bibliography in Chicago style.",
        ),
    ]
