"""Who may comment and what readers then see: members at once, strangers after email and moderation."""

import pytest
from django.core import mail
from django.test import Client
from django_comments_xtd.models import XtdComment

from tests.comment_helpers import POST_URL, approved_comment, confirm_link, form_data
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return member("Students", first_name="Dana", last_name="Reyes")


@pytest.fixture
def post(make_post, author):
    return make_post(title="The Illusion of Khrushchev", author=author)


def test_logged_in_student_comment_is_public_at_once(client, post):
    classmate = member("Students", first_name="Jordan", last_name="Cole")
    client.force_login(classmate)
    response = client.post(POST_URL, form_data(post, comment="Thought provoking!", name="", email=""))
    comment = XtdComment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{post.url}#c{comment.pk}"
    page = client.get(post.url).content.decode()
    assert "Thought provoking!" in page
    assert "Jordan C." in page
    assert classmate.email not in page


def test_badges_mark_the_instructor_and_the_posts_author(client, post, author):
    instructor = member("Instructors", first_name="Anne", last_name="Whitaker")
    for user, text in ((instructor, "What does Freeze say?"), (author, "Freeze writes about the GULAG.")):
        client.force_login(user)
        client.post(POST_URL, form_data(post, comment=text))
    client.logout()
    html = client.get(post.url).content.decode()
    instructor_item = html[html.index("Anne W.") - 400 : html.index("What does Freeze say?")]
    author_item = html[html.index("Dana R.", html.index("What does Freeze say?")) : html.index("Freeze writes")]
    assert "Instructor" in instructor_item and "Author" not in instructor_item
    assert "Author" in author_item
    assert "2 thoughts on" in html


def test_stranger_confirms_by_email_then_waits_for_moderation(client, post):
    response = client.post(POST_URL, form_data(post, comment="Where did the Virgin Lands fail?"))
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    assert XtdComment.objects.count() == 0
    assert mail.outbox[0].to == ["boris@example.org"]

    held = client.get(confirm_link(mail.outbox[0]))
    assert "awaits moderation" in held.content.decode()
    comment = XtdComment.objects.get()
    assert comment.is_public is False
    assert "Virgin Lands" not in Client().get(post.url).content.decode()  # only its author sees it (test_comment_held)


def test_returning_commenter_is_public_after_confirming(client, post):
    approved_comment(post, email="boris@example.org")
    client.post(POST_URL, form_data(post, comment="Back again with a question."))
    response = client.get(confirm_link(mail.outbox[0]))
    comment = XtdComment.objects.get(comment="Back again with a question.")
    assert comment.is_public
    assert response.status_code == 302 and response["Location"].endswith(f"#c{comment.pk}")
    assert "Back again with a question." in client.get(post.url).content.decode()


def test_confirming_twice_stores_one_comment(client, post):
    client.post(POST_URL, form_data(post, comment="Only once, please."))
    link = confirm_link(mail.outbox[0])
    client.get(link)
    client.get(link)
    assert XtdComment.objects.filter(comment="Only once, please.").count() == 1


def test_double_submit_stores_one_comment(client, post):
    client.force_login(member("Students"))
    data = form_data(post, comment="Sent twice by a double click.")
    client.post(POST_URL, data)
    second = client.post(POST_URL, data)
    assert second.status_code == 302
    assert XtdComment.objects.filter(comment="Sent twice by a double click.").count() == 1


def test_body_is_plain_text_with_safe_links(client, post):
    client.force_login(member("Students"))
    text = "See https://www.marxists.org/ <b>bold</b>\n\n<script>alert(1)</script>"
    client.post(POST_URL, form_data(post, comment=text))
    html = client.get(post.url).content.decode()
    assert '<a rel="nofollow ugc noopener" href="https://www.marxists.org/">' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html


def test_commenter_website_links_their_name_without_passing_rank(client, post):
    approved_comment(post, email="reader@example.org", user_url="https://reader.example.org/")
    html = client.get(post.url).content.decode()
    assert '<a href="https://reader.example.org/" rel="nofollow ugc noopener">Reader</a>' in html
    assert "reader@example.org" not in html
