"""Does the area model transfer to provinces it has never seen?

Every labelled paragraph carries its document's province and kind
(:mod:`corpus_index`).  The provinces are split once, and frozen
(``corpus/gold/province_split.json``): model candidates are compared by
cross-validation grouped by province on the training provinces only (no
province in both a fold's training and test part); the chosen candidate is then
scored once on the frozen test provinces.

Candidates (:data:`CANDIDATES`), all scikit-learn, all fed the same paragraphs:

* ``today``: the shipped model: underthesea words and character n-grams,
  LogisticRegression, non-report texts weighted 0.1;
* ``uniform``: the same, every paragraph weighted 1;
* ``heading``: + the words of the heading above the paragraph;
* ``citations``: + heading + the documents the paragraph cites (``cite:61/2018/nđ-cp``)
  and the area a well-known decree stands for (``citearea:tthc``);
* ``neighbours``: + heading + citations + the words of the paragraphs before and
  after it in its document;
* ``lexicon``: ``neighbours`` + one ``lex:<area>`` token per phrase of the guideline
  lexicon (``areas.GUIDELINE_LEXICON``, written from GUIDELINES.md) in the paragraph;
* ``context``: ``lexicon`` as a first stage, then a second LogisticRegression over
  each paragraph's own first-stage probabilities and the mean first-stage
  probabilities of the other paragraphs of its document (``areas.context_features``);
  the second stage is fitted on first-stage probabilities held out by province
  (:func:`fit_context`), never on the first stage's fit to its own training data;
* ``chars``: character n-grams of the raw text and heading only (no underthesea);
* ``blend``: the probabilities of ``context`` and ``chars`` averaged (weight
  :data:`BLEND_WEIGHT` on ``chars``): two views of a paragraph, one from
  underthesea's words and the guideline's phrases, one from raw spelling, whose
  errors differ.

``khac`` is decided by a threshold on its probability, chosen by the same
grouped cross-validation, not by the arg-max.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np

from ..areas import AREA_IDS, blend_proba, chars_text, features
from .area_training import OTHER_TEXT_WEIGHT, expected_calibration_error
from ..config import corpus_dir
from .corpus_index import LABELLED_DEV_SETS, documents, load_split

CANDIDATES = ("today", "uniform", "heading", "citations", "neighbours", "lexicon", "context", "chars", "blend")
#: the share of ``chars`` in ``blend``; chosen by the province-grouped CV on the training
#: provinces (0.3-0.5 all gain; 0.4 was best in four of five nested folds)
BLEND_WEIGHT = 0.4
#: the two candidates ``blend`` averages
BLENDED = ("context", "chars")
#: folds (grouped by province) of the first stage's held-out probabilities on which
#: the ``context`` candidate's second stage is fitted
CONTEXT_FOLDS = 3
#: the labelled batches of corpus/web (one letter each; second passes and logs are not labels)
GOLD_WEB = "areas_web_[a-z].jsonl"


@dataclass(frozen=True)
class Paragraph:
    text: str
    heading: str
    area: str
    doc: str
    province: str
    kind: str
    weight: float  # the shipped model's training weight (seed reports 1, other texts 0.1)
    before: str = ""  # the labelled paragraph before it in its document
    after: str = ""


def load_paragraphs() -> list[Paragraph]:
    """Every hand-labelled paragraph with its document's province and kind."""
    from .area_training import GOLD_FILES

    gold = corpus_dir() / "gold"
    files = [gold / n for n in GOLD_FILES] + sorted(gold.glob(GOLD_WEB))
    docs = documents()
    by_doc: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for path in files:
        if "second_pass" in path.name or not path.exists():
            continue
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                by_doc[r["report"]].append((int(r["paragraph"]), r))
    out = []
    for doc_id in sorted(by_doc):
        d = docs[doc_id]
        rows = [r for _, r in sorted(by_doc[doc_id], key=lambda x: x[0])]
        for i, r in enumerate(rows):
            out.append(Paragraph(
                r["text"], r.get("heading") or "", r["area"], doc_id, d.province, d.kind,
                1.0 if d.path.parent.name == "reports" else OTHER_TEXT_WEIGHT,
                rows[i - 1]["text"] if i else "", rows[i + 1]["text"] if i + 1 < len(rows) else ""))
    return out


