# Fresh machine: `make run` (main job on the bundled corpus) or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT := out

.PHONY: run test install train bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The main job: read every report, print what was recovered, and write the
# citations and the per-paragraph areas of every report into out/.
run: $(STAMP)
	mkdir -p $(OUT)
	$(BIN)/cchc parse corpus/reports --format table
	$(BIN)/cchc cites corpus/reports --format csv -o $(OUT)/citations.csv
	$(BIN)/cchc tag corpus/reports --format jsonl -o $(OUT)/areas.jsonl
	$(BIN)/cchc tag corpus/reports/000_46eead6140f5e907.txt --format table
	@echo "Đã ghi: $(OUT)/citations.csv, $(OUT)/areas.jsonl"

test: $(STAMP)
	$(BIN)/pytest

train: $(STAMP)
	$(BIN)/cchc train

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_parse.py
	$(BIN)/python benchmarks/bench_pdf_readers.py
	$(BIN)/python benchmarks/bench_citations.py

clean:
	rm -rf $(VENV) $(OUT) build *.egg-info
