"""Experiment: does the `context` model's second stage decide `khac` better with more clues?

`khac` is the weakest area (F1 0.64-0.72) and the one annotators agree on least (kappa 0.65
before adjudication, models/areas/MODEL_CARD.md). This script asks whether cheap paragraph
clues added to the second stage help, measured exactly as candidates are compared: 5-fold
cross-validation grouped by province on the training provinces only (the frozen test
provinces are never read). The first stage is fitted once per fold (the slow part, ~5 min on
two cores) and each variant refits only the second stage on the same held-out
probabilities, so the variants differ in nothing else.

Variants (added to `areas.context_features`):
  base      nothing (the shipped model)
  kind      the document kind, one-hot (news, plan, decision, ...)
  lex       no guideline phrase at all / log(1 + number of phrases)
  breadth   how many different areas the guideline phrases point to (a general
            paragraph "nâng cao hiệu quả CNTT; công khai TTHC; tinh gọn bộ máy" touches many)
  len       log length of the paragraph
  pos       first / last paragraph of its document

Run::

    .venv/bin/python scripts/khac_second_stage.py base kind lex breadth breadth+lex len pos
"""

from __future__ import annotations

import math
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression

from cchc_nlp.areas import AREA_IDS, context_features, lexicon_tokens
from cchc_nlp.evaluation import transfer


def first_stage_folds(train, X, y, groups):
    """For each outer fold: (train idx, test idx, inner held-out probabilities on the
    training part, first-stage probabilities on the test part)."""
    out = []
    for tr, te in transfer._folds(groups):
        held = np.zeros((len(tr), len(AREA_IDS)))
        for itr, ite in transfer._folds(groups[tr], transfer.CONTEXT_FOLDS):
            model = transfer.make_candidate("context").fit(X[tr][itr], y[tr][itr])
            held[ite] = transfer._aligned(model, X[tr][ite])
        stage1 = transfer.make_candidate("context").fit(X[tr], y[tr])
        out.append((tr, te, held, transfer._aligned(stage1, X[te])))
    return out


def clues(paras, idx, variant: str, kinds: list[str]) -> np.ndarray:
    rows = []
    for i in idx:
        p, f = paras[i], []
        if "kind" in variant:
            f += [1.0 if p.kind == k else 0.0 for k in kinds]
        if "lex" in variant:
            n = len(lexicon_tokens(p.text))
            f += [1.0 if n == 0 else 0.0, math.log1p(n)]
        if "breadth" in variant:
            areas = {t[4:] for t in lexicon_tokens(p.text)}
            f += [len(areas) / 7.0, 1.0 if len(areas) >= 3 else 0.0]
        if "len" in variant:
            f += [math.log1p(len(p.text)) / 8]
        if "pos" in variant:
            f += [0.0 if p.before else 1.0, 0.0 if p.after else 1.0]
        rows.append(f)
    return np.array(rows) if rows and rows[0] else np.zeros((len(idx), 0))


def main(variants: list[str]) -> None:
    train, _ = transfer.split(transfer.load_paragraphs())
    X = np.array([transfer.feature_text(p, "context") for p in train], dtype=object)
    y = np.array([p.area for p in train])
    groups = np.array([p.province for p in train])
    docs = np.array([p.doc for p in train])
    kinds = sorted({p.kind for p in train})
    folds = first_stage_folds(train, X, y, groups)
    print(f"{len(train)} paragraphs of the training provinces, 5 folds grouped by province")
    print("| variant | macro-F1 (arg-max) | khac threshold | macro-F1 | khac F1 |")
    print("|---|---|---|---|---|")
    for variant in variants:
        proba = np.zeros((len(y), len(AREA_IDS)))
        for tr, te, held, p1 in folds:
            second = LogisticRegression(C=1.0, max_iter=5000).fit(
                np.hstack([context_features(held, docs[tr]), clues(train, tr, variant, kinds)]), y[tr])
            proba[te] = transfer._aligned(
                second, np.hstack([context_features(p1, docs[te]), clues(train, te, variant, kinds)]))
        t, f1_t = transfer.best_threshold(y, proba)
        khac = transfer.scores(y, transfer.decide(proba, t))["per_area"]["khac"]["f1-score"]
        argmax = transfer.scores(y, transfer.decide(proba, None))["macro_f1"]
        print(f"| {variant} | {argmax:.4f} | {t:.2f} | {f1_t:.4f} | {khac:.3f} |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or ["base", "kind", "lex", "breadth", "breadth+lex", "len", "pos"])
