"""Redis out of reach under load (issue 21, scenario 1): gunicorn with two sync workers on the test's own Redis
(a redis-server on a free port, saving its data to disk as a production Redis does), two readers of a post, three
students commenting on it. Redis is stopped for three seconds and started again from the snapshot it saved on the
way down, which holds the page cache as it was before the outage. Meanwhile pages are served uncached, comments go
through (the rate limits fail open), a student logs in, and no response is a 5xx. After Redis returns, the post is
never served as it was cached before the outage: every comment made during it is on the page."""

import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
import requests
from django_comments_xtd.models import XtdComment

from site_project.redis_cache import RETRY_AFTER_SECONDS
from tests.factories import member
from tests.fault_helpers import Load
from tests.server_helpers import Student, app_server, free_port, logged_in, with_server_password

pytestmark = [pytest.mark.postgres, pytest.mark.faults, pytest.mark.django_db(transaction=True)]

OUTAGE_SECONDS = 3
AFTER_SECONDS = 4
COMMENTERS = 3


class RedisServer:
    """The test's own redis-server on a free loopback port, its snapshot in a temporary folder."""

    def __init__(self, folder):
        self.folder, self.port, self.process = folder, free_port(), None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder)]
            + ["--save", "3600 1", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.05)
        pytest.fail("redis-server did not start")

    def stop(self):
        """As an operator's `systemctl stop redis`: SIGTERM, and Redis saves its snapshot before it exits."""
        self.process.terminate()
        self.process.wait(timeout=20)


@contextmanager
def own_redis():
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server (Debian's redis-server package) to stop and start a Redis of its own")
    with tempfile.TemporaryDirectory(prefix="seminar-redis-") as folder:
        server = RedisServer(Path(folder))
        server.start()
        try:
            yield server
        finally:
            if server.process.poll() is None:
                server.stop()


@pytest.fixture
def post(migrated_database, make_post):
    return make_post(title="The Illusion of Khrushchev", author=member("Students", first_name="Dana"))


def test_redis_stopped_and_started_again_under_load(post, fault_report):
    students = with_server_password(
        [member("Students", first_name=f"Commenter{n}") for n in range(COMMENTERS)]
        + [member("Students", username="late-arrival")]
    )
    env = {"DJANGO_SETTINGS_MODULE": "tests.fault_settings", "DB_CONN_MAX_AGE": "60"}
    env |= {"COMMENT_RATE_PER_EMAIL": "100000/h", "COMMENT_RATE_PER_IP": "100000/h"}
    with own_redis() as cache_server, app_server("--workers", "2", REDIS_URL=cache_server.url, **env) as server:
        commenters = [Student(server.url, student.username, post) for student in students[:COMMENTERS]]
        anonymous = requests.Session()
        anonymous.get(f"{server.url}{post.url}")
        assert anonymous.get(f"{server.url}{post.url}").headers.get("X-Page-Cache") == "hit", "cached before"
        cache_server.stop()  # its snapshot holds the post as cached, and the course's token
        with Load(server.url, [post.url], commenters) as load:
            time.sleep(OUTAGE_SECONDS / 2)
            late = logged_in(server.url, "late-arrival")  # a log-in while Redis is away
            time.sleep(OUTAGE_SECONDS / 2)
        cache_server.start()
        time.sleep(RETRY_AFTER_SECONDS + 0.5)  # each app server tries Redis again after this
        after = anonymous.get(f"{server.url}{post.url}")  # before any new change: only the outage's are missing
        with Load(server.url, [post.url], commenters, label="after the outage") as load_after:
            time.sleep(AFTER_SECONDS)
        member_page = late.get(f"{server.url}/me/", allow_redirects=False)

    replies = [reply for reply in load.replies + load_after.replies if reply.kind != "readyz"]
    assert not [reply for reply in replies if reply.status >= 500 or reply.status == 0], "no 5xx, no dropped request"
    probes = load.of("readyz")
    assert probes and all(reply.status == 503 and '"cache": "failed' in reply.body for reply in probes[1:])
    assert load_after.of("readyz")[-1].status == 200, "the load balancer is told the cache is back"
    during = load.of("commenter")
    assert during and all(reply.ok for reply in during), "comments went through while Redis was away"
    assert load.of("reader") and all(reply.ok for reply in load.of("reader")), "readers were served, uncached"
    assert member_page.status_code == 200, "the log-in made while Redis was away holds"

    missing = [reply.comment for reply in during if reply.comment not in after.text]
    assert not missing, f"{len(missing)} comments of the outage missing from the post served after it: {missing[:3]}"
    assert after.headers.get("X-Page-Cache") != "hit", "the post cached before the outage was not served"
    after_pages = [reply for reply in load_after.replies if reply.kind != "readyz"]
    assert load_after.of("commenter") and all(reply.ok for reply in after_pages), "served as before"

    stored = XtdComment.objects.filter(object_pk=str(post.pk)).count()
    acknowledged = [reply for reply in load.of("commenter") + load_after.of("commenter") if reply.ok]
    assert stored == len(acknowledged), "each comment acknowledged stored once"
    fault_report(
        "Redis stopped and started",
        requests=len(replies),
        errors=0,
        acknowledged=len(acknowledged),
        stored=stored,
        recovered_in=0.0,
    )
