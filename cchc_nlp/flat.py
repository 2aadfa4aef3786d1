"""Flat copies of the trained models, for prediction without scikit-learn.

Why: the trained pipelines are saved with skops, and that file stays the
model of record (``cchc train`` writes it, tests load it).  But a fresh
process that loads a skops file imports scikit-learn and SciPy (~1.3 s) and
skops' list of trusted types, which imports every scikit-learn module (~0.8 s
more).  A reviewer's ``cchc tag report.docx`` would spend most of its time on
imports.  So ``cchc train`` also writes each fitted pipeline's numbers to a
NumPy ``.npz`` (plain arrays, loaded with ``allow_pickle=False``), and the
classes below redo the same arithmetic: TF-IDF, linear scores, sigmoid
calibration or softmax.  ``tests/test_flat.py`` checks that they give the
probabilities of the scikit-learn pipeline, to 1e-9, on every gold paragraph.

Only what the saved models use is supported: a ``FeatureUnion`` of
``TfidfVectorizer`` (word n-grams over whitespace tokens, ``char_wb`` n-grams)
feeding ``CalibratedClassifierCV(LinearSVC, method="sigmoid")`` or a
multinomial ``LogisticRegression``, optionally followed by the area model's
document-context stage (a multinomial ``LogisticRegression`` over dense features,
:func:`export_context`); and ``StandardScaler`` + ``LogisticRegression`` for a binary
model.  Anything else is refused at export.

This module is also the one place that loads a trained model's files and checks
them against the installed libraries (:func:`load_flat`, :func:`check_versions`).
"""

from __future__ import annotations

import json
import math
import re
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np

from .errors import ModelNotFound

#: bump when the layout of the arrays changes
FORMAT = 1

_TOKEN = re.compile(r"\S+")


# --- export (runs where scikit-learn is installed: training) ------------------


def _vectorizer_arrays(name: str, vec) -> dict[str, np.ndarray]:
    """Vocabulary (terms in column order), idf and settings of one TfidfVectorizer."""
    if vec.analyzer not in ("word", "char_wb") or vec.lowercase or vec.stop_words \
            or vec.strip_accents or vec.preprocessor or vec.tokenizer \
            or vec.norm != "l2" or not vec.use_idf or not vec.sublinear_tf or vec.binary:
        raise ValueError(f"cannot flatten TfidfVectorizer {name!r}: unsupported settings")
    if vec.analyzer == "word" and vec.token_pattern != r"\S+":
        raise ValueError(f"cannot flatten TfidfVectorizer {name!r}: token_pattern must be \\S+")
    terms = np.empty(len(vec.vocabulary_), dtype=object)
    for term, j in vec.vocabulary_.items():
        terms[j] = term
    return {
        f"{name}.terms": terms.astype(str),
        f"{name}.idf": np.asarray(vec.idf_, dtype=np.float64),
        f"{name}.ngram_range": np.array(vec.ngram_range),
        f"{name}.char": np.array(vec.analyzer == "char_wb"),
    }


