"""Reporting periods: the one place that reads them, from a document's title or
opening (:func:`document_period`), from a short phrase (:func:`period_from`), and
from what a reviewer types in a search (:func:`parse_period`); and when a period
ends (:func:`period_end`)."""

from __future__ import annotations

import calendar
import re
from datetime import date

from .errors import CchcError
from .model import Period
from .normalise import fold


class UnknownPeriod(CchcError):
    """What the reviewer typed names no period; the message gives examples."""


# Periods a document covers, in the order they are written; at one position the
# longer reading wins ("6 tháng đầu năm 2024" before "năm 2024").
_PERIOD_RE = re.compile(
    r"(?P<quy>quý\s+(?P<q>iv|iii|ii|i|[1-4])\b(?:\s*(?:năm|/|\.(?=\d{4}))\s*(?P<qy>\d{4}))?)"
    r"|(?P<six>(?:6|06|sáu)\s+tháng(?P<half>\s+(?:đầu|cuối))?(?:\s+năm)?(?:\s+(?P<sy>\d{4}))?)"
    r"|(?P<nine>(?:9|09|chín)\s+tháng(?:\s+đầu)?(?:\s+năm)?(?:\s+(?P<ny>\d{4}))?)"
    # "tháng 8/2021", "tháng 10 năm 2023", and "Trong tháng 7, …" (its year written further on, or not at all)
    r"|(?P<month>(?<![\d/])tháng\s+(?P<m>\d{1,2})(?:\s*(?:năm|/)\s*(?P<my>\d{4})|(?![\d/.,]\d)))"
    r"|(?P<span>(?:giai\s?đoạn|nhiệm kỳ|thời kỳ)\s*(?:từ\s+(?:năm\s+)?)?(?P<y1>\d{4})\s*(?:[-–]|đến(?:\s+năm)?)\s*(?P<y2>\d{4}))"
    # "năm 2025 và 2026", "năm 2025 và các năm tiếp theo": more than one year
    r"|(?P<years>năm\s+(?P<f1>(?:19|20)\d\d)\s+và\s+(?:(?:năm\s+)?(?P<f2>(?:19|20)\d\d)|(?P<on>các năm tiếp theo)))"
    # "đến năm 2025", "tầm nhìn đến năm 2030": a target, not the period covered
    r"|(?<!đến\s)(?<!tới\s)(?P<year>năm\s+(?P<yy>(?:19|20)\d\d))\b",
    re.IGNORECASE,
)
# dates and document codes name a year without naming a period
_NOT_PERIOD_RE = re.compile(
    r"ngày\s+[\d…. ]{1,4}\s*tháng\s+[\d…. ]{1,4}\s*năm\s+\d{4}|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}"
    r"|\d+\s*/\s*\d{4}\s*/\s*[\w-]+|ngày\s+\d{1,2}\s*[-/]\s*\d{1,2}\s*[-/]\s*\d{4}"
    # legal sites name a text by its number and the year it was issued: "Kế hoạch
    # 0156/KH-UBND năm 2025 cải cách hành chính … năm 2026"
    r"|\d+[a-z]?\s*/\s*[A-ZĐ][\w.-]*\s+năm\s+\d{4}"
    r"|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}"  # a day and month, the year left out
    # a month as a point in time: "Từ tháng 4/2022 đến nay", "10 ngày đầu tháng 3", "ngay từ tháng 1/2018"
    r"|(?:từ|đến|tới|trước|sau|đầu|cuối)\s+tháng\s+\d{1,2}(?:\s*(?:/|năm)\s*\d{4})?",
    re.IGNORECASE,
)
_QUOTED_RE = re.compile(r"“[^”]{0,300}”|\"[^\"]{0,300}\"")
_BODY_TERM_RE = re.compile(
    r"(?:khóa|khoá)\s+[IVXLC\d]+\s*,?\s*nhiệm kỳ\s*\d{4}\s*[-–]\s*\d{4}"
    r"|(?:Đảng bộ|Ban Chấp hành|Đại hội|Hội đồng nhân dân|HĐND)\b[^.;:]{0,60}?nhiệm kỳ\s*\d{4}\s*[-–]\s*\d{4}",
    re.IGNORECASE,
)
_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


