"""Footnotes (issue 22, step 2): a student marks a place in a paragraph with the toolbar's Note button and writes
the note under Footnotes; the reader sees numbered superscript references, in order of first reference, each
linking to its note in the Notes section at the end of the text, each note linking back. A note may cite one of
the post's sources with pages: citations in notes and blocks form one sequence, the first of a source in full and
later ones short, and every source cited in a note joins the Bibliography. The editor refuses a marker whose note
is gone, a note citing a source the page lacks, a note with nothing in it and two notes with one id. Whatever a
student types in a note stays text. A unit's prompt takes notes the same way."""

import uuid

import pytest
from bs4 import BeautifulSoup
from django.utils.html import escape
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from blog.blocks import RICH_TEXT_FEATURES
from blog.models import Footnote, Source
from blog.models.notes import NOTE_FEATURES
from tests.citation_helpers import KOTKIN, TAUBMAN, primary_source
from tests.editorial_helpers import *  # noqa: F403
from tests.editorial_helpers import edit_form
from tests.factories import StudentPostPageFactory
from tests.xss_corpus import PAYLOADS, assert_feed_inert, assert_inert, marker

pytestmark = pytest.mark.django_db

# The notes' ids, named for what they say.
PHRASE, FIRST, LATER, UNUSED = (uuid.UUID(int=number) for number in (0xA, 0xB, 0xC, 0xD))


def mark(note_id, label="[1]"):
    return f'<footnote id="{note_id}">{label}</footnote>'


def paragraph(html):
    return ("paragraph_block", rich_text(html, features=[*RICH_TEXT_FEATURES, "footnote"]))


def note(note_id, text="", source="", pages=""):
    return {
        "uuid": str(note_id),
        "text": rich_text(text, features=NOTE_FEATURES) if text else rich_text("", features=NOTE_FEATURES),
        "source": source,
        "pages": pages,
    }


def text(node):
    return " ".join(node.get_text().split())


@pytest.fixture
def noted(unit, student_a):
    """A published post whose notes are entered in another order than the text refers to them: the note citing
    Kotkin at 12 is referred to first (and again at the end), then a note of the student's own words; a primary
    source cites Taubman between them; a later note cites Kotkin at 358; a fourth note is never referred to."""
    post = StudentPostPageFactory(
        parent=unit,
        author=student_a,
        title="Magnetic Mountain",
        body=[
            ("paragraph_block", f"<p>Magnitogorsk was built from nothing{mark(FIRST)} by choice{mark(PHRASE)}.</p>"),
            primary_source("taubman2003", "270"),
            ("paragraph_block", f"<p>Speaking Bolshevik{mark(LATER)} was learned{mark(FIRST)}.</p>"),
        ],
    )
    for order, fields in enumerate((TAUBMAN, KOTKIN)):
        Source.objects.create(page=post, sort_order=order, **fields)
    for order, (note_id, fields) in enumerate(
        (
            (PHRASE, {"text": "<p>The phrase is <i>Kotkin’s</i>.</p>"}),
            (LATER, {"source": "kotkin1995", "pages": "358"}),
            (UNUSED, {"text": "<p>Never referred to.</p>"}),
            (FIRST, {"source": "kotkin1995", "pages": "12", "text": "<p>On the site, see chapter 1.</p>"}),
        )
    ):
        Footnote.objects.create(page=post, sort_order=order, uuid=note_id, **fields)
    return post


def test_references_are_numbered_by_first_reference_and_link_to_their_notes(client, noted):
    page = BeautifulSoup(client.get(noted.url).content, "html.parser")
    references = page.select(".prose p sup.note-ref a")
    assert [(ref.get_text(), ref["id"], ref["href"]) for ref in references] == [
        ("1", "note-ref-1", "#note-1"),
        ("2", "note-ref-2", "#note-2"),
        ("3", "note-ref-3", "#note-3"),
        ("1", "note-ref-1-2", "#note-1"),  # the same note again: its number, an id of its own
    ]
    assert all(ref["aria-describedby"] == "notes-heading" for ref in references)
    assert "<footnote" not in str(page) and "[1]" not in text(page.select_one(".prose")), "no editor's marker shows"


