"""The web app over HTTP at scale (a benchmark, not a test).

1. **Search page at N indexed reports.** Builds an index of N synthetic reports
   exactly as ``bench_search.py`` does (real corpus paragraphs recombined under
   random communes and periods, written through ``Store.add_report``), serves it
   with uvicorn on 127.0.0.1 in this process, and times ``GET /search?…`` (the
   whole HTML page: hits, the count, and for a cited document the table by
   province) and ``GET /api/search?…`` with an HTTP client on the loopback
   interface, for the query mix of ``bench_search.py``.  Baseline, in the same
   process: ``Store.search`` called directly for the same query.
2. **Upload to report page.** Each seed is posted to ``/api/reports`` of a server
   over an empty index (its analysis process warmed by one upload first) and its
   page fetched; baseline: ``pipeline.analyse`` of the same file in-process (models
   already loaded), which is most of the work.

Run::

    python benchmarks/bench_web.py --n 50000 [--queries 100] [--keep DIR]

Prints Markdown tables to stdout (p50/p95 in ms and the ratio HTTP / direct);
progress to stderr.  Target (issue 16): search page p95 < 100 ms at 50,000 reports.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_search import build, communes, load_material, log, make_queries, pct  # noqa: E402

from cchc_nlp.store import Store, StoreError  # noqa: E402
from cchc_nlp.web import serving  # noqa: E402

SEEDS = sorted((ROOT / "corpus" / "reports").glob("*.txt"))


def _params(kind: str, q: str, flt: dict) -> dict:
    return {("cites" if kind == "cites" else "q"): q, **{k: str(v) for k, v in flt.items()}}


def time_search(base: str, db: Path, queries: dict, per_kind: int) -> dict:
    import httpx

    out = {}
    with httpx.Client(base_url=base, timeout=60) as client, Store(db, readonly=True) as store:
        for name, qs in queries.items():
            qs = qs[:per_kind]
            for kind, q, flt in qs:  # warm-up, untimed
                client.get("/search", params=_params(kind, q, flt))
            direct, page, api = [], [], []
            for kind, q, flt in qs:
                t0 = time.perf_counter()
                try:
                    store.search(**{("cites" if kind == "cites" else "text"): q}, **flt, limit=20)
                except StoreError:  # a query the index cannot read: the page says so (400)
                    pass
                t1 = time.perf_counter()
                r = client.get("/search", params=_params(kind, q, flt))
                t2 = time.perf_counter()
                client.get("/api/search", params=_params(kind, q, flt))
                t3 = time.perf_counter()
                assert r.status_code in (200, 400), (r.status_code, q)
                direct.append((t1 - t0) * 1000)
                page.append((t2 - t1) * 1000)
                api.append((t3 - t2) * 1000)
            out[name] = {"direct": (pct(direct, 50), pct(direct, 95)), "page": (pct(page, 50), pct(page, 95)),
                         "api": (pct(api, 50), pct(api, 95)), "max": max(page),
                         "_all": (direct, page, api)}
    every = [sum((out[n]["_all"][i] for n in out), []) for i in range(3)]
    for r in out.values():
        del r["_all"]
    out["all queries"] = {"direct": (pct(every[0], 50), pct(every[0], 95)),
                          "page": (pct(every[1], 50), pct(every[1], 95)),
                          "api": (pct(every[2], 50), pct(every[2], 95)), "max": max(every[1])}
    return out


def time_uploads() -> list[dict]:
    """Each seed uploaded to a server over an empty index (a seed already indexed
    would only be recognised, not analysed), its page fetched."""
    import httpx

    from cchc_nlp.pipeline import analyse

    analyse(SEEDS[0])  # load the models once, as a running server has
    rows = []
    warm = next((ROOT / "corpus" / "web").glob("w0*.txt")).read_bytes()
    with tempfile.TemporaryDirectory(prefix="bench_web_upload_") as folder, \
            serving(Path(folder) / "uploads.sqlite") as base, httpx.Client(base_url=base, timeout=300) as client:
        client.post("/api/reports", files=[("files", ("warm.txt", warm, "text/plain"))])
        for seed in SEEDS:
            t0 = time.perf_counter()
            analyse(seed)
            t1 = time.perf_counter()
            r = client.post("/api/reports", files=[("files", (seed.name, seed.read_bytes(), "text/plain"))])
            report_id = r.json()["reports"][0]["id"]
            page = client.get(f"/reports/{report_id}")
            t2 = time.perf_counter()
            assert page.status_code == 200
            rows.append({"seed": seed.name, "direct": t1 - t0, "web": t2 - t1, "bytes": len(page.content)})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=50000, help="reports in the index (default 50000)")
    ap.add_argument("--queries", type=int, default=100, help="queries of each kind (default 100)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=Path, help="build the index in DIR and keep it (reused if present)")
    args = ap.parse_args()

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="bench_web_"))
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / f"index_{args.n}.sqlite"
    pool, templates = load_material(extra=True)
    units = communes()
    try:
        if not db.exists():
            log(f"building {args.n} reports -> {db}")
            built = build(db, args.n, args.seed, pool, templates, units)
            log(f"  built in {built['build_s']:.0f} s")
        with serving(db) as base:
            queries = make_queries(random.Random(args.seed + 1), pool, units, args.queries)
            log("timing search pages")
            search = time_search(base, db, queries, args.queries)
        log("timing uploads")
        uploads = time_uploads()
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    print(f"## Web app benchmark ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} CPUs, {args.n:,} reports)\n")
    print(f"### Search over HTTP, ms ({args.queries} queries per kind; direct = Store.search in-process)\n")
    print("| queries | direct p50 | direct p95 | page p50 | page p95 | page max | API p95 | page p95 / direct p95 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in search.items():
        print(f"| {name} | {r['direct'][0]:.1f} | {r['direct'][1]:.1f} | {r['page'][0]:.1f} | {r['page'][1]:.1f} "
              f"| {r['max']:.0f} | {r['api'][1]:.1f} | {r['page'][1] / max(r['direct'][1], 1e-3):.1f}× |")
    worst = max((r["page"][1], n) for n, r in search.items() if n != "all queries")
    print(f"\nSearch page p95 over all {6 * args.queries} queries: {search['all queries']['page'][1]:.1f} ms "
          f"(target < 100 ms); worst kind: {worst[1]}, {worst[0]:.1f} ms.\n")
    print("### Upload to report page, s (direct = pipeline.analyse in-process, models loaded)\n")
    print("| seed | direct | upload + page | ratio | page KB |")
    print("|---|---:|---:|---:|---:|")
    for u in uploads:
        print(f"| {u['seed']} | {u['direct']:.2f} | {u['web']:.2f} | {u['web'] / u['direct']:.2f}× | {u['bytes'] / 1024:.0f} |")


if __name__ == "__main__":
    main()
