"""Likes and reports need an account, and the page says so: in Chromium a stranger follows "Log in to like" to the
log-in page and back, likes, and sees "Unlike" and "Liked by you"; reports, and sees "Reported". The per-reader
state comes from the members' bar endpoint (/me/bar/, uncached), so the cached page stays the same for everyone;
the member's bar shows their name and logs them out."""

import pytest
from playwright.sync_api import expect

from tests.comment_helpers import approved_comment
from tests.factories import member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_in_chromium_a_stranger_is_asked_to_log_in_and_a_member_sees_their_like(browser_context, make_post):
    post = make_post(title="Khrushchev slums")
    comment = approved_comment(post, text="The slums were a housing revolution.")
    reader = member("Students", username="jordan")
    reader.set_password("a long demo password")
    reader.save()
    with browser_context() as page:
        page.goto(f"{post.url}#c{comment.pk}")
        login = page.locator(f"#c{comment.pk} .comment-actions").get_by_role("link", name="Log in to like")
        login.click()
        page.get_by_label("Username").fill("jordan")
        page.get_by_label("Password").fill("a long demo password")
        page.get_by_role("button", name="Log in").click()
        page.get_by_role("button", name="Like").click()  # back on "Like this comment?"
        page.wait_for_url(f"**{post.url}#c{comment.pk}")
        actions = page.locator(f"#c{comment.pk} .comment-actions")
        actions.get_by_role("link", name="Unlike").wait_for()
        assert "Liked by you" in actions.inner_text()
        actions.get_by_role("link", name="Report").click()
        page.get_by_role("button", name="Report").click()
        page.wait_for_url(f"**{post.url}#c{comment.pk}")
        actions.get_by_text("Reported", exact=True).wait_for()

        # The members' bar: their name and home; logging out from it makes them a stranger again.
        bar = page.get_by_role("navigation", name="Your account")
        expect(bar).to_contain_text(reader.get_full_name())
        expect(bar.get_by_role("link", name="My courses")).to_have_attribute("href", "/me/")
        bar.get_by_role("button", name="Log out").click()
        expect(page.get_by_role("heading", name="You are logged out")).to_be_visible()
        page.goto(f"{post.url}#c{comment.pk}")
        expect(
            page.locator(f"#c{comment.pk} .comment-actions").get_by_role("link", name="Log in to like")
        ).to_be_visible()
        expect(page.get_by_role("navigation", name="Your account")).to_have_count(0)