def test_the_notes_end_the_text_each_with_its_citation_and_a_named_back_link(client, noted):
    page = BeautifulSoup(client.get(noted.url).content, "html.parser")
    notes = page.select_one("section.notes")
    assert notes["aria-labelledby"] == "notes-heading"
    assert text(notes.select_one("h2#notes-heading")) == "Notes"
    items = notes.select("ol > li")
    assert [item["id"] for item in items] == ["note-1", "note-2", "note-3"], "the note never referred to is left out"
    assert [text(item) for item in items] == [
        "Stephen Kotkin, Magnetic Mountain: Stalinism as a Civilization (Berkeley: University of California Press, "
        "1995), 12. On the site, see chapter 1. ↩︎",
        "The phrase is Kotkin’s. ↩︎",
        "Kotkin, Magnetic Mountain, 358. ↩︎",  # after the primary source's Taubman: short, never "Ibid."
    ]
    assert items[1].select_one("i").get_text() == "Kotkin’s", "a note keeps its italics"
    assert [(back["href"], back["aria-label"]) for back in notes.select("a.note-back")] == [
        ("#note-ref-1", "Back to reference 1"),
        ("#note-ref-2", "Back to reference 2"),
        ("#note-ref-3", "Back to reference 3"),
    ]
    # Notes come before the bibliography, which lists every source cited, in notes or blocks.
    sections = [section["class"][-1] for section in page.select(".prose section")]
    assert sections == ["notes", "bibliography"]
    assert [text(entry) for entry in page.select("section.bibliography li")] == [
        "Kotkin, Stephen. Magnetic Mountain: Stalinism as a Civilization. Berkeley: University of California Press, "
        "1995.",
        "Taubman, William. Khrushchev: The Man and His Era. New York: W. W. Norton, 2003.",
    ]
    assert text(page.select_one(".source-citation")) == (
        "William Taubman, Khrushchev: The Man and His Era (New York: W. W. Norton, 2003), 270."
    ), "the block between the notes keeps its place in the sequence"


def test_a_note_whose_row_is_gone_loses_its_marker(client, noted):
    Footnote.objects.filter(uuid=PHRASE).delete()
    page = BeautifulSoup(client.get(noted.url).content, "html.parser")
    assert [ref.get_text() for ref in page.select("sup.note-ref a")] == ["1", "2", "1"]
    assert text(page.select_one(".prose p")) == "Magnitogorsk was built from nothing1 by choice."


def test_excerpts_search_and_feeds_carry_no_markers(client, course, noted):
    assert noted.get_excerpt().startswith("Magnitogorsk was built from nothing by choice. ")
    assert "[1]" not in noted.get_excerpt()
    content = noted.specific_class.body.field.stream_block.get_searchable_content(noted.body)
    assert "[1]" not in " ".join(content) and "nothing by choice" in " ".join(content)
    feed = client.get(f"{course.url}feed/rss/").content.decode()
    assert "Magnitogorsk was built from nothing by choice." in feed and "footnote" not in feed


def test_a_post_without_notes_reads_no_notes(client, unit, student_a, django_assert_num_queries):
    post = StudentPostPageFactory(parent=unit, author=student_a, body=[("paragraph_block", "<p>No notes.</p>")])
    assert list(post.citations().notes) == []
    with django_assert_num_queries(0):
        post.citations()


def test_a_student_adds_a_note_and_it_is_kept_with_its_marker(client, draft, student_a):
    client.force_login(student_a)
    form = edit_form(
        draft,
        body=streamfield([paragraph(f"<p>The Thaw began in 1953{mark(FIRST)}.</p>")]),
        sources=inline_formset([KOTKIN]),
        footnotes=inline_formset([note(FIRST, "<p>Some say <i>1956</i>.</p>", "kotkin1995", "12")]),
    )
    assert client.post(f"/admin/pages/{draft.pk}/edit/", form).status_code == 302
    revision = Page.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert mark(FIRST) in revision.body[0].value.source
    [saved] = revision.footnotes.all()
    assert (saved.uuid, saved.source, saved.pages) == (FIRST, "kotkin1995", "12")
    assert "<i>1956</i>" in saved.text
    # The editor shows the marker as the Note button's entity, and the note in the Footnotes panel.
    editor = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert "FOOTNOTE" in editor and str(FIRST) in editor and "footnotes-editor.js" in editor


