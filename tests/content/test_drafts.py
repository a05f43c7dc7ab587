"""Readers never see work in progress: drafts, unpublished posts and draft units answer 404."""

import pytest

from tests.factories import CourseUnitPageFactory, StudentPostPageFactory

pytestmark = pytest.mark.django_db


def test_a_draft_post_is_404(client, unit, make_draft):
    draft = make_draft(title="Half-written essay")
    assert client.get(f"{unit.url}{draft.slug}/").status_code == 404


@pytest.fixture
def draft_unit(course):
    page = CourseUnitPageFactory(parent=course, title="The Brezhnev Years", live=False)
    page.save_revision()
    return page


def test_a_draft_unit_is_404_and_not_listed(client, course, draft_unit):
    assert client.get("/the-brezhnev-years/").status_code == 404
    assert "The Brezhnev Years" not in client.get(course.url).content.decode()


def test_posts_below_a_draft_unit_stay_hidden(client, course, draft_unit):
    """A post published under a unit that is not (or no longer) live must not leak out through its URL."""
    post = StudentPostPageFactory(parent=draft_unit, title="Stagnation reconsidered")
    assert client.get(f"/the-brezhnev-years/{post.slug}/").status_code == 404
    assert "Stagnation reconsidered" not in client.get(course.url).content.decode()
    assert "Stagnation reconsidered" not in client.get(course.url + "feed/rss/").content.decode()
    assert post.slug not in client.get("/sitemap.xml").content.decode()
    assert "Stagnation reconsidered" not in client.get(course.url + "search/", {"q": "stagnation"}).content.decode()


def test_an_unpublished_post_is_404_after_having_been_live(client, unit, make_post):
    post = make_post(title="Retracted argument")
    url = post.url
    assert client.get(url).status_code == 200
    post.unpublish()
    assert client.get(url).status_code == 404
    assert "Retracted argument" not in client.get(unit.url).content.decode()


def test_unpublished_changes_stay_private(client, make_post):
    post = make_post(title="Published title")
    post.title = "Draft title"
    post.save_revision()
    html = client.get(post.url).content.decode()
    assert "Published title" in html
    assert "Draft title" not in html
