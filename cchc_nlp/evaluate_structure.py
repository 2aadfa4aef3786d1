"""Structure accuracy against the hand-made gold in ``corpus/gold``.

``evaluate()`` returns per-field meta accuracy, heading agreement, paragraph
counts, appendix rows, and paragraph-boundary precision/recall for the seeds
whose text was hard-wrapped by PDF extraction (``paragraph_breaks.jsonl``).
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

from .config import corpus_dir
from .render.records import meta_record

META_FIELDS = ("unit_kind", "unit_name", "district", "province", "number", "place", "date",
               "period_kind", "quarter", "year", "signer_name", "signer_title")


def _first_words(text: str, n: int = 8) -> str:
    return " ".join(text.split()[:n])


def boundary_scores(report, gold_rows: list[dict]) -> tuple[float, float]:
    """Precision and recall of paragraph starts (headings included), matched by
    their first eight words, against the gold for one report."""
    from .normalise import normalise

    text = report.text
    headings = [text[s.start : (text.find("\n", s.start) + 1 or len(text) + 1) - 1]
                for s in report.sections]
    got = {_first_words(t) for t in [p.text for p in report.paragraphs] + headings}
    # gold words are as typed in the file: spell them the way normalisation does
    want = {_first_words(normalise(r["first_words"]).text)
            for r in gold_rows if r["kind"] != "title"}
    hit = len(got & want)
    return hit / max(1, len(got)), hit / max(1, len(want))


def evaluate(gold_dir: Path | None = None, reports_dir: Path | None = None) -> dict:
    from .pipeline import parse

    gold_dir = gold_dir or corpus_dir() / "gold"
    reports_dir = reports_dir or corpus_dir() / "reports"
    gold = [json.loads(x) for x in (gold_dir / "structure.jsonl").read_text("utf-8").splitlines() if x]
    breaks: dict[str, list[dict]] = {}
    bpath = gold_dir / "paragraph_breaks.jsonl"
    for line in bpath.read_text("utf-8").splitlines() if bpath.exists() else []:
        if line.strip():
            row = json.loads(line)
            breaks.setdefault(row["report"], []).append(row)
    fields = {f: [0, 0] for f in META_FIELDS}
    per_report = []
    for g in gold:
        report = parse(reports_dir / f"{g['report']}.txt")
        meta = meta_record(report)
        for f in META_FIELDS:
            fields[f][0] += meta.get(f) == g["meta"].get(f)
            fields[f][1] += 1
        got_h = [(s.number.split(".")[-1], " ".join(s.title.split())) for s in report.sections]
        want_h = [(h["number"], " ".join(h["title"].split())) for h in g["headings"]]
        row = {
            "report": g["report"],
            "headings_agreement": difflib.SequenceMatcher(None, got_h, want_h, autojunk=False).ratio(),
            "headings": (len(got_h), len(want_h)),
            "paragraphs": (len(report.paragraphs), g["paragraph_count"]),
            "tables": ([len(t.rows) for t in report.tables],
                       [t["data_rows"] for t in g["appendix_tables"]]),
        }
        if g["report"] in breaks:
            row["boundary_precision"], row["boundary_recall"] = boundary_scores(
                report, breaks[g["report"]])
        per_report.append(row)
    return {"meta_accuracy": {f: ok / n for f, (ok, n) in fields.items()},
            "reports": per_report}
