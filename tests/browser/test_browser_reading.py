"""Reading comfort in Chromium on every kind of public page: the layout reflows at a phone's 375 px without
sideways scrolling, text enlarged to 200% hides nothing, a post's lines have a readable measure, a reader who asks
for reduced motion gets none, and a printed post is its text and thread without navigation or forms."""

import pytest
from django.core.management import call_command

from blog.models import StudentPostPage
from tests.browser_helpers import DESKTOP, MOBILE
from tests.tour_helpers import TOUR_STOPS, tour

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What a reader could miss on the page: the width it scrolls sideways by, and text cut off by a box too small
# for it (an element that clips its overflow while its content is larger than the box; not the 1 px boxes of text
# meant for screen readers only, nor the honeypot field meant for robots only).
LAYOUT = """() => {
    const clipped = [...document.querySelectorAll("main *, header *, footer *")].filter(element => {
        const style = getComputedStyle(element);
        const clips = ["hidden", "clip"].includes(style.overflowX) || ["hidden", "clip"].includes(style.overflowY);
        const hiddenOnPurpose = element.closest("[aria-hidden=true]")
            || element.clientWidth <= 1 || element.clientHeight <= 1;
        return clips && !hiddenOnPurpose && element.innerText && element.offsetParent !== null
            && (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1);
    });
    return {
        sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        clipped: clipped.map(element => element.outerHTML.slice(0, 120)),
        text: document.body.innerText.replace(/\\s+/g, " ").trim(),
    };
}"""
# Characters a line holds in a post's paragraphs: long-form reading wants about 60 to 75.
LINE_LENGTH = """() => {
    const paragraphs = [...document.querySelectorAll(".prose > p")].filter(p => p.innerText.length > 300);
    const lines = paragraphs.map(p => {
        const range = document.createRange();
        range.selectNodeContents(p);
        return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
    });
    const characters = paragraphs.reduce((sum, p) => sum + p.innerText.length, 0);
    return characters / lines.reduce((sum, count) => sum + count, 0);
}"""
TEXT_AT_200 = "document.documentElement.style.fontSize = '200%'"


def test_pages_reflow_on_a_phone_and_at_200_percent_text(browser_context, tour_course):
    problems, read = [], {}
    with browser_context(viewport=MOBILE) as page:
        for name, _html in tour(page, email="phone@example.org"):
            layout = page.evaluate(LAYOUT)
            if layout["sideways"] > 0:
                problems.append(f"{name} at 375 px scrolls sideways by {layout['sideways']} px")
            problems += [f"{name} at 375 px cuts off {html}" for html in layout["clipped"]]
    with browser_context(viewport=DESKTOP) as page:
        for name, _html in tour(page, email="zoom@example.org"):
            if page.locator(".leave-reply[data-form-url]").count():  # the script brings the form when it is near
                page.locator(".leave-reply").scroll_into_view_if_needed()
                page.locator("form.comment-form").wait_for()
            read[name] = page.evaluate(LAYOUT)["text"]
            if name == "post-threaded":
                measure = page.evaluate(LINE_LENGTH)
                assert 55 <= measure <= 80, f"a line of the post holds {measure:.0f} characters"
            page.evaluate(TEXT_AT_200)
            layout = page.evaluate(LAYOUT)
            if layout["sideways"] > 0:
                problems.append(f"{name} with 200% text scrolls sideways by {layout['sideways']} px")
            problems += [f"{name} with 200% text cuts off {html}" for html in layout["clipped"]]
            if layout["text"] != read[name]:
                problems.append(f"{name} with 200% text shows other text than at 100%")
    assert list(read) == TOUR_STOPS
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("motion, duration", [("reduce", "0s"), ("no-preference", "0.15s")])
def test_links_animate_only_for_readers_who_accept_motion(browser_context, motion, duration):
    with browser_context(viewport=DESKTOP, reduced_motion=motion) as page:
        page.goto("/")
        link = page.get_by_role("link", name="Skip to main content")
        assert link.evaluate("a => getComputedStyle(a).transitionDuration").split(", ")[0] == duration


def test_a_printed_post_keeps_its_text_and_thread_without_navigation_or_forms(browser_context):
    call_command("load_demo", force=True, verbosity=0)
    post = StudentPostPage.objects.get(title="The Illusion of Khrushchev")
    with browser_context(viewport=DESKTOP) as page:
        page.goto(post.url)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.locator("form.comment-form").wait_for()  # the script has brought the form
        page.emulate_media(media="print")
        for gone in (".site-nav", ".site-search", ".skip-link", ".site-footer", "form.comment-form", ".reply-link"):
            assert page.locator(gone).first.is_hidden(), f"{gone} is printed"
        assert page.get_by_role("heading", level=1).is_visible()
        assert page.locator(".comment-body").first.is_visible()
