# Schmooze — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-clock test-browser lint format lock serve-prod collectstatic seed clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed (python3.11 or python3 on the PATH)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	@touch $(STAMP)

## run: install, migrate, load the demo seeker and serve on http://127.0.0.1:8000 (SQLite, DEBUG on; PORT=… HOST=… to change)
## (a task worker and the morning-email scheduler run beside the server, email printed here)
run: $(STAMP)
	DEBUG=$${DEBUG:-on} $(BIN)/python manage.py migrate --no-input
	DEBUG=$${DEBUG:-on} $(BIN)/python manage.py seed_demo --url http://$(HOST):$(PORT)
	@export DEBUG=$${DEBUG:-on} SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)}; \
	$(BIN)/python manage.py db_worker --no-reload --interval 2 & worker=$$!; \
	$(BIN)/python manage.py schedule_digests --loop 60 --verbosity 0 & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null; wait $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Each pytest-xdist worker migrates a database of its own (~6 s): below 4 cores that costs more
# than the workers win back, so the suite runs in one process there (figures in README.md).
CORES := $(shell nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
TEST_WORKERS ?= $(shell [ $(CORES) -ge 4 ] && echo auto || echo 0)

## test: the whole unit and integration suite (browser tests: make test-browser; TEST_WORKERS=N)
test: $(STAMP)
	$(BIN)/python -m pytest -m "not browser" -n $(TEST_WORKERS) $(PYTEST_ARGS)

## test-clock: the suite in one process at each CLOCK_INSTANTS (Saturday 00:30, 12:00 and 23:30 UTC, Monday 09:00 UTC)
CLOCK_INSTANTS ?= 2026-12-05T00:30:00Z 2026-12-05T12:00:00Z 2026-12-05T23:30:00Z 2026-11-30T09:00:00Z
test-clock: $(STAMP)
	@failed=""; for now in $(CLOCK_INSTANTS); do \
	  echo "== the suite as if started at $$now"; \
	  SCHMOOZE_TEST_NOW=$$now $(BIN)/python -m pytest -m "not browser" -n 0 -q $(PYTEST_ARGS) \
	    || failed="$$failed $$now"; \
	done; \
	if [ -n "$$failed" ]; then echo "the suite failed at:$$failed"; exit 1; fi

## test-browser: end-to-end tests in headless Chromium (skip if it is missing, fail under CI=true)
test-browser: $(STAMP)
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

## lint: ruff check, ruff format check, the layers (import-linter), and no missing migrations
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	SECRET_KEY=lint $(BIN)/python manage.py makemigrations --check --dry-run

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## lock: re-pin every dependency from pyproject.toml into requirements.lock
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --extra dev --strip-extras --no-emit-index-url --no-emit-find-links -q -o requirements.lock pyproject.toml

collectstatic: $(STAMP)
	SECRET_KEY=$${SECRET_KEY:-collectstatic} $(BIN)/python manage.py collectstatic --no-input

## serve-prod: the production command of the Dockerfile, outside Docker (needs DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS)
serve-prod: collectstatic
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/gunicorn core.wsgi:application --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-3} --worker-class gthread --threads 4 --timeout 30 --access-logfile - --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

seed: $(STAMP)
	DEBUG=$${DEBUG:-on} $(BIN)/python manage.py seed_demo --url http://$(HOST):$(PORT)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
