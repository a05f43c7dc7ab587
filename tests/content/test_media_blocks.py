"""Image and embed blocks: responsive credited images, and embeds that stay offline until a click."""

from unittest import mock

import pytest
import requests

from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=secret-speech"
OEMBED = {
    "type": "video",
    "title": "Newsreel: the Twentieth Congress",
    "provider_name": "YouTube",
    "html": '<iframe src="https://www.youtube-nocookie.com/embed/secret-speech" title="Newsreel"></iframe>',
    "width": 480,
    "height": 270,
}


def image_value(image, **extra):
    return {"image": image.pk, "alt_text": "Khrushchev at the podium", **extra}


def test_image_is_responsive_lazy_and_credited(render_block):
    image = ImageFactory(file__width=1600, file__height=1000)
    soup = render_block(
        "image_block",
        image_value(
            image,
            caption="The Twentieth Party Congress",
            credit="TASS",
            source_url="https://archive.example.org/congress",
        ),
    )
    img = soup.find("img")
    assert img["alt"] == "Khrushchev at the podium"
    assert img["loading"] == "lazy"
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    widths = [candidate.split()[1] for candidate in img["srcset"].split(",")]
    assert len(widths) >= 2 and len(set(widths)) == len(widths)
    text = soup.get_text(" ", strip=True)
    assert "The Twentieth Party Congress" in text and "TASS" in text
    assert soup.find("a", href="https://archive.example.org/congress")


def test_small_image_is_never_upscaled(render_block):
    soup = render_block("image_block", image_value(ImageFactory(file__width=640, file__height=480)))
    img = soup.find("img")
    assert (img["width"], img["height"]) == ("640", "480")
    assert img["alt"] == "Khrushchev at the podium" and img["loading"] == "lazy"


def test_embed_is_a_placeholder_with_the_player_inside_a_template(render_block):
    response = mock.Mock(status_code=200, json=mock.Mock(return_value=OEMBED))
    with mock.patch("wagtail.embeds.finders.oembed.requests.get", return_value=response) as get:
        soup = render_block("embed_block", {"media": VIDEO_URL, "title": ""})
    assert get.called  # the oEmbed lookup went through the (mocked) HTTP layer
    template = soup.find("template")
    assert template is not None and template.find("iframe")
    for tag in soup.find_all(["iframe", "script", "object", "embed", "video", "audio", "img", "source"]):
        assert tag.find_parent("template") is not None, f"<{tag.name}> outside <template> loads at once"
    template.extract()
    placeholder = soup.get_text(" ", strip=True)
    assert "Newsreel: the Twentieth Congress" in placeholder and "YouTube" in placeholder
    assert soup.find("a", href=VIDEO_URL)


def test_embed_without_a_known_player_falls_back_to_the_host(render_block):
    with mock.patch("wagtail.embeds.finders.oembed.requests.get", side_effect=requests.ConnectionError):
        soup = render_block("embed_block", {"media": VIDEO_URL, "title": ""})
    assert "www.youtube.com" in soup.get_text(" ", strip=True)
    assert not soup.find("iframe")
