"""`manage.py load_demo` seeds the demo course, and running it again changes nothing."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils.html import escape
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page

from blog.models import CourseUnitPage, StudentPostPage
from home.management.commands.load_demo import DEMO_FILE

pytestmark = pytest.mark.django_db

SEED_POSTS = ["The Illusion of Khrushchev", "The Man of Steel Falls and The Union is Reborn"]


def counts():
    return {
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "users": get_user_model().objects.count(),
        "images": get_image_model().objects.count(),
        "tags": Tag.objects.count(),
    }


def test_load_demo_is_idempotent_and_seeds_the_course(client):
    call_command("load_demo", force=True, verbosity=0)
    first = counts()
    call_command("load_demo", force=True, verbosity=0)
    assert counts() == first

    thaw = CourseUnitPage.objects.get(title="Khrushchev and the Thaw")
    for title in SEED_POSTS:
        post = StudentPostPage.objects.get(title=title)
        assert post.live and post.get_parent().pk == thaw.pk
        assert client.get(post.url).status_code == 200

    units = [unit.title for unit in CourseUnitPage.objects.live().order_by("path")]
    assert units.index("Stalin and Stalinism") < units.index("Khrushchev and the Thaw")
    home = client.get("/").content.decode()
    assert home.index("Stalin and Stalinism") < home.index("Khrushchev and the Thaw")


def test_the_demo_shows_a_post_citing_its_sources_and_the_seeds_keep_their_bodies(client):
    """Issue 22: a post in unit 1 has two footnotes, one citing Kotkin, cites a primary source (with its pages)
    and an image from its sources, and ends with its notes and their bibliography; the two seed posts are as they
    were."""
    call_command("load_demo", force=True, verbosity=0)
    post = StudentPostPage.objects.get(title="Either We Do It, or They Crush Us")
    assert post.get_parent().title == "Stalin and Stalinism"
    page = BeautifulSoup(client.get(post.url).content, "html.parser")
    assert " ".join(page.select_one(".source-citation").get_text().split()) == (
        "J. V. Stalin, Works (Moscow: Foreign Languages Publishing House, 1954), 13:40–41."  # volume:pages, CMOS 14.116
    )
    assert " ".join(page.select_one("figure .credit").get_text().split()).startswith("Source: Gustav Klutsis, ")
    assert [ref.get_text() for ref in page.select(".prose p sup.note-ref a")] == ["1", "2"]
    assert [" ".join(note.get_text().split()) for note in page.select(".notes li")] == [
        "The plan ran from October 1928; it was declared fulfilled at the end of 1932, after four years and three "
        "months. ↩︎",
        "Stephen Kotkin, Magnetic Mountain: Stalinism as a Civilization (Berkeley: University of California Press, "
        "1995). On how workers learned to speak the plan's language of themselves, see Kotkin's chapter “Speaking "
        "Bolshevik.” ↩︎",
    ]
    assert [" ".join(entry.get_text().split()) for entry in page.select(".bibliography li")] == [
        "Klutsis, Gustav. The Reality of Our Program Is Real People: That’s You and Me. 1931.",
        "Kotkin, Stephen. Magnetic Mountain: Stalinism as a Civilization. Berkeley: University of California Press, "
        "1995.",
        "Stalin, J. V. Works. Vol. 13. Moscow: Foreign Languages Publishing House, 1954.",
    ]
    seeds = {post["title"]: post for post in json.loads(DEMO_FILE.read_text(encoding="utf-8"))["posts"]}
    for title in SEED_POSTS:
        seed, data = StudentPostPage.objects.get(title=title), seeds[title]
        assert [block.block_type for block in seed.body] == ["paragraph_block"] * len(data["paragraphs"]) + (
            ["image_block"] if "image" in data else []
        )
        assert [block.value.source for block in seed.body if block.block_type == "paragraph_block"] == [
            f"<p>{escape(paragraph)}</p>" for paragraph in data["paragraphs"]
        ]
        assert not seed.sources.exists() and not seed.footnotes.exists()
