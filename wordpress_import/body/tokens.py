"""The tokens an element becomes, and what they become: stored rich text, cut into paragraphs and blocks."""

import html as html_lib
import re
from dataclasses import dataclass

from .links import _BARE_URL
from .markup import _escape

_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_EMPTY_INLINE = re.compile(r'<(?:b|i|a href="[^"]*")>([ \t\n\r\f\v]*)</(?:b|i|a)>')
_EDGE_BREAKS = re.compile(r"^(?:[ \t\n\r\f\v]|<br/>)+|(?:[ \t\n\r\f\v]|<br/>)+$")


class _Token:
    """Tokens compare by identity: a text that reads "br" is not a line break."""

    __slots__ = ()


class _Text(_Token):
    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text


class _Open(_Token):
    __slots__ = ("name", "href")

    def __init__(self, name, href=""):
        self.name, self.href = name, href  # b, i or a


class _Close(_Token):
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name


class _Note(_Token):
    __slots__ = ("note_id",)

    def __init__(self, note_id):
        self.note_id = note_id  # a footnote's id, checked to be a UUID: the marker of its place in a paragraph


class _Blocks(_Token):
    __slots__ = ("items",)

    def __init__(self, items):
        self.items = items  # finished items: _Rich, block dicts, _RULE


_BR = _Token()  # a line break
_PARA = _Token()  # a paragraph break
_RULE = _Token()  # an item: ends a run of rich text without adding anything


@dataclass
class _Rich:
    html: str  # top-level <p>, <ul> or <ol> elements in Wagtail's stored format
    text: str
    is_list: bool = False


def _stream(items):
    """Consecutive rich text shares one paragraph block; anything else ends the run."""
    blocks, run = [], []
    for item in items:
        if isinstance(item, _Rich):
            run.append(item.html)
            continue
        if run:
            blocks.append({"type": "paragraph_block", "value": "".join(run)})
            run = []
        if item is not _RULE:
            blocks.append(item)
    if run:
        blocks.append({"type": "paragraph_block", "value": "".join(run)})
    return blocks


def _render(tokens):
    """Inline tokens as stored rich text (without the <p>), tidied: no empty inline element, no space around a line
    break, no break or space at either end."""
    parts = []
    for token in tokens:
        if isinstance(token, _Text):
            parts.append(_escape(token.text))
        elif isinstance(token, _Open):
            parts.append(f'<a href="{html_lib.escape(token.href)}">' if token.name == "a" else f"<{token.name}>")
        elif isinstance(token, _Close):
            parts.append(f"</{token.name}>")
        elif token is _BR:
            parts.append("<br/>")
        elif isinstance(token, _Note):
            parts.append(f'<footnote id="{token.note_id}"></footnote>')  # numbered once the body is whole
    html = _ASCII_SPACE.sub(" ", "".join(parts))
    previous = None
    while previous != html:
        previous, html = html, _EMPTY_INLINE.sub(r"\1", html)
    html = re.sub(r" ?<br/> ?", "<br/>", html)
    return _EDGE_BREAKS.sub("", html)


def _html_text(html):
    """The text of rich text this package wrote (so a regular expression may read it)."""
    text = re.sub(r"<br/>|</li>|</p>", "\n", html)
    return html_lib.unescape(re.sub(r"<[^>]*>", "", text)).strip()


def _segments(tokens):
    """Balanced runs of inline tokens, cut at paragraph breaks and blocks (which are yielded between them): inline
    elements open at a cut are closed before it and opened again after it."""
    stack, run = [], []
    for token in tokens:
        if isinstance(token, _Open):
            stack.append(token)
            run.append(token)
        elif isinstance(token, _Close):
            if stack and stack[-1].name == token.name:
                stack.pop()
                run.append(token)
        elif token is _PARA or isinstance(token, _Blocks):
            yield run + [_Close(open_.name) for open_ in reversed(stack)]
            run = list(stack)
            if isinstance(token, _Blocks):
                yield token
        else:
            run.append(token)
    yield run + [_Close(open_.name) for open_ in reversed(stack)]


def _lines(run):
    """A run cut at its line breaks: (how many inline elements are open where the line starts, its tokens)."""
    lines, line, depth, start = [], [], 0, 0
    for token in run:
        if token is _BR:
            lines.append((start, line))
            line, start = [], depth
            continue
        line.append(token)
        depth += 1 if isinstance(token, _Open) else -1 if isinstance(token, _Close) else 0
    lines.append((start, line))
    return lines


def _bare_url(line):
    if not line or not all(isinstance(token, _Text) for token in line):
        return None
    text = "".join(token.text for token in line).strip()
    return text if _BARE_URL.fullmatch(text) else None
