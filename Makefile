# Two commands a person needs (see README): `make demo` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False
export HF_HUB_OFFLINE := 1

.PHONY: demo test venv dev-venv browser doc-tools bench calibrate clean

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "Cần Python 3.11 ($(PY) not found)"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch==2.13.0 first: it is the CPU build on this machine's disk; a bare `torch` would pull CUDA.
venv: $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e .

dev-venv: $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null) \
	  || echo "chromium could not be installed: browser tests will fail"; }

# Debian tools the loaders call: LibreOffice for .doc, Tesseract (+ Vietnamese model) and
# poppler's pdftoppm for scanned PDFs.  Installed only when a command is missing.
doc-tools:
	@command -v soffice >/dev/null 2>&1 || { \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui >/dev/null) \
	  || echo "libreoffice-writer-nogui could not be installed: .doc files will be refused"; }
	@{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie \
	   && command -v pdftoppm >/dev/null 2>&1; } || { \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-vie poppler-utils >/dev/null) \
	  || echo "tesseract-ocr-vie/poppler-utils could not be installed: scanned PDFs will be refused"; }

demo: venv doc-tools
	$(BIN)/baocao ingest data/samples
	$(BIN)/baocao serve --host 127.0.0.1 --port 7860

test: dev-venv browser doc-tools
	$(BIN)/python -m pytest -q -p no:cacheprovider
	$(BIN)/python eval/check_dev.py
	$(BIN)/python -m eval.check_sets
	$(BIN)/python -m eval.gate

# refit the answer/abstain decision on the dev splits (writes qa/calibration.json; commit it with
# the scoreboard: `python -m eval.gate --record`)
calibrate: dev-venv
	$(BIN)/python -m eval.calibrate

bench: dev-venv
	$(BIN)/python -m eval.bench --sizes 1 10 100 1000 --out bench/results.json

clean:
	rm -rf $(VENV) data/chroma data/lexical
