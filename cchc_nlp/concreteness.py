"""Boilerplate versus concrete results, sentence by sentence.

Two signals feed one classifier:

* **specificity** (after Li & Nenkova's Speciteller and Hope, Hu & Lu 2016):
  numbers with units, percentages, dates, cited documents, proper names,
  completed actions, hedge and stock words, length;
* **template share** (after Lang & Stice-Lawrence 2015): the share of a
  sentence's word 4-grams (underthesea segmentation) that recur across many
  reports of the reference corpus.  The reference table ships in
  ``models/concreteness/`` and is rebuilt by ``cchc train``.

Reasons are reported in Vietnamese so a reviewer sees why a sentence counts.

Example:
    >>> model = ConcretenessModel.load()
    >>> model.judge(["Tiếp nhận 1.157 hồ sơ, giải quyết đúng hạn 1.150 hồ sơ."])[0].concrete
    True
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .config import models_dir
from .tokenise import tokens

FLAT_NAME = "concreteness.npz"  # the trained model's numbers for NumPy-only prediction
NGRAM = 4
#: a 4-gram is "template" when at least this many reference reports contain it
MIN_REPORTS = 3

_NUM = r"\d+(?:[.,]\d+)*"
_UNITS = (r"hồ sơ|thủ tục|TTHC|văn bản|người|cán bộ|công chức|cuộc|lượt|lớp|tin|bài|phiếu|"
          r"kế hoạch|quyết định|đơn vị|cơ quan|nhiệm vụ|lĩnh vực|đồng|triệu|tỷ|thôn|xóm|"
          r"máy|camera|trang|ý kiến|vụ|hộ|học viên|buổi|kiến nghị|phản ánh|chữ ký")
_NUM_UNIT_RE = re.compile(rf"(?<![\w/]){_NUM}\s*(?:{_UNITS})(?!\w)", re.IGNORECASE)
_PERCENT_RE = re.compile(rf"{_NUM}\s*%")
_DATE_RE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b|\bngày\s+\d{1,2}\s+tháng\s+\d{1,2}")
_COUNT_RE = re.compile(rf"(?<![\w/.,]){_NUM}(?![\w/])")
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_DONE_RE = re.compile(
    r"\bđã\s+(?:ban hành|tổ chức|tiếp nhận|giải quyết|niêm yết|công khai|triển khai|thực hiện|"
    r"xây dựng|cử|tuyển dụng|kiểm tra|rà soát|cấp|lắp đặt|trang bị|ký|phê duyệt|chi|thu|"
    r"nâng cấp|số hóa|đăng tải|tuyên truyền|kết nối|hoàn thành|bố trí|sắp xếp)",
    re.IGNORECASE)
_NONE_RE = re.compile(r"\bkhông\s+(?:có|ban hành|phát sinh|nhận được|xảy ra)\b", re.IGNORECASE)
_STOCK = ("quan tâm", "kịp thời", "nghiêm túc", "cơ bản", "thường xuyên", "tiếp tục",
          "tích cực", "hiệu quả", "đảm bảo", "luôn", "chú trọng", "đẩy mạnh", "tăng cường",
          "quyết liệt", "sâu sát", "đồng bộ", "nâng cao", "góp phần", "từng bước", "phù hợp")
_STOCK_RE = re.compile(r"(?<!\w)(?:" + "|".join(_STOCK) + r")(?!\w)", re.IGNORECASE)
_FUTURE_RE = re.compile(r"^\W*(?:tiếp tục|đẩy mạnh|tăng cường|nâng cao|phấn đấu|duy trì|"
                        r"thực hiện tốt|chỉ đạo|triển khai)", re.IGNORECASE)

FEATURES = ("num_units", "percents", "dates", "citations", "counts", "has_digit", "years_only",
            "proper_names", "done_actions", "none_facts", "stock_words", "future_start",
            "tokens", "template_share")

# What a reviewer reads for each feature that argues "concrete".
REASONS_VI = {
    "num_units": "có số liệu kèm đơn vị",
    "percents": "có tỷ lệ phần trăm",
    "dates": "có ngày tháng cụ thể",
    "citations": "dẫn văn bản có số hiệu",
    "proper_names": "nêu tên riêng (địa danh, người, sự kiện)",
    "done_actions": "nêu việc đã làm",
    "none_facts": "nêu rõ không phát sinh (kiểm chứng được)",
    "counts": "có con số",
}
BOILERPLATE_REASONS_VI = {
    "stock_words": "nhiều từ sáo rỗng (quan tâm, kịp thời, nghiêm túc…)",
    "template_share": "trùng khuôn mẫu với nhiều báo cáo khác",
    "future_start": "chỉ nêu định hướng, dự kiến",
}


@dataclass(frozen=True, slots=True)
class Judgement:
    concrete: bool
    probability: float
    reasons: tuple[str, ...]  # Vietnamese, for reviewers


def ngrams(text: str, n: int = NGRAM, words: list[str] | None = None) -> list[tuple[str, ...]]:
    words = [w.lower() for w in (tokens(text) if words is None else words)
             if any(c.isalnum() for c in w)]
    return [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]


class TemplateTable:
    """Document frequency of word 4-grams over a reference corpus of reports."""

    def __init__(self, df: Counter, n_reports: int):
        self.df = df
        self.n_reports = n_reports

    @classmethod
    def build(cls, reports: dict[str, list[str]]) -> "TemplateTable":
        """``reports``: report id -> its narrative texts."""
        df: Counter = Counter()
        for texts in reports.values():
            df.update({g for t in texts for g in ngrams(t)})
        return cls(df, len(reports))

    def share(self, text: str, *, exclude: set | None = None,
              words: list[str] | None = None) -> float:
        """Share of the sentence's 4-grams that are template.

        ``exclude``: the 4-grams of the sentence's own report, whose presence is
        subtracted so a report never counts as its own template (held-out use).
        """
        grams = ngrams(text, words=words)
        if not grams:
            return 0.0
        hits = 0
        for g in grams:
            df = self.df.get(g, 0) - (1 if exclude and g in exclude else 0)
            hits += df >= MIN_REPORTS
        return hits / len(grams)

    def save(self, path: Path) -> None:
        kept = {" ".join(g): c for g, c in self.df.items() if c >= MIN_REPORTS}
        path.write_text(json.dumps({"n": NGRAM, "min_reports": MIN_REPORTS,
                                    "reports": self.n_reports, "ngrams": kept},
                                   ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "TemplateTable":
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(Counter({tuple(k.split(" ")): v for k, v in data["ngrams"].items()}),
                   data["reports"])


def _proper_names(words: list[str]) -> int:
    """Multi-syllable words with every syllable capitalised, not opening the sentence
    and not an all-caps acronym: "Hoằng Lưu", "Thanh Hóa", "Lê Ngọc Hạnh"."""
    count = 0
    for i, w in enumerate(words):
        parts = w.split("_")
        if i == 0 or len(parts) < 2:
            continue
        if all(p[:1].isupper() and not p.isupper() for p in parts):
            count += 1
    return count


def specificity(text: str, citations: int | None = None,
                words: list[str] | None = None) -> dict[str, float]:
    """The specificity features of one sentence (counts, not yet scaled).

    ``words``: the sentence's underthesea words when already known (taken from
    its paragraph's segmentation), else the sentence is segmented here.
    """
    if words is None:
        words = list(tokens(text))
    if citations is None:
        from .citations import find_citations

        citations = len(find_citations(text))
    num_units = len(_NUM_UNIT_RE.findall(text))
    percents = len(_PERCENT_RE.findall(text))
    dates = len(_DATE_RE.findall(text))
    counts = len(_COUNT_RE.findall(text))
    years = len(_YEAR_RE.findall(text))
    return {
        "num_units": num_units,
        "percents": percents,
        "dates": dates,
        "citations": citations,
        "counts": max(0, counts - years),
        "has_digit": float(any(c.isdigit() for c in text)),
        "years_only": float(years > 0 and counts <= years and not dates and not citations),
        "proper_names": _proper_names(words),
        "done_actions": len(_DONE_RE.findall(text)),
        "none_facts": len(_NONE_RE.findall(text)),
        "stock_words": len(_STOCK_RE.findall(text)),
        "future_start": float(bool(_FUTURE_RE.match(text))),
        "tokens": len(words),
    }


def feature_matrix(texts: list[str], table: TemplateTable, excludes: list[set] | None = None,
                   words: list[list[str]] | None = None):
    rows = []
    for i, t in enumerate(texts):
        w = words[i] if words is not None else list(tokens(t))
        f = specificity(t, words=w)
        f["template_share"] = table.share(t, exclude=excludes[i] if excludes else None, words=w)
        rows.append([np.log1p(f[k]) if k not in ("template_share", "years_only", "future_start",
                                                   "has_digit")
                     else f[k] for k in FEATURES])
    return np.array(rows, dtype=float)


def model_input(counts: np.ndarray, words: list[list[str]]) -> np.ndarray:
    """The text classifier's input rows: the count features, then the segmented sentence."""
    text = np.array([" ".join(w).lower() for w in words], dtype=object)
    return np.column_stack([counts.astype(object), text])


