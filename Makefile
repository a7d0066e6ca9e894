# The one interface to the project. `make` prints help.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTHON ?= python3.11
DJANGO_SETTINGS_MODULE ?= config.settings.dev
export DJANGO_SETTINGS_MODULE
PORT ?= 8000
HOST ?= 0.0.0.0

.DEFAULT_GOAL := help
.PHONY: help install run migrate seed test lint format fuzz-api bench bench-interaction bench-search bench-admin clean

help: ## Show this help
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

# Python caches compiled modules (__pycache__, git-ignored) even where the environment says not to: the suite starts
# Python processes by the dozen (xdist workers, the subprocess tests of settings, commands, migrations and deployment
# checks), and without the cache each one compiles its ~2,000 modules again (~2.3 s of a 4 s Django start-up).
unexport PYTHONDONTWRITEBYTECODE

# uv (a pip-compatible installer, itself installed from the index like every package) links the packages in from its
# cache: a clean install takes ~7 s instead of pip's ~17 s, which unpacks every wheel again. Where uv cannot be had
# or fails, pip installs instead. Neither byte-compiles (pip: --no-compile; ~18 s on 2 cores): Python compiles the
# modules actually imported, once, on first import.
$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	@($(PIP) install --quiet uv && $(VENV)/bin/uv pip install --quiet --python $(PY) -e '.[dev]') \
	  || ($(PIP) install --quiet --upgrade pip && $(PIP) install --quiet --no-compile -e '.[dev]')
	@touch $@

install: $(VENV)/.installed ## Create .venv and install the project with dev tools

migrate: install ## Apply database migrations
	$(PY) manage.py migrate --noinput

seed: migrate ## Seed the working-day calendar, the search dictionary and the demo group (SCALE=N adds villages)
	$(PY) manage.py seed_calendar
	$(PY) manage.py seed_search_dictionary
	$(PY) manage.py seed_word_dictionary
	$(PY) manage.py seed_demo --seed $${SEED:-1} --scale $${SCALE:-0}

run: migrate ## Install, migrate, seed the demo group if the database is empty, serve on :8000 with one task worker
	$(PY) manage.py seed_calendar
	$(PY) manage.py seed_search_dictionary --if-empty
	$(PY) manage.py seed_word_dictionary
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py demo_urls --port $(PORT)
	@# One task worker (search indexing, mail) next to the server, on the same database; Ctrl-C stops both.
	@$(PY) manage.py db_worker --no-reload --interval 1 --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# Parallel test workers (pytest-xdist), two by default: each worker builds its own database (from the models on
# SQLite, tests/schema.py) and the base group; loadscope keeps a module's (or a class's) tests on one worker, so
# module- and class-scoped fixtures are built once; --no-loadscope-reorder keeps the order tests/conftest.py sets
# (the slow scopes first: xdist would otherwise hand out the scopes with the most tests first, and start the long
# seeds and browser sweeps last). `make test TEST_WORKERS=0` runs serially (docs/performance.md, "Test suite").
# A transactional test (one that flushes the database) must live in a module of its own.
TEST_WORKERS ?= 2

test: install ## Run the whole test suite (SQLite unless DATABASE_URL is set; two parallel workers, TEST_WORKERS=0 serial)
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder $(PYTEST_ARGS)

lint: install ## Ruff lint and format check, Django system checks, missing migrations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

fuzz-api: install ## Schemathesis over the whole API against a live server on a fresh seeded database (FUZZ_DATABASE_URL, FUZZ_EXAMPLES)
	bash .ci/api-fuzz.sh

format: install ## Apply ruff formatting and safe fixes
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install ## Serving benchmark and query counts (see bench/README.md)
	$(PY) bench/serve_bench.py

bench-interaction: install ## 政民互动 load test: 50 submitters + 10 browsers for 60 s (BENCH_ARGS="--duration 30")
	$(PY) bench/interaction_load.py $(BENCH_ARGS)

bench-search: install ## Search benchmark: indexing and query latency up to 100k documents, database index and ELASTICSEARCH_URL (BENCH_ARGS="--documents 10000")
	$(PY) bench/search_bench.py $(BENCH_ARGS)

bench-admin: install ## Admin views at scale: ms and queries as platform admin and site editor on a seeded DATABASE_URL (BENCH_ARGS="--fill-to 2053")
	$(PY) bench/admin_scale.py $(BENCH_ARGS)

clean: ## Remove the virtualenv, local database and generated files
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm var .pytest_cache .ruff_cache
