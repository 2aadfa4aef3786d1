"""A national year on one machine: `cchc index` + `cchc score --jobs 2` over 13,000 reports.

    .venv/bin/python benchmarks/bench_national.py [--n 13000] [--jobs 2] [--engine processes|dask]

Since 1 July 2025 there are about 3,300 communes and wards, so about 13,000
quarterly, semi-annual and annual reports a year.  This builds that many from the
corpus's own reports (the five seeds and every other corpus text that reads as a
report), each one rewritten for a different commune of the 2025 map, period and
year, with its figures shifted a little, so that no two files are alike and
nothing is deduplicated.  Then it times, as a user would run them (cold processes):

  * ``cchc index FOLDER --db … --jobs N`` (a fresh index);
  * ``cchc score FOLDER --jobs N --format csv -o …``;

and prints wall time, reports/s, the peak resident memory of the parent process
and of the largest worker (sampled every 0.2 s), and the time projected for the
whole year when ``--n`` is smaller.  The baseline run in the same process is
scoring the first 200 files with one job, so the two-job figures come with their
speed-up.  Not a test: nothing asserts.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

YEAR_OF_REPORTS = 13_000
PERIODS = (("quý I", 3), ("6 tháng đầu năm", 6), ("9 tháng", 9), ("năm", 12))
_NUMBER = re.compile(r"(?<![\d/.,\-])\d{2,5}(?![\d/\-]|[.,]\d)")


def templates() -> list[tuple[str, str, int | None]]:
    """(text, unit name, period year) of every corpus text that reads as a report."""
    import logging

    from cchc_nlp.pipeline import parse

    logging.getLogger("cchc_nlp").setLevel(logging.ERROR)  # "no outline" warnings of news items
    out = []
    folders = ["reports", "extra", "web"]
    for folder in folders:
        for f in sorted((ROOT / "corpus" / folder).glob("*.txt")):
            r = parse(f, gazetteer=False)
            if r.meta.kind == "bao_cao" and r.meta.unit_name and len(r.text) >= 1500:
                out.append((f.read_text(encoding="utf-8"), r.meta.unit_name,
                            r.meta.period.year if r.meta.period else None))
    return out


def build(n: int, into: Path, bases: list, seed: int = 2026) -> list[Path]:
    """``n`` distinct reports in ``into``, each from one of ``bases`` (:func:`templates`):
    a commune, a period and figures each their own."""
    from cchc_nlp.gazetteer import all_units

    rng = random.Random(seed)
    communes = [u for u in all_units(map="2025", kind=("xa", "phuong", "dac_khu"))]
    rng.shuffle(communes)
    paths = []
    for i in range(n):
        text, unit, year = bases[i % len(bases)]
        commune = communes[i % len(communes)]
        period, _ = PERIODS[(i // len(communes)) % len(PERIODS)]
        new = text.replace(unit, commune.name).replace(unit.upper(), commune.name.upper())
        if year:
            new = new.replace(str(year), "2026")
        new = re.sub(r"6 tháng đầu năm|9 tháng|quý [IV]+", period, new, count=2)
        new = _NUMBER.sub(lambda m: str(max(1, int(m.group()) + rng.randint(-int(m.group()) // 10,
                                                                            int(m.group()) // 10))), new)
        path = into / f"{i:05d}_{commune.code}.txt"
        path.write_text(new, encoding="utf-8")
        paths.append(path)
    return paths


def _rss_mb(proc) -> float:
    try:
        return proc.memory_info().rss / 2**20
    except Exception:  # the process ended between listing and reading
        return 0.0


def timed(cmd: list[str]) -> tuple[float, float, float, int]:
    """(seconds, parent peak MB, largest worker peak MB, exit code) of one command."""
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(proc.pid)
    peaks = {"parent": 0.0, "worker": 0.0}
    done = threading.Event()

    def sample():
        while not done.is_set():
            peaks["parent"] = max(peaks["parent"], _rss_mb(parent))
            try:
                children = parent.children(recursive=True)
            except psutil.Error:
                children = []
            for c in children:
                peaks["worker"] = max(peaks["worker"], _rss_mb(c))
            done.wait(0.2)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    code = proc.wait()
    done.set()
    watcher.join()
    return time.perf_counter() - t0, peaks["parent"], peaks["worker"], code


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=YEAR_OF_REPORTS)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--engine", default="processes", choices=("processes", "dask"))
    ap.add_argument("--baseline-n", type=int, default=200)
    args = ap.parse_args()
    cchc = str(Path(sys.executable).parent / "cchc")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        t0 = time.perf_counter()
        bases = templates()
        files = build(args.n, folder, bases)
        built = time.perf_counter() - t0
        size = sum(f.stat().st_size for f in files)
        base_dir = Path(tmp) / "baseline"
        base_dir.mkdir()
        for f in files[:args.baseline_n]:
            (base_dir / f.name).symlink_to(f)
        base = timed([cchc, "score", str(base_dir), "--format", "csv", "-o", str(Path(tmp) / "b.csv")])
        engine = ["--engine", args.engine] if args.engine != "processes" else []
        index = timed([cchc, "index", str(folder), "--db", str(Path(tmp) / "index.sqlite"),
                       "--jobs", str(args.jobs), *engine])
        db_mb = (Path(tmp) / "index.sqlite").stat().st_size / 2**20
        score = timed([cchc, "score", str(folder), "--jobs", str(args.jobs), *engine, "--format", "csv",
                       "-o", str(Path(tmp) / "scores.csv")])
    base_rate = args.baseline_n / base[0]
    total = index[0] + score[0]
    print(f"## A national year on one machine ({time.strftime('%Y-%m-%d')}; {args.n:,} reports built from "
          f"{len(bases)} corpus reports in {built:.0f} s, "
          f"{size / 2**20:.0f} MB of text; {args.jobs} jobs, engine {args.engine})\n")
    print("| step | wall | reports/s | parent peak RSS | largest worker peak RSS | exit |")
    print("|---|---|---|---|---|---|")
    print(f"| baseline: score {args.baseline_n}, one job | {base[0]:.0f} s | {base_rate:.1f} | {base[1]:.0f} MB "
          f"| – | {base[3]} |")
    for name, r in (("index", index), ("score", score)):
        print(f"| {name} | {r[0] / 60:.1f} min | {args.n / r[0]:.1f} ({args.n / r[0] / base_rate:.2f}× baseline) "
              f"| {r[1]:.0f} MB | {r[2]:.0f} MB | {r[3]} |")
    print(f"\n- index + score: **{total / 60:.1f} min** for {args.n:,} reports; index file {db_mb:.0f} MB")
    if args.n != YEAR_OF_REPORTS:
        print(f"- projected for {YEAR_OF_REPORTS:,} reports: {total / args.n * YEAR_OF_REPORTS / 60:.1f} min")
    print(f"- projected for 400,000 reports (a decade of archives) at this rate: "
          f"{total / args.n * 400_000 / 3600:.1f} h")


if __name__ == "__main__":
    main()
