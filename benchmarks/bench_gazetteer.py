"""Gazetteer: index build and lookup speed (a benchmark, not a test).

Times building the unit index from the data package (``gazetteer._index``, cold)
and ``resolve``/``lookup`` over every commune name of the legacy map, spelt as
written and folded (the slower path).  Baseline in the same process: a Python
dict lookup of the same names, so the ratio means something on any machine.

Run::

    python benchmarks/bench_gazetteer.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cchc_nlp import gazetteer  # noqa: E402
from cchc_nlp.normalise import fold  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    builds = []
    for _ in range(args.repeat):
        gazetteer._index.cache_clear()
        t0 = time.perf_counter()
        gazetteer._index()
        builds.append(time.perf_counter() - t0)
    communes = [u for u in gazetteer.all_units(map=gazetteer.LEGACY, kind="commune")]
    names = [(u.name, u.district) for u in communes]
    folded = [(fold(n), d) for n, d in names]
    table = {n: d for n, d in names}

    def timed(fn) -> float:
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - t0)
        return best

    base = timed(lambda: [table.get(n) for n, _ in names])
    exact = timed(lambda: [gazetteer.resolve(commune=n, district=d) for n, d in names])
    loose = timed(lambda: [gazetteer.resolve(commune=n, district=d) for n, d in folded])
    n = len(names)
    print(f"## Gazetteer ({time.strftime('%Y-%m-%d')}; {n:,} communes of the legacy map)\n")
    print(f"- index build (cold): best {min(builds):.2f} s of {args.repeat}")
    print(f"- resolve, names as written: {exact / n * 1e6:.1f} µs each ({exact / base:.0f}× a dict lookup)")
    print(f"- resolve, names folded (no diacritics): {loose / n * 1e6:.1f} µs each ({loose / base:.0f}× a dict lookup)")


if __name__ == "__main__":
    main()
