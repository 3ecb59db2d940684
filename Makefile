# Two entry points for a fresh machine with only python3:
#   make run   — create .venv, install the locked runtime set, run the bot (needs DISCORD_TOKEN or config.yaml)
#   make test  — create .venv, install the locked runtime + test set, install PostgreSQL if missing (the storage
#                tests run on SQLite and on a throw-away PostgreSQL cluster), lint (ruff, import contracts), run the suite
# Both install exactly the versions in requirements/*.txt (hashes checked). `make lock` refreshes them.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9

.PHONY: run test test-latest lock lint bench bench-interactions bench-cluster profile validate schema clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

# The project runs from this folder (python -m bot), so only its dependencies are installed.
$(VENV)/.run-installed: requirements/run.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/run.txt
	touch $@

$(VENV)/.test-installed: requirements/test.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/test.txt
	touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed
	$(BIN)/python -m bot $(if $(CONFIG),--config $(CONFIG),$(if $(wildcard config.yaml),--config config.yaml,))

test: $(VENV)/.test-installed
	bash scripts/ensure-postgres
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-logo
	$(BIN)/python -m bot validate content/
	$(BIN)/python -m pytest -q

# The newest versions pyproject.toml allows, in a throw-away venv: run before `make lock`
# to see whether a refresh would break anything.
test-latest:
	bash scripts/ensure-postgres
	@set -e; d=$$(mktemp -d); trap 'rm -rf "$$d"' EXIT; \
	$(PY) -m venv "$$d/venv"; \
	"$$d/venv/bin/python" -m pip install --quiet --upgrade pip; \
	"$$d/venv/bin/python" -m pip install --quiet '.[test]'; \
	"$$d/venv/bin/python" -m pip list --format=freeze | grep -v '^lupus-companion' ; \
	"$$d/venv/bin/ruff" check .; "$$d/venv/bin/ruff" format --check .; "$$d/venv/bin/mypy"; \
	"$$d/venv/bin/lint-imports" --no-logo; \
	"$$d/venv/bin/python" -m bot validate content/; \
	"$$d/venv/bin/python" -m pytest -q -p no:cacheprovider

# Re-resolve uv.lock from pyproject.toml's ranges (newest allowed versions) and export the
# two hashed requirement files that `make run` and `make test` install.
lock:
	@set -e; d=$$(mktemp -d); trap 'rm -rf "$$d"' EXIT; \
	$(PY) -m venv "$$d/venv"; \
	"$$d/venv/bin/python" -m pip install --quiet uv==$(UV_VERSION); \
	"$$d/venv/bin/uv" lock --upgrade; \
	"$$d/venv/bin/uv" export --quiet --frozen --no-emit-project --no-dev --format requirements-txt -o requirements/run.txt; \
	"$$d/venv/bin/uv" export --quiet --frozen --no-emit-project --no-dev --extra test --format requirements-txt -o requirements/test.txt

bench: $(VENV)/.test-installed
	$(BIN)/python -m bench

# Every kind of interaction, 200 at once, ours against a bare discord.py bot sending the same payload.
bench-interactions: $(VENV)/.test-installed
	$(BIN)/python -m bench.bench_interactions

# Two processes on one PostgreSQL (started here, thrown away after): 100,000 reminders due in one
# minute with one process killed halfway (duplicates and losses), then interactions/s, 1 vs 2 processes.
bench-cluster: $(VENV)/.test-installed
	bash scripts/ensure-postgres
	$(BIN)/python -m bench.bench_cluster

# A short burst of every kind under py-spy (cProfile if py-spy cannot attach); our top functions
# go to profile.txt, the raw samples to profile.collapsed.txt.
profile: $(VENV)/.test-installed
	$(BIN)/python -m bench.profile_interactions --out profile.txt --raw profile.collapsed.txt

validate: $(VENV)/.run-installed
	$(BIN)/python -m bot validate content/

schema: $(VENV)/.run-installed
	$(BIN)/python -m bot schema

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis profile.txt profile.collapsed.txt profile.prof
