"""Throughput of ``cchc_nlp.pipeline.parse`` per input format (a benchmark, not a test).

Builds .docx and .pdf renditions of the five seed reports (``tests/renditions.py``)
in a temporary directory, then, in one warm process and on the same files:

* times ``parse(path)`` over the five files of each format (.txt, .docx, .pdf)
  and reports reports/s and MB/s of input file bytes;
* times a *baseline* that only reads and decodes the same files, so the ratio
  means something on any machine:

    .txt   read the bytes + ``bytes.decode("utf-8")``
    .docx  read the bytes + ``docx.Document(...)`` + join the paragraph texts
    .pdf   read the bytes + pypdfium2 text extraction of every page

* times the cold import of ``cchc_nlp.pipeline`` (and the first ``parse`` after
  it, which builds the gazetteer index) in fresh interpreters;
* prints the format agreement: for each seed, the ``difflib`` ratio between the
  .txt parse and the .docx / .pdf parse of the paragraph texts, the
  ``(number, title)`` headings and the appendix rows (first 4 cells).

Every timing is the median of ``--repeat`` runs measured with
``time.perf_counter``; one untimed warm-up pass comes first.

Run::

    python benchmarks/bench_parse.py [--repeat 7] [--cold 5]
"""

from __future__ import annotations

import argparse
import difflib
import io
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # renditions.py lives with the tests

from _table import print_table  # noqa: E402
from renditions import SEEDS, make_docx, make_pdf, seed_text  # noqa: E402

FORMATS = ("txt", "docx", "pdf")


# --------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------


def build_renditions(out: Path) -> dict[str, list[Path]]:
    """{"txt": seed files, "docx": renditions, "pdf": renditions}, in seed order."""
    if not SEEDS:
        raise SystemExit("no seed reports found in corpus/reports/")
    files: dict[str, list[Path]] = {f: [] for f in FORMATS}
    for seed in SEEDS:
        text = seed_text(seed)  # the renditions are made from the normalised text
        files["txt"].append(seed)
        files["docx"].append(make_docx(text, out / f"{seed.stem}.docx"))
        files["pdf"].append(make_pdf(text, out / f"{seed.stem}.pdf"))
    return files


# --------------------------------------------------------------------------
# Baselines: read and decode, nothing else
# --------------------------------------------------------------------------