#: what each candidate reads besides the paragraph (areas.features options)
FEATURE_OPTIONS = {
    "today": {}, "uniform": {}, "heading": {"heading": True},
    "citations": {"heading": True, "cites": True},
    "neighbours": {"heading": True, "cites": True, "neighbours": True},
    "lexicon": {"heading": True, "cites": True, "neighbours": True, "lexicon": True},
    "context": {"heading": True, "cites": True, "neighbours": True, "lexicon": True, "context": True},
}
#: ``blend``'s main member reads what ``context`` reads (its ``chars`` member, :func:`areas.chars_text`)
FEATURE_OPTIONS["blend"] = FEATURE_OPTIONS["context"]


def feature_text(p: Paragraph, candidate: str) -> str:
    """The string the candidate's vectorisers read for one paragraph."""
    if candidate == "chars":
        return chars_text(p.text, p.heading)
    opt = FEATURE_OPTIONS[candidate]
    return features(p.text, p.heading if opt.get("heading") else None, cites=opt.get("cites", False),
                    before=p.before if opt.get("neighbours") else None,
                    after=p.after if opt.get("neighbours") else None, lexicon=opt.get("lexicon", False))


def make_candidate(candidate: str):
    """An untrained pipeline for the candidate (LogisticRegression throughout)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    from .area_training import make_pipeline

    if candidate != "chars":
        return make_pipeline("logreg")
    from sklearn.pipeline import FeatureUnion

    return Pipeline([
        # the text comes lower-cased (``areas.chars_text``): the flat copy lower-cases nothing
        ("features", FeatureUnion([("chars", TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, max_features=120000,
            lowercase=False))])),
        ("clf", LogisticRegression(C=20.0, max_iter=3000, class_weight="balanced")),
    ])


def _aligned(model, X) -> np.ndarray:
    """``model.predict_proba(X)`` with its columns in :data:`AREA_IDS` order."""
    proba = np.zeros((len(X), len(AREA_IDS)))
    proba[:, [AREA_IDS.index(c) for c in model.classes_]] = model.predict_proba(X)
    return proba


def fit_context(X: np.ndarray, y: np.ndarray, groups: np.ndarray, docs: np.ndarray):
    """The two stages of the ``context`` candidate: (first stage fitted on everything,
    second stage fitted on the first stage's probabilities held out by province,
    :data:`CONTEXT_FOLDS` folds)."""
    from ..areas import context_features
    from .area_training import make_context_model

    held_out = np.zeros((len(y), len(AREA_IDS)))
    for train, test in _folds(groups, CONTEXT_FOLDS):
        held_out[test] = _aligned(make_candidate("context").fit(X[train], y[train]), X[test])
    stage1 = make_candidate("context").fit(X, y)
    return stage1, make_context_model().fit(context_features(held_out, docs), y)


def predict_context(stage1, stage2, X: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """Probabilities (:data:`AREA_IDS` order) of the two-stage ``context`` model; ``docs``
    names each row's document (its other rows are its context)."""
    from ..areas import context_features

    return _aligned(stage2, context_features(_aligned(stage1, X), docs))


def _fit_predict(candidate, X, y, w, train, test, groups=None, docs=None):
    if candidate == "context":
        stage1, stage2 = fit_context(X[train], y[train], groups[train], docs[train])
        return test, predict_context(stage1, stage2, X[test], docs[test])
    model = make_candidate(candidate)
    model.fit(X[train], y[train], clf__sample_weight=w[train])
    return test, _aligned(model, X[test])


def _folds(groups: np.ndarray, n_splits: int = 5):
    from sklearn.model_selection import GroupKFold

    return list(GroupKFold(n_splits=n_splits).split(np.zeros(len(groups)), groups=groups))


def decide(proba: np.ndarray, khac_threshold: float | None) -> np.ndarray:
    """Areas from probabilities: ``khac`` when its probability reaches the threshold,
    else the likeliest of the seven areas (arg-max over all eight when None)."""
    labels = np.array(AREA_IDS)
    if khac_threshold is None:
        return labels[proba.argmax(axis=1)]
    k = AREA_IDS.index("khac")
    rest = proba.copy()
    rest[:, k] = -1.0
    out = labels[rest.argmax(axis=1)]
    out[proba[:, k] >= khac_threshold] = "khac"
    return out


def scores(y: np.ndarray, pred: np.ndarray) -> dict:
    from sklearn.metrics import classification_report, f1_score

    labels = list(AREA_IDS)
    rep = classification_report(y, pred, labels=labels, output_dict=True, zero_division=0)
    return {"macro_f1": float(f1_score(y, pred, labels=labels, average="macro", zero_division=0)),
            "accuracy": float((y == pred).mean()), "n": int(len(y)),
            "per_area": {a: {k: round(float(rep[a][k]), 3) for k in ("precision", "recall", "f1-score",
                                                                      "support")} for a in labels}}


