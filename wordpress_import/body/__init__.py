"""A WordPress post body (the HTML of content:encoded, classic editor or Gutenberg) as raw BodyStreamBlock data.

What WordPress stores is not what it shows: a classic post has no <p> (wpautop adds them on display), a Gutenberg
post keeps its data in block comments, and [shortcodes] expand on display. `convert_body` does what WordPress's
display would, keeps only what the body's blocks can hold, and says in `notes` what it had to change:

- paragraphs and lists become rich text in Wagtail's stored format (p, b, i, a href, ul, ol, li, br), consecutive
  ones sharing one paragraph block; headings, images, quotes and embeds become their own blocks and end the run;
- nothing else survives: other elements are unwrapped to their text, active ones (script, iframe, form…) are
  removed with their content, and no attribute but an absolute web or mail href is kept;
- Gutenberg's footnote references become the paragraphs' note markers, and the notes (from the post's "footnotes"
  meta) come with the blocks, for the importer to save with the post (footnotes.py).

The tree is read once, in document order; each element becomes a flat list of tokens (text, inline open/close,
line break, paragraph break, or finished blocks), and the assembler cuts the tokens into paragraphs.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .converter import ImageRef, _Converter
from .footnotes import number_notes, read_footnotes
from .markup import _HAS_BLOCKS, _clean_text, _parse
from .tokens import _stream

if TYPE_CHECKING:
    from wagtail.images.models import AbstractImage

__all__ = ["Converted", "ImageRef", "convert_body"]


@dataclass
class Converted:
    blocks: list[dict] = field(default_factory=list)  # raw StreamField data for BodyStreamBlock
    notes: list[str] = field(default_factory=list)  # what the instructor should know, each said once
    footnotes: list[dict] = field(default_factory=list)  # {"uuid", "text"}: the notes referred to, in reading order


def convert_body(
    html: str, resolve_image: Callable[[ImageRef], "AbstractImage | None"], footnotes_json: str = ""
) -> Converted:
    """The body's blocks, footnotes and notes. `resolve_image` returns the Wagtail image for a reference, or None:
    the image is then a paragraph linking to its original address. `footnotes_json` is the post's "footnotes" meta,
    the notes its footnote references refer to. Never raises on any HTML or meta."""
    text = _clean_text(html or "")
    converter = _Converter(resolve_image, gutenberg=bool(_HAS_BLOCKS.search(text)))
    converter.footnotes = read_footnotes(footnotes_json, converter)
    soup = _parse(converter.expand_shortcodes(text), converter)
    blocks = _stream(converter.assemble(converter.tokens(soup)))
    footnotes = number_notes(blocks, converter.footnotes or {}, converter)
    return Converted(blocks=blocks, notes=converter.notes, footnotes=footnotes)
