"""Score :func:`cchc_nlp.citations.find_citations` against the hand-written gold.

The gold (``corpus/gold/citations.jsonl``, rules in
``corpus/gold/CITATIONS_GUIDELINES.md``) lists every citation occurrence in
the seed reports.  It is written over the seed text *whitespace-normalised*:
every run of whitespace (spaces, tabs, line breaks; Python's ``str.split()``)
collapsed to one space.  The evaluator reads each seed, normalises it the same
way and runs the extractor on that text.

Scores:

* precision / recall / F1 at the **canonical level**: per report, the multiset
  of predicted canonical forms against the multiset of gold ones;
* precision / recall / F1 at the **exact-span level**: each gold
  ``surface_hint``, whitespace-normalised, is located in the normalised text
  (gold lines are in text order, so the k-th line is searched after the
  (k-1)-th); a predicted citation is right when its ``(start, end)`` is
  exactly a gold span.  A hint that cannot be located counts as missed;
* accuracy per field on the canonical-level pairs (the k-th gold occurrence
  of a canonical form is paired with the k-th predicted one, both in text
  order): ``type``, ``date`` and ``issuer`` from the gold line (issuers
  compare case-insensitively), ``number``, ``year`` and ``code`` from the gold
  canonical form (``61/2018/NĐ-CP`` → ``61``, ``2018``, ``NĐ-CP``;
  ``18-NQ/TW`` → ``18``, none, ``NQ/TW``; a law by name ``Luật Đất đai 2023``
  → ``""``, ``2023``, ``""``), and ``surface`` (the predicted span equals the
  hint).

Run::

    python -m cchc_nlp.evaluation.citations [GOLD_JSONL] [SEEDS_DIR]
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from ..citations import find_citations
from ..config import corpus_dir

FIELDS = ("type", "number", "year", "code", "date", "issuer", "surface")

_PARTY_RE = re.compile(r"^(?P<num>\d+[a-zđ]?)-(?P<code>[^/]+/.+)$")
_NUMBERED_RE = re.compile(r"^(?P<num>\d+[a-zđ]?)(?:/(?P<year>\d{4}))?/(?P<code>.+)$")
_LAW_YEAR_RE = re.compile(r"\s(?P<year>\d{4})$")


def normalise_whitespace(text: str) -> str:
    """Collapse every run of whitespace (including newlines) to one space."""
    return " ".join(text.split())


def gold_parts(canonical: str) -> tuple[str, int | None, str]:
    """``(number, year, code)`` of a gold canonical form, as a ``Citation`` holds them.

    Example::

        >>> gold_parts("61/2018/NĐ-CP"), gold_parts("18-NQ/TW"), gold_parts("Luật Đất đai 2023")
        (('61', 2018, 'NĐ-CP'), ('18', None, 'NQ/TW'), ('', 2023, ''))
    """
    m = _PARTY_RE.match(canonical)
    if m is not None:
        return m.group("num"), None, m.group("code")
    m = _NUMBERED_RE.match(canonical)
    if m is not None:
        return m.group("num"), int(m.group("year")) if m.group("year") else None, m.group("code")
    m = _LAW_YEAR_RE.search(canonical)
    return "", int(m.group("year")) if m else None, ""


def _same_issuer(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    fa = normalise_whitespace(unicodedata.normalize("NFC", a)).casefold()
    fb = normalise_whitespace(unicodedata.normalize("NFC", b)).casefold()
    return fa == fb


def _locate_spans(text: str, rows: list[dict]) -> list[tuple[int, int] | None]:
    """Where each gold line's hint sits in the normalised text, in order."""
    spans: list[tuple[int, int] | None] = []
    pos = 0
    for row in rows:
        hint = normalise_whitespace(row["surface_hint"])
        i = text.find(hint, pos) if hint else -1
        if i < 0:
            spans.append(None)
            continue
        spans.append((i, i + len(hint)))
        pos = i + len(hint)
    return spans


