"""A class member reads a class-only post from the class's cached copy, rendered for a classmate three hours
earlier, and everything personal still works in Chromium: their name in the members' bar, the comment form (no name
or email asked), a like marked as theirs, and their own comment held for moderation shown to them alone."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from courses.roles import Role, enrol
from tests.browser_helpers import DESKTOP
from tests.comment_helpers import approved_comment
from tests.factories import StudentPostPageFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long demo password"
HELD = "Compare https://example.org/a https://example.org/b and https://example.org/c on the speech."


def classmate(course, username, first_name):
    user = UserFactory(username=username, first_name=first_name, last_name="Ivanova")
    user.set_password(PASSWORD)
    user.save()
    enrol(user, course, Role.STUDENT)
    return user


def log_in(page, username, next_url):
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{next_url}")


def test_a_classmate_uses_a_class_only_post_cached_hours_earlier(settings, browser_context, course, unit):
    settings.SEMINAR_PAGE_CACHE_SECONDS = 24 * 60 * 60
    author = classmate(course, "dana", "Dana")
    post = StudentPostPageFactory(parent=unit, author=author, title="Notes on the Secret Speech", class_only=True)
    post.save_revision().publish()
    comment = approved_comment(post, text="Who read it aloud in the factories?")
    classmate(course, "masha", "Masha")
    classmate(course, "olga", "Olga")

    with browser_context(viewport=DESKTOP) as page:
        log_in(page, "masha", "/me/")
        assert page.goto(post.url).headers["x-page-cache"] == "miss"

    with time_machine.travel(timezone.now() + timedelta(hours=3), tick=True), browser_context(viewport=DESKTOP) as page:
        log_in(page, "olga", "/me/")
        assert page.goto(post.url).headers["x-page-cache"] == "hit"
        expect(page.get_by_role("navigation", name="Your account")).to_contain_text("Olga Ivanova")

        actions = page.locator(f"#c{comment.pk} .comment-actions")
        actions.get_by_role("link", name="Like").click()
        page.get_by_role("button", name="Like").click()  # "Like this comment?"
        page.wait_for_url(f"**{post.url}#c{comment.pk}")
        actions.get_by_role("link", name="Unlike").wait_for()
        expect(actions).to_contain_text("Liked by you")

        form = page.locator("form.comment-form")
        expect(form).to_contain_text("Commenting as Olga")
        expect(form.get_by_role("textbox", name="Email")).to_have_count(0)
        form.get_by_role("textbox", name="Comment").fill(HELD)
        form.get_by_role("button", name="Post Comment").click()
        page.get_by_role("heading", name="Thank you: your comment awaits moderation").wait_for()
        page.goto(post.url)
        expect(page.get_by_text("Your comment is awaiting moderation. Only you can see it.")).to_be_visible()

    with browser_context(viewport=DESKTOP) as page:
        log_in(page, "masha", "/me/")
        page.goto(post.url)
        expect(page.locator(".comment-list")).to_contain_text("Who read it aloud in the factories?")
        expect(page.locator(".comment-list")).not_to_contain_text("example.org/c")
