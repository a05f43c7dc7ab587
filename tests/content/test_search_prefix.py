"""The search box matches the last word typed as a prefix ("Khrush" finds Khrushchev), on SQLite and PostgreSQL,
and still finds whole words, keeping every earlier word whole and the best match first."""

import pytest

pytestmark = pytest.mark.django_db


def titles(client, course, query):
    response = client.get(course.url + course.reverse_subpage("search"), {"q": query})
    assert response.status_code == 200
    results = response.context["results"]
    return [] if results is None else [page.title for page in results]


def body(text):
    return {"body__0__paragraph_block__value": f"<p>{text}</p>"}


@pytest.fixture
def posts(unit, make_post):
    unit.title = "The Thaw"  # the fixture's unit is named after Khrushchev too
    unit.save_revision().publish()
    make_post(title="The Secret Speech", **body("Khrushchev denounced the cult of personality in 1956."))
    make_post(title="Letters from the Gulag", **body("The nomenklatura closed ranks."))


@pytest.mark.parametrize("query", ["Khrush", "khrushch", "Khrushchev", "  KHRUSH "])
def test_last_word_matches_as_a_prefix(client, course, posts, query):
    assert titles(client, course, query) == ["The Secret Speech"]


def test_only_the_last_word_is_a_prefix(client, course, posts):
    assert titles(client, course, "cult Khrush") == ["The Secret Speech"]
    assert titles(client, course, "personality nomenk") == []  # every word must match, as before
    assert titles(client, course, "Khrushchev cult") == ["The Secret Speech"]
    assert titles(client, course, "Khrush cult") == []  # an earlier word is a whole word


def test_a_prefix_ranks_titles_and_bodies_as_the_whole_word_does(client, course, posts, make_post):
    make_post(title="Khrushchev and the Thaw", **body("Reforms after Stalin."))
    make_post(title="Corn campaigns", **body("Maize everywhere, as the First Secretary wished; Khrushchev too."))
    hits = titles(client, course, "Khrush")
    assert sorted(hits) == ["Corn campaigns", "Khrushchev and the Thaw", "The Secret Speech"]
    assert hits == titles(client, course, "Khrushchev")  # the backend's relevance order, unchanged
