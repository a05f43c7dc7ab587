"""A student fixes two accessibility findings and submits (issue 23), in Debian's Chromium and Wagtail's own editor:
their draft's Accessibility checks panel lists a heading that skips a level and alt text that says only "image";
"Submit to Instructor review" is refused with both listed, each linking to its block; the student makes the
heading a section and describes the picture, submits again, and the post goes to review.

Wagtail's autosave is off here (WAGTAIL_AUTOSAVE_INTERVAL = 0): the review journey proves the editor with it."""

import re

import pytest
from django.core.management import call_command
from wagtail.models import Page

from blog.models import CourseUnitPage
from tests.admin_journey_helpers import expect, footer_menu, member_session
from tests.factories import StudentPostPageFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALT_TEXT = "Khrushchev at the lectern of the Twentieth Party Congress, February 1956"


def test_a_student_fixes_two_findings_and_the_post_goes_to_review(browser_context, live_server, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    call_command("load_demo", force=True, verbosity=0)
    student = member("Students", username="jcole")  # Jordan Cole, the demo's student
    post = StudentPostPageFactory(
        parent=CourseUnitPage.objects.get(title="Khrushchev and the Thaw"),
        author=student,
        title="The Secret Speech abroad",
        publish=False,
        body__0="heading_block",
        body__0__heading_block__text="Reactions abroad",
        body__0__heading_block__level="h3",
        body__1="image_block",
        body__1__image_block__alt_text="image",
    )
    with member_session(browser_context, live_server, "jcole") as page:
        page.goto(f"/admin/pages/{post.pk}/edit/")
        checks = page.locator(".accessibility-checks")
        expect(checks).to_contain_text("2 problems to fix before it can go to review")
        expect(checks.get_by_role("listitem")).to_have_count(2)

        footer_menu(page).get_by_role("button", name="Submit to Instructor review").click()
        expect(
            page.get_by_text("This post cannot go to review yet: 2 accessibility problems to fix first")
        ).to_be_visible()
        expect(page.get_by_text("Block 1 (heading): This heading skips a level").first).to_be_visible()
        expect(
            page.get_by_text("Block 2 (image): The alt text “image” does not describe the image").first
        ).to_be_visible()
        assert not Page.objects.get(pk=post.pk).specific.workflow_in_progress
        # Each line of the list links to its block in the editor: "Block 2 (image)" goes to the image and its alt text.
        image_block = f"#block-{post.body[1].id}-section"
        page.locator(".messages").get_by_role("link", name="Block 2 (image)").click()
        expect(page).to_have_url(re.compile(f"{image_block}$"))
        expect(page.locator(image_block).get_by_role("textbox", name="Alt text*")).to_be_in_viewport()

        page.get_by_role("combobox", name="Level").select_option(label="Section (h2)")
        page.get_by_role("textbox", name="Alt text*").fill(ALT_TEXT)
        footer_menu(page).get_by_role("button", name="Submit to Instructor review").click()
        expect(page.get_by_text("Submitted for review; your instructors were emailed.")).to_be_visible()

    submitted = Page.objects.get(pk=post.pk).specific
    assert submitted.workflow_in_progress
    revision = submitted.get_latest_revision_as_object()
    assert revision.body[0].value["level"] == "h2" and revision.body[1].value["alt_text"] == ALT_TEXT
