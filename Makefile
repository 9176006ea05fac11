# Relais: `make run` serves the demo, `make test` runs the whole suite. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PORT ?= 8000
HOST ?= 127.0.0.1
# uv from the PATH, or installed for this project alone into .tools/ when missing.
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
PY := .venv/bin/python
# The local demo: debug on, fictional-data banner, administrators may log in without a second factor.
RUN_ENV := DEBUG=1 RELAIS_DEMO=1

.PHONY: help run test lint types unit e2e bench install messages compile-messages clean-db

help:
	@echo "make run    install, migrate, load the demo and serve on http://$(HOST):$(PORT)"
	@echo "make test   ruff, mypy, unit and integration tests, browser tests"
	@echo "make bench  benchmarks at the data sizes of DESIGN.md (SIZE=demo|L|XL, DATABASE=url)"

.tools/bin/uv:
	@echo "Installing uv (the Python package manager) into .tools/ ..."
	@( python3 -m venv .tools 2>/dev/null && .tools/bin/python -m pip install --quiet uv ) \
	 || ( rm -rf .tools && python3 -m pip install --quiet --target .tools/pkgs uv \
	      && mkdir -p .tools/bin && ln -sf ../pkgs/bin/uv .tools/bin/uv ) \
	 || { echo "Could not install uv: install python3-venv or python3-pip (or uv itself) and run make again."; exit 1; }

.venv/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	@touch $@

install: .venv/.installed compile-messages

compile-messages: .venv/.installed
	@$(PY) scripts/compile_messages.py

run: install
	@mkdir -p var
	$(RUN_ENV) $(PY) manage.py migrate --no-input
	$(RUN_ENV) $(PY) manage.py seed_demo
	@echo ""
	@echo "Relais is running on http://$(HOST):$(PORT)/"
	@echo "Log in with one of the demo accounts listed above (password: relais-demo)."
	@echo "The API: http://$(HOST):$(PORT)/api/v1/docs/ (tokens under My account → API tokens; see docs/api.md)."
	@echo ""
	$(RUN_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

types: install
	RELAIS_TESTING=1 $(PY) -m mypy .

unit: install
	$(PY) -m pytest -m "not e2e"

e2e: install
	$(PY) -m pytest -m e2e

test: install lint types
	$(PY) -m pytest

# make bench [SIZE=demo|L|XL] [DATABASE=postgres://…]: the database defaults to var/bench-<size>.sqlite3,
# generated on first use. pages_bench.py gives the table of docs/performance.md.
BENCH_ARGS = --size $(or $(SIZE),demo) $(if $(DATABASE),--database $(DATABASE))
bench: install
	$(PY) bench/pages_bench.py $(BENCH_ARGS)
	$(PY) bench/run.py $(BENCH_ARGS)
	$(PY) bench/evaluation_bench.py $(BENCH_ARGS)
	$(PY) bench/knowledge_bench.py --size $(or $(SIZE),demo)
	$(PY) bench/publication_bench.py $(BENCH_ARGS)
	$(PY) bench/api_bench.py $(BENCH_ARGS)
	$(PY) bench/privacy_bench.py $(BENCH_ARGS)

messages: install
	DEBUG=1 $(PY) manage.py makemessages -l fr --no-obsolete --add-location file -i ".venv/*" -i "bench/*" -i "tests/*" -i "var/*"
	$(PY) scripts/participant_catalogues.py
	$(PY) scripts/compile_messages.py

clean-db:
	rm -f var/relais.sqlite3 var/relais.sqlite3-wal var/relais.sqlite3-shm
