"""A unit page lists its live posts newest first, ten a page, and survives any ?page= a reader types."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.rich_text import RichText

from blog.models import StudentPostPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TITLES = [f"Dispatch {n:02d}" for n in range(25)]  # Dispatch 24 is the newest


@pytest.fixture
def listed_unit(unit, make_draft):
    """25 live posts, published an hour apart (created live directly: revisions would only slow this down)."""
    author = UserFactory()
    start = timezone.now() - timedelta(days=30)
    for n, title in enumerate(TITLES):
        when = start + timedelta(hours=n)
        post = StudentPostPage(title=title, author=author, live=True, first_published_at=when, last_published_at=when)
        post.body = [("paragraph_block", RichText(f"<p>Dispatch number {n}.</p>"))]
        unit.add_child(instance=post)
    make_draft(title="Unfinished draft")
    return unit


def shown(response):
    html = response.content.decode()
    titles = [title for title in TITLES if title in html]
    return sorted(titles, key=html.index)


def test_first_page_shows_the_ten_newest_posts_newest_first(client, listed_unit):
    response = client.get(listed_unit.url)
    assert response.status_code == 200
    assert shown(response) == [f"Dispatch {n:02d}" for n in range(24, 14, -1)]
    assert [post.title for post in response.context["posts"]] == shown(response)


def test_third_page_shows_the_five_oldest(client, listed_unit):
    response = client.get(listed_unit.url, {"page": 3})
    assert response.status_code == 200
    assert shown(response) == [f"Dispatch {n:02d}" for n in range(4, -1, -1)]


def test_drafts_are_never_listed(client, listed_unit):
    for number in (1, 2, 3):
        response = client.get(listed_unit.url, {"page": number})
        assert "Unfinished draft" not in response.content.decode()
    assert response.context["posts"].paginator.count == 25


def test_any_page_parameter_answers_with_a_real_page(client, listed_unit):
    for page in ("abc", "9999", "-1", "0", "", "1.5", "2abc", "99999999999999999999", "\x00"):
        response = client.get(listed_unit.url, {"page": page})
        assert response.status_code == 200, f"?page={page!r}"
        assert response.context["posts"].number in (1, 3), f"?page={page!r}"
        assert 5 <= len(shown(response)) <= 10, f"?page={page!r}"
