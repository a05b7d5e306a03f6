# IEP Playbook. `make run` and `make test` are all a new machine needs (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_WORKERS ?= auto
# A worker that runs out of tests takes some of the other's: the run no longer waits at the end
# for one worker's last long tests (5:13 against 5:21 on this 2-core machine).
PYTEST_DIST ?= --dist worksteal
# Where `make run` listens and what `make demo` prints: `make run PORT=8001`.
HOST ?= 127.0.0.1
PORT ?= 8000
SERVE_ENV := PLAYBOOK_HOST=$(HOST) PLAYBOOK_PORT=$(PORT)

.PHONY: run test lint format demo install bench ci migrations-check test-pg

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "IEP Playbook needs Python 3.11 or newer")'
	@echo "Installing IEP Playbook into $(VENV) (the first time takes a minute or two)..."
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@# --no-deps: the lock is the whole resolution, installed as written. Without it pip resolves
	@# again, and an extra (weasyprint's fonttools[woff]) makes it reach for a newer release
	@# than the lock's and refuse it as unpinned; pip check then proves the set is complete.
	@$(BIN)/python -m pip install -qq --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	@out=$$($(BIN)/python -m pip check --disable-pip-version-check) || { echo "$$out"; exit 1; }
	@$(BIN)/python -m pip install -qq --disable-pip-version-check --no-deps -e .
	@echo "Compiling the Spanish catalogue, building the static files, training the recogniser..."
	@$(BIN)/python -m playbook.catalogue
	@$(BIN)/playbook collectstatic-if-changed
	@$(BIN)/playbook train-recogniser
	@touch $(STAMP)
	@echo "Installed."

node_modules/.package-lock.json: package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: the browser tests (axe-core) will be skipped"; fi

install: $(STAMP)

run: $(STAMP)
	@$(SERVE_ENV) $(BIN)/playbook serve

demo: $(STAMP)
	@$(SERVE_ENV) $(BIN)/playbook migrate --verbosity 0
	@$(SERVE_ENV) $(BIN)/playbook demo

# The test run keeps its bytecode (__pycache__, git-ignored) even where the machine sets
# PYTHONDONTWRITEBYTECODE: every xdist worker imports the whole app, and compiling it afresh
# each time doubled the collection (38 s against 22 s on a loaded 2-core machine).
TEST_ENV := PYTHONDONTWRITEBYTECODE=

test: $(STAMP) node_modules/.package-lock.json
	$(TEST_ENV) $(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_DIST) -q -rs

test-pg: $(STAMP)
	$(TEST_ENV) DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_DIST) -q -rs

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
