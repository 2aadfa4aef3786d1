"""Tag narrative paragraphs with their CCHC area (seven areas plus ``khac``).

Features are built on underthesea word segmentation (``nlp.segmented``):
TF-IDF over word uni/bigrams plus character n-grams, fed to a stock
scikit-learn classifier.  The model is evaluated with grouped cross-validation
that leaves whole reports out, and saved with skops (not pickle).

Example:
    >>> tagger = AreaTagger.load()
    >>> tagger.predict(["Tiếp nhận 1.157 hồ sơ TTHC, giải quyết đúng hạn 1.150 hồ sơ."])[0].area
    'tthc'
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .config import corpus_dir, models_dir
from .errors import ModelNotFound
from .model import AREAS
from .nlp import segmented
from .normalise import fold

AREA_IDS: tuple[str, ...] = tuple(AREAS)
MODEL_NAME = "areas.skops"  # the trained pipeline, the model of record
FLAT_NAME = "areas.npz"  # the same numbers for NumPy-only prediction (cchc_nlp.flat)
CONTEXT_NAME = "areas_context.skops"  # the document-context model, when the candidate has one
_HAS_WORD_RE = re.compile(r"[^\W\d_]{2,}")

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
class AreaPrediction:
    area: str
    scores: dict[str, float]  # probabilities over AREA_IDS, summing to 1 (held-out ECE in the model card)


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


# How Vietnamese administrative reports open, close and introduce lists.  A
# paragraph that only does this is `khac` (GUIDELINES.md, principle 3) whatever
# area its words name ("Thực hiện … chế độ báo cáo CCHC …, báo cáo như sau:"),
# and word n-grams alone miss that: the same words are evidence for an area
# elsewhere.  The cues are added as marker tokens; the model learns their weight.
_LIST_MARKS = " -+*•\t"
_OPENING_RE = re.compile(r"(?:Thực hiện|Căn cứ|Theo|Để)\b")
_OPENING_AIM_RE = re.compile(r"báo cáo|như sau")
_CLOSING_RE = re.compile(r"Trên đây")


def form_cues(text: str) -> list[str]:
    """Marker tokens for the report-form role of a paragraph.

    >>> form_cues("Trên đây là báo cáo kết quả CCHC năm 2023 của UBND xã.")
    ['__closing__']
    >>> form_cues("- Không")
    ['__short__']
    """
    t = text.strip(_LIST_MARKS)
    out = []
    if len(t.split()) <= 3:
        out.append("__short__")
    if _OPENING_RE.match(t) and _OPENING_AIM_RE.search(t):
        out.append("__opening__")
    if _CLOSING_RE.match(t):
        out.append("__closing__")
    if t.endswith(":"):
        out.append("__intro__")
    return out


#: Phrases that name each area's subject, written from the scope and tie-break rules of
#: ``corpus/gold/GUIDELINES.md`` (not from any labelled paragraph); ``khac`` lists the
#: opening, closing and procedural formulas of principle 3 and the competence laws of
#: the legal-basis rule.  Folded (no diacritics), matched on word boundaries; each
#: phrase found adds one ``lex:<area>`` token, and the model learns how much to trust it.
GUIDELINE_LEXICON: dict[str, tuple[str, ...]] = {
 "chi_dao_dieu_hanh": ("ke hoach cai cach hanh chinh", "ke hoach cchc", "tuyen truyen cai cach", "tuyen truyen ve cai cach",
   "tuyen truyen cchc", "tu kiem tra cai cach", "kiem tra cong tac cai cach", "kiem tra cchc", "khao sat", "su hai long",
   "chi so cai cach", "chi so cchc", "par index", "sipas", "thi dua", "chi dao", "quan triet", "nhiem vu duoc giao",
   "y kien chi dao", "che do bao cao", "76/nq-cp", "lanh dao, chi dao", "trach nhiem nguoi dung dau", "xep hang"),
 "the_che": ("quy pham phap luat", "vbqppl", "qppl", "pho bien, giao duc phap luat", "pho bien giao duc phap luat",
   "pbgdpl", "hoa giai co so", "tiep can phap luat", "thi hanh phap luat", "vi pham hanh chinh", "he thong hoa",
   "kiem tra van ban", "ra soat van ban", "tro giup phap ly", "tim hieu phap luat", "ban hanh van ban", "the che"),
 "tthc": ("thu tuc hanh chinh", "tthc", "mot cua", "tiep nhan va tra ket qua", "tn&tkq", "ho so", "dung han",
   "truoc han", "qua han", "tre han", "niem yet", "cong khai", "phan anh, kien nghi", "pakn", "kiem soat thu tuc",
   "lien thong", "buu chinh cong ich", "bcci", "so hoa", "don gian hoa", "le phi", "phuc vu hanh chinh cong", "63/2010", "61/2018"),
 "to_chuc_bo_may": ("bo may", "sap xep", "bien che", "tinh gian", "co cau to chuc", "chuc nang, nhiem vu",
   "chuc nang nhiem vu", "quy che lam viec", "quy che phoi hop", "phan cap", "18-nq/tw", "don vi hanh chinh",
   "sap nhap", "hop nhat", "to dan pho", "hai cap", "phong chuyen mon", "don vi su nghiep", "so luong"),
 "cong_vu": ("cong chuc", "vien chuc", "can bo", "vi tri viec lam", "tuyen dung", "dieu dong", "luan chuyen",
   "biet phai", "dao tao", "boi duong", "tap huan", "quy hoach can bo", "xep loai", "ky luat", "ky cuong",
   "dao duc cong vu", "van hoa cong so", "giao tiep", "ung xu", "the deo", "kiem tra cong vu", "che do, chinh sach",
   "trinh do", "chuc danh", "gio lam viec", "thi tuyen", "xet tuyen", "nang ngach"),
 "tai_chinh_cong": ("ngan sach", "tai chinh", "du toan", "thu chi", "chi tieu noi bo", "tai san cong", "tu chu",
   "tiet kiem", "lang phi", "giai ngan", "dau tu cong", "kiem toan", "atm", "kinh phi", "130/2005", "117/2013",
   "60/2021", "nguon thu", "quyet toan", "von"),
 "chinh_quyen_so": ("chuyen doi so", "cong nghe thong tin", "cntt", "dich vu cong truc tuyen", "dvctt", "truc tuyen",
   "toan trinh", "chu ky so", "thu dien tu", "thu cong vu", "phan mem", "quan ly van ban", "mot cua dien tu",
   "cong dich vu cong", "thanh toan", "trang thong tin dien tu", "cong thong tin dien tu", "zalo", "qr", "iso",
   "9001", "mang lan", "may tinh", "ha tang", "du lieu", "chinh quyen so", "chinh quyen dien tu", "de an 06",
   "vneid", "tai khoan", "so hoa", "nen tang", "ung dung", "ai", "tri tue nhan tao", "internet"),
 "khac": ("tren day la", "nhu sau:", "noi nhan", "hieu luc", "to chuc chinh quyen dia phuong", "to trinh",
   "xet de nghi", "quyet dinh nay", "hien phap", "chanh van phong", "to chuc chinh phu", "hoi dong nhan dan va uy ban",
   "chiu trach nhiem thi hanh", "ket qua dat duoc", "han che"),
}
_GUIDELINE_RE = {a: [re.compile(r"(?<![a-z0-9])" + re.escape(k) + r"(?![a-z0-9])") for k in ks]
                 for a, ks in GUIDELINE_LEXICON.items()}


def lexicon_tokens(text: str) -> list[str]:
    """One ``lex:<area>`` token per guideline phrase of that area found in the text.

    >>> lexicon_tokens("Tiếp nhận 120 hồ sơ TTHC; 50 hồ sơ trực tuyến")
    ['lex:tthc', 'lex:tthc', 'lex:chinh_quyen_so']
    """
    t = fold(text).lower()
    return [f"lex:{a}" for a, pats in _GUIDELINE_RE.items() for p in pats if p.search(t)]


def features(text: str, heading: str | None = None, *, cites: bool = False,
             before: str | None = None, after: str | None = None, lexicon: bool = False) -> str:
    """The classifier's input: segmented text, report-form cues (:func:`form_cues`),
    heading words marked ``h:`` when headings are used, the documents the text
    cites (``cite:…``, ``citearea:…``, :func:`citation_tokens`) when ``cites``,
    the first words of the paragraphs before and after it (``b:``, ``a:``), and
    the guideline phrases it contains (``lex:…``, :func:`lexicon_tokens`) when ``lexicon``."""
    parts = [segmented(text), *form_cues(text)]
    if heading:
        parts += ["h:" + w for w in segmented(heading).split()]
    if cites:
        parts += citation_tokens(text)
    for mark, other in (("b:", before), ("a:", after)):
        if other:
            parts += [mark + w for w in segmented(other).split()[:NEIGHBOUR_WORDS]]
    if lexicon:
        parts += lexicon_tokens(text)
    return " ".join(parts)


#: words of each neighbouring paragraph the model sees
NEIGHBOUR_WORDS = 40

#: Well-known documents and the area they stand for (DOMAIN.md, GUIDELINES.md): a
#: prior the citation features add as a token (``citearea:tthc``); the model
#: learns how much to trust it.
CITED_AREA = {
    "61/2018/NĐ-CP": "tthc", "107/2021/NĐ-CP": "tthc", "63/2010/NĐ-CP": "tthc",
    "92/2017/NĐ-CP": "tthc", "48/2013/NĐ-CP": "tthc", "118/2025/NĐ-CP": "tthc",
    "45/2020/NĐ-CP": "chinh_quyen_so", "42/2022/NĐ-CP": "chinh_quyen_so",
    "06/QĐ-TTg": "chinh_quyen_so", "30/2020/NĐ-CP": "the_che", "34/2016/NĐ-CP": "the_che",
    "154/2020/NĐ-CP": "the_che", "138/2020/NĐ-CP": "cong_vu", "112/2020/NĐ-CP": "cong_vu",
    "90/2020/NĐ-CP": "cong_vu", "48/2023/NĐ-CP": "cong_vu", "62/2020/NĐ-CP": "to_chuc_bo_may",
    "130/2005/NĐ-CP": "tai_chinh_cong", "117/2013/NĐ-CP": "tai_chinh_cong",
    "60/2021/NĐ-CP": "tai_chinh_cong", "151/2017/NĐ-CP": "tai_chinh_cong",
    "76/NQ-CP": "chi_dao_dieu_hanh", "30c/NQ-CP": "chi_dao_dieu_hanh",
}


def context_features(proba: np.ndarray, docs) -> np.ndarray:
    """The document-context model's input, one row per paragraph: the log of its own
    first-stage probabilities, the mean first-stage probabilities of the *other*
    paragraphs of its document, and 1 when it has any (0 for a lone paragraph).

    ``proba`` columns are in :data:`AREA_IDS` order; ``docs`` names each row's document.
    A news article is mostly about one area (86% of its paragraphs share the area of
    the rest of the article), which a paragraph alone often does not say.
    """
    proba = np.asarray(proba, dtype=np.float64)
    docs = np.asarray(docs)
    sums: dict = {}
    counts: dict = {}
    for d, row in zip(docs.tolist(), proba):
        sums[d] = sums.get(d, 0.0) + row
        counts[d] = counts.get(d, 0) + 1
    n = np.array([counts[d] for d in docs.tolist()], dtype=np.float64)[:, None]
    total = np.array([sums[d] for d in docs.tolist()]).reshape(proba.shape)
    others = np.divide(total - proba, n - 1, out=np.zeros_like(proba), where=n > 1)
    return np.hstack([np.log(np.clip(proba, 1e-6, 1.0)), others, (n > 1).astype(np.float64)])


def make_context_model():
    """The second stage of the ``context`` candidate: a multinomial LogisticRegression
    over :func:`context_features` (C and class weights chosen by province-grouped CV)."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0, max_iter=5000)


