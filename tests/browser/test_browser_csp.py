"""The Content-Security-Policy in Debian's Chromium: nothing on the public pages or in the admin breaks it (no
violation on any page of the tour, the editor or its live preview), an embed's player loads after the reader's
click when it comes from a configured provider, and a frame from anywhere else is refused."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from blog.models import StudentPostPage
from tests.browser_helpers import TIMEOUT_MS
from tests.factories import embed_value
from tests.tour_helpers import tour, tour_course  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (make test installs it)")
expect = sync_api.Expect()
expect.set_options(timeout=TIMEOUT_MS)

# Every document records what the policy blocked, for the test to read.
VIOLATIONS = """
window.seminarViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.seminarViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""
PLAYER = "https://www.youtube.com/embed/khrushchev-newsreel"
STRANGER = "https://frames.example.net/player"


def violations(page):
    return page.evaluate("window.seminarViolations")


def test_no_public_page_breaks_the_policy(browser_context, tour_course):  # noqa: F811
    with browser_context(init_script=VIOLATIONS) as page:
        for name, _html in tour(page, email="csp@example.org"):
            assert violations(page) == [], name


def cached_embed(url, player_url, provider):
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        html=f'<iframe src="{player_url}" title="{provider} player" width="640" height="360"></iframe>',
        title=f"A newsreel on {provider}",
        provider_name=provider,
        width=640,
        height=360,
        last_updated=timezone.now(),
    )


def test_only_a_configured_provider_may_be_framed_and_only_after_the_click(browser_context, migrated_database):
    call_command("load_demo", force=True, verbosity=0)
    cached_embed("https://www.youtube.com/watch?v=khrushchev", PLAYER, "YouTube")
    cached_embed("https://frames.example.net/watch/1", STRANGER, "Frames")
    post = StudentPostPage.objects.live().first()
    post.body.append(("embed_block", embed_value("https://www.youtube.com/watch?v=khrushchev")))
    post.body.append(("embed_block", embed_value("https://frames.example.net/watch/1")))
    post.save_revision().publish()
    requested = []

    def player(route):
        requested.append(route.request.url)
        route.fulfill(content_type="text/html", body="<!doctype html><title>player</title><p>Now playing</p>")

    with browser_context(init_script=VIOLATIONS) as page:
        # The players' hosts, stood in for at the HTTP layer (they are outside this machine).
        page.route("https://www.youtube.com/**", player)
        page.route("https://frames.example.net/**", player)
        page.goto(post.url)
        assert requested == []  # nothing is asked of a provider before the click
        page.get_by_role("button", name="Load from YouTube").click()
        expect(page.frame_locator("iframe[title='YouTube player']").get_by_text("Now playing")).to_be_visible()
        assert violations(page) == []
        page.goto(post.url)  # afresh: focus left inside the first player does not take the next click
        page.get_by_role("button", name="Load from Frames").click()
        expect(page.locator("iframe[title='Frames player']")).to_be_attached()
        page.wait_for_function("() => window.seminarViolations.length > 0")
        assert violations(page) == ["frame-src blocked https://frames.example.net"]
        assert requested == [PLAYER]


def test_the_admin_and_its_live_preview_work_under_the_policy(browser_context, live_server, migrated_database):
    call_command("load_demo", force=True, verbosity=0)
    post = StudentPostPage.objects.live().first()
    with browser_context(init_script=VIOLATIONS) as page:
        page.goto("/admin/login/")
        page.get_by_label("Username").fill("instructor")
        page.get_by_label("Password").fill("seminar-demo")
        page.get_by_role("button", name="Sign in").click()
        expect(page).to_have_url(f"{live_server.url}/admin/")
        assert violations(page) == []
        page.goto(f"/admin/pages/{post.pk}/edit/")
        page.get_by_role("button", name="Toggle preview").click()
        preview = page.frame_locator("#w-preview-iframe")  # the loaded one; Wagtail swaps in a fresh frame
        expect(preview.get_by_role("heading", level=1)).to_have_text(post.title)
        assert violations(page) == []
        page.goto(post.url)  # the public page with the members' bar, which members.js draws for members only
        bar = page.get_by_role("navigation", name="Your account")
        expect(bar.get_by_role("link", name="Edit this page")).to_have_attribute(
            "href", f"/admin/pages/{post.pk}/edit/"
        )
        assert violations(page) == []
