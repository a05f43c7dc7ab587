"""Footnotes in Debian's Chromium (issue 22): a student adds a note with the paragraph toolbar's Note button and
writes it at once; a reader who uses only the keyboard goes from a reference to its note and back, seeing where
focus is at every step."""

import re

import pytest

from blog.models import StudentPostPage
from blog.notes import marker_ids
from tests.admin_journey_helpers import PASSWORD, expect, member_session
from tests.browser.test_browser_keyboard import focused, tab_to
from tests.factories import StudentPostPageFactory, every_block_post, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_student_adds_a_note_with_the_note_button(browser_context, live_server, course, unit, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    student = member("Students", course=course, username="jcole")
    student.set_password(PASSWORD)
    student.save()
    post = StudentPostPageFactory(
        parent=unit,
        author=student,
        title="Sputnik and the missile gap",
        body__0__paragraph_block__value="<p>The sphere crossed the American sky.</p>",
    )
    with member_session(browser_context, live_server, "jcole") as page:
        page.goto(f"/admin/pages/{post.pk}/edit/")
        paragraph = page.locator(".Draftail-Editor [contenteditable=true]").first
        paragraph.get_by_text("crossed the American sky").click()
        page.keyboard.press("End")
        page.keyboard.press("ArrowLeft")  # before the full stop
        page.keyboard.press("Control+Shift+ArrowLeft")  # "sky": a note marks the place after what is selected
        page.get_by_role("button", name="Add a footnote").click()
        notes = page.locator("#id_footnotes-FORMS > [data-inline-panel-child]")
        expect(notes).to_have_count(1)
        expect(paragraph.locator("sup.footnote-marker")).to_have_text("[1]")
        note_text = notes.last.locator("[contenteditable=true]")
        expect(note_text).to_be_focused()  # the student writes the note at once
        page.keyboard.type("Siddiqi tells the launch from the Soviet side.")
        expect(notes.last.locator('input[name$="-text"]')).to_have_value(re.compile("Siddiqi tells"))
        page.get_by_role("button", name="Save draft").click()
        expect(page.get_by_text("has been updated")).to_be_visible()

    revision = StudentPostPage.objects.get(pk=post.pk).get_latest_revision_as_object()
    [note] = revision.footnotes.all()
    assert "Siddiqi tells the launch from the Soviet side." in note.text
    assert marker_ids(revision.body[0].value.source) == [str(note.uuid)], "the marker names the note's row"


def test_a_keyboard_reader_goes_from_a_reference_to_its_note_and_back(browser_page, unit):
    post = every_block_post(parent=unit, title="Sputnik")
    page = browser_page
    page.goto(post.url)
    first = tab_to(page, lambda focus: focus["id"] == "note-ref-1")
    assert first["text"] == "1" and first["href"] == "#note-1"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#note-1$"))
    expect(page.locator("#note-1")).to_be_in_viewport()
    back = tab_to(page, lambda focus: focus["href"] == "#note-ref-1", presses=5)
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Back to reference 1"
    assert back["visible"]
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#note-ref-1$"))
    expect(page.locator("#note-ref-1")).to_be_in_viewport()
    # Reading on from where the reference was: the next stop is the paragraph's second reference.
    following = tab_to(page, lambda focus: True, presses=1)
    assert following["id"] == "note-ref-2", focused(page)
