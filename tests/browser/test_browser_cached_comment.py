"""A post page served from the shared cache hours after it was rendered still takes a comment: the page carries
no token or timestamp, and the script fetches fresh ones (the comment form expires after COMMENTS_TIMEOUT, 2 h)."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from tests.browser_helpers import DESKTOP
from tests.comment_helpers import POST_URL, confirm_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LATER = timedelta(hours=3)
COMMENT = "Reading this the morning after: did the Thaw reach the provinces?"


@pytest.fixture
def day_long_cache(settings):
    settings.SEMINAR_PAGE_CACHE_SECONDS = 24 * 60 * 60


def test_a_comment_posts_from_a_page_baked_three_hours_earlier(day_long_cache, browser_context, make_post):
    post = make_post(title="The Illusion of Khrushchev")
    with browser_context(viewport=DESKTOP) as first_reader:
        assert first_reader.goto(post.url).headers["x-page-cache"] == "miss"
    baked_form = Client().get(f"/comments/form/{post.pk}/")  # what a page with the form built in would carry

    with time_machine.travel(timezone.now() + LATER, tick=True), browser_context(viewport=DESKTOP) as page:
        assert page.goto(post.url).headers["x-page-cache"] == "hit"
        page.locator(".leave-reply").scroll_into_view_if_needed()
        form = page.locator("form.comment-form")
        form.get_by_role("textbox", name="Name").fill("Olga Reader")
        form.get_by_role("textbox", name="Email").fill("olga@example.org")
        form.get_by_role("textbox", name="Comment").fill(COMMENT)
        form.get_by_role("button", name="Post Comment").click()
        page.get_by_role("heading", name="Check your email").wait_for()
        page.goto(confirm_link(mail.outbox[-1]))
        page.get_by_text("awaits moderation").first.wait_for()
        assert XtdComment.objects.filter(comment=COMMENT).count() == 1

        stale = {field: baked_form.context["form"].initial[field] for field in ("timestamp", "security_hash")}
        refused = Client().post(POST_URL, {**stale_post(post), **stale})
        assert refused.status_code == 400 and "expired" in refused.text


def stale_post(post):
    return {
        "content_type": "blog.studentpostpage",
        "object_pk": str(post.pk),
        "name": "Late Reader",
        "email": "late@example.org",
        "comment": "From a form rendered three hours ago",
        "honeypot": "",
        "reply_to": "0",
    }
