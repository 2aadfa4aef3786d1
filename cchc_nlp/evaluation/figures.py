"""Figures against the hand-made gold in ``corpus/gold/metrics.jsonl``.

A predicted figure matches a gold one when report, indicator, value (compared
as decimals: ``100`` = ``100.0``) and source (``table`` | ``narrative``) agree.
Both sides are sets of such keys, so a figure the report states twice in the
same place type counts once.  ``evaluate()`` returns overall and per-indicator
precision/recall and the misses; ``python -m cchc_nlp.evaluation.figures`` prints
them (``--details`` also lists every false positive and false negative).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..config import corpus_dir

Key = tuple[str, str, Decimal, str]


def _dec(v) -> Decimal | None:
    try:
        d = Decimal(str(v))
    except (InvalidOperation, ValueError):
        return None
    return d.normalize()


def _fmt(d: Decimal | None) -> str:
    return "None" if d is None else format(d, "f")


def load_gold(path: Path | None = None) -> list[dict]:
    path = path or corpus_dir() / "gold" / "metrics.jsonl"
    return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def _report_path(name: str, corpus: Path) -> Path:
    """``"000_46ee…"`` is a seed in ``corpus/reports``; ``"extra/003_…"`` an
    excerpt in ``corpus/extra``."""
    return corpus / (name + ".txt") if name.startswith("extra/") else corpus / "reports" / f"{name}.txt"


def evaluate(gold_path: Path | None = None, corpus: Path | None = None, split: str | None = "seed") -> dict:
    """Precision and recall of :func:`cchc_nlp.figures.extract_metrics` against the gold.

    ``split``: ``"seed"`` (the five seed reports, tables and narrative; the
    extraction rules were developed on them), ``"heldout"`` (excerpts in
    ``corpus/extra`` annotated blind, before the extractor ever ran on them;
    narrative only) or ``None`` for both.
    """
    from ..figures import extract_metrics
    from ..pipeline import parse

    corpus = corpus or corpus_dir()
    gold_rows = [g for g in load_gold(gold_path) if split is None or g.get("split", "seed") == split]
    gold: set[Key] = {(g["report"], g["indicator"], _dec(g["value"]), g["source"]) for g in gold_rows}
    pred: set[Key] = set()
    evidence: dict[Key, str] = {}
    names = {g["report"] for g in gold_rows}
    # every report of the split is read, so figures found where the gold has none count as errors
    if split in (None, "seed"):
        names |= {p.stem for p in (corpus / "reports").glob("*.txt")}
    if split in (None, "heldout"):
        # the excerpts that were annotated (metrics_scope.json), not later additions
        scope = json.loads((corpus / "gold" / "metrics_scope.json").read_text(encoding="utf-8"))
        names |= {"extra/" + stem for stem in scope["heldout"]}
    for name in sorted(names):
        report = parse(_report_path(name, corpus))
        for m in extract_metrics(report):
            k = (name, m.indicator, _dec(m.value), m.source)
            pred.add(k)
            evidence.setdefault(k, report.text[m.start:m.end])
    tp, fp, fn = gold & pred, pred - gold, gold - pred
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for k in tp:
        per[k[1]][0] += 1
    for k in fp:
        per[k[1]][1] += 1
    for k in fn:
        per[k[1]][2] += 1
    by_source = {}
    for src in ("table", "narrative"):
        by_source[src] = _prf(sum(1 for k in tp if k[3] == src), sum(1 for k in fp if k[3] == src),
                              sum(1 for k in fn if k[3] == src))
    return {
        "split": split or "all",
        "reports": len(names),
        "overall": _prf(len(tp), len(fp), len(fn)),
        "by_source": by_source,
        "per_indicator": {ind: _prf(*v) for ind, v in sorted(per.items())},
        "false_positives": sorted(((k[0], k[1], _fmt(k[2]), k[3], evidence.get(k, "")) for k in fp)),
        "false_negatives": sorted(((k[0], k[1], _fmt(k[2]), k[3]) for k in fn)),
    }


def format_table(result: dict, details: bool = False) -> str:
    lines = [f"split: {result['split']} ({result['reports']} reports); match = report+indicator+value+source",
             f"{'indicator':50s} {'tp':>4s} {'fp':>4s} {'fn':>4s} {'P':>6s} {'R':>6s}"]
    for ind, s in result["per_indicator"].items():
        lines.append(f"{ind:50s} {s['tp']:4d} {s['fp']:4d} {s['fn']:4d} {s['precision']:6.3f} {s['recall']:6.3f}")
    lines.append("-" * 76)
    for src, s in result["by_source"].items():
        lines.append(f"{'(' + src + ')':50s} {s['tp']:4d} {s['fp']:4d} {s['fn']:4d} "
                     f"{s['precision']:6.3f} {s['recall']:6.3f}")
    o = result["overall"]
    lines.append(f"{'OVERALL':50s} {o['tp']:4d} {o['fp']:4d} {o['fn']:4d} {o['precision']:6.3f} {o['recall']:6.3f}")
    if details:
        lines.append("\nfalse positives (report, indicator, value, source, evidence):")
        lines += [f"  {r[0][:3]} {r[1]} {r[2]} {r[3]} {r[4]!r}" for r in result["false_positives"]]
        lines.append("false negatives (report, indicator, value, source):")
        lines += [f"  {r[0][:3]} {r[1]} {r[2]} {r[3]}" for r in result["false_negatives"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m cchc_nlp.evaluation.figures [--split seed|heldout|all] [--details]``"""
    argv = sys.argv[1:] if argv is None else argv
    split = "seed"
    if "--split" in argv and argv.index("--split") + 1 < len(argv):
        split = argv[argv.index("--split") + 1]
    splits = ["seed", "heldout"] if split == "both" else [None if split == "all" else split]
    for i, sp in enumerate(splits):
        if i:
            print()
        print(format_table(evaluate(split=sp), details="--details" in argv))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
