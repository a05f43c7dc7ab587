"""Lighthouse benchmark: page weight and speed of the public site as production serves it.

Builds the demo course in a throwaway SQLite database, serves it with gunicorn and production settings, runs
Lighthouse (its default mobile emulation, headless Debian Chromium) on the course home, a unit and the post with
the longest discussion, and prints the four category scores against their targets and the audits to fix. A
benchmark, not a test: it exits 0 whatever the scores, non-zero only when something could not run.

    make lighthouse                                  # or, after `make install checkers`:
    .venv/bin/python bench/lighthouse.py [--runs N]  # N runs a page, the median by performance (default 3)

Nothing is fetched from anywhere but 127.0.0.1. collectstatic writes to the settings' STATIC_ROOT (./staticfiles,
git-ignored), which the settings do not take from the environment; the benchmark removes it afterwards unless it
was there before.
"""

import argparse
import http.client
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import urllib.request
from functools import partial
from pathlib import Path

from common import REPO, BenchError, free_port, gunicorn, manage, production_env, say, static_files

LIGHTHOUSE = str(REPO / "node_modules" / ".bin" / "lighthouse")
CHROME_PATH = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
    " --disable-sync --no-first-run"
)
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 0.95, "seo": 0.95}
# Audits that pass or fail; the others are informative, manual or not applicable.
SCORED_MODES = {"binary", "numeric", "metricSavings"}

# Run by `manage.py shell -c`; prints the relative URLs of the course home and of the public post with the most
# approved comments (the demo's longest thread) and its unit: found in the database, never hard-coded.
FIND_PAGES = """
import json
from wagtail.models import Site
from blog.models import StudentPostPage
site = Site.objects.get(is_default_site=True)
home = site.root_page.specific
post = StudentPostPage.objects.published_under(home).order_by("-comment_count", "-first_published_at").first()
pages = {"home": home, "unit": post.get_parent(), "post": post}
print(json.dumps({name: page.relative_url(site) for name, page in pages.items()}))
"""


class FrontProxy(http.server.SimpleHTTPRequestHandler):
    """The proxy production puts in front of gunicorn, in miniature: it serves /media/ itself (gunicorn does not)
    and passes every other GET on unchanged. Plain http on loopback, so no X-Forwarded-Proto."""

    upstream_port = None

    def do_GET(self):
        if self.path.startswith("/media/"):
            super().do_GET()
            return
        upstream = http.client.HTTPConnection("127.0.0.1", self.upstream_port, timeout=60)
        try:
            upstream.request("GET", self.path, headers=dict(self.headers))
            response = upstream.getresponse()
            body = response.read()
        finally:
            upstream.close()
        self.send_response(response.status)
        for name, value in response.getheaders():
            if name.lower() not in {"connection", "transfer-encoding", "content-length"}:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


def lighthouse(url, output, attempts=3):
    """One Lighthouse report. Chromium now and then loses a page load's trace (NO_NAVSTART) on a busy machine:
    such a run is tried again, up to `attempts` times in all."""
    for attempt in range(1, attempts + 1):
        try:
            return lighthouse_once(url, output)
        except BenchError as error:
            if attempt == attempts:
                raise
            say(f"  run failed, trying again: {str(error).splitlines()[0]}")


