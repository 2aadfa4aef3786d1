"""Checks against the hand-made gold of real inconsistencies (``corpus/gold/flags.jsonl``).

A gold flag is found when the tool raises a flag of a matching kind on the same
report whose evidence overlaps one of the gold evidence quotes (located in the
normalised text); gold flags about a missing part match by kind alone.  A tool
flag is correct when its evidence overlaps a gold flag's evidence, whatever the
kind (one slip often breaks two checks; the gold records it once).

    python -m cchc_nlp.evaluation.checks        # or: cchc evaluate checks
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from ..config import corpus_dir

#: gold ids -> the tool's flag ids that report the same kind of problem
KINDS = {
    # the older reading (flags.jsonl) names a part beyond its whole and exclusive shares
    # past 100 % "arithmetic_sum"; the tool and the fresh reading name them apart
    "arithmetic_sum": {"arithmetic_sum", "inconsistent_count", "contradiction"},
    "narrative_appendix_mismatch": {"narrative_appendix_mismatch"},
    "percentage_mismatch": {"percentage_mismatch", "rate_over_100"},
    "period_mismatch": {"period_mismatch"},
    "malformed_number": {"malformed_number"},
    "unit_misspelt": {"unit_misspelt"},
    "other_unit_named": {"other_unit_named"},
    "missing_part": {"missing_signature", "missing_date", "missing_number", "missing_appendix",
                     "missing_sections"},
    "section_numbering": {"section_numbering"},
    "citation_problem": {"citation_type_code_mismatch", "citation_invalid_date",
                         "citation_year_mismatch", "citation_unknown_code",
                         "citation_superseded", "citation_out_of_order", "citation_two_forms"},
    "date_after_report": {"date_after_report", "citation_dated_after_report",
                          "report_date_implausible"},
    "impossible_date": {"impossible_date", "citation_invalid_date"},
    # two counts that cannot both hold: the readers name the same slip either way (004's
    # 122 and 136 procedures is "inconsistent_count" in one reading, "contradiction" in the other)
    "inconsistent_count": {"inconsistent_count", "contradiction"},
    # kinds of the fresh reading (flags_fresh.jsonl, issue 19)
    "contradiction": {"contradiction", "inconsistent_count"},
    "duplicate": {"duplicate_text"},
    "copied_text": {"copied_text", "other_unit_named", "period_mismatch"},
    "missing_content": {"missing_content"},  # blank appendix rows (FLAGS_FRESH_GUIDELINES.md)
    "multi_row_sum": {"arithmetic_sum", "narrative_appendix_mismatch", "multi_row_sum"},
}
_LOCATIONLESS = {"missing_part"}
#: the gold sets ``cchc evaluate checks --set`` reads: flags, and the documents read
SETS = {"seeds": ("flags.jsonl", None), "fresh": ("flags_fresh.jsonl", "flags_fresh_documents.json")}


def _locate(text: str, quote: str) -> tuple[int, int] | None:
    """Where a gold quote (as typed in the file) sits in the normalised text."""
    from ..normalise import normalise

    words = normalise(quote).text.split()
    if not words:
        return None
    m = re.search(r"\s*".join(re.escape(w) for w in words), text)
    return m.span() if m else None


def _matches(gold: dict, flag, spans: list[tuple[int, int]]) -> bool:
    if flag.id not in KINDS.get(gold["id"], set()):
        return False
    if gold["id"] in _LOCATIONLESS:
        return True
    return any(e.start < ge and gs < e.end for e in flag.evidence for gs, ge in spans)


def _overlaps(flag, spans: list[tuple[int, int]]) -> bool:
    return any(e.start < ge and gs < e.end for e in flag.evidence for gs, ge in spans)


def _documents(gold: list[dict], reports_dir: Path, listing: Path | None) -> list[Path]:
    """The documents the reader read: the listing's, else every report of ``reports_dir``."""
    if listing is None:
        return sorted(reports_dir.glob("*.txt"))
    root = corpus_dir().parent
    return [root / d["folder"] / f"{d['doc']}.txt"
            for d in json.loads(listing.read_text("utf-8"))["documents"]]


