"""Throughput of citation extraction (a benchmark, not a test).

Concatenates the seed reports (as they are on disk, line breaks and all) until
the text is at least 5 MB, times ``find_citations`` on it, and prints MB/s and
the ratio against one ``re.finditer(r"\\d+", text)`` pass over the same text in
the same process, so the figure means something on any machine.  Target:
>= 5 MB/s on one core.

Run::

    python benchmarks/bench_citations.py [--mb 5] [--repeat 3]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cchc_nlp.citations import find_citations  # noqa: E402
from cchc_nlp.config import corpus_dir  # noqa: E402


def seed_text(min_bytes: int) -> str:
    """The seeds, concatenated and repeated until ``min_bytes`` of UTF-8."""
    paths = sorted((corpus_dir() / "reports").glob("*.txt"))
    if not paths:  # a checkout without the corpus: the shared copy beside it
        paths = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if not paths:
        raise SystemExit("no seed reports found in corpus/reports/ or ../shared/seeds/")
    one = "\n\n".join(p.read_text(encoding="utf-8") for p in paths)
    size = len(one.encode("utf-8"))
    return "\n\n".join([one] * (min_bytes // size + 1))


def best_of(repeat: int, fn) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=5.0, help="minimum text size in MB (default 5)")
    ap.add_argument("--repeat", type=int, default=3, help="runs; the best is reported (default 3)")
    args = ap.parse_args()

    text = seed_text(int(args.mb * 1_000_000))
    mb = len(text.encode("utf-8")) / 1_000_000
    digits = re.compile(r"\d+")

    t_base, n_numbers = best_of(args.repeat, lambda: sum(1 for _ in digits.finditer(text)))
    t_cite, cites = best_of(args.repeat, lambda: find_citations(text))

    print(f"text: {mb:.2f} MB ({len(text):,} characters), {len(cites):,} citations, {n_numbers:,} digit runs")
    print(f"re.finditer(r'\\d+'):  {t_base:7.3f} s  {mb / t_base:8.1f} MB/s")
    print(f"find_citations:       {t_cite:7.3f} s  {mb / t_cite:8.1f} MB/s")
    print(f"ratio (find_citations time / finditer time): {t_cite / t_base:.1f}x")
    print(f"target >= 5 MB/s: {'met' if mb / t_cite >= 5 else 'NOT met'}")


if __name__ == "__main__":
    main()
