"""Compare PDF text extractors on the PDF renditions of the seed reports (a benchmark, not a test).

Candidates (all permissive; PyMuPDF is AGPL-3.0 and deliberately left out):

    pypdfium2   Apache-2.0 / BSD-3 (bindings), PDFium BSD-3 / Apache-2.0  <- used by cchc_nlp
    pdfplumber  MIT, on pdfminer.six (MIT)
    pypdf       BSD-3, pure Python

For each library, on the same files (``tests/renditions.py``'s ``make_pdf`` of
the five seeds, built in a temporary directory):

* speed: open the file and extract the text of every page; median over
  ``--repeat`` runs (after one warm-up run) of the total time, divided by the
  number of pages;
* fidelity against the text the PDF was made from (``seed_text``), both
  whitespace-collapsed, the extraction NFC-normalised first:
    - ``words``: difflib ratio of the two word sequences (a character-level
      SequenceMatcher takes >10 s per report, so we compare words),
    - ``diacr F1``: F1 over the multiset of Vietnamese letters with diacritics
      (the 134 letters outside ASCII: à á ả ... ỵ đ and their capitals),
    - ``exact``: reports whose collapsed extraction equals the source;
* hygiene of the *raw* extraction: code points that are not NFC (combining
  marks left uncomposed, or a character NFC replaces), U+FFFD, private-use
  glyphs (U+E000-U+F8FF and the supplementary private-use planes), and other
  control / non-characters (anything in Cc/Cn except tab, LF, CR, FF);
* tables: pdfplumber's ``extract_tables()`` rows against the rows of the
  tab-separated tables in the source (which ``make_pdf`` drew as grids), and
  how many match the source row cell for cell.  pypdfium2 and pypdf have no
  table extractor; for reference the table also shows the appendix rows that
  ``cchc_nlp.pipeline.parse`` recovers from the pypdfium2 text.

Run::

    python benchmarks/bench_pdf_readers.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import difflib
import platform
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # renditions.py lives with the tests

from _table import print_table  # noqa: E402
from renditions import SEEDS, make_pdf, seed_text  # noqa: E402

from cchc_nlp.ingest.legacy import VIETNAMESE_LETTERS  # noqa: E402

DIACRITIC_LETTERS = frozenset(VIETNAMESE_LETTERS)

LICENCES = {
    "pypdfium2": "Apache-2.0/BSD-3 (PDFium BSD-3/Apache-2.0)",
    "pdfplumber": "MIT (pdfminer.six MIT)",
    "pypdf": "BSD-3",
}


# --------------------------------------------------------------------------
# The extractors: path -> list of page texts
# --------------------------------------------------------------------------


def pages_pypdfium2(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        out = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            out.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return out
    finally:
        pdf.close()


def pages_pdfplumber(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def pages_pypdf(path: Path) -> list[str]:
    import pypdf

    return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]


EXTRACTORS = {
    "pypdfium2": pages_pypdfium2,
    "pdfplumber": pages_pdfplumber,
    "pypdf": pages_pypdf,
}


def tables_pdfplumber(path: Path) -> list[list[list[str | None]]]:
    """Every table pdfplumber finds, page by page (default 'lines' strategy)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [t for page in pdf.pages for t in page.extract_tables()]


# --------------------------------------------------------------------------
# Fidelity measures
# --------------------------------------------------------------------------


def collapse(text: str) -> str:
    return " ".join(text.split())


def word_ratio(source: str, extracted: str) -> float:
    return difflib.SequenceMatcher(None, source.split(), extracted.split(), autojunk=False).ratio()


def diacritic_counts(text: str) -> Counter:
    return Counter(c for c in text if c in DIACRITIC_LETTERS)


def f1(source: Counter, extracted: Counter) -> float:
    hit = sum((source & extracted).values())
    if not hit:
        return 0.0
    precision = hit / sum(extracted.values())
    recall = hit / sum(source.values())
    return 2 * precision * recall / (precision + recall)


def _private_use(c: str) -> bool:
    return unicodedata.category(c) == "Co"  # BMP PUA and planes 15-16


def hygiene(raw: str) -> dict[str, int]:
    """Suspicious code points in a raw (not normalised) extraction."""
    return {
        "non_nfc": sum(
            1 for c in raw if unicodedata.combining(c) or unicodedata.normalize("NFC", c) != c
        ),
        "fffd": raw.count("\ufffd"),
        "pua": sum(1 for c in raw if _private_use(c)),
        "ctrl": sum(
            1 for c in raw
            if unicodedata.category(c) in ("Cc", "Cn") and c not in "\t\n\r\f"
        ),
    }


def source_table_rows(text: str) -> list[tuple[str, ...]]:
    """Rows of the tab-separated tables in the source, padded per table like make_pdf does."""
    rows, table = [], []
    for line in text.split("\n") + [""]:
        if "\t" in line:
            table.append(line.split("\t"))
            continue
        if table:
            width = max(len(r) for r in table)
            rows += [tuple(collapse(c) for c in r + [""] * (width - len(r))) for r in table]
            table = []
    return rows


