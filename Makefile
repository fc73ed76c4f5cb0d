# The two commands a newcomer runs (see README.md):
#   make demo   set up, then run `sop-docs build` on the bundled sample project into build/
#   make test   set up, then run the whole test suite
# Both are idempotent: the second run only re-checks what is already installed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEBIAN_PACKAGES := graphviz libreoffice-core libreoffice-writer libreoffice-calc \
	chromium fonts-liberation2 poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test setup system-deps lint bench clean

demo: setup
	$(BIN)/sop-docs build -o build

test: setup
	$(BIN)/python -m pytest -n 2 --dist loadgroup

setup: system-deps $(STAMP)

# Debian packages: installed only when one of them is missing.
system-deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(STAMP): pyproject.toml
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

lint: setup
	$(BIN)/ruff check sop_docs tests benchmarks
	$(BIN)/mypy

bench: setup
	$(BIN)/python -m benchmarks

clean:
	rm -rf build .pytest_cache
