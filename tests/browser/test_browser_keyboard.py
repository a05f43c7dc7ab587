"""A reader who uses only the keyboard replies to a comment: from the course home to the post, "Reply", a form
sent with a mistake, the error summary, the fix, and the result. Focus is visible at every step, lands in the form
when it opens and on the error summary when the form comes back."""

import re

import pytest
from django.core.management import call_command
from django_comments_xtd.models import XtdComment

from blog.models import StudentPostPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (make test installs it)")
expect = sync_api.expect

POST = "The Man of Steel Falls and The Union is Reborn"
REPLY = "Was the Virgin Lands campaign a success by its own measure?"

# The focused element, and whether a sighted keyboard user can see where focus is: an outline or a ring.
FOCUS = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return {
        visible: outlined || style.boxShadow !== "none",
        text: (element.innerText || element.value || "").trim(),
        id: element.id,
        name: element.name || "",
        href: element.getAttribute("href") || "",
        inForm: Boolean(element.closest("form.comment-form")),
    };
}"""


def focused(page):
    return page.evaluate(FOCUS)


def tab_to(page, wanted, presses=200):
    """Press Tab until `wanted(focus)` holds; every element passed on the way shows where focus is."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        focus = focused(page)
        assert focus and focus["visible"], f"focus is not visible on {focus}"
        if wanted(focus):
            return focus
    raise AssertionError(f"{presses} presses of Tab never reached the element")


def test_keyboard_reader_replies_to_a_comment(browser_page):
    call_command("load_demo", force=True, verbosity=0)
    post = StudentPostPage.objects.get(title=POST)
    parent = XtdComment.objects.filter(object_pk=str(post.pk), level=0).order_by("thread_id").first()
    page = browser_page

    page.goto("/")
    skip = tab_to(page, lambda focus: True)
    assert skip["text"] == "Skip to main content"
    tab_to(page, lambda focus: focus["text"] == POST)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == POST

    tab_to(page, lambda focus: focus["href"] == f"/comments/reply/{parent.pk}/")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.name === 'comment'")
    focus = focused(page)
    assert focus["inForm"] and focus["visible"], "the opened form does not have visible focus"
    author = page.locator(f"#c{parent.pk} .comment-author").first.inner_text().strip()
    assert page.locator("#respond-heading").inner_text() == f"Reply to {author}"

    page.keyboard.type(REPLY)
    tab_to(page, lambda focus: focus["text"] == "Post Comment")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # name and email left empty
    summary = focused(page)
    assert summary["id"] == "form-errors" and summary["visible"], "focus is not on the error summary"
    errors = page.get_by_role("alert")
    assert "Your comment was not posted" in errors.inner_text()
    required = ["Name: This field is required.", "Email: This field is required."]
    assert errors.get_by_role("link").all_inner_texts() == required

    for field in ("Name", "Email"):  # each field tells a screen reader what is wrong with it
        expect(page.get_by_role("textbox", name=field)).to_have_accessible_description(re.compile("required"))

    tab_to(page, lambda focus: focus["text"].startswith("Name:"))
    page.keyboard.press("Enter")  # an error's link takes the reader to its field
    assert focused(page)["name"] == "name"
    page.keyboard.type("Nina Visitor")
    tab_to(page, lambda focus: focus["name"] == "email")
    page.keyboard.type("nina@example.org")
    assert page.get_by_role("textbox", name="Comment").input_value() == REPLY  # nothing typed was lost
    tab_to(page, lambda focus: focus["text"] == "Post Comment")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.get_by_role("heading", level=1).inner_text() == "Check your email"
    assert "nina@example.org" in page.locator("main").inner_text()
