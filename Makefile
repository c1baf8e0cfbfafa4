# The documented entry points: `make run` for a newcomer, `make test` for everyone and CI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PROFILES ?= 300
# Where `make run` serves the site: the links in the emails it prints start with it.
SITE_URL ?= http://$(HOST):$(PORT)
# manage.py for development: without DEBUG=1 settings.py demands a real SECRET_KEY.
DEV_MANAGE := DEBUG=1 SITE_URL=$(SITE_URL) $(BIN)/python manage.py

.PHONY: install run test test-quick test-sqlite lint format bench serve messages clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(DEV_MANAGE) migrate --noinput
	$(DEV_MANAGE) createcachetable
	$(DEV_MANAGE) load_platforms
	$(DEV_MANAGE) setup_demo --profiles $(DEMO_PROFILES) --site-url $(SITE_URL)
	$(DEV_MANAGE) setup_workspace_demo
	$(DEV_MANAGE) runserver $(HOST):$(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint
	bin/ensure-system-packages
	DJANGO_SETTINGS_MODULE=networkdir.settings_test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=networkdir.settings_test $(BIN)/python manage.py check_platform_data
	bin/with-postgres $(BIN)/pytest -n 2 $(PYTEST_ARGS)

# The inner loop: the same suite on PostgreSQL without the browser journeys and schemathesis.
test-quick: lint
	bin/with-postgres $(BIN)/pytest -n 2 -m "not browser" --ignore tests/api/test_schemathesis.py $(PYTEST_ARGS)

test-sqlite: $(STAMP)
	DATABASE_URL=sqlite:///:memory: $(BIN)/pytest -n 2 -m "not browser" $(PYTEST_ARGS)

# Production mode on the configured database (DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS; see
# networkdir/settings.py): static files fingerprinted and compressed for whitenoise, then
# gunicorn with networkdir/gunicorn.py (WEB_CONCURRENCY, GUNICORN_THREADS override it).
serve: $(STAMP)
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn networkdir.wsgi -c python:networkdir.gunicorn --bind $(HOST):$(PORT)

# Extract every translatable string into the zh-Hans catalogue, then compile it. Translate the new
# entries in locale/zh_Hans/LC_MESSAGES/django.po and run it again: `make test` fails while an
# interface string lacks its translation or the compiled catalogue is out of date.
MAKEMESSAGES := $(DEV_MANAGE) makemessages -l zh_Hans --no-obsolete \
	-i .venv -i artifacts -i staticfiles -i tests -i bench -i build -i "*.egg-info"

messages: $(STAMP)
	bin/ensure-system-packages
	$(MAKEMESSAGES)
	msgfmt --check -o locale/zh_Hans/LC_MESSAGES/django.mo locale/zh_Hans/LC_MESSAGES/django.po

# The benchmark (bench/README.md): a throwaway PostgreSQL tuned for it and a throwaway Redis (the
# store several workers share, as in a deployment), a million demo profiles, gunicorn in
# production mode driven by wrk on loopback. About 25 minutes on two cores.
BENCH_PG_OPTIONS ?= -c shared_buffers=1GB -c effective_cache_size=4GB -c work_mem=16MB \
	-c maintenance_work_mem=512MB -c max_wal_size=4GB -c checkpoint_timeout=30min \
	-c random_page_cost=1.1 -c autovacuum=off

bench: $(STAMP)
	command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	PG_EXTRA_OPTIONS="$(BENCH_PG_OPTIONS)" bin/with-postgres bin/with-redis $(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
