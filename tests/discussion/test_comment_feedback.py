"""Course members like a comment once and report bad ones; three reports hide a comment for review."""

import pytest
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG, XtdComment

from discussion.states import in_state
from tests.comment_helpers import approved_comment
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(make_post):
    return make_post(title="Khrushchev slums")


@pytest.fixture
def comment(post):
    return approved_comment(post, text="The slums were a housing revolution.")


def test_a_like_shows_on_the_comment(client, post, comment):
    client.force_login(member("Students"))
    page = client.get(f"/comments/like/{comment.pk}/")
    assert "Like this comment?" in page.content.decode()
    assert CommentFlag.objects.count() == 0  # GET changes nothing
    response = client.post(f"/comments/like/{comment.pk}/")
    assert response["Location"] == f"{post.url}#c{comment.pk}"
    assert "Liked by 1 person" in client.get(post.url).content.decode()


def test_two_likes_say_people(client, post, comment):
    for _ in range(2):
        client.force_login(member("Students"))
        client.post(f"/comments/like/{comment.pk}/")
    assert "Liked by 2 people" in client.get(post.url).content.decode()


def test_liking_twice_counts_once(client, post, comment):
    client.force_login(member("Students"))
    client.post(f"/comments/like/{comment.pk}/")
    client.post(f"/comments/like/{comment.pk}/")
    assert CommentFlag.objects.filter(flag=LIKEDIT_FLAG).count() == 1
    assert "Liked by 1 person" in client.get(post.url).content.decode()


def test_anonymous_readers_are_sent_to_log_in(client, comment):
    response = client.post(f"/comments/like/{comment.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "Log in to report" in client.get(f"/comments/flag/{comment.pk}/").content.decode()
    assert CommentFlag.objects.count() == 0


def test_three_reports_hide_the_comment_until_reviewed(client, post, comment):
    for count in range(1, 4):
        client.force_login(member("Students"))
        client.post(f"/comments/flag/{comment.pk}/")
        visible = "housing revolution" in client.get(post.url).content.decode()
        assert visible is (count < 3)
    assert in_state("flagged").filter(pk=comment.pk).exists()
    assert not in_state("held").filter(pk=comment.pk).exists()


def test_feedback_on_hidden_comments_is_404(client, comment):
    XtdComment.objects.filter(pk=comment.pk).update(is_public=False)
    client.force_login(member("Students"))
    assert client.post(f"/comments/like/{comment.pk}/").status_code == 404
