"""Training the concreteness (boilerplate) model: the hand-judged sentences, the
classifiers, cross-validation leaving whole reports out, and the annotators'
agreement.  ``concreteness.ConcretenessModel`` only loads and judges."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..concreteness import FEATURES, TemplateTable, feature_matrix, ngrams
from ..config import corpus_dir


def make_classifier():
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    return Pipeline([("scale", StandardScaler()),
                     ("clf", LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced"))])


def make_text_classifier():
    """The count features (standardised) and the sentence's underthesea words
    (TF-IDF uni+bigrams) side by side, one binary LogisticRegression.  Chosen over
    the counts alone by province-grouped cross-validation (``transfer.compare_boilerplate``)."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    k = len(FEATURES)
    features = ColumnTransformer([
        ("counts", StandardScaler(), list(range(k))),
        ("words", TfidfVectorizer(token_pattern=r"\S+", ngram_range=(1, 2), sublinear_tf=True,
                                  min_df=2, lowercase=False), k),
    ])
    return Pipeline([("features", features),
                     ("clf", LogisticRegression(C=2.0, max_iter=3000, class_weight="balanced"))])


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    concrete: bool
    group: str  # report id


def load_gold(gold_dir: Path | None = None) -> list[Sentence]:
    path = (gold_dir or corpus_dir() / "gold") / "sentences.jsonl"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            out.append(Sentence(r["text"], bool(r["concrete"]), r["report"]))
    return out


def cross_validate(gold: list[Sentence], refs: dict[str, list[str]]) -> dict:
    """Leave-one-report-out scores of the model and of the two baselines.

    The template table is built from every report, but each held-out
    sentence's own report is subtracted from the counts (``exclude``), so no
    report is its own template.
    """
    from sklearn.metrics import classification_report, f1_score
    from sklearn.model_selection import LeaveOneGroupOut

    table = TemplateTable.build(refs)
    own = {rid: {g for t in texts for g in ngrams(t)} for rid, texts in refs.items()}
    texts = [s.text for s in gold]
    y = np.array([s.concrete for s in gold])
    groups = np.array([s.group for s in gold])
    X = feature_matrix(texts, table, [own.get(s.group, set()) for s in gold])
    pred = np.zeros_like(y)
    share_pred = np.zeros_like(y)
    tshare = X[:, FEATURES.index("template_share")]
    for train, test in LeaveOneGroupOut().split(X, y, groups):
        model = make_classifier().fit(X[train], y[train])
        pred[test] = model.predict(X[test])
        # baseline 2: the template-share threshold that is best on the training fold
        best = max(np.linspace(0, 1, 21),
                   key=lambda th: f1_score(y[train], tshare[train] < th, average="macro"))
        share_pred[test] = tshare[test] < best
    digit_pred = np.array([any(c.isdigit() for c in t) for t in texts])

    def report(p):
        r = classification_report(y, p, labels=[True, False],
                                  target_names=["concrete", "boilerplate"], output_dict=True,
                                  zero_division=0)
        return {k: r[k] for k in ("concrete", "boilerplate", "macro avg")} | {
            "accuracy": float((p == y).mean())}

    return {"model": report(pred), "has_digit": report(digit_pred),
            "template_share": report(share_pred), "n": len(y),
            "groups": len(set(groups)), "concrete_share": float(y.mean())}


def sentence_kappa() -> dict[str, dict]:
    """Agreement with the blind second passes: the seed/extra sentences and the web
    paragraphs' sentences."""
    from sklearn.metrics import cohen_kappa_score

    gold_dir = corpus_dir() / "gold"
    out = {}
    second = gold_dir / "sentences_second_pass.jsonl"
    if second.exists():
        first = {(r["report"], r["paragraph"], r["sentence"]): r["concrete"]
                 for r in map(json.loads, (gold_dir / "sentences.jsonl").read_text("utf-8").splitlines())}
        pairs = [(first[k], r["concrete"]) for r in map(json.loads, second.read_text("utf-8").splitlines())
                 if (k := (r["report"], r["paragraph"], r["sentence"])) in first]
        a, b = zip(*pairs)
        out["seed and corpus/extra sentences"] = {"kappa": float(cohen_kappa_score(a, b)), "n": len(pairs)}
    first = {}
    for path in gold_dir.glob("areas_web_[a-z].jsonl"):
        for r in map(json.loads, filter(None, path.read_text("utf-8").splitlines())):
            for i, s in enumerate(r["sentences"]):
                first[(r["report"], r["paragraph"], i)] = s["concrete"]
    pairs = [(first[(r["report"], r["paragraph"], i)], s["concrete"])
             for path in gold_dir.glob("areas_web_second_pass_*.jsonl")
             for r in map(json.loads, filter(None, path.read_text("utf-8").splitlines()))
             # a second pass of areas only (batch r) judged no sentence
             for i, s in enumerate(r.get("sentences", [])) if (r["report"], r["paragraph"], i) in first]
    if pairs:
        a, b = zip(*pairs)
        out["web paragraphs' sentences"] = {"kappa": float(cohen_kappa_score(a, b)), "n": len(pairs)}
    return out
