"""A commenter whose comment awaits moderation finds it on the post, marked as such, in its place in the thread;
nobody else sees it, and the shared page cache never holds it."""

import pytest
from django.core import mail
from django.test import Client

from discussion import actions
from tests.comment_helpers import POST_URL, approved_comment, confirm_link, form_data
from tests.factories import member
from tests.page_cache_helpers import HIT

pytestmark = pytest.mark.django_db
AWAITING = "Your comment is awaiting moderation"


@pytest.fixture
def post(page_cache, make_post):
    return make_post(title="The Illusion of Khrushchev")


def held_by_stranger(client, post, **fields):
    """A stranger posts and confirms; their comment is held (no approved comment from their address yet)."""
    client.post(POST_URL, form_data(post, **fields))
    response = client.get(confirm_link(mail.outbox[-1]))
    assert "awaits moderation" in response.text
    return response


def test_the_commenter_sees_their_held_comment_and_others_do_not(reader, post):
    reader.warm([post.url])
    held_by_stranger(Client(), post)  # a different stranger: does not change what `reader` sees
    commenter = Client()
    held_by_stranger(commenter, post, comment="Did the Virgin Lands campaign fail?")

    theirs = commenter.get(post.url)
    assert "Did the Virgin Lands campaign fail?" in theirs.text and AWAITING in theirs.text
    assert "X-Page-Cache" not in theirs and theirs["Cache-Control"] == "private, no-cache"
    everyone = reader.get(post.url)
    assert everyone["X-Page-Cache"] == HIT and "Virgin Lands" not in everyone.text
    assert "Virgin Lands" not in Client().get(post.url).text


def test_a_held_reply_stands_under_its_parent_and_cannot_be_replied_to(post):
    parent = approved_comment(post, text="Was de-Stalinization sincere?")
    commenter = Client()
    held_by_stranger(commenter, post, comment="Only in part.", reply_to=parent.pk)
    html = commenter.get(post.url).text
    thread = html[html.index("Was de-Stalinization sincere?") :]
    assert thread.index("Only in part.") > 0 and AWAITING in thread
    held_item = html[html.index(AWAITING) : html.index("Only in part.") + 200]
    assert "Reply" not in held_item and "Like" not in held_item
    assert "1 thought on" in html  # the count is of approved comments


def test_once_approved_it_is_an_ordinary_comment(post):
    commenter = Client()
    held_by_stranger(commenter, post, comment="Did the Virgin Lands campaign fail?")
    from django_comments_xtd.models import XtdComment

    actions.approve(XtdComment.objects.get(), member("Instructors"))
    html = commenter.get(post.url).text
    assert "Did the Virgin Lands campaign fail?" in html and AWAITING not in html


def test_a_forged_or_foreign_cookie_shows_nothing(post):
    held_by_stranger(Client(), post, comment="Someone else's held comment")
    from django_comments_xtd.models import XtdComment

    forger = Client()
    forger.cookies["seminar_held"] = str(XtdComment.objects.get().pk)  # unsigned
    assert "Someone else's held comment" not in forger.get(post.url).text
