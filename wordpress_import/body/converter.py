"""The one pass over the tree: what each element becomes, and the notes on what had to change."""

import html as html_lib
import re
from collections import Counter
from dataclasses import dataclass
from itertools import islice
from urllib.parse import urlsplit

from bs4 import Comment, NavigableString, Tag
from bs4.element import PreformattedString
from django.conf import settings

from blog.blocks import BodyStreamBlock
from site_project import embed_providers

from .links import _BARE_URL, _C0_AND_SPACE, _file_label, _watch_url, _web_url
from .markup import (
    _BLOCK_CONTENT_MAX,
    _BLOCKISH,
    _CLOSING_SHORTCODE,
    _DASHED,
    _EMPTY,
    _GUTENBERG,
    _HARMLESS_VOID_BLOCKS,
    _HEADINGS,
    _IMAGE_ID_ATTRS,
    _KNOWN_SHORTCODES,
    _LISTS,
    _NEWLINES,
    _REMOVED,
    _SHORTCODE,
    _UUID,
    _WP_IMAGE_CLASS,
    _an,
    _attr,
    _caption_figure,
    _classes,
    _clip,
    _escape,
    _flat_text,
    _int_id,
    _json_object,
    _replace_enclosing,
    _short,
    _squash,
)
from .tokens import (
    _BR,
    _EDGE_BREAKS,
    _PARA,
    _RULE,
    _bare_url,
    _Blocks,
    _Close,
    _html_text,
    _lines,
    _Note,
    _Open,
    _render,
    _Rich,
    _segments,
    _Text,
)


@dataclass
class ImageRef:
    """An image the body shows, for the importer to find among the export's media."""

    url: str  # the src as written
    attachment_id: int | None  # from class="wp-image-41", [caption id="attachment_41"] or Gutenberg's {"id":41}
    alt: str
    caption: str


# --- Limits the blocks set ------------------------------------------------------------------------------------


def _max_length(block, child):
    return BodyStreamBlock.base_blocks[block].child_blocks[child].field.max_length


HEADING_MAX = _max_length("heading_block", "text")
ALT_MAX = _max_length("image_block", "alt_text")
CAPTION_MAX = _max_length("image_block", "caption")
ATTRIBUTION_MAX = _max_length("quote_block", "attribution")
EMBED_TITLE_MAX = _max_length("embed_block", "title")
MAX_DEPTH = 50  # deeper than any real post: below it, content is kept as plain text
NO_NOTES = {"heading": "headings", "quote": "quotes", "caption": "captions"}  # blocks of plain text


def _embed(url, title=""):
    return {"type": "embed_block", "value": {"media": url, "title": _clip(title, EMBED_TITLE_MAX)}}


# --- The converter -------------------------------------------------------------------------------------------


