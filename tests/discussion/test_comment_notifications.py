"""Who is emailed when the discussion moves: exactly the people the course expects, once each."""

import re

import pytest
from django.core import mail
from django_comments_xtd.models import XtdComment

from blog.models import AuthorProfile
from discussion import actions
from tests.comment_helpers import POST_URL, approved_comment, form_data
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return member("Students", first_name="Dana", last_name="Reyes", email="dana@students.example.edu")


@pytest.fixture
def post(make_post, author):
    return make_post(title="The Illusion of Khrushchev", author=author)


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def comment_as(client, user, post, text, **fields):
    client.force_login(user)
    client.post(POST_URL, form_data(post, comment=text, **fields))
    client.logout()


def test_new_public_comment_emails_the_posts_author_only(client, post, author):
    comment_as(client, member("Students", email="jordan@students.example.edu"), post, "Great post")
    assert recipients() == ["dana@students.example.edu"]
    assert "Great post" in mail.outbox[0].body
    assert post.title in mail.outbox[0].subject


def test_author_can_turn_the_email_off(client, post, author):
    AuthorProfile.objects.filter(user=author).update(email_on_comments=False)
    comment_as(client, member("Students"), post, "Nobody is told")
    assert mail.outbox == []


def test_author_is_not_told_of_their_own_comment(client, post, author):
    comment_as(client, author, post, "Thanks, everyone")
    assert mail.outbox == []


def test_followers_are_told_and_can_mute(client, post, author):
    comment_as(client, member("Students", email="follower@students.example.edu"), post, "Following", followup="on")
    mail.outbox.clear()
    comment_as(client, member("Students", email="third@students.example.edu"), post, "A new reply")
    assert recipients() == ["dana@students.example.edu", "follower@students.example.edu"]
    followup = next(message for message in mail.outbox if message.to == ["follower@students.example.edu"])
    mute = re.search(r"https?://[^/\s]+(/comments/mute/\S+/)", followup.body).group(1)
    assert "no more emails" in client.get(mute).content.decode()

    mail.outbox.clear()
    comment_as(client, member("Students", email="fourth@students.example.edu"), post, "After muting")
    assert recipients() == ["dana@students.example.edu"]


def test_held_comment_tells_the_instructors(client, post, instructor):
    comment_as(client, member("Students"), post, "Three links https://a.example https://b.example https://c.example")
    assert recipients() == ["anne@faculty.example.edu"]
    assert "?state=held" in mail.outbox[0].body


def test_approval_after_hold_tells_commenter_author_and_followers(client, post, instructor):
    approved_comment(post, email="follower@example.org", followup=True)
    comment_as(
        client, member("Students", email="held@students.example.edu"), post, "Links https://a.x https://b.x https://c.x"
    )
    held = XtdComment.objects.get(is_public=False)
    mail.outbox.clear()
    assert actions.approve(held, instructor) is True
    assert recipients() == ["dana@students.example.edu", "follower@example.org", "held@students.example.edu"]
    mail.outbox.clear()
    assert actions.approve(held, instructor) is False
    assert mail.outbox == []
