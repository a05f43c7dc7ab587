"""Shared test setup: strict skips for CI, a network guard, the `postgres` marker and the course tree."""

import importlib
import ipaddress
import os
import socket

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponseNotFound
from django.test import Client, RequestFactory
from wagtail.models import Page, Site
from whitenoise.middleware import WhiteNoiseMiddleware

from blog.blocks import BodyStreamBlock
from home.models import CataloguePage, HomePage
from tests.factories import CourseUnitPageFactory, StudentPostPageFactory, instructor_user, site_administrator

# Shared fixtures: instructor and instructor_client (below), review_workflow (review_helpers), klass (report_helpers),
# browser, browser_context and browser_page (browser_helpers), tour_course (tour_helpers), page_cache, reader and
# cached_course, committed (page_cache_helpers), oidc_idp (sso_helpers).
pytest_plugins = [
    "tests.comment_helpers",
    "tests.review_helpers",
    "tests.report_helpers",
    "tests.browser_helpers",
    "tests.tour_helpers",
    "tests.page_cache_helpers",
    "tests.sso_helpers",
]

POSTGRES_REASON = "needs DATABASE_URL pointing at PostgreSQL"
REDIS_REASON = "needs REDIS_URL naming a Redis database the suite may empty, e.g. redis://127.0.0.1:6379/15"


# --- CI proves everything: with SEMINAR_STRICT_SKIPS=1 a skip is a failure ------------------------------


def _strict_skips():
    return os.environ.get("SEMINAR_STRICT_SKIPS") == "1"


def _skip_reason(report):
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    return reason.removeprefix("Skipped: ")


def _fail_skipped(report):
    reason = _skip_reason(report)
    report.outcome = "failed"
    report.longrepr = f"Skipped, and SEMINAR_STRICT_SKIPS=1 makes every skip a failure. Skip reason: {reason}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Setup, call and teardown phases: covers pytest.skip() in tests, fixtures and skip markers."""
    report = yield
    if _strict_skips() and report.skipped and not hasattr(report, "wasxfail"):
        _fail_skipped(report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector):
    """A module skipped at import time (pytest.importorskip, allow_module_level skips) fails too."""
    report = yield
    if _strict_skips() and report.skipped:
        _fail_skipped(report)
    return report


# --- The postgres and redis markers ---------------------------------------------------------------------


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip(POSTGRES_REASON)
    if item.get_closest_marker("redis") and not os.environ.get("REDIS_URL"):
        pytest.skip(REDIS_REASON)


# --- Tests never reach the network ----------------------------------------------------------------------


