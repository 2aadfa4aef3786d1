"""Training the area classifier: the labelled examples, the candidate pipelines,
cross-validation grouped by report, calibration error, and writing the model
files that ``areas.AreaTagger`` loads (the stage itself only loads and predicts).
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..areas import AREA_IDS, CHARS_FLAT_NAME, CHARS_NAME, CONTEXT_NAME, FLAT_NAME, MODEL_NAME, features
from ..flat import library_versions
from ..config import corpus_dir, models_dir
from ..normalise import fold


#: the classifiers make_pipeline builds
MODEL_KINDS = ("keywords", "complement_nb", "logreg", "linear_svc")


# A keyword baseline: what a reviewer would grep for.  Folded (no diacritics).
LEXICON: dict[str, tuple[str, ...]] = {
    "chi_dao_dieu_hanh": ("ke hoach cai cach", "tuyen truyen", "kiem tra cai cach", "chi dao",
                          "khao sat", "hai long", "thi dua", "chi so cai cach", "par index"),
    "the_che": ("quy pham phap luat", "qppl", "pho bien", "giao duc phap luat",
                "thi hanh phap luat", "ra soat van ban", "he thong hoa"),
    "tthc": ("thu tuc hanh chinh", "tthc", "mot cua", "ho so", "phan anh", "kien nghi",
             "dung han", "qua han", "niem yet"),
    "to_chuc_bo_may": ("bo may", "bien che", "quy che lam viec", "sap xep", "tinh gian",
                       "co cau to chuc", "chuc nang, nhiem vu"),
    "cong_vu": ("cong chuc", "vi tri viec lam", "dao tao", "boi duong", "ky luat",
                "tuyen dung", "van hoa cong so", "danh gia, xep loai", "dao duc cong vu"),
    "tai_chinh_cong": ("tai chinh", "ngan sach", "chi tieu noi bo", "tai san cong", "tu chu",
                       "thu chi", "giai ngan", "dau tu cong"),
    "chinh_quyen_so": ("chuyen doi so", "dich vu cong truc tuyen", "truc tuyen", "chu ky so",
                       "cong nghe thong tin", "dien tu", "phan mem", "iso", "chinh quyen so"),
}


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    heading: str
    area: str
    group: str  # the report it comes from: the unit of cross-validation
    weight: float = 1.0  # training weight: commune reports count more than other texts


#: training weight of paragraphs from public texts that are not commune reports
#: (news, decrees, plans in corpus/extra) against 1.0 for report paragraphs.
#: Unweighted, those single-topic texts pulled the class boundaries away from
#: report language: held-out macro-F1 on the seed reports fell 0.835 -> 0.791
#: when the second batch was added; at 0.1 it is 0.818 (MODEL_CARD.md).
OTHER_TEXT_WEIGHT = 0.1


def make_context_model():
    """The second stage of the ``context`` candidate: a multinomial LogisticRegression
    over :func:`context_features` (C and class weights chosen by province-grouped CV)."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0, max_iter=5000)


def make_pipeline(kind: str, random_state: int = 0):
    """A fresh, untrained scikit-learn pipeline of the named kind.

    ``kind`` is one of ``keywords``, ``complement_nb``, ``logreg``, ``linear_svc``.
    """
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import ComplementNB
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.svm import LinearSVC

    if kind == "keywords":
        return KeywordBaseline()
    union = FeatureUnion([
        # min_df=2: words seen once add nothing held-out (same macro-F1) but
        # slow the model's loading (skops rebuilds every vocabulary entry)
        # max_features 15,000: the heading, citation and neighbour tokens triple the
        # vocabulary; the 10,000 most frequent terms score the same held out
        # (province-grouped CV) and keep the model files small
        ("words", TfidfVectorizer(token_pattern=r"\S+", ngram_range=(1, 2), sublinear_tf=True,
                                  lowercase=False, min_df=2, max_features=15000)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True,
                                  min_df=2, lowercase=False, max_features=60000)),
    ])
    if kind == "complement_nb":
        clf = ComplementNB(alpha=0.3)
    elif kind == "logreg":
        clf = LogisticRegression(C=20.0, max_iter=3000, class_weight="balanced")
    elif kind == "linear_svc":
        clf = CalibratedClassifierCV(
            LinearSVC(C=1.0, class_weight="balanced", random_state=random_state),
            cv=3, method="sigmoid",
        )
    else:
        raise ValueError(f"unknown model kind {kind!r}")
    return Pipeline([("features", union), ("clf", clf)])


