"""A WordPress post body (classic editor or Gutenberg) becomes the body's blocks: WordPress's paragraphs, headings,
lists, quotes, captioned images and allowed embeds, in Wagtail's stored rich text, with nothing active left."""

import html
import json
from types import SimpleNamespace
from unittest import mock
from urllib.parse import urlsplit

import hypothesis
import pytest
import requests
from bs4 import BeautifulSoup
from hypothesis import strategies as st
from pytest_django.asserts import assertTemplateUsed

from blog.blocks import BodyStreamBlock
from tests.factories import ImageFactory
from tests.xss_corpus import PAYLOADS, assert_inert
from wordpress_import.body import ImageRef, convert_body

OLD = "https://old.example.edu/wp-content/uploads/2017/03"
STORED_FORMAT = {"p": set(), "b": set(), "i": set(), "a": {"href"}, "ul": set(), "ol": set(), "li": set(), "br": set()}
OEMBED = {
    "type": "video",
    "title": "Newsreel",
    "provider_name": "YouTube",
    "html": '<iframe src="https://www.youtube-nocookie.com/embed/secret-speech"></iframe>',
}


class Finder:
    """A resolve_image that finds only the file names it was given, and remembers what it was asked."""

    def __init__(self, *names, image=None):
        self.names, self.refs = names, []
        self.image = image or SimpleNamespace(pk=41, title="")

    def __call__(self, ref):
        self.refs.append(ref)
        return self.image if ref.url.rsplit("/", 1)[-1] in self.names else None


def paragraph(value):
    return {"type": "paragraph_block", "value": value}


def embed(url, title=""):
    return {"type": "embed_block", "value": {"media": url, "title": title}}


def image(pk, alt, caption=""):
    return {
        "type": "image_block",
        "value": {"image": pk, "alt_text": alt, "caption": caption, "credit": "", "source_url": ""},
    }


def assert_stored_format(blocks):
    """Rich text holds only Wagtail's stored elements, no attribute but a web or mail href."""
    for block in blocks:
        if block["type"] == "paragraph_block":
            for tag in BeautifulSoup(block["value"], "html.parser").find_all(True):
                assert tag.name in STORED_FORMAT and set(tag.attrs) <= STORED_FORMAT[tag.name], tag
                if tag.name == "a":
                    assert urlsplit(tag["href"]).scheme in ("http", "https", "mailto"), tag


def render(client, make_post, blocks):
    post = make_post(title="Imported from WordPress")
    post.body = blocks
    post.save_revision().publish()
    with mock.patch("wagtail.embeds.finders.oembed.requests.get", side_effect=requests.ConnectionError):
        response = client.get(post.url)
    assert response.status_code == 200
    return response


# --- Text --------------------------------------------------------------------------------------------------


def test_classic_text_gets_wordpress_paragraphs_and_line_breaks():
    body = (
        "The Secret Speech shook the Party.\nIt was read in closed meetings.\n\nThen the <strong>Thaw</strong> began."
    )
    assert convert_body(body, Finder()).blocks == [
        paragraph(
            "<p>The Secret Speech shook the Party.<br/>It was read in closed meetings.</p>"
            "<p>Then the <b>Thaw</b> began.</p>"
        )
    ]


def test_block_html_is_left_alone_and_lists_join_the_paragraph_run():
    body = (
        "Causes:\n<ul>\n<li>Stalin’s death</li>\n<li>Beria’s <em>fall</em></li>\n</ul>\n<ol><li>One<li>Two</ol>\nLast."
    )
    assert convert_body(body, Finder()).blocks == [
        paragraph(
            "<p>Causes:</p><ul><li>Stalin’s death</li><li>Beria’s <i>fall</i></li></ul>"
            "<ol><li>One</li><li>Two</li></ol><p>Last.</p>"
        )
    ]


def test_headings_keep_their_text_and_end_the_run():
    body = "<h1>The <em>Thaw</em></h1>Intro\n<h2>Causes</h2>\n<h4>In <span>Moscow</span></h4>"
    assert convert_body(body, Finder()).blocks == [
        {"type": "heading_block", "value": {"text": "The Thaw", "level": "h2"}},
        paragraph("<p>Intro</p>"),
        {"type": "heading_block", "value": {"text": "Causes", "level": "h2"}},
        {"type": "heading_block", "value": {"text": "In Moscow", "level": "h3"}},
    ]


