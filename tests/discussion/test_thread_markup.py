"""The thread as discussion/markup.py writes it (in Python, not an include per comment): the same bytes as the
template it replaced, each comment's Reply, Like and Report acting on that comment, replies nested under their
parent, badges on the right names, hostile names and text shown as text, and its faster urlize still urlize."""

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils.html import urlize
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG, XtdComment
from hypothesis import given
from hypothesis import strategies as st

from discussion.held import HELD_COOKIE, SALT
from discussion.markup import linked
from home.models import HomePage
from tests.comment_helpers import approved_comment
from tests.factories import member
from tests.xss_corpus import PAYLOADS, assert_inert, marker

pytestmark = pytest.mark.django_db
MORNING = datetime(2017, 3, 28, 13, 5, tzinfo=UTC)  # 9:05 am in New York


@pytest.fixture
def author(db):
    return member("Students", first_name="Marcus", last_name="Hale")


@pytest.fixture
def post(make_post, author):
    return make_post(title="The Man of Steel Falls", author=author)


@pytest.fixture
def thread(post, author):
    """An instructor's comment; the post's author replies; a stranger with a website replies to the author."""
    anne = member("Instructors", first_name="Anne", last_name="Whitaker")
    question = approved_comment(post, text="Read https://example.org/thaw first.", user=anne, submit_date=MORNING)
    answer = approved_comment(
        post, text="I did.\n\nTwice,\nslowly.", parent=question, user=author, submit_date=MORNING + timedelta(hours=5)
    )
    aside = approved_comment(
        post,
        text="Me & <b>you</b>",
        parent=answer,
        user_name="Boris <R>",
        user_url="https://boris.example.org/?a=1&b=2",
        submit_date=MORNING + timedelta(days=1),
    )
    CommentFlag.objects.create(comment=question, user=author, flag=LIKEDIT_FLAG)
    return question, answer, aside


def comment_list(client, post):
    html = client.get(post.url).content.decode()
    start = html.index('<ol class="comment-list">')
    return html[start : html.index("</ol>\n    \n", start) + len("</ol>")]


def items(client, post):
    """{comment id: that comment's own <article>}, every comment of the page, nested ones too."""
    soup = BeautifulSoup(comment_list(client, post), "html.parser")
    return {int(li["id"][1:]): li.article for li in soup.select("li.comment")}


def test_the_thread_is_the_markup_it_always_was(client, post, thread):
    question, answer, aside = (comment.pk for comment in thread)
    assert comment_list(client, post) == (
        f'<ol class="comment-list">\n        <li class="comment by-instructor" id="c{question}"><article>'
        f'<header class="comment-meta"><h3 class="comment-author">Anne W.</h3><span class="badge">Instructor</span>'
        f'<a class="comment-permalink" href="#c{question}"><time datetime="2017-03-28">March 28, 2017 at 9:05 am'
        f'</time></a></header><div class="comment-body"><p>Read <a rel="nofollow ugc noopener" '
        f'href="https://example.org/thaw">https://example.org/thaw</a> first.</p></div>'
        f'<footer class="comment-actions"><span class="likes">Liked by 1 person</span>'
        f'<a class="reply-link" href="/comments/reply/{question}/">Reply<span class="visually-hidden"> to Anne W.'
        f'</span></a><a class="feedback-link" href="/comments/like/{question}/" rel="nofollow">Like</a>'
        f'<a class="feedback-link" href="/comments/flag/{question}/" rel="nofollow">Report</a></footer></article>'
        f'<ol class="comment-children"><li class="comment by-author" id="c{answer}"><article>'
        f'<header class="comment-meta"><h3 class="comment-author">Marcus H.</h3>'
        f'<span class="badge badge-author">Author</span><a class="comment-permalink" href="#c{answer}">'
        f'<time datetime="2017-03-28">March 28, 2017 at 2:05 pm</time></a></header>'
        f'<div class="comment-body"><p>I did.</p><p>Twice,<br>slowly.</p></div><footer class="comment-actions">'
        f'<a class="reply-link" href="/comments/reply/{answer}/">Reply<span class="visually-hidden"> to Marcus H.'
        f'</span></a><a class="feedback-link" href="/comments/like/{answer}/" rel="nofollow">Like</a>'
        f'<a class="feedback-link" href="/comments/flag/{answer}/" rel="nofollow">Report</a></footer></article>'
        f'<ol class="comment-children"><li class="comment" id="c{aside}"><article><header class="comment-meta">'
        f'<h3 class="comment-author"><a href="https://boris.example.org/?a=1&amp;b=2" rel="nofollow ugc noopener">'
        f'Boris &lt;R&gt;</a></h3><a class="comment-permalink" href="#c{aside}"><time datetime="2017-03-29">'
        f'March 29, 2017 at 9:05 am</time></a></header><div class="comment-body"><p>Me &amp; &lt;b&gt;you&lt;/b&gt;'
        f'</p></div><footer class="comment-actions"><a class="feedback-link" href="/comments/like/{aside}/" '
        f'rel="nofollow">Like</a><a class="feedback-link" href="/comments/flag/{aside}/" rel="nofollow">Report</a>'
        f"</footer></article></li></ol></li></ol></li>\n\n    </ol>"
    )


