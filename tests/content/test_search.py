"""Course search: finds live posts by their body text, ignores drafts, survives odd queries, paginates."""

import pytest
from wagtail.search.backends import get_search_backend

from blog.models import Footnote

pytestmark = pytest.mark.django_db


def search(client, course, **params):
    response = client.get(course.url + course.reverse_subpage("search"), params)
    assert response.status_code == 200
    return response


def hits(response):
    results = response.context["results"]
    return [] if results is None else [page.title for page in results]


def body(text):
    return {"body__0__paragraph_block__value": f"<p>{text}</p>"}


def test_finds_a_post_by_a_word_only_in_its_body(client, course, make_post, make_draft):
    make_post(title="Letters from the Gulag", **body("The nomenklatura closed ranks after 1956."))
    make_post(title="Corn and Khrushchev", **body("Maize everywhere."))
    make_draft(title="Draft on the elite", **body("The nomenklatura again."))

    response = search(client, course, q="nomenklatura")
    assert hits(response) == ["Letters from the Gulag"]
    html = response.content.decode()
    assert "Letters from the Gulag" in html
    assert "Draft on the elite" not in html and "Corn and Khrushchev" not in html


def test_empty_query_shows_no_results_and_no_error(client, course, make_post):
    make_post(title="Letters from the Gulag")
    for query in ("", "   ", "\t\n"):
        response = search(client, course, q=query)
        assert response.context["results"] is None
        assert "Letters from the Gulag" not in response.content.decode()
    assert search(client, course).context["results"] is None


def test_long_and_binary_queries_answer(client, course, make_post):
    make_post(title="Letters from the Gulag", **body("The nomenklatura closed ranks."))
    response = search(client, course, q="nomenklatura " + "x" * 1000)
    assert response.context["query_truncated"] is True
    assert len(response.context["search_query"]) <= 200
    response = search(client, course, q="nomen\x00klatura\x00")
    assert "\x00" not in response.context["search_query"]
    search(client, course, q="\x00")


@pytest.mark.parametrize("query", ['Khrushchev "secret speech', '"', "'\"():*&|!<>", "NEAR(", "AND OR NOT"])
def test_query_syntax_characters_answer(client, course, make_post, query):
    make_post(title="Letters from the Gulag")
    search(client, course, q=query)


def test_results_are_paginated(client, course, make_post):
    for n in range(13):
        make_post(title=f"Purge study {n:02d}", **body("Show trials and the Yezhovshchina."))
    first = search(client, course, q="yezhovshchina")
    assert len(hits(first)) == 10
    assert first.context["results"].paginator.count == 13
    second = search(client, course, q="yezhovshchina", page=2)
    assert len(hits(second)) == 3
    assert not set(hits(first)) & set(hits(second))
    assert len(hits(search(client, course, q="yezhovshchina", page="abc"))) == 10


@pytest.mark.postgres
def test_postgresql_uses_full_text_search_with_stemming(client, course, make_post):
    backend = get_search_backend()
    assert "postgres" in type(backend).__module__ and type(backend).__name__ == "PostgresSearchBackend"
    make_post(title="Terror in Leningrad", **body("Waves of purges emptied the Party."))
    assert hits(search(client, course, q="purge")) == ["Terror in Leningrad"]


def test_finds_a_post_by_a_word_only_in_a_footnote(client, course, make_post):
    """Issue 22: a note's words are the post's words; the marker's label ("[1]") is not."""
    post = make_post(
        title="The Secret Speech",
        **body('It leaked<footnote id="00000000-0000-4000-8000-000000000001">[1]</footnote>.'),
    )
    post.footnotes = [Footnote(uuid="00000000-0000-4000-8000-000000000001", text="<p>Through Warsaw, via Ochab.</p>")]
    post.save_revision().publish()
    make_post(title="Corn and Khrushchev", **body("Maize everywhere."))
    assert hits(search(client, course, q="Ochab")) == ["The Secret Speech"]
