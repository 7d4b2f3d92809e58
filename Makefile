# Every target sets up .venv first, so each is one command on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: site serve check test test-fast bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Stamps re-run the install whenever pyproject.toml changes.
$(VENV)/.site: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[zensical]'
	touch $@

$(VENV)/.test: pyproject.toml $(VENV)/.site
	$(BIN)/python -m pip install -q -e '.[zensical,test]'
	touch $@

# The Nu HTML Checker (vnu.jar) for the HTML validity test (it runs on Java) and ESLint,
# exactly as pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

site: $(VENV)/.site
	$(BIN)/rufbereit build

serve: $(VENV)/.site
	$(BIN)/rufbereit serve

check: $(VENV)/.site
	$(BIN)/rufbereit check

test: $(VENV)/.test node_modules/.installed
	$(BIN)/python -m pytest

# The quick loop while working: no browser, no engine build, no wheel, no linters.
test-fast: $(VENV)/.test
	$(BIN)/python -m pytest -m "not browser and not slow"

bench: $(VENV)/.test
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf site docs/kurs mkdocs.generated.yml
