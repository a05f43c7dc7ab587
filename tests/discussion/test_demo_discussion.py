"""The seed posts arrive with their real discussions: same people, nesting, dates, text and the like."""

import pytest
from django.core.management import call_command
from django_comments_xtd.models import XtdComment

from blog.models import StudentPostPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", force=True, verbosity=0)


def page_of(client, title):
    return client.get(StudentPostPage.objects.get(title=title).url).content.decode()


def test_man_of_steel_thread_is_nested_with_the_like(client, demo):
    html = page_of(client, "The Man of Steel Falls and The Union is Reborn")
    assert "6 thoughts on" in html
    question = html.index("Your post touches on a lot of important issues")
    answer = html.index("Freeze, writes about how Khrushchev dismantled GULAG")
    assert question < html.index('class="comment-children"', question) < answer
    assert html.count("Liked by 1 person") == 1
    assert "Liked by 1 person" in html[answer : html.index("</li>", answer)]
    assert "Instructor" in html[question - 600 : question]


def test_illusion_thread_keeps_the_original_dates(client, demo):
    html = page_of(client, "The Illusion of Khrushchev")
    assert "4 thoughts on" in html
    for shown in (
        "April 3, 2017 at 12:23 pm",
        "April 3, 2017 at 9:03 pm",
        "April 4, 2017 at 1:47 am",
        "April 4, 2017 at 1:48 pm",
    ):
        assert shown in html
    assert html.index("12:23 pm") < html.index("9:03 pm") < html.index("1:47 am") < html.index("1:48 pm")
    assert "@example.edu" not in html


def test_loading_twice_adds_no_comment_or_like(demo):
    before = (XtdComment.objects.count(), XtdComment.objects.filter(flags__isnull=False).count())
    call_command("load_demo", force=True, verbosity=0)
    assert (XtdComment.objects.count(), XtdComment.objects.filter(flags__isnull=False).count()) == before
    assert before == (10, 1)
