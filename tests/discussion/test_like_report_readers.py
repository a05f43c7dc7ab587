"""What a reader may do with a comment, and what the page says: a Like or a Report needs an account, so a stranger
is told "Log in to like" / "Log in to report" with a link that comes back; a member who liked sees "Unlike" (and
can unlike), one who reported sees "Reported". Those marks come from the members' bar endpoint (uncached, /me/bar/), so
the post page stays the same HTML for every reader and the shared page cache keeps working."""

import re

import pytest
from django.test import Client
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG

from tests.comment_helpers import approved_comment
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(make_post):
    return make_post(title="Khrushchev slums")


@pytest.fixture
def comment(post):
    return approved_comment(post, text="The slums were a housing revolution.")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def discussion_html(client, post):
    html = client.get(post.url).content.decode()
    return re.search(r'<section class="discussion.*?</section>', html, re.S).group()


@pytest.mark.parametrize(("action", "path"), [("like", "like"), ("report", "flag")])
def test_a_stranger_is_told_to_log_in_and_comes_back(client, comment, action, path):
    page = client.get(f"/comments/{path}/{comment.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and f"<h1>Log in to {action}</h1>" in html
    assert f'href="/accounts/login/?next=%2Fcomments%2F{path}%2F{comment.pk}%2F"' in html
    assert client.post(f"/comments/{path}/{comment.pk}/")["Location"].startswith("/accounts/login/?next=")
    assert CommentFlag.objects.count() == 0


def feedback(client, post):
    state = client.get(f"/me/bar/?page={post.pk}").json()
    return {"liked": state["liked"], "reported": state["reported"]}


def test_the_bar_tells_a_stranger_where_to_log_in(client, post, comment):
    state = client.get(f"/me/bar/?page={post.pk}")
    assert state.json() == {"member": False, "login": "/accounts/login/"}
    assert "no-cache" in state["Cache-Control"] and "private" in state["Cache-Control"]


def test_a_member_who_liked_and_reported_sees_it_after_reloading(post, comment):
    other = approved_comment(post, text="A second opinion.")
    client = logged_in(member("Students"))
    assert feedback(client, post) == {"liked": [], "reported": []}
    client.post(f"/comments/like/{comment.pk}/")
    client.post(f"/comments/flag/{other.pk}/")
    assert feedback(client, post) == {"liked": [comment.pk], "reported": [other.pk]}
    assert "<h1>Unlike this comment?</h1>" in client.get(f"/comments/like/{comment.pk}/").content.decode()
    assert "<h1>You reported this comment</h1>" in client.get(f"/comments/flag/{other.pk}/").content.decode()


def test_a_member_unlikes_and_a_second_unlike_changes_nothing(post, comment):
    client = logged_in(member("Students"))
    client.post(f"/comments/like/{comment.pk}/", {"action": "like"})
    for _ in range(2):
        assert client.post(f"/comments/like/{comment.pk}/", {"action": "unlike"}).status_code == 302
    assert not CommentFlag.objects.filter(flag=LIKEDIT_FLAG).exists()
    assert feedback(client, post)["liked"] == []


def test_the_bar_says_nothing_of_a_post_the_reader_cannot_read(make_draft):
    draft = make_draft(title="Not yet")
    approved_comment(draft, text="Early.")
    CommentFlag.objects.create(
        comment=approved_comment(draft, text="Seen."), user=(reader := member("Students")), flag=LIKEDIT_FLAG
    )
    assert feedback(logged_in(reader), draft) == {"liked": [], "reported": []}


def test_the_post_page_is_the_same_html_for_every_reader(client, post, comment):
    liker = logged_in(member("Students"))
    liker.post(f"/comments/like/{comment.pk}/")
    liker.post(f"/comments/flag/{comment.pk}/")
    stranger_sees = discussion_html(client, post)
    assert stranger_sees == discussion_html(liker, post) == discussion_html(logged_in(member("Students")), post)
    assert 'data-login-url="/accounts/login/"' in stranger_sees
    assert "Unlike" not in stranger_sees and "Reported" not in stranger_sees
