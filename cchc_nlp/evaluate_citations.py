"""Score :func:`cchc_nlp.citations.find_citations` against the hand-written gold.

The gold (``corpus/gold/citations.jsonl``, rules in
``corpus/gold/CITATIONS_GUIDELINES.md``) lists every citation occurrence in
the seed reports.  It is written over the seed text *whitespace-normalised*:
every run of whitespace (spaces, tabs, line breaks; Python's ``str.split()``)
collapsed to one space.  The evaluator reads each seed, normalises it the same
way and runs the extractor on that text.

Scores:

* precision / recall / F1 at the canonical level: per report, the multiset of
  predicted canonical forms against the multiset of gold ones;
* accuracy of ``type``, ``date`` and ``issuer`` on the matched pairs (the k-th
  gold occurrence of a canonical form is paired with the k-th predicted one,
  both in text order); ``surface`` (the predicted span equals the gold
  ``surface_hint``) is reported too.  Issuers compare case-insensitively.

Run::

    python -m cchc_nlp.evaluate_citations [GOLD_JSONL] [SEEDS_DIR]
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from .citations import find_citations
from .config import corpus_dir

FIELDS = ("type", "date", "issuer", "surface")


def normalise_whitespace(text: str) -> str:
    """Collapse every run of whitespace (including newlines) to one space."""
    return " ".join(text.split())


def _same_issuer(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    fa = normalise_whitespace(unicodedata.normalize("NFC", a)).casefold()
    fb = normalise_whitespace(unicodedata.normalize("NFC", b)).casefold()
    return fa == fb


def evaluate(gold_path: str | Path, seeds_dir: str | Path) -> dict:
    """Compare the extractor with the gold on every report the gold names.

    Args:
        gold_path: the gold JSONL file.
        seeds_dir: the folder holding ``<report>.txt`` for every gold report.

    Returns:
        ``{"gold", "predicted", "matched", "precision", "recall", "f1",
        "fields": {field: accuracy}, "reports": {report: {...}},
        "errors": [...]}``; ``errors`` lists missed and spurious citations and
        field disagreements, for reading.

    Example (Vietnamese seed "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ")::

        >>> r = evaluate("corpus/gold/citations.jsonl", "corpus/reports")
        >>> r["precision"] >= 0.99
        True
    """
    gold_path, seeds_dir = Path(gold_path), Path(seeds_dir)
    gold: dict[str, list[dict]] = defaultdict(list)
    with gold_path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                gold[row["report"]].append(row)

    totals = Counter()
    field_ok = Counter()
    reports: dict[str, dict] = {}
    errors: list[dict] = []
    for report in sorted(gold):
        text = normalise_whitespace((seeds_dir / f"{report}.txt").read_text(encoding="utf-8"))
        predicted = find_citations(text)
        g_by: dict[str, list[dict]] = defaultdict(list)
        for row in gold[report]:
            g_by[row["canonical"]].append(row)
        p_by: dict[str, list] = defaultdict(list)
        for c in predicted:
            p_by[c.canonical].append(c)
        matched = 0
        for canon in sorted(set(g_by) | set(p_by)):
            gs, ps = g_by.get(canon, []), p_by.get(canon, [])
            for g, p in zip(gs, ps):
                matched += 1
                checks = {
                    "type": g["type"] == p.type,
                    "date": g["date"] == (p.date.isoformat() if p.date else None),
                    "issuer": _same_issuer(g["issuer"], p.issuer),
                    "surface": normalise_whitespace(g["surface_hint"]) == p.surface,
                }
                for f, ok in checks.items():
                    field_ok[f] += ok
                    if not ok:
                        got = {
                            "type": p.type,
                            "date": p.date.isoformat() if p.date else None,
                            "issuer": p.issuer,
                            "surface": p.surface,
                        }[f]
                        want = g["surface_hint"] if f == "surface" else g[f]
                        errors.append(
                            {"report": report, "kind": f, "canonical": canon, "gold": want, "predicted": got}
                        )
            for g in gs[len(ps) :]:
                errors.append({"report": report, "kind": "missed", "canonical": canon, "gold": g["surface_hint"]})
            for p in ps[len(gs) :]:
                errors.append(
                    {"report": report, "kind": "spurious", "canonical": canon, "predicted": p.surface, "start": p.start}
                )
        reports[report] = {"gold": len(gold[report]), "predicted": len(predicted), "matched": matched}
        totals["gold"] += len(gold[report])
        totals["predicted"] += len(predicted)
        totals["matched"] += matched

    m, g, p = totals["matched"], totals["gold"], totals["predicted"]
    precision = m / p if p else 1.0
    recall = m / g if g else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold": g,
        "predicted": p,
        "matched": m,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "fields": {f: (field_ok[f] / m if m else 1.0) for f in FIELDS},
        "reports": reports,
        "errors": errors,
    }


def format_table(result: dict) -> str:
    """The result as a plain-text table, one row per report, then the fields."""
    lines = [f"{'report':<24} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6}"]
    for name, r in result["reports"].items():
        pr = r["matched"] / r["predicted"] if r["predicted"] else 1.0
        rc = r["matched"] / r["gold"] if r["gold"] else 1.0
        lines.append(f"{name:<24} {r['gold']:>5} {r['predicted']:>5} {r['matched']:>5} {pr:>6.3f} {rc:>6.3f}")
    lines.append(
        f"{'all':<24} {result['gold']:>5} {result['predicted']:>5} {result['matched']:>5} "
        f"{result['precision']:>6.3f} {result['recall']:>6.3f}   F1 {result['f1']:.3f}"
    )
    lines.append("")
    lines.append("field accuracy on matched citations:")
    for f, acc in result["fields"].items():
        lines.append(f"  {f:<8} {acc:.3f}")
    if result["errors"]:
        lines.append("")
        lines.append("disagreements:")
        for e in result["errors"]:
            detail = {k: v for k, v in e.items() if k not in ("report", "kind")}
            lines.append(f"  {e['report']} {e['kind']}: {json.dumps(detail, ensure_ascii=False)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    gold = Path(args[0]) if args else corpus_dir() / "gold" / "citations.jsonl"
    seeds = Path(args[1]) if len(args) > 1 else corpus_dir() / "reports"
    print(format_table(evaluate(gold, seeds)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
