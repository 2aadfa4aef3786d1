"""Batch scoring throughput, parallel speed-up and memory.

    .venv/bin/python benchmarks/bench_score.py [--n 40] [--memory-n 1000]

Replicates the five seed reports into a temporary folder (copies, so every
file is analysed afresh), then:
  * scores --n files with jobs=1 and jobs=2: reports/s, reports/s per core,
    and the speed-up of 2 jobs over 1 (issue target: >= 2 reports/s per core,
    speed-up >= 1.7);
  * scores --memory-n files with jobs=2 and prints the peak resident memory of
    the parent and of the largest worker (issue target: flat, <= 1 GB), with
    the peak after the first 10 % for comparison.
Not a test: nothing asserts.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _replicate(n: int, into: Path) -> list[Path]:
    seeds = sorted((ROOT / "corpus/reports").glob("*.txt"))
    out = []
    for i in range(n):
        target = into / f"{i:05d}_{seeds[i % len(seeds)].name}"
        shutil.copyfile(seeds[i % len(seeds)], target)
        out.append(target)
    return out


def _peak_mb(who) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--memory-n", type=int, default=1000)
    args = ap.parse_args()
    from cchc_nlp.batch import score_files

    with tempfile.TemporaryDirectory() as tmp:
        files = _replicate(max(args.n, args.memory_n), Path(tmp))
        score_files(files[:5], jobs=1)  # warm-up: models loaded in this process
        rates = {}
        for jobs in (1, 2):
            t = time.perf_counter()
            frame, failed = score_files(files[: args.n], jobs=jobs)
            dt = time.perf_counter() - t
            rates[jobs] = args.n / dt
            print(f"jobs={jobs}: {args.n} reports in {dt:.1f} s = {rates[jobs]:.2f} reports/s "
                  f"({rates[jobs] / jobs:.2f} per core), {failed} failed")
        print(f"speed-up of 2 jobs over 1: {rates[2] / rates[1]:.2f}x "
              "(jobs=2 pays for loading the models in each worker)")
        if args.memory_n:
            t = time.perf_counter()
            score_files(files[: args.memory_n], jobs=2)
            dt = time.perf_counter() - t
            print(f"{args.memory_n} reports with jobs=2 in {dt:.0f} s "
                  f"({args.memory_n / dt:.2f} reports/s); peak RSS parent "
                  f"{_peak_mb(resource.RUSAGE_SELF):.0f} MB, largest worker "
                  f"{_peak_mb(resource.RUSAGE_CHILDREN):.0f} MB")


if __name__ == "__main__":
    main()
