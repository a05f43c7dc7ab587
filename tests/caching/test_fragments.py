"""A post's discussion is rendered once between two changes to its course and kept as a fragment, for the renders
the page cache does not spare (here the page cache is off: every request renders the page around it). It changes
with every change that changes the course's pages, closes on time, and is never the fragment for a reader whose
own comment awaits moderation."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import CourseSettings
from discussion import actions
from tests.comment_helpers import approved_comment, held_comment
from tests.discussion.test_comment_held import AWAITING, held_by_stranger
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fragments(settings):
    settings.SEMINAR_FRAGMENT_CACHE_SECONDS = 600


@pytest.fixture
def post(fragments, make_post):
    post = make_post(title="The Secret Speech", author=UserFactory(first_name="Dana", last_name="Reyes"))
    for number in range(3):
        reader = UserFactory(first_name=f"Reader{number}", last_name="Petrova")
        approved_comment(post, text=f"Thought number {number}", user=reader)
    return post


def queries(url):
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(url)
    assert response.status_code == 200
    return response, [query["sql"] for query in captured.captured_queries]


def test_the_second_render_reads_no_comment_and_sends_the_same_page(post):
    first, _ = queries(post.url)
    second, sql = queries(post.url)
    assert second.content == first.content and "Thought number 2" in second.text
    assert not any("django_comments" in query for query in sql), "the thread was read again"


def test_an_approved_comment_shows_on_the_next_render(post, committed):
    queries(post.url)
    with committed():
        actions.approve(held_comment(post, text="A late thought on the speech"), UserFactory())
    assert "A late thought on the speech" in Client().get(post.url).text
    assert "4 thoughts on" in Client().get(post.url).text


def test_the_course_settings_rename_every_commenter(post, committed):
    before = queries(post.url)[0].text
    assert "Reader0 P." in before and "Petrova" not in before
    settings = CourseSettings.for_course(post.get_course())
    settings.student_names = "full"
    with committed():
        settings.save()
    assert "Reader0 Petrova" in Client().get(post.url).text


def test_the_discussion_closes_on_time_without_a_change(post):
    settings = CourseSettings.for_course(post.get_course())
    settings.close_after_days = 30
    settings.save()
    assert "Leave a Reply" in queries(post.url)[0].text
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert "Comments are closed on this post." in Client().get(post.url).text


def test_a_reader_with_a_held_comment_gets_their_own_and_leaves_the_fragment_alone(post):
    queries(post.url)
    commenter = Client()
    held_by_stranger(commenter, post, comment="Did the Virgin Lands campaign fail?")
    assert AWAITING in commenter.get(post.url).text
    assert "Virgin Lands" not in Client().get(post.url).text


def test_with_fragments_off_every_render_reads_the_thread(post, settings):
    settings.SEMINAR_FRAGMENT_CACHE_SECONDS = 0
    queries(post.url)
    assert any("django_comments" in query for query in queries(post.url)[1])
