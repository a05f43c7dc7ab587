"""Footnotes in rich text (issue 22): how a note's place is stored, edited and rendered.

A paragraph stores each note's place as wagtail-footnotes does, `<footnote id="uuid">[1]</footnote>`, the uuid
naming one of the page's blog.Footnote rows (the text inside is the editor's label and is never shown to readers).
The Draftail editor reads and writes the tag through the converter rules of the "footnote" feature
(blog/wagtail_hooks.py); static/js/footnotes-editor.js is the toolbar's Note button.

On the page each marker becomes a numbered reference linking to its note (`<sup><a id="note-ref-2"
href="#note-2" aria-describedby="notes-heading">2</a></sup>`), numbered by first reference; the notes are listed
at the end of the text under "Notes" (blog/models/notes.py builds the list)."""

import re
from dataclasses import dataclass

from django.utils.html import escape, format_html

ENTITY_TYPE = "FOOTNOTE"
MARKER = re.compile(r"<footnote\b([^>]*)>.*?</footnote>", re.DOTALL)
MARKER_ID = re.compile(r"\bid=\"([^\"]*)\"")
STRAY = re.compile(r"</?footnote\b[^>]*>")


def marker_ids(html):
    """The note ids of the markers in a paragraph's stored HTML, in reading order (repeats kept)."""
    if "<footnote" not in str(html):
        return []
    return [
        found.group(1) if (found := MARKER_ID.search(match.group(1))) else "" for match in MARKER.finditer(str(html))
    ]


def without_markers(html):
    """The paragraph's HTML with its note markers taken out (for excerpts, search and checks)."""
    return STRAY.sub("", MARKER.sub("", str(html))) if "<footnote" in str(html) else str(html)


@dataclass(frozen=True)
class Reference:
    """One marker on the page: its note's number, and its own id (the first reference to a note is the one the
    note's back link returns to; a later reference to the same note gets an id of its own)."""

    number: int
    anchor: str


def reading_order(paragraphs):
    """{note id: number} for the note ids the `paragraphs` (stored HTML, in reading order) mark, by first
    reference: the numbers readers see."""
    numbers = {}
    for html in paragraphs:
        for note_id in marker_ids(html):
            numbers.setdefault(note_id, len(numbers) + 1)
    return numbers


def relabelled(html, numbers):
    """The paragraph's markers labelled with the numbers readers see ("[2]"), so the editor shows the same."""
    if "<footnote" not in str(html):
        return str(html)

    def label(match):
        found = MARKER_ID.search(match.group(1))
        note_id = found.group(1) if found else ""
        return f'<footnote id="{escape(note_id)}">[{numbers.get(note_id, "?")}]</footnote>'

    return MARKER.sub(label, str(html))


def render_markers(html, replacement):
    """`html` with each marker replaced by `replacement(note id)` (plain text, escaped here)."""
    html = str(html)
    if "<footnote" not in html:
        return html

    def replace(match):
        found = MARKER_ID.search(match.group(1))
        return escape(replacement(found.group(1) if found else ""))

    return STRAY.sub("", MARKER.sub(replace, html))


def render_references(html, references):
    """The rendered paragraph `html` with its markers, in order, replaced by `references` (a marker with no note
    is dropped)."""
    html = str(html)
    if "<footnote" not in html:
        return html
    pending = list(references or [])

    def replace(match):
        reference = pending.pop(0) if pending else None
        if reference is None:
            return ""
        return format_html(
            '<sup class="note-ref"><a id="{}" href="#note-{}" aria-describedby="notes-heading">{}</a></sup>',
            reference.anchor,
            reference.number,
            reference.number,
        )

    return STRAY.sub("", MARKER.sub(replace, html))
