"""Likes and reports need an account, and the page says so: in Chromium a stranger follows "Log in to like" to the
log-in page and back, likes, and sees "Unlike" and "Liked by you"; reports, and sees "Reported". The per-reader
state comes from the uncached /comments/mine/ endpoint, so the cached page stays the same for everyone."""

import pytest

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