def citation_tokens(text: str) -> list[str]:
    """``cite:<canonical>`` for each document the text cites, and ``citearea:<id>``
    for a well-known one.

    >>> citation_tokens("Thực hiện Nghị định số 61/2018/NĐ-CP ngày 23/4/2018")
    ['cite:61/2018/nđ-cp', 'citearea:tthc']
    """
    from .citations import find_citations

    out = []
    for c in find_citations(text):
        key = c.canonical or (c.name or "")
        if not key:
            continue
        out.append("cite:" + key.lower().replace(" ", "_"))
        area = CITED_AREA.get(key)
        if area:
            out.append("citearea:" + area)
    return out


# --- models -----------------------------------------------------------------


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


MODEL_KINDS = ("keywords", "complement_nb", "logreg", "linear_svc")


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


# --- data and evaluation ----------------------------------------------------

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


# --- the saved model ---------------------------------------------------------


def library_versions() -> dict[str, str]:
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


def _read_meta(directory: Path, what: str) -> dict:
    path = directory / "meta.json"
    if not path.exists():
        raise ModelNotFound(f"chưa có {what} trong {directory}; chạy `cchc train` để tạo")
    return json.loads(path.read_text(encoding="utf-8"))


#: non-default types a saved pipeline may hold: those of a calibrated LinearSVC
#: (the LogisticRegression pipeline needs none)
_TRUSTED_TYPES = ["sklearn.calibration._CalibratedClassifier",
                  "sklearn.calibration._SigmoidCalibration"]


