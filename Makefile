# Every target creates .venv from the pinned versions when it is missing or stale.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test lint bench lighthouse linkcheck freshness schema vendor clean

$(STAMP): requirements.lock pyproject.toml
	@echo "Installing the pinned Python packages into $(VENV)/ (first run or a changed requirements.lock: about a minute)..."
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $(STAMP)
	@echo "Installed."

serve: $(STAMP) ## serve the site with live reload at http://127.0.0.1:8000/mlops-interview-guide/
	@echo "Building the whole site (about 20 to 40 s), then serving it at http://127.0.0.1:8000/mlops-interview-guide/"
	@echo "Every edit to docs/, data/, macros/ or overrides/ rebuilds it; Ctrl+C stops. (No offline copy under serve.)"
	@$(BIN)/mkdocs serve --livereload

build: $(STAMP) ## strict build into site/
	$(BIN)/mkdocs build --strict --site-dir site

check: $(STAMP) ## validate data/questions.yaml
	$(BIN)/python -m macros check

lint: $(STAMP)
	$(BIN)/ruff check macros tests scripts
	$(BIN)/ruff format --check macros tests scripts

test: $(STAMP) check lint ## every test: unit, build, browser
	$(BIN)/python -m pytest

schema: $(STAMP) ## regenerate data/questions.schema.json from macros/schema.py
	$(BIN)/python -m macros schema --write

bench: $(STAMP) ## build-time and page-weight benchmarks (prints ratios, asserts nothing)
	$(BIN)/python scripts/bench.py

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

vendor: $(STAMP) node_modules/.installed ## copy the pinned browser libraries (ts-fsrs, @panzoom/panzoom) from node_modules into docs/assets/vendor/
	$(BIN)/python scripts/vendor.py

lighthouse: $(STAMP) node_modules/.installed ## Lighthouse (mobile) on every kind of page, beside stock Material: perf median >= 95, the rest 100
	$(BIN)/python scripts/lighthouse.py

linkcheck: $(STAMP) ## opt-in: are the external reference URLs live? (needs the network)
	$(BIN)/python scripts/linkcheck.py

freshness: $(STAMP) ## opt-in: which answers' version facts or reviews have aged? (needs the network)
	$(BIN)/python scripts/freshness.py

clean:
	rm -rf site .venv .pytest_cache .hypothesis node_modules lighthouse-reports