def test_rich_text_keeps_only_bold_italic_lists_and_web_links():
    body = (
        '<p style="color:red"><strong>bold</strong> <em>it</em> <span class="x">span</span> <u>u</u><sup>1</sup> '
        '<a href="https://example.org/a?b=1&c=2" class="x" onclick="go()" target="_blank">web</a> '
        '<a href="mailto:prof@example.edu">mail</a> <a href="/2017/03/other/">relative</a> '
        '<a href="JaVaScRiPt:alert(1)">js</a> <a href="#note-1">anchor</a> 1 &lt; 2</p>'
    )
    converted = convert_body(body, Finder())
    assert converted.blocks == [
        paragraph(
            '<p><b>bold</b> <i>it</i> span u1 <a href="https://example.org/a?b=1&amp;c=2">web</a> '
            '<a href="mailto:prof@example.edu">mail</a> relative js anchor 1 &lt; 2</p>'
        )
    ]
    assert converted.notes == [
        "link /2017/03/other/ is not an absolute web address: kept its text",
        "removed a javascript: link and kept its text",
    ]


@pytest.mark.parametrize(
    ("body", "text", "attribution"),
    [
        (
            "<blockquote>We must abolish the cult.\n\nDecisively, once and for all.\n— N. S. Khrushchev</blockquote>",
            "We must abolish the cult.\n\nDecisively, once and for all.",
            "N. S. Khrushchev",
        ),
        (
            '<!-- wp:quote --><blockquote class="wp-block-quote"><!-- wp:paragraph --><p>Peace, land, bread.</p>'
            "<!-- /wp:paragraph --><cite>V. I. Lenin</cite></blockquote><!-- /wp:quote -->",
            "Peace, land, bread.",
            "V. I. Lenin",
        ),
        ("<blockquote><p>One line,</p><p>another.</p></blockquote>", "One line,\n\nanother.", ""),
    ],
    ids=["dash line", "gutenberg cite", "none"],
)
def test_blockquote_becomes_a_quote_with_its_attribution(body, text, attribution):
    assert convert_body(body, Finder()).blocks == [
        {"type": "quote_block", "value": {"text": text, "attribution": attribution, "citation": ""}}
    ]


# --- Images ------------------------------------------------------------------------------------------------


def test_caption_shortcode_becomes_a_captioned_image():
    finder = Finder("funeral-300x200.jpg", "crowd.jpg")
    body = (
        f'[caption id="attachment_41" align="alignnone" width="300"]<a href="{OLD}/funeral.jpg"><img '
        f'class="size-medium wp-image-41" src="{OLD}/funeral-300x200.jpg" alt="Crowds at Stalin&#039;s funeral" '
        'width="300" height="200" /></a> Stalin’s funeral, <em>March</em> 1953[/caption]\n\n'
        f'[caption id="attachment_7"]<img src="{OLD}/crowd.jpg" alt="Red Square"> Red Square[/caption]'
    )
    converted = convert_body(body, finder)
    assert finder.refs == [
        ImageRef(f"{OLD}/funeral-300x200.jpg", 41, "Crowds at Stalin's funeral", "Stalin’s funeral, March 1953"),
        ImageRef(f"{OLD}/crowd.jpg", 7, "Red Square", "Red Square"),
    ]
    assert converted.blocks == [
        image(41, "Crowds at Stalin's funeral", "Stalin’s funeral, March 1953"),
        image(41, "Red Square", "Red Square"),
    ]
    assert converted.notes == []


