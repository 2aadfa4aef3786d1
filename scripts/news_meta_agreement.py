"""Agreement of two annotators on the meta fields of news items (unit, province, period).

The first labels are the gold of the development sets dev17, dev18 and dev20; the second
(`corpus/gold/news_meta_second_pass.jsonl`) were made blind by another annotator who read only
`corpus/blind/GUIDELINES.md` and the texts. Names are compared as the structure evaluation
compares them (case, diacritics and punctuation aside).

    .venv/bin/python scripts/news_meta_agreement.py
"""

from __future__ import annotations

import json
from collections import Counter

from cchc_nlp.config import corpus_dir
from cchc_nlp.evaluation.structure import load_set
from cchc_nlp.normalise import fold

SETS = ("dev17", "dev18", "dev20")
FIELDS = ("unit_kind", "unit_name", "province", "period_kind", "year")


def _key(value):
    return "".join(c for c in fold(value) if c.isalnum()) if isinstance(value, str) else value


def kappa(a: list, b: list) -> float:
    """Cohen's kappa of two label lists."""
    observed = sum(x == y for x, y in zip(a, b)) / len(a)
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca) / len(a) ** 2
    return (observed - expected) / (1 - expected)


def main() -> None:
    first = {g["doc"]: g["meta"] for name in SETS for g, _ in load_set(name)}
    path = corpus_dir() / "gold" / "news_meta_second_pass.jsonl"
    second = {r["doc"]: r for r in map(json.loads, path.read_text("utf-8").splitlines()) if r}
    docs = [d for d in second if d in first]
    print(f"{len(docs)} news items of {', '.join(SETS)}")
    for f in FIELDS:
        same = [_key(first[d][f]) == _key(second[d][f]) for d in docs]
        stated = [s for s, d in zip(same, docs) if first[d][f] is not None]
        print(f"  {f:<12} agree {sum(same)}/{len(same)} = {sum(same) / len(same):.3f}; "
              f"where the first labels state it {sum(stated)}/{len(stated)} = {sum(stated) / len(stated):.3f}")
    kinds = kappa([str(first[d]["unit_kind"]) for d in docs], [str(second[d]["unit_kind"]) for d in docs])
    print(f"  unit_kind kappa {kinds:.3f}")


if __name__ == "__main__":
    main()
