"""A post's sources (issue 22, step 1): a student enters each source once under the post's Sources; an image or a
primary source block cites one by its short name; the reader sees the citation in Chicago style (the first in
full, later ones short) and the post ends with a Bibliography of the cited sources in Chicago's order. The editor
refuses a block that cites a source the post does not have, two sources with one short name and a date it cannot
read, each with its message; whatever a student types in a source stays text on the page."""

import html
import uuid
from html import escape

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, streamfield

from blog.models import Footnote, Source
from tests.citation_helpers import TAUBMAN, primary_source
from tests.editorial_helpers import *  # noqa: F403
from tests.editorial_helpers import edit_form
from tests.factories import ImageFactory, StudentPostPageFactory
from tests.xss_corpus import PAYLOADS, assert_inert, marker

pytestmark = pytest.mark.django_db

RODCHENKO = {
    "key": "rodchenko",
    "kind": "image",
    "authors": "Rodchenko, Aleksandr",
    "title": "Girl with a Leica",
    "date": "1934",
}
KHRUSHCHEV = {
    "key": "memoirs",
    "kind": "book",
    "authors": "Хрущёв, Никита Сергеевич",
    "title": "Воспоминания",
    "publisher": "Вагриус",
    "place": "Москва",
    "date": "1997",
}


def image(source="", picture=None):
    """An image block's value as the editor sends it (the image's id), or as a factory takes it (`picture`)."""
    return (
        "image_block",
        {
            "image": picture or ImageFactory(title="Girl with a Leica").pk,
            "alt_text": "A young woman with a Leica camera",
            "caption": "",
            "credit": "",
            "source_url": "",
            "source": source,
        },
    )


def text(node):
    return " ".join(node.get_text().split())


@pytest.fixture
def cited(unit, student_a):
    """A published post: an image citing Rodchenko, then two primary sources citing Taubman at two pages, and a
    source the student entered but never cited."""
    post = StudentPostPageFactory(
        parent=unit,
        author=student_a,
        title="Seeing the Thaw",
        body=[
            image("rodchenko", picture=ImageFactory(title="Girl with a Leica")),
            primary_source("taubman2003", "270"),
            primary_source("taubman2003", "272-74"),
        ],
    )
    for order, fields in enumerate((TAUBMAN, RODCHENKO, KHRUSHCHEV)):
        Source.objects.create(page=post, sort_order=order, **fields)
    return post


def test_blocks_cite_their_sources_first_in_full_then_short(client, cited):
    page = BeautifulSoup(client.get(cited.url).content, "html.parser")
    assert text(page.select_one("figure figcaption .credit")) == "Source: Aleksandr Rodchenko, Girl with a Leica, 1934."
    assert page.select_one("figure figcaption .credit i").get_text() == "Girl with a Leica"
    assert [text(note) for note in page.select(".source .source-citation")] == [
        "William Taubman, Khrushchev: The Man and His Era (New York: W. W. Norton, 2003), 270.",
        "Taubman, 272–74.",  # right after a note of the same work: its author and page (CMOS 17, 14.34), not "Ibid."
    ]


def test_the_post_ends_with_a_bibliography_of_the_cited_sources_in_chicago_order(client, cited):
    page = BeautifulSoup(client.get(cited.url).content, "html.parser")
    bibliography = page.select_one("section.bibliography")
    assert text(bibliography.select_one("h2")) == "Bibliography"
    assert [text(entry) for entry in bibliography.select("li")] == [
        "Rodchenko, Aleksandr. Girl with a Leica. 1934.",
        "Taubman, William. Khrushchev: The Man and His Era. New York: W. W. Norton, 2003.",
    ], "by family name; the memoirs, never cited, are not listed"
    assert page.select_one(".cite-this"), "the post's own 'Cite this post' stays"


def test_a_post_that_cites_nothing_has_no_bibliography_and_reads_no_sources(client, unit, student_a):
    post = StudentPostPageFactory(parent=unit, author=student_a, title="Uncited", body=[primary_source()])
    Source.objects.create(page=post, **TAUBMAN)
    html = client.get(post.url).content.decode()
    assert "Bibliography" not in html and "source-citation" not in html


def test_a_preview_cites_the_sources_being_edited(client, draft, student_a):
    client.force_login(student_a)
    form = edit_form(draft, body=streamfield([primary_source("memoirs", "45")]), sources=inline_formset([KHRUSHCHEV]))
    preview = f"/admin/pages/{draft.pk}/edit/preview/"
    assert client.post(preview, form).json()["is_valid"]
    page = BeautifulSoup(client.get(preview).content, "html.parser")
    assert (
        text(page.select_one(".source-citation"))
        == "Никита Сергеевич Хрущёв, Воспоминания (Москва: Вагриус, 1997), 45."
    )
    assert text(page.select_one(".bibliography li")) == "Хрущёв, Никита Сергеевич. Воспоминания. Москва: Вагриус, 1997."
    assert not Source.objects.filter(page=draft).exists(), "a preview saves nothing"


def test_saving_keeps_the_sources_with_the_post(client, draft, student_a):
    client.force_login(student_a)
    form = edit_form(draft, body=streamfield([image("rodchenko")]), sources=inline_formset([RODCHENKO, TAUBMAN]))
    assert client.post(f"/admin/pages/{draft.pk}/edit/", form).status_code == 302
    revision = Page.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert [(source.key, source.title) for source in revision.sources.all()] == [
        ("rodchenko", "Girl with a Leica"),
        ("taubman2003", "Khrushchev: The Man and His Era"),
    ]