def load_flat(directory: Path, name: str, kind, what: str):
    """(model, meta) of a flat model file (:mod:`cchc_nlp.flat`), with the checks
    and the one-line advice a user needs when it is missing or stale."""
    meta = _read_meta(directory, what)
    check_versions(meta, what, FLAT_PACKAGES)
    try:
        return kind(directory / name), meta
    except (ValueError, KeyError) as err:
        raise ModelNotFound(f"{what} {directory / name} bị thiếu hoặc không đọc được ({err}); "
                            "chạy `cchc train` để tạo lại") from None


def load_pipeline(directory: Path | None = None):
    """The trained scikit-learn pipeline from the skops file (imports scikit-learn)."""
    import skops.io as sio

    directory = directory or models_dir() / "areas"
    check_versions(_read_meta(directory, "mô hình lĩnh vực"), "mô hình lĩnh vực")
    path = directory / MODEL_NAME
    if not path.exists():
        raise ModelNotFound(f"chưa có mô hình lĩnh vực trong {directory}; chạy `cchc train` để tạo")
    try:
        # skops refuses any type outside its defaults and this list
        return sio.load(path, trusted=_TRUSTED_TYPES)
    except sio.exceptions.UntrustedTypesFoundException as err:
        raise ModelNotFound(f"mô hình lĩnh vực chứa kiểu dữ liệu lạ ({err}); "
                            "tạo lại bằng `cchc train`") from None


