"""Load benchmark: how many readers a course of 1,000 posts and 20,000 comments serves, as production runs it.

Builds the course once (`generate_course`) in its own PostgreSQL database, serves it with gunicorn (production
settings, 2 sync workers, loopback only; every request carries `X-Forwarded-Proto: https` as from a TLS proxy),
and runs wrk against a static CSS file, the home page, a unit listing, a post with 50 comments, search and the
post's comment feed, then the home page, the unit and the post again for a logged-in student of the course (a
session of the student `bench-student`, made once in the benchmark's database, and the member cookie, as a browser
sends them after logging in): with the cache in local memory, then in Redis, each with the page cache off and on.
Prints req/s, p50, p99 and responses that are not 2xx for each, each page's rate as a share of the static file's
rate in the same configuration (the machine is shared and noisy: ratios hold where absolute figures do not), each
row's SQL queries per request (counted once, outside wrk: Django's test client in one `manage.py shell` with the
production settings, against the same database and Host, a warm-up request then the counted one), and the
workers' memory over a run of 20,000 requests. A benchmark, not a test: it exits 0 whatever the figures,
non-zero only when something could not run.

    make bench                                # or, after `make install` and with wrk on the PATH:
    .venv/bin/python bench/load.py [--duration 10] [--connections 16] [--rss-requests 20000] [--rebuild]
    .venv/bin/python bench/load.py --profile  # then pyinstrument's profile of the post page, page cache off

The database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/seminar_bench) and the media folder
(<tmp>/seminar-bench-media) are kept for the next run; --rebuild starts both afresh. Redis: BENCH_REDIS_URL
(default redis://127.0.0.1:6379/13), emptied before each configuration.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

import psycopg
import redis
from common import REPO, BenchError, free_port, gunicorn, manage, production_env, say, static_files

HOST = "bench.localhost"
HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/seminar_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
MEDIA_ROOT = Path(tempfile.gettempdir()) / "seminar-bench-media"
SIZE = ["--units", "20", "--posts", "1000", "--comments", "20000"]
WRK_SCRIPT = str(REPO / "bench" / "wrk_report.lua")
# Issue 20's targets, as shares of the static file's rate: (configuration, page) → share.
TARGETS = {
    ("local memory, page cache off", "post"): 0.06,
    ("Redis, page cache off", "post"): 0.06,
    ("local memory, page cache on", "post"): 0.9,
    ("Redis, page cache on", "post"): 0.8,
    ("local memory, page cache on", "post (student)"): 0.5,
    ("Redis, page cache on", "post (student)"): 0.5,
}
P99_CACHED_MS = 20
RSS_GROWTH = 0.10
STUDENT_PAGES = ["home", "unit listing", "post"]  # loaded again for a logged-in student
STUDENT_POST_QUERIES = 15  # issue 20: the student's post on a miss of the page cache

# Run by `manage.py shell -c`: the addresses to load, found in the database (nothing hard-coded), or {} when the
# benchmark's course is not there yet.
FIND_PAGES = f"""
import json
from wagtail.models import Site
from home.course_generator import DISCUSSED_POST_COMMENTS
from blog.models import StudentPostPage
site = Site.objects.filter(hostname={HOST!r}).first()
pages = {{}}
if site:
    home = site.root_page.specific
    post = StudentPostPage.objects.published_under(home).filter(comment_count=DISCUSSED_POST_COMMENTS).first()
    pages = {{
        "home": home.relative_url(site),
        "unit listing": post.get_parent().relative_url(site),
        "post": post.relative_url(site),
        "search": "/search/?q=sources",
        "comment feed": post.relative_url(site) + "comments/feed/",
    }}
print(json.dumps(pages))
"""

# Run by `manage.py shell -c`: a logged-in student of the benchmark's course (made once: enrolled, no usable
# password, liking every fourth comment of the post; the course given one class-only post), a fresh session of
# theirs as Django's log-in would store it, and the cookies a browser would send with it, as JSON.
STUDENT = f"""
import json
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.contenttypes.models import ContentType
from importlib import import_module
from django.utils.module_loading import import_string
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG, XtdComment
from wagtail.models import Site
from blog.models import StudentPostPage
from courses.models import Role
from courses.roles import enrol
from home.course_generator import DISCUSSED_POST_COMMENTS
from members import cookie
home = Site.objects.get(hostname={HOST!r}).root_page.specific
post = StudentPostPage.objects.published_under(home).filter(comment_count=DISCUSSED_POST_COMMENTS).first()
student, created = get_user_model().objects.get_or_create(
    username="bench-student", defaults={{"first_name": "Bench", "last_name": "Student", "email": "bench@example.org"}}
)
if created:
    student.set_unusable_password()
    student.save()
