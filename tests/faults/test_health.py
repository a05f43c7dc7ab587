"""The load balancer's probes (/healthz, /readyz) and the 503 page a reader gets while the database is out of reach,
with the failures simulated in the test process (tests/faults/test_database_restart.py cuts a real one)."""

from contextlib import ExitStack, contextmanager
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client
from django_comments_xtd.models import XtdComment

from discussion import notifications
from tests.comment_helpers import POST_URL, form_data
from tests.factories import member

pytestmark = pytest.mark.django_db

REFUSED = 'connection to server at "127.0.0.1", port 5432 failed: Connection refused'


def refuse(*args, **kwargs):
    raise OperationalError(REFUSED)


@contextmanager
def database_down():
    """Every query fails as psycopg fails while PostgreSQL is down."""
    with mock.patch.object(CursorWrapper, "execute", refuse):
        yield


@contextmanager
def cache_down():
    def refused(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with ExitStack() as stack:
        for method in ("get", "set", "add", "delete", "get_many", "set_many", "delete_many"):
            stack.enter_context(mock.patch.object(cache, method, refused))
        yield


def assert_never_cached(response):
    assert "no-store" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]


def test_healthz_says_ok_without_the_database_the_cache_or_a_session(client, settings):
    # As production answers a balancer probing over plain HTTP at the server's own address, with the page cache on.
    settings.SECURE_SSL_REDIRECT, settings.ALLOWED_HOSTS, settings.SEMINAR_PAGE_CACHE_SECONDS = True, ["x.edu"], 600
    with database_down(), cache_down():
        response = client.get("/healthz", HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert_never_cached(response)
    assert not response.cookies


def test_readyz_is_200_when_the_database_and_the_cache_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert_never_cached(response)
    assert not response.cookies


def test_readyz_is_503_naming_the_cache_when_the_cache_is_down(client, caplog):
    with cache_down():
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "database": "ok",
        "cache": "failed: Error 111 connecting to 127.0.0.1:6379. Connection refused.",
    }
    assert_never_cached(response)
    assert [(record.name, record.levelname) for record in caplog.records] == [("site_project.health", "WARNING")]


def test_readyz_is_503_naming_the_database_when_the_database_is_down(client):
    with database_down():
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"database": f"failed: {REFUSED}", "cache": "ok"}


def assert_unavailable_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert_never_cached(response)
    assert b"<h1>Back in a moment</h1>" in response.content
    assert b"try again in a few seconds" in response.content


def unavailable_warnings(caplog):
    """What was logged: one warning from the 503 page per request, and nothing at ERROR (no traceback)."""
    return [(record.name, record.levelname, record.exc_info) for record in caplog.records]


def test_a_page_read_while_the_database_is_down_is_the_503_page_logged_as_a_warning(client, make_post, caplog):
    url = make_post(title="The Thaw").url
    with database_down():
        response = client.get(url)
    assert_unavailable_page(response)
    assert unavailable_warnings(caplog) == [("site_project.unavailable", "WARNING", None)]
    assert REFUSED in caplog.records[0].getMessage()


def test_the_page_cache_losing_the_database_is_the_503_page_too(make_post, settings, caplog):
    """The page cache looks up the request's Site before any view runs: the 500 handler answers for it."""
    settings.SEMINAR_PAGE_CACHE_SECONDS = 600
    url = make_post(title="The Thaw").url
    with database_down():
        response = Client(raise_request_exception=False).get(url)
    assert_unavailable_page(response)
    assert unavailable_warnings(caplog) == [("site_project.unavailable", "WARNING", None)]


def test_any_other_error_is_still_the_500_page(make_post):
    url = make_post(title="The Thaw").url
    with mock.patch.object(CursorWrapper, "execute", side_effect=ZeroDivisionError):
        response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 500
    assert b"<h1>Something went wrong</h1>" in response.content
    assert "Retry-After" not in response


def test_a_comment_stored_just_before_the_database_went_away_is_not_stored_twice_when_sent_again(client, make_post):
    """The comment is committed before its notification is queued: losing the database in between answers 503
    although the comment is stored. Sending it again, as the 503 page asks, shows that comment instead of a copy."""
    post = make_post(title="The Thaw")
    client.force_login(member("Students"))
    data = form_data(post, comment="Was the Thaw real?", name="", email="")
    with mock.patch.object(notifications, "comment_published", side_effect=OperationalError(REFUSED)):
        first = client.post(POST_URL, data)
    assert_unavailable_page(first)
    again = client.post(POST_URL, data)
    assert again.status_code == 302
    stored = XtdComment.objects.get(comment="Was the Thaw real?")
    assert again["Location"].endswith(f"#c{stored.pk}")
