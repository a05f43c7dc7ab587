"""Each body block renders through its own template, a post shows them all, and the block menu names each plainly."""

import pytest
from bs4 import BeautifulSoup
from pytest_django.asserts import assertTemplateUsed

from blog.blocks import BodyStreamBlock
from tests.factories import every_block_post

pytestmark = pytest.mark.django_db


def test_paragraph_keeps_its_rich_text(render_block):
    soup = render_block("paragraph_block", "<p>The Thaw was <b>partial</b>.</p>")
    assert soup.find("b").get_text() == "partial"
    assert "The Thaw was" in soup.get_text()


@pytest.mark.parametrize("level", ["h2", "h3"])
def test_heading_uses_its_level(render_block, level):
    soup = render_block("heading_block", {"text": "De-Stalinization", "level": level})
    assert soup.find(level).get_text(strip=True) == "De-Stalinization"


def test_quote_shows_attribution_and_citation(render_block):
    soup = render_block(
        "quote_block", {"text": "We must abolish the cult.", "attribution": "Khrushchev", "citation": "1956"}
    )
    assert "We must abolish the cult." in soup.find("blockquote").get_text()
    text = soup.get_text(" ", strip=True)
    assert "Khrushchev" in text and "1956" in text


def test_primary_source_is_cited(render_block):
    soup = render_block(
        "primary_source_block",
        {
            "title": "On the Cult of Personality",
            "publication": "Current Digest of the Soviet Press",
            "date": "25 February 1956",
            "url": "https://sources.example.org/speech",
            "excerpt": "It is impermissible.",
        },
    )
    text = soup.get_text(" ", strip=True)
    for part in ("On the Cult of Personality", "Current Digest of the Soviet Press", "25 February 1956"):
        assert part in text
    assert "It is impermissible." in text
    assert soup.find("a", href="https://sources.example.org/speech")


def test_bibliography_lists_each_citation(render_block):
    soup = render_block("bibliography_block", ["Taubman, Khrushchev (2003)", "Fitzpatrick, Everyday Stalinism (1999)"])
    items = [li.get_text(strip=True) for li in soup.find_all("li")]
    assert items == ["Taubman, Khrushchev (2003)", "Fitzpatrick, Everyday Stalinism (1999)"]


def test_post_with_every_block_renders_each_block_template(client, unit):
    post = every_block_post(parent=unit, title="Every block")

    response = client.get(post.url)
    assert response.status_code == 200
    for name in ("paragraph", "heading", "image", "quote", "primary_source", "embed", "bibliography"):
        assertTemplateUsed(response, f"blocks/{name}_block.html")
    assert "Siddiqi, Sputnik and the Soviet Space Race (2000)" in response.content.decode()
    page = BeautifulSoup(response.content, "html.parser")
    # The paragraph's first note cites Siddiqi first (in full); the primary source after it, short.
    assert [" ".join(note.get_text().split()) for note in page.select(".notes li")] == [
        "Asif A. Siddiqi, Challenge to Apollo: The Soviet Union and the Space Race, 1945–1974 (Washington, DC: NASA "
        "History Division, 2000), 168. ↩︎",
        "On the “missile gap”, see The Missile Gap at the State Department's historian. ↩︎",
    ]
    assert " ".join(page.select_one(".source-citation").get_text().split()) == "Siddiqi, Challenge to Apollo, 155–56."
    assert [" ".join(entry.get_text().split()) for entry in page.select(".bibliography li")] == [
        "Siddiqi, Asif A. Challenge to Apollo: The Soviet Union and the Space Race, 1945–1974. Washington, DC: NASA "
        "History Division, 2000.",
        "TASS. The Twentieth Party Congress in Session. February 25, 1956. Russian State Archive of Film and Photo "
        "Documents.",
    ]


def test_the_block_menu_names_each_block_plainly():
    """Issue 17, rough edge 9: Wagtail's default labels came from the names ("Paragraph block", "Heading block")."""
    labels = {name: block.label for name, block in BodyStreamBlock().child_blocks.items()}
    assert labels == {
        "paragraph_block": "Paragraph",
        "heading_block": "Heading",
        "image_block": "Image",
        "quote_block": "Quote",
        "primary_source_block": "Primary source",
        "embed_block": "Embedded media",
        "bibliography_block": "Works cited",
    }
