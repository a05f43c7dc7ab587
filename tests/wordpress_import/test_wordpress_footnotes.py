"""Gutenberg's footnotes (WordPress 6.3+) arrive as the post's notes (issue 22): each reference in a paragraph or
list item becomes a note marker, numbered in reading order; the notes come from the post's "footnotes" meta, cleaned
to bold, italic and web links; a reference that cannot be kept (no such note, a heading, unreadable notes) is left
out with a word in the report. The reader of the imported post sees numbered references linking to the Notes, and
nothing a note held runs. tests/fixtures/wordpress/README.md describes footnotes.xml."""

import json
from io import StringIO
from pathlib import Path

import hypothesis
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from hypothesis import strategies as st

from blog.models import Footnote, StudentPostPage
from blog.notes import marker_ids, without_markers
from tests.xss_corpus import assert_inert
from wordpress_import.body import convert_body
from wordpress_import.models import WordPressOrigin

FIXTURES = Path(__file__).parent.parent / "fixtures" / "wordpress"
# Notes' ids as WordPress writes them (uuid4), named for what they say.
SPEECH, TEACHER, PRAVDA, UNUSED = (
    "6f1c2b3a-8d4e-4f5a-9b6c-7d8e9fa0b1c2",
    "0b7e4c2d-1a3f-4e5b-8c6d-9e0fa1b2c3d4",
    "d3c2b1a0-9f8e-4d7c-a6b5-c4d3e2f1a0b9",
    "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
)
NOT_A_NOTE = "a footnote reference whose note is not in the post's footnotes was left out, with its number"
BAD_ID = "a footnote reference without a valid note id was left out, with its number"
UNREADABLE = "the post's footnotes could not be read: their references in the text were left out"


def ref(note_id, number):
    """A reference as Gutenberg saves it: the number is WordPress's, shown by its theme."""
    return f'<sup data-fn="{note_id}" class="fn"><a href="#{note_id}" id="{note_id}-link">{number}</a></sup>'


def meta(*notes):
    """The post's "footnotes" meta: (id, content) pairs as WordPress's JSON list."""
    return json.dumps([{"content": content, "id": note_id} for note_id, content in notes])


def convert(body, *notes):
    return convert_body(body, lambda ref: None, meta(*notes))


def paragraphs(converted):
    return [block["value"] for block in converted.blocks if block["type"] == "paragraph_block"]


def text_of(html):
    """What a paragraph says, its markers aside."""
    return BeautifulSoup(without_markers(html), "html.parser").get_text(" ", strip=True)


# --- References ---------------------------------------------------------------------------------------------


def test_references_become_markers_numbered_by_first_reference_and_the_notes_follow_in_that_order():
    body = (
        f"<!-- wp:paragraph --><p>Not printed until 1989{ref(SPEECH, 1)}, yet read aloud.</p><!-- /wp:paragraph -->"
        f"<!-- wp:list --><ul><li>a long silence{ref(TEACHER, 2)}</li><li>walkouts</li></ul><!-- /wp:list -->"
        f"<!-- wp:paragraph --><p>Word of mouth{ref(PRAVDA.upper(), 3)}, as before{ref(SPEECH, 1)}.</p>"
        "<!-- /wp:paragraph --><!-- wp:footnotes /-->"
    )
    converted = convert(body, (SPEECH, "Taubman."), (TEACHER, "A teacher."), (PRAVDA, "Pravda."), (UNUSED, "Spare."))
    [html] = paragraphs(converted)
    assert marker_ids(html) == [SPEECH, TEACHER, PRAVDA, SPEECH]
    labels = [marker.get_text() for marker in BeautifulSoup(html, "html.parser").find_all("footnote")]
    assert labels == ["[1]", "[2]", "[3]", "[1]"]
    assert text_of(html) == "Not printed until 1989, yet read aloud. a long silence walkouts Word of mouth, as before."
    assert [note["uuid"] for note in converted.footnotes] == [SPEECH, TEACHER, PRAVDA]
    assert [note["text"] for note in converted.footnotes] == ["<p>Taubman.</p>", "<p>A teacher.</p>", "<p>Pravda.</p>"]
    assert "1 of the post's footnotes were left out: no paragraph or list refers to them" in converted.notes
    assert not any("wp:footnotes" in note or "block footnotes" in note for note in converted.notes)


def test_a_reference_inside_a_link_follows_the_link():
    link = '<a href="https://example.org/">the speech'
    [html] = paragraphs(convert(f"<p>{link}{ref(SPEECH, 1)}</a> was read.</p>", (SPEECH, "A note.")))
    assert html == f'<p>{link}</a><footnote id="{SPEECH}">[1]</footnote> was read.</p>'