class KeywordBaseline:
    """Counts lexicon hits per area; ``khac`` when nothing matches.

    Follows the scikit-learn estimator shape (``fit`` returns self, learned
    attributes end in ``_``) so it runs through the same evaluation.
    """

    def __init__(self, lexicon: dict[str, tuple[str, ...]] | None = None):
        self.lexicon = lexicon

    def fit(self, X, y):
        self.classes_ = np.array(AREA_IDS)
        return self

    def _counts(self, x: str) -> np.ndarray:
        lex = self.lexicon or LEXICON
        text = fold(x.replace("_", " "))
        row = np.zeros(len(AREA_IDS))
        for i, area in enumerate(AREA_IDS):
            row[i] = sum(text.count(k) for k in lex.get(area, ()))
        return row

    def predict_proba(self, X):
        rows = []
        for x in X:
            c = self._counts(x)
            if c.sum() == 0:
                c[AREA_IDS.index("khac")] = 1
            rows.append(c / c.sum())
        return np.array(rows)

    def predict(self, X):
        return self.classes_[self.predict_proba(X).argmax(axis=1)]


GOLD_FILES = ("areas.jsonl", "areas_extra.jsonl", "areas_extra2.jsonl", "areas_extra3.jsonl")


def load_examples(gold_dir: Path | None = None) -> list[Example]:
    """Hand-labelled paragraphs from ``corpus/gold``; the group is the report."""
    gold_dir = gold_dir or corpus_dir() / "gold"
    out = []
    for name in GOLD_FILES:
        path = gold_dir / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            is_report = name == "areas.jsonl"  # the seed commune reports
            out.append(Example(rec["text"], rec.get("heading") or "", rec["area"],
                               rec["report"], 1.0 if is_report else OTHER_TEXT_WEIGHT))
    return out


def fit(model, X, y, weights):
    """Fit with sample weights where the estimator takes them."""
    if isinstance(model, KeywordBaseline):
        return model.fit(X, y)
    return model.fit(X, y, clf__sample_weight=weights)


def _fit_fold(kind: str, X, y, weights, train, test):
    """Fit on one fold's training reports, predict its held-out report."""
    model = fit(make_pipeline(kind), X[train], y[train], weights[train])
    return test, model.predict(X[test]), list(model.classes_), model.predict_proba(X[test])


def held_out_predictions(examples: list[Example], kind: str, *, use_heading: bool,
                         n_jobs: int = 1) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Leave-one-report-out predictions: (areas, probabilities, class order).

    Each report's paragraphs are predicted by a model fitted on the other
    reports only; no paragraph of the scored report is ever in training.
    ``n_jobs`` > 1 runs the folds in that many processes (joblib).
    """
    from joblib import Parallel, delayed
    from sklearn.model_selection import LeaveOneGroupOut

    X = np.array([features(e.text, e.heading if use_heading else None) for e in examples],
                 dtype=object)
    y = np.array([e.area for e in examples])
    groups = np.array([e.group for e in examples])
    weights = np.array([e.weight for e in examples])
    classes = sorted(set(y))
    pred = np.empty_like(y)
    proba = np.zeros((len(y), len(classes)))
    folds = LeaveOneGroupOut().split(X, y, groups)
    if n_jobs == 1:  # in this process (tests replace make_pipeline here)
        results = (_fit_fold(kind, X, y, weights, tr, te) for tr, te in folds)
    else:
        results = Parallel(n_jobs=n_jobs)(delayed(_fit_fold)(kind, X, y, weights, tr, te)
                                          for tr, te in folds)
    for test, fold_pred, fold_classes, fold_proba in results:
        pred[test] = fold_pred
        proba[np.ix_(test, [classes.index(c) for c in fold_classes])] = fold_proba
    return pred, proba, classes


def cross_validate(examples: list[Example], kind: str, *, use_heading: bool,
                   n_jobs: int = 1) -> dict:
    """Leave-one-report-out per-class scores (see :func:`held_out_predictions`)."""
    from sklearn.metrics import classification_report, confusion_matrix, f1_score

    y = np.array([e.area for e in examples])
    groups = np.array([e.group for e in examples])
    weights = np.array([e.weight for e in examples])
    pred, proba, _ = held_out_predictions(examples, kind, use_heading=use_heading, n_jobs=n_jobs)
    labels = list(AREA_IDS)
    # the score that matters most: paragraphs of held-out commune reports
    reports = weights == 1.0
    return {
        "reports_macro_f1": float(f1_score(y[reports], pred[reports], labels=labels,
                                           average="macro", zero_division=0)),
        "reports_report": classification_report(y[reports], pred[reports], labels=labels,
                                                output_dict=True, zero_division=0),
        "reports_n": int(reports.sum()),
        "kind": kind,
        "use_heading": use_heading,
        "macro_f1": float(f1_score(y, pred, labels=labels, average="macro", zero_division=0)),
        "accuracy": float((pred == y).mean()),
        "report": classification_report(y, pred, labels=labels, output_dict=True,
                                        zero_division=0),
        "confusion": confusion_matrix(y, pred, labels=labels).tolist(),
        "labels": labels,
        "n": len(y),
        "groups": len(set(groups)),
        # are the scores probabilities? the gap between confidence and accuracy
        "calibration_error": expected_calibration_error(proba.max(axis=1), pred == y),
        # per paragraph, in the order of `examples` (not stored in comparison.json)
        "predictions": pred.tolist(),
        "confidence": proba.max(axis=1).round(4).tolist(),
    }


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    """Mean |accuracy - confidence| over equal-width confidence bins, weighted by
    the share of predictions in each bin (0 = the top score is the hit rate)."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            total += mask.mean() * abs(correct[mask].mean() - confidence[mask].mean())
    return float(total)