def test_a_preview_shows_the_notes_being_written(client, draft, student_a):
    client.force_login(student_a)
    form = edit_form(
        draft,
        body=streamfield([paragraph(f"<p>The Thaw began in 1953{mark(FIRST)}.</p>")]),
        footnotes=inline_formset([note(FIRST, "<p>Stalin died on 5 March.</p>")]),
    )
    preview = f"/admin/pages/{draft.pk}/edit/preview/"
    assert client.post(preview, form).json()["is_valid"]
    page = BeautifulSoup(client.get(preview).content, "html.parser")
    assert text(page.select_one("#note-1")) == "Stalin died on 5 March. ↩︎"
    assert not Footnote.objects.filter(page=draft).exists(), "a preview saves nothing"


def refused(client, draft, **fields):
    before = draft.get_latest_revision().pk
    response = client.post(f"/admin/pages/{draft.pk}/edit/", edit_form(draft, **fields))
    assert response.status_code == 200
    assert draft.get_latest_revision().pk == before, "nothing saved"
    return BeautifulSoup(response.content, "html.parser").get_text(" ") + response.content.decode()


def test_a_marker_whose_note_was_deleted_is_refused(client, draft, student_a):
    client.force_login(student_a)
    deleted = {**note(FIRST, "<p>Gone.</p>"), "DELETE": "1"}
    page = refused(
        client,
        draft,
        body=streamfield([paragraph(f"<p>Claim{mark(FIRST)}.</p>")]),
        footnotes=inline_formset([deleted]),
    )
    assert "1 note marker in this paragraph has no note under Footnotes (deleted?)" in page


def test_a_note_citing_a_source_the_post_lacks_is_refused(client, draft, student_a):
    client.force_login(student_a)
    page = refused(
        client,
        draft,
        body=streamfield([paragraph(f"<p>Claim{mark(FIRST)}.</p>")]),
        sources=inline_formset([KOTKIN]),
        footnotes=inline_formset([note(FIRST, source="kotkin", pages="12")]),
    )
    assert "No source in this post has the short name “kotkin”" in page
    assert "(the post's sources: kotkin1995)" in page


def test_an_empty_note_and_two_notes_with_one_id_are_refused(client, draft, student_a):
    client.force_login(student_a)
    page = refused(
        client,
        draft,
        body=streamfield([paragraph(f"<p>Claim{mark(FIRST)} and another{mark(LATER)}.</p>")]),
        footnotes=inline_formset([note(FIRST), note(LATER, "<p>One.</p>"), note(LATER, "<p>Two.</p>")]),
    )
    assert "Write the note, or give the source it cites." in page
    assert "This note has the same id as another" in page


def test_what_a_student_types_in_a_note_stays_text(client, draft, student_a):
    """Every payload of the corpus as a note's text and pages, and in the paragraph the note marks: the preview
    shows each as text."""
    client.force_login(student_a)
    preview = f"/admin/pages/{draft.pk}/edit/preview/"
    for payload in PAYLOADS:
        form = edit_form(
            draft,
            body=streamfield([paragraph(f"<p>{escape(payload)}{mark(FIRST)}</p>")]),
            sources=inline_formset([KOTKIN]),
            footnotes=inline_formset([note(FIRST, f"<p>{escape(payload)}</p>", "kotkin1995", payload[:40])]),
        )
        assert client.post(preview, form).json()["is_valid"], payload
        html = client.get(preview).content.decode()
        assert_inert(html, payload, f"the preview of a note saying {payload!r}", own_scripts=False, quotes_in_text=True)
        notes = BeautifulSoup(html, "html.parser").select_one("#note-1")
        assert marker(payload) in text(notes), f"the note shows {payload!r} as text"


