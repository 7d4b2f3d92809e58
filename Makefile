# Every target sets up .venv first, so each is one command on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: site serve check test bench clean

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

# The Nu HTML Checker (vnu.jar) for the HTML validity test; it runs on Java.
node_modules/.installed: package.json
	npm install --no-audit --no-fund --no-package-lock --silent
	touch $@

site: $(VENV)/.site
	$(BIN)/rufbereit build

serve: $(VENV)/.site
	$(BIN)/rufbereit serve

check: $(VENV)/.site
	$(BIN)/rufbereit check

test: $(VENV)/.test node_modules/.installed
	$(BIN)/python -m pytest

bench: $(VENV)/.test node_modules/.installed
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/lighthouse.py

clean:
	rm -rf site docs/kurs mkdocs.generated.yml