def save(model, kind: str, use_heading: bool, directory: Path | None = None, *,
         cites: bool = False, neighbours: bool = False, khac_threshold: float | None = None,
         candidate: str | None = None, context=None, lexicon: bool = False) -> Path:
    """Write the pipeline (skops), its flat copy (``areas.npz``) and ``meta.json``;
    ``context``: the fitted document-context model of the ``context`` candidate,
    written beside it (``areas_context.skops``) and into the flat copy."""
    import skops.io as sio

    directory = directory or models_dir() / "areas"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / MODEL_NAME
    tmp = path.with_suffix(".tmp")
    drop_pruned_terms(model)
    # the vocabularies make a 14 MB JSON schema: deflate it (19 MB -> ~3 MB)
    sio.dump(model, tmp, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    tmp.replace(path)
    from . import flat

    arrays = flat.export_text_classifier(model)
    context_path = directory / CONTEXT_NAME
    if context is not None:
        arrays.update(flat.export_context(context, AREA_IDS))
        sio.dump(context, context_path.with_suffix(".tmp"))
        context_path.with_suffix(".tmp").replace(context_path)
    elif context_path.exists():
        context_path.unlink()
    flat.save(arrays, directory / FLAT_NAME)
    meta = {"kind": kind, "candidate": candidate, "use_heading": use_heading, "cites": cites,
            "neighbours": neighbours, "lexicon": lexicon, "context": context is not None,
            "khac_threshold": khac_threshold, "labels": list(AREA_IDS),
            "versions": library_versions(), "trained": dt.date.today().isoformat()}
    (directory / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return path


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


class AreaTagger:
    """The trained area model, loaded once and checked against the installed versions."""

    def _decide(self, scores: dict[str, float]) -> str:
        if self.khac_threshold is None:
            return max(scores, key=scores.get)
        if scores["khac"] >= self.khac_threshold:
            return "khac"
        return max((a for a in scores if a != "khac"), key=scores.get)

    def __init__(self, model, meta: dict):
        self.model = model
        self.meta = meta
        self.use_heading = bool(meta.get("use_heading"))
        self.cites = bool(meta.get("cites"))
        self.neighbours = bool(meta.get("neighbours"))
        self.lexicon = bool(meta.get("lexicon"))
        #: a second stage reads the first-stage probabilities of the whole document
        #: (``context_features``); the paragraphs given to one ``predict`` call are one document
        self.context = bool(meta.get("context"))
        #: ``khac`` when its probability reaches this (chosen by province-grouped
        #: cross-validation, ``transfer.best_threshold``); None: the arg-max
        self.khac_threshold = meta.get("khac_threshold")

    @classmethod
    @functools.cache
    def load(cls, directory: Path | None = None) -> "AreaTagger":
        """The flat copy of the trained pipeline (:mod:`cchc_nlp.flat`): NumPy only,
        so a cold ``cchc tag`` does not import scikit-learn."""
        from .flat import TextClassifier

        model, meta = load_flat(directory or models_dir() / "areas", FLAT_NAME, TextClassifier,
                                "mô hình lĩnh vực")
        return cls(model, meta)

    def predict(self, texts: list[str], headings: list[str] | None = None) -> list[AreaPrediction]:
        """Area and probabilities for each paragraph text.

        ``texts`` are a document's paragraphs in order: a model trained with
        neighbours reads the paragraphs before and after each one, a model with
        document context the first-stage probabilities of all of them."""
        headings = headings or [""] * len(texts)
        out: list[AreaPrediction | None] = [None] * len(texts)
        idx, X = [], []
        for i, (t, h) in enumerate(zip(texts, headings)):
            if not _HAS_WORD_RE.search(t):
                # numbers only, a table row, punctuation: nothing to learn from
                uniform = 1.0 / len(AREA_IDS)
                out[i] = AreaPrediction("khac", {a: uniform for a in AREA_IDS})
                continue
            idx.append(i)
            X.append(features(t, h if self.use_heading else None, cites=self.cites,
                              before=texts[i - 1] if self.neighbours and i else None,
                              after=texts[i + 1] if self.neighbours and i + 1 < len(texts) else None,
                              lexicon=self.lexicon))
        if X:
            proba = self.model.predict_proba(X)
            classes = list(self.model.classes_)
            if self.context:
                ordered = np.zeros((len(X), len(AREA_IDS)))
                ordered[:, [AREA_IDS.index(c) for c in classes]] = proba
                proba = self.model.context_proba(context_features(ordered, [0] * len(X)))
                classes = list(self.model.context_classes)
            for row, i in zip(proba, idx):
                scores = {a: float(row[classes.index(a)]) if a in classes else 0.0
                          for a in AREA_IDS}
                total = sum(scores.values()) or 1.0
                scores = {a: round(v / total, 4) for a, v in scores.items()}
                out[i] = AreaPrediction(self._decide(scores), scores)
        return out  # type: ignore[return-value]
