# Fresh machine: `make run` (main job on the bundled corpus) or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT := out

.PHONY: run test install browser serve screenshots train bench notebooks clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The main job on the bundled corpus: index every report, write the digests
# (HTML and Markdown) and the score table into out/, print the scores and one
# example search ("which communes cited Nghị định 61/2018/NĐ-CP?").
run: $(STAMP)
	mkdir -p $(OUT)
	$(BIN)/cchc parse corpus/reports --format table
	rm -f $(OUT)/index.sqlite $(OUT)/index.sqlite-wal $(OUT)/index.sqlite-shm
	$(BIN)/cchc index corpus/reports --db $(OUT)/index.sqlite
	$(BIN)/cchc digest corpus/reports --format html -o $(OUT)/digests
	$(BIN)/cchc digest corpus/reports --format md -o $(OUT)/digests
	$(BIN)/cchc cites corpus/reports --format csv -o $(OUT)/citations.csv
	$(BIN)/cchc tag corpus/reports --format jsonl -o $(OUT)/areas.jsonl
	$(BIN)/cchc check corpus/reports --format jsonl -o $(OUT)/flags.jsonl
	$(BIN)/cchc score corpus/reports --format csv -o $(OUT)/scores.csv
	$(BIN)/cchc score corpus/reports --format table
	$(BIN)/cchc search --cites "Nghị định 61/2018/NĐ-CP" --db $(OUT)/index.sqlite
	@echo "Kết quả trong $(OUT)/: digests/ (html, md), scores.csv, citations.csv, areas.jsonl, flags.jsonl, index.sqlite"

# The browser tests drive the system's Chromium: installed here when missing.
browser:
	scripts/install-browser

test: $(STAMP) browser
	$(BIN)/pytest -n 2

# The web app for reviewers on http://127.0.0.1:8000 (index in out/web.sqlite).
serve: $(STAMP)
	mkdir -p $(OUT)
	$(BIN)/cchc serve --db $(OUT)/web.sqlite

# PNG screenshots of every page, taken by the browser tests, into out/screenshots/.
screenshots: $(STAMP) browser
	CCHC_SCREENSHOTS=$(OUT)/screenshots $(BIN)/pytest tests/test_browser.py

train: $(STAMP)
	$(BIN)/cchc train

# Re-execute the notebooks in place (they read the models that `make train` writes).
notebooks: $(STAMP)
	cd notebooks && ../$(BIN)/jupyter-execute --inplace --timeout=600 *.ipynb

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_parse.py
	$(BIN)/python benchmarks/bench_pdf_readers.py
	$(BIN)/python benchmarks/bench_citations.py
	$(BIN)/python benchmarks/bench_models.py
	$(BIN)/python benchmarks/bench_score.py
	$(BIN)/python benchmarks/bench_search.py --n 5000
	$(BIN)/python benchmarks/fuzz.py --per-kind 100

clean:
	rm -rf $(VENV) $(OUT) build *.egg-info
