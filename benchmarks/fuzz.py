"""Fuzz the readers with many damaged files (a benchmark-style run, not a test).

Builds ``--per-kind`` truncations and bit-flips of a seed report's .txt, .docx
and .pdf renditions (plus wrong extensions, mixed encodings, a 1 MB line,
100,000 tiny paragraphs, Word tables nested 12 deep: ``tests/renditions.bad_files``),
then runs ``cchc parse`` over them in batches of 200, each in a fresh process,
and prints, per batch and in all: files, parsed, one-line errors, warnings,
tracebacks (must be 0), exit codes (must be 0 or 1), wall time and peak RSS of
the process; and, as the baseline run in the same way, the same batch size of
the intact seed renditions.  ``tests/test_faults.py`` runs the default 310-file
set on every test run; this script takes the long view.

Run::

    python benchmarks/fuzz.py [--per-kind 300] [--seed 17]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from renditions import SEEDS, bad_files, make_docx, make_pdf, seed_text  # noqa: E402

CCHC = str(Path(sys.executable).parent / "cchc")


def run_batch(files: list[Path]) -> dict:
    """One ``cchc parse`` process over the files: outcome counts, time, peak RSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run([CCHC, "parse", *map(str, files), "--format", "jsonl"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak_kb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    lines = [x for x in proc.stderr.split("\n") if x]
    return {"files": len(files), "parsed": len([x for x in proc.stdout.split("\n") if x]),
            "errors": sum(1 for x in lines if not x.startswith("cảnh báo: ")),
            "warnings": sum(1 for x in lines if x.startswith("cảnh báo: ")),
            "tracebacks": proc.stderr.count("Traceback"), "exit": proc.returncode,
            "seconds": seconds, "peak_mb": peak_kb / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--per-kind", type=int, default=300)
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="cchc-fuzz-") as tmp:
        tmp = Path(tmp)
        seed = SEEDS[0]
        docx = make_docx(seed_text(seed), tmp / "seed.docx")
        pdf = make_pdf(seed_text(seed), tmp / "seed.pdf")
        folder = tmp / "bad"
        folder.mkdir()
        files = bad_files(folder, seed, docx, pdf, per_kind=args.per_kind, seed=args.seed)
        print(f"# {len(files)} generated bad files, batches of 200, one fresh `cchc parse` each")
        print("| batch | files | parsed | errors | warnings | tracebacks | exit | s | s/file | peak MB |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        totals = {"files": 0, "parsed": 0, "errors": 0, "warnings": 0, "tracebacks": 0, "seconds": 0.0}
        exits, peak = set(), 0.0
        for i in range(0, len(files), 200):
            r = run_batch(files[i:i + 200])
            for k in totals:
                totals[k] += r[k]
            exits.add(r["exit"])
            peak = max(peak, r["peak_mb"])
            print(f"| {i // 200 + 1} | {r['files']} | {r['parsed']} | {r['errors']} | {r['warnings']} | "
                  f"{r['tracebacks']} | {r['exit']} | {r['seconds']:.1f} | {r['seconds'] / r['files']:.3f} | "
                  f"{r['peak_mb']:.0f} |")
        base = run_batch([seed, docx, pdf] * 10)
        print(f"\nall: {totals['files']} files, {totals['parsed']} parsed, {totals['errors']} one-line errors, "
              f"{totals['warnings']} warnings, {totals['tracebacks']} tracebacks, exit codes {sorted(exits)}, "
              f"{totals['seconds'] / totals['files']:.3f} s/file, peak {peak:.0f} MB")
        print(f"baseline (the intact .txt/.docx/.pdf, 30 files): {base['seconds'] / base['files']:.3f} s/file; "
              f"bad files cost {totals['seconds'] / totals['files'] / (base['seconds'] / base['files']):.2f}x")
        if totals["tracebacks"] or not exits <= {0, 1}:
            raise SystemExit("FAILED: a traceback or an exit code other than 0 and 1")


if __name__ == "__main__":
    main()