def lighthouse_once(url, output):
    args = [LIGHTHOUSE, url, "--output=json", f"--output-path={output}", "--quiet", "--no-enable-error-reporting"]
    env = {**os.environ, "CHROME_PATH": CHROME_PATH}
    result = subprocess.run(
        [*args, f"--chrome-flags={CHROME_FLAGS}"], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0 or not output.exists():
        raise BenchError(f"Lighthouse failed on {url} ({result.returncode}):\n{result.stdout}{result.stderr}")
    report = json.loads(output.read_text())
    if report.get("runtimeError"):
        raise BenchError(f"Lighthouse could not load {url}: {report['runtimeError']['message']}")
    if any(report["categories"][category]["score"] is None for category in TARGETS):
        raise BenchError(f"Lighthouse could not score every category of {url} (see {output.name})")
    return report


def score(report, category):
    return report["categories"][category]["score"]


def failing_audits(report, category):
    for ref in report["categories"][category]["auditRefs"]:
        if ref.get("group") == "hidden":  # Lighthouse 12's "insights", which repeat the diagnostics
            continue
        audit = report["audits"][ref["id"]]
        if audit["scoreDisplayMode"] in SCORED_MODES and audit["score"] is not None and audit["score"] < 1:
            yield audit


def print_results(runs):
    """`runs` maps each page to its Lighthouse reports; the run with the median performance score stands."""
    medians = {
        name: sorted(reports, key=lambda r: score(r, "performance"))[(len(reports) - 1) // 2]
        for name, reports in runs.items()
    }
    say(f"{'page':<6}" + "".join(f"{category:>16}" for category in TARGETS))
    for name, report in medians.items():
        cells = [
            f"{score(report, c):.2f}{' *' if score(report, c) < target else '  '}" for c, target in TARGETS.items()
        ]
        say(f"{name:<6}" + "".join(f"{cell:>16}" for cell in cells))
    say("* below target: " + ", ".join(f"{category} ≥ {target}" for category, target in TARGETS.items()))
    for name, report in medians.items():
        spread = " ".join(f"{score(r, 'performance'):.2f}" for r in runs[name])
        cpu = report["environment"]["benchmarkIndex"]
        say(f"\n{name}: {report['finalDisplayedUrl']}  (performance by run: {spread}; benchmarkIndex {cpu:.0f})")
        for category in (category for category in TARGETS if score(report, category) < 1):
            say(f"  {category} {score(report, category):.2f}")
            for audit in failing_audits(report, category):
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                say(f"    {audit['id']}: {audit['title']}{value}")


def main(runs):
    with tempfile.TemporaryDirectory(prefix="seminar-lighthouse-") as tmp:
        tmp = Path(tmp)
        site_port, gunicorn_port = free_port(), free_port()
        env = production_env(
            os.environ,
            ALLOWED_HOSTS="127.0.0.1",
            # Lighthouse reads the site over plain http on loopback, where production's proxy would speak https.
            SECURE_SSL_REDIRECT="0",
            DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
            MEDIA_ROOT=str(tmp / "public" / "media"),
            WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{site_port}",
        )
        say("Building the demo course: migrate, load_demo, collectstatic")
        manage(["migrate", "--no-input"], env)
        manage(["load_demo", "--force", "--hostname", "127.0.0.1", "--port", str(site_port)], env)
        paths = json.loads(manage(["shell", "-c", FIND_PAGES], env).strip().splitlines()[-1])
        FrontProxy.upstream_port = gunicorn_port
        proxy = http.server.ThreadingHTTPServer(
            ("127.0.0.1", site_port), partial(FrontProxy, directory=str(tmp / "public"))
        )
        threading.Thread(target=proxy.serve_forever, daemon=True).start()
        try:
            with static_files(env), gunicorn(env, gunicorn_port, tmp / "gunicorn.log", probe=paths["home"]):
                measure(f"http://127.0.0.1:{site_port}", paths, runs, tmp)
        finally:
            proxy.shutdown()
            proxy.server_close()


def measure(base, paths, runs, tmp):
    # Steady state, not a cold start: a few views of each page first, so the workers have compiled the templates
    # and the image renditions (made once, on their page's first view) exist.
    for path in paths.values():
        for _ in range(4):
            urllib.request.urlopen(base + path, timeout=60).close()
    results = {}
    for name, path in paths.items():
        say(f"Lighthouse ×{runs}: {name} {base}{path}")
        results[name] = [lighthouse(base + path, tmp / f"{name}-{i}.json") for i in range(runs)]
    say()
    print_results(results)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs a page; the median counts (default 3)")
    runs = parser.parse_args().runs
    if runs < 1:
        parser.error("--runs must be at least 1")
    try:
        main(runs)
    except (BenchError, OSError) as error:
        sys.stderr.write(f"lighthouse benchmark could not run: {error}\n")
        sys.exit(1)
