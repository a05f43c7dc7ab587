"""gunicorn serving the test database, as the suite's own app server: for the tests of several processes at once."""

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
from django.db import connection

REPO = Path(__file__).resolve().parent.parent


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


def database_url():
    db = connection.settings_dict
    host = db["HOST"] or "/var/run/postgresql"
    user = f"{db['USER']}:{db['PASSWORD']}@" if db["PASSWORD"] else f"{db['USER']}@" if db["USER"] else ""
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
        **env_overrides,
    )
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