def test_gutenberg_image_takes_its_id_from_the_block_and_its_caption_from_the_figcaption():
    finder = Finder("sputnik.jpg")
    body = (
        '<!-- wp:image {"id":42,"sizeSlug":"large"} -->\n<figure class="wp-block-image size-large">'
        f'<img src="{OLD}/sputnik.jpg" alt=""/><figcaption>Sputnik 1, <em>October</em> 1957</figcaption></figure>\n'
        "<!-- /wp:image -->"
    )
    converted = convert_body(body, finder)
    assert finder.refs == [ImageRef(f"{OLD}/sputnik.jpg", 42, "", "Sputnik 1, October 1957")]
    assert converted.blocks == [image(41, "Sputnik 1, October 1957", "Sputnik 1, October 1957")]
    assert converted.notes == [f"image {OLD}/sputnik.jpg had no alt text: used its caption instead"]


def test_image_with_no_alt_or_caption_is_described_by_its_file_name():
    converted = convert_body(f'<p><img src="{OLD}/red_square-1024x768.jpg"></p>', Finder("red_square-1024x768.jpg"))
    assert converted.blocks == [image(41, "red square")]
    assert converted.notes == [f"image {OLD}/red_square-1024x768.jpg had no alt text: used its file name instead"]


def test_image_not_found_becomes_a_link_to_its_original_address():
    body = (
        f'<p>Before</p><figure><img src="{OLD}/poster.jpg" alt="A poster"><figcaption>Poster, 1957</figcaption>'
        '</figure><p>After <img src="/wp-content/uploads/map.png" alt="A map"></p>'
    )
    converted = convert_body(body, Finder())
    assert converted.blocks == [
        paragraph(
            f'<p>Before</p><p><a href="{OLD}/poster.jpg">Image: Poster, 1957</a></p><p>After</p><p>Image: A map</p>'
        )
    ]
    assert converted.notes == [
        f"image {OLD}/poster.jpg not found: kept as a link",
        "image /wp-content/uploads/map.png not found: kept its description as text",
    ]


# --- Embeds ------------------------------------------------------------------------------------------------


def test_bare_url_alone_on_its_line_is_an_embed_if_the_site_allows_the_provider():
    body = "Watch the newsreel:\nhttps://www.youtube.com/watch?v=secret-speech\n\nhttps://archive.example.org/speech"
    assert convert_body(body, Finder()).blocks == [
        paragraph("<p>Watch the newsreel:</p>"),
        embed("https://www.youtube.com/watch?v=secret-speech"),
        paragraph('<p><a href="https://archive.example.org/speech">https://archive.example.org/speech</a></p>'),
    ]


def test_embed_shortcode_and_gutenberg_embed_block_become_embeds():
    body = (
        "[embed]https://vimeo.com/12345[/embed]\n"
        '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=thaw","type":"video"} -->\n'
        '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=thaw\n'
        "</div><figcaption>The Thaw, 1956</figcaption></figure>\n<!-- /wp:embed -->"
    )
    assert convert_body(body, Finder()).blocks == [
        embed("https://vimeo.com/12345"),
        embed("https://www.youtube.com/watch?v=thaw", "The Thaw, 1956"),
    ]


def test_a_provider_the_site_does_not_allow_stays_a_link(settings):
    settings.EMBED_PROVIDERS = ["vimeo"]
    converted = convert_body(
        '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=thaw"} -->\n<figure></figure>\n<!-- /wp:embed -->',
        Finder(),
    )
    assert converted.blocks == [
        paragraph('<p><a href="https://www.youtube.com/watch?v=thaw">https://www.youtube.com/watch?v=thaw</a></p>')
    ]
    assert converted.notes == [
        "embed https://www.youtube.com/watch?v=thaw is not from a provider the site allows: kept as a link"
    ]


def test_youtube_and_vimeo_players_become_embeds_of_their_page_urls():
    body = (
        '<iframe width="560" src="https://www.youtube-nocookie.com/embed/abc123XYZ?start=90" allowfullscreen></iframe>'
        '\n\n<p><iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e" onload="go()"></iframe></p>'
    )
    converted = convert_body(body, Finder())
    assert converted.blocks == [
        embed("https://www.youtube.com/watch?v=abc123XYZ&t=90s"),
        embed("https://vimeo.com/76979871/8272103f6e"),
    ]
    assert converted.notes == []


