"""/authors/<slug>/ shows a classmate's public name and live posts, never their email or full surname."""

import pytest

from blog.models import AuthorProfile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def archive_url(course, slug):
    return course.url + course.reverse_subpage("author_archive", args=[slug])


@pytest.fixture
def ana(make_post, make_draft):
    user = UserFactory(first_name="Ana", last_name="Petrova", email="ana.petrova@students.example.edu")
    make_post(title="The Illusion of Khrushchev", author=user)
    make_post(title="Corn Campaign Failures", author=user)
    make_draft(title="Ana's unfinished draft", author=user)
    return user


def test_archive_shows_display_name_and_live_posts(client, course, ana, make_post):
    make_post(title="Someone else's post", author=UserFactory(first_name="Boris", last_name="Ivanov"))
    response = client.get(archive_url(course, ana.author_profile.slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ana P." in html
    assert "The Illusion of Khrushchev" in html and "Corn Campaign Failures" in html
    assert "Someone else&#x27;s post" not in html and "Someone else's post" not in html
    assert "unfinished draft" not in html


def test_archive_never_shows_email_or_surname(client, course, ana):
    html = client.get(archive_url(course, ana.author_profile.slug)).content.decode()
    assert "ana.petrova@students.example.edu" not in html
    assert "students.example.edu" not in html
    assert "Petrova" not in html


def test_slug_is_built_from_the_display_name_only(ana):
    slug = ana.author_profile.slug
    assert slug == "ana-p"
    assert "petrova" not in slug


def test_same_display_name_gets_a_distinct_slug_and_archive(client, course, ana, make_post):
    other = UserFactory(first_name="Ana", last_name="Pavlova", email="ana.pavlova@students.example.edu")
    make_post(title="Pavlova on the Virgin Lands", author=other)
    slugs = {ana.author_profile.slug, other.author_profile.slug}
    assert len(slugs) == 2 and AuthorProfile.objects.filter(slug__in=slugs).count() == 2
    html = client.get(archive_url(course, other.author_profile.slug)).content.decode()
    assert "Pavlova on the Virgin Lands" in html
    assert "The Illusion of Khrushchev" not in html


def test_unknown_author_is_404(client, course, ana):
    assert client.get(archive_url(course, "nobody-here")).status_code == 404


def test_author_with_only_drafts_has_no_archive(client, course, make_draft):
    shy = UserFactory(first_name="Vera", last_name="Orlova")
    make_draft(title="Never published", author=shy)
    assert client.get(archive_url(course, shy.author_profile.slug)).status_code == 404