def errors_on_the_page(response):
    """The page's text and the editor's data for the body (where a block's errors are, as JSON)."""
    page = BeautifulSoup(response.content, "html.parser")
    return " ".join(page.get_text(" ").split()) + html.unescape(response.content.decode()).replace(
        "\\u201c", "“"
    ).replace("\\u201d", "”")


def test_a_block_citing_a_source_the_post_lacks_is_refused_with_the_names_it_has(client, draft, student_a):
    client.force_login(student_a)
    before = draft.get_latest_revision().pk
    form = edit_form(draft, body=streamfield([primary_source("taubman")]), sources=inline_formset([TAUBMAN]))
    response = client.post(f"/admin/pages/{draft.pk}/edit/", form)
    assert response.status_code == 200
    assert (
        "No source in this post has the short name “taubman”: add it under Sources, or correct the name (the "
        "post's sources: taubman2003)." in errors_on_the_page(response)
    )
    assert draft.get_latest_revision().pk == before, "nothing saved"


def test_two_sources_with_one_short_name_are_refused(client, draft, student_a):
    client.force_login(student_a)
    twin = {**RODCHENKO, "key": "taubman2003"}
    form = edit_form(draft, sources=inline_formset([TAUBMAN, twin]))
    response = client.post(f"/admin/pages/{draft.pk}/edit/", form)
    assert response.status_code == 200
    assert "Another source has the short name “taubman2003”: give each its own." in errors_on_the_page(response)


@pytest.mark.parametrize("date", ["25 February 1956", "1956-13-45x", "last year"])
def test_a_date_it_cannot_read_is_refused_with_the_forms_it_can(client, draft, student_a, date):
    client.force_login(student_a)
    form = edit_form(draft, sources=inline_formset([{**TAUBMAN, "date": date}]))
    response = client.post(f"/admin/pages/{draft.pk}/edit/", form)
    assert response.status_code == 200
    assert "Write the date as 1956, 1956-02 or 1956-02-25 (year, month, day), or n.d." in errors_on_the_page(response)


HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
NOTE = uuid.UUID(int=0xE71)


def test_whatever_a_student_types_in_a_source_stays_text(client, unit, student_a):
    post = StudentPostPageFactory(parent=unit, author=student_a, title="Hostile", body=[primary_source("evil")])
    fields = ("authors", "title", "container", "editors", "publisher", "place", "archive", "collection", "box_folder")
    Source.objects.create(
        page=post,
        key="evil",
        kind="archival",
        url="https://example.org/?q=<script>",
        **{name: f"{name} {HOSTILE}" for name in fields},
    )
    page = BeautifulSoup(client.get(post.url).content, "html.parser")
    cited = page.select_one(".source-citation")
    assert not cited.select("script, img"), "no element from the source's fields"
    assert "<script>alert(1)</script>" in cited.get_text()
    assert not page.select(".bibliography script, .bibliography img")


def fitted(names, payload):
    """`payload` in each field of `names`, cut to what the field holds (volume, issue and pages take 40)."""
    return {name: payload[: Source._meta.get_field(name).max_length] for name in names}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_source_field_shows_the_xss_corpus_as_text(client, unit, student_a, payload):
    """Each payload of the corpus in every field of a chapter and of an archival document, cited by a primary
    source, by a footnote (with the payload as its pages) and in the bibliography: the page shows it as text."""
    post = StudentPostPageFactory(
        parent=unit,
        author=student_a,
        title="Hostile",
        body=[
            ("paragraph_block", f'<p>Claim<footnote id="{NOTE}">[1]</footnote>.</p>'),
            primary_source("chapter", "12"),
        ],
    )
    texts = ("authors", "title", "container", "editors", "publisher", "place", "volume", "issue", "pages")
    Source.objects.create(page=post, key="chapter", kind="chapter", date="1956", **fitted(texts, payload))
    archival = ("authors", "title", "archive", "collection", "box_folder", "place")
    Source.objects.create(page=post, key="fond", kind="archival", **fitted(archival, payload))
    Footnote.objects.create(page=post, uuid=NOTE, source="fond", pages=payload[:40], text=f"<p>{escape(payload)}</p>")
    html = client.get(post.url).content.decode()
    # Citations escape <, > and & (quotes are text there): the parsed page is checked for any attribute they make.
    assert_inert(html, payload, f"a post citing sources made of {payload!r}", quotes_in_text=True)
    page = BeautifulSoup(html, "html.parser")
    assert marker(payload) in page.select_one("#note-1").get_text()
    assert marker(payload) in page.select_one(".source-citation").get_text()
    assert len(page.select(".bibliography li")) == 2


def test_only_posts_and_units_offer_cites_source_and_notes(admin_client, course, unit, draft):
    """A course home has no sources or notes: its intro's blocks offer neither "Cites source" nor the Note button."""
    home = admin_client.get(f"/admin/pages/{course.pk}/edit/").content.decode()
    assert "Cites source" not in home and "FOOTNOTE" not in home
    for page in (unit, draft):
        editor = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        assert "Cites source" in editor and "FOOTNOTE" in editor
