"""gunicorn serving the test database, as the suite's own app server: for the tests of several processes at once;
students logged in to it who post comments."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import closing, contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
import requests
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse

REPO = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery staple"


class JSONHandler(BaseHTTPRequestHandler):
    """A fake service's request handler (an IdP's token endpoint, an LMS's key set): answers JSON, logs nothing."""

    def send_json(self, payload, status=200):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(address=None):
    """The test database's URL; through `address` (host, port), such as a proxy's, instead of its own when given."""
    db = connection.settings_dict
    host = db["HOST"] or "/var/run/postgresql"
    user = f"{db['USER']}:{db['PASSWORD']}@" if db["PASSWORD"] else f"{db['USER']}@" if db["USER"] else ""
    if address:
        return f"postgres://{user}{address[0]}:{address[1]}/{db['NAME']}"
    if host.startswith("/"):
        return f"postgres://{user}/{db['NAME']}?host={host}"
    return f"postgres://{user}{host}:{db['PORT'] or 5432}/{db['NAME']}"


@dataclass
class AppServer:
    url: str
    log: Path  # what gunicorn and the site printed: tracebacks, and emails (the console backend)


@contextmanager
def app_server(*gunicorn_args, **env_overrides):
    """A gunicorn process (development settings) with its own port on the test database and the suite's Redis, the
    page cache on, its log in the system's temporary folder."""
    port = free_port()
    log = Path(tempfile.gettempdir()) / f"seminar-app-server-{port}.log"
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="site_project.settings.dev",
        DATABASE_URL=database_url(),
        PAGE_CACHE_SECONDS="600",
        DB_CONN_MAX_AGE="0",
    )
    env.update(env_overrides)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [str(gunicorn), "site_project.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1", *gunicorn_args],
            cwd=REPO,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
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
            pytest.fail(f"gunicorn did not start: {log.read_text()}")
        yield AppServer(url, log)
    finally:
        process.terminate()
        process.wait(timeout=20)


def with_server_password(users):
    """The server runs with Django's default hashers, not the suite's fast MD5 one."""
    get_user_model().objects.filter(pk__in=[user.pk for user in users]).update(
        password=PBKDF2PasswordHasher().encode(PASSWORD, "loadtest")
    )
    return users


def logged_in(base, username):
    """A browser session of `username`, logged in through the course's log-in page."""
    http = requests.Session()
    http.get(f"{base}/accounts/login/", timeout=30)
    login = http.post(
        f"{base}/accounts/login/",
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": http.cookies["csrftoken"]},
        allow_redirects=False,
        timeout=30,
    )
    assert login.status_code == 302, f"{username} could not log in"
    return http


class Student:
    """One logged-in student: the comment form's fields, then one POST per comment."""

    def __init__(self, base, username, post):
        self.base, self.http = base, logged_in(base, username)
        fragment = self.http.get(f"{base}{reverse('comment-form-fragment', args=[post.pk])}", timeout=30)
        form = BeautifulSoup(fragment.text, "html.parser")
        self.fields = {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}

    def send(self, text, parent_pk=0):
        """The comment posted: the server's response, redirect not followed."""
        data = {**self.fields, "comment": text, "reply_to": str(parent_pk), "honeypot": ""}
        return self.http.post(f"{self.base}{reverse('comments-post-comment')}", data, allow_redirects=False, timeout=60)

    def post(self, text, parent_pk):
        """(status, the new comment's id when it was accepted, else None)."""
        response = self.send(text, parent_pk)
        pk = int(response.headers["Location"].rsplit("#c", 1)[1]) if response.status_code == 302 else None
        return response.status_code, pk
