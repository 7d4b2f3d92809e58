# Every target sets up .venv first, so each is one command on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: site trainer diff serve check report test test-fast bench clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Every package comes from a lock file with its hash (pip refuses anything else); then the
# project itself, without dependencies and with the locked setuptools as its build backend,
# so that nothing unpinned is fetched. Stamps re-run the install when a lock changes.
INSTALL_SELF := $(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .

$(VENV)/.site: pyproject.toml requirements/site.txt | $(BIN)/python
	$(BIN)/python -m pip install -q --require-hashes -r requirements/site.txt
	$(INSTALL_SELF)
	touch $@

$(VENV)/.test: pyproject.toml requirements/test.txt $(VENV)/.site
	$(BIN)/python -m pip install -q --require-hashes -r requirements/test.txt
	$(INSTALL_SELF)
	touch $@

# After changing a dependency in pyproject.toml: write the lock files anew (pip-tools).
LOCK := .venv-lock/bin/pip-compile -q --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links pyproject.toml requirements/build.in --extra zensical
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install -q pip-tools==7.6.2
	$(LOCK) -o requirements/site.txt
	$(LOCK) --extra test -o requirements/test.txt

# The Nu HTML Checker (vnu.jar) for the HTML validity test (it runs on Java) and ESLint,
# exactly as pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# `make site DRAFTS=1` includes draft modules (pull-request previews); without it, drafts stay out.
site: $(VENV)/.site
	$(BIN)/rufbereit build $(if $(DRAFTS),--drafts)

# The trainer edition (notes, answer keys, role-play cards, classroom plan) into site-trainer/.
trainer: $(VENV)/.site
	$(BIN)/rufbereit build --edition trainer $(if $(DRAFTS),--drafts)

# `make diff BASE=main`: what changed for learners since that git ref, as Markdown (quiet, so
# that the output can go straight into a job summary).
diff: $(VENV)/.site
	@$(BIN)/rufbereit diff $(or $(BASE),main)

# `make serve PORT=8001` serves on another port.
serve: $(VENV)/.site
	$(BIN)/rufbereit serve $(if $(PORT),--dev-addr 127.0.0.1:$(PORT))

# `make check STRICT=1` counts warnings as errors.
check: $(VENV)/.site
	$(BIN)/rufbereit check $(if $(STRICT),--strict)

# Tracks, modules, minutes, questions and problems at a glance (`rufbereit report`).
report: $(VENV)/.site
	$(BIN)/rufbereit report

# The unit tests of the browser code's pure parts (scoring, record, ordering, review), with
# node's own test runner: a second or two, first in both test targets.
JSTEST := node --test tests/js/*.test.mjs

# On two workers (pytest-xdist; `make test WORKERS=4` on a bigger machine, WORKERS=0 for one
# process; a third worker on two cores is slower). `--dist loadgroup` keeps the tests of one file
# on one served site on one worker (tests/conftest.py: SERVED_SITES).
WORKERS ?= 2
test: $(VENV)/.test node_modules/.installed
	$(JSTEST)
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadgroup

# The quick loop while working: no browser, no engine build, no wheel, no linters (the markers
# follow from the fixtures a test asks for: tests/conftest.py). Node tools (the GIFT parser,
# the YAML language server, the SCORM runtime) are installed, so a fresh clone passes too.
test-fast: $(VENV)/.test node_modules/.installed
	$(JSTEST)
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadgroup -m "not browser and not slow"

bench: $(VENV)/.test node_modules/.installed
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/lighthouse.py
	$(BIN)/python benchmarks/review.py

clean:
	rm -rf site site-trainer docs/kurs docs/course docs/.home.md docs/assets/course.js mkdocs.generated.yml
