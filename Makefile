# lexgap — the two commands of the README quick start:
#   make demo   set up everything and render the fictional example's gap report into out/
#   make test   set up everything and run the tests (all of them, PDF rendering included: ~4 min quiet)
#   make test-fast   every guarantee once, without PDFs, second processes or sweeps, in parallel (~15 s quiet)
PY        ?= python3.11
VENV      := .venv
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.installed
EXAMPLE   := questionnaires/examples/XFR-freedonia-2025.yaml
# WeasyPrint's libraries, fonts for Latin, Cyrillic, Arabic and CJK text, pdftoppm for page previews
APT_PKGS  := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
             fonts-noto-core fonts-noto-cjk poppler-utils

# Bytecode caches on: some environments set PYTHONDONTWRITEBYTECODE, which makes every run (and every
# `lexgap` subprocess a test starts) compile the package and rewrite the tests' asserts again: a third of
# test-fast's CPU time on a loaded machine.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: demo test test-fast setup system-deps bench schemas clean

demo: setup
	@mkdir -p out
	$(BIN)/lexgap validate $(EXAMPLE)
	$(BIN)/lexgap assess $(EXAMPLE)
	$(BIN)/lexgap assess $(EXAMPLE) --format json -o out/XFR-freedonia-2025.json
	$(BIN)/lexgap assess $(EXAMPLE) --format html -o out/XFR-freedonia-2025.html
	$(BIN)/lexgap assess $(EXAMPLE) --format pdf  -o out/XFR-freedonia-2025.pdf
	@echo "Gap report written to out/XFR-freedonia-2025.{pdf,html,json}"

test: setup
	$(BIN)/pytest -q

test-fast: setup
	$(BIN)/pytest -q -m "not pdf and not slow" -n auto --dist loadfile

bench: setup
	$(BIN)/python bench/run_all.py

schemas: setup
	$(BIN)/lexgap schema --write

setup: system-deps $(STAMP)

system-deps:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	$(PY) -c 'import ensurepip, venv' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@

clean:
	rm -rf $(VENV) out build dist .pytest_cache