def baseline_txt(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def baseline_docx(path: Path) -> str:
    import docx

    document = docx.Document(io.BytesIO(path.read_bytes()))
    return "\n".join(p.text for p in document.paragraphs)


def baseline_pdf(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path.read_bytes())
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return "\n".join(pages)


BASELINES = {"txt": baseline_txt, "docx": baseline_docx, "pdf": baseline_pdf}
BASELINE_LABEL = {
    "txt": "read + utf-8 decode",
    "docx": "read + python-docx open + join paragraphs",
    "pdf": "read + pypdfium2 get_text_range per page",
}


# --------------------------------------------------------------------------
# Timing helpers
# --------------------------------------------------------------------------


def time_all(fn, paths: list[Path]) -> float:
    """Seconds to call ``fn`` on every path once."""
    t0 = time.perf_counter()
    for p in paths:
        fn(p)
    return time.perf_counter() - t0


_COLD_CODE = """
import time
t0 = time.perf_counter()
import cchc_nlp.pipeline
t1 = time.perf_counter()
cchc_nlp.pipeline.parse({seed!r})
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def cold_import(runs: int, seed: Path) -> tuple[float, float, float]:
    """Median (import s, first parse s, bare interpreter start s) over fresh processes."""
    imports, firsts, bare = [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True, cwd=ROOT)
        bare.append(time.perf_counter() - t0)
        out = subprocess.run(
            [sys.executable, "-c", _COLD_CODE.format(seed=str(seed))],
            check=True, cwd=ROOT, capture_output=True, text=True,
        ).stdout.split()
        imports.append(float(out[0]))
        firsts.append(float(out[1]))
    return statistics.median(imports), statistics.median(firsts), statistics.median(bare)


# --------------------------------------------------------------------------
# Format agreement
# --------------------------------------------------------------------------


def ratio(a: list, b: list) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def views(report) -> tuple[list, list, list]:
    """What must agree across formats: paragraphs, headings, appendix rows."""
    return (
        [p.text for p in report.paragraphs],
        [(s.number, s.title) for s in report.sections],
        [r[:4] for t in report.tables for r in t.rows],
    )


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=7, help="timed runs; the median is reported (default 7)")
    ap.add_argument("--cold", type=int, default=5, help="fresh processes for the cold import (default 5)")
    args = ap.parse_args()

    # The package import is part of the warm benchmark only: cold import is
    # measured in subprocesses below.
    from cchc_nlp.pipeline import parse

    with tempfile.TemporaryDirectory(prefix="cchc-bench-parse-") as tmp:
        print(f"building .docx and .pdf renditions of {len(SEEDS)} seeds in {tmp} ...",
              file=sys.stderr)
        t0 = time.perf_counter()
        files = build_renditions(Path(tmp))
        print(f"  built in {time.perf_counter() - t0:.1f} s", file=sys.stderr)

        # Warm-up: imports of python-docx/pypdfium2, the gazetteer index, the
        # page cache.  Keep the reports for the agreement table.
        reports = {f: [parse(p) for p in files[f]] for f in FORMATS}
        for f in FORMATS:
            time_all(BASELINES[f], files[f])

        # Timed runs, formats interleaved so that drift hits all of them alike.
        t_parse = {f: [] for f in FORMATS}
        t_base = {f: [] for f in FORMATS}
        for _ in range(args.repeat):
            for f in FORMATS:
                t_base[f].append(time_all(BASELINES[f], files[f]))
                t_parse[f].append(time_all(parse, files[f]))

        sizes = {f: sum(p.stat().st_size for p in files[f]) for f in FORMATS}

    imp, first, bare = cold_import(args.cold, SEEDS[0])

    # ---- throughput table ----
    print(f"# parse throughput: {len(SEEDS)} seed reports per format, "
          f"median of {args.repeat} runs, warm process")
    print(f"# Python {platform.python_version()}, {platform.machine()}, "
          f"{_cpus()} CPUs, {time.strftime('%Y-%m-%d')}")
    print()
    head = ("format", "files", "input MB", "parse ms", "reports/s", "MB/s",
            "baseline ms", "baseline MB/s", "parse/baseline")
    rows = []
    for f in FORMATS:
        tp = statistics.median(t_parse[f])
        tb = statistics.median(t_base[f])
        mb = sizes[f] / 1e6
        rows.append((f".{f}", str(len(files[f])), f"{mb:.3f}", f"{tp * 1e3:.1f}",
                     f"{len(files[f]) / tp:.1f}", f"{mb / tp:.2f}", f"{tb * 1e3:.1f}",
                     f"{mb / tb:.2f}", f"{tp / tb:.1f}x"))
    print_table(head, rows)
    print()
    print("baselines (same files, same process):")
    for f in FORMATS:
        print(f"  .{f:<5} {BASELINE_LABEL[f]}")
    print("MB = 10^6 bytes of input file; ms = total for all files of the format.")
    print()

    # ---- cold import ----
    print(f"# cold start, median of {args.cold} fresh interpreters")
    print()
    print_table(("step", "ms"), [
        ("interpreter start + exit (python -c pass, wall)", f"{bare * 1e3:.0f}"),
        ("import cchc_nlp.pipeline", f"{imp * 1e3:.0f}"),
        (f"first parse() after import ({SEEDS[0].name}; builds gazetteer index)",
         f"{first * 1e3:.0f}"),
    ])
    print()

    # ---- format agreement ----
    print("# format agreement with the .txt parse: difflib.SequenceMatcher ratio")
    print("# (paragraph texts | (number, title) headings | appendix rows, first 4 cells)")
    print()
    head = ("seed", "paras docx", "paras pdf", "heads docx", "heads pdf",
            "rows docx", "rows pdf", "counts txt/docx/pdf (paras; heads; rows)")
    rows = []
    for i, seed in enumerate(SEEDS):
        v = {f: views(reports[f][i]) for f in FORMATS}
        cells = [seed.stem]
        for k in range(3):  # paragraphs, headings, rows
            for f in ("docx", "pdf"):
                cells.append(f"{ratio(v['txt'][k], v[f][k]):.3f}")
        counts = "; ".join("/".join(str(len(v[f][k])) for f in FORMATS) for k in range(3))
        rows.append((*cells, counts))
    print_table(head, rows)


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


if __name__ == "__main__":
    main()
