"""Gutenberg's footnotes (WordPress 6.3+) as Seminar's notes.

WordPress keeps a post's notes apart from its text: the text holds each reference, `<sup data-fn="id" class="fn">
<a href="#id" id="id-link">1</a></sup>`, and ends with the `<!-- wp:footnotes /-->` block that lists them on display;
the notes are the post meta "footnotes", a JSON list of {"content": HTML, "id": id}. The converter turns each
reference into the marker blog/notes.py stores, `<footnote id="id">[1]</footnote>`; here the notes are read, the
markers numbered in reading order, and each referenced note's HTML cleaned to what a note holds (bold, italic, web
links, line breaks), in one paragraph."""

import json
import re

from bs4 import NavigableString, Tag
from bs4.element import PreformattedString

from .converter import MAX_DEPTH
from .markup import _BLOCKISH, _LISTS, _REMOVED, _UUID, _an, _attr, _classes, _clean_text, _flat_text, _parse
from .tokens import _BR, _Close, _Open, _render, _Text

EMPTY_NOTE = "<p>(The note was empty in WordPress.)</p>"  # Seminar's editor refuses a note with no text
_ACTIVE = _REMOVED | {"iframe", "object", "embed", "audio", "video"}
_MARKER = re.compile(r'<footnote id="([0-9a-f-]{36})"></footnote>')  # as tokens._render writes it, unnumbered


def read_footnotes(raw, converter):
    """The post's notes by id (lower-cased), from the "footnotes" meta; None, said once, when it cannot be read.
    Never raises: an entry without a valid id is left out (said once), one without content is an empty note."""
    if not str(raw or "").strip():
        return {}
    entries = _json_list(raw)
    if entries is None:  # WordPress's own repair of notes saved with unescaped quotes (core ticket 59103)
        entries = _json_list(_unslashed(raw))
    if entries is None:
        converter.note("the post's footnotes could not be read: their references in the text were left out")
        return None
    notes = {}
    for entry in entries:
        note_id = entry.get("id") if isinstance(entry, dict) else None
        content = entry.get("content") if isinstance(entry, dict) else None
        note_id = note_id.strip().lower() if isinstance(note_id, str) else ""
        if not _UUID.fullmatch(note_id) or not isinstance(content, str | None):
            converter.note("some of the post's footnotes could not be read: their references were left out")
            continue
        notes.setdefault(note_id, content or "")
    return notes


def _json_list(raw):
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, list) else None


def _unslashed(raw):
    """What WordPress's footnotes block tries when the meta is not JSON: every quote escaped, then the quotes that
    bound "content" and "id" restored."""
    text = str(raw).replace('"', '\\"')
    text = text.replace('{\\"content\\":\\"', '{"content":"').replace('\\",\\"id\\":\\"', '","id":"')
    return text.replace('\\"}', '"}')


def number_notes(blocks, notes, converter):
    """Label the paragraphs' markers [1], [2]… by first reference, as the page numbers them, and return the notes
    they refer to in that order: {"uuid", "text"}, the text in a note's stored rich text. A note no paragraph
    refers to is left out, with a note."""
    numbers = {}

    def label(match):
        number = numbers.setdefault(match.group(1), len(numbers) + 1)
        return f'<footnote id="{match.group(1)}">[{number}]</footnote>'

    for block in blocks:
        if block["type"] == "paragraph_block":
            block["value"] = _MARKER.sub(label, block["value"])
    if unreferenced := len(set(notes) - set(numbers)):
        converter.note(f"{unreferenced} of the post's footnotes were left out: no paragraph or list refers to them")
    return [
        {"uuid": note_id, "text": note_text(notes[note_id], number, converter)} for note_id, number in numbers.items()
    ]


def note_text(content, number, converter):
    """A note's HTML as a note's rich text: bold, italic, web and mail links and line breaks kept, any other element
    unwrapped to its text (active ones removed with their content), all in one paragraph. An empty note says so."""
    html = _render(_inline(_parse(_clean_text(content), converter), converter))
    if not html:
        converter.note(f"footnote {number} was empty in WordPress: it reads “(The note was empty in WordPress.)”")
        return EMPTY_NOTE
    return f"<p>{html}</p>"


def _inline(node, converter, depth=0, linked=False):
    """The tokens of a node's children, inline only."""
    if depth >= MAX_DEPTH:
        converter.note("a footnote nested too deeply was kept as plain text")
        return [_Text(_flat_text(node))]
    return [token for child in node.children for token in _inline_node(child, converter, depth + 1, linked)]


def _inline_node(node, converter, depth, linked):
    if isinstance(node, PreformattedString) or not isinstance(node, NavigableString | Tag):
        return []  # comments, CDATA, declarations
    if isinstance(node, NavigableString):
        return [_Text(str(node))]
    name = node.name.lower()
    if name in _ACTIVE:
        converter.note(f"removed {_an(name)} element from a footnote")
        return []
    if name == "br":
        return [_BR]
    if name == "img":
        if {"wp-smiley", "emoji"} & set(_classes(node)):
            return [_Text(_attr(node, "alt"))]
        converter.note("an image in a footnote was left out: a note holds text only")
        return []
    if name in ("b", "strong", "i", "em"):
        tag = "b" if name in ("b", "strong") else "i"
        return [_Open(tag), *_inline(node, converter, depth, linked), _Close(tag)]
    if name == "a" and not linked and (href := converter.safe_href(node.get("href"))):
        return [_Open("a", href), *_inline(node, converter, depth, linked=True), _Close("a")]
    if name in _BLOCKISH or name in _LISTS:
        return [_Text(" "), *_inline(node, converter, depth, linked), _Text(" ")]
    return _inline(node, converter, depth, linked)  # span, sup, code, unknown elements: their text only
