"""What the benchmarks share: running manage.py, serving the site with gunicorn and production settings, and
collectstatic's output, which only they make."""

import contextlib
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = str(REPO / ".venv" / "bin" / "python")
GUNICORN = str(REPO / ".venv" / "bin" / "gunicorn")
# The settings' STATIC_ROOT (site_project/settings/base.py), which does not come from the environment.
STATIC_ROOT = REPO / "staticfiles"


class BenchError(Exception):
    """Something the benchmark needs could not run."""


def say(text=""):
    sys.stdout.write(f"{text}\n")
    sys.stdout.flush()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(environ, **extra):
    """Production settings with a throwaway secret key; `extra` adds or overrides environment variables."""
    return {
        **environ,
        "DJANGO_SETTINGS_MODULE": "site_project.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        **extra,
    }


def manage(args, env):
    """`manage.py ARGS` in the repository; its output, or BenchError with it when it fails."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BenchError(
            f"manage.py {' '.join(args[:2])} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
        )
    return result.stdout


@contextlib.contextmanager
def static_files(env):
    """collectstatic for the duration; STATIC_ROOT is removed afterwards unless it was there before (the test suite
    serves static files through the finders)."""
    existed = STATIC_ROOT.exists()
    try:
        manage(["collectstatic", "--no-input"], env)
        yield
    finally:
        if not existed:
            shutil.rmtree(STATIC_ROOT, ignore_errors=True)


@contextlib.contextmanager
def gunicorn(env, port, log, workers=2, probe="/", headers=None):
    """gunicorn on 127.0.0.1:`port` (sync workers), up and answering `probe` once entered; stopped on exit."""
    bind = f"127.0.0.1:{port}"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [GUNICORN, "site_project.wsgi", "--bind", bind, "--workers", str(workers)],
            cwd=REPO,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_up(urllib.request.Request(f"http://{bind}{probe}", headers=headers or {}), server, log)
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_until_up(request, server, log):
    for _ in range(60):
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited ({server.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(request, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise BenchError(f"gunicorn did not answer {request.full_url} within 30 s:\n{log.read_text()}")
