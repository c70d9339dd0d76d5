# `make site` builds site/ from plans/; `make test` runs every test. Both set themselves up.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site validate serve test lint schema clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/planportal build

validate: $(STAMP)
	$(BIN)/planportal validate

serve: $(STAMP)
	$(BIN)/planportal serve

schema: $(STAMP)
	$(BIN)/python -m planportal.schema > schema/plan-portal.schema.json

lint: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/mypy

test: $(STAMP) lint
	$(BIN)/python -m pytest -q

clean:
	rm -rf build site .pytest_cache