def cross_validated_proba(paras: list[Paragraph], candidate: str, n_jobs: int = 1,
                          fraction: float = 1.0, seed: int = 0) -> np.ndarray:
    """Probabilities of every paragraph from a model that never saw its province.

    ``fraction`` < 1 trains each fold on that share of its training documents
    (for the learning curve)."""
    from joblib import Parallel, delayed

    if candidate == "blend":
        return blend(*(cross_validated_proba(paras, c, n_jobs, fraction, seed) for c in BLENDED))
    X = np.array([feature_text(p, candidate) for p in paras], dtype=object)
    y = np.array([p.area for p in paras])
    w = np.array([p.weight if candidate == "today" else 1.0 for p in paras])
    groups = np.array([p.province for p in paras])
    docs = np.array([p.doc for p in paras])
    rng = np.random.default_rng(seed)
    jobs = []
    for train, test in _folds(groups):
        if fraction < 1.0:
            keep = set(rng.permutation(sorted(set(docs[train])))[: max(1, int(fraction * len(set(docs[train]))))])
            train = np.array([i for i in train if docs[i] in keep])
        jobs.append((train, test))
    proba = np.zeros((len(paras), len(AREA_IDS)))
    extra = {"groups": groups, "docs": docs} if candidate == "context" else {}
    for test, pr in Parallel(n_jobs=n_jobs)(delayed(_fit_predict)(candidate, X, y, w, tr, te, **extra)
                                            for tr, te in jobs):
        proba[test] = pr
    return proba


def blend(context: np.ndarray, chars: np.ndarray, weight: float = BLEND_WEIGHT) -> np.ndarray:
    """The ``blend`` candidate's probabilities from its two members' (``weight`` on ``chars``)."""
    return blend_proba(context, chars, weight)


def nested_blend_score(paras: list[Paragraph], held: dict[str, np.ndarray] | None = None,
                       weights=(0.0, 0.1, 0.2, 0.3, 0.4, 0.5)) -> float:
    """Macro-F1 of ``blend`` on the training provinces with its share of ``chars`` and its
    ``khac`` threshold chosen inside the folds: each fold is scored with the pair that does
    best on the other four (``held``: the members' held-out probabilities, from :func:`compare`)."""
    train, _ = split(paras)
    held = held or {}
    a, b = (held[m] if m in held else cross_validated_proba(train, m) for m in BLENDED)
    y = np.array([p.area for p in train])
    pred = np.empty(len(y), dtype=object)
    grid = [(w, float(t)) for w in weights for t in np.round(np.arange(0.25, 0.61, 0.05), 2)]
    for rest, fold in _folds(np.array([p.province for p in train])):
        w, t = max(grid, key=lambda wt: scores(y[rest], decide(blend(a[rest], b[rest], wt[0]), wt[1]))["macro_f1"])
        pred[fold] = decide(blend(a[fold], b[fold], w), t)
    return scores(y, pred.astype(str))["macro_f1"]


def best_threshold(y: np.ndarray, proba: np.ndarray) -> tuple[float, float]:
    """The ``khac`` threshold with the best macro-F1 on these held-out probabilities."""
    grid = np.round(np.arange(0.10, 0.91, 0.05), 2)
    best = max(grid, key=lambda t: scores(y, decide(proba, t))["macro_f1"])
    return float(best), scores(y, decide(proba, best))["macro_f1"]


def split(paras: list[Paragraph]) -> tuple[list[Paragraph], list[Paragraph]]:
    test = set(load_split()["test"])
    return [p for p in paras if p.province not in test], [p for p in paras if p.province in test]


def compare(paras: list[Paragraph] | None = None, candidates=CANDIDATES, progress=None,
            held: dict[str, np.ndarray] | None = None) -> dict:
    """Grouped-by-province cross-validation of every candidate on the training provinces;
    ``held``, when given, receives each candidate's held-out probabilities."""
    train, _ = split(paras or load_paragraphs())
    y = np.array([p.area for p in train])
    out = {}
    held = {} if held is None else held
    for c in candidates:
        if c == "blend" and all(m in held for m in BLENDED):
            proba = blend(*(held[m] for m in BLENDED))
        else:
            proba = cross_validated_proba(train, c)
        held[c] = proba
        argmax = scores(y, decide(proba, None))
        t, f1_t = best_threshold(y, proba)
        pred = decide(proba, None)
        out[c] = {"argmax": argmax, "khac_threshold": t, "macro_f1_threshold": f1_t,
                  "ece": expected_calibration_error(proba.max(axis=1), pred == y)}
        if progress:
            progress(c, out[c])
    return out


