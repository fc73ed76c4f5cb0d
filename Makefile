# The two commands a newcomer runs (see README.md):
#   make demo   set up, then run `sop-docs build` on the bundled sample project into build/
#   make test   set up, then run the whole test suite
# Both are idempotent: the second run only re-checks what is already installed.
# Python packages come from uv.lock only (exact versions and hashes); change it on purpose
# with `make upgrade`, and try the newest versions first with `make upgrade-check`.

PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEBIAN_PACKAGES := graphviz libreoffice-core libreoffice-writer libreoffice-calc \
	chromium fonts-liberation2 poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# uv uses the machine's Python and never downloads one; Material's MkDocs-2.0 notice is
# not for our users (README: "If MkDocs 1.x stops installing").
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export NO_MKDOCS_2_WARNING := 1

.PHONY: demo test setup system-deps lint bench clean lock upgrade upgrade-check properdocs-check

demo: setup
	$(BIN)/sop-docs build -o build

test: setup
	$(BIN)/python -m pytest -n 2 --dist loadgroup --cov --cov-report=term:skip-covered

setup: system-deps $(STAMP)
	@$(BIN)/python -m compileall -q sop_docs sop_docs_demo

# Debian packages: installed only when one of them is missing.
system-deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# uv itself is pinned: it lives in its own small venv beside the project.
$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install -q uv==$(UV_VERSION)

# Exactly the lock: packages not in it are removed, a lock out of date with pyproject.toml
# is an error (run `make lock` after editing dependencies).
# Bytecode is compiled at install, as pip does (uv does not by default): a command then never
# compiles the ~1,200 modules it imports, which costs seconds on a machine that sets
# PYTHONDONTWRITEBYTECODE.
$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --extra test --quiet --compile-bytecode
	touch $(STAMP)

# Re-resolve after a deliberate change of pyproject.toml, keeping every other pin.
lock: $(UV)
	$(UV) lock

# Refresh every pin to the newest version pyproject.toml allows.
upgrade: $(UV)
	$(UV) lock --upgrade
	@echo "uv.lock upgraded: review 'git diff uv.lock', run 'make test', commit both."

# Drift found on purpose: the newest allowed versions in a throwaway venv, then the suite.
UPGRADE_VENV := $(or $(TMPDIR),/tmp)/sop-docs-upgrade-check
upgrade-check: system-deps $(UV)
	rm -rf $(UPGRADE_VENV)
	$(UV) venv --quiet $(UPGRADE_VENV)
	$(UV) pip install --quiet --python $(UPGRADE_VENV)/bin/python --upgrade --resolution highest '.[test]'
	cd $(UPGRADE_VENV) && $(CURDIR)/$(UV) pip list --python $(UPGRADE_VENV)/bin/python > versions.txt
	$(UPGRADE_VENV)/bin/python -m pytest -n 2 --dist loadgroup -p no:cacheprovider

# The generated site tree also builds with ProperDocs (the maintained MkDocs 1.x line), in a
# throwaway venv holding the locked packages except MkDocs itself. Needs `make demo` first.
PROPERDOCS_VENV := $(or $(TMPDIR),/tmp)/sop-docs-properdocs-check
properdocs-check: $(UV)
	@test -f build/site-src/mkdocs.yml || { echo "run 'make demo' first"; exit 2; }
	rm -rf $(PROPERDOCS_VENV)
	$(UV) venv --quiet $(PROPERDOCS_VENV)
	$(UV) export --frozen --no-dev --no-emit-project --no-hashes --no-header --quiet \
		| grep -v '^mkdocs==' > $(PROPERDOCS_VENV)/requirements.txt
	$(UV) pip install --quiet --python $(PROPERDOCS_VENV)/bin/python --no-deps \
		-r $(PROPERDOCS_VENV)/requirements.txt
	$(UV) pip install --quiet --python $(PROPERDOCS_VENV)/bin/python properdocs
	$(PROPERDOCS_VENV)/bin/properdocs build --strict -f build/site-src/mkdocs.yml \
		-d $(PROPERDOCS_VENV)/site
	@echo "properdocs-check: the generated site builds with ProperDocs"

lint: setup
	$(BIN)/ruff check sop_docs sop_docs_demo tests benchmarks
	$(BIN)/mypy

bench: setup
	$(BIN)/python -m benchmarks

clean:
	rm -rf build .pytest_cache
