"""An instructor replies from the queue: the reply is public at once, threaded under the comment, badged."""

import pytest
from django.test import Client
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from tests.comment_helpers import approved_comment

pytestmark = pytest.mark.django_db
INDEX = reverse("comment_moderation:index")


@pytest.fixture
def post(make_post):
    return make_post(title="The Thaw")


def reply_url(comment):
    return reverse("comment_moderation:reply", args=[comment.pk])


def test_reply_is_public_threaded_and_badged(instructor_client, instructor, post):
    question = approved_comment(post, text="Did the Thaw reach the provinces?")
    page = instructor_client.get(reply_url(question), {"next": f"{INDEX}?state=approved"})
    assert page.status_code == 200
    assert "Did the Thaw reach the provinces?" in page.content.decode()

    response = instructor_client.post(
        reply_url(question), {"text": "Read Jones on Rostov.", "next": f"{INDEX}?state=approved"}
    )
    assert (response.status_code, response.url) == (302, f"{INDEX}?state=approved")
    assert "Reply published" in instructor_client.get(response.url).content.decode()

    reply = XtdComment.objects.get(comment="Read Jones on Rostov.")
    assert (reply.parent_id, reply.is_public, reply.user_name) == (question.pk, True, "Anne W.")
    html = Client().get(post.url).content.decode()
    between = html[html.index(f'id="c{question.pk}"') : html.index(f'id="c{reply.pk}"')]
    assert 'class="comment-children"' in between
    reply_html = html[html.index(f'id="c{reply.pk}"') :]
    assert '<span class="badge">Instructor</span>' in reply_html[: reply_html.index("</header>")]


def test_replying_to_a_held_comment_approves_it(instructor_client, instructor, post):
    comment = approved_comment(post, text="Held question")
    XtdComment.objects.filter(pk=comment.pk).update(is_public=False)
    instructor_client.post(reply_url(comment), {"text": "Good question."})
    html = Client().get(post.url).content.decode()
    assert "Held question" in html and "Good question." in html


def test_an_empty_reply_is_refused_and_nothing_is_published(instructor_client, instructor, post):
    comment = approved_comment(post, text="A question")
    response = instructor_client.post(reply_url(comment), {"text": "  "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert XtdComment.objects.count() == 1


def test_removed_comments_take_no_reply(instructor_client, instructor, post):
    comment = approved_comment(post, text="Removed", is_removed=True)
    assert instructor_client.get(reply_url(comment)).status_code == 404