def learning_curve(paras: list[Paragraph], candidate: str, threshold: float,
                   fractions=(0.25, 0.5, 0.75, 1.0)) -> list[dict]:
    train, _ = split(paras)
    y = np.array([p.area for p in train])
    rows = []
    for f in fractions:
        proba = cross_validated_proba(train, candidate, fraction=f)
        rows.append({"fraction": f, "documents": int(round(f * len({p.doc for p in train}))),
                     "macro_f1": scores(y, decide(proba, threshold))["macro_f1"]})
    return rows


def frozen_test_proba(train: list[Paragraph], test: list[Paragraph], candidate: str) -> np.ndarray:
    """Probabilities of the ``test`` paragraphs from the candidate fitted on ``train``."""
    if candidate == "blend":
        return blend(*(frozen_test_proba(train, test, c) for c in BLENDED))
    both = train + test
    X = np.array([feature_text(p, candidate) for p in both], dtype=object)
    y = np.array([p.area for p in both])
    w = np.array([p.weight if candidate == "today" else 1.0 for p in both])
    extra = {"groups": np.array([p.province for p in both]), "docs": np.array([p.doc for p in both])} \
        if candidate == "context" else {}
    _, proba = _fit_predict(candidate, X, y, w, np.arange(len(train)), np.arange(len(train), len(both)), **extra)
    return proba


def test_scores(paras: list[Paragraph], candidate: str, threshold: float | None) -> dict:
    """Fit on every training province, score once on the frozen test provinces:
    overall, per area, per document kind and per province."""
    train, test = split(paras)
    proba = frozen_test_proba(train, test, candidate)
    y = np.array([p.area for p in test])
    pred = decide(proba, threshold)
    result = scores(y, pred)
    result["ece"] = expected_calibration_error(proba.max(axis=1), pred == y)
    # the test provinces' paragraphs as the split held them when it was frozen (before batch r
    # added the documents of the structure development sets): the figure earlier models were scored on
    later = {d.id for d in documents().values() if d.path.parent.parent.name in dict(LABELLED_DEV_SETS)}
    before = np.array([p.doc not in later for p in test])
    result["as_frozen"] = scores(y[before], pred[before])
    from sklearn.metrics import f1_score

    for field in ("kind", "province"):
        groups = defaultdict(list)
        for i, p in enumerate(test):
            groups[getattr(p, field)].append(i)
        # macro-F1 over the areas present in the group (a small group lacks most of them)
        result["by_" + field] = {k: {"n": len(ix), "macro_f1": round(float(f1_score(
                                         y[ix], pred[ix], labels=sorted(set(y[ix])), average="macro",
                                         zero_division=0)), 3),
                                     "accuracy": round(float((y[ix] == pred[ix]).mean()), 3)}
                                 for k, ix in sorted(groups.items())}
    from sklearn.metrics import confusion_matrix

    result["confusion"] = confusion_matrix(y, pred, labels=list(AREA_IDS)).tolist()
    result["worst"] = [{"doc": test[i].doc, "text": test[i].text[:160], "gold": y[i], "predicted": pred[i],
                        "confidence": round(float(proba[i].max()), 3)}
                       for i in np.argsort(-proba.max(axis=1)) if y[i] != pred[i]][:15]
    result["provinces"] = sorted({p.province for p in test})
    return result


def summary(paras: list[Paragraph]) -> dict:
    train, test = split(paras)
    return {"paragraphs": len(paras), "documents": len({p.doc for p in paras}),
            "provinces": len({p.province for p in paras} - {"trung_uong"}),
            "train": {"paragraphs": len(train), "provinces": len({p.province for p in train})},
            "test": {"paragraphs": len(test), "provinces": len({p.province for p in test})},
            "areas": dict(Counter(p.area for p in paras)),
            "kinds": dict(Counter(p.kind for p in paras))}


# --- boilerplate (sentence concreteness) ---------------------------------------

BOILERPLATE_CANDIDATES = ("today", "words")


@dataclass(frozen=True)
class Sentence:
    text: str
    concrete: bool
    doc: str
    paragraph: str  # "<doc>#<paragraph index>": the paragraph it belongs to
    province: str
    kind: str


