# enface: two commands do all set-up on a fresh machine.
#   make build   set up (system libraries, virtualenv, pinned dependencies) and build the bundled edition
#   make test    set up and run the test suite
.DEFAULT_GOAL := build
VENV := .venv
ENFACE := $(VENV)/bin/enface
PYTEST := $(VENV)/bin/pytest

.PHONY: setup dictionaries build check test test-books test-fast lint bench clean lock reader-check a11y-check docker-check kindle-setup web-check screenshots

setup:
	@bash scripts/setup.sh

# Debian's FreeDict dictionaries between an edition's languages (they help align free
# translations; the bundled edition's are installed by every set-up):
#   make dictionaries EDITION=~/books/my-book     or     make dictionaries LANGS="fr en de"
dictionaries:
	@ENFACE_DICTIONARIES_FOR="$(EDITION) $(LANGS)" bash scripts/setup.sh

build: setup
	$(ENFACE) build

check: build
	$(ENFACE) check

# The suite on both cores (pytest-xdist, one module per worker so module fixtures build once;
# the longest modules first: LONGEST_FIRST in tests/conftest.py).
# EPUBCheck (every book), whole structured books, every script and catalogues through
# WeasyPrint and Dask are in `make test-books`; CI (.ci/run) runs both, and `make web-check`.
test: setup lint
	$(PYTEST) -q -n 2 --dist loadfile --no-loadscope-reorder -m "not docker and not web and not books"

test-books: setup
	$(PYTEST) -q -n 2 --dist loadfile -m books

# ruff: lint and format, configured in pyproject.toml; any finding fails `make test`.
lint: setup
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

test-fast: setup
	$(PYTEST) -q -m "not slow"

# Build times, memory and the budget (see benchmarks/README.md). Takes a few minutes.
bench:
	@bash scripts/setup.sh --bench
	$(VENV)/bin/python benchmarks/bench.py

# Reader-side checks of every EPUB reading mode (not part of `make test`: they need calibre,
# Chromium and Node, which this target installs): calibre converts each mode to AZW3 with no
# error and no word lost; DAISY Ace finds no accessibility violation.
reader-check: setup
	bash scripts/reader-check.sh calibre

# calibre (Debian's package), which `enface build --format azw3` runs to make the Kindle book.
kindle-setup:
	@bash -c '. scripts/apt-install.sh; command -v ebook-convert >/dev/null || apt_install calibre; command -v ebook-convert >/dev/null && ebook-convert --version | head -1'

a11y-check: setup
	bash scripts/reader-check.sh ace

# The Docker set-up path without a Docker engine (not part of `make test`: it creates a fresh
# virtualenv and installs enface into it, as the Dockerfile's set-up step does, then builds).
docker-check: setup
	$(PYTEST) -q -m docker

# The web edition (and the EPUB's CSS) in Debian's Chromium with Playwright and axe-core (not part
# of `make test`: it installs Chromium and axe-core). `make screenshots` also retakes the README's.
web-check: setup
	bash scripts/web-check.sh

screenshots: setup
	ENFACE_SCREENSHOTS=docs/images bash scripts/web-check.sh

# Regenerate the lock files after changing dependencies in pyproject.toml.
lock:
	$(VENV)/bin/python -m pip install -q uv
	$(VENV)/bin/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements.lock -q
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev -c requirements.lock --python-version 3.11 --generate-hashes -o requirements-dev.lock -q

clean:
	find build -mindepth 1 ! -name .gitignore -delete
