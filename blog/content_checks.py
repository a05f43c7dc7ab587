"""A post's accessibility, checked on its body before it goes to review (issue 23). The editor's content checker
(Wagtail's, in the preview and the userbar) shows readers' problems as the browser sees them; these checks decide,
on the StreamField itself, when a post is submitted (blog/forms.py), and show the same findings to instructors in
review (blog/panels.py) and in the WordPress importer's report.

Errors block "Submit for review"; warnings are shown and do not:

- error: a heading that skips a level (the post's title is its h1: a subsection (h3) needs a section (h2) above it);
- error: a heading with no words;
- error: link text that says nothing of where it goes ("click here", "read more", "link");
- error: image alt text that is the file's name, or says only "image", "photo"...;
- warning: a quote that names neither who said it nor where (the text around it may);
- warning: link text that is a web address (screen readers spell it out).

Posts have no table block, and their rich text takes no tables: "a table without headers" cannot occur in one."""

import re
from dataclasses import dataclass
from pathlib import PurePath

from bs4 import BeautifulSoup

ERROR, WARNING = "error", "warning"

# Link text that says nothing of where the link goes, whatever the case and the punctuation around it.
EMPTY_LINK_TEXT = {
    "click",
    "click here",
    "here",
    "link",
    "this link",
    "link here",
    "more",
    "read more",
    "more here",
    "learn more",
    "see more",
    "this",
    "this page",
    "page",
    "website",
    "this website",
    "source",
    "go",
    "continue",
    "article",
}
# Alt text that says only that there is an image.
EMPTY_ALT_TEXT = {
    "image",
    "an image",
    "picture",
    "a picture",
    "photo",
    "a photo",
    "photograph",
    "a photograph",
    "img",
    "pic",
    "graphic",
    "figure",
    "screenshot",
    "untitled",
    "placeholder",
    "alt",
    "alt text",
}
IMAGE_FILE = re.compile(r"\.(avif|gif|jpe?g|png|svg|tiff?|webp|heic)$|^(img|dsc|dscn|pxl|screenshot)[-_ ]?\d", re.I)
# The same judgement for the editor's content checker (Wagtail's "check-image-alt-text", a JavaScript RegExp with
# the "i" flag, failing the alt text it matches): a file's name, or only a word for an image.
ALT_TEXT_PATTERN = (
    IMAGE_FILE.pattern
    + r"|^\s*("
    + "|".join(word.replace(" ", r"\s+") for word in sorted(EMPTY_ALT_TEXT, key=len, reverse=True))
    + r")\s*[.!]?\s*$"
)
WEB_ADDRESS = re.compile(r"^(https?://|www\.)\S+$", re.I)
BLOCK_NAMES = {
    "paragraph_block": "paragraph",
    "heading_block": "heading",
    "image_block": "image",
    "quote_block": "quote",
    "primary_source_block": "primary source",
    "embed_block": "embedded media",
    "bibliography_block": "works cited",
}


@dataclass(frozen=True)
class Finding:
    level: str  # ERROR or WARNING
    block: int  # the body's block, counted from 0
    block_type: str
    field: str | None  # the block's field the finding is about, for a block with fields
    message: str
    block_id: str | None = None  # the block's id in the StreamField (none on a block not yet saved nor sent)

    @property
    def anchor(self):
        """The block's panel in the page editor (Wagtail's "block-<id>-section"), to link to from a list."""
        return f"block-{self.block_id}-section" if self.block_id else None

    @property
    def is_error(self):
        return self.level == ERROR

    @property
    def place(self):
        """Where it is, as the editor shows the body: "block 3 (image)"."""
        return f"block {self.block + 1} ({BLOCK_NAMES.get(self.block_type, self.block_type)})"


def words(text):
    """Lower case, punctuation and spaces folded: "Click here!" and "click  here" are one text."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def check_body(body):
    """Every finding in a post's body (a StreamValue), in the order of the body."""
    findings = []
    level = 1  # the post's title
    for index, block in enumerate(body):
        found = CHECKS.get(block.block_type)
        if block.block_type == "heading_block":
            level, heading = check_heading(block.value, level)
            findings += [Finding(lvl, index, block.block_type, field, msg, block.id) for lvl, field, msg in heading]
        elif found:
            findings += [
                Finding(lvl, index, block.block_type, field, msg, block.id) for lvl, field, msg in found(block.value)
            ]
    return findings


def check_heading(value, level):
    """(the level now, [(level, field, message)]) for a heading block after a heading at `level`."""
    found = []
    if not words(value["text"]):
        found.append((ERROR, "text", "This heading has no words: give it a title, or remove it."))
    new = int(value["level"][1])
    if new > level + 1:
        found.append(
            (
                ERROR,
                "level",
                f"This heading skips a level: a subsection (h{new}) needs a section (h{new - 1}) above it. "
                f"Make it a section, or add a section heading before it.",
            )
        )
    return new, found


def link_problem(text):
    """(level, message) for a link that reads `text`, or None for a link that says where it goes."""
    if words(text) in EMPTY_LINK_TEXT or not words(text):
        return (
            ERROR,
            f"The link text “{text}” does not say where the link goes: use words that name it, such as the title "
            f"of the page or document it opens.",
        )
    if WEB_ADDRESS.match(text):
        return (
            WARNING,
            f"The link text “{text[:60]}” is a web address, which screen readers spell out: name what it links to "
            f"instead.",
        )
    return None


def check_links(value):
    problems = [
        link_problem(link.get_text(" ", strip=True)) for link in BeautifulSoup(value.source, "html.parser")("a")
    ]
    return [(level, None, message) for level, message in filter(None, problems)]


def file_names(image):
    """The ways an image's file is named, folded as `words` folds text: with and without its extension and the
    suffix the storage adds to a name already taken ("map_AbC1234.png")."""
    if image is None:
        return set()
    name = PurePath(image.file.name)
    stem = re.sub(r"_[A-Za-z0-9]{7}$", "", name.stem)
    names = {words(name.name), words(name.stem), words(stem), words(stem + name.suffix)}
    if IMAGE_FILE.search(image.title or ""):  # a title left as the uploaded file's name
        names.add(words(image.title))
    return names - {""}


def check_image(value):
    alt = (value.get("alt_text") or "").strip()
    said = words(alt)
    if said in file_names(value.get("image")) or IMAGE_FILE.search(alt):
        why = "it is the file's name"
    elif said in EMPTY_ALT_TEXT:
        why = "it only says there is an image"
    else:
        return []
    message = (
        f"The alt text “{alt}” does not describe the image ({why}): say what the image shows, as you would to "
        f"a reader who cannot see it."
    )
    return [(ERROR, "alt_text", message)]


def check_quote(value):
    if words(value.get("attribution") or "") or words(value.get("citation") or ""):
        return []
    return [
        (
            WARNING,
            "attribution",
            "This quote does not say who said or wrote it, nor where: add them, unless the text around it does.",
        )
    ]


CHECKS = {"paragraph_block": check_links, "image_block": check_image, "quote_block": check_quote}
