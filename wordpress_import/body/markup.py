"""What WordPress's markup holds, and the small readers of it: the tree, attributes, text, shortcodes."""

import html as html_lib
import json
import re
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag, XMLParsedAsHTMLWarning
from bs4.exceptions import ParserRejectedMarkup

# --- What the markup holds ---------------------------------------------------------------------------------------

_REMOVED = {
    *("script", "style", "form", "noscript", "template", "svg", "math", "applet", "frame", "frameset", "canvas"),
    *("button", "input", "select", "textarea", "datalist", "output", "dialog", "base", "link", "meta", "title"),
    *("head", "portal", "slot", "keygen"),
}
_EMPTY = {"source", "track", "param", "wbr", "area", "col", "colgroup", "option", "optgroup"}  # nothing to keep
_BLOCKISH = {
    *("p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "address", "center", "search"),
    *("details", "summary", "dl", "dt", "dd", "fieldset", "legend", "hgroup", "li", "figcaption", "caption"),
    *("html", "body", "tr", "td", "th", "thead", "tbody", "tfoot", "noembed", "noframes", "listing", "xmp"),
    "plaintext",
}
_LISTS = {"ul", "ol", "menu", "dir"}
_HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
# Elements whose start tag closes an open one (html.parser nests them instead): what each closes, and what stops
# the search for it (HTML's scopes, simplified); the search looks at the innermost open elements only.
_IMPLIED = {"p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}}
_SCOPE = {"table", "td", "th", "caption", "object", "template", "button", "marquee", "applet", "html"}
_IMPLIED_BARRIERS = {
    "p": _SCOPE,
    "li": _SCOPE | {"ul", "ol", "menu", "dir"},
    "dt": _SCOPE | {"dl"},
    "dd": _SCOPE | {"dl"},
}
_IMPLIED_SCOPE = 32
_BLOCK_CONTENT_MAX = 20  # siblings between a Gutenberg embed's comments: a figure and white space in practice
_KNOWN_SHORTCODES = {"gallery", "audio", "video", "playlist", "caption", "wp_caption", "embed", "footnote", "ref"}
_IMAGE_ID_ATTRS = {"image": "id", "cover": "id", "media-text": "mediaId"}  # Gutenberg blocks naming their image
# Void blocks that lose nothing: footnotes lists the notes of the post's "footnotes" meta, read on their own.
_HARMLESS_VOID_BLOCKS = {"more", "nextpage", "spacer", "separator", "footnotes"}

_HAS_BLOCKS = re.compile(r"<!--\s+/?wp:[a-z]")
_GUTENBERG = re.compile(r"\s*(/)?wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s*(\{.*\})?\s*(/)?\s*", re.S)
_NEWLINES = re.compile(r"(\n(?:[ \t\f\v]*+\n)+|\n)")
_SHORTCODE = re.compile(r"\[(/?)([A-Za-z][\w-]*)([^\[\]]*)\]")
_CLOSING_SHORTCODE = re.compile(r"\[/([A-Za-z][\w-]*)\]")
_DASHED = re.compile(r"(?:—|–|-{1,2})\s*(\S.*)")
_WP_IMAGE_CLASS = re.compile(r"wp-image-([0-9]{1,18})")
_ID = re.compile(r"[0-9]{1,18}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")  # a footnote id, lower-cased
# C0 and C1 controls (a C1 control in a WordPress export is nearly always a Windows-1252 character read as
# Latin-1) and lone surrogates, which no database stores.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_WINDOWS_1252 = {chr(byte): bytes([byte]).decode("cp1252", "ignore") for byte in range(0x80, 0xA0)}


def _clean_text(text):
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(lambda match: _WINDOWS_1252.get(match.group(), ""), text)


class _Soup(BeautifulSoup):
    """html.parser's tree with the end tags HTML implies: `<p>a<p>b` is two paragraphs to a browser but nested ones
    to html.parser, and a long post written that way would nest hundreds deep."""

    def handle_starttag(self, name, *args, **kwargs):
        if closes := _IMPLIED.get(name):
            for tag in reversed(self.tagStack[-_IMPLIED_SCOPE:]):
                if tag.name in closes:
                    self.endData()
                    self._popToTag(tag.name)
                    break
                if tag.name in _IMPLIED_BARRIERS[name]:
                    break
        return super().handle_starttag(name, *args, **kwargs)


def _parse(text, converter):
    # After the last ">" no tag can end: html.parser reads each "<" there as text, but only after scanning to the
    # end of the input for every one of them (quadratic). Escaping them gives the same text at once.
    last = text.rfind(">")
    if "<" in text[last + 1 :]:
        text = text[: last + 1] + text[last + 1 :].replace("<", "&lt;")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        try:
            return _Soup(text, "html.parser")
        except ParserRejectedMarkup:  # a declaration html.parser cannot read, such as "<![ x ]>"
            pass
        try:
            soup = _Soup(re.sub(r"<!(?!--)", "&lt;!", text), "html.parser")
            converter.note("declarations such as <![…]> that could not be read were kept as text")
            return soup
        except ParserRejectedMarkup:
            converter.note("the body's HTML could not be read: it was kept as plain text")
            return _Soup(html_lib.escape(text), "html.parser")


def _escape(text):
    return html_lib.escape(text)  # quotes too: text never reads as markup, wherever it is put


def _squash(text):
    return " ".join(str(text or "").split())


def _clip(text, limit):
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _short(url):
    return _clip(url, 80)


def _an(word):
    return f"an <{word}>" if word[:1] in "aeiou" else f"a <{word}>"


def _attr(tag, name):
    value = tag.get(name)
    return " ".join(value) if isinstance(value, list) else str(value or "")


def _classes(tag):
    return _attr(tag, "class").split()


def _int_id(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and _ID.fullmatch(value):
        return int(value) or None
    return None


def _flat_text(node):
    """The text under a node, without what removed elements hold; iterative, for nesting too deep to recurse."""
    parts, stack = [], [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Tag):
            if current.name not in _REMOVED and current.name not in ("iframe", "object", "embed", "audio", "video"):
                stack.extend(reversed(current.contents))
        elif type(current) is NavigableString:
            parts.append(str(current))
    return " ".join(parts)


def _json_object(raw):
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}


def _replace_enclosing(text, names, replace):
    """Every [name …]content[/name] replaced by replace(attributes, content); unclosed ones left as they are."""
    opening = re.compile(rf"\[({names})(\s[^\[\]]*)?\]")
    out, copied, position, unclosed = [], 0, 0, set()
    while match := opening.search(text, position):
        name = match.group(1)
        end = -1 if name in unclosed else text.find(f"[/{name}]", match.end())
        if end < 0:
            unclosed.add(name)
            position = match.end()
            continue
        out += [text[copied : match.start()], replace(match.group(2) or "", text[match.end() : end])]
        copied = position = end + len(name) + 3
    return "".join(out) + text[copied:]


def _caption_figure(attrs, content):
    """WordPress's own rendering of [caption]: the image (or linked image) first, the rest is the caption."""
    match = re.match(r"\s*((?:<a\s[^<>]*>\s*)?<img\s[^<>]*>(?:\s*</a>)?)(.*)", content, re.S | re.I)
    image, caption = match.groups() if match else (content, "")
    if not caption.strip() and (attr := re.search(r"\bcaption=(?:\"([^\"]*)\"|'([^']*)')", attrs)):
        caption = attr.group(1) or attr.group(2) or ""
    attachment = re.search(r"\bid=[\"']?attachment_([0-9]{1,18})\b", attrs)
    id_attr = f' id="attachment_{attachment.group(1)}"' if attachment else ""
    return f"<figure{id_attr}>{image}<figcaption>{caption}</figcaption></figure>"
