# retold — set-up, demo, tests, benchmarks. Needs only Python 3.11+, make and a C compiler.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXAMPLE := examples/nato-ukraine.txt

.PHONY: demo test lint fuzz ray bench perturb speed selfcheck clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installed state is recorded in stamp files, so a second `make` does not reinstall.
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	@touch $@

# retold's own bytecode, written once as pip does for an installed wheel: where PYTHONDONTWRITEBYTECODE is set,
# Python would otherwise compile its ~80 modules from source at every start (~0.5 s of a `retold check`).
# Rewritten whenever a source file is newer than the last compile.
$(VENV)/.bytecode: $(VENV)/.installed $(shell find src -name '*.py')
	$(BIN)/python -m compileall -q src
	@touch $@

demo: $(VENV)/.installed $(VENV)/.bytecode
	$(BIN)/retold rewrite $(EXAMPLE) --format text

test: $(VENV)/.installed-dev $(VENV)/.bytecode
	$(BIN)/python -m pytest

# The property tests with many new examples each run (the test suite and CI draw the same ones every time):
# a failure found here is pinned as an explicit example beside its property.
fuzz: $(VENV)/.installed-dev $(VENV)/.bytecode
	RETOLD_TEST_PROFILE=explore $(BIN)/python -m pytest tests/test_fuzz.py tests/test_serve_fuzz.py

# Lint, format and types: ruff and mypy as pyproject.toml configures them (mypy also reads the README's Python
# examples, kept word for word in tests/readme_examples.py).
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The `ray` extra (retold batch --executor ray), hash-pinned like the rest: the dev set plus Ray and its needs.
ray: $(VENV)/.installed-ray

$(VENV)/.installed-ray: $(VENV)/.installed-dev requirements-ray.lock
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-ray.lock
	@touch $@

# Quality gates: each fails when a figure drops below bench/baseline.json (bench/llm.py also when a planted
# error reaches the output of the llm engine, bench/styles.py when any style's rewrite has a check error).
bench: $(VENV)/.installed-dev
	$(BIN)/python bench/selfcheck.py --gate
	$(BIN)/python bench/bump.py --gate
	$(BIN)/python bench/pages.py --gate
	$(BIN)/python bench/summedits.py --gate
	$(BIN)/python bench/styles.py --gate
	$(BIN)/python bench/gap.py --data bench/data/gap/gap-development.tsv --gate
	$(BIN)/python bench/llm.py --gate

perturb: $(VENV)/.installed-dev
	$(BIN)/python bench/perturb.py --gate

speed: $(VENV)/.installed $(VENV)/.bytecode
	$(BIN)/python bench/speed.py

selfcheck: $(VENV)/.installed
	$(BIN)/python bench/selfcheck.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