def export_text_classifier(pipeline) -> dict[str, np.ndarray]:
    """The arrays of a fitted ``Pipeline([("features", FeatureUnion), ("clf", ...)])``."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    union, clf = pipeline.named_steps["features"], pipeline.named_steps["clf"]
    if union.transformer_weights:
        raise ValueError("cannot flatten a FeatureUnion with transformer weights")
    arrays: dict[str, np.ndarray] = {"format": np.array(FORMAT),
                                     "blocks": np.array([n for n, _ in union.transformer_list])}
    for name, vec in union.transformer_list:
        arrays.update(_vectorizer_arrays(name, vec))
    arrays["classes"] = np.asarray(clf.classes_).astype(str)
    if isinstance(clf, CalibratedClassifierCV):
        if clf.method != "sigmoid":
            raise ValueError("cannot flatten calibration other than sigmoid")
        members = clf.calibrated_classifiers_
        if not all(isinstance(m.estimator, LinearSVC) for m in members):
            raise ValueError("cannot flatten a calibrated estimator other than LinearSVC")
        if not all(list(m.estimator.classes_) == list(clf.classes_) for m in members):
            raise ValueError("cannot flatten: a calibration fold saw only some of the classes")
        arrays["coef"] = np.stack([m.estimator.coef_ for m in members])
        arrays["intercept"] = np.stack([m.estimator.intercept_ for m in members])
        arrays["calib_a"] = np.array([[c.a_ for c in m.calibrators] for m in members])
        arrays["calib_b"] = np.array([[c.b_ for c in m.calibrators] for m in members])
        arrays["link"] = np.array("sigmoid_ovr")
    elif isinstance(clf, LogisticRegression) and len(clf.classes_) > 2:
        arrays["coef"] = clf.coef_[np.newaxis]
        arrays["intercept"] = clf.intercept_[np.newaxis]
        arrays["link"] = np.array("softmax")
    else:
        raise ValueError(f"cannot flatten classifier {type(clf).__name__}")
    if arrays["coef"].shape[1] < 3:
        raise ValueError("cannot flatten a binary text classifier")
    return arrays


def export_context(clf, labels) -> dict[str, np.ndarray]:
    """The arrays of the area model's document-context stage: a multinomial
    ``LogisticRegression`` over ``areas.context_features`` (columns in ``labels`` order)."""
    from sklearn.linear_model import LogisticRegression

    if not isinstance(clf, LogisticRegression) or len(clf.classes_) < 3:
        raise ValueError("cannot flatten the context model: expected a multinomial LogisticRegression")
    return {"context.coef": np.asarray(clf.coef_, dtype=np.float64),
            "context.intercept": np.asarray(clf.intercept_, dtype=np.float64),
            "context.classes": np.asarray(clf.classes_).astype(str),
            "context.labels": np.asarray(labels).astype(str)}


def export_scaled_logistic(pipeline) -> dict[str, np.ndarray]:
    """The arrays of a fitted ``Pipeline([StandardScaler, binary LogisticRegression])``."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    (_, scaler), (_, clf) = pipeline.steps
    if not isinstance(scaler, StandardScaler) or not isinstance(clf, LogisticRegression) \
            or len(clf.classes_) != 2:
        raise ValueError("cannot flatten: expected StandardScaler + binary LogisticRegression")
    return {"format": np.array(FORMAT),
            "mean": np.asarray(scaler.mean_ if scaler.with_mean else 0.0, dtype=np.float64),
            "scale": np.asarray(scaler.scale_ if scaler.with_std else 1.0, dtype=np.float64),
            "coef": clf.coef_[0].astype(np.float64), "intercept": np.asarray(clf.intercept_[0]),
            "classes": np.asarray(clf.classes_).astype(str)}


def export_scaled_text_logistic(pipeline) -> dict[str, np.ndarray]:
    """The arrays of ``Pipeline([ColumnTransformer([("counts", StandardScaler, [0..k-1]),
    ("words", TfidfVectorizer, k)]), binary LogisticRegression])``: counts and words."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    ct, clf = pipeline.named_steps["features"], pipeline.named_steps["clf"]
    (n1, scaler, cols), (n2, vec, col) = [(n, t, c) for n, t, c in ct.transformers_ if n != "remainder"]
    if (n1, n2) != ("counts", "words") or not isinstance(scaler, StandardScaler) \
            or not isinstance(clf, LogisticRegression) or len(clf.classes_) != 2 \
            or list(cols) != list(range(len(cols))) or col != len(cols):
        raise ValueError("cannot flatten: expected counts (StandardScaler) + words (TfidfVectorizer) "
                         "+ binary LogisticRegression")
    k = len(cols)
    return {"format": np.array(FORMAT), "blocks": np.array(["words"]),
            **_vectorizer_arrays("words", vec),
            "mean": np.asarray(scaler.mean_, dtype=np.float64),
            "scale": np.asarray(scaler.scale_, dtype=np.float64),
            "coef": clf.coef_[0, :k].astype(np.float64),
            "coef_words": clf.coef_[0, k:].astype(np.float64),
            "intercept": np.asarray(clf.intercept_[0]), "classes": np.asarray(clf.classes_).astype(str)}


def save(arrays: dict[str, np.ndarray], path: Path) -> None:
    """Write atomically: a reader never sees half a file."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        np.savez_compressed(fh, **arrays)
    tmp.replace(path)


# --- prediction (NumPy only) --------------------------------------------------


def _load(path: Path) -> dict[str, np.ndarray]:
    """The arrays of an exported model; ValueError when missing or unreadable."""
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
    except (OSError, EOFError, zipfile.BadZipFile) as err:
        raise ValueError(f"cannot read {path.name}: {err}") from None
    if int(arrays.get("format", -1)) != FORMAT:
        raise ValueError(f"{path.name} has layout {arrays.get('format')}, expected {FORMAT}")
    return arrays


