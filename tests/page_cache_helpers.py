"""The page cache on, a small course with every kind of cached page, a reader who tells hits from renders, and a
CDN that records what it is told to purge."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client
from wagtail.models import Page, Site

from home.models import HomePage
from tests.comment_helpers import approved_comment
from tests.factories import CourseUnitPageFactory, StudentPostPageFactory, UserFactory

HIT, RENDERED = "hit", "miss"


@pytest.fixture
def page_cache(settings):
    settings.SEMINAR_PAGE_CACHE_SECONDS = 600


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` a change as a request makes it: what waits for the commit (invalidation, purges)
    happens at the end of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def reader():
    """An anonymous reader's client; each response's X-Page-Cache says whether the cache served it."""
    return Reader()


class Reader(Client):
    def warm(self, urls):
        """Every url rendered once and then served from the cache."""
        for url in urls:
            self.get(url)
            assert self.get(url).get("X-Page-Cache") == HIT, url


@pytest.fixture
def cached_course(page_cache, course, unit, make_post):
    """A course whose post "The Secret Speech" (tagged thaw, by Dana Reyes) has one approved comment."""
    author = UserFactory(first_name="Dana", last_name="Reyes")
    post = make_post(title="The Secret Speech", author=author, tags=["thaw"])
    approved_comment(post, text="What did the delegates make of it?")
    return {"course": course, "unit": unit, "post": post, "author": author}


def course_pages(course, unit, post):
    """Every cached page that shows the post or its discussion, by name."""
    return {
        "home": course.url,
        "unit": unit.url,
        "post": post.url,
        "author archive": f"{course.url}authors/{post.author.author_profile.slug}/",
        "tag archive": f"{course.url}tags/thaw/",
        "site feed": f"{course.url}feed/rss/",
        "unit feed": f"{unit.url}feed/atom/",
        "post comment feed": f"{post.url}comments/feed/",
        "course comment feed": f"{course.url}comments/feed/",
        "sitemap": "/sitemap.xml",
    }


@pytest.fixture
def purge_endpoint(settings):
    """The purge requests received, as (Host header, path) pairs, from a server on a free local port."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # the HTTP method's name
            received.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    settings.SEMINAR_FRONTEND_CACHE_SECONDS = 300
    yield received
    server.shutdown()
    server.server_close()


def paths(received):
    return {path for _host, path in received}


def make_course(parent, title, slug, hostname=None):
    home = HomePage(title=title, slug=slug, term="Fall 2026", instructor_names="Prof. Novak")
    parent.add_child(instance=home)
    home.save_revision().publish()
    if hostname:
        Site.objects.create(hostname=hostname, port=80, root_page=home, site_name=title)
    unit = CourseUnitPageFactory(parent=home, title=f"{title}: sources", live=False)
    unit.save_revision().publish()
    author = UserFactory(first_name="Dana", last_name="Reyes")
    post = StudentPostPageFactory(parent=unit, title=f"Reading {title}", author=author, tags=["thaw"])
    approved_comment(post, text=f"A question about {title}")
    home.refresh_from_db()
    unit.refresh_from_db()
    return {"course": home, "unit": unit, "post": post, "author": author}


@pytest.fixture(params=["own site", "under a catalogue"])
def shape(request, db, catalogue):
    """(this course, its neighbour, the host both are read on or this one's host)."""
    if request.param == "own site":
        root = Page.get_first_root_node()
        course = make_course(root, "Medieval Europe", "medieval-europe", hostname="medieval.example.edu")
        neighbour = make_course(root, "Modern Japan", "modern-japan", hostname="japan.example.edu")
        return course, neighbour, "medieval.example.edu", "/"
    course = make_course(catalogue, "HIST 255", "hist-255-fall-2026")
    neighbour = make_course(catalogue, "HIST 300", "hist-300-fall-2026")
    return course, neighbour, "seminar.example.edu", "/hist-255-fall-2026/"
