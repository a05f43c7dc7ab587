"""Read a WordPress eXtended RSS (WXR) export into plain dataclasses, refusing anything unsafe or malformed.

WXR is RSS 2.0 with WordPress's own namespaces. Versions 1.0 to 1.2 differ in details this module absorbs: the
namespace URI (`http://` or `https://wordpress.org/export/1.x/`), 1.0's tag domain `tag` (later `post_tag`), and
1.0's missing `wp:author` blocks. The file as a whole is either usable or rejected with a `WxrError` an instructor
can act on; a single broken item or comment is parsed as far as it goes and carries its `problems`, so the
importer can skip just that one.
"""

import os
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from xml.etree.ElementTree import ParseError, TreeBuilder
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from django.utils import timezone

SUPPORTED_VERSIONS = ("1.0", "1.1", "1.2")
CHUNK_BYTES = 64 * 1024

# Any URI spelling of WordPress's namespaces is read under one short prefix, so `wp:post_id` means the same in
# every version.
_PREFIXES = (
    (re.compile(r"https?://wordpress\.org/export/\d+\.\d+/excerpt/"), "excerpt"),
    (re.compile(r"https?://wordpress\.org/export/\d+\.\d+/"), "wp"),
    (re.compile(r"https?://purl\.org/rss/1\.0/modules/content/"), "content"),
    (re.compile(r"https?://purl\.org/dc/elements/1\.1/"), "dc"),
)
# Expat errors that only the end of the input can cause: the file was cut off.
_TRUNCATED = {
    expat.errors.codes[message]
    for message in (
        expat.errors.XML_ERROR_NO_ELEMENTS,
        expat.errors.XML_ERROR_UNCLOSED_TOKEN,
        expat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
        expat.errors.XML_ERROR_PARTIAL_CHAR,
    )
}
_WP_DATE = "%Y-%m-%d %H:%M:%S"


class WxrError(Exception):
    """The file as a whole cannot be read; the message says why, and where when the parser knows."""


# --- What the export holds ----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class WxrAuthor:
    wp_id: int | None  # wp:author_id; None where the export has none
    login: str
    email: str
    display_name: str
    first_name: str
    last_name: str


@dataclass(frozen=True, kw_only=True)
class WxrCategory:
    nicename: str
    name: str
    parent_nicename: str | None


@dataclass(frozen=True, kw_only=True)
class WxrTag:
    slug: str
    name: str


@dataclass(frozen=True, kw_only=True)
class WxrComment:
    wp_id: int | None  # None only with a problem saying why
    parent_wp_id: int  # 0: top level
    author_name: str
    author_email: str
    author_url: str
    date: datetime | None  # aware
    content: str
    approved: str  # as in the file: "1", "0", "spam", "trash", ...
    comment_type: str  # "" and "comment" are comments; "pingback", "trackback"
    user_id: int  # 0: not written by a WordPress account
    problems: tuple[str, ...] = ()

    @property
    def is_comment(self):
        return self.comment_type in ("", "comment")


@dataclass(frozen=True, kw_only=True)
class WxrItem:
    wp_id: int | None  # None only with a problem saying why
    post_type: str  # "post", "page", "attachment", "nav_menu_item", ...
    status: str  # "publish", "draft", "pending", "private", "future", "inherit", ...
    title: str
    slug: str  # wp:post_name; empty for drafts that never had one
    link: str
    creator: str  # dc:creator, the author's login; may be empty
    content: str  # raw HTML with shortcodes and block comments
    excerpt: str  # for attachments: the caption
    date: datetime | None  # aware; None when the export gives no usable date
    password: str
    comment_status: str  # "open" or "closed"
    categories: tuple[tuple[str, str], ...]  # (nicename, name) in document order: the first is the post's unit
    tags: tuple[tuple[str, str], ...]  # (slug, name)
    attachment_url: str
    parent_wp_id: int
    meta: dict[str, str]  # wp:postmeta; the first value of a repeated key wins, as get_post_meta(single) does
    comments: tuple[WxrComment, ...]
    line: int | None = None  # where the <item> starts in the file
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class WxrExport:
    version: str
    title: str
    link: str
    base_site_url: str
    base_blog_url: str
    authors: tuple[WxrAuthor, ...]
    categories: tuple[WxrCategory, ...]
    tags: tuple[WxrTag, ...]
    items: tuple[WxrItem, ...]
    problems: tuple[str, ...] = ()  # channel-level oddities, e.g. an author block without a login

    def posts(self):
        return tuple(item for item in self.items if item.post_type == "post")

    def attachments(self):
        """Attachments by WordPress id: posts refer to images as `wp-image-41` or `attachment_41`."""
        return {item.wp_id: item for item in self.items if item.post_type == "attachment" and item.wp_id is not None}

    def skipped_counts(self):
        """How many items of each kind the importer leaves out (pages, menu items, ...), for its report."""
        return dict(Counter(item.post_type for item in self.items if item.post_type not in ("post", "attachment")))

    def author(self, login):
        return next((author for author in self.authors if author.login == login), None)