def plumber_rows(tables) -> list[tuple[str, ...]]:
    return [tuple(collapse(c or "") for c in row) for t in tables for row in t]


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5, help="timed runs; the median is reported (default 5)")
    args = ap.parse_args()

    from cchc_nlp.pipeline import parse

    with tempfile.TemporaryDirectory(prefix="cchc-bench-pdf-") as tmp:
        print(f"building .pdf renditions of {len(SEEDS)} seeds in {tmp} ...", file=sys.stderr)
        sources, pdfs = [], []
        for seed in SEEDS:
            text = seed_text(seed)
            sources.append(text)
            pdfs.append(make_pdf(text, Path(tmp) / f"{seed.stem}.pdf"))

        # Warm-up run; its output is what the fidelity measures look at.
        extracted = {lib: [fn(p) for p in pdfs] for lib, fn in EXTRACTORS.items()}
        tables = [tables_pdfplumber(p) for p in pdfs]
        n_pages = [len(extracted["pypdfium2"][i]) for i in range(len(pdfs))]
        total_pages = sum(n_pages)

        # Timed runs, libraries interleaved so that drift hits all alike.
        times: dict[str, list[float]] = {lib: [] for lib in [*EXTRACTORS, "pdfplumber tables"]}
        for _ in range(args.repeat):
            for lib, fn in EXTRACTORS.items():
                t0 = time.perf_counter()
                for p in pdfs:
                    fn(p)
                times[lib].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            for p in pdfs:
                tables_pdfplumber(p)
            times["pdfplumber tables"].append(time.perf_counter() - t0)

        # cchc_nlp's own appendix rows from the PDF (pypdfium2 text + line heuristics)
        cchc_pdf_rows = [sum(len(t.rows) for t in parse(p).tables) for p in pdfs]
        cchc_txt_rows = [sum(len(t.rows) for t in parse(s).tables) for s in SEEDS]

    # ---- per-library fidelity ----
    summary, per_seed = [], {}
    for lib in EXTRACTORS:
        ratios, src_counts, ext_counts, exact = [], Counter(), Counter(), 0
        hyg = Counter()
        for i, seed in enumerate(SEEDS):
            raw = "\n".join(extracted[lib][i])
            ext = collapse(unicodedata.normalize("NFC", raw))
            src = collapse(sources[i])
            r = word_ratio(src, ext)
            s_c, e_c = diacritic_counts(src), diacritic_counts(ext)
            ratios.append(r)
            src_counts += s_c
            ext_counts += e_c
            exact += ext == src
            hyg.update(hygiene(raw))
            per_seed[(lib, seed.stem)] = (r, f1(s_c, e_c))
        t = statistics.median(times[lib])
        summary.append((
            lib, version(lib), str(total_pages), f"{t / total_pages * 1e3:.2f}",
            f"{total_pages / t:.0f}", f"{statistics.mean(ratios):.4f}", f"{min(ratios):.4f}",
            f"{f1(src_counts, ext_counts):.4f}", f"{exact}/{len(SEEDS)}",
            str(hyg["non_nfc"]), str(hyg["fffd"]), str(hyg["pua"]), str(hyg["ctrl"]),
        ))

    print(f"# PDF text extraction: {len(SEEDS)} seed renditions ({total_pages} pages), "
          f"median of {args.repeat} runs")
    print(f"# Python {platform.python_version()}, {platform.machine()}, {time.strftime('%Y-%m-%d')}")
    print()
    print_table(("library", "version", "pages", "ms/page", "pages/s", "words mean", "words min",
                 "diacr F1", "exact", "non-NFC", "U+FFFD", "PUA", "ctrl"), summary)
    print()
    print("words: difflib ratio of word sequences vs the source (whitespace-collapsed, NFC);")
    print("diacr F1: F1 over the multiset of Vietnamese letters with diacritics (all seeds pooled);")
    print("exact: reports whose collapsed extraction equals the source;")
    print("non-NFC / U+FFFD / PUA / ctrl: suspicious code points in the raw extraction (all seeds).")
    print()

    # ---- per-seed fidelity ----
    head = ["seed", "pages"]
    for lib in EXTRACTORS:
        head += [f"{lib} words", f"{lib} F1"]
    rows = []
    for i, seed in enumerate(SEEDS):
        cells = [seed.stem, str(n_pages[i])]
        for lib in EXTRACTORS:
            r, f = per_seed[(lib, seed.stem)]
            cells += [f"{r:.4f}", f"{f:.4f}"]
        rows.append(tuple(cells))
    print("# per seed")
    print()
    print_table(tuple(head), rows)
    print()

    # ---- tables ----
    rows = []
    for i, seed in enumerate(SEEDS):
        src = source_table_rows(sources[i])
        got = plumber_rows(tables[i])
        match = sum((Counter(src) & Counter(got)).values())
        rows.append((seed.stem, str(len(src)), str(len(tables[i])), str(len(got)), str(match),
                     str(cchc_txt_rows[i]), str(cchc_pdf_rows[i])))
    t_tab = statistics.median(times["pdfplumber tables"])
    print("# tables: rows of the drawn (tab-separated in the source) tables")
    print()
    print_table(("seed", "source rows", "plumber tables", "plumber rows", "rows = source",
                 "cchc rows .txt", "cchc rows .pdf"), rows)
    print()
    print(f"pdfplumber extract_tables(): {t_tab / total_pages * 1e3:.2f} ms/page "
          f"(on top of opening the file; median of {args.repeat})")
    print("rows = source: pdfplumber rows equal to a source row cell for cell (whitespace-collapsed).")
    print("cchc rows: appendix rows of cchc_nlp.pipeline.parse on the seed .txt and on the .pdf")
    print("(pypdfium2 text + line heuristics; pypdfium2 and pypdf extract no tables themselves).")
    print("Seeds with 0 source rows have their appendix as plain lines, not a drawn table.")
    print()
    print("licences:")
    for lib, lic in LICENCES.items():
        print(f"  {lib:<11} {lic}")
    print("  PyMuPDF     AGPL-3.0 -- excluded")


if __name__ == "__main__":
    main()