def _prf(matched: int, gold: int, predicted: int) -> tuple[float, float, float]:
    precision = matched / predicted if predicted else 1.0
    recall = matched / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(gold_path: str | Path, seeds_dir: str | Path) -> dict:
    """Compare the extractor with the gold on every report the gold names.

    Args:
        gold_path: the gold JSONL file.
        seeds_dir: the folder holding ``<report>.txt`` for every gold report.

    Returns:
        ``{"gold", "predicted", "matched", "precision", "recall", "f1",
        "span": {"gold", "predicted", "matched", "unlocated", "precision",
        "recall", "f1"}, "fields": {field: accuracy}, "reports": {report:
        {...}}, "errors": [...]}``; the top-level counts are at the canonical
        level; ``errors`` lists missed and spurious citations, span
        disagreements and field disagreements, for reading.

    Example (Vietnamese seed "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ")::

        >>> r = evaluate("corpus/gold/citations.jsonl", "corpus/reports")
        >>> r["precision"] >= 0.99 and r["span"]["precision"] >= 0.99
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

        # Exact spans.
        g_spans = _locate_spans(text, gold[report])
        p_spans = {(c.start, c.end): c for c in predicted}
        located = {s for s in g_spans if s is not None}
        span_matched = len(located & set(p_spans))
        for row, s in zip(gold[report], g_spans):
            if s is None:
                errors.append({"report": report, "kind": "span_unlocated", "gold": row["surface_hint"]})
            elif s not in p_spans:
                errors.append({"report": report, "kind": "span_missed", "gold": row["surface_hint"], "start": s[0]})
        for s, c in p_spans.items():
            if s not in located:
                errors.append({"report": report, "kind": "span_spurious", "predicted": c.surface, "start": s[0]})

        # Canonical forms, and the fields of the pairs.
        g_by: dict[str, list[dict]] = defaultdict(list)
        for row in gold[report]:
            g_by[row["canonical"]].append(row)
        p_by: dict[str, list] = defaultdict(list)
        for c in predicted:
            p_by[c.canonical].append(c)
        matched = 0
        for canon in sorted(set(g_by) | set(p_by)):
            gs, ps = g_by.get(canon, []), p_by.get(canon, [])
            number, year, code = gold_parts(canon)
            for g, p in zip(gs, ps):
                matched += 1
                want = {
                    "type": g["type"],
                    "number": number,
                    "year": year,
                    "code": code,
                    "date": g["date"],
                    "issuer": g["issuer"],
                    "surface": normalise_whitespace(g["surface_hint"]),
                }
                got = {
                    "type": p.type,
                    "number": p.number,
                    "year": p.year,
                    "code": p.code,
                    "date": p.date.isoformat() if p.date else None,
                    "issuer": p.issuer,
                    "surface": p.surface,
                }
                for f in FIELDS:
                    ok = _same_issuer(want[f], got[f]) if f == "issuer" else want[f] == got[f]
                    field_ok[f] += ok
                    if not ok:
                        errors.append(
                            {"report": report, "kind": f, "canonical": canon, "gold": want[f], "predicted": got[f]}
                        )
            for g in gs[len(ps) :]:
                errors.append({"report": report, "kind": "missed", "canonical": canon, "gold": g["surface_hint"]})
            for p in ps[len(gs) :]:
                errors.append(
                    {"report": report, "kind": "spurious", "canonical": canon, "predicted": p.surface, "start": p.start}
                )
        reports[report] = {
            "gold": len(gold[report]),
            "predicted": len(predicted),
            "matched": matched,
            "span_matched": span_matched,
        }
        totals["gold"] += len(gold[report])
        totals["predicted"] += len(predicted)
        totals["matched"] += matched
        totals["span_matched"] += span_matched
        totals["unlocated"] += sum(s is None for s in g_spans)

    m, g, p = totals["matched"], totals["gold"], totals["predicted"]
    precision, recall, f1 = _prf(m, g, p)
    sp, sr, sf = _prf(totals["span_matched"], g, p)
    return {
        "gold": g,
        "predicted": p,
        "matched": m,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "span": {
            "gold": g,
            "predicted": p,
            "matched": totals["span_matched"],
            "unlocated": totals["unlocated"],
            "precision": sp,
            "recall": sr,
            "f1": sf,
        },
        "fields": {f: (field_ok[f] / m if m else 1.0) for f in FIELDS},
        "reports": reports,
        "errors": errors,
    }


def format_table(result: dict) -> str:
    """The result as a plain-text table: per report, canonical and span level; then the fields."""
    lines = [
        f"{'report':<24} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6}   {'span':>5} {'P':>6} {'R':>6}"
    ]
    for name, r in result["reports"].items():
        pr, rc, _ = _prf(r["matched"], r["gold"], r["predicted"])
        sp, sr, _ = _prf(r.get("span_matched", 0), r["gold"], r["predicted"])
        lines.append(
            f"{name:<24} {r['gold']:>5} {r['predicted']:>5} {r['matched']:>5} {pr:>6.3f} {rc:>6.3f}"
            f"   {r.get('span_matched', 0):>5} {sp:>6.3f} {sr:>6.3f}"
        )
    span = result.get("span")
    lines.append(
        f"{'all':<24} {result['gold']:>5} {result['predicted']:>5} {result['matched']:>5} "
        f"{result['precision']:>6.3f} {result['recall']:>6.3f}"
        + (f"   {span['matched']:>5} {span['precision']:>6.3f} {span['recall']:>6.3f}" if span else "")
    )
    lines.append("")
    lines.append(
        f"canonical level: P {result['precision']:.3f}  R {result['recall']:.3f}  F1 {result['f1']:.3f}"
    )
    if span:
        lines.append(
            f"exact-span level: P {span['precision']:.3f}  R {span['recall']:.3f}  F1 {span['f1']:.3f}"
            + (f"  ({span['unlocated']} gold hints not found in the text)" if span.get("unlocated") else "")
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