# --- Parsing ------------------------------------------------------------------------------------------------


def parse_wxr(source):
    """Parse an export given as bytes, a path, or a binary file object; raise WxrError if it is unusable."""
    root, item_lines = _parse_xml(source)
    channel = root.find("channel") if root.tag == "rss" else None
    if channel is None:
        found = f"<{_local(root.tag)}>, not <rss>" if root.tag != "rss" else "<rss> has no <channel>"
        raise WxrError(f"The file is not a WordPress export: its root element is {found}.")
    version = _text(channel, "wp:wxr_version")
    if not version:
        raise WxrError(
            "The file is not a WordPress export: it has no wp:wxr_version. Is it the blog's RSS feed? "
            "Export the blog with Tools → Export in WordPress."
        )
    if version not in SUPPORTED_VERSIONS:
        raise WxrError(f"WXR version {version} is not supported; this importer reads 1.0, 1.1 and 1.2.")

    problems = []
    return WxrExport(
        version=version,
        title=_text(channel, "title"),
        link=_text(channel, "link"),
        base_site_url=_text(channel, "wp:base_site_url"),
        base_blog_url=_text(channel, "wp:base_blog_url"),
        authors=tuple(filter(None, (_author(el, problems) for el in _all(channel, "wp:author")))),
        categories=tuple(_category(el) for el in _all(channel, "wp:category")),
        tags=tuple(_tag(el) for el in _all(channel, "wp:tag")),
        items=tuple(_item(el, item_lines.get(el)) for el in _all(channel, "item")),
        problems=tuple(problems),
    )


class _Builder:
    """An ElementTree target that shortens namespaced tags (`wp:post_id`) and notes the line of each <item>."""

    def __init__(self):
        self._tree = TreeBuilder()
        self.expat = None  # set once the parser exists
        self.item_lines = {}
        self.saw_element = False

    def start(self, tag, attrs):
        self.saw_element = True
        element = self._tree.start(_short(tag), attrs)
        if element.tag == "item":
            self.item_lines[element] = self.expat.CurrentLineNumber
        return element

    def end(self, tag):
        return self._tree.end(_short(tag))

    def data(self, text):
        self._tree.data(text)

    def close(self):
        return self._tree.close()


def _parse_xml(source):
    builder = _Builder()
    # WordPress never writes a DTD, so refusing any is both safe (no entity bombs, no external entities) and exact.
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.expat = parser.parser
    try:
        for chunk in _chunks(source):
            parser.feed(chunk)
        root = parser.close()
    except DefusedXmlException:
        raise WxrError(
            f"The file declares a DTD or entities (line {builder.expat.CurrentLineNumber}), which WordPress exports "
            "never do; refused as unsafe."
        ) from None
    except ParseError as error:
        line, column = error.position
        if error.code in _TRUNCATED and builder.saw_element:
            raise WxrError(
                f"The file ends before the export is complete (line {line}): it was probably cut off while being "
                "downloaded or uploaded. Export it again."
            ) from None
        if not builder.saw_element:
            raise WxrError("The file is empty or not XML: it is not a WordPress export.") from None
        reason = expat.ErrorString(error.code)
        raise WxrError(f"The file is not well-formed XML: line {line}, column {column + 1}: {reason}.") from None
    return root, builder.item_lines


def _chunks(source):
    if isinstance(source, bytes | bytearray | memoryview):
        yield bytes(source)
    elif isinstance(source, str | os.PathLike):
        with open(source, "rb") as file:
            yield from iter(lambda: file.read(CHUNK_BYTES), b"")
    else:
        yield from iter(lambda: source.read(CHUNK_BYTES), b"")


@lru_cache(maxsize=512)
def _short(tag):
    if not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}", 1)
    for pattern, prefix in _PREFIXES:
        if pattern.fullmatch(uri):
            return f"{prefix}:{local}"
    return tag


def _local(tag):
    return tag.rpartition("}")[2]


def _all(element, tag):
    return [child for child in element if child.tag == tag]