enrol(student, home, Role.STUDENT)
# A class-only post in the course (the first other published post), so that the student reads the class's own copy
# of each page, which the public never gets.
notes = StudentPostPage.objects.published_under(home).exclude(pk=post.pk).order_by("pk").first()
if not notes.class_only:
    notes.class_only = True
    notes.save_revision().publish()
comments = XtdComment.objects.filter(
    content_type=ContentType.objects.get_for_model(StudentPostPage), object_pk=str(post.pk)
).order_by("pk")
for comment in comments[::4]:
    CommentFlag.objects.get_or_create(comment=comment, user=student, flag=LIKEDIT_FLAG)
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(student.pk)
# As Django's force_login: the first backend that can load a user (axes' comes first and cannot).
session[BACKEND_SESSION_KEY] = next(
    path for path in settings.AUTHENTICATION_BACKENDS if hasattr(import_string(path), "get_user")
)
session[HASH_SESSION_KEY] = student.get_session_auth_hash()
session.create()
print(json.dumps({{settings.SESSION_COOKIE_NAME: session.session_key, cookie.NAME: "1"}}))
"""

# Run by `manage.py shell -c` with ROWS (audience and address of each row) and COOKIES (the student's): each row's
# SQL queries on its second request (the first warms Wagtail's caches and, with the page cache on, fills it), as JSON.
COUNT_QUERIES = f"""
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
counts = []
for audience, path in ROWS:
    client = Client(HTTP_HOST={HOST!r}, HTTP_X_FORWARDED_PROTO="https", HTTP_ACCEPT_ENCODING="gzip")
    if audience == "student":
        for name, value in COOKIES.items():
            client.cookies[name] = value
    assert client.get(path).status_code == 200, path
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200, path
    counts.append(len(queries))
print(json.dumps(counts))
"""

PROFILE = f"""
from django.test import Client
from pyinstrument import Profiler
client = Client(HTTP_HOST={HOST!r}, HTTP_X_FORWARDED_PROTO="https", HTTP_ACCEPT_ENCODING="gzip")
for _ in range(5):
    assert client.get(PATH).status_code == 200
profiler = Profiler(interval=0.0005)
with profiler:
    for _ in range(50):
        client.get(PATH)
print(profiler.output_text(color=False, unicode=False, show_all=False))
"""


def database(rebuild):
    """The benchmark's database, created when missing (dropped first with `rebuild`)."""
    info = psycopg.conninfo.conninfo_to_dict(DATABASE_URL)
    name = info.pop("dbname")
    with psycopg.connect(**info, dbname="postgres", autocommit=True) as connection:
        if rebuild:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def course(env, rebuild):
    """Migrate, build the course unless it is there, and return the addresses to load."""
    if rebuild:
        shutil.rmtree(MEDIA_ROOT, ignore_errors=True)
    database(rebuild)
    manage(["migrate", "--no-input"], env)
    pages = json.loads(manage(["shell", "-c", FIND_PAGES], env).strip().splitlines()[-1])
    if pages and MEDIA_ROOT.exists():
        say(f"Reusing the course at {HOST} in {DATABASE_URL} (--rebuild to start afresh)")
        return pages
    if pages:
        raise BenchError(f"The course is in the database but its media folder {MEDIA_ROOT} is gone: use --rebuild")
    say(f"Generating the course: generate_course {' '.join(SIZE)}")
    say(manage(["generate_course", *SIZE, "--hostname", HOST, "--port", "443"], env).rstrip())
    return json.loads(manage(["shell", "-c", FIND_PAGES], env).strip().splitlines()[-1])


def student_cookies(env):
    """The cookies of a logged-in student of the benchmark's course: a new session each run."""
    return json.loads(manage(["shell", "-c", STUDENT], env).strip().splitlines()[-1])


def rows_to_load(pages, cookies):
    """(name, address, extra headers) of each row after the static file: every page for a stranger, then the home
    page, the unit and the post for the logged-in student."""
    anonymous = [(name, path, {}) for name, path in pages.items()]
    cookie = {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}
    student = [(f"{name} (student)", pages[name], cookie) for name in STUDENT_PAGES]
    return anonymous + student


