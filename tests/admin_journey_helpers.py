"""What the admin journeys in Chromium share: a person logged in to the Wagtail admin in a tab of their own, and the
editor's ways (blocks, Draftail's saving, autosave, the footer's action menu). Imported by the browser tests only:
it needs Playwright."""

import re
from contextlib import contextmanager

import pytest

from tests.browser_helpers import TIMEOUT_MS

sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (make test installs it)")

expect = sync_api.Expect()  # an instance of our own, so this timeout does not leak into other tests
expect.set_options(timeout=TIMEOUT_MS)

PASSWORD = "seminar-demo"  # load_demo's published demo password

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
def logged_in(browser_context, username, login_path, button, landing):
    """`username` logged in on the form at `login_path`, landed on `landing`, in a tab of their own."""
    with browser_context(init_script=AUTOSAVE_PROBE) as page:
        page.goto(login_path)
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name=button).click()
        expect(page).to_have_url(re.compile(re.escape(landing) + "$"))
        yield page


def admin_session(browser_context, live_server, username):
    """`username` logged in at /admin/login/, on the dashboard."""
    return logged_in(browser_context, username, "/admin/login/", "Sign in", f"{live_server.url}/admin/")


@contextmanager
def member_session(browser_context, live_server, username):
    """`username` logged in on the public log-in page (as the roster's invitation says), landed on their home."""
    with logged_in(browser_context, username, "/accounts/login/", "Log in", f"{live_server.url}/me/") as page:
        expect(page.get_by_role("heading", name="My courses", level=1)).to_be_visible()
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