def test_the_feed_shows_a_hostile_paragraph_around_a_note_as_text(client, course, unit, student_a):
    payload = "<img src=x onerror=alert(1337)>"
    post = StudentPostPageFactory(
        parent=unit, author=student_a, body=[("paragraph_block", f"<p>{escape(payload)}{mark(FIRST)} after.</p>")]
    )
    Footnote.objects.create(page=post, uuid=FIRST, text=f"<p>{escape(payload)}</p>")
    feed = client.get(f"{course.url}feed/rss/").content.decode()
    assert_feed_inert(feed, payload, "the RSS feed")
    assert "[1]" not in feed


def test_a_units_prompt_takes_notes(client, unit):
    unit.body = [("paragraph_block", f"<p>Read the Secret Speech{mark(FIRST)}.</p>")]
    unit.save_revision().publish()
    Source.objects.create(page=unit, **TAUBMAN)
    Footnote.objects.create(page=unit, uuid=FIRST, source="taubman2003", pages="270–74", text="<p>Its context.</p>")
    page = BeautifulSoup(client.get(unit.url).content, "html.parser")
    assert page.select_one(".prose sup.note-ref a")["href"] == "#note-1"
    assert text(page.select_one("#note-1")) == (
        "William Taubman, Khrushchev: The Man and His Era (New York: W. W. Norton, 2003), 270–74. Its context. ↩︎"
    )
    assert text(page.select_one("section.bibliography li")).startswith("Taubman, William. Khrushchev")


def test_the_editor_says_which_note_the_text_no_longer_refers_to(client, noted, student_a):
    """A student who deletes a marker but not its note is told the note is not shown, on that note alone."""
    client.force_login(student_a)
    page = BeautifulSoup(client.get(f"/admin/pages/{noted.pk}/edit/").content, "html.parser")
    warnings = page.select("[data-unreferenced-note]")
    assert len(warnings) == 1, "only the note never referred to"
    row = warnings[0].find_parent(attrs={"data-inline-panel-child": True})
    assert row.select_one("input[name$='-uuid']")["value"] == str(UNUSED)
    assert "readers do not see it" in text(warnings[0])


def test_a_drafts_unreferenced_note_is_flagged_too(client, draft, student_a):
    client.force_login(student_a)
    form = edit_form(
        draft,
        body=streamfield([paragraph(f"<p>The Thaw began in 1953{mark(FIRST)}.</p>")]),
        footnotes=inline_formset([note(FIRST, "<p>Stalin died.</p>"), note(LATER, "<p>Left over.</p>")]),
    )
    assert client.post(f"/admin/pages/{draft.pk}/edit/", form).status_code == 302
    page = BeautifulSoup(client.get(f"/admin/pages/{draft.pk}/edit/").content, "html.parser")
    [warning] = page.select("[data-unreferenced-note]")
    row = warning.find_parent(attrs={"data-inline-panel-child": True})
    assert row.select_one("input[name$='-uuid']")["value"] == str(LATER)


def test_saving_numbers_the_notes_in_the_editor_as_readers_see_them(client, draft, student_a):
    """Notes added out of order, a marker label gone stale ("[9]") and a note no marker refers to: after the save,
    each marker reads as its note's number on the page and the Footnotes panel lists the notes in that order."""
    client.force_login(student_a)
    form = edit_form(
        draft,
        body=streamfield(
            [
                paragraph(f"<p>The Thaw began{mark(FIRST, '[9]')}.</p>"),
                paragraph(f"<p>It ended{mark(LATER, '[1]')} in 1964{mark(FIRST, '[1]')}.</p>"),
            ]
        ),
        footnotes=inline_formset(
            [note(UNUSED, "<p>Left over.</p>"), note(LATER, "<p>Later.</p>"), note(FIRST, "<p>First.</p>")]
        ),
    )
    assert client.post(f"/admin/pages/{draft.pk}/edit/", form).status_code == 302
    revision = Page.objects.get(pk=draft.pk).get_latest_revision_as_object()
    labels = [
        [(marker["id"], marker.get_text()) for marker in BeautifulSoup(block.value.source, "html.parser")("footnote")]
        for block in revision.body
    ]
    assert labels == [[(str(FIRST), "[1]")], [(str(LATER), "[2]"), (str(FIRST), "[1]")]]
    assert [note.uuid for note in revision.footnotes.all()] == [FIRST, LATER, UNUSED]
