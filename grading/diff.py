"""What changed in a post since it was graded: the text of the graded version beside the post's latest version, as
an accessible diff.

The text comes straight from each revision's stored content (the body's raw blocks), not from rendering the page:
no image, embed or page link is fetched, so comparing two versions costs no query beyond the two revisions. Only
what a reader reads is compared: headings, paragraphs, quotes and their attribution, primary sources' title,
publication, date and excerpt, image captions and alt text, works cited. Links, image choices and block ids are not.

The diff marks each change twice, so nothing rests on colour: `<ins>`/`<del>` (underlined and struck through by
every browser), each opening with visually hidden words ("added:", "removed:") that a screen reader speaks.
"""

import difflib
import json
from dataclasses import dataclass
from html import escape, unescape

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.timezone import localtime

from blog.notes import marker_ids, render_markers

# The readable parts of each block type, in reading order.
BLOCK_FIELDS = {
    "heading_block": ["text"],
    "quote_block": ["text", "attribution", "citation"],
    "primary_source_block": ["title", "publication", "date", "excerpt"],
    "image_block": ["caption", "alt_text", "credit"],
    "embed_block": ["title"],
}
SKIPPED_KEYS = {"id", "type", "url", "source_url", "media", "image", "level"}
ADMIN_HIDDEN = "w-sr-only"  # Wagtail admin's visually hidden class; the public site's is "visually-hidden"


def _plain(html):
    """Text of an HTML fragment, its entities decoded and its whitespace folded."""
    return " ".join(unescape(strip_tags(html)).split())


def _texts(value, fields=None):
    """The readable strings of a raw block value (a string, a struct's dict, a list block's items), in order."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    if isinstance(value, dict):
        if "type" in value and "value" in value:  # a list block's item, or a nested stream child
            return _texts(value["value"], BLOCK_FIELDS.get(value["type"]))
        keys = fields or [key for key in value if key not in SKIPPED_KEYS]
        return [text for key in keys for text in _texts(value.get(key))]
    return []


def _body(content):
    body = (content or {}).get("body") or []
    if isinstance(body, str):
        body = json.loads(body or "[]")
    return [block for block in body if isinstance(block, dict)]


@dataclass(frozen=True)
class ReadNote:
    """A footnote of a version as its reader numbers it (by first reference), in plain text."""

    number: int
    uuid: str
    text: str


def revision_notes(content):
    """The footnotes a version's text refers to, numbered as the page numbers them (issue 22), each in plain text
    with the source it cites: "Kotkin's phrase. (Cites kotkin1995, 358.)". Notes no marker refers to are left out,
    as on the page."""
    rows = {str(row.get("uuid")): row for row in (content or {}).get("footnotes") or [] if isinstance(row, dict)}
    notes = {}
    for block in _body(content):
        if block.get("type") != "paragraph_block" or not isinstance(block.get("value"), str):
            continue
        for note_id in marker_ids(block["value"]):
            if note_id in rows and note_id not in notes:
                row = rows[note_id]
                cites = ", ".join(part for part in (row.get("source"), row.get("pages")) if part)
                text = " ".join(part for part in (_plain(row.get("text") or ""), f"(Cites {cites}.)" if cites else ""))
                notes[note_id] = ReadNote(len(notes) + 1, note_id, text.strip())
    return list(notes.values())


def _numbered(html, notes):
    """A paragraph's note markers as the reader sees them: "[2]"."""
    numbers = {note.uuid: note.number for note in notes}
    return render_markers(html, lambda note_id: f"[{numbers[note_id]}]" if note_id in numbers else "")


def body_paragraphs(content):
    """The paragraphs of text of a revision's `content` (its stored dict): one per paragraph of rich text, one per
    other piece of a block (a heading, a quote, its attribution...), then one per footnote ("Note 2: …"), so a
    changed note shows as a changed paragraph."""
    notes = revision_notes(content)
    paragraphs = []
    for block in _body(content):
        value = block.get("value")
        if block.get("type") == "paragraph_block" and isinstance(value, str):
            paragraphs.extend(_rich_text_paragraphs(_numbered(value, notes)))
        else:
            paragraphs.extend(_texts(value, BLOCK_FIELDS.get(block.get("type"))))
    paragraphs += [escape(f"Note {note.number}: {note.text}") for note in notes]
    return [text for text in (_plain(each) for each in paragraphs) if text]


def _rich_text_paragraphs(html):
    """A rich text value cut at its paragraphs and list items, so a diff shows which paragraph changed."""
    for tag in ("</p>", "</li>", "<br/>", "<br>"):
        html = html.replace(tag, tag + "\n")
    return html.split("\n")


def revision_paragraphs(revision):
    return body_paragraphs(revision.content if revision is not None else None)


def _marked(tag, label, text, hidden_class):
    return format_html('<{tag}><span class="{}">{}: </span>{}</{tag}>', hidden_class, label, text, tag=tag)


def _word_diff(old, new, hidden_class):
    """One changed paragraph, word by word."""
    old_words, new_words = old.split(), new.split()
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(format_html("{}", " ".join(old_words[a1:a2])))
            continue
        if op in ("delete", "replace"):
            parts.append(_marked("del", "removed", " ".join(old_words[a1:a2]), hidden_class))
        if op in ("insert", "replace"):
            parts.append(_marked("ins", "added", " ".join(new_words[b1:b2]), hidden_class))
    return format_html_join(" ", "{}", ((part,) for part in parts))


def diff_html(old_paragraphs, new_paragraphs, hidden_class=ADMIN_HIDDEN):
    """The two texts compared paragraph by paragraph (a changed paragraph word by word), as HTML: only the changed
    paragraphs, each in a <p>. Empty when nothing changed."""
    rows = []
    matcher = difflib.SequenceMatcher(a=old_paragraphs, b=new_paragraphs, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old, new = old_paragraphs[a1:a2], new_paragraphs[b1:b2]
        if op == "replace":
            paired = min(len(old), len(new))
            rows += [_word_diff(o, n, hidden_class) for o, n in zip(old[:paired], new[:paired], strict=True)]
            old, new = old[paired:], new[paired:]
        rows += [_marked("del", "removed", text, hidden_class) for text in old]
        rows += [_marked("ins", "added", text, hidden_class) for text in new]
    if not rows:
        return ""
    return format_html(
        '<div class="grading-diff">{}</div>', format_html_join("", "<p>{}</p>", ((row,) for row in rows))
    )


def graded_on(grade):
    """When the graded version was saved, as "30 March 2027"."""
    return date_format(localtime(grade.revision.created_at), "j F Y")


def changed_since_html(grade, latest_revision=None, hidden_class=ADMIN_HIDDEN):
    """ "Graded version: 30 March 2027; changed since" and what changed, when the student saved a newer version
    after the grade; empty otherwise. `latest_revision` spares a query when the caller has it."""
    if grade is None or not grade.changed_since_graded:
        return ""
    latest = latest_revision or grade.post.latest_revision
    changes = diff_html(revision_paragraphs(grade.revision), revision_paragraphs(latest), hidden_class)
    if not changes:
        changes = format_html("<p>{}</p>", "The student saved the post again, but its text is the same.")
    return format_html(
        '<section class="grading-changed" aria-labelledby="grading-changed-{id}">'
        '<h3 class="w-h3" id="grading-changed-{id}">Graded version: {date}; changed since</h3>{changes}</section>',
        id=grade.pk,
        date=graded_on(grade),
        changes=changes,
    )