def test_iframe_from_an_unknown_host_is_removed_with_a_note():
    body = '<p>Map:</p><iframe src="https://maps.example.com/embed?pb=1">Fallback text</iframe><p>End</p>'
    converted = convert_body(body, Finder())
    assert converted.blocks == [paragraph("<p>Map:</p><p>End</p>")]
    assert converted.notes == ["removed an iframe from an unknown host: maps.example.com"]


# --- Shortcodes, garbage ------------------------------------------------------------------------------------


def test_unknown_shortcodes_stay_as_text_and_are_reported_once_each():
    body = '[gallery ids="1,2"]\n\nSee [footnote]Pravda, 1956[/footnote] and [gallery ids="3"] [sic].'
    converted = convert_body(body, Finder())
    assert converted.blocks == [
        paragraph(
            "<p>[gallery ids=&quot;1,2&quot;]</p>"
            "<p>See [footnote]Pravda, 1956[/footnote] and [gallery ids=&quot;3&quot;] [sic].</p>"
        )
    ]
    assert converted.notes == ["unknown shortcode [gallery] kept as text", "unknown shortcode [footnote] kept as text"]


@pytest.mark.parametrize(
    "body", ["", None, "  \n\n ", "<p>&nbsp;</p>", "<!-- wp:paragraph --><p></p><!-- /wp:paragraph -->"]
)
def test_an_empty_body_has_no_blocks(body):
    assert convert_body(body, Finder()).blocks == []


def test_a_table_becomes_lines_of_text():
    body = "<table><tr><th>Year</th><th>Event</th></tr><tr><td>1956</td><td><b>Secret Speech</b></td></tr></table>"
    converted = convert_body(body, Finder())
    assert converted.blocks == [paragraph("<p>Year | Event<br/>1956 | <b>Secret Speech</b></p>")]
    assert converted.notes == ["a table was turned into lines of text (the body has no table block)"]


def test_a_declaration_html_parser_rejects_is_kept_as_text_and_the_rest_converted():
    converted = convert_body("<p>Text <b>bold</b></p><![ x ]><p>More</p>", Finder())
    assert converted.blocks == [paragraph("<p>Text <b>bold</b></p><p>&lt;![ x ]&gt;</p><p>More</p>")]
    assert converted.notes == ["declarations such as <![…]> that could not be read were kept as text"]


def test_deep_nesting_and_unclosed_paragraphs_are_read_without_failing():
    unclosed = convert_body("<p>Paragraph " * 2000, Finder())
    assert unclosed.blocks[0]["value"].count("<p>") == 2000
    deep = convert_body("<div><b>" * 3000 + "Deep text", Finder())
    assert "Deep text" in deep.blocks[0]["value"]
    assert deep.notes == ["content nested too deeply was kept as plain text"]


PIECES = st.sampled_from(
    [
        *("<p>", "</p>", "<ul>", "<li>", "</ul>", "<b>", "</i>", "<a href='https://a.example/'>", "</a>", "\n\n", "\n"),
        *("<figure>", "<figcaption>", "</figure>", "<blockquote>", "<cite>", "<h2>", "<table><tr><td>", "<pre>"),
        *('<img src="https://a.example/x.jpg">', "[caption]", "[/caption]", "[embed]", "[/embed]", "[gallery]"),
        *('<!-- wp:image {"id":3} -->', "<!-- /wp:image -->", '<!-- wp:embed {"url":"https://vimeo.com/1"} -->'),
        *(
            "https://www.youtube.com/watch?v=x",
            "<iframe src='https://www.youtube.com/embed/x'>",
            "<!--",
            "<![ x ]>",
            "&",
        ),
        *PAYLOADS,
    ]
)


@hypothesis.settings(deadline=None, max_examples=200)
@hypothesis.given(st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=30))
def test_any_html_converts_to_the_stored_format(parts):
    converted = convert_body("".join(parts), Finder("x.jpg"))
    assert {block["type"] for block in converted.blocks} <= {
        *("paragraph_block", "heading_block", "image_block", "quote_block", "embed_block")
    }
    assert_stored_format(converted.blocks)