def test_whitespace_between_tags_goes_as_the_templates_spaceless_took_it(client, post):
    """Kept byte for byte, flaw included: two addresses with only a space between them run together."""
    approved_comment(post, text="https://a.example https://b.example\n https://c.example")
    assert (
        '<p><a rel="nofollow ugc noopener" href="https://a.example">https://a.example</a>'
        '<a rel="nofollow ugc noopener" href="https://b.example">https://b.example</a><br>'
        '<a rel="nofollow ugc noopener" href="https://c.example">https://c.example</a></p>'
    ) in comment_list(client, post)


def test_each_comment_has_its_own_links_and_sits_under_its_parent(client, post, thread):
    question, answer, aside = thread
    articles = items(client, post)
    assert list(articles) == [question.pk, answer.pk, aside.pk]
    for pk, article in articles.items():
        links = {link.get_text(): link["href"] for link in article.footer.find_all("a")}
        assert links["Like"] == reverse("comments-xtd-like", args=[pk])
        assert links["Report"] == reverse("comments-flag", args=[pk])
        if pk != aside.pk:  # the thread's deepest level takes no replies
            assert links[f"Reply to {article.h3.get_text()}"] == reverse("comments-xtd-reply", args=[pk])
    for child, parent in [(answer, question), (aside, answer)]:
        assert articles[child.pk].find_parent("li").find_parent("li")["id"] == f"c{parent.pk}"


def test_badges_name_the_instructor_and_the_posts_author(client, post, thread):
    question, answer, aside = (items(client, post)[comment.pk] for comment in thread)
    assert [badge.get_text() for badge in question.select(".badge")] == ["Instructor"]
    assert [badge.get_text() for badge in answer.select(".badge")] == ["Author"]
    assert aside.select(".badge") == []


def test_hostile_names_websites_and_text_show_as_text(client, post):
    for payload in PAYLOADS:
        approved_comment(post, text=payload, user_name=payload[:50], user_url=payload)
    html = client.get(post.url).content.decode()
    for payload in PAYLOADS:
        assert_inert(html, payload, "the thread")
        assert marker(payload) in html


def test_a_held_reply_shows_to_its_writer_without_actions(post, thread):
    held = approved_comment(post, text="Not yet approved.", parent=thread[0], is_public=False)
    writer = Client()
    writer.cookies[HELD_COOKIE] = signing.get_cookie_signer(salt=HELD_COOKIE + SALT).sign(str(held.pk))
    article = items(writer, post)[held.pk]
    assert article.select_one(".awaiting").get_text() == "Your comment is awaiting moderation. Only you can see it."
    assert article.footer.find_all("a") == []
    assert held.pk not in items(Client(), post)


def test_a_closed_thread_takes_no_replies_and_an_archived_one_no_likes(client, course, post, thread):
    type(post).objects.filter(pk=post.pk).update(allow_comments=False)
    assert {link.get_text() for link in items(client, post)[thread[0].pk].footer.find_all("a")} == {"Like", "Report"}
    HomePage.objects.filter(pk=course.pk).update(archived_at=MORNING)
    for article in items(client, post).values():
        assert [link.get_text() for link in article.footer.find_all("a")] == ["Report"]


def test_every_comment_of_a_long_thread_is_shown_once(client, post):
    parent = None
    for number in range(30):
        parent = approved_comment(post, text=f"Comment {number}", parent=parent if number % 3 else None)
    assert sorted(items(client, post)) == sorted(XtdComment.objects.values_list("pk", flat=True))


# Text made of what urlize looks at: schemes, "www.", top-level domains, "@", punctuation it trims, quotes and
# brackets that split words, entities, and words it leaves alone.
PIECES = [
    *("http://", "https://", "www.", "example", ".com", ".org/", "?a=1&b=2", "@", ":", ".", ",", "!", ";", "/"),
    *("(", ")", "[", "]", "<", ">", '"', "'", "&amp;", "&#46;", " ", "\n", "\u00a0", "mailto:", "Thaw", "e.g."),
]
URLIZE_TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=16).map("".join)


@given(URLIZE_TEXT)
def test_linking_only_the_words_that_look_like_addresses_is_urlize(text):
    assert linked(text) == urlize(text, autoescape=True)


@pytest.mark.parametrize("text", PAYLOADS)
def test_hostile_text_is_linked_as_urlize_would(text):
    assert linked(text) == urlize(text, autoescape=True)
