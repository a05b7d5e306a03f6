# IEP Playbook. `make run` and `make test` are all a new machine needs (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_WORKERS ?= auto

.PHONY: run test lint format demo install bench ci migrations-check test-pg

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "IEP Playbook needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install -qq --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m playbook.catalogue
	touch $(STAMP)

node_modules/.package-lock.json: package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: the browser tests (axe-core) will be skipped"; fi

install: $(STAMP)

run: $(STAMP)
	$(BIN)/playbook serve --host 127.0.0.1 --port 8000

demo: $(STAMP)
	$(BIN)/playbook migrate --verbosity 0
	$(BIN)/playbook demo

test: $(STAMP) node_modules/.package-lock.json
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=playbook.settings_test
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -q -rs

test-pg: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/python -m pytest -n $(PYTEST_WORKERS) -q -rs

lint: $(STAMP)
	$(BIN)/ruff check playbook tests benchmarks
	$(BIN)/ruff format --check playbook tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format playbook tests benchmarks
	$(BIN)/ruff check --fix playbook tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py --size $${BENCH_SIZE:-full}

ci:
	bash .ci/run