def _word_ngrams(text: str, lo: int, hi: int) -> list[str]:
    words = _TOKEN.findall(text)
    out = list(words) if lo == 1 else []
    for n in range(max(lo, 2), min(hi, len(words)) + 1):
        out += [" ".join(words[i:i + n]) for i in range(len(words) - n + 1)]
    return out


def _word_wb_ngrams(word: str, lo: int, hi: int) -> list[str]:
    """The ``char_wb`` n-grams of one whitespace-free word, padded with spaces."""
    w = f" {word} "
    out = []
    for n in range(lo, hi + 1):
        if len(w) <= n:  # a short word counts once, whole
            out.append(w)
            break
        out += [w[i:i + n] for i in range(len(w) - n + 1)]
    return out


def _char_wb_ngrams(text: str, lo: int, hi: int) -> list[str]:
    """Character n-grams inside space-padded words, as scikit-learn's ``char_wb``."""
    return [g for w in text.split() for g in _word_wb_ngrams(w, lo, hi)]


#: words whose char_wb columns a block remembers; cleared when full (a batch of
#: national size meets many one-off numbers and codes)
_WORD_CACHE_SIZE = 200_000


class _Block:
    """One TF-IDF vectoriser: sublinear term frequency × idf, L2-normalised."""

    def __init__(self, arrays: dict[str, np.ndarray], name: str, offset: int):
        terms = arrays[f"{name}.terms"].tolist()
        self.index = dict(zip(terms, range(offset, offset + len(terms))))
        self.idf = arrays[f"{name}.idf"]
        self.offset = offset
        self.lo, self.hi = (int(x) for x in arrays[f"{name}.ngram_range"])
        self.char = bool(arrays[f"{name}.char"])
        # char_wb n-grams never cross a word boundary, so a word's columns are
        # the same wherever it stands: computed once per distinct word (syllables
        # repeat a great deal), which makes this block several times faster
        self._word_columns: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self.idf)

    def _columns_of_word(self, word: str) -> list[int]:
        cols = self._word_columns.get(word)
        if cols is None:
            if len(self._word_columns) >= _WORD_CACHE_SIZE:
                self._word_columns.clear()
            index = self.index
            cols = self._word_columns[word] = [
                j for g in _word_wb_ngrams(word, self.lo, self.hi) if (j := index.get(g)) is not None]
        return cols

    def columns(self, text: str) -> list[int]:
        """The column of every n-gram of ``text`` that the vocabulary holds, repeats kept."""
        if self.char:
            return [j for w in text.split() for j in self._columns_of_word(w)]
        index = self.index
        return [j for g in _word_ngrams(text, self.lo, self.hi) if (j := index.get(g)) is not None]

    def vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(column indices, weights) of the text's non-zero features."""
        counts = Counter(self.columns(text))
        if not counts:
            return np.empty(0, dtype=np.int64), np.empty(0)
        cols = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        weights = (np.log(tf) + 1.0) * self.idf[cols - self.offset]
        norm = math.sqrt(float(weights @ weights))
        return cols, weights / norm if norm else weights


