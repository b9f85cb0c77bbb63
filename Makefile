# Podium: `make run` sets up and starts the demo; `make test` sets up and runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export PODIUM_TEST_POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: run test lint typecheck unit bench messages run-deps system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# From the system: Pango and HarfBuzz's subsetter for WeasyPrint's PDF and Noto fonts for Arabic and Chinese documents
# (what `make run` needs); for the tests also PostgreSQL's binaries (the test that restarts a
# cluster of its own) and Chromium (the browser tests).
run-deps:
	@if ! ldconfig -p | grep -q libpangoft2-1.0 || ! ldconfig -p | grep -q libharfbuzz-subset; then \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; fi
	@if ! fc-list | grep -q NotoSansCJK || ! fc-list | grep -q NotoSansArabic; then \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-core fonts-noto-cjk; fi

system-deps: run-deps
	@if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; fi
	@if [ ! -x /usr/bin/chromium ]; then \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation; fi

# `make run PORT=8080` (or PODIUM_PORT=8080) chooses the port; 8000 otherwise.
run: $(STAMP) run-deps
	$(BIN)/podium demo $(if $(PORT),--port $(PORT))

lint: $(STAMP)
	$(BIN)/ruff check podium tests bench
	$(BIN)/ruff format --check podium tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) system-deps
	$(BIN)/pytest -q

test: lint typecheck unit

bench: $(STAMP)
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# The template of the translation catalogues, from every gettext call and template.
# Refreshes the template, brings each language's catalogue up to it (keeping what is
# translated) and compiles them; the compiled .mo files are committed, so a clean clone runs.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg --project Podium --no-location -o podium/locale/podium.pot podium
	$(BIN)/pybabel update -i podium/locale/podium.pot -d podium/locale -D podium --width 100 --ignore-obsolete --no-fuzzy-matching
	$(BIN)/pybabel compile -d podium/locale -D podium --statistics

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
