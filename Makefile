# casefile — see README.md. Needs only Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: site test serve check lint links bench bench-quick clean chromium mutate fuzz

# Create the virtual environment and install the pinned dependencies.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --constraint constraints.txt --editable ".[test]"
	touch $(STAMP)

# The development tools as well (mutmut): only make mutate needs them.
DEV_STAMP := $(VENV)/.dev-stamp
$(DEV_STAMP): $(STAMP)
	$(BIN)/pip install --quiet --constraint constraints.txt --editable ".[test,dev]"
	touch $(DEV_STAMP)

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

# Benchmark at 100, 1000 and 2000 synthetic cases; results go into BENCHMARKS.md.
bench: $(STAMP)
	$(BIN)/python -m bench.run --sizes 100,1000,2000 --out BENCHMARKS.md

# A small run (10 cases) that finishes in seconds, for CI.
bench-quick: $(STAMP)
	$(BIN)/python -m bench.run --quick

# The browser tests need Debian's chromium: install it when we can (root with apt-get),
# otherwise stop and say the one command to run.
CHROMIUM ?= /usr/bin/chromium
APT_GET  ?= apt-get
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v $(APT_GET) >/dev/null 2>&1; then \
	    DEBIAN_FRONTEND=noninteractive $(APT_GET) update && \
	    DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y chromium; \
	  else \
	    echo "make test needs $(CHROMIUM); install it with: sudo apt-get install -y chromium" >&2; \
	    exit 1; \
	  fi; \
	fi

test: $(STAMP) lint chromium
	$(BIN)/pytest

# Mutation testing (TESTING.md) in a throw-away copy of the project: every listed module,
# or one with MODULE=casefile/model/deadlines.py; MUTATE_ARGS=--check fails when a module
# scores below its floor in mutation-floors.json. MUTATE_CHILDREN mutants at a time.
MODULE ?=
MUTATE_ARGS ?=
MUTATE_CHILDREN ?= 1
mutate: $(DEV_STAMP)
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
