# Two commands for a newcomer:  `make book`  and  `make test`.
# Both create the virtual environment and install the pinned requirements first.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
BUILD_DIR ?= _build
STAMP := $(VENV)/.installed
# nbgrader and jupyter call helper programs from the environment's bin/.
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: help install book test lint unit nbval build-test lab bench clean

help:
	@echo "make book   build the website from clean and print the path of index.html"
	@echo "make test   run every test (lint, library, notebooks, book build, browser, coursework)"
	@echo "make lab    open the notebooks in JupyterLab"
	@echo "make bench  time the activation functions against NumPy/SciPy references"

install: $(STAMP)
$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

# ---- the website -----------------------------------------------------------
book: install
	rm -rf $(BUILD_DIR)
	$(BIN)/jupyter-book build . --path-output $(BUILD_DIR) -W -n
	@echo "Open $(abspath $(BUILD_DIR))/_build/html/index.html"

lab: install
	$(BIN)/jupyter lab chapters

bench: install
	$(PY) benchmarks/bench_activations.py

# ---- tests -----------------------------------------------------------------
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check code tests benchmarks

unit: install
	$(PY) -m pytest tests -m "not browser and not coursework"

nbval: install
	$(PY) -m pytest --nbval chapters --nbval-sanitize-with tests/nbval_sanitize.cfg \
		-n 2 --dist loadscope -p no:cacheprovider

test: lint unit nbval book
	@echo "All tests passed."

clean:
	rm -rf $(BUILD_DIR) .pytest_cache .ruff_cache .jupyter_cache