def query_counts(env, rows, cookies):
    """Each row's SQL queries per request, by name, in the configuration `env` describes."""
    listed = [("student" if headers else "anonymous", path) for _, path, headers in rows]
    snippet = f"ROWS = {listed!r}\nCOOKIES = {cookies!r}\n{COUNT_QUERIES}"
    counts = json.loads(manage(["shell", "-c", snippet], env).strip().splitlines()[-1])
    return {name: count for (name, _, _), count in zip(rows, counts, strict=True)}


def wrk(url, duration, connections, *args, headers=None):
    headers = [item for name, value in {**HEADERS, **(headers or {})}.items() for item in ("-H", f"{name}: {value}")]
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", WRK_SCRIPT, *headers]
    result = subprocess.run([*command, url, "--", *map(str, args)], capture_output=True, text=True, check=False)
    report = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not report:
        raise BenchError(f"wrk failed on {url} ({result.returncode}):\n{result.stdout}{result.stderr}")
    figures = json.loads(report[-1])
    figures["rate"] = figures["requests"] / figures["seconds"]
    return figures


def static_css(base):
    request = urllib.request.Request(base + "/", headers={**HEADERS, "Accept-Encoding": "identity"})
    with urllib.request.urlopen(request, timeout=30) as response:
        html = response.read().decode()
    match = re.search(r'<link[^>]+href="(/static/[^"]+\.css)"', html)
    if not match:
        raise BenchError("The home page links no stylesheet under /static/")
    return match.group(1)


def workers_rss(server):
    """Resident memory of each gunicorn worker (the master's children), in MiB."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return sizes


def configurations(redis_ok):
    backends = [("local memory", "")] + ([("Redis", REDIS_URL)] if redis_ok else [])
    for backend, url in backends:
        for page_cache in (False, True):
            yield backend, url, page_cache


def measure(env, pages, args, tmp):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    redis_ok = redis_reachable()
    cookies = student_cookies(env)
    targets = rows_to_load(pages, cookies)
    rows = []
    for backend, url, page_cache in configurations(redis_ok):
        label = f"{backend}, page cache {'on' if page_cache else 'off'}"
        say(f"\n{label}: gunicorn, 2 sync workers, {args.connections} connections, {args.duration} s a page")
        run_env = {**env, "REDIS_URL": url, "PAGE_CACHE_SECONDS": "600" if page_cache else "0"}
        # Counted with the cache in local memory (the same queries as in Redis, which it leaves untouched).
        queries = query_counts({**run_env, "REDIS_URL": ""}, targets, cookies)
        if url:
            redis.Redis.from_url(url).flushdb()
        with gunicorn(run_env, port, tmp / "gunicorn.log", probe=pages["home"], headers=HEADERS) as server:
            for name, path, headers in [("static CSS", static_css(base), {}), *targets]:
                # Templates compiled, renditions made, caches filled, and the workers done with the requests the
                # previous run left queued (a slow page's backlog would land in this page's p99).
                wrk(base + path, 2, 2, headers=headers)
                figures = wrk(base + path, args.duration, args.connections, headers=headers)
                figures["queries"] = queries.get(name)
                rows.append((label, name, figures))
                say(f"  {name:<24} {figures['rate']:8.1f} req/s")
            say(f"  worker RSS after the run: {', '.join(f'{size:.0f} MiB' for size in workers_rss(server))}")
    if not redis_ok:
        say(f"\nRedis is not reachable at {REDIS_URL}: the Redis configurations were left out.")
    return rows


def redis_reachable():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False


def memory_run(env, pages, args, tmp):
    """Worker memory over about `rss_requests` requests taking the five pages in turn, as production runs (cache in
    Redis when it is there, page cache on; search always renders): after the first half and after the second. wrk
    runs for a time, not a count: each half lasts as long as a short first run says half the requests take."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    url = REDIS_URL if redis_reachable() else ""
    run_env = {**env, "REDIS_URL": url, "PAGE_CACHE_SECONDS": "600"}
    where = url or "local memory"
    say(f"\nMemory: about {args.rss_requests} requests over the five pages, page cache on, cache in {where}")
    with gunicorn(run_env, port, tmp / "gunicorn.log", probe=pages["home"], headers=HEADERS) as server:
        rate = wrk(base + "/", 5, args.connections, *pages.values())["rate"]
        seconds = max(1, round(args.rss_requests / 2 / rate))
        sizes, answered = [], 0
        for _ in range(2):
            figures = wrk(base + "/", seconds, args.connections, *pages.values())
            answered += figures["requests"]
            sizes.append((answered, sum(workers_rss(server))))
            say(f"  {answered} requests, {figures['non_2xx']} not 2xx: workers {sizes[-1][1]:.1f} MiB in all")
    return sizes


