"""Search index at scale: build, query latency, size (a benchmark, not a test).

Builds an index of N synthetic reports by recombining real material from the
corpus, written through the Store API (``Store.add_report``, 50 reports to a
transaction, as ``cchc index`` does by default), then times search queries.

* Material: the five seeds in ``corpus/reports/`` and the public CCHC texts in
  ``corpus/extra/`` are parsed once (``parse``, ``citations_of``,
  ``tag_paragraphs``): their narrative paragraphs with area tags, and the
  citations inside each paragraph.  The NLP stages are not what this measures.
* A synthetic report takes a seed as template (its number of paragraphs and
  their areas, in order) and fills each slot with a random corpus paragraph of
  the same area, carrying that paragraph's citations (offsets shifted); its
  metadata is a random commune of the gazetteer's legacy map (10,035
  communes, 63 provinces), a random period (quarter / 6 / 9 months / year) of
  2019-2025, a report number and a date.  The citation keys of local
  documents are recomputed for the new commune by ``add_report``.
* Queries (``--queries`` of each kind, after one untimed warm-up pass):
  - ``cites full``: a citation as written in a report ("Nghị định số
    61/2018/NĐ-CP"), one per distinct cited document, at random;
  - ``cites partial``: the same documents typed as "NĐ 61/2018" or "61/2018";
  - ``cites + filter``: a full citation with ``--province`` or ``--year``;
  - ``text``: 1-3 consecutive words of a random corpus paragraph, half of them
    typed without diacritics;
  - ``text + filter``: the same with ``--area`` (the paragraph's), ``--province``,
    ``--year`` or ``--period``;
  - ``text, words swapped``: two neighbouring words of a corpus paragraph in
    the wrong order ("chính hành"): a phrase of common words that rarely
    exists, the worst case of a phrase query (every paragraph holding both
    words is checked).
  Latency is the wall time of ``Store.search(...)`` (hits built, snippets
  included), ``limit=50``, page cache warm.
* Size: the database file (pages in use, after a WAL checkpoint) against the
  UTF-8 bytes of the paragraph text it indexes.

Run::

    python benchmarks/bench_search.py --n 50000 --n 500000 [--queries 200] [--keep DIR]

Prints Markdown tables (one row per N, then growth from the first N to the
last) to stdout; progress to stderr.  Targets: p95 <= 50 ms, DB <= 3x text.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from types import SimpleNamespace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cchc_nlp.config import corpus_dir  # noqa: E402
from cchc_nlp.model import Meta, Paragraph, Period, Report  # noqa: E402
from cchc_nlp.normalise import fold  # noqa: E402
from cchc_nlp.store import Store  # noqa: E402

PERIOD_LABELS = {"6_thang": "6 tháng đầu năm", "9_thang": "9 tháng năm", "nam": "năm"}
ABBR = {"nghi_dinh": "NĐ", "quyet_dinh": "QĐ", "thong_tu": "TT", "nghi_quyet": "NQ",
        "ke_hoach": "KH", "chi_thi": "CT", "cong_van": "CV", "bao_cao": "BC"}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Material
# --------------------------------------------------------------------------


@dataclasses.dataclass
class PoolParagraph:
    text: str
    section: str
    heading: str
    area: str
    citations: list  # Citation with offsets relative to the paragraph


def load_material(extra: bool):
    from cchc_nlp.pipeline import citations_of, parse, tag_paragraphs

    paths = sorted((corpus_dir() / "reports").glob("*.txt"))
    seeds = set(paths)
    if extra:
        paths += sorted((corpus_dir() / "extra").glob("*.txt"))
    pool: list[PoolParagraph] = []
    templates: list[list[str]] = []  # the area sequence of each seed
    t0 = time.perf_counter()
    for path in paths:
        report = parse(path)
        cites = citations_of(report)
        tagged = {t.index: t for t in tag_paragraphs(report)}
        areas = []
        for p in report.paragraphs:
            area = tagged[p.index].area
            inside = [dataclasses.replace(c, start=c.start - p.start, end=c.end - p.start)
                      for c in cites if p.start <= c.start and c.end <= p.end]
            pool.append(PoolParagraph(p.text, p.section, p.heading, area, inside))
            areas.append(area)
        if path in seeds:
            templates.append(areas)
    log(f"material: {len(paths)} files, {len(pool)} paragraphs, "
        f"{sum(len(p.citations) for p in pool)} citations, parsed in {time.perf_counter() - t0:.1f} s")
    return pool, templates


def communes():
    from cchc_nlp.gazetteer import all_units

    return [u for u in all_units(map="legacy", kind=("xa", "phuong", "thi_tran"))]


def synthetic_report(i: int, rng: random.Random, pool_by_area, templates, units):
    template = rng.choice(templates)
    unit = rng.choice(units)
    year = rng.randint(2019, 2025)
    kind = rng.choice(["quy", "6_thang", "9_thang", "nam"])
    quarter = rng.randint(1, 4) if kind == "quy" else None
    label = (f"quý {['I', 'II', 'III', 'IV'][quarter - 1]} năm {year}" if kind == "quy"
             else f"{PERIOD_LABELS[kind]} {year}")
    parts, paragraphs, citations, tagged = [], [], [], []
    pos = 0
    for idx, area in enumerate(template):
        src = rng.choice(pool_by_area[area])
        start = pos
        paragraphs.append(Paragraph(idx, src.section, src.heading, src.text, start, start + len(src.text)))
        citations.extend(dataclasses.replace(c, start=c.start + start, end=c.end + start)
                         for c in src.citations)
        tagged.append(SimpleNamespace(index=idx, area=src.area, concreteness=None))
        parts.append(src.text)
        pos += len(src.text) + 2
    text = "\n\n".join(parts)
    meta = Meta(unit_kind=unit.kind, unit_name=unit.name, district=unit.district,
                province=unit.province, number=f"{rng.randint(1, 250)}/BC-UBND",
                date=date(year, rng.randint(1, 12), rng.randint(1, 28)),
                period=Period(kind, quarter, year, label))
    report = Report(file=f"/synthetic/{i:06d}.txt", sha256=hashlib.sha256(f"synthetic {i}".encode()).hexdigest(),
                    format="txt", text=text, meta=meta, sections=(), paragraphs=tuple(paragraphs), tables=())
    return report, citations, tagged


# --------------------------------------------------------------------------
# Queries
# --------------------------------------------------------------------------


def make_queries(rng: random.Random, pool, units, k: int):
    cited = {}
    for p in pool:
        for c in p.citations:
            cited.setdefault(c.canonical, c)
    docs = list(cited.values())
    provinces = sorted({u.province for u in units})
    full = [(rng.choice(docs).surface, {}) for _ in range(k)]
    partial = []
    while len(partial) < k:
        c = rng.choice(docs)
        if c.year is None or not c.number:
            continue
        if rng.random() < 0.5 and c.type in ABBR:
            partial.append((f"{ABBR[c.type]} {c.number}/{c.year}", {}))
        else:
            partial.append((f"{c.number}/{c.year}", {}))
    cites_filtered = []
    for _ in range(k):
        flt = {"province": rng.choice(provinces)} if rng.random() < 0.5 else {"year": rng.randint(2019, 2025)}
        cites_filtered.append((rng.choice(docs).surface, flt))
    texts, texts_filtered, swapped = [], [], []
    while len(swapped) < k:  # two neighbouring words in the wrong order: a phrase that rarely exists
        words = [w.strip(".,;:()\"'“”") for w in rng.choice(pool).text.split()]
        words = [w for w in words if w.isalpha()]
        if len(words) >= 2:
            at = rng.randrange(0, len(words) - 1)
            swapped.append((f"{words[at + 1]} {words[at]}", {}))
    while len(texts) < k:
        p = rng.choice(pool)
        words = p.text.split()
        if len(words) < 3:
            continue
        n = rng.randint(1, 3)
        at = rng.randrange(0, len(words) - n + 1)
        phrase = " ".join(w.strip(".,;:()\"'“”") for w in words[at:at + n]).strip()
        if not any(ch.isalpha() for ch in phrase):
            continue
        if rng.random() < 0.5:
            phrase = fold(phrase)
        texts.append((phrase, {}))
        r = rng.random()
        if r < 0.4:
            flt = {"area": p.area}
        elif r < 0.7:
            flt = {"province": rng.choice(provinces)}
        elif r < 0.85:
            flt = {"year": rng.randint(2019, 2025)}
        else:
            flt = {"period": rng.choice(["quý II", "6 tháng", "9 thang", "nam 2023"])}
        texts_filtered.append((phrase, flt))
    return {
        "cites full": [("cites", q, f) for q, f in full],
        "cites partial": [("cites", q, f) for q, f in partial],
        "cites + filter": [("cites", q, f) for q, f in cites_filtered],
        "text": [("text", q, f) for q, f in texts],
        "text + filter": [("text", q, f) for q, f in texts_filtered],
        "text, words swapped": [("text", q, f) for q, f in swapped],
    }


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def time_queries(store: Store, queries):
    out = {}
    for name, qs in queries.items():
        for kind, q, f in qs:  # warm-up, untimed
            store.search(**{kind: q}, **f)
        lat, hits = [], []
        for kind, q, f in qs:
            t0 = time.perf_counter()
            res = store.search(**{kind: q}, **f)
            lat.append((time.perf_counter() - t0) * 1000)
            hits.append(len(res))
        worst = max(range(len(lat)), key=lat.__getitem__)
        out[name] = {"p50": pct(lat, 50), "p95": pct(lat, 95), "max": lat[worst],
                     "worst": f"{qs[worst][1]!r} {qs[worst][2] or ''}".strip(),
                     "hits": statistics.mean(hits), "empty": sum(1 for h in hits if h == 0)}
    return out


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


#: reports per transaction: ``cchc index --commit-every``'s default
COMMIT_EVERY = 50


def build(path: Path, n: int, seed: int, pool, templates, units) -> dict:
    rng = random.Random(seed)
    pool_by_area: dict[str, list[PoolParagraph]] = {}
    for p in pool:
        pool_by_area.setdefault(p.area, []).append(p)
    t0 = time.perf_counter()
    gen = 0.0
    with Store(path) as store:
        for i in range(n):
            g0 = time.perf_counter()
            report, cites, tagged = synthetic_report(i, rng, pool_by_area, templates, units)
            gen += time.perf_counter() - g0
            if i % COMMIT_EVERY == 0:
                store.begin_batch()
            status = store.add_report(report, cites, tagged)
            assert status == "added", status
            if (i + 1) % COMMIT_EVERY == 0 or i + 1 == n:
                store.end_batch()
            if (i + 1) % 5000 == 0:
                el = time.perf_counter() - t0
                log(f"  {i + 1:>6} reports, {el:.0f} s, {(i + 1) / el:.0f} reports/s")
        t_build = time.perf_counter() - t0
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        stats = store.stats()
    return {"build_s": t_build, "gen_s": gen, **stats}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, action="append", help="reports to index (repeatable; default 50000 and 500000)")
    ap.add_argument("--queries", type=int, default=200, help="queries of each kind (default 200)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--seeds-only", action="store_true", help="recombine the 5 seeds only, not corpus/extra")
    ap.add_argument("--optimize", action="store_true", help="also time queries after Store.optimize()")
    ap.add_argument("--keep", type=Path, help="build the databases in DIR and keep them")
    args = ap.parse_args()
    sizes = args.n or [50000, 500000]

    pool, templates = load_material(extra=not args.seeds_only)
    units = communes()
    queries = make_queries(random.Random(args.seed + 1), pool, units, args.queries)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="bench_search_"))
    workdir.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for n in sizes:
            path = workdir / f"index_{n}.sqlite"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            log(f"building {n} reports -> {path}")
            res = build(path, n, args.seed, pool, templates, units)
            log(f"  built in {res['build_s']:.0f} s; timing queries")
            with Store(path, readonly=True) as store:
                res["lat"] = time_queries(store, queries)
            if args.optimize:
                t0 = time.perf_counter()
                with Store(path) as store:
                    store.optimize()
                    res["optimize_s"] = time.perf_counter() - t0
                    res["db_bytes_opt"] = store.stats()["db_bytes"]
                with Store(path, readonly=True) as store:
                    res["lat_opt"] = time_queries(store, queries)
            res["n"] = n
            results.append(res)
            if not args.keep:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    report(results, args)


def report(results, args) -> None:
    print(f"## Search index benchmark ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} CPUs, "
          f"SQLite {__import__('sqlite3').sqlite_version})\n")
    print("| reports | paragraphs | citations | text MB | DB MB | DB / text | build s | reports/s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['n']:,} | {r['paragraphs']:,} | {r['citations']:,} | {r['text_bytes'] / 1e6:.1f} "
              f"| {r['db_bytes'] / 1e6:.1f} | {r['db_bytes'] / r['text_bytes']:.2f} | {r['build_s']:.0f} "
              f"| {r['n'] / r['build_s']:.0f} |")
    print()
    for key, title in (("lat", "as built"), ("lat_opt", "after Store.optimize()")):
        if key not in results[0]:
            continue
        print(f"### Latency, ms ({title}; {args.queries} queries per kind, limit 50)\n")
        print("| kind | " + " | ".join(f"p50 @{r['n']:,} | p95 @{r['n']:,} | max @{r['n']:,}" for r in results)
              + " | mean hits | empty |")
        print("|---|" + "---:|" * (3 * len(results) + 2))
        for kind in results[0][key]:
            cells = " | ".join(f"{r[key][kind]['p50']:.1f} | {r[key][kind]['p95']:.1f} | {r[key][kind]['max']:.0f}"
                               for r in results)
            last = results[-1][key][kind]
            print(f"| {kind} | {cells} | {last['hits']:.0f} | {last['empty']} |")
        print()
        print("Slowest query of each kind at the largest N: "
              + "; ".join(f"{k}: {v['worst']} ({v['max']:.0f} ms)" for k, v in results[-1][key].items()))
        print()
    if len(results) > 1:
        a, b = results[0], results[-1]
        print(f"### Growth from {a['n']:,} to {b['n']:,} reports (x{b['n'] / a['n']:.0f})\n")
        print("| measure | growth |")
        print("|---|---:|")
        print(f"| DB size | x{b['db_bytes'] / a['db_bytes']:.2f} |")
        print(f"| DB / text | {a['db_bytes'] / a['text_bytes']:.2f} -> {b['db_bytes'] / b['text_bytes']:.2f} |")
        print(f"| build time | x{b['build_s'] / a['build_s']:.2f} |")
        for kind in a["lat"]:
            print(f"| p95 {kind} | x{b['lat'][kind]['p95'] / a['lat'][kind]['p95']:.2f} "
                  f"({a['lat'][kind]['p95']:.1f} -> {b['lat'][kind]['p95']:.1f} ms) |")


if __name__ == "__main__":
    main()
