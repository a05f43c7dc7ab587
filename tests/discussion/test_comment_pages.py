"""Joining the discussion without JavaScript, and the form endpoint the cached post page's script uses."""

import re

import pytest
from django.test import Client
from django_comments_xtd.models import XtdComment

from tests.comment_helpers import POST_URL, approved_comment
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(make_post):
    return make_post(title="The Thaw")


def hidden_fields(html):
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))


def test_post_page_carries_no_form_and_nothing_per_visitor(client, post):
    html = client.get(post.url).content.decode()
    assert hidden_fields(html) == {}
    assert "csrfmiddlewaretoken" not in html and 'class="comment-form"' not in html
    assert f'data-form-url="/comments/form/{post.pk}/"' in html
    assert f'href="/comments/on/{post.pk}/"' in html  # "Leave a reply", for readers without script


def test_comment_page_works_without_javascript(client, post):
    page = client.get(f"/comments/on/{post.pk}/")
    assert page.status_code == 200
    assert "no-cache" in page["Cache-Control"]
    data = hidden_fields(page.content.decode())
    data.update(name="Nina", email="nina@example.org", url="", comment="Posted without script", honeypot="")
    response = client.post(POST_URL, data)
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()


def test_reply_page_quotes_the_parent_and_threads_the_reply(client, post):
    parent = approved_comment(post, text="What does Freeze say about the GULAG?")
    client.force_login(member("Students"))
    page = client.get(f"/comments/reply/{parent.pk}/").content.decode()
    assert "What does Freeze say about the GULAG?" in page
    assert "Reply to Reader" in page
    data = hidden_fields(page)
    assert data["reply_to"] == str(parent.pk)
    data.update(comment="He blames Stalin, not the party.", honeypot="", followup="")
    response = client.post(POST_URL, data)
    reply = XtdComment.objects.get(comment="He blames Stalin, not the party.")
    assert response.status_code == 302
    assert (reply.parent_id, reply.level) == (parent.pk, 1)
    html = client.get(post.url).content.decode()
    between = html[html.index(f'id="c{parent.pk}"') : html.index(f'id="c{reply.pk}"')]
    assert 'class="comment-children"' in between  # the reply sits in its parent's list of replies


def test_form_endpoint_gives_a_working_form(post):
    browser = Client(enforce_csrf_checks=True)
    browser.get(post.url)
    fields = {"name": "Ivan", "email": "ivan@example.org", "url": "", "comment": "Through the script", "honeypot": ""}
    stale = {"content_type": "blog.studentpostpage", "object_pk": post.pk, "reply_to": 0, **fields}
    assert browser.post(POST_URL, stale).status_code == 403  # nothing on the cached page can post

    response = browser.get(f"/comments/form/{post.pk}/")
    assert "no-cache" in response["Cache-Control"]
    fragment = response.content.decode()
    assert 'name="name"' in fragment and "Log in to comment" in fragment
    assert f"/accounts/login/?next={post.url}" in fragment  # logging in leads back to the post, not here
    response = browser.post(POST_URL, {**hidden_fields(fragment), **fields})
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()


def test_unknown_or_unpublished_targets_are_404(client, post, make_draft):
    draft = make_draft(title="Draft")
    assert client.get(f"/comments/on/{draft.pk}/").status_code == 404
    assert client.get(f"/comments/form/{draft.pk}/").status_code == 404
    assert client.get("/comments/reply/999999/").status_code == 404


def test_a_logged_in_member_gets_the_form_without_name_and_email(client, post):
    client.force_login(member("Students", first_name="Jordan", last_name="Cole"))
    fragment = client.get(f"/comments/form/{post.pk}/").content.decode()
    assert "Commenting as <strong>Jordan C.</strong>" in fragment
    assert 'name="name"' not in fragment and 'name="email"' not in fragment


def test_replies_thread_at_every_level(client, post):
    client.force_login(member("Students"))
    parent = None
    for level in range(3):
        data = {**hidden_fields(client.get(f"/comments/on/{post.pk}/").content.decode()), "honeypot": ""}
        data.update(comment=f"Level {level}", reply_to=parent.pk if parent else 0)
        client.post(POST_URL, data)
        comment = XtdComment.objects.get(comment=f"Level {level}")
        assert (comment.level, comment.parent_id) == (level, parent.pk if parent else comment.pk)
        parent = comment
    html = client.get(post.url).content.decode()
    assert html.count('class="comment-children"') == 2
    assert html.index("Level 0") < html.index("Level 1") < html.index("Level 2")


def test_no_other_way_in(client, post):
    """django-comments' own post view and xtd's REST API are not routed."""
    for url in ("/comments/api/", "/comments/api/feedback/", "/comments/post/comment/", "/comments/sent/"):
        assert client.post(url).status_code == 404


def test_a_comments_permalink_leads_to_its_post_on_its_course(client, post, make_draft):
    comment = approved_comment(post, text="Linked from an email")
    response = client.get(comment.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == post.url and "example.com" not in response["Location"]
    draft = make_draft(title="Not yet")
    type_id = comment.content_type_id
    assert client.get(f"/comments/cr/{type_id}/{draft.pk}/").status_code == 404
    assert client.get(f"/comments/cr/{type_id}/{'9' * 30}/").status_code == 404
    assert client.get(f"/comments/cr/{type_id + 1000}/{post.pk}/").status_code == 404