def _text(element, tag):
    """The child's text with the whitespace WordPress pads around CDATA removed; "" when the child is missing."""
    child = next((child for child in element if child.tag == tag), None)
    return (child.text or "").strip() if child is not None else ""


def _int(element, tag, problems):
    """The field as an integer; None when it is missing, or garbled (with a problem saying so)."""
    value = _text(element, tag)
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        problems.append(f"{tag} {value!r} is not a number")
        return None


def _id(element, tag, problems):
    """The WordPress id the importer matches on to import a later export safely: required."""
    if not _text(element, tag):
        problems.append(f"{tag} is missing")
    return _int(element, tag, problems)


def _date(element, gmt_tag, local_tag, problems):
    """UTC from the _gmt field; WordPress leaves it 0000-00-00 on drafts, so fall back to local time then."""
    for tag, zone in ((gmt_tag, UTC), (local_tag, timezone.get_default_timezone())):
        value = _text(element, tag)
        if not value or value.startswith("0000-00-00"):
            continue
        try:
            naive = datetime.strptime(value, _WP_DATE)
        except ValueError:
            problems.append(f"{tag} {value!r} is not a date")
            continue
        return timezone.make_aware(naive, zone)
    return None


def _author(element, problems):
    login = _text(element, "wp:author_login")
    if not login:
        problems.append("A wp:author block has no login; it was left out.")
        return None
    id_problems = []
    wp_id = _int(element, "wp:author_id", id_problems)
    problems.extend(f"Author {login}: {problem}." for problem in id_problems)
    return WxrAuthor(
        wp_id=wp_id,
        login=login,
        email=_text(element, "wp:author_email"),
        display_name=_text(element, "wp:author_display_name"),
        first_name=_text(element, "wp:author_first_name"),
        last_name=_text(element, "wp:author_last_name"),
    )


def _category(element):
    return WxrCategory(
        nicename=_text(element, "wp:category_nicename"),
        name=_text(element, "wp:cat_name"),
        parent_nicename=_text(element, "wp:category_parent") or None,
    )


def _tag(element):
    return WxrTag(slug=_text(element, "wp:tag_slug"), name=_text(element, "wp:tag_name"))


def _terms(element, domains):
    """(slug, name) of the item's terms in these domains. 1.0 also repeats each term without a nicename: skipped."""
    return tuple(
        (term.get("nicename").strip(), (term.text or "").strip())
        for term in _all(element, "category")
        if term.get("domain") in domains and term.get("nicename")
    )


def _item(element, line):
    problems = []
    meta = {}
    for pair in _all(element, "wp:postmeta"):
        meta.setdefault(_text(pair, "wp:meta_key"), _text(pair, "wp:meta_value"))
    return WxrItem(
        wp_id=_id(element, "wp:post_id", problems),
        post_type=_text(element, "wp:post_type"),
        status=_text(element, "wp:status"),
        title=_text(element, "title"),
        slug=_text(element, "wp:post_name"),
        link=_text(element, "link"),
        creator=_text(element, "dc:creator"),
        content=_text(element, "content:encoded"),
        excerpt=_text(element, "excerpt:encoded"),
        date=_date(element, "wp:post_date_gmt", "wp:post_date", problems),
        password=_text(element, "wp:post_password"),
        comment_status=_text(element, "wp:comment_status"),
        categories=_terms(element, {"category"}),
        tags=_terms(element, {"post_tag", "tag"}),
        attachment_url=_text(element, "wp:attachment_url"),
        parent_wp_id=_int(element, "wp:post_parent", problems) or 0,
        meta=meta,
        comments=tuple(_comment(el) for el in _all(element, "wp:comment")),
        line=line,
        problems=tuple(problems),
    )


def _comment(element):
    problems = []
    date = _date(element, "wp:comment_date_gmt", "wp:comment_date", problems)
    if date is None and not problems:
        problems.append("wp:comment_date is missing")
    return WxrComment(
        wp_id=_id(element, "wp:comment_id", problems),
        parent_wp_id=_int(element, "wp:comment_parent", problems) or 0,
        author_name=_text(element, "wp:comment_author"),
        author_email=_text(element, "wp:comment_author_email"),
        author_url=_text(element, "wp:comment_author_url"),
        date=date,
        content=_text(element, "wp:comment_content"),
        approved=_text(element, "wp:comment_approved"),
        comment_type=_text(element, "wp:comment_type"),
        user_id=_int(element, "wp:comment_user_id", problems) or 0,
        problems=tuple(problems),
    )