class _Converter:
    def __init__(self, resolve_image, *, gutenberg):
        self.resolve_image = resolve_image
        self.gutenberg = gutenberg  # the body has block comments: WordPress adds no paragraphs inside blocks
        self.notes = []
        self.footnotes = {}  # the post's footnotes by id (their HTML as WordPress stores it); None if unreadable
        self.blocks = []  # the Gutenberg blocks open here: (name, attrs)
        self.open_blocks = Counter()  # how many of each name are in self.blocks
        self.skip = set()  # ids of nodes already read by another element's handler
        self.figure = None  # (caption, attachment id) for the one image of the figure being read
        self.depth = 0
        self.in_pre = 0
        self.in_link = 0
        self.closed_shortcodes = set()
        self.shortcode_embeds = set()
        self.embed_patterns = [
            re.compile(pattern)
            for endpoint, _ in embed_providers.chosen(settings.EMBED_PROVIDERS)
            for pattern in endpoint["urls"]
        ]

    def note(self, text):
        if text not in self.notes:
            self.notes.append(text)

    def embeddable(self, url):
        return any(pattern.match(url) for pattern in self.embed_patterns)

    # --- Shortcodes, before the HTML is parsed ---

    def expand_shortcodes(self, text):
        """[caption]…[/caption] becomes the <figure> WordPress renders, [embed]URL[/embed] a paragraph of its URL;
        other shortcodes stay as text (and are reported as they are read)."""
        self.closed_shortcodes = set(_CLOSING_SHORTCODE.findall(text))
        text = _replace_enclosing(text, "caption|wp_caption", _caption_figure)
        return _replace_enclosing(text, "embed", self.embed_paragraph)

    def embed_paragraph(self, attrs, content):
        url = content.strip()
        if _BARE_URL.fullmatch(url):
            self.shortcode_embeds.add(url)
            return f"<p>{html_lib.escape(url)}</p>"
        return f"<p>{content}</p>"

    def find_shortcodes(self, text):
        if "[" not in text:
            return
        for match in _SHORTCODE.finditer(text):
            closing, name, rest = match.groups()
            if text[match.start() - 1 : match.start()] == "[" and text[match.end() : match.end() + 1] == "]":
                continue  # [[gallery]] is how WordPress writes the text "[gallery]"
            if rest and not rest[0].isspace() and rest != "/":
                continue
            known = name.lower() in _KNOWN_SHORTCODES or name in self.closed_shortcodes
            if closing or "=" in rest or rest.strip() == "/" or known:
                self.note(f"unknown shortcode [{name}] kept as text")

    # --- Tokens ---

    def tokens(self, node):
        """The tokens of a node's children."""
        if self.depth >= MAX_DEPTH:
            self.note("content nested too deeply was kept as plain text")
            return [_Text(_flat_text(node))]
        self.depth += 1
        try:
            out = []
            for child in node.children:
                if id(child) not in self.skip:
                    out.extend(self.token(child))
            return out
        finally:
            self.depth -= 1

    def token(self, node):
        if isinstance(node, Comment):
            return self.comment(node)
        if isinstance(node, PreformattedString):
            return []  # CDATA, doctype, processing instruction
        if isinstance(node, NavigableString):
            return self.text(str(node))
        if not isinstance(node, Tag):
            return []
        return self.element(node)

    def text(self, text):
        self.find_shortcodes(text)
        if self.in_pre:
            pieces = text.split("\n")
            return [token for i, piece in enumerate(pieces) for token in ([_BR] if i else []) + [_Text(piece)]]
        if self.gutenberg and self.blocks:
            return [_Text(text)]
        # wpautop: a blank line starts a paragraph, a single newline breaks the line.
        out = []
        for i, piece in enumerate(_NEWLINES.split(text)):
            if i % 2 == 0:
                out.append(_Text(piece))
            else:
                out.append(_PARA if piece.count("\n") > 1 else _BR)
        return out

    def element(self, tag):
        name = tag.name.lower()
        if name in _REMOVED:
            self.note(f"removed {_an(name)} element")
            return []
        if name in _EMPTY:
            return []
        if name == "br":
            return [_BR]
        if name == "hr":
            return [_Blocks([_RULE])]
        if name in ("b", "strong"):
            return [_Open("b"), *self.tokens(tag), _Close("b")]
        if name in ("i", "em"):
            return [_Open("i"), *self.tokens(tag), _Close("i")]
        if name in ("sup", "a") and tag.has_attr("data-fn"):
            return self.footnote_reference(tag)
        if name == "a":
            return self.link(tag)
        if name == "q":
            return [_Text("“"), *self.tokens(tag), _Text("”")]
        if name == "img":
            if {"wp-smiley", "emoji"} & set(_classes(tag)):
                return [_Text(_attr(tag, "alt"))]
            return [_Blocks(self.image(tag))]
        if name == "figure" or (name == "div" and "wp-caption" in _classes(tag)):
            return [_Blocks(self.figure_items(tag))]
        if name in _HEADINGS:
            return [_Blocks(self.heading(tag))]
        if name in _LISTS:
            return [_Blocks(self.list_items(tag))]
        if name == "blockquote":
            return [_Blocks(self.quote(tag))]
        if name == "table":
            return [_Blocks(self.table(tag))]
        if name == "iframe":
            return [_Blocks(self.iframe(tag))]
        if name in ("object", "embed"):
            return [_Blocks(self.plugin(tag))]
        if name in ("audio", "video"):
            return [_Blocks(self.media(tag))]
        if name == "pre":
            self.in_pre += 1
            try:
                return [_PARA, *self.tokens(tag), _PARA]
            finally:
                self.in_pre -= 1
        if name in _BLOCKISH:
            return [_PARA, *self.tokens(tag), _PARA]
        return self.tokens(tag)  # span, font, u, sup, code, unknown elements: their content only

    # --- Gutenberg's block comments ---

    def comment(self, node):
        match = _GUTENBERG.fullmatch(str(node))
        if not match:
            return []  # an ordinary comment, <!--more-->
        closer, name, raw, void = match.groups()
        name = name.removeprefix("core/")
        attrs = _json_object(raw)
        if closer:
            while self.open_blocks[name]:
                opened, _ = self.blocks.pop()
                self.open_blocks[opened] -= 1
                if opened == name:
                    break
            return []
        is_embed = name == "embed" or name.startswith("core-embed/")
        url = attrs.get("url") if is_embed else None
        if void:
            if is_embed and isinstance(url, str):
                return [_Blocks(self.embed_items(url, ""))]
            if name not in _HARMLESS_VOID_BLOCKS:
                self.note(f"dropped the WordPress block {name}: its content is not stored in the post")
            return []
        if isinstance(url, str) and (inner := self.block_content(node, name)) is not None:
            captions = [
                caption
                for sibling in inner
                if isinstance(sibling, Tag)
                for caption in ([sibling] if sibling.name == "figcaption" else sibling.find_all("figcaption"))
            ]
            title = _squash(captions[0].get_text(" ")) if captions else ""
            return [_Blocks(self.embed_items(url, title))]
        self.blocks.append((name, attrs))
        self.open_blocks[name] += 1
        return []

    def block_content(self, opening, name):
        """The nodes between a block's opening comment and its closing one, marked as read; None when the closing
        comment is not a near sibling (the content is then read as it comes)."""
        inner = []
        for sibling in islice(opening.next_siblings, _BLOCK_CONTENT_MAX):
            match = _GUTENBERG.fullmatch(str(sibling)) if isinstance(sibling, Comment) else None
            if match and match.group(1) and match.group(2).removeprefix("core/") == name:
                self.skip.update(id(node) for node in [*inner, sibling])
                return inner
            inner.append(sibling)
        return None

    # --- Inline elements ---

    def link(self, tag):
        """A web link; a footnote reference inside it follows it (a reference is a link of its own)."""
        href = self.safe_href(tag.get("href"))
        if not href or self.in_link:
            return self.tokens(tag)
        self.in_link += 1
        try:
            inner = self.tokens(tag)
        finally:
            self.in_link -= 1
        references = [token for token in inner if isinstance(token, _Note)]
        return [_Open("a", href), *(token for token in inner if not isinstance(token, _Note)), _Close("a"), *references]

    def footnote_reference(self, tag):
        """Gutenberg's reference to a note, `<sup data-fn="id" class="fn"><a href="#id">1</a></sup>`: the marker of
        its note (the page numbers its notes itself), or nothing when the post's footnotes hold no such note."""
        note_id = _attr(tag, "data-fn").strip().lower()
        if self.footnotes is None:
            return []  # the footnotes could not be read: said once already
        if not _UUID.fullmatch(note_id):
            self.note("a footnote reference without a valid note id was left out, with its number")
        elif note_id not in self.footnotes:
            self.note("a footnote reference whose note is not in the post's footnotes was left out, with its number")
        else:
            return [_Note(note_id)]
        return []

    def safe_href(self, value):
        """An absolute http(s) or mailto address, cleaned as a browser would read it; else "" (with a note)."""
        url = str(value or "").strip(_C0_AND_SPACE)
        url = re.sub(r"[\x00-\x1f\x7f]", "", url).replace(" ", "%20")
        if not url or url.startswith("#"):
            return ""
        try:
            parts = urlsplit(url)
        except ValueError:
            parts = None
        scheme = parts.scheme.lower() if parts else ""
        if parts and ((scheme in ("http", "https") and parts.netloc) or (scheme == "mailto" and parts.path)):
            return url
        if scheme and scheme not in ("http", "https"):
            self.note(f"removed a {scheme}: link and kept its text")
        else:
            self.note(f"link {_short(url)} is not an absolute web address: kept its text")
        return ""

    # --- Images ---

    def image(self, img):
        src = _attr(img, "src").strip() or _attr(img, "data-src").strip()
        caption, figure_id = self.figure or ("", None)
        self.figure = None
        if not src:
            self.note("an image with no address was left out")
            return []
        name, attrs = self.blocks[-1] if self.blocks else ("", {})
        block_id = attrs.get(_IMAGE_ID_ATTRS[name]) if name in _IMAGE_ID_ATTRS else None
        class_id = next((m.group(1) for c in _classes(img) if (m := _WP_IMAGE_CLASS.fullmatch(c))), None)
        attachment_id = _int_id(block_id) or _int_id(class_id) or figure_id
        ref = ImageRef(url=src, attachment_id=attachment_id, alt=_squash(_attr(img, "alt")), caption=caption)
        image = self.resolve_image(ref)
        if image is None:
            return [self.missing_image(ref)]
        alt, source = next(
            (text, source)
            for text, source in (
                (ref.alt, ""),
                (caption, "caption"),
                (_squash(_attr(img, "title")), "title"),
                (_squash(getattr(image, "title", "")), "title"),
                (_file_label(src), "file name"),
            )
            if text
        )
        if source:
            self.note(f"image {_short(src)} had no alt text: used its {source} instead")
        value = {
            "image": image.pk,
            "alt_text": _clip(alt, ALT_MAX),
            "caption": _clip(caption, CAPTION_MAX),
            "credit": "",
            "source_url": "",
        }
        return [{"type": "image_block", "value": value}]

    def missing_image(self, ref):
        label = f"Image: {ref.caption or ref.alt or _file_label(ref.url)}"
        url = _web_url(ref.url)
        if url:
            self.note(f"image {_short(ref.url)} not found: kept as a link")
            return _Rich(f'<p><a href="{html_lib.escape(url)}">{_escape(label)}</a></p>', label)
        self.note(f"image {_short(ref.url)} not found: kept its description as text")
        return _Rich(f"<p>{_escape(label)}</p>", label)

    def figure_items(self, figure):
        """A figure with one image is an image block captioned by its figcaption; any other figure (a gallery, an
        embed, a table, a pull quote) is read as it comes, its caption a paragraph after it."""
        if figure.name == "figure":
            caption_tag = figure.find("figcaption", recursive=False)
        else:  # the HTML of WordPress's classic caption: <div class="wp-caption"><img><p class="wp-caption-text">
            caption_tag = figure.find(class_="wp-caption-text")
        caption, extra = self.plain(caption_tag, "caption") if caption_tag else ("", [])
        caption = _squash(caption)
        if caption_tag:
            self.skip.add(id(caption_tag))
        attachment = re.fullmatch(r"attachment_([0-9]{1,18})", _attr(figure, "id"))
        images = [img for img in figure.find_all("img") if not {"wp-smiley", "emoji"} & set(_classes(img))]
        single = len(images) == 1 and figure.find("figure") is None
        saved, self.figure = (
            self.figure,
            ((caption, int(attachment.group(1)) if attachment else None) if single else None),
        )
        try:
            items = self.assemble(self.tokens(figure))
            used = self.figure is None
        finally:
            self.figure = saved
        if caption and not (single and used):
            if len(items) == 1 and isinstance(items[0], dict) and items[0]["type"] == "embed_block":
                items[0]["value"]["title"] = items[0]["value"]["title"] or _clip(caption, EMBED_TITLE_MAX)
            else:
                items.append(_Rich(f"<p>{_escape(caption)}</p>", caption))
        return items + extra

    # --- Headings, quotes, lists, tables ---

    def plain(self, node, where):
        """A node's text (lines and blank-line paragraphs) and the blocks found inside it, to follow it. `where`
        names the block it goes to (NO_NOTES): its footnote references are left out, with a note."""
        parts, items = [], []
        for token in self.tokens(node):
            if isinstance(token, _Note) or (isinstance(token, _Blocks) and _holds_reference(token.items)):
                self.note(f"a footnote reference in a {where} was left out: Seminar's {NO_NOTES[where]} take no notes")
            if isinstance(token, _Text):
                parts.append(token.text.replace("\n", " "))
            elif token is _BR:
                parts.append("\n")
            elif token is _PARA:
                parts.append("\n\n")
            elif isinstance(token, _Blocks):
                for item in token.items:
                    if isinstance(item, _Rich):
                        parts.append(f"\n\n{item.text}\n\n")
                    elif item is not _RULE:
                        items.append(item)
        paragraphs = []
        for paragraph in re.split(r"\n[ \t\f\v]*\n", "".join(parts)):
            lines = [_squash(line) for line in paragraph.split("\n")]
            if text := "\n".join(line for line in lines if line):
                paragraphs.append(text)
        return "\n\n".join(paragraphs), items

    def heading(self, tag):
        text, items = self.plain(tag, "heading")
        text = _squash(text)
        block = {"type": "heading_block", "value": {"text": _clip(text, HEADING_MAX), "level": _HEADINGS[tag.name]}}
        return ([block] if text else []) + items

    def quote(self, tag):
        """Attribution from a <cite> (Gutenberg's, or one ending the quote after a dash), or from a last line that
        starts with a dash; the rest is the quote's text."""
        attribution, extra = "", []
        cite = tag.find("cite", recursive=False)
        if cite is None:
            children = [child for child in tag.children if isinstance(child, Tag) or str(child).strip()]
            last = children[-1] if children else None
            inner = (last if last.name == "cite" else last.find("cite")) if isinstance(last, Tag) else None
            if inner is not None and _squash(last.get_text(" ")).lstrip("—–- ") == _squash(inner.get_text(" ")):
                cite = last
        if cite is not None:
            attribution, extra = self.plain(cite, "quote")
            attribution = _squash(attribution).lstrip("—–- ")
            self.skip.add(id(cite))
        text, items = self.plain(tag, "quote")
        lines = text.split("\n")
        if not attribution and len(lines) > 1 and (dashed := _DASHED.fullmatch(lines[-1])):
            attribution, text = dashed.group(1), "\n".join(lines[:-1]).rstrip()
        if not text:
            return items + extra
        value = {"text": text, "attribution": _clip(attribution, ATTRIBUTION_MAX), "citation": ""}
        return [{"type": "quote_block", "value": value}, *items, *extra]

    def list_items(self, tag):
        """A list as rich text; the images, quotes or headings inside it follow it (rich text cannot hold them)."""
        deferred = []
        html = self.list_html(tag, deferred)
        return ([_Rich(html, _html_text(html), is_list=True)] if html else []) + deferred

    def list_html(self, tag, deferred):
        if self.depth >= MAX_DEPTH:
            self.note("content nested too deeply was kept as plain text")
            text = _squash(_flat_text(tag))
            return f"<ul><li>{_escape(text)}</li></ul>" if text else ""
        self.depth += 1
        try:
            entries, loose = [], []

            def add(nodes):
                if nodes and (html := self.inline_html(nodes, deferred)):
                    entries.append(html)
                nodes.clear()

            for child in tag.children:
                if id(child) in self.skip:
                    continue
                if isinstance(child, Tag) and child.name == "li":
                    add(loose)
                    add(list(child.children))
                elif isinstance(child, Tag) and child.name in _LISTS:
                    add(loose)
                    if nested := self.list_html(child, deferred):
                        entries[-1:] = [(entries[-1] if entries else "") + nested]
                elif isinstance(child, Comment):
                    self.comment(child)
                elif isinstance(child, Tag) or str(child).strip():
                    loose.append(child)
            add(loose)
        finally:
            self.depth -= 1
        name = "ol" if tag.name == "ol" else "ul"
        return f"<{name}>{''.join(f'<li>{entry}</li>' for entry in entries)}</{name}>" if entries else ""

    def inline_html(self, nodes, deferred):
        """A list item's content: paragraphs become line breaks, nested lists stay in place, other blocks wait."""
        tokens = []
        for node in nodes:
            if id(node) not in self.skip:
                tokens.extend(_BR if token is _PARA else token for token in self.token(node))
        html = []
        for segment in _segments(tokens):
            if isinstance(segment, _Blocks):
                for item in segment.items:
                    if isinstance(item, _Rich) and item.is_list:
                        html.append(item.html)
                    elif item is not _RULE:
                        deferred.append(item)
            else:
                lines = [self.linked(line) if start == 0 else line for start, line in _lines(segment)]
                html.append(_render([token for i, line in enumerate(lines) for token in [_BR] * bool(i) + line]))
        return re.sub(r"(?:<br/>)+", "<br/>", _EDGE_BREAKS.sub("", "".join(html)))

    def table(self, tag):
        """Rows as lines of text, cells separated by a bar: the body has no table block."""
        self.note("a table was turned into lines of text (the body has no table block)")
        tokens = []
        caption = tag.find("caption", recursive=False)
        if caption is not None:
            tokens += [_PARA, *self.tokens(caption), _PARA]
            self.skip.add(id(caption))
        for section in [tag, *tag.find_all(["thead", "tbody", "tfoot"], recursive=False)]:
            for row in section.find_all("tr", recursive=False):
                for i, cell in enumerate(row.find_all(["td", "th"], recursive=False)):
                    if i:
                        tokens.append(_Text(" | "))
                    tokens += [_Text(" ") if token in (_PARA, _BR) else token for token in self.tokens(cell)]
                tokens.append(_BR)
        return self.assemble(tokens)

    # --- Embeds and players ---

    def embed_items(self, url, title):
        """An embed block when the site allows the provider, else a link (with a note)."""
        url = url.strip()
        if _BARE_URL.fullmatch(url) and self.embeddable(url):
            return [_embed(url, title)]
        web = _web_url(url) if _BARE_URL.fullmatch(url) else ""
        if web:
            self.note(f"embed {_short(url)} is not from a provider the site allows: kept as a link")
            label = _escape(title or web)
            return [_Rich(f'<p><a href="{html_lib.escape(web)}">{label}</a></p>', title or web)]
        self.note("an embed with no web address was left out")
        return []

    def iframe(self, tag):
        url = _watch_url(_attr(tag, "src") or _attr(tag, "data-src"))
        if url and _BARE_URL.fullmatch(url) and self.embeddable(url):
            return [_embed(url)]
        host = urlsplit(url).hostname if url else ""
        self.note(
            f"removed an iframe from an unknown host: {host}" if host else "removed an iframe from an unknown host"
        )
        return []

    def plugin(self, tag):
        """<object>/<embed>: the Flash players of old posts; a YouTube or Vimeo one becomes an embed."""
        candidates = [_attr(tag, "data"), _attr(tag, "src")]
        candidates += [
            _attr(param, "value") for param in tag.find_all("param") if _attr(param, "name").lower() in ("movie", "src")
        ]
        candidates += [_attr(inner, "src") for inner in tag.find_all("embed")]
        for candidate in candidates:
            url = _watch_url(candidate)
            if url and _BARE_URL.fullmatch(url) and self.embeddable(url):
                return [_embed(url)]
        self.note(f"removed {_an(tag.name)} element")
        return []

    def media(self, tag):
        """<audio>/<video>: a link to the file (nothing plays it here)."""
        sources = [_attr(tag, "src"), *(_attr(source, "src") for source in tag.find_all("source"))]
        url = next((web for source in sources if (web := _web_url(source.strip()))), "")
        if not url or not _BARE_URL.fullmatch(url):
            self.note(f"removed {_an(tag.name)} element")
            return []
        kind = tag.name.capitalize()
        self.note(f"{tag.name} {_short(url)} kept as a link")
        label = f"{kind}: {_file_label(url)}"
        return [_Rich(f'<p><a href="{html_lib.escape(url)}">{_escape(label)}</a></p>', label)]

    # --- Paragraphs ---

    def assemble(self, tokens):
        """Tokens as items: paragraphs cut at paragraph breaks and around blocks; a line that is only a URL becomes
        an embed (when the site allows the provider) or a link."""
        items = []
        for segment in _segments(tokens):
            if isinstance(segment, _Blocks):
                items.extend(segment.items)
                continue
            lines = []
            for start, line in _lines(segment):
                url = _bare_url(line) if start == 0 else None
                if url and self.embeddable(url):
                    items.extend(self.paragraph(lines))
                    items.append(_embed(url))
                    lines = []
                    continue
                if url and url in self.shortcode_embeds:
                    self.note(f"embed {_short(url)} is not from a provider the site allows: kept as a link")
                lines.append(self.linked(line) if url else line)
            items.extend(self.paragraph(lines))
        return items

    def paragraph(self, lines):
        html = _render([token for i, line in enumerate(lines) for token in [_BR] * bool(i) + line])
        if not _html_text(html):
            return []
        return [_Rich(f"<p>{html}</p>", _html_text(html))]

    def linked(self, line):
        url = _bare_url(line)
        href = url and self.safe_href(url)
        return [_Open("a", href), _Text(url), _Close("a")] if href else line


def _holds_reference(items):
    """Whether finished rich text among `items` (a list inside a heading, say) marks a footnote."""
    return any(isinstance(item, _Rich) and "<footnote " in item.html for item in items)
