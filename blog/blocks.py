"""StreamField blocks for unit and post bodies; each renders through its own template in templates/blocks/."""

from urllib.parse import urlsplit

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.embeds.exceptions import EmbedException
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import get_text_for_indexing

from blog.notes import without_markers

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text; on a post or unit, with footnotes (the toolbar's Note button: blog/notes.py)."""

    def __init__(self, notes=True, **kwargs):
        super().__init__(features=[*RICH_TEXT_FEATURES, *(["footnote"] if notes else [])], **kwargs)

    def get_searchable_content(self, value):
        """Wagtail's, without the footnote markers' labels ("[1]")."""
        return [get_text_for_indexing(without_markers(value.source))] if self.search_index else []

    class Meta:
        label = "Paragraph"
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        description = "Text with bold, italic, links, lists and footnotes."


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", "Section (h2)"), ("h3", "Subsection (h3)")], default="h2")

    class Meta:
        label = "Heading"
        icon = "title"
        template = "blocks/heading_block.html"
        description = "A section or subsection heading."
        preview_value = {"text": "De-Stalinization", "level": "h2"}


class CreditedImageBlock(blocks.StructBlock):
    """An image with the source credit history writing owes its reader ("See the source image")."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250, help_text="Describe the image for readers who cannot see it (required)."
    )
    caption = blocks.CharBlock(required=False, max_length=300)
    credit = blocks.CharBlock(required=False, max_length=200, help_text="Who made or holds the image.")
    source_url = blocks.URLBlock(required=False, help_text="Where the image was found.")
    source = blocks.CharBlock(
        required=False,
        max_length=40,
        label="Cites source",
        help_text="The short name of one of the post's sources (below the body): its citation becomes the credit.",
    )

    class Meta:
        label = "Image"
        icon = "image"
        template = "blocks/image_block.html"
        description = "An image with alt text, caption and source credit."


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200, help_text="Who said or wrote it.")
    citation = blocks.CharBlock(required=False, max_length=300, help_text="Where it was said or published.")

    class Meta:
        label = "Quote"
        icon = "openquote"
        template = "blocks/quote_block.html"
        description = "A quotation, with who said it and where."
        preview_value = {
            "text": "We must abolish the cult of the individual decisively.",
            "attribution": "N. S. Khrushchev",
        }


class PrimarySourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=300)
    publication = blocks.CharBlock(required=False, max_length=200, help_text="e.g. Current Digest of the Soviet Press")
    date = blocks.CharBlock(required=False, max_length=100, help_text="As precise as the source allows.")
    url = blocks.URLBlock(required=False)
    excerpt = blocks.TextBlock(required=False)
    source = blocks.CharBlock(
        required=False,
        max_length=40,
        label="Cites source",
        help_text="The short name of one of the post's sources (below the body), cited under the excerpt.",
    )
    pages = blocks.CharBlock(required=False, max_length=40, help_text="The page or pages the excerpt is from.")

    class Meta:
        label = "Primary source"
        icon = "doc-full"
        template = "blocks/primary_source_block.html"
        description = "A document from the period, cited with its publication and date."


CITING_BLOCKS = {"image_block", "primary_source_block"}


def cited_source(block):
    """The short name of the post's source a body block (a StreamChild) cites, or ""."""
    return (block.block_type in CITING_BLOCKS and (block.value.get("source") or "").strip()) or ""


class EmbedPlaceholderValue(blocks.StructValue):
    """Exposes the embed's title and provider for a click-to-load placeholder; never fails on a dead finder."""

    def embed(self):
        from wagtail.embeds.embeds import get_embed

        if not hasattr(self, "_embed"):
            try:
                self._embed = get_embed(self["media"].url)
            except EmbedException:
                self._embed = None
        return self._embed

    def provider(self):
        embed = self.embed()
        return (embed and embed.provider_name) or urlsplit(self["media"].url).hostname or ""

    def display_title(self):
        embed = self.embed()
        return self["title"] or (embed and embed.title) or self["media"].url


class MediaEmbedBlock(blocks.StructBlock):
    """Third-party media shown as a local placeholder: nothing is requested from the provider until a click."""

    media = EmbedBlock(help_text="A YouTube, Vimeo or other oEmbed URL.")
    title = blocks.CharBlock(required=False, max_length=200, help_text="Shown before the reader loads it.")

    class Meta:
        label = "Embedded media"
        icon = "media"
        template = "blocks/embed_block.html"
        description = "A video or other media, loaded only when the reader asks for it."
        value_class = EmbedPlaceholderValue


class BibliographyBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(blocks.CharBlock(label="Citation", max_length=500), **kwargs)

    class Meta:
        label = "Works cited"
        icon = "list-ul"
        template = "blocks/bibliography_block.html"
        description = "Works cited, one citation per item."


class BodyStreamBlock(blocks.StreamBlock):
    paragraph_block = ParagraphBlock()
    heading_block = HeadingBlock()
    image_block = CreditedImageBlock()
    quote_block = QuoteBlock()
    primary_source_block = PrimarySourceBlock()
    embed_block = MediaEmbedBlock()
    bibliography_block = BibliographyBlock()


class IntroImageBlock(CreditedImageBlock):
    """An image in a course home's introduction: a home has no sources to cite (its credit says where it is from)."""

    source = None


class IntroPrimarySourceBlock(PrimarySourceBlock):
    source = None
    pages = None


class IntroStreamBlock(BodyStreamBlock):
    """A course home's introduction: the body's blocks without what cites a source, its paragraphs without footnotes
    and its image and primary source blocks without "Cites source" (a home has neither notes nor sources). Each
    keeps its place in the block menu (Wagtail keeps an overridden block where it was declared)."""

    paragraph_block = ParagraphBlock(notes=False)
    image_block = IntroImageBlock()
    primary_source_block = IntroPrimarySourceBlock()