def report(rows, sizes, args):
    say(
        f"\n{'configuration':<30} {'page':<24} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'× static':>9}"
        f" {'queries':>8}"
    )
    static = {}
    for label, name, figures in rows:
        static.setdefault(label, figures["rate"])
        ratio = figures["rate"] / static[label]
        non_2xx = figures["non_2xx"] + figures["socket_errors"]
        queries = "-" if figures["queries"] is None else figures["queries"]
        say(
            f"{label:<30} {name:<24} {figures['rate']:8.1f} {figures['p50_ms']:8.1f} {figures['p99_ms']:8.1f}"
            f" {non_2xx:8d} {ratio:9.3f} {queries:>8}"
        )
    say("\nTargets")
    for label, name, figures in rows:
        target = TARGETS.get((label, name))
        if target is None:
            continue
        ratio = figures["rate"] / static[label]
        say(f"  {label}: {name} at {ratio:.3f} × static (target ≥ {target}) {'met' if ratio >= target else 'MISSED'}")
        if label.endswith("on"):
            p99 = figures["p99_ms"]
            verdict = "met" if p99 < P99_CACHED_MS else "MISSED"
            say(f"  {label}: {name} p99 {p99:.1f} ms at {args.connections} connections (< {P99_CACHED_MS}) {verdict}")
    for label, name, figures in rows:
        if name == "post (student)" and label.endswith("off"):
            count, limit = figures["queries"], STUDENT_POST_QUERIES
            verdict = "met" if count <= limit else "MISSED"
            say(f"  {label}: post for a logged-in student, {count} queries a request (target ≤ {limit}) {verdict}")
    failures = sum(figures["non_2xx"] + figures["socket_errors"] for _, _, figures in rows)
    say(f"  responses not 2xx, all runs: {failures} (target 0) {'met' if failures == 0 else 'MISSED'}")
    (first_count, first), (second_count, second) = sizes
    growth = second / first - 1
    say(
        f"  worker RSS {first:.1f} MiB after {first_count} requests, {second:.1f} MiB after {second_count}: "
        f"{growth:+.1%} (target < {RSS_GROWTH:.0%}) {'met' if growth < RSS_GROWTH else 'MISSED'}"
    )


def profile(env, pages):
    say(f"\npyinstrument: 50 requests for the post {pages['post']} in one process, page cache off")
    snippet = f"PATH = {pages['post']!r}\n{PROFILE}"
    say(manage(["shell", "-c", snippet], {**env, "PAGE_CACHE_SECONDS": "0", "REDIS_URL": ""}))


def main(args):
    if not shutil.which("wrk"):
        raise BenchError("wrk is not installed: sudo apt-get install -y wrk (or run `make bench`, which does)")
    with tempfile.TemporaryDirectory(prefix="seminar-bench-") as tmp:
        env = production_env(
            os.environ, ALLOWED_HOSTS=f"{HOST},127.0.0.1", DATABASE_URL=DATABASE_URL, MEDIA_ROOT=str(MEDIA_ROOT)
        )
        pages = course(env, args.rebuild)
        with static_files(env):  # the profile renders pages too, which name the collected files
            rows = measure(env, pages, args, Path(tmp))
            sizes = memory_run(env, pages, args, Path(tmp))
            report(rows, sizes, args)
            if args.profile:
                profile(env, pages)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="Seconds of load a page (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="Concurrent connections (default 16)")
    parser.add_argument("--rss-requests", type=int, default=20000, help="Requests of the memory run (default 20000)")
    parser.add_argument("--rebuild", action="store_true", help="Drop the benchmark's database and build it again")
    parser.add_argument("--profile", action="store_true", help="Profile the post page with pyinstrument afterwards")
    try:
        main(parser.parse_args())
    except (BenchError, OSError, psycopg.Error) as error:
        sys.stderr.write(f"load benchmark could not run: {error}\n")
        sys.exit(1)