@pytest.mark.parametrize(
    ("data_fn", "note"),
    [("not-a-note", BAD_ID), ("6f1c2b3a-8d4e-4f5a-9b6c", BAD_ID), (UNUSED, NOT_A_NOTE), ("", BAD_ID)],
    ids=["not a uuid", "cut short", "no such note", "empty"],
)
def test_a_reference_to_no_note_is_left_out_with_its_number_and_said_once(data_fn, note):
    body = f"<p>Kept{ref(SPEECH, 1)}. Left out{ref(data_fn, 2)}. Again{ref(data_fn, 3)}.</p>"
    converted = convert(body, (SPEECH, "Kept."))
    [html] = paragraphs(converted)
    assert marker_ids(html) == [SPEECH]
    assert text_of(html) == "Kept. Left out. Again."
    assert converted.notes.count(note) == 1
    assert [footnote["uuid"] for footnote in converted.footnotes] == [SPEECH]


@pytest.mark.parametrize(
    ("body", "note"),
    [
        (f"<h2>The speech{ref(SPEECH, 1)}</h2>", "in a heading was left out: Seminar's headings take no notes"),
        (
            f"<blockquote><p>Comrades{ref(SPEECH, 1)}!</p><cite>Khrushchev</cite></blockquote>",
            "in a quote was left out: Seminar's quotes take no notes",
        ),
        (
            f'<figure><img src="https://old.example.edu/x.jpg" alt="Hall"><figcaption>The hall{ref(SPEECH, 1)}'
            "</figcaption></figure>",
            "in a caption was left out: Seminar's captions take no notes",
        ),
    ],
    ids=["heading", "quote", "caption"],
)
def test_a_reference_in_a_block_of_plain_text_is_left_out_with_a_note(body, note):
    converted = convert(body, (SPEECH, "A note."))
    assert f"a footnote reference {note}" in converted.notes
    assert converted.footnotes == []
    assert "1" not in json.dumps([block for block in converted.blocks if block["type"] != "image_block"])


# --- The notes ----------------------------------------------------------------------------------------------


def test_a_notes_html_keeps_bold_italic_and_web_links_and_nothing_else():
    content = (
        '<span style="color:red">Taubman</span>, <em>Khrushchev</em>, <strong>283</strong>; <a href="https://'
        'example.org/s" onclick="alert(1337)" target="_blank">text</a>, <a href="javascript:alert(1337)">this</a>'
        '<script>alert(1337)</script><img src=x onerror="alert(1337)"> and 1 &lt; 2 &amp; <sup>3</sup>.'
    )
    converted = convert(f"<p>Claim{ref(SPEECH, 1)}.</p>", (SPEECH, content))
    [note] = converted.footnotes
    assert note["text"] == (
        '<p>Taubman, <i>Khrushchev</i>, <b>283</b>; <a href="https://example.org/s">text</a>, this and 1 &lt; 2 '
        "&amp; 3.</p>"
    )
    assert "removed a javascript: link and kept its text" in converted.notes
    assert "removed a <script> element from a footnote" in converted.notes
    assert "an image in a footnote was left out: a note holds text only" in converted.notes


@pytest.mark.parametrize("content", ["", "   ", "<p></p>", "<script>alert(1337)</script>", None])
def test_an_empty_note_says_so_in_its_place(content):
    converted = convert_body(
        f"<p>One{ref(SPEECH, 1)}, two{ref(TEACHER, 2)}.</p>",
        lambda ref: None,
        json.dumps([{"content": "First.", "id": SPEECH}, {"content": content, "id": TEACHER}]),
    )
    texts = [note["text"] for note in converted.footnotes]
    assert texts == ["<p>First.</p>", "<p>(The note was empty in WordPress.)</p>"]
    assert "footnote 2 was empty in WordPress: it reads “(The note was empty in WordPress.)”" in converted.notes


@pytest.mark.parametrize(
    "footnotes_json",
    [
        "{not json",
        "42",
        '{"content": "A", "id": "6f1c2b3a-8d4e-4f5a-9b6c-7d8e9fa0b1c2"}',
        "[" * 100_000,
        '"[]"',
    ],
    ids=["broken", "a number", "an object", "nested too deep", "a string"],
)
def test_footnotes_that_cannot_be_read_never_raise_and_the_references_are_left_out(footnotes_json):
    converted = convert_body(f"<p>One{ref(SPEECH, 1)}, two{ref(TEACHER, 2)}.</p>", lambda ref: None, footnotes_json)
    [html] = paragraphs(converted)
    assert marker_ids(html) == [] and text_of(html) == "One, two."
    assert converted.footnotes == []
    assert converted.notes == [UNREADABLE]


def test_entries_without_an_id_are_left_out_and_the_rest_kept():
    footnotes_json = json.dumps([1, None, {"content": "No id."}, {"id": 5}, {"content": ["x"], "id": TEACHER}])
    footnotes_json = footnotes_json[:-1] + f', {{"content": "Kept.", "id": "{SPEECH}"}}]'
    converted = convert_body(f"<p>One{ref(SPEECH, 1)}, two{ref(TEACHER, 2)}.</p>", lambda ref: None, footnotes_json)
    assert converted.footnotes == [{"uuid": SPEECH, "text": "<p>Kept.</p>"}]
    assert "some of the post's footnotes could not be read: their references were left out" in converted.notes
    assert NOT_A_NOTE in converted.notes


