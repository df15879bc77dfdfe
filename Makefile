# The commands people type. A fresh clone needs only `make run` or `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
APP_LOCK := requirements/app.lock
# Branch coverage in `make test`, with its floor in pyproject.toml ([tool.coverage]);
# `make test COVERAGE=` runs the tests without measuring (faster on Python 3.11).
COVERAGE ?= --cov
DEV_LOCK := requirements/dev.lock

.PHONY: run test lint typecheck unit bench bench-scale lock clean help docs-exports docs-illustrations docs-screenshots docs-measure docs-camera

help:  ## Show the targets.
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.app-installed: $(APP_LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r $(APP_LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev-installed: $(DEV_LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r $(DEV_LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.app-installed

run: $(VENV)/.app-installed  ## Install midback and serve it on http://127.0.0.1:8000.
	$(BIN)/midback serve

test: $(VENV)/.dev-installed  ## Install test tools, then lint, type-check and run every test.
	$(BIN)/ruff check src tests $(wildcard benchmarks)
	$(BIN)/ruff format --check src tests $(wildcard benchmarks)
	$(BIN)/mypy src
	scripts/ensure-chromium
	scripts/ensure-camera-clip-tools
	scripts/ensure-postgres
	$(BIN)/pytest $(COVERAGE)

unit: $(VENV)/.dev-installed  ## Only the fast unit tests.
	$(BIN)/pytest tests/unit -q

BENCHMARKS := content plan illustrations pages pages_year api_load

bench: $(VENV)/.dev-installed  ## Run every benchmark; each prints ratios against its own baseline.
	@scripts/ensure-wrk
	@for b in $(BENCHMARKS); do echo "== benchmarks/$$b.py"; $(BIN)/python benchmarks/$$b.py || exit 1; done

bench-scale: $(VENV)/.dev-installed  ## Opt-in: 1,000 people on SQLite under load (docs/scale.md: full size).
	@scripts/ensure-wrk
	$(BIN)/python benchmarks/scale.py --people $(or $(PEOPLE),1000) $(if $(DATABASE),--database $(DATABASE))

docs-exports: $(VENV)/.app-installed  ## Regenerate docs/schema/ and the sample handout (needs pdftoppm).
	$(BIN)/midback export schema docs/schema
	$(BIN)/midback export pdf -e wall-angel,open-book,seated-rib-breathing,doorway-pec-stretch \
		--title "Mid-back routine for desk days" --name "Alex Morgan" \
		--clinician "Sam Lee, physiotherapist" --base-url https://midback.example.org \
		-o docs/handout-sample.pdf
	pdftoppm -png -r 100 -f 1 -l 1 -singlefile docs/handout-sample.pdf docs/handout-sample

docs-illustrations: $(VENV)/.app-installed  ## Redraw docs/illustrations.svg, the contact sheet (and .png with rsvg-convert).
	$(BIN)/midback exercises draw --sheet docs/illustrations.svg
	command -v rsvg-convert >/dev/null && rsvg-convert -z 0.75 -b white -o docs/illustrations.png docs/illustrations.svg || echo "rsvg-convert not found (apt-get install librsvg2-bin): PNG not redrawn"

docs-screenshots: $(VENV)/.dev-installed  ## Refresh docs/screenshots/ (the README's pictures) from the browser tests.
	scripts/ensure-chromium
	MIDBACK_SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots $(BIN)/pytest tests/e2e/browser -q -k "screenshots"
docs-measure: $(VENV)/.dev-installed  ## Redraw docs/screenshots/measure-phone.png (needs /usr/bin/chromium).
	$(BIN)/python scripts/measure-screenshot
docs-camera: $(VENV)/.dev-installed  ## Retake docs/screenshots/player-camera.png (the camera coach counting a fake camera clip).
	scripts/ensure-chromium
	scripts/ensure-camera-clip-tools
	MIDBACK_SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots MIDBACK_CAMERA_SCREENSHOT=1 \
		$(BIN)/pytest -q tests/e2e/browser/test_camera_browser.py -k counts_reps

lock:  ## Re-pin dependencies after editing pyproject.toml (needs uv: pip install uv).
	uv pip compile pyproject.toml --python-version 3.11 -o $(APP_LOCK) --quiet
	uv pip compile pyproject.toml --python-version 3.11 --extra dev -o $(DEV_LOCK) --quiet

clean:  ## Remove the virtual environment and caches.
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis .coverage htmlcov
