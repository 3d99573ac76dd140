# Two commands set a fresh machine up (only Python 3.11+ needed):
#   make demo   build the demo site and serve it at http://127.0.0.1:8000/
#   make test   run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000

.PHONY: demo build test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The fast extra (markdown-it-pyrs, Rust) only where a wheel exists: never a Rust build on a fresh machine.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --only-binary markdown-it-pyrs -e '.[fast]' 2>/dev/null \
		|| { echo "no markdown-it-pyrs wheel for this Python: pages render with markdown-it-py alone (same bytes, slower)"; \
		     $(BIN)/pip install --quiet -e .; }
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json
	@if command -v npm >/dev/null 2>&1; then \
		npm install --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: accessibility checks (axe-core) will be skipped"; fi

build: $(VENV)/.installed
	$(BIN)/sitegen build

demo: build
	@echo "Demo site built in output/. Serving it at http://127.0.0.1:$(PORT)/ (Ctrl-C stops)."
	$(BIN)/sitegen serve --port $(PORT)

NODE_DEPS := $(if $(wildcard package.json),node_modules/.installed,)

test: $(VENV)/.installed-test $(NODE_DEPS)
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed
	$(BIN)/python bench/run.py

clean:
	rm -rf output .sitegen-cache