# --- Hostile input, in the blocks and on the page -----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "note"),
    [
        ("<script>alert(1337)</script>", "removed a <script> element"),
        ("<ScRiPt>alert(1337)</sCrIpT>", "removed a <script> element"),
        ('<img src="x" onerror="alert(1337)">', "image x not found: kept its description as text"),
        ('<a href="javascript:alert(1337)">click</a>', "removed a javascript: link and kept its text"),
        ('<svg onload="alert(1337)"><circle r="1"/></svg>', "removed a <svg> element"),
    ],
    ids=["script", "mixed case", "onerror", "javascript link", "svg onload"],
)
def test_scripts_handlers_and_script_links_survive_nowhere(client, make_post, payload, note):
    converted = convert_body(f"<p>Before {payload} after.</p>", Finder())
    data = json.dumps(converted.blocks)
    for active in ("alert(1337)", "onerror", "onload", "javascript", "<script", "<svg"):
        assert active not in data.lower()
    assert note in converted.notes
    page = render(client, make_post, converted.blocks).content.decode()
    assert "Before" in page and "alert(1337)" not in page
    assert_inert(page, payload, "imported post")


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_every_corpus_payload_is_inert_on_the_imported_post(client, make_post, payload):
    found = ImageFactory()
    body = (
        f"{payload}\n\n<p>Text {payload} text</p><h2>{payload}</h2><blockquote>{payload}\n— {payload}</blockquote>"
        f'[caption id="attachment_1"]<img src="{OLD}/found.jpg" alt="{html.escape(payload)}"> {payload}[/caption]'
        f'<ul><li>{payload}</li></ul><p><a href="https://example.org/">{payload}</a></p>'
    )
    converted = convert_body(body, Finder("found.jpg", image=found))
    assert_stored_format(converted.blocks)
    assert_inert(render(client, make_post, converted.blocks).content.decode(), payload, "imported post")


# --- The result is StreamField data that renders ------------------------------------------------------------


@pytest.mark.django_db
def test_a_converted_body_is_valid_stream_data_and_every_block_renders(client, make_post):
    photo = ImageFactory(title="Sputnik")
    body = (
        "<!-- wp:heading --><h2>The launch</h2><!-- /wp:heading -->\n\n"
        "<!-- wp:paragraph --><p>On 4 October 1957 a <strong>beeping</strong> sphere crossed the sky.</p>"
        "<!-- /wp:paragraph -->\n\n"
        '<!-- wp:image {"id":42} --><figure class="wp-block-image"><img src="'
        f'{OLD}/sputnik.jpg" alt="Sputnik 1 on its stand" class="wp-image-42"/><figcaption>Sputnik 1</figcaption>'
        "</figure><!-- /wp:image -->\n\n"
        '<!-- wp:quote --><blockquote class="wp-block-quote"><p>The first artificial satellite.</p>'
        "<cite>Pravda</cite></blockquote><!-- /wp:quote -->\n\n"
        "<!-- wp:paragraph --><p>https://www.youtube.com/watch?v=secret-speech</p><!-- /wp:paragraph -->"
    )
    converted = convert_body(body, Finder("sputnik.jpg", image=photo))
    assert [block["type"] for block in converted.blocks] == [
        *("heading_block", "paragraph_block", "image_block", "quote_block", "embed_block")
    ]
    stream = BodyStreamBlock()
    oembed = mock.Mock(status_code=200, json=mock.Mock(return_value=OEMBED))
    with mock.patch("wagtail.embeds.finders.oembed.requests.get", return_value=oembed):
        stream.clean(stream.to_python(converted.blocks))  # what the editor's form would accept

    response = render(client, make_post, converted.blocks)
    for name in ("heading", "paragraph", "image", "quote", "embed"):
        assertTemplateUsed(response, f"blocks/{name}_block.html")
    prose = BeautifulSoup(response.content, "html.parser").find(class_="prose")
    assert prose.find("h2").get_text() == "The launch"
    assert prose.find("b").get_text() == "beeping"
    assert prose.find("img")["alt"] == "Sputnik 1 on its stand"
    assert "Sputnik 1" in prose.find("figcaption").get_text()
    assert "The first artificial satellite." in prose.find("blockquote").get_text()
    assert prose.find("a", href="https://www.youtube.com/watch?v=secret-speech")
