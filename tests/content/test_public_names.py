"""The course chooses how students are named in public; their author page address never shows more."""

import feedparser
import pytest

from blog.models import AuthorProfile, CourseSettings, NameStyle
from tests.comment_helpers import POST_URL, form_data
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(client, make_post):
    dana = member("Students", first_name="Dana", last_name="Reyes", email="dana@students.example.edu")
    post = make_post(title="The Illusion of Khrushchev", author=dana)
    client.force_login(member("Students", first_name="Jordan", last_name="Cole"))
    client.post(POST_URL, form_data(post, comment="Thought provoking"))
    client.logout()
    return post


def full_names(post):
    rules = CourseSettings.for_page(post)
    rules.student_names = NameStyle.FULL
    rules.save()


def public_pages(client, course, post):
    slug = AuthorProfile.objects.get(user=post.author).slug
    return {
        "post": client.get(post.url).content.decode(),
        "archive": client.get(f"{course.url}authors/{slug}/").content.decode(),
        "home": client.get(course.url).content.decode(),
        "feed": client.get(f"{course.url}feed/rss/").content.decode(),
        "comments feed": client.get(f"{course.url}comments/feed/").content.decode(),
    }


def test_first_name_and_last_initial_by_default(client, course, post):
    pages = public_pages(client, course, post)
    assert all("Reyes" not in html and "Cole" not in html for html in pages.values())
    assert "Dana R." in pages["post"] and "Jordan C." in pages["post"]
    assert "Posts by Dana R." in pages["archive"]
    assert feedparser.parse(pages["feed"]).entries[0].author == "Dana R."


def test_full_names_when_the_course_chooses_them(client, course, post):
    full_names(post)
    pages = public_pages(client, course, post)
    assert "Dana Reyes" in pages["post"] and "Jordan Cole" in pages["post"]
    assert "Posts by Dana Reyes" in pages["archive"]
    assert "Jordan Cole" in pages["home"]
    assert feedparser.parse(pages["feed"]).entries[0].author == "Dana Reyes"
    assert "Jordan Cole on" in pages["comments feed"]
    assert all("dana@students.example.edu" not in html for html in pages.values())


def test_author_address_never_shows_more_than_the_initial(client, course, post):
    full_names(post)
    slug = AuthorProfile.objects.get(user=post.author).slug
    assert slug == "dana-r"
    assert f'href="{course.url}authors/dana-r/"' in client.get(post.url).content.decode()
