"""A student's post through the instructor's review, in Debian's Chromium and Wagtail's own admin: the student
writes a post with a paragraph, an uploaded image with its credit and a quote, and submits it; the instructor
requests changes with a comment; the student reads the comment, revises and resubmits; the instructor approves,
and the post is public under the student's public name. Each step waits on what the person at the screen sees."""

import re
from contextlib import contextmanager

import pytest
from django.core import mail
from django.core.management import call_command
from PIL import Image as PILImage

from blog.models import CourseUnitPage, StudentPostPage
from tests.browser_helpers import TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (make test installs it)")

expect = sync_api.Expect()  # an instance of our own, so this timeout does not leak into other tests
expect.set_options(timeout=TIMEOUT_MS)

PASSWORD = "seminar-demo"  # load_demo's published demo password
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

# Wagtail 8 autosaves the editor: its w-unsaved controller snapshots the form 2 s after load ("watch-edits") and
# polls it; w-autosave posts the changes about a second after the last one and the header then says "Saved".
# Counting the events tells the test that the "Saved" it sees is the one for its latest edit.
AUTOSAVE_PROBE = """
window.seminarWatchingEdits = false;
window.seminarAutosaves = 0;
document.addEventListener("w-unsaved:watch-edits", () => { window.seminarWatchingEdits = true; });
document.addEventListener("w-autosave:success", () => { window.seminarAutosaves += 1; });
"""


@contextmanager
def admin_session(browser_context, live_server, username):
    """`username` logged in at /admin/login/, on the dashboard, in a tab of their own."""
    with browser_context(init_script=AUTOSAVE_PROBE) as page:
        page.goto("/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page).to_have_url(f"{live_server.url}/admin/")
        yield page


@contextmanager
def autosaved(page):
    """The edits made in the block are autosaved when it ends ("Saved" in the editor header). A person glances at
    it before submitting; a test that submitted at once would race Wagtail's autosave request on the server."""
    page.wait_for_function("() => window.seminarWatchingEdits")  # edits before the snapshot are never autosaved
    autosaves = page.evaluate("window.seminarAutosaves")
    yield
    page.wait_for_function("count => window.seminarAutosaves > count", arg=autosaves)
    expect(page.locator("#w-autosave-indicator").get_by_text("Saved", exact=True)).to_be_visible()


def expect_rich_text_saved(block, text):
    """Draftail writes its content to the block's hidden input at most every 250 ms: wait until the form holds
    what was typed."""
    expect(block.locator("input[type=hidden][name$='-value']")).to_have_value(re.compile(re.escape(text)))


def add_block(page, block_type):
    """Append a block to the body through the last "Insert a block" button, and return the new block."""
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=block_type).click()
    return page.get_by_role("region", name=block_type).last


def footer_menu(page):
    """Open the editor footer's action menu (the dropdown next to "Save draft") and return the footer."""
    footer = page.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    return footer


def test_student_post_goes_through_instructor_review_to_publication(browser_context, live_server, tmp_path):
    call_command("load_demo", force=True, verbosity=0)
    unit = CourseUnitPage.objects.get(title=UNIT)
    picture = tmp_path / "thaw-poster.png"
    PILImage.new("RGB", (960, 640), (178, 34, 34)).save(picture)
    any_publish_button = re.compile("publish", re.IGNORECASE)
    # Wagtail's autosave usually creates the draft first, turning the create form into the edit form.
    submitted = re.compile(rf"Page '{re.escape(TITLE)}' (created and|has been) submitted for moderation\.")

    # 1. The student writes the post in the unit and submits it for review; publishing is not theirs to do.
    with admin_session(browser_context, live_server, "jcole") as page:
        page.goto("/admin/pages/")
        page.get_by_role("link", name=f"Explore child pages of '{UNIT}'").click()
        expect(page.get_by_role("heading", name=f"Exploring: {UNIT}")).to_be_visible()
        page.get_by_role("link", name="Add child page").click()  # a unit takes posts only: straight to the form
        expect(page.get_by_role("heading", name="New: Student post")).to_be_visible()

        page.get_by_role("textbox", name="Title*").fill(TITLE)
        paragraph = add_block(page, "Paragraph block")
        paragraph.get_by_role("textbox").click()
        page.keyboard.type(FIRST_DRAFT)
        expect_rich_text_saved(paragraph, FIRST_DRAFT)

        image_block = add_block(page, "Image block")
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
            quote = add_block(page, "Quote block")
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
        awaiting = instructor.get_by_role("region", name="Awaiting your review")
        expect(awaiting.get_by_role("row", name=TITLE)).to_contain_text("Jordan Cole")
        awaiting.get_by_role("link", name=TITLE).click()
        expect(instructor).to_have_url(edit_url)
        expect(instructor.get_by_role("region", name="Paragraph block")).to_contain_text(FIRST_DRAFT)

        footer_menu(instructor).get_by_role("button", name="Request changes").click()
        modal = instructor.get_by_role("dialog")
        expect(modal.get_by_role("heading", name="Request changes")).to_be_visible()
        modal.get_by_role("textbox", name="Comment").fill(COMMENT)
        modal.get_by_role("button", name="Request changes").click()
        expect(instructor.get_by_text(f"Page '{TITLE}' has been updated.")).to_be_visible()
        expect(instructor.get_by_role("row", name=TITLE)).to_contain_text("draft")

        # 3. The student, logged in again, reads the comment in the editor, revises the paragraph and resubmits.
        with admin_session(browser_context, live_server, "jcole") as page:
            in_workflow = page.get_by_role("region", name="Your pages and snippets in a workflow")
            expect(in_workflow.get_by_role("row", name=TITLE)).to_contain_text("Changes requested")
            in_workflow.get_by_role("link", name=TITLE).click()
            expect(page).to_have_url(edit_url)

            page.get_by_role("button", name="Toggle status").click()
            page.get_by_role("complementary", name="Status").get_by_role("button", name="View details").click()
            review = page.get_by_role("dialog", name="Instructor review")
            expect(review).to_contain_text("Changes requested by Anne Whitaker")
            expect(review).to_contain_text(f'with comment: "{COMMENT}"')
            review.get_by_role("button", name="Close dialog").click()
            expect(review).to_be_hidden()

            paragraph = page.get_by_role("region", name="Paragraph block")
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
            expect(page.get_by_text(submitted)).to_be_visible()

        # 4. The instructor finds the revision waiting on the dashboard and approves it, which publishes it.
        instructor.goto("/admin/")
        instructor.get_by_role("region", name="Awaiting your review").get_by_role("link", name=TITLE).click()
        expect(instructor).to_have_url(edit_url)
        expect(instructor.get_by_role("region", name="Paragraph block")).to_contain_text(REVISION.strip())
        footer_menu(instructor).get_by_role("button", name="Approve and Publish").click()
        expect(instructor.get_by_text(f"Page '{TITLE}' has been updated.")).to_be_visible()
        expect(instructor.get_by_role("row", name=TITLE)).to_contain_text("live")

    # 5. A reader, not logged in, finds the post in its unit: the revised text, the credited image, the quote and
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
