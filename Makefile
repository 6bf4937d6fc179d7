# Two commands for a fresh machine: `make serve` and `make test`.
# Both create .venv with the pinned requirements first (once), then hand over to invoke.

PYTHON ?= python3.12
VENV := .venv
BIN := $(VENV)/bin

.PHONY: serve test build

serve: $(VENV)/.installed
	$(BIN)/invoke reserve

build: $(VENV)/.installed
	$(BIN)/invoke build

test: $(VENV)/.installed
	$(BIN)/invoke test

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@