def _is_local(address):
    if isinstance(address, (str, bytes)):  # AF_UNIX path (PostgreSQL's socket) or abstract socket
        return True
    host = address[0]
    if isinstance(host, bytes):
        host = host.decode()
    if host in ("localhost", "localhost.localdomain", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False  # a host name other than localhost: resolving it already reaches out


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    attempts = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_create_connection, real_getaddrinfo = socket.create_connection, socket.getaddrinfo

    def refuse(address):
        attempts.append(address)
        raise RuntimeError(f"Test tried to reach the network: {address!r}. Tests must stay offline.")

    def guarded_connect(sock, address):
        if sock.family != socket.AF_UNIX and not _is_local(address):
            refuse(address)
        return real_connect(sock, address)

    def guarded_connect_ex(sock, address):
        if sock.family != socket.AF_UNIX and not _is_local(address):
            refuse(address)
        return real_connect_ex(sock, address)

    def guarded_create_connection(address, *args, **kwargs):
        if not _is_local(address):
            refuse(address)
        return real_create_connection(address, *args, **kwargs)

    def guarded_getaddrinfo(host, port, *args, **kwargs):
        if host is not None and not _is_local((host, port)):
            refuse((host, port))  # a DNS lookup already leaves the machine
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    monkeypatch.setattr(socket, "create_connection", guarded_create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    yield
    # Code under test may swallow the error (an embed finder does): fail the test anyway.
    if attempts:
        pytest.fail(f"Test tried to reach the network: {attempts!r}", pytrace=False)


# --- Media and the course tree --------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded images and renditions go to a per-test directory, never into .test-media or media/."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture(autouse=True)
def clear_caches():
    """Cached renditions and pages are keyed by primary key, and SQLite reuses keys after a rollback."""
    for cache in caches.all():
        cache.clear()


# --- Static files as production serves them ------------------------------------------------------------


@pytest.fixture
def production_static(settings, tmp_path, monkeypatch):
    """The project's own static files collected with production's storage and whitenoise settings (Wagtail's
    admin files are left out: compressing them takes half a minute). Pages rendered now link to them."""
    monkeypatch.setenv("SECRET_KEY", "only-to-import-the-production-settings")
    production = importlib.import_module("site_project.settings.production")
    for name in ("STORAGES", *(name for name in vars(production) if name.startswith("WHITENOISE_"))):
        setattr(settings, name, getattr(production, name))
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", interactive=False, verbosity=0)
    # WhiteNoise indexes STATIC_ROOT when it starts, so it starts after collectstatic.
    return settings.STATIC_ROOT, WhiteNoiseMiddleware(get_response=lambda request: HttpResponseNotFound())


@pytest.fixture
def render_block():
    """render_block("quote_block", raw_value): one body block through its template, parsed."""

    def render(block_type, raw_value):
        block = BodyStreamBlock().child_blocks[block_type]
        html = block.render(block.to_python(raw_value), context={"request": RequestFactory().get("/")})
        return BeautifulSoup(html, "html.parser")

    return render


@pytest.fixture
def course(db):
    """The course home page the migrations create as the default Site's root, named and published."""
    home = HomePage.objects.get()
    home.title = "Soviet History"
    home.term = "Spring 2017"
    home.instructor_names = "Prof. Anne Whitaker"
    home.save_revision().publish()
    home.refresh_from_db()
    return home


@pytest.fixture
def unit(course):
    page = CourseUnitPageFactory(parent=course, title="Khrushchev and the Thaw", live=False)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def make_post(unit):
    """A published post: make_post(title=…, author=user, tags=[…], published_at=dt, parent=unit, body…)."""

    def make(**kwargs):
        kwargs.setdefault("parent", unit)
        return StudentPostPageFactory(**kwargs)

    return make


@pytest.fixture
def make_draft(make_post):
    """A post saved as a draft revision that was never published."""

    def make(**kwargs):
        return make_post(publish=False, **kwargs)

    return make


# --- People: one meaning per name. `instructor` is a user; `instructor_client` a Client logged in as them. ---


@pytest.fixture
def instructor(db):
    """The course's instructor (Anne Whitaker), not logged in anywhere."""
    return instructor_user()


@pytest.fixture
def instructor_client(instructor):
    """A browser session of the instructor's: a Client of its own, logged in as `instructor`."""
    client = Client()
    client.force_login(instructor)
    return client


def own_site(page, hostname):
    """`page` published below the tree's root, as the root of a Site of its own at `hostname`."""
    Page.get_first_root_node().add_child(instance=page)
    page.save_revision().publish()
    Site.objects.create(hostname=hostname, port=80, root_page=page, site_name=page.title)
    return page


@pytest.fixture(params=["own site", "under a catalogue"])
def course_shape(request, db):
    """(a course, the root URL it is read at), once for each shape a course takes: "Medieval Europe" on a Site of
    its own (http://medieval.example.edu/) and "HIST 255" under the catalogue of a shared Site
    (http://seminar.example.edu/hist-255-spring-2027/)."""
    if request.param == "own site":
        return request.getfixturevalue("second_course"), "http://medieval.example.edu/"
    home = HomePage(title="HIST 255", slug="hist-255-spring-2027", term="Spring 2027")
    request.getfixturevalue("catalogue").add_child(instance=home)
    home.save_revision().publish()
    return home, "http://seminar.example.edu/"


@pytest.fixture
def site_admin_client(db):
    """A Client logged in as a site administrator (the Site administrators group, not a superuser)."""
    client = Client()
    client.force_login(site_administrator())
    return client


@pytest.fixture
def catalogue(db):
    """A course catalogue, the root of its own shared site (seminar.example.edu), with no course yet."""
    return own_site(CataloguePage(title="History at Westfield", slug="catalogue"), "seminar.example.edu")


@pytest.fixture
def second_course(db):
    """A second course beside the demo's: "Medieval Europe", Fall 2026, on a Site of its own."""
    return own_site(HomePage(title="Medieval Europe", slug="medieval-europe", term="Fall 2026"), "medieval.example.edu")


@pytest.fixture
def second_unit(second_course):
    page = CourseUnitPageFactory(parent=second_course, title="The Crusades", live=False)
    page.save_revision().publish()
    return page