def save(model, kind: str, use_heading: bool, directory: Path | None = None, *,
         cites: bool = False, neighbours: bool = False, khac_threshold: float | None = None,
         candidate: str | None = None, context=None, lexicon: bool = False,
         chars=None, chars_weight: float | None = None) -> Path:
    """Write the pipeline (skops), its flat copy (``areas.npz``) and ``meta.json``;
    ``context``: the fitted document-context model of the ``context`` candidate,
    written beside it (``areas_context.skops``) and into the flat copy; ``chars``: the
    character n-gram member of a blended model and its share (``areas_chars.skops``,
    ``areas_chars.npz``)."""
    import skops.io as sio

    directory = directory or models_dir() / "areas"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / MODEL_NAME
    _dump_pipeline(model, path)
    from .. import flat

    arrays = flat.export_text_classifier(model)
    context_path = directory / CONTEXT_NAME
    if context is not None:
        arrays.update(flat.export_context(context, AREA_IDS))
        sio.dump(context, context_path.with_suffix(".tmp"))
        context_path.with_suffix(".tmp").replace(context_path)
    elif context_path.exists():
        context_path.unlink()
    flat.save(arrays, directory / FLAT_NAME)
    chars_path = directory / CHARS_NAME
    if chars is not None:
        _dump_pipeline(chars, chars_path)
        flat.save(flat.export_text_classifier(chars), directory / CHARS_FLAT_NAME)
    else:
        for stale in (chars_path, directory / CHARS_FLAT_NAME):
            stale.unlink(missing_ok=True)
    meta = {"kind": kind, "candidate": candidate, "use_heading": use_heading, "cites": cites,
            "neighbours": neighbours, "lexicon": lexicon, "context": context is not None,
            "chars_weight": chars_weight if chars is not None else None,
            "khac_threshold": khac_threshold, "labels": list(AREA_IDS),
            "versions": library_versions(), "trained": dt.date.today().isoformat()}
    (directory / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return path


def _dump_pipeline(model, path: Path) -> None:
    """Write a fitted text pipeline as skops, small and atomically."""
    import skops.io as sio

    drop_pruned_terms(model)
    tmp = path.with_suffix(".tmp")
    # the vocabularies make a 14 MB JSON schema: deflate it (19 MB -> ~3 MB)
    sio.dump(model, tmp, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    tmp.replace(path)


def drop_pruned_terms(model) -> None:
    """Make the saved vectorisers small: forget the terms each pruned (``stop_words_``,
    every term under ``min_df``; prediction never reads them and scikit-learn
    documents the attribute as safe to delete), and keep the vocabulary's column
    numbers as plain ints."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    stack = [model]
    while stack:
        obj = stack.pop()
        if isinstance(obj, TfidfVectorizer) and hasattr(obj, "stop_words_"):
            del obj.stop_words_
        if isinstance(obj, TfidfVectorizer) and hasattr(obj, "vocabulary_"):
            # NumPy integers are stored one file each by skops (39,000 zip entries,
            # 10 MB); Python ints go into its JSON schema
            obj.vocabulary_ = {term: int(j) for term, j in obj.vocabulary_.items()}
        for attr in ("steps", "transformer_list", "transformers_"):
            for part in getattr(obj, attr, ()) or ():
                stack.append(part[1])
