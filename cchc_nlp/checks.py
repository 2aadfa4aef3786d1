"""Consistency checks: what a reviewer would circle in red.

Every check is a small pure function over the analysed report returning
:class:`~cchc_nlp.model.Flag` objects, each with evidence spans into the
normalised text and a Vietnamese message.  ``run_checks`` runs them all.

Flag ids are stable (``period_mismatch``, ``unit_misspelt`` …); severities
are ``high`` (a reviewer must act), ``medium`` (likely an error) and ``low``
(worth a look).
"""

from __future__ import annotations

import re
from datetime import date

from .model import AREAS, Citation, Evidence, Flag, Report

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}

_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
_PERIOD_RE = re.compile(
    r"\b(?:[Tt]rong|[Kk]ết quả|[Tt]ính đến hết)\s+"
    r"(quý\s+(?:IV|III|II|I|[1-4])|0?6\s+tháng(?:\s+đầu)?(?:\s+năm)?|0?9\s+tháng(?:\s+năm)?|năm)"
    r"\s+(?:năm\s+)?(20\d\d)"
)
_DATE_RE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_CITATION_SEVERITY = {"invalid_date": "high", "type_code_mismatch": "medium",
                      "year_mismatch": "medium", "dated_after_report": "medium"}


def _ev(report: Report, start: int, end: int) -> Evidence:
    return Evidence(start, end, report.text[start:end])


def _results_paragraphs(report: Report):
    """Paragraphs that report results of the period (not directions or proposals)."""
    for p in report.paragraphs:
        heading = (p.heading or "").lower()
        if any(w in heading for w in ("phương hướng", "nhiệm vụ", "kiến nghị", "đề xuất",
                                       "giải pháp", "thời gian tới")):
            continue
        yield p


def check_period(report: Report) -> list[Flag]:
    """A period named as the current one that is not the report's own
    ("Trong 6 tháng đầu năm 2023" in a report on 2024): copied text."""
    period = report.meta.period
    if period is None or period.year is None:
        return []
    flags = []
    for p in _results_paragraphs(report):
        for m in _PERIOD_RE.finditer(p.text):
            year = int(m.group(2))
            if year == period.year:
                continue
            if period.kind == "nam" and year == period.year + 1:
                continue  # yearly reports announce next year's plan
            s, e = p.start + m.start(), p.start + m.end()
            flags.append(Flag(
                "period_mismatch", "medium",
                f"Kỳ báo cáo là {period.label} nhưng đoạn văn nêu kết quả \"{m.group(0)}\": "
                "có thể chép từ báo cáo kỳ trước.",
                (_ev(report, s, e),)))
    return flags


def check_dates(report: Report, citations: list[Citation] = ()) -> list[Flag]:
    """Dates that cannot exist (32/05/2024) and dates after the report's own date.

    Dates of cited documents are left to the citation checks."""
    flags = []
    cited = [(c.start, c.end + 40) for c in citations]  # the date follows the number
    for m in _DATE_RE.finditer(report.text):
        if any(s <= m.start() < e for s, e in cited):
            continue
        d, mo, y = (int(g) for g in m.groups())
        try:
            day = date(y, mo, d)
        except ValueError:
            flags.append(Flag("impossible_date", "high", f"Ngày \"{m.group(0)}\" không tồn tại.",
                              (_ev(report, m.start(), m.end()),)))
            continue
        if report.meta.date and day > report.meta.date and report.closing \
                and m.start() < report.closing[0]:
            flags.append(Flag(
                "date_after_report", "medium",
                f"Ngày {m.group(0)} sau ngày ký báo cáo "
                f"({report.meta.date.strftime('%d/%m/%Y')}).",
                (_ev(report, m.start(), m.end()),)))
    return flags


def check_citations(report: Report, citations: list[Citation]) -> list[Flag]:
    from .citations import PROBLEM_MESSAGES

    flags = []
    for c in citations:
        for problem in c.problems:
            flags.append(Flag(
                f"citation_{problem}", _CITATION_SEVERITY.get(problem, "low"),
                f"{c.surface}: "
                + re.sub(r"\s*\(ví dụ[^)]*\)", "", PROBLEM_MESSAGES.get(problem, problem)),
                (_ev(report, c.start, c.end),)))
    return flags


