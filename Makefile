# Two commands do all set-up: `make run` serves the demo course, `make test` runs the suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PIP_VERSION := 26.3
PYTEST_ARGS ?=
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install checkers lint migrations-check lock clean lighthouse screenshots bench loadtest faults

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the pins change.
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip==$(PIP_VERSION)
	$(BIN)/python -m pip install --quiet -c requirements.lock ".[test,s3,bench]"
	rm -rf build *.egg-info
	touch $@

install: $(VENV)/.installed

# The browser checks' tools (axe-core, the Nu HTML Checker, Lighthouse), pinned in package-lock.json. Without npm
# the tests that need them skip with a reason (CI turns such a skip into a failure).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility and HTML checks will skip (sudo apt-get install -y npm)"; fi

checkers: node_modules/.installed

run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo --hostname $(HOST) --port $(PORT)
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install checkers
	$(BIN)/pytest $(PYTEST_ARGS)

LIGHTHOUSE_RUNS ?= 3

# Lighthouse (mobile) on the demo's home, a unit and a post served by gunicorn with production settings: prints
# performance, accessibility, best-practices and SEO against their targets, and the audits to fix. A benchmark:
# missed targets do not fail it.
lighthouse: install checkers
	$(BIN)/python bench/lighthouse.py --runs $(LIGHTHOUSE_RUNS)

# The concurrent-discussion load test alone (tests/discussion/test_concurrent_discussion.py, also part of `make test` in CI):
# gunicorn on PostgreSQL and Redis, 8 students posting LOAD_TEST_COMMENTS comments each while readers load the post.
LOAD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/seminar_load
LOAD_REDIS_URL ?= redis://127.0.0.1:6379/11

loadtest: install
	DATABASE_URL=$(LOAD_DATABASE_URL) REDIS_URL=$(LOAD_REDIS_URL) SEMINAR_STRICT_SKIPS=1 \
		$(BIN)/pytest tests/discussion/test_concurrent_discussion.py -p no:cacheprovider --durations=0 $(PYTEST_ARGS)

# Issue 21's fault scenarios alone (tests/faults, also part of `make test` in CI): services cut or failing under load
# (PostgreSQL restarting, the media storage refusing, a gunicorn worker killed…); prints the "faults" table.
FAULTS_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/seminar_faults
FAULTS_REDIS_URL ?= redis://127.0.0.1:6379/10

faults: install
	DATABASE_URL=$(FAULTS_DATABASE_URL) REDIS_URL=$(FAULTS_REDIS_URL) SEMINAR_STRICT_SKIPS=1 \
		$(BIN)/pytest -m faults tests/faults -p no:cacheprovider $(PYTEST_ARGS)

BENCH_ARGS ?=

# Load on gunicorn (production settings) and PostgreSQL, with and without Redis and the page cache: prints req/s,
# p50, p99, non-2xx and shares of the static-file rate (bench/load.py). Needs wrk: installed from Debian's packages
# when missing and run as root. A benchmark: missed targets do not fail it.
bench: install
	@command -v wrk >/dev/null 2>&1 || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
		else echo "wrk not found: sudo apt-get install -y wrk"; exit 1; fi; }
	$(BIN)/python bench/load.py $(BENCH_ARGS)

# The README's pictures of the public site, taken in Chromium by tests/browser/test_screenshots.py.
screenshots: install checkers
	SEMINAR_SCREENSHOTS=docs/screenshots $(BIN)/pytest tests/browser/test_screenshots.py -q -p no:cacheprovider

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

# Rewrite the lock from a fresh resolve of pyproject.toml's pins.
lock:
	rm -rf /tmp/seminar-lock && $(PYTHON) -m venv /tmp/seminar-lock
	/tmp/seminar-lock/bin/python -m pip install --quiet pip==$(PIP_VERSION) && /tmp/seminar-lock/bin/python -m pip install --quiet ".[test,s3,bench]"
	/tmp/seminar-lock/bin/python -m pip freeze --exclude seminar > requirements.lock
	rm -rf build *.egg-info /tmp/seminar-lock

clean:
	rm -rf $(VENV) node_modules build *.egg-info .pytest_cache .ruff_cache .test-media staticfiles
