# Two commands for a fresh machine: `make serve` and `make test`.
# Each installs what it needs first (once), then hands over to invoke:
#   .venv       the pinned Python packages (requirements.txt)
#   node_modules the pinned npm packages (package-lock.json): Pyodide, CodeMirror and
#                esbuild for the live examples; the HTML checker and axe-core for the tests
#   chromium    Debian's browser, for the browser tests (and rsync, which `invoke publish` runs)

PYTHON ?= python3.12
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve build test browser

serve: $(VENV)/.installed node_modules/.installed
	$(BIN)/invoke reserve

build: $(VENV)/.installed node_modules/.installed
	$(BIN)/invoke build

test: $(VENV)/.installed node_modules/.installed browser
	$(BIN)/invoke test

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

browser:
	@if [ ! -x /usr/bin/chromium ] || ! command -v rsync >/dev/null; then \
		$(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core rsync; \
	fi