class TextClassifier:
    """Predicts like the exported scikit-learn text pipeline (``predict_proba``)."""

    def __init__(self, path: Path):
        arrays = _load(path)
        self.classes_ = arrays["classes"]
        self.blocks, offset = [], 0
        for name in arrays["blocks"].tolist():
            block = _Block(arrays, name, offset)
            self.blocks.append(block)
            offset += len(block)
        self.coef = arrays["coef"]            # (members, classes, features)
        self.intercept = arrays["intercept"]  # (members, classes)
        self.link = str(arrays["link"])
        if self.link == "sigmoid_ovr":
            self.calib_a, self.calib_b = arrays["calib_a"], arrays["calib_b"]
        # the optional document-context stage (export_context)
        self.context_coef = arrays.get("context.coef")
        self.context_intercept = arrays.get("context.intercept")
        self.context_classes = arrays.get("context.classes")

    def context_proba(self, features: np.ndarray) -> np.ndarray:
        """Probabilities of the document-context stage (softmax of its linear scores)."""
        if self.context_coef is None:
            raise ValueError("this model has no document-context stage")
        z = np.asarray(features, dtype=np.float64) @ self.context_coef.T + self.context_intercept
        z = np.exp(z - z.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        out = np.empty((len(texts), len(self.classes_)))
        for i, text in enumerate(texts):
            parts = [b.vector(text) for b in self.blocks]
            cols = np.concatenate([c for c, _ in parts])
            weights = np.concatenate([w for _, w in parts])
            scores = self.coef[:, :, cols] @ weights + self.intercept  # (members, classes)
            out[i] = self._probabilities(scores)
        return out

    def _probabilities(self, scores: np.ndarray) -> np.ndarray:
        if self.link == "softmax":
            z = np.exp(scores[0] - scores[0].max())
            return z / z.sum()
        # one-vs-rest sigmoid per member, renormalised, then averaged over members
        with np.errstate(over="ignore"):  # exp overflow -> inf -> probability 0, as intended
            p = 1.0 / (1.0 + np.exp(self.calib_a * scores + self.calib_b))
        total = p.sum(axis=1, keepdims=True)
        uniform = np.full_like(p, 1.0 / p.shape[1])
        p = np.divide(p, total, out=uniform, where=total != 0)
        return p.mean(axis=0)


class ScaledLogistic:
    """Predicts like the exported StandardScaler + binary LogisticRegression."""

    def __init__(self, path: Path):
        arrays = _load(path)
        self.classes_ = arrays["classes"]
        self.mean, self.scale = arrays["mean"], arrays["scale"]
        self.coef, self.intercept = arrays["coef"], float(arrays["intercept"])

    def _scores(self, X: np.ndarray) -> np.ndarray:
        return ((np.asarray(X, dtype=np.float64) - self.mean) / self.scale) @ self.coef + self.intercept

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        p = 1.0 / (1.0 + np.exp(-self._scores(X)))
        return np.column_stack([1.0 - p, p])


class ScaledTextLogistic(ScaledLogistic):
    """Predicts like the exported counts + words binary LogisticRegression."""

    def __init__(self, path: Path):
        super().__init__(path)
        arrays = _load(path)
        self.coef_words = arrays["coef_words"]
        self.words = _Block(arrays, "words", 0)

    def predict_proba(self, X: np.ndarray, texts: list[str]) -> np.ndarray:
        """``X``: the count features; ``texts``: the segmented, lower-cased sentences."""
        z = self._scores(X)
        for i, text in enumerate(texts):
            cols, weights = self.words.vector(text)
            z[i] += float(self.coef_words[cols] @ weights)
        p = 1.0 / (1.0 + np.exp(-z))
        return np.column_stack([1.0 - p, p])


# --------------------------------------------------------------------------
# Loading a trained model's files, with the checks a user needs
# --------------------------------------------------------------------------


def library_versions() -> dict[str, str]:
    """The installed releases a trained model's files depend on (written into its meta.json)."""
    import importlib.metadata as md

    return {p: md.version(p) for p in ("scikit-learn", "skops", "underthesea", "numpy")}


#: what a model's predictions depend on, by file: the skops pipeline needs the
#: scikit-learn and skops releases that wrote it; the flat copy only needs the
#: same word segmentation (its features are underthesea's words)
PIPELINE_PACKAGES = ("scikit-learn", "skops")
FLAT_PACKAGES = ("underthesea",)


def check_versions(meta: dict, what: str, packages=PIPELINE_PACKAGES) -> None:
    """Refuse a model saved under another release (major.minor) of ``packages``."""
    have = library_versions()
    for pkg in packages:
        want = meta["versions"].get(pkg, "?")
        if want.split(".")[:2] != have[pkg].split(".")[:2]:
            raise ModelNotFound(f"{what} được huấn luyện với {pkg} {want} nhưng máy đang cài {have[pkg]}; "
                                "chạy `cchc train` để huấn luyện lại")


def read_meta(directory: Path, what: str) -> dict:
    path = directory / "meta.json"
    if not path.exists():
        raise ModelNotFound(f"chưa có {what} trong {directory}; chạy `cchc train` để tạo")
    return json.loads(path.read_text(encoding="utf-8"))


def load_flat(directory: Path, name: str, kind, what: str):
    """(model, meta) of a flat model file (:mod:`cchc_nlp.flat`), with the checks
    and the one-line advice a user needs when it is missing or stale."""
    meta = read_meta(directory, what)
    check_versions(meta, what, FLAT_PACKAGES)
    try:
        return kind(directory / name), meta
    except (ValueError, KeyError) as err:
        raise ModelNotFound(f"{what} {directory / name} bị thiếu hoặc không đọc được ({err}); "
                            "chạy `cchc train` để tạo lại") from None