#: a plan or strategy "đến năm 2030" covers the years up to its target (in a title only:
#: in a body the phrase is a target the text sets, "đến năm 2025, 100% hồ sơ …")
_UNTIL_RE = re.compile(r"(?<!định hướng )(?<!tầm nhìn )(?:đến|tới)\s+năm\s+((?:19|20)\d\d)\b", re.IGNORECASE)


def document_period(text: str, *, title: bool = False, terms: bool = True) -> Period | None:
    """The first period a title or opening names: "quý I năm 2024", "6 tháng đầu
    năm", "tháng 8/2021", "giai đoạn 2021 - 2025", "năm 2023" (dates and
    document numbers are not periods); with ``title``, "đến năm 2030" when it names
    no other (a plan up to that year, its first year unstated). Without ``terms``, a council's
    or a Party committee's term is never the period, even when no other is named (news of a
    council's session reports no term).

    >>> document_period("Kế hoạch CCHC năm 2025 theo Nghị định 61/2018/NĐ-CP").label
    'năm 2025'
    >>> document_period("Căn cứ Luật ngày 19 tháng 6 năm 2015") is None
    True
    """
    def blank(pattern: re.Pattern, s: str) -> str:
        return pattern.sub(lambda q: " " * len(q.group(0)), s)

    clean = blank(_NOT_PERIOD_RE, text)
    # a period inside a quoted name belongs to the named programme ("Đề án “… giai đoạn
    # 2022-2025 …” năm 2023"), and the term of a council or a Party committee ("HĐND xã
    # khóa XXI, nhiệm kỳ 2021 - 2026") names the body: read around them first
    unquoted = blank(_QUOTED_RE, clean)
    m = _PERIOD_RE.search(blank(_BODY_TERM_RE, unquoted))
    if m is None:  # then inside a quotation, and (for a report) a term that is the only period named
        m = _PERIOD_RE.search(unquoted) or _PERIOD_RE.search(clean) if terms else \
            _PERIOD_RE.search(blank(_BODY_TERM_RE, clean))
    if m is None:
        until = _UNTIL_RE.search(unquoted) if title else None
        if until is None:
            return None
        # "Chiến lược chuyển đổi số tỉnh … đến năm 2030": several years, the first unstated
        end = int(until.group(1))
        return Period("giai_doan", None, None, f"giai đoạn đến năm {end}", year_end=end)
    after = re.search(r"\b((?:19|20)\d\d)\b", clean[m.end():m.end() + 80])
    later = int(after.group(1)) if after else None
    if m.group("quy"):
        q = m.group("q").lower()
        quarter = _ROMAN_Q.get(q) or int(q)
        year = int(m.group("qy")) if m.group("qy") else later
        label = f"quý {['I', 'II', 'III', 'IV'][quarter - 1]} năm"
        return Period("quy", quarter, year, f"{label} {year}" if year else label)
    if m.group("six") or m.group("nine"):
        six = bool(m.group("six"))
        year = m.group("sy") if six else m.group("ny")
        year = int(year) if year else later
        label = "6 tháng đầu năm" if six else "9 tháng năm"
        if six and m.group("half") and "cuối" in m.group("half").lower():
            label = "6 tháng cuối năm"
        return Period("6_thang" if six else "9_thang", None, year, f"{label} {year}" if year else label)
    if m.group("month"):
        month, year = int(m.group("m")), int(m.group("my")) if m.group("my") else later
        if not 1 <= month <= 12:
            return None
        return Period("thang", None, year, f"tháng {month} năm {year}" if year else f"tháng {month}", month=month)
    if m.group("years"):
        y1 = int(m.group("f1"))
        if not title:  # in running text "năm 2024 và năm 2025" compares years; a title covers them
            return Period("nam", None, y1, f"năm {y1}")
        if m.group("on"):
            return Period("giai_doan", None, y1, f"năm {y1} và các năm tiếp theo")
        y2 = int(m.group("f2"))
        return Period("giai_doan", None, y1, f"năm {y1} và năm {y2}", year_end=y2)
    if m.group("span"):
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        return Period("giai_doan", None, y1, f"giai đoạn {y1} - {y2}", year_end=y2)
    year = int(m.group("yy"))
    return Period("nam", None, year, f"năm {year}")


