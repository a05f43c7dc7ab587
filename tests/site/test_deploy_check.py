"""Production settings pass Django's deployment checklist and refuse to start without a secret key."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "site_project.settings.production",
    "SECRET_KEY": "x" * 20 + "-a-long-random-production-key-for-the-check-0123456789",
    "ALLOWED_HOSTS": "course.example.edu",
    "CSRF_TRUSTED_ORIGINS": "https://course.example.edu",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def manage(*args, **env):
    # Nothing of the test process's own Django set-up (the browser tests' async-unsafe switch included).
    ignored = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {key: value for key, value in os.environ.items() if key not in ignored}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_prints_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_warns_of_a_page_cache_each_process_keeps_alone():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **{**PRODUCTION_ENV, "REDIS_URL": ""})
    assert result.returncode != 0 and "seminar.W001" in result.stdout + result.stderr
    off = manage(
        "check", "--deploy", "--fail-level", "WARNING", **{**PRODUCTION_ENV, "REDIS_URL": "", "PAGE_CACHE_SECONDS": "0"}
    )
    assert off.returncode == 0, off.stdout + off.stderr


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", **{**PRODUCTION_ENV, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_an_unknown_embed_provider_is_refused_by_name():
    result = manage("check", **{**PRODUCTION_ENV, "EMBED_PROVIDERS": "youtube,myspace"})
    assert result.returncode != 0
    assert "EMBED_PROVIDERS: unknown myspace; choose from youtube, vimeo, soundcloud, ted" in result.stderr


def test_a_comment_rate_that_is_not_a_count_per_period_is_refused():
    result = manage("check", **{**PRODUCTION_ENV, "COMMENT_RATE_PER_IP": "twenty an hour"})
    assert result.returncode != 0
    assert "COMMENT_RATE_PER_IP='twenty an hour': write a count per period, e.g. 10/h or 5/10m" in result.stderr
