"""Two app servers (two gunicorn processes) on one PostgreSQL and one Redis, as behind a load balancer: an
instructor approves and publishes a post through the first, and a reader of the second, whose pages were warm in
the shared page cache, sees the post and its unit listing on the next request."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from tests.browser_helpers import TIMEOUT_MS
from tests.comment_helpers import member

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

REPO = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery staple"
TITLE = "Ehrenburg and the Arts of the Thaw"


def free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    db = connection.settings_dict
    host = db["HOST"] or "/var/run/postgresql"
    user = f"{db['USER']}:{db['PASSWORD']}@" if db["PASSWORD"] else f"{db['USER']}@" if db["USER"] else ""
    if host.startswith("/"):
        return f"postgres://{user}/{db['NAME']}?host={host}"
    return f"postgres://{user}{host}:{db['PORT'] or 5432}/{db['NAME']}"


@contextmanager
def app_server():
    """A gunicorn process with its own port on the test database and the suite's Redis, the page cache on."""
    port = free_port()
    ignored = {"DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in ignored}
    env.update(
        DJANGO_SETTINGS_MODULE="site_project.settings.dev",
        DATABASE_URL=database_url(),
        PAGE_CACHE_SECONDS="600",
        DB_CONN_MAX_AGE="0",
    )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "site_project.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/robots.txt", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"gunicorn did not start: {process.stderr.read1().decode()}")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers.get("X-Page-Cache"), response.read().decode()


def test_a_post_published_on_one_server_is_read_on_the_other_at_once(
    browser, migrated_database, course, unit, make_draft
):
    student = member("Students", first_name="Jordan", last_name="Cole")
    instructor = member("Instructors", first_name="Anne", last_name="Whitaker")
    # The servers run with Django's default hashers, not the suite's fast MD5 one.
    instructor.password = PBKDF2PasswordHasher().encode(PASSWORD, "twoservers")
    instructor.save()
    post = make_draft(title=TITLE, author=student)
    post.get_workflow().start(post, student)

    with app_server() as first, app_server() as second:
        for url in (f"{second}{course.url}", f"{second}{unit.url}"):
            fetch(url)
            state, html = fetch(url)
            assert state == "hit" and TITLE not in html

        context = browser.new_context(base_url=first)
        context.set_default_timeout(TIMEOUT_MS)
        try:
            page = context.new_page()
            page.goto("/admin/login/")
            page.get_by_label("Username").fill(instructor.username)
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(f"{first}/admin/")
            page.goto(f"/admin/pages/{post.pk}/edit/")
            footer = page.get_by_role("navigation", name="Actions (footer)")
            footer.get_by_role("button", name="More actions").click()
            footer.get_by_role("button", name="Approve and Publish").click()
            page.get_by_text(f"Page '{TITLE}' has been updated.").wait_for()
        finally:
            context.close()

        for url in (f"{second}{course.url}", f"{second}{unit.url}"):
            state, html = fetch(url)
            assert state == "miss" and TITLE in html, url
        post.refresh_from_db()
        assert fetch(f"{second}{post.url}")[1].count(TITLE) >= 1
