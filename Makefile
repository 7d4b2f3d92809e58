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

site: $(VENV)/.site
	$(BIN)/rufbereit build

serve: $(VENV)/.site
	$(BIN)/rufbereit serve

check: $(VENV)/.site
	$(BIN)/rufbereit check

test: $(VENV)/.test
	$(BIN)/python -m pytest

bench: $(VENV)/.test
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf site docs/kurs mkdocs.generated.yml
