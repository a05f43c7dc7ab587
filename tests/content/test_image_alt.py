"""Images speak to readers who cannot see them: an image in a post cannot be saved without alt text, which the
page then carries; the decorative pictures of units (thumbnails, the unit's banner) have an empty alt."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from blog.blocks import CreditedImageBlock
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

ALT = "Khrushchev at the podium of the Twentieth Party Congress"


def test_an_image_block_without_alt_text_is_refused():
    block = CreditedImageBlock()
    value = block.to_python({"image": ImageFactory().pk, "alt_text": "", "caption": "The Congress, 1956"})
    with pytest.raises(ValidationError) as refused:
        block.clean(value)
    assert "alt_text" in refused.value.block_errors


def test_a_post_image_carries_its_alt_text(client, make_post):
    post = make_post(body__0="image_block", body__0__image_block__alt_text=ALT)
    images = BeautifulSoup(client.get(post.url).content, "html.parser").select("article.post img")
    assert [image["alt"] for image in images] == [ALT]


def test_unit_pictures_are_decorative(client, course, unit):
    unit.image = ImageFactory(file__width=1600, file__height=800)
    unit.save_revision().publish()
    for url in (course.url, unit.url):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        pictures = soup.select("main img")
        assert pictures, f"{url} shows no picture of the unit"
        assert all(picture["alt"] == "" for picture in pictures)
