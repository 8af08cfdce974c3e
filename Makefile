# make is parley's front door: `make demo` and `make test` set everything up from nothing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DB ?= demo.db

.PHONY: install demo test test-postgres lint format eval bench clean

$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres]'
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install parley with its dev tools

demo: install  ## ingest and analyze the bundled sample into demo.db and show what was found
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/parley --db $(DEMO_DB) ingest --sample
	$(BIN)/parley --db $(DEMO_DB) stats
	$(BIN)/parley --db $(DEMO_DB) docs list
	$(BIN)/parley --db $(DEMO_DB) actors --limit 20
	$(BIN)/parley --db $(DEMO_DB) quotes --limit 12
	$(BIN)/parley --db $(DEMO_DB) timeline --from 2025-01-01
	$(BIN)/parley --db $(DEMO_DB) positions

test: install  ## run the test suite
	$(BIN)/python -m pytest -q

test-postgres: install  ## rerun the store and ingest tests on a throwaway PostgreSQL server
	scripts/test-postgres

lint: install  ## ruff (lint and format check) and mypy (strict on the library)
	$(BIN)/ruff check parley tests bench
	$(BIN)/ruff format --check parley tests bench
	$(BIN)/mypy

format: install
	$(BIN)/ruff format parley tests bench
	$(BIN)/ruff check --fix parley tests bench

eval: install  ## score extraction against ../shared/dev (or EVAL_DIR=folder)
	$(BIN)/parley eval $(or $(EVAL_DIR),../shared/dev)

bench: install  ## eval figures plus throughput and memory benchmarks (see bench/README.md)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache $(DEMO_DB)*
