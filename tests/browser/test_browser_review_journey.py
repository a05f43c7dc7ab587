"""A student's post through the instructor's review, in Debian's Chromium and Wagtail's own admin: the student logs
in, lands on their home and opens a new post for the unit in one click; writes a paragraph, an uploaded image with
its credit and a quote, and submits it; the instructor, working the desk, requests changes with a comment; the
student reads the comment on their home and at the top of the editor, revises and resubmits (the instructor is
emailed again); the instructor approves from the desk; the student finds the published post from their home, and
the public reads it under the student's public name. Each step waits on what the person at the screen sees."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from PIL import Image as PILImage

from blog.models import CourseUnitPage, StudentPostPage
from tests.admin_journey_helpers import (
    add_block,
    admin_session,
    autosaved,
    expect,
    expect_rich_text_saved,
    footer_menu,
    member_session,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNIT = "Khrushchev and the Thaw"
STUDENT_EMAIL = "jcole@example.edu"  # Jordan Cole, in home/demo/soviet_history.json
TITLE = "Ehrenburg's Thaw and the Arts"
FIRST_DRAFT = "Ilya Ehrenburg's novella gave the years after Stalin's death their name."
REVISION = " It appeared in the journal Znamya in May 1954."
IMAGE_TITLE = "Thaw-era poster"
ALT_TEXT = "A red poster with a crowd of readers under a spring sky"
CREDIT = "Russian State Library"
QUOTE = "It is impermissible and foreign to the spirit of Marxism-Leninism to elevate one person."
ATTRIBUTION = "N. S. Khrushchev"
COMMENT = "Please say when and where the novella was first published."
INSTRUCTOR_EMAIL = "instructor@example.edu"
DESK = "Soviet History · Spring 2017"  # the course's part of the instructor's desk


def test_student_post_goes_through_instructor_review_to_publication(browser_context, live_server, tmp_path):
    call_command("load_demo", force=True, verbosity=0)
    unit = CourseUnitPage.objects.get(title=UNIT)
    picture = tmp_path / "thaw-poster.png"
    PILImage.new("RGB", (960, 640), (178, 34, 34)).save(picture)
    any_publish_button = re.compile("publish", re.IGNORECASE)
    # Wagtail's autosave usually creates the draft first, turning the create form into the edit form.
    submitted = "Submitted for review; your instructors were emailed."
    resubmitted = "Resubmitted for review; your instructors were emailed."

    # 1. The student logs in, lands on their home, opens a new post for the unit in one click, writes it and
    # submits it for review; publishing is not theirs to do.
    with member_session(browser_context, live_server, "jcole") as page:
        page.get_by_role("link", name=f"Write a post for {UNIT}").click()
        expect(page.get_by_role("heading", name="New: Student post")).to_be_visible()

        page.get_by_role("textbox", name="Title*").fill(TITLE)
        paragraph = add_block(page, "Paragraph")
        paragraph.get_by_role("textbox").click()
        page.keyboard.type(FIRST_DRAFT)
        expect_rich_text_saved(paragraph, FIRST_DRAFT)

        image_block = add_block(page, "Image")
        image_block.get_by_role("button", name="Choose an image").click()
        chooser = page.get_by_role("dialog")
        expect(chooser.get_by_role("heading", name="Choose an image")).to_be_visible()
        chooser.get_by_role("tab", name="Upload").click()
        chooser.get_by_label("File*").set_input_files(picture)
        chooser.get_by_role("textbox", name="Title*").fill(IMAGE_TITLE)
        chooser.get_by_role("button", name="Upload").click()
        expect(chooser).to_be_hidden()
        expect(image_block).to_contain_text(IMAGE_TITLE)  # the chosen image, by title, where the button was
        image_block.get_by_role("textbox", name="Alt text*").fill(ALT_TEXT)
        image_block.get_by_role("textbox", name="Credit").fill(CREDIT)

        with autosaved(page):
            quote = add_block(page, "Quote")
            quote.get_by_role("textbox", name="Text*").fill(QUOTE)
            quote.get_by_role("textbox", name="Attribution").fill(ATTRIBUTION)

        footer = footer_menu(page)
        expect(footer.get_by_role("button", name="Save draft")).to_be_visible()
        submit = footer.get_by_role("button", name="Submit to Instructor review")
        expect(submit).to_be_visible()
        expect(page.get_by_role("button", name=any_publish_button)).to_have_count(0)
        submit.click()
        expect(page.get_by_text(submitted)).to_be_visible()
        expect(page).to_have_url(f"{live_server.url}/admin/pages/{unit.pk}/")
        expect(page.get_by_role("row", name=TITLE)).to_contain_text("in moderation")

    post = StudentPostPage.objects.get(title=TITLE)
    assert not post.live
    edit_url = f"{live_server.url}/admin/pages/{post.pk}/edit/"

    with admin_session(browser_context, live_server, "instructor") as instructor:
        # 2. The instructor opens the post from the dashboard and requests changes, with a comment.
        desk = instructor.get_by_role("region", name=DESK)
        expect(desk.get_by_role("row", name=TITLE)).to_contain_text("Jordan Cole")
        desk.get_by_role("link", name=TITLE).click()
        expect(instructor).to_have_url(edit_url)
        expect(instructor.get_by_role("region", name="Paragraph")).to_contain_text(FIRST_DRAFT)

        footer_menu(instructor).get_by_role("button", name="Request changes").click()
        modal = instructor.get_by_role("dialog")
        expect(modal.get_by_role("heading", name="Request changes")).to_be_visible()
        modal.get_by_role("textbox", name="Comment").fill(COMMENT)
        modal.get_by_role("button", name="Request changes").click()
        expect(instructor.get_by_text("Changes requested; Jordan Cole was emailed.")).to_be_visible()
        expect(instructor.get_by_role("row", name=TITLE)).to_contain_text("draft")

        # 3. The student, logged in again, reads the instructor's comment on their home and at the top of the
        # editor, revises the paragraph and resubmits; the instructor is emailed again.
        with member_session(browser_context, live_server, "jcole") as page:
            mine = page.locator(".member-post", has_text=TITLE)
            expect(mine).to_contain_text("Changes requested")
            expect(mine.get_by_role("note")).to_contain_text("Anne Whitaker asked for changes on")
            expect(mine.get_by_role("note")).to_contain_text(COMMENT)
            mine.get_by_role("link", name=f"Revise “{TITLE}”").click()
            expect(page).to_have_url(edit_url)
            note = page.get_by_role("region", name="Changes requested by Anne Whitaker")
            expect(note).to_contain_text(COMMENT)  # at the top of the editor, before any click

            paragraph = page.get_by_role("region", name="Paragraph")
            with autosaved(page):
                paragraph.get_by_role("textbox").click()
                page.keyboard.press("Control+End")
                page.keyboard.type(REVISION)
                expect_rich_text_saved(paragraph, FIRST_DRAFT + REVISION)

            footer = footer_menu(page)
            resubmit = footer.get_by_role("button", name="Resubmit to Instructor approval")
            expect(resubmit).to_be_visible()
            expect(page.get_by_role("button", name=any_publish_button)).to_have_count(0)
            resubmit.click()
            expect(page.get_by_text(resubmitted)).to_be_visible()
            to_instructor = [message.subject for message in mail.outbox if message.to == [INSTRUCTOR_EMAIL]]
            assert to_instructor[-1] == f'Late: Jordan Cole resubmitted "{TITLE}" for review'  # due in 2017

            # 4. The instructor finds the revision on the desk, marked resubmitted, and approves it: published.
            instructor.goto("/admin/")
            desk = instructor.get_by_role("region", name=DESK)
            expect(desk.get_by_role("row", name=TITLE)).to_contain_text("Resubmitted")
            desk.get_by_role("link", name=TITLE).click()
            expect(instructor).to_have_url(edit_url)
            expect(instructor.get_by_role("region", name="Paragraph")).to_contain_text(REVISION.strip())
            footer_menu(instructor).get_by_role("button", name="Approve and Publish").click()
            expect(instructor.get_by_text(f"Approved and published: “{TITLE}”.")).to_be_visible()
            expect(instructor.get_by_role("row", name=TITLE)).to_contain_text("live")

            # 5. The student finds the published post from their home.
            page.goto("/me/")
            mine = page.locator(".member-post", has_text=TITLE)
            expect(mine).to_contain_text("Published")
            mine.get_by_role("link", name=f"Read it “{TITLE}”").click()
            expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    # 6. A reader, not logged in, finds the post in its unit: the revised text, the credited image, the quote and
    # the student's public name, never their full name.
    with browser_context() as reader:
        reader.goto(unit.url)
        reader.get_by_role("region", name="Posts in this unit").get_by_role("link", name=TITLE).click()
        expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
        article = reader.locator("article.post")
        expect(article.locator(".byline")).to_contain_text("By Jordan C.")
        expect(article).to_contain_text(FIRST_DRAFT + REVISION)

        figure = article.get_by_role("figure").filter(has=reader.get_by_role("img", name=ALT_TEXT))
        expect(figure).to_contain_text(f"Source: {CREDIT}.")
        image = figure.get_by_role("img", name=ALT_TEXT)
        image.scroll_into_view_if_needed()  # it loads lazily
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("img => img.naturalWidth") > 0, "the image is broken"

        quote = article.locator("figure.quote")
        expect(quote.locator("blockquote")).to_have_text(QUOTE)
        expect(quote.locator("figcaption")).to_have_text(ATTRIBUTION)
        expect(reader.locator("body")).not_to_contain_text("Jordan Cole")

    to_student = [message for message in mail.outbox if message.to == [STUDENT_EMAIL]]
    assert [message.subject for message in to_student] == [
        f'Changes requested on "{TITLE}"',
        f'Your post "{TITLE}" is published',
    ]
    changes_requested, published = to_student
    assert COMMENT in changes_requested.body
    assert StudentPostPage.objects.get(pk=post.pk).url in published.body