def test_notes_saved_with_unescaped_quotes_are_read_as_wordpress_reads_them():
    """WordPress 6.3.0 could save a note's quotes unescaped (core ticket 59103); its footnotes block repairs them."""
    footnotes_json = f'[{{"content":"He called it "the cult".","id":"{SPEECH}"}}]'
    converted = convert_body(f"<p>Claim{ref(SPEECH, 1)}.</p>", lambda ref: None, footnotes_json)
    assert converted.footnotes == [{"uuid": SPEECH, "text": "<p>He called it &quot;the cult&quot;.</p>"}]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.sampled_from([SPEECH, "<b>x</b>", ""]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["id", "content", "x"]), inner),
    max_leaves=12,
)


@hypothesis.settings(deadline=None, max_examples=150)
@hypothesis.given(st.one_of(JSON.map(json.dumps), st.text(max_size=40)))
def test_any_footnotes_meta_converts_without_raising(footnotes_json):
    converted = convert_body(f"<p>Claim{ref(SPEECH, 1)}.</p>", lambda ref: None, footnotes_json)
    [html] = paragraphs(converted)
    assert marker_ids(html) == [note["uuid"] for note in converted.footnotes]
    assert all(note["text"].startswith("<p>") and note["text"].endswith("</p>") for note in converted.footnotes)


# --- The imported post, as its reader sees it ---------------------------------------------------------------


def run(name="footnotes.xml"):
    out = StringIO()
    call_command("import_wordpress", str(FIXTURES / name), stdout=out, stderr=StringIO())
    return out.getvalue()


def imported_post():
    origin = WordPressOrigin.objects.get(kind="post", wordpress_id=121)
    return StudentPostPage.objects.get(pk=origin.object_id)


@pytest.mark.django_db
def test_the_reader_sees_numbered_references_linking_to_the_notes(client, course):
    report = run()
    assert "Posts: 1 published" in report
    assert f"Note: post 121 “Hearing the Secret Speech”: {BAD_ID}" in report
    response = client.get(imported_post().url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    references = page.select("sup.note-ref a")
    assert [reference.get_text() for reference in references] == ["1", "2", "3"]
    assert [reference["href"] for reference in references] == ["#note-1", "#note-2", "#note-3"]
    prose = page.find(class_="prose")
    assert page.select_one("li sup.note-ref"), "the list item keeps its reference"
    for reference in prose.select("sup.note-ref"):
        reference.decompose()
    said = prose.get_text(" ", strip=True)
    assert "until 1989 , yet within weeks" in said and "by word of mouth." in said, "WordPress's numbers are gone"

    notes = page.select("section.notes li")
    assert [note["id"] for note in notes] == ["note-1", "note-2", "note-3"]
    assert notes[0].get_text(" ", strip=True).startswith("Taubman, Khrushchev: The Man and His Era , 283; see the")
    assert notes[0].find("i").get_text() == "Khrushchev: The Man and His Era"
    assert notes[0].find("a", href="https://example.org/secret-speech").get_text() == "text of the speech"
    assert notes[1].get_text(" ", strip=True).startswith("Recalled by a teacher from Kharkiv, interviewed in 1991.")
    hostile = notes[2].get_text(" ", strip=True)
    assert hostile.startswith("Pravda printed only the Congress resolution. A reader wrote in:")
    assert "<img src=x onerror=alert(1337)>" in hostile, "what the note quoted shows as text"
    html = response.content.decode()
    for payload in ("<script>alert(1337)</script>", "<img src=x onerror=alert(1337)>"):
        assert_inert(html, payload, "imported post's notes")


@pytest.mark.django_db
def test_the_notes_are_in_the_published_revision_and_the_editor_opens_them(admin_client, course):
    run()
    post = imported_post()
    published = post.get_latest_revision().as_object()
    assert [str(note.uuid) for note in published.footnotes.all()] == [SPEECH, TEACHER, PRAVDA]
    assert [note.sort_order for note in post.footnotes.all()] == [0, 1, 2]
    assert all(note.text.startswith("<p>") and not note.source for note in post.footnotes.all())
    editor = admin_client.get(f"/admin/pages/{post.pk}/edit/").content.decode()
    assert "FOOTNOTE" in editor and all(note_id in editor for note_id in (SPEECH, TEACHER, PRAVDA))


@pytest.mark.django_db
def test_importing_again_adds_no_notes(client, course):
    run()
    post = imported_post()
    notes = list(Footnote.objects.filter(page=post).values_list("uuid", "text"))
    again = run()
    assert "Posts: 0 published, 0 scheduled, 0 drafts; 1 already imported" in again
    assert list(Footnote.objects.filter(page=post).values_list("uuid", "text")) == notes
    assert Footnote.objects.count() == 3
    page = BeautifulSoup(client.get(post.url).content, "html.parser")
    assert len(page.select("section.notes li")) == 3
