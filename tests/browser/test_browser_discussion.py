"""The discussion as people use it, in Debian's Chromium: a visitor replies inline to a comment on a seed post,
confirms by the emailed link and sees it waiting, an instructor approves the reply in the admin, and it shows under
its parent."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django_comments_xtd.models import XtdComment

from blog.models import StudentPostPage
from tests.comment_helpers import confirm_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPLY = "Did the Virgin Lands campaign ever feed the cities it promised to feed?"


def test_visitor_reply_is_confirmed_approved_and_nested(browser_page, live_server):
    call_command("load_demo", force=True, verbosity=0)
    post = StudentPostPage.objects.get(title="The Man of Steel Falls and The Union is Reborn")
    parent = XtdComment.objects.get(comment__startswith="It’s intriguing to see how people")
    page = browser_page

    page.goto(post.url)
    page.locator(f"#c{parent.pk} .reply-link").first.click()
    page.wait_for_function("() => document.activeElement && document.activeElement.name === 'comment'")
    form = page.locator("form.comment-form")
    assert form.is_visible()
    assert page.evaluate("document.activeElement.closest('li.comment').id") == f"c{parent.pk}"
    form.get_by_role("textbox", name="Name").fill("Nina Visitor")
    form.get_by_role("textbox", name="Email").fill("nina@example.org")
    form.get_by_role("textbox", name="Comment").fill(REPLY)
    form.get_by_role("button", name="Post Comment").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    assert not XtdComment.objects.filter(comment=REPLY).exists()

    link = confirm_link(mail.outbox[-1])
    page.goto(link)
    page.get_by_text("awaits moderation").first.wait_for()
    reply = XtdComment.objects.get(comment=REPLY)
    assert (reply.is_public, reply.parent_id) == (False, parent.pk)
    page.goto(post.url)  # the visitor alone sees it, in place, marked as waiting
    held = page.locator(f"#c{parent.pk} .comment-children #c{reply.pk}")
    assert REPLY in held.inner_text() and "Your comment is awaiting moderation" in held.inner_text()

    page.goto("/admin/login/")
    page.get_by_label("Username").fill("instructor")
    page.get_by_label("Password").fill("seminar-demo")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name=re.compile(r"^Comments \(1\)")).first.click()
    row = page.locator(f"#comment-{reply.pk}")
    assert "Nina Visitor" in row.inner_text()
    row.get_by_role("button", name="Approve").click()
    page.get_by_text("1 comment approved").wait_for()

    page.goto(post.url)
    nested = page.locator(f"#c{parent.pk} .comment-children #c{reply.pk}")
    assert REPLY in nested.inner_text()
    assert any(message.to == ["nina@example.org"] and "published" in message.subject for message in mail.outbox)