def evaluate(gold_path: Path | None = None, reports_dir: Path | None = None, gold_set: str = "seeds") -> dict:
    """Recall per gold kind and precision per tool flag over one gold set."""
    from ..pipeline import analyse

    gold_name, listing = SETS[gold_set]
    gold_path = gold_path or corpus_dir() / "gold" / gold_name
    reports_dir = reports_dir or corpus_dir() / "reports"
    gold = [json.loads(x) for x in gold_path.read_text(encoding="utf-8").splitlines() if x.strip()]
    by_report: dict[str, list[dict]] = {}
    for g in gold:
        by_report.setdefault(g["report"], []).append(g)
    found, total = Counter(), Counter()
    correct, raised = Counter(), Counter()
    missed, wrong = [], []
    paths = _documents(gold, reports_dir, corpus_dir() / "gold" / listing if listing else None)
    for path in paths:
        a = analyse(path)
        text = a.report.text
        golds = by_report.get(path.stem, [])
        spans = [[s for s in (_locate(text, q) for q in g["evidence"]) if s] for g in golds]
        for g, sp in zip(golds, spans):
            total[g["id"]] += 1
            if any(_matches(g, f, sp) for f in a.flags):
                found[g["id"]] += 1
            else:
                missed.append((path.stem[:4], g["id"], g["explanation"]))
        for f in a.flags:
            if f.id == "area_not_reported":
                continue  # not a kind the gold covers (every seed reports all seven areas)
            raised[f.id] += 1
            # a flag is right when it points at a real problem, whatever it calls it
            if any(_matches(g, f, sp) or _overlaps(f, sp) for g, sp in zip(golds, spans)):
                correct[f.id] += 1
            else:
                wrong.append((path.stem[:4], f.id, f.message_vi))
    recall = sum(found.values()) / max(1, sum(total.values()))
    precision = sum(correct.values()) / max(1, sum(raised.values()))
    # a reading confirms only the kinds it annotates: the fresh one has no outline parts
    # (signature, number, date, appendix, sections), the older one no blank rows or
    # repeated sentences; precision over those kinds alone is reported beside the whole
    covered = set().union(*(KINDS.get(k, set()) for k in total))
    covered_raised = sum(n for k, n in raised.items() if k in covered)
    covered_precision = sum(n for k, n in correct.items() if k in covered) / max(1, covered_raised)
    return {"set": gold_set, "gold": gold_path.name, "documents": len(paths), "recall": recall,
            "precision": precision, "covered_precision": covered_precision,
            "covered_counts": (sum(n for k, n in correct.items() if k in covered), covered_raised),
            "found": found, "total": total, "correct": correct, "raised": raised, "missed": missed,
            "wrong": wrong}


def format_report(r: dict) -> str:
    lines = [f"checks vs corpus/gold/{r.get('gold', 'flags.jsonl')} ({r.get('documents', '?')} văn bản): "
             f"recall {r['recall']:.3f} "
             f"({sum(r['found'].values())}/{sum(r['total'].values())}), precision "
             f"{r['precision']:.3f} ({sum(r['correct'].values())}/{sum(r['raised'].values())}); "
             f"precision over the kinds this reading annotates {r['covered_precision']:.3f} "
             f"({r['covered_counts'][0]}/{r['covered_counts'][1]})",
             "", f"{'gold kind':<30}{'found':>8}{'of':>5}"]
    for k in sorted(r["total"]):
        lines.append(f"{k:<30}{r['found'][k]:>8}{r['total'][k]:>5}")
    lines += ["", f"{'tool flag':<32}{'correct':>8}{'of':>5}"]
    for k in sorted(r["raised"]):
        lines.append(f"{k:<32}{r['correct'][k]:>8}{r['raised'][k]:>5}")
    lines += ["", "missed:"] + [f"  {s} {k}: {e}" for s, k, e in r["missed"]]
    lines += ["", "not in the gold:"] + [f"  {s} {k}: {m}" for s, k, m in r["wrong"]]
    return "\n".join(lines)


if __name__ == "__main__":
    print(format_report(evaluate()))
