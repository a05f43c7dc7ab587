"""A real browser for the journeys people take: Playwright driving Debian's Chromium (never a downloaded browser),
against the live test server, offline, on the database the migrations made."""

import os
import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000  # every action and assertion: the admin's pages are heavy and so is a first rendition
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's Chromium at /usr/bin/chromium: sudo apt-get install -y chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (make test installs it)")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_api.sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(scope="session")
def migrated_snapshot(django_db_setup, django_db_blocker):
    """The database as the migrations left it (the course page and Site, groups, collections, the review workflow),
    read before any browser test runs: pytest-django runs transactional tests last, and each ends with a flush."""
    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture
def migrated_database(migrated_snapshot, transactional_db):
    """Every browser test starts from the migrated database, whatever the transactional test before it left.

    The live server reads committed data only, so browser tests are transactional, and Django empties the database
    after each. Its own restore (serialized_rollback) misses here: once Playwright runs, django.db.connections hands
    out another connection object than the one pytest-django stored the snapshot on."""
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    connection.creation.deserialize_db_from_string(migrated_snapshot)
    ContentType.objects.clear_cache()  # ids cached by earlier tests may name other rows now (a page as a task)
    # The snapshot's rows keep their ids: move PostgreSQL's sequences past them (SQLite needs nothing).
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(statement)


@pytest.fixture
def browser_context(browser, live_server, migrated_database, media_root):
    """browser_context(**options) opens a tab in a context of its own (its own cookies: one person each)."""

    @contextmanager
    def open_tab(init_script=None, **options):
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        if init_script:
            context.add_init_script(init_script)
        # Tests stay offline, the browser too: anything not asked of the live server is refused.
        context.route(re.compile(rf"^(?!{re.escape(live_server.url)}/)"), lambda route: route.abort())
        # The test settings serve no media (DEBUG is off): hand the browser uploaded images and their renditions.
        context.route(f"{live_server.url}/media/**", lambda route: serve_media(route, media_root))
        try:
            yield context.new_page()
        finally:
            context.close()

    return open_tab


@pytest.fixture
def browser_page(browser_context):
    """A fresh desktop tab whose relative URLs go to the live test server."""
    with browser_context(viewport=DESKTOP) as page:
        yield page


def serve_media(route, media_root):
    file = media_root / unquote(urlsplit(route.request.url).path).removeprefix("/media/")
    if file.is_file():
        route.fulfill(path=file)
    else:
        route.fulfill(status=404)
