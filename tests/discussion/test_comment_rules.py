"""The moderation rules instructors rely on: links, the blocklist, strangers, instructors, closing."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from blog.models import CourseSettings, StudentPostPage
from tests.comment_helpers import POST_URL, approved_comment, form_data
from tests.factories import member

pytestmark = pytest.mark.django_db
THREE_LINKS = "See https://a.example/ and https://b.example/ and www.c.example"


@pytest.fixture
def post(make_post):
    return make_post(title="Secret Speech")


@pytest.fixture
def rules(post):
    return CourseSettings.for_page(post)


def post_as(client, user, post, text):
    client.force_login(user)
    client.post(POST_URL, form_data(post, comment=text))
    return XtdComment.objects.get(comment=text)


def test_more_links_than_the_limit_are_held(client, post):
    student = member("Students")
    assert post_as(client, student, post, "Two links: https://a.example/ https://b.example/").is_public
    assert not post_as(client, student, post, THREE_LINKS).is_public


def test_the_link_limit_is_an_admin_setting(client, post, rules):
    rules.max_links = 0
    rules.save()
    assert not post_as(client, member("Students"), post, "Read https://a.example/").is_public


def test_blocklisted_words_and_addresses_are_held(client, post, rules):
    rules.blocklist = "casino\nspam.example"
    rules.save()
    student = member("Students")
    assert not post_as(client, student, post, "Best CASINO bonus").is_public
    assert not post_as(client, student, post, "visit spam.example now").is_public
    assert post_as(client, student, post, "A thoughtful reply").is_public


def test_instructors_are_never_held(client, post, rules):
    rules.blocklist = "gulag"
    rules.save()
    instructor = member("Instructors")
    assert post_as(client, instructor, post, "On the GULAG: " + THREE_LINKS).is_public


def test_comments_close_after_the_configured_days(client, post, rules):
    rules.close_after_days = 30
    rules.save()
    StudentPostPage.objects.filter(pk=post.pk).update(first_published_at=timezone.now() - timedelta(days=31))
    client.force_login(member("Students"))
    response = client.post(POST_URL, form_data(post, comment="Too late?"))
    assert response.status_code == 400
    assert "closed" in response.content.decode()
    assert not XtdComment.objects.exists()
    assert "Comments are closed on this post." in client.get(post.url).content.decode()


def test_held_comment_is_seen_by_nobody_until_approved(client, post):
    held = post_as(client, member("Students"), post, THREE_LINKS)
    client.logout()
    assert "b.example" not in client.get(post.url).content.decode()
    XtdComment.objects.filter(pk=held.pk).update(is_public=True)
    assert "b.example" in client.get(post.url).content.decode()


def test_reply_to_a_removed_comment_is_hidden_with_it(client, post):
    parent = approved_comment(post, text="Parent comment")
    approved_comment(post, text="Child reply", parent=parent)
    XtdComment.objects.filter(pk=parent.pk).update(is_removed=True)
    html = client.get(post.url).content.decode()
    assert "Parent comment" not in html and "Child reply" not in html