def period_from(title: str) -> Period | None:
    """The reporting period a phrase names: "quý I năm 2024", "6 tháng đầu năm",
    "năm 2023" (None when it names none)."""
    low = title.lower()
    years = [int(y) for y in re.findall(r"\b(20\d\d)\b", title)]
    year = years[0] if years else None
    quarter = None
    m = re.search(r"quý\s+(iv|iii|ii|i|[1-4])\b", low)
    if m:
        quarter = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(m.group(1)) or int(m.group(1))
        kind = "quy"
    elif re.search(r"\b(?:6|06|sáu)\s+tháng", low):
        kind = "6_thang"
    elif re.search(r"\b(?:9|09|chín)\s+tháng", low):
        kind = "9_thang"
    elif year is not None:
        kind = "nam"
    else:
        return None
    labels = {"quy": f"quý {['I', 'II', 'III', 'IV'][quarter - 1] if quarter else ''} năm",
              "6_thang": "6 tháng đầu năm", "9_thang": "9 tháng năm", "nam": "năm"}
    label = f"{labels[kind]} {year}" if year else labels[kind]
    return Period(kind=kind, quarter=quarter, year=year, label=label)


def period_end(period: Period | None) -> date | None:
    """Last day of the reporting period (None when it is not known: no year, a term
    "đến năm 2030" with no end read, a month that is not one).

    >>> period_end(document_period("giai đoạn 2021 - 2025")), period_end(document_period("tháng 2/2024"))
    (datetime.date(2025, 12, 31), datetime.date(2024, 2, 29))
    """
    if period is None:
        return None
    if period.kind == "giai_doan":
        return date(period.year_end, 12, 31) if period.year_end else None
    if period.year is None:
        return None
    if period.kind == "thang":
        if not (period.month and 1 <= period.month <= 12):
            return None
        return date(period.year, period.month, calendar.monthrange(period.year, period.month)[1])
    month = {"quy": 3 * (period.quarter or 4), "6_thang": 6, "9_thang": 9, "nam": 12}.get(period.kind)
    if month is None:
        return None
    return date(period.year, month, calendar.monthrange(period.year, month)[1])


def plausible_report_date(day: date, period: Period | None) -> bool:
    """Reports are signed from about six weeks before their period ends to four
    months after; a date outside that is a template left-over (seed 002's
    6-month report carries its Q1 caption "ngày 07/03/2024")."""
    end = period_end(period)
    return end is None or -45 <= (day - end).days <= 120


def parse_period(text: str) -> tuple[str | None, int | None, int | None]:
    """``(kind, quarter, year)`` from what a reviewer types for ``--period``.

    Accepts the ids (``quy``, ``6_thang``, ``9_thang``, ``nam``), labels with or
    without diacritics (``"quý I"``, ``"Q2"``, ``"6 tháng đầu năm 2024"``,
    ``"9 tháng"``, ``"năm 2023"``, ``"cả năm"``).

    Example::

        >>> parse_period("quý II năm 2024"), parse_period("6 thang")
        (('quy', 2, 2024), ('6_thang', None, None))
    """
    f = " ".join(fold(text).replace("_", " ").split())
    years = re.findall(r"\b((?:19|20)\d\d)\b", f)
    year = int(years[0]) if years else None
    rest = re.sub(r"\b(?:19|20)\d\d\b", " ", f)
    if m := re.search(r"\b(?:quy|q)\s*(iv|iii|ii|i|[1-4])?\b", rest):
        q = m.group(1)
        return "quy", (_ROMAN_Q.get(q) or int(q)) if q else None, year
    if re.search(r"\b(?:6|06|sau)\s*thang\b", rest):
        return "6_thang", None, year
    if re.search(r"\b(?:9|09|chin)\s*thang\b", rest):
        return "9_thang", None, year
    if re.fullmatch(r"\s*(?:ca\s+)?nam\s*", rest) or (year is not None and not rest.strip()):
        return "nam", None, year
    raise UnknownPeriod(
        f"không hiểu kỳ báo cáo '{text}'; dùng quy, 6_thang, 9_thang hoặc nam "
        "(ví dụ 'quý I', '6 tháng', 'năm 2024')"
    )
