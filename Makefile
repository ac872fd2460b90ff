# Two commands set up a fresh clone: `make demo` and `make test`. Each creates .venv itself.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
GENERATED_PY := generated/python/sendsay generated/python/altcraft

.PHONY: all demo test check generate lint typecheck unit fuzz bench docs clean compat

all: test

$(STAMP): pyproject.toml templates/python/pyproject.toml.jinja emulator/pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench,docs]'
	$(BIN)/python -m pip install --quiet --config-settings editable_mode=compat -e generated/python/sendsay -e generated/python/altcraft
	$(BIN)/python -m pip install --quiet -e emulator  # a finder maps `emulator` to the folder
	touch $(STAMP)

venv: $(STAMP)

# The consumer tests' Node tools (ajv, json-schema-to-typescript, tsc, Redocly), from the lock.
NODE_STAMP := consumers/node_modules/.package-lock.json
$(NODE_STAMP): consumers/package.json consumers/package-lock.json
	cd consumers && npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

.PHONY: consumers
consumers: $(NODE_STAMP)

generate: $(STAMP)
	$(BIN)/python -m codegen generate

check: $(STAMP)
	$(BIN)/python -m codegen check

# The public surface against the last release (spec/<api>/compat-baseline.json): fails on a
# breaking change the spec does not acknowledge. `python -m codegen diff --against REF` for any ref.
compat: $(STAMP)
	$(BIN)/python -m codegen compat

lint: $(STAMP)
	$(BIN)/ruff check codegen runtime extensions emulator tests bench docsite generated/python
	$(BIN)/ruff format --check codegen runtime extensions emulator tests bench docsite

typecheck: $(STAMP)
	$(BIN)/mypy codegen runtime emulator bench docsite
	cd generated/python/sendsay && ../../../$(BIN)/mypy --cache-dir ../../../.mypy_cache -p sendsay_api
	cd generated/python/altcraft && ../../../$(BIN)/mypy --cache-dir ../../../.mypy_cache -p altcraft_api

unit: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

fuzz: $(STAMP)
	HYPOTHESIS_EXAMPLES=300 HYPOTHESIS_FUZZ=1 $(BIN)/python -m pytest tests/test_properties.py tests/test_schema_fuzz.py tests/test_decoding_strict.py

test: check compat lint typecheck unit

# Full sizes (about three minutes); writes docs/BENCHMARKS.md. `python -m bench --tiny` for a smoke run.
bench: $(STAMP)
	$(BIN)/python -m bench

# The reference site (MkDocs + Material) into build/site; open build/site/index.html.
docs: $(STAMP)
	$(BIN)/python -m docsite

demo: $(STAMP)
	$(BIN)/python -m emulator.demo

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build consumers/node_modules
