# Two entry points for a fresh machine with only python3:
#   make run   — create .venv, install, run the bot (needs DISCORD_TOKEN or config.yaml)
#   make test  — create .venv, install with test extras, lint, run the whole test suite
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench validate schema clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m bot $(if $(CONFIG),--config $(CONFIG),$(if $(wildcard config.yaml),--config config.yaml,))

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m bot validate content/
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench

validate: $(STAMP)
	$(BIN)/python -m bot validate content/

schema: $(STAMP)
	$(BIN)/python -m bot schema

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