def load_sentences() -> list[Sentence]:
    """Every hand-judged sentence: ``gold/sentences.jsonl`` and the web paragraphs' sentences."""
    gold = corpus_dir() / "gold"
    docs = documents()
    out = []
    for line in (gold / "sentences.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            d = docs[r["report"]]
            out.append(Sentence(r["text"], bool(r["concrete"]), d.id, f"{d.id}#{r['paragraph']}",
                                d.province, d.kind))
    for path in sorted(gold.glob(GOLD_WEB)):
        if "second_pass" in path.name:
            continue
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                d = docs[r["report"]]
                for s in r["sentences"]:
                    out.append(Sentence(s["text"], bool(s["concrete"]), d.id, f"{d.id}#{r['paragraph']}",
                                        d.province, d.kind))
    return out


def _reference_lines(doc_ids) -> dict[str, list[str]]:
    docs = documents()
    return {d: [ln for ln in docs[d].path.read_text("utf-8").splitlines() if ln.strip()]
            for d in doc_ids}


def _boilerplate_fold(candidate, sents, train, test):
    """Fit on ``train`` sentences (template table from their documents only), predict ``test``."""
    from ..concreteness import TemplateTable, feature_matrix, ngrams
    from .concreteness_training import make_classifier

    train_docs = sorted({sents[i].doc for i in train})
    refs = _reference_lines(train_docs)
    table = TemplateTable.build(refs)
    own = {d: {g for t in refs[d] for g in ngrams(t)} for d in train_docs}
    Xtr = feature_matrix([sents[i].text for i in train], table, [own[sents[i].doc] for i in train])
    Xte = feature_matrix([sents[i].text for i in test], table)
    ytr = np.array([sents[i].concrete for i in train])
    if candidate == "today":
        model = make_classifier().fit(Xtr, ytr)
        return test, model.predict_proba(Xte)[:, list(model.classes_).index(True)]
    from ..concreteness import model_input, tokens
    from .concreteness_training import make_text_classifier

    model = make_text_classifier()
    wtr = [list(tokens(sents[i].text)) for i in train]
    wte = [list(tokens(sents[i].text)) for i in test]
    model.fit(model_input(Xtr, wtr), ytr)
    proba = model.predict_proba(model_input(Xte, wte))
    return test, proba[:, list(model.classes_).index(True)]


def _bp_scores(sents: list[Sentence], p_concrete: np.ndarray) -> dict:
    from sklearn.metrics import classification_report, f1_score

    y = np.array([s.concrete for s in sents])
    pred = p_concrete >= 0.5
    rep = classification_report(y, pred, labels=[True, False], target_names=["concrete", "boilerplate"],
                                output_dict=True, zero_division=0)
    # a paragraph is boilerplate when none of its sentences is concrete
    para_y, para_p = defaultdict(bool), defaultdict(bool)
    for s, g, p in zip(sents, y, pred):
        para_y[s.paragraph] |= bool(g)
        para_p[s.paragraph] |= bool(p)
    keys = sorted(para_y)
    py = np.array([not para_y[k] for k in keys])
    pp = np.array([not para_p[k] for k in keys])
    return {"sentences": len(y), "macro_f1": float(f1_score(y, pred, average="macro")),
            "concrete": {k: round(float(v), 3) for k, v in rep["concrete"].items()},
            "boilerplate": {k: round(float(v), 3) for k, v in rep["boilerplate"].items()},
            "paragraphs": len(keys),
            "paragraph_macro_f1": float(f1_score(py, pp, average="macro")),
            "paragraph_boilerplate_f1": float(f1_score(py, pp, pos_label=True))}


def compare_boilerplate(sents: list[Sentence] | None = None, n_jobs: int = 2) -> dict:
    """Province-grouped cross-validation of the boilerplate candidates on the training
    provinces, then the frozen test provinces once for each (both are cheap)."""
    from joblib import Parallel, delayed

    sents = sents or load_sentences()
    test_prov = set(load_split()["test"])
    train = [s for s in sents if s.province not in test_prov]
    test = [s for s in sents if s.province in test_prov]
    out = {}
    for c in BOILERPLATE_CANDIDATES:
        groups = np.array([s.province for s in train])
        proba = np.zeros(len(train))
        for te, pr in Parallel(n_jobs=n_jobs)(delayed(_boilerplate_fold)(c, train, tr, te)
                                              for tr, te in _folds(groups)):
            proba[te] = pr
        allx = train + test
        _, pt = _boilerplate_fold(c, allx, np.arange(len(train)), np.arange(len(train), len(allx)))
        out[c] = {"cv": _bp_scores(train, proba), "test": _bp_scores(test, pt)}
    out["has_digit_test"] = _bp_scores(test, np.array([any(ch.isdigit() for ch in s.text) for s in test],
                                                      dtype=float))
    return out
