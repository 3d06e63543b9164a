# casefile — see README.md. Needs only Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# Material prints its end-of-life notice (MkDocs 2, 5 May 2027: docs/platform.md) on every
# build. Editors' everyday make hides it; CI shows it (.ci/run and the workflows set it empty).
NO_MKDOCS_2_WARNING ?= 1
export NO_MKDOCS_2_WARNING
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: site test serve check lint links lock bench bench-import bench-quick clean chromium mutate fuzz \
        exit-check browser-or-skip

# Create the virtual environment and install the locked dependencies: every file's SHA-256
# is in $(LOCK), and pip refuses the whole install, before installing anything, when one
# does not match or a dependency has no hash. Then casefile itself, without dependencies
# and with the locked setuptools (no unpinned build environment).
LOCK := requirements.txt
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --requirement $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation --editable .
	touch $(STAMP)

# Regenerate $(LOCK) from pyproject.toml (the test and dev extras included), keeping the
# current pins where they still fit; LOCK_ARGS=--upgrade moves every pin to the newest.
LOCK_ARGS ?=
lock: $(STAMP)
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes \
	  --allow-unsafe --all-build-deps --extra test --extra dev --strip-extras \
	  --no-emit-index-url --no-emit-find-links $(LOCK_ARGS) --output-file $(LOCK) pyproject.toml

# Check the data, refresh the editors' JSON Schemas in schema/ (with the site's own kinds),
# then build site/ (only replaced when the build succeeds).
site: $(STAMP)
	$(BIN)/casefile check
	$(BIN)/casefile schema --out schema --data data
	$(BIN)/mkdocs build --strict

check: $(STAMP)
	$(BIN)/casefile check

# Every internal link and #anchor in the built site (run after make site).
links: $(STAMP)
	$(BIN)/casefile links site

lint: $(STAMP)
	$(BIN)/ruff check casefile tests bench

# The exit from MkDocs' plugin (docs/platform.md): `casefile generate` output built with
# plain MkDocs and with Zensical (no casefile plugin), hardened with casefile's CSP step,
# served under /casefile/ on 127.0.0.1, and checked with `casefile links` and a crawl
# through the server; fails on any broken internal link. Deploys nothing.
exit-check: $(STAMP)
	$(BIN)/python -m bench.exit_check --project .

# Benchmark at 100, 1000 and 2000 synthetic cases; results go into BENCHMARKS.md.
bench: $(STAMP)
	$(BIN)/python -m bench.run --sizes 100,1000,2000 --out BENCHMARKS.md

# A small run (10 cases) that finishes in seconds, for CI.
bench-import: $(STAMP)
	$(BIN)/python -m bench.import_recs --rows 200

bench-quick: $(STAMP)
	$(BIN)/python -m bench.run --quick

# The browser tests need Debian's chromium: `make chromium` installs it when we can (root
# with apt-get), otherwise stops and says the one command to run. CASEFILE_CHROMIUM names
# another Chromium or Chrome (the GitHub runners' /usr/bin/google-chrome); the tests use the
# same variable.
CASEFILE_CHROMIUM ?= /usr/bin/chromium
export CASEFILE_CHROMIUM
CHROMIUM ?= $(CASEFILE_CHROMIUM)
APT_GET  ?= apt-get
# One shell command (make joins the lines): chromium is there, or installed, or it fails
# after saying the one command to run.
CHROMIUM_OR_SAY = if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v $(APT_GET) >/dev/null 2>&1; then \
	    DEBIAN_FRONTEND=noninteractive $(APT_GET) update && \
	    DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y chromium; \
	  else \
	    echo "make test needs $(CHROMIUM); install it with: sudo apt-get install -y chromium" >&2; \
	    exit 1; \
	  fi; \
	fi
chromium:
	@$(CHROMIUM_OR_SAY)

# make test tries the same; where there is no browser to be had, it says so and the
# browser tests are skipped (tests/test_browser.py: browser_or_skip). With CI set (GitHub
# Actions, .ci/run) a missing browser stops the run instead: CI always runs them.
browser-or-skip:
	@( $(CHROMIUM_OR_SAY) ) || { \
	  if [ -n "$$CI" ]; then \
	    echo "make test: CI is set, so the browser tests must run: stopping" >&2; exit 1; fi; \
	  echo "make test: the browser tests are skipped (no $(CHROMIUM))" >&2; }

test: $(STAMP) lint browser-or-skip
	$(BIN)/pytest

# Mutation testing (TESTING.md) in a throw-away copy of the project: every listed module,
# or one with MODULE=casefile/model/deadlines.py; MUTATE_ARGS=--check fails when a module
# scores below its floor in mutation-floors.json. MUTATE_CHILDREN mutants at a time.
MODULE ?=
MUTATE_ARGS ?=
MUTATE_CHILDREN ?= 1
mutate: $(STAMP)
	$(BIN)/python -m bench.mutate $(if $(MODULE),--module "$(MODULE)") \
	  --max-children $(MUTATE_CHILDREN) $(MUTATE_ARGS)

# The property tests with fresh random examples, 20 times as many as in CI (the "fuzz"
# Hypothesis profile in tests/conftest.py; CI and make test use the derandomized "ci").
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -p no:cacheprovider tests/test_fuzz.py \
	  tests/test_quickcheck.py

# Live preview on http://127.0.0.1:8000/, reloading when content/, data/ or macros/ change.
serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

clean:
	rm -rf site .site-staging-* .site-retired-* .pytest_cache