def check_unit_names(report: Report) -> list[Flag]:
    """The unit's own name spelt differently, or another commune presented as
    the reporting unit ("UBND xã X báo cáo" with X not the unit): copied text."""
    from .gazetteer import find_unit_mentions
    from .gazetteer import fold as gfold

    own = report.meta.unit_name
    if not own:
        return []
    flags = []
    own_key = gfold(own)
    body_end = report.closing[0] if report.closing else len(report.text)
    misspelt: dict[str, list[Evidence]] = {}
    for m in find_unit_mentions(report.text[:body_end]):
        if m.kind not in ("xa", "phuong", "thi_tran", "dac_khu"):
            continue
        if m.name.lower() == own.lower():
            continue  # "XÃ TÂN VIỆT" in a header is the same spelling
        if gfold(m.name) == own_key:
            misspelt.setdefault(m.name, []).append(_ev(report, m.start, m.end))
            continue
        before = report.text[max(0, m.start - 30):m.start]
        if re.search(r"(?:UBND|Ủy ban nhân dân|ủy ban nhân dân)\s*$", before) and m.known:
            flags.append(Flag(
                "other_unit_named", "medium",
                f"Báo cáo của {own} nhưng nêu \"{report.text[m.start:m.end]}\" như đơn vị báo "
                "cáo: có thể chép từ báo cáo của đơn vị khác.",
                (_ev(report, m.start, m.end),)))
    for name, evidence in misspelt.items():
        flags.append(Flag(
            "unit_misspelt", "low",
            f"Tên đơn vị viết là \"{name}\" ({len(evidence)} lần), tên chính thức là \"{own}\".",
            tuple(evidence)))
    return flags


def check_outline(report: Report, areas_present: set[str] | None = None) -> list[Flag]:
    """Completeness against the official outline: numbering, areas, appendix,
    signature, number and date."""
    flags = []
    anchor = report.paragraphs[-1] if report.paragraphs else None
    where = (_ev(report, anchor.start, anchor.end),) if anchor else (_ev(report, 0, min(40, len(report.text))),)
    tops = [s for s in report.sections if s.level == 1]
    numbers = [s.number for s in tops]
    for prev, nxt in zip(tops, tops[1:]):
        if prev.number in _ROMAN and nxt.number in _ROMAN:
            gap = _ROMAN.index(nxt.number) - _ROMAN.index(prev.number)
            if gap != 1:
                flags.append(Flag(
                    "section_numbering", "low",
                    f"Đánh số mục không liên tục: {prev.number} rồi đến {nxt.number}.",
                    (_ev(report, nxt.start, nxt.end),)))
    if len(numbers) < 2:
        flags.append(Flag("missing_sections", "medium",
                          "Báo cáo thiếu các phần theo đề cương (chỉ đạo điều hành, kết quả theo "
                          "lĩnh vực, đánh giá, phương hướng).", where))
    if areas_present is not None:
        for area in AREAS:
            if area in ("khac",) or area in areas_present:
                continue
            flags.append(Flag("area_not_reported", "low",
                              f"Không có đoạn nào về lĩnh vực \"{AREAS[area]}\".", where))
    if not report.tables:
        flags.append(Flag("missing_appendix", "medium",
                          "Không có phụ lục số liệu thống kê kèm theo.", where))
    closing = (_ev(report, *report.closing),) if report.closing else where
    if not report.meta.signer_name:
        flags.append(Flag("missing_signature", "medium",
                          "Không thấy họ tên người ký báo cáo.", closing))
    if not report.meta.date:
        flags.append(Flag("missing_date", "low", "Báo cáo không ghi ngày ký.", closing))
    if not report.meta.number:
        flags.append(Flag("missing_number", "low", "Báo cáo không ghi số văn bản.", closing))
    return flags


def run_checks(report: Report, citations: list[Citation],
               areas_present: set[str] | None = None, extra: list[Flag] | None = None) -> list[Flag]:
    """Every check, most severe first."""
    flags = (check_period(report) + check_dates(report, citations) + check_citations(report, citations)
             + check_unit_names(report) + check_outline(report, areas_present) + (extra or []))
    return sorted(flags, key=lambda f: (SEVERITY_ORDER[f.severity], f.evidence[0].start))
