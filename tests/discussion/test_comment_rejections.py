"""Every way a comment post can be bad gets a 400 that says why, and nothing is stored."""

import time

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django_comments_xtd.models import XtdComment

from tests.comment_helpers import POST_URL, approved_comment, form_data
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(make_post):
    return make_post(title="The Man of Steel Falls")


def rejected(client, data, message):
    before = XtdComment.objects.count()
    response = client.post(POST_URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert XtdComment.objects.count() == before
    assert mail.outbox == []


def test_honeypot(client, post):
    rejected(client, form_data(post, honeypot="http://spam.example"), "looked automated")


def test_bad_security_hash(client, post):
    rejected(client, form_data(post, security_hash="0" * 40), "expired or was altered")


def test_expired_timestamp(client, post, settings):
    data = form_data(post)
    data["timestamp"] = str(int(time.time()) - 3 * 60 * 60)
    rejected(client, data, "expired or was altered")


def test_forged_content_type(client, post):
    rejected(client, form_data(post, content_type="auth.user"), "no post here")


def test_forged_object_id(client, post, unit, make_draft):
    draft = make_draft(title="Unpublished")
    rejected(client, form_data(post, object_pk=draft.pk), "no post here")
    rejected(client, form_data(post, object_pk=unit.pk), "no post here")
    rejected(client, form_data(post, object_pk="1 OR 1=1"), "no post here")


def test_parent_from_another_post(client, post, make_post):
    elsewhere = approved_comment(make_post(title="Another post"))
    rejected(client, form_data(post, reply_to=elsewhere.pk), "not part of this discussion")


def test_unapproved_or_removed_parent(client, post):
    held = approved_comment(post, text="held")
    XtdComment.objects.filter(pk=held.pk).update(is_public=False)
    removed = approved_comment(post, text="removed")
    XtdComment.objects.filter(pk=removed.pk).update(is_removed=True)
    rejected(client, form_data(post, reply_to=held.pk), "not part of this discussion")
    rejected(client, form_data(post, reply_to=removed.pk), "not part of this discussion")
    rejected(client, form_data(post, reply_to=999999), "not part of this discussion")


def test_reply_deeper_than_the_limit(client, post):
    top = approved_comment(post, text="level 0")
    reply = approved_comment(post, text="level 1", parent=top)
    deepest = approved_comment(post, text="level 2", parent=reply)
    assert deepest.level == 2
    client.force_login(member("Students"))
    rejected(client, form_data(post, reply_to=deepest.pk), "at most 3 levels deep")
    assert client.get(f"/comments/reply/{deepest.pk}/").status_code == 400


def test_comments_closed_on_the_post(client, post):
    post.allow_comments = False
    post.save_revision().publish()
    rejected(client, form_data(post), "closed")


def test_missing_comment_text_shows_the_form_again(client, post):
    before = XtdComment.objects.count()
    response = client.post(POST_URL, form_data(post, comment=""))
    assert response.status_code == 400
    assert "Your comment was not posted" in response.content.decode()
    assert 'href="#id_comment"' in response.content.decode()
    assert XtdComment.objects.count() == before


def test_too_long_comment(client, post, settings):
    response = client.post(POST_URL, form_data(post, comment="x" * 3001))
    assert response.status_code == 400
    assert "at most 3000 characters" in response.content.decode()
    assert XtdComment.objects.count() == 0


def test_get_is_not_allowed_and_says_where_comments_are_posted(client, course):
    response = client.get(POST_URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == "Comments are posted from a post’s page"
    assert soup.main.find("a", href=course.url).get_text() == "Go to the Soviet History home page"
    assert soup.select_one("header.site-header") and soup.find("link", rel="stylesheet")  # the site's look