def _reasons(f: dict[str, float], concrete: bool) -> tuple[str, ...]:
    if concrete:
        out = [REASONS_VI[k] for k in ("num_units", "percents", "dates", "citations",
                                        "done_actions", "none_facts", "proper_names")
               if f.get(k)]
        if not out and f.get("counts"):
            out.append(REASONS_VI["counts"])
        return tuple(out)
    out = []
    if f.get("template_share", 0) >= 0.5:
        out.append(BOILERPLATE_REASONS_VI["template_share"])
    if f.get("stock_words", 0) >= 2:
        out.append(BOILERPLATE_REASONS_VI["stock_words"])
    if f.get("future_start"):
        out.append(BOILERPLATE_REASONS_VI["future_start"])
    if not out:
        out.append("không nêu kết quả cụ thể, kiểm chứng được")
    return tuple(out)





class ConcretenessModel:
    def __init__(self, model, table: TemplateTable):
        self.model = model
        self.table = table

    @classmethod
    @functools.cache
    def load(cls, directory: Path | None = None) -> "ConcretenessModel":
        """The flat copy of the trained scaler + regression (:mod:`cchc_nlp.flat`)."""
        from .flat import load_flat
        from .flat import ScaledLogistic, ScaledTextLogistic

        directory = directory or models_dir() / "concreteness"
        meta = json.loads((directory / "meta.json").read_text("utf-8")) \
            if (directory / "meta.json").exists() else {}
        kind = ScaledTextLogistic if meta.get("model") == "counts+words" else ScaledLogistic
        model, _ = load_flat(directory, FLAT_NAME, kind, "mô hình câu cụ thể/chung chung")
        return cls(model, TemplateTable.load(directory / "template_ngrams.json"))

    def judge(self, sentences: list[str], words: list[list[str]] | None = None) -> list[Judgement]:
        """Judge sentences; ``words`` (per sentence) skips segmenting them again."""
        if not sentences:
            return []
        if words is None:
            words = [list(tokens(s)) for s in sentences]
        X = feature_matrix(sentences, self.table, words=words)
        positive = [str(c) for c in self.model.classes_].index("True")
        from .flat import ScaledTextLogistic

        if isinstance(self.model, ScaledTextLogistic):
            proba = self.model.predict_proba(X, [" ".join(w).lower() for w in words])[:, positive]
        else:
            proba = self.model.predict_proba(X)[:, positive]
        out = []
        for text, w, p, x in zip(sentences, words, proba, X):
            f = specificity(text, words=w)
            f["template_share"] = x[FEATURES.index("template_share")]
            concrete = bool(p >= 0.5)
            out.append(Judgement(concrete, round(float(p), 4), _reasons(f, concrete)))
        return out


def paragraph_summary(sentences: list[str], judgements: list[Judgement]) -> tuple[float, bool]:
    """(concreteness, boilerplate) of a paragraph: the share of its characters in
    concrete sentences, and whether not one sentence is concrete."""
    total = sum(len(s) for s in sentences) or 1
    concrete = sum(len(s) for s, j in zip(sentences, judgements) if j.concrete)
    return round(concrete / total, 4), not any(j.concrete for j in judgements)
