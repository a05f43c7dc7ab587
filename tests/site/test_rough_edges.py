"""Issue 17, rough edge 9, the points without a feature file of their own: a draft's preview tells the truth about
its discussion, no sentence ends in two periods, and the course home page leaves no empty column or gap.
(The account forms are in tests/content/test_accounts.py, the block labels in tests/content/test_blocks.py, the
comment address's 405 page in tests/discussion/test_comment_rejections.py.)"""

from datetime import time

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template

from home.templatetags.seminar_tags import full_stop
from tests.comment_helpers import approved_comment
from tests.factories import CourseUnitPageFactory, ImageFactory, member

pytestmark = pytest.mark.django_db


# --- A draft's preview ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("allow_comments", "notice"),
    [(True, "Comments will open when the post is published."), (False, "Comments are closed on this post.")],
)
def test_a_drafts_preview_says_whether_comments_will_open(make_draft, allow_comments, notice):
    draft = make_draft(title="The Secret Speech", allow_comments=allow_comments)
    html = draft.make_preview_request().content.decode()  # what the editor's preview panel shows
    assert BeautifulSoup(html, "html.parser").select_one("#comments .notice").get_text() == notice


def test_a_published_post_whose_comments_closed_still_says_so(make_post):
    post = make_post(title="The Secret Speech", allow_comments=False)
    assert "Comments are closed on this post." in post.make_preview_request().content.decode()


# --- One period at the end of a sentence ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ending"),
    [("Jordan C.", ""), ("2:26 p.m.", ""), ("Really?", ""), ("Jordan Cole", "."), ("noon", "."), ("", ".")],
)
def test_full_stop_is_added_only_when_the_text_ends_no_sentence(text, ending):
    assert full_stop(text) == ending


@pytest.mark.parametrize(("hour", "minute", "sentence"), [(14, 26, "Finished 2:26 p.m."), (12, 0, "Finished noon.")])
def test_a_sentence_ending_with_a_time_has_one_period(hour, minute, sentence):
    template = Template('{% load seminar_tags %}Finished {{ at|time:"P" }}{{ at|time:"P"|full_stop }}')
    assert template.render(Context({"at": time(hour, minute)})) == sentence


def test_commenting_as_a_name_with_an_initial_has_one_period(client, make_post):
    post = make_post(title="The Secret Speech")
    client.force_login(member("Students", first_name="Jordan", last_name="Cole"))
    fragment = client.get(f"/comments/form/{post.pk}/").content.decode()
    assert "Commenting as <strong>Jordan C.</strong></p>" in fragment


def test_logged_in_as_a_username_ending_in_a_period_has_one(client, course):
    client.force_login(member("Students", username="jordan.c."))
    assert "You are logged in as <strong>jordan.c.</strong> <button" in client.get("/accounts/login/").content.decode()


# --- The course home page ------------------------------------------------------------------------------------


def test_a_unit_without_a_picture_has_no_empty_picture_column(client, course):
    CourseUnitPageFactory(parent=course, title="Stalin and Stalinism", image=ImageFactory())
    CourseUnitPageFactory(parent=course, title="Khrushchev and the Thaw")
    soup = BeautifulSoup(client.get(course.url).content, "html.parser")
    with_picture, without = soup.select(".unit-list > li")
    assert with_picture.select_one("img.unit-thumb") and "unit-item-text-only" not in with_picture["class"]
    assert [child["class"] for child in without.find_all(recursive=False)] == [["unit-item-text"]]
    assert "unit-item-text-only" in without["class"]  # seminar.css gives its text the whole row


def test_recent_comments_follow_the_latest_posts_in_one_sidebar(client, course, make_post):
    approved_comment(make_post(title="The Secret Speech"), text="A first reply")
    soup = BeautifulSoup(client.get(course.url).content, "html.parser")
    recent = soup.select_one("section.recent-comments")
    assert recent.find_previous_sibling() is soup.select_one("section.latest-posts")
    assert [child["class"] for child in soup.select_one(".home-layout").find_all(recursive=False)] == [
        ["home-main"],
        ["home-side"],
    ]
