"""The suite's own rules: in CI (SEMINAR_STRICT_SKIPS=1) a skipped test fails with its reason."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
POSTGRES_ONLY = "tests/content/test_search.py::test_postgresql_uses_full_text_search_with_stemming"


def run_on_sqlite(**env):
    """Run one PostgreSQL-only test on SQLite, where it must skip."""
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SEMINAR_STRICT_SKIPS")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA", POSTGRES_ONLY],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_skip_stays_a_skip_with_its_reason_on_a_newcomers_machine():
    result = run_on_sqlite()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    assert "needs DATABASE_URL pointing at PostgreSQL" in result.stdout


def test_ci_turns_a_skip_into_a_failure_that_names_the_reason():
    result = run_on_sqlite(SEMINAR_STRICT_SKIPS="1")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "skipped" not in result.stdout.splitlines()[-1]
    assert "SEMINAR_STRICT_SKIPS=1" in result.stdout
    assert "needs DATABASE_URL pointing at PostgreSQL" in result.stdout
