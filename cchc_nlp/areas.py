"""Tag narrative paragraphs with their CCHC area (seven areas plus ``khac``).

Features are built on underthesea word segmentation (``tokenise.segmented``):
TF-IDF over word uni/bigrams plus character n-grams, fed to a stock
scikit-learn classifier.  This module builds the features and loads and runs the
trained model (saved with skops, and as a flat NumPy copy); training and
evaluation live in ``cchc_nlp.evaluation`` (``area_training``, ``transfer``).

Example:
    >>> tagger = AreaTagger.load()
    >>> tagger.predict(["Tiếp nhận 1.157 hồ sơ TTHC, giải quyết đúng hạn 1.150 hồ sơ."])[0].area
    'tthc'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .config import models_dir
from .errors import ModelNotFound
from .flat import check_versions, load_flat, read_meta
from .model import AREAS
from .tokenise import segmented
from .normalise import fold

AREA_IDS: tuple[str, ...] = tuple(AREAS)
MODEL_NAME = "areas.skops"  # the trained pipeline, the model of record
FLAT_NAME = "areas.npz"  # the same numbers for NumPy-only prediction (cchc_nlp.flat)
CONTEXT_NAME = "areas_context.skops"  # the document-context model, when the candidate has one
CHARS_NAME = "areas_chars.skops"  # the character n-gram member of a blended model
CHARS_FLAT_NAME = "areas_chars.npz"  # … and its flat copy
_HAS_WORD_RE = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True, slots=True)
class AreaPrediction:
    area: str
    scores: dict[str, float]  # probabilities over AREA_IDS, summing to 1 (held-out ECE in the model card)


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
_GUIDELINE_RE = {a: [(k, re.compile(r"(?<![a-z0-9])" + re.escape(k) + r"(?![a-z0-9])")) for k in ks]
                 for a, ks in GUIDELINE_LEXICON.items()}


def lexicon_tokens(text: str) -> list[str]:
    """One ``lex:<area>`` token per guideline phrase of that area found in the text.

    >>> lexicon_tokens("Tiếp nhận 120 hồ sơ TTHC; 50 hồ sơ trực tuyến")
    ['lex:tthc', 'lex:tthc', 'lex:chinh_quyen_so']
    """
    t = fold(text).lower()
    # the plain substring test first: most phrases are absent, and ``in`` is far
    # cheaper than a regex search; the regex then checks the word boundaries
    return [f"lex:{a}" for a, pats in _GUIDELINE_RE.items() for k, p in pats if k in t and p.search(t)]


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


def chars_text(text: str, heading: str | None = None) -> str:
    """The input of the character n-gram member of a blended model: the paragraph's
    raw text and its heading, lower-cased (no underthesea, no cues).

    >>> chars_text("Tiếp nhận 120 hồ sơ", "II. Cải cách TTHC")
    'tiếp nhận 120 hồ sơ || ii. cải cách tthc'
    """
    return (text + (" || " + heading if heading else "")).lower()


def blend_proba(main: np.ndarray, chars: np.ndarray, weight: float) -> np.ndarray:
    """A blended model's probabilities: its main member's and its character member's
    (:func:`chars_text`), averaged with ``weight`` on the latter."""
    return (1.0 - weight) * main + weight * chars


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


# --- data and evaluation ----------------------------------------------------


# --- the saved model ---------------------------------------------------------


#: non-default types a saved pipeline may hold: those of a calibrated LinearSVC
#: (the LogisticRegression pipeline needs none)
_TRUSTED_TYPES = ["sklearn.calibration._CalibratedClassifier",
                  "sklearn.calibration._SigmoidCalibration"]


def load_pipeline(directory: Path | None = None):
    """The trained scikit-learn pipeline from the skops file (imports scikit-learn)."""
    import skops.io as sio

    directory = directory or models_dir() / "areas"
    check_versions(read_meta(directory, "mô hình lĩnh vực"), "mô hình lĩnh vực")
    path = directory / MODEL_NAME
    if not path.exists():
        raise ModelNotFound(f"chưa có mô hình lĩnh vực trong {directory}; chạy `cchc train` để tạo")
    try:
        # skops refuses any type outside its defaults and this list
        return sio.load(path, trusted=_TRUSTED_TYPES)
    except sio.exceptions.UntrustedTypesFoundException as err:
        raise ModelNotFound(f"mô hình lĩnh vực chứa kiểu dữ liệu lạ ({err}); "
                            "tạo lại bằng `cchc train`") from None


def _in_area_order(proba: np.ndarray, classes) -> np.ndarray:
    """Probabilities with one column per :data:`AREA_IDS` entry (0 for a class the model lacks)."""
    out = np.zeros((len(proba), len(AREA_IDS)))
    out[:, [AREA_IDS.index(c) for c in classes]] = proba
    return out


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
        #: a blended model averages in a character n-gram model of the raw text
        #: (:func:`chars_text`) with this share; None: no such member
        self.chars_weight = meta.get("chars_weight")
        self.chars = None

    @classmethod
    @functools.cache
    def load(cls, directory: Path | None = None) -> "AreaTagger":
        """The flat copy of the trained pipeline (:mod:`cchc_nlp.flat`): NumPy only,
        so a cold ``cchc tag`` does not import scikit-learn."""
        from .flat import TextClassifier

        directory = directory or models_dir() / "areas"
        model, meta = load_flat(directory, FLAT_NAME, TextClassifier, "mô hình lĩnh vực")
        tagger = cls(model, meta)
        if tagger.chars_weight:
            tagger.chars, _ = load_flat(directory, CHARS_FLAT_NAME, TextClassifier, "mô hình lĩnh vực")
        return tagger

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
            proba = _in_area_order(self.model.predict_proba(X), self.model.classes_)
            if self.context:
                proba = _in_area_order(self.model.context_proba(context_features(proba, [0] * len(X))),
                                       self.model.context_classes)
            if self.chars is not None:
                raw = [chars_text(texts[i], headings[i] if self.use_heading else None) for i in idx]
                chars = _in_area_order(self.chars.predict_proba(raw), self.chars.classes_)
                proba = blend_proba(proba, chars, self.chars_weight)
            for row, i in zip(proba, idx):
                scores = {a: float(v) for a, v in zip(AREA_IDS, row)}
                total = sum(scores.values()) or 1.0
                scores = {a: round(v / total, 4) for a, v in scores.items()}
                out[i] = AreaPrediction(self._decide(scores), scores)
        return out  # type: ignore[return-value]
