"""Sentence splitting against hand-made boundaries (``corpus/gold/sentence_boundaries.jsonl``).

Scores sentence *ends* inside paragraphs (the paragraph's own end is not
counted: every splitter gets it): precision and recall of the split points,
and the share of sentences recovered exactly.

    python -m cchc_nlp.evaluation.sentences      # or: cchc evaluate sentences
"""

from __future__ import annotations

import json
from pathlib import Path

from ..config import corpus_dir


def _ends(text: str, spans) -> set[int]:
    return {e for _, e in spans if text[e:].strip()}


def evaluate(gold_path: Path | None = None) -> dict:
    from ..tokenise import sentences

    gold_path = gold_path or corpus_dir() / "gold" / "sentence_boundaries.jsonl"
    # the paragraphs' text: the sample was drawn from the area gold
    texts = {(r["report"], r["paragraph"]): r["text"] for r in map(
        json.loads, (corpus_dir() / "gold" / "areas.jsonl").read_text("utf-8").splitlines()) if r}
    tp = fp = fn = exact = total = 0
    errors = []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        text = texts[(rec["report"], rec["paragraph"])]
        # rebuild gold spans by finding each sentence in order
        gold_spans, pos = [], 0
        for s in rec["sentences"]:
            at = text.find(s, pos)
            gold_spans.append((at, at + len(s)))
            pos = at + len(s)
        got = sentences(text)
        g, p = _ends(text, gold_spans), _ends(text, got)
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
        total += len(gold_spans)
        exact += len(set(gold_spans) & set(got))
        if g != p:
            errors.append((rec["report"][:3], rec["paragraph"], sorted(p - g), sorted(g - p)))
    precision = tp / max(1, tp + fp)
    recall = tp / max(1, tp + fn)
    return {"precision": precision, "recall": recall,
            "f1": 2 * precision * recall / max(1e-9, precision + recall),
            "exact": exact / max(1, total), "sentences": total, "errors": errors}


def format_report(r: dict) -> str:
    lines = [f"sentence ends inside paragraphs: P {r['precision']:.3f} R {r['recall']:.3f} "
             f"F1 {r['f1']:.3f}; sentences recovered exactly {r['exact']:.3f} of {r['sentences']}"]
    for report, para, extra, missed in r["errors"]:
        lines.append(f"  {report} ¶{para}: extra ends {extra}, missed ends {missed}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(format_report(evaluate()))
