"""Experiment: how much of the character n-gram model should the `blend` candidate take?

`blend` averages the probabilities of `context` (underthesea words, cues, guideline phrases,
citations, neighbours, document context) and `chars` (character 2-5-grams of the raw text and
heading). This script prints, from the same 5-fold cross-validation grouped by province on the
training provinces that compares the candidates (the frozen test provinces are never read):

- macro-F1 and per-area F1 for each share of `chars` (0 is `context` alone), each with its best
  `khac` threshold on the same folds;
- the nested estimate: each fold scored with the share and threshold that do best on the
  other four folds, the figure that does not flatter the choice.

Run (about 4 minutes on two cores)::

    .venv/bin/python scripts/blend_weight.py
"""

from __future__ import annotations

import numpy as np

from cchc_nlp.areas import AREA_IDS
from cchc_nlp.evaluation import transfer


def main() -> None:
    paras = transfer.load_paragraphs()
    train, _ = transfer.split(paras)
    y = np.array([p.area for p in train])
    held = {m: transfer.cross_validated_proba(train, m, n_jobs=2) for m in transfer.BLENDED}
    a, b = (held[m] for m in transfer.BLENDED)
    print(f"share of chars | khac threshold | macro-F1 | {' | '.join(x[:8] for x in AREA_IDS)}")
    for w in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6):
        proba = transfer.blend(a, b, w)
        t, f1 = transfer.best_threshold(y, proba)
        per = transfer.scores(y, transfer.decide(proba, t))["per_area"]
        print(f"{w:.1f} | {t:.2f} | {f1:.4f} | " + " | ".join(f"{per[x]['f1-score']:.3f}" for x in AREA_IDS))
    print(f"nested (share and threshold chosen on the other folds): "
          f"{transfer.nested_blend_score(paras, held):.4f}")


if __name__ == "__main__":
    main()
