"""Quality score of a report, 0-100, with its components shown.

The formula and the reasoning behind each weight are in ``docs/scoring.md``.
Every component is a number a reviewer can check against the digest.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import AREAS, REPORT_KINDS, Report
from .periods import period_end

#: document kinds the quality score applies to
SCORED_KINDS = REPORT_KINDS

#: points per component; they sum to 100
WEIGHTS = {
    "coverage": 25,        # the seven areas reported on
    "concrete": 25,        # share of sentences stating checkable results
    "consistency": 20,     # flags, weighted by severity
    "citations": 10,       # cited documents without problems
    "completeness": 10,    # outline: sections, appendix, signature, date
    "timeliness": 10,      # report date against the end of the period
}
FLAG_PENALTY = {"high": 5.0, "medium": 2.0, "low": 0.5}
#: a report where this share of sentences is concrete gets the full concrete points
CONCRETE_FULL = 0.5
#: outline items that are not consistency problems (they are counted in completeness)
#: the outline parts that make up completeness, by the flag (checks.check_outline)
#: that reports one missing: (weight, what is missing in Vietnamese)
_OUTLINE_PARTS = {"missing_sections": (3, "đề mục"), "missing_appendix": (3, "phụ lục"),
                  "missing_signature": (2, "chữ ký"), "missing_date": (1, "ngày"),
                  "missing_number": (1, "số văn bản")}
#: outline flags count under completeness and coverage, not consistency
_OUTLINE_FLAGS = set(_OUTLINE_PARTS) | {"area_not_reported"}
_N_AREAS = len(AREAS) - 1  # the seven areas, ``khac`` aside

LABELS_VI = {
    "coverage": "Bao quát 7 lĩnh vực",
    "concrete": "Kết quả cụ thể",
    "consistency": "Nhất quán",
    "citations": "Trích dẫn văn bản",
    "completeness": "Đủ đề cương",
    "timeliness": "Đúng hạn",
}


@dataclass(frozen=True, slots=True)
class Score:
    total: float
    components: dict[str, float]  # points earned, per component
    notes: dict[str, str]  # Vietnamese, why each component got what it got


def _timeliness(report: Report) -> tuple[float, str]:
    end = period_end(report.meta.period)
    if report.meta.date is None or end is None:
        return 0.0, "không xác định được ngày ký hoặc kỳ báo cáo"
    days = (report.meta.date - end).days
    if days < -45:
        return 0.5, f"ký {-days} ngày trước khi hết kỳ: số liệu chưa đủ kỳ"
    if days <= 10:
        return 1.0, f"ký {'trước' if days < 0 else 'sau'} khi hết kỳ {abs(days)} ngày"
    # linear decline to nothing at two months late
    return max(0.0, 1 - (days - 10) / 50), f"ký sau khi hết kỳ {days} ngày"


def score(report: Report, paragraphs, citations, flags) -> Score:
    """Score one analysed report.

    Args:
        report: the structured report.
        paragraphs: :class:`~cchc_nlp.model.TaggedParagraph` (``area`` and ``sentences`` with
            ``concrete``).
        citations: the cited documents.
        flags: the checks' flags, outline flags included (completeness is read
            from them).
    """
    notes: dict[str, str] = {}
    areas = {p.area for p in paragraphs} - {"khac"}
    coverage = len(areas) / _N_AREAS
    missing = [AREAS[a] for a in AREAS if a != "khac" and a not in areas]
    notes["coverage"] = f"{len(areas)}/{_N_AREAS} lĩnh vực" + (f" — thiếu: {'; '.join(missing)}" if missing else "")

    sentences = [s for p in paragraphs for s in p.sentences]
    if sentences:
        share = sum(s.concrete for s in sentences) / len(sentences)
        concrete = min(1.0, share / CONCRETE_FULL)
        notes["concrete"] = f"{share:.0%} số câu nêu kết quả cụ thể"
    else:
        concrete = 0.0
        notes["concrete"] = "chưa đánh giá được (thiếu mô hình câu cụ thể)"

    penalty = sum(FLAG_PENALTY[f.severity] for f in flags if f.id not in _OUTLINE_FLAGS)
    consistency = max(0.0, 1 - penalty / WEIGHTS["consistency"])
    counted = [f for f in flags if f.id not in _OUTLINE_FLAGS]
    notes["consistency"] = (f"{len(counted)} điểm bất thường về nội dung, số liệu "
                            f"(trừ {penalty:g} điểm; thiếu sót đề cương tính ở mục Đủ đề cương)"
                            ).replace(".", ",")

    if citations:
        bad = sum(1 for c in citations if c.problems)
        cites = 1 - bad / len(citations)
        notes["citations"] = f"{bad}/{len(citations)} văn bản dẫn có vấn đề"
    else:
        cites = 0.5
        notes["citations"] = "không dẫn văn bản nào"

    raised = {f.id for f in flags}
    lacking = [part for flag, part in _OUTLINE_PARTS.items() if flag in raised]
    completeness = 1 - sum(w for w, part in lacking) / sum(w for w, _ in _OUTLINE_PARTS.values())
    notes["completeness"] = "đủ" if not lacking else "thiếu " + ", ".join(p for _, p in lacking)

    timely, notes["timeliness"] = _timeliness(report)

    fractions = {"coverage": coverage, "concrete": concrete, "consistency": consistency,
                 "citations": cites, "completeness": completeness, "timeliness": timely}
    components = {k: round(WEIGHTS[k] * v, 1) for k, v in fractions.items()}
    return Score(round(sum(components.values()), 1), components, notes)
