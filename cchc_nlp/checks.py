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
from decimal import Decimal

from .numbers import format_number
from .model import AREAS, REPORT_KINDS, UNIT_KIND_WORDS, Citation, Evidence, Flag, Metric, Report
from .periods import period_from
from .structure import in_directions

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}

#: the kinds of problem a reviewer reads flags by (the digest's groups), in the order
#: shown: id, Vietnamese label, and the flag ids (``citation_*`` are all citations)
FLAG_GROUPS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("figures", "Số liệu không khớp", frozenset({
        "arithmetic_sum", "percentage_mismatch", "rate_over_100", "narrative_appendix_mismatch",
        "inconsistent_count", "malformed_number"})),
    ("contradiction", "Mâu thuẫn giữa các phần", frozenset({"contradiction"})),
    ("copied", "Sao chép, lặp lại, lệch kỳ", frozenset({
        "duplicate_text", "copied_text", "other_unit_named", "period_mismatch"})),
    ("dates", "Ngày tháng", frozenset({"impossible_date", "date_after_report", "report_date_implausible"})),
    ("citations", "Văn bản được dẫn", frozenset()),
    ("names", "Tên đơn vị", frozenset({"unit_misspelt"})),
    ("missing", "Thiếu nội dung", frozenset({
        "missing_content", "missing_sections", "missing_appendix", "missing_signature", "missing_date",
        "missing_number", "area_not_reported"})),
    ("layout", "Trình bày", frozenset({"section_numbering"})),
)


def flag_group(flag_id: str) -> tuple[str, str]:
    """(group id, Vietnamese label) of a flag id; ``("other", "Khác")`` for one no group names.

    >>> flag_group("citation_superseded")
    ('citations', 'Văn bản được dẫn')
    """
    if flag_id.startswith("citation_"):
        return "citations", "Văn bản được dẫn"
    for group, label, ids in FLAG_GROUPS:
        if flag_id in ids:
            return group, label
    return "other", "Khác"

_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
_PERIOD_RE = re.compile(
    r"\b(?:[Tt]rong|[Kk]ết quả|[Tt]ính đến hết)\s+"
    r"(quý\s+(?:IV|III|II|I|[1-4])|0?6\s+tháng(?:\s+đầu)?(?:\s+năm)?|0?9\s+tháng(?:\s+năm)?|năm)"
    r"\s+(?:năm\s+)?(20\d\d)"
)
_DATE_RE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_CITATION_SEVERITY = {"invalid_date": "high", "type_code_mismatch": "medium",
                      "year_mismatch": "medium", "dated_after_report": "medium",
                      "superseded": "medium", "unknown_code": "low"}


def _ev(report: Report, start: int, end: int) -> Evidence:
    return Evidence(start, end, report.text[start:end])


def _results_paragraphs(report: Report):
    """Paragraphs that report results of the period (not directions or proposals)."""
    return (p for p in report.paragraphs if not in_directions(report, p.start))


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


_ANY_PERIOD_RE = re.compile(r"\b(quý\s+(?:IV|III|II|I|[1-4])|0?6\s+tháng|0?9\s+tháng)(?:\s+\S+){0,3}?\s+(?:năm\s+)?(20\d\d)\b"
                            r"|\b(quý\s+(?:IV|III|II|I|[1-4]))\b(?!\s+(?:năm\s+)?20\d\d)")
_YEAR_PHRASE_RE = re.compile(r"\bnăm\s+(20\d\d)\b")


def check_stale_periods(report: Report) -> list[Flag]:
    """Periods that cannot be the report's own or its next one:

    * a section heading naming another period ("… quý I" over the results of a
      6-month report);
    * the directions for the coming period naming a year before the report's
      ("nhiệm vụ quý II năm 2023" closing a report on quý I 2024).
    """
    period = report.meta.period
    if period is None or period.year is None:
        return []
    flags = []
    for sec in report.sections:
        m = _ANY_PERIOD_RE.search(sec.title)
        if not m:
            continue
        named = period_from(m.group(1) or m.group(3))
        kind, quarter = named.kind, named.quarter
        year = int(m.group(2)) if m.group(2) else period.year
        if year == period.year and (kind != period.kind or (quarter and quarter != period.quarter)):
            if period.kind == "nam" or (period.kind == "9_thang" and kind == "quy" and quarter == 4):
                continue
            s = report.text.find(sec.title, sec.start)
            if s == -1:
                continue
            flags.append(Flag("period_mismatch", "medium",
                              f"Đề mục nêu \"{m.group(0)}\" trong báo cáo {period.label}.",
                              (_ev(report, s + m.start(), s + m.end()),)))
    for p in report.paragraphs:
        if not in_directions(report, p.start):
            continue
        for m in _YEAR_PHRASE_RE.finditer(p.text):
            if int(m.group(1)) < period.year:
                s = p.start + m.start()
                flags.append(Flag(
                    "period_mismatch", "medium",
                    f"Phần phương hướng, nhiệm vụ của báo cáo {period.label} lại nêu "
                    f"\"{m.group(0)}\": có thể chép từ báo cáo kỳ trước.",
                    (_ev(report, s, p.start + m.end()),)))
                break
    return flags


def check_stale_documents(report: Report, citations: list[Citation]) -> list[Flag]:
    """The unit's own plan for an earlier year reported as this period's result
    ("UBND xã ban hành Kế hoạch số 22/KH-UBND ngày 18/01/2023 về Rà soát thủ tục
    hành chính năm 2023" in a report on quý I 2024)."""
    period = report.meta.period
    if period is None or period.year is None:
        return []
    flags = []
    directions = [(p.start, p.end) for p in report.paragraphs if in_directions(report, p.start)]
    for c in citations:
        if c.issuer or not c.date or not c.subject or any(s <= c.start < e for s, e in directions):
            continue  # someone else's document, or no date/subject, or a plan for later
        years = [int(y) for y in _YEAR_PHRASE_RE.findall(c.subject)]
        if years and max(years) < period.year and c.date.year < period.year:
            flags.append(Flag(
                "period_mismatch", "medium",
                f"{c.surface} ngày {c.date.strftime('%d/%m/%Y')} về việc của năm {max(years)} "
                f"được nêu là kết quả của {period.label}.",
                (_ev(report, c.start, c.end),)))
    return flags


def check_report_date(report: Report) -> list[Flag]:
    """A report date that cannot be right for its period: the appendix caption
    "(Kèm theo Báo cáo số … ngày 07/03/2024)" on a report about the first half
    of 2024 (a template left over from the previous report)."""
    from .periods import period_end, plausible_report_date
    from .structure import appendix_caption

    caption = appendix_caption(report.text)
    if caption is None or caption.date is None or report.meta.period is None:
        return []
    if plausible_report_date(caption.date, report.meta.period):
        return []
    end = period_end(report.meta.period)
    s, e = caption.date_span
    return [Flag("report_date_implausible", "medium",
                 f"Phụ lục ghi ngày báo cáo {caption.date_text}, nhưng kỳ {report.meta.period.label} "
                 f"kết thúc ngày {end.strftime('%d/%m/%Y')}: ngày này không thể đúng "
                 "(có thể còn từ mẫu báo cáo kỳ trước).", (_ev(report, s, e),))]


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
    from .citations import problem_message

    flags = []
    for c in citations:
        for problem in c.problems:
            flags.append(Flag(
                f"citation_{problem}", _CITATION_SEVERITY.get(problem, "low"),
                f"{c.surface}: "
                + problem_message(c, problem, example=False),
                (_ev(report, c.start, c.end),)))
    return flags


def check_citation_series(report: Report, citations: list[Citation]) -> list[Flag]:
    """Two slips between the documents a report cites, each found by comparing two of them:

    * numbers out of date order in one series: the same issuer's documents of one
      code and year are numbered as they are signed, so a lower number dated later
      than a higher one means a wrong number or date (``citation_out_of_order``);
    * one document written two ways in one paragraph: "25/QĐ-TTg" beside
      "25/2021/QĐ-TTg", the second form's year being the first's date
      (``citation_two_forms``).
    """
    flags = []
    series: dict[tuple, list[Citation]] = {}
    for c in citations:
        if c.date is not None and c.number.isdigit() and c.code and c.year is None:
            series.setdefault((c.type, c.code, c.issuer, c.date.year), []).append(c)
    for docs in series.values():
        docs = sorted({(int(c.number), c.date): c for c in docs}.values(), key=lambda c: int(c.number))
        for low, high in zip(docs, docs[1:]):
            if int(low.number) < int(high.number) and low.date > high.date:
                flags.append(Flag(
                    "citation_out_of_order", "medium",
                    f"Số và ngày không khớp thứ tự: {low.surface} ngày {low.date:%d/%m/%Y} nhưng "
                    f"{high.surface} (số lớn hơn) lại ngày {high.date:%d/%m/%Y}; kiểm tra lại số hoặc ngày.",
                    (_ev(report, low.start, low.end), _ev(report, high.start, high.end))))
    for p in report.paragraphs:
        inside = [c for c in citations if p.start <= c.start and c.end <= p.end]
        for a in inside:
            if a.year is not None or a.date is None:
                continue
            for b in inside:
                if (b is not a and b.year == a.date.year and b.number == a.number and b.code == a.code
                        and b.type == a.type):
                    flags.append(Flag(
                        "citation_two_forms", "low",
                        f"Cùng một văn bản ghi hai kiểu: {a.surface} và {b.surface}; thống nhất một số hiệu.",
                        (_ev(report, a.start, a.end), _ev(report, b.start, b.end))))
                    break
    return flags


_SUBJECT_YEAR_RE = re.compile(r"\bnăm\s+(20\d\d)\b")


def check_citation_subject_years(report: Report, citations: list[Citation]) -> list[Flag]:
    """One document cited twice with subjects for two different years ("Kế hoạch số
    11/KH-UBND … về CCHC năm 2024" here, "… năm 2025" there): one of the two was
    left over from another period's report (``copied_text``).  The year that is not
    the report's is named as the likely leftover."""
    by_doc: dict[tuple, list[tuple[Citation, int]]] = {}
    for c in citations:
        if c.canonical and c.subject and c.date is not None:
            for m in _SUBJECT_YEAR_RE.finditer(c.subject):
                by_doc.setdefault((c.type, c.canonical, c.date), []).append((c, int(m.group(1))))
    own = report.meta.period.year if report.meta.period else None
    flags = []
    for mentions in by_doc.values():
        years = sorted({y for _, y in mentions})
        if len(years) < 2:
            continue
        first = {y: next(c for c, yy in mentions if yy == y) for y in years}
        leftover = [y for y in years if own is not None and y != own]
        hint = (f"; năm {', '.join(map(str, leftover))} có thể còn sót từ văn bản kỳ trước"
                if leftover and len(leftover) < len(years) else "")
        c0 = first[years[0]]
        flags.append(Flag(
            "copied_text", "medium",
            f"{c0.surface} ngày {c0.date:%d/%m/%Y} được nêu với nội dung của "
            f"{' và '.join(f'năm {y}' for y in years)} ở hai chỗ khác nhau{hint}; sửa cho thống nhất.",
            tuple(_ev(report, c.start, c.end) for c in sorted(first.values(), key=lambda c: c.start))))
    return flags


_APOSTROPHE_RE = re.compile(r"['’‘ʼ`]")


def check_unit_names(report: Report) -> list[Flag]:
    """The unit's own name spelt differently, or another commune presented as
    the reporting unit ("UBND xã X báo cáo" with X not the unit): copied text."""
    from .gazetteer import find_unit_mentions
    from .gazetteer import name_key

    own = report.meta.unit_name
    if not own:
        return []
    flags = []
    own_key = name_key(own)
    closing = report.closing or (len(report.text), len(report.text))
    misspelt: dict[str, list[Evidence]] = {}
    for m in find_unit_mentions(report.text):
        if closing[0] <= m.start < closing[1]:
            continue  # "Nơi nhận" lists other units by design
        if m.kind not in UNIT_KIND_WORDS:
            continue
        if _APOSTROPHE_RE.sub("", m.name).lower() == _APOSTROPHE_RE.sub("", own).lower():
            continue  # "XÃ TÂN VIỆT" in a header, "Đưng K’Nớ" for the official "Đưng KNớ": same spelling
        if name_key(m.name) == own_key:
            misspelt.setdefault(m.name, []).append(_ev(report, m.start, m.end))
            continue
        before = report.text[max(0, m.start - 40):m.start]
        acting = re.search(r"(?<!tại )(?<!đến )(?<!với )(?<!cho )(?<!của )(?<!và )"
                           r"(?:UBND|Ủy ban nhân dân|ủy ban nhân dân)\s*$", before)
        if acting and m.known and not re.search(r"(?:tại|đến|với|cho|của|và|sang)\s+"
                                                 r"(?:UBND|Ủy ban nhân dân|ủy ban nhân dân)\s*$",
                                                 before, re.IGNORECASE):
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
                line_end = report.text.find("\n", nxt.start)
                flags.append(Flag(
                    "section_numbering", "low",
                    f"Đánh số mục không liên tục: {prev.number} rồi đến {nxt.number}.",
                    (_ev(report, nxt.start, line_end if line_end != -1 else nxt.end),)))
    if report.meta.kind not in REPORT_KINDS:
        # a plan, a decision, a letter or a news item has an outline of its own:
        # the reporting outline's parts are not missing from it
        return flags
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


# --- figures ---------------------------------------------------------------

#: a stated percentage may differ from numerator/denominator by this many points
#: (reports round to one decimal: 58,7 % for 679/1.157 = 58.69 %)
PERCENT_TOLERANCE = Decimal("0.1")


def _by_source(metrics: list[Metric]) -> dict[str, dict[str, Metric]]:
    """The first figure stated for each indicator, per source (table / narrative)."""
    out: dict[str, dict[str, Metric]] = {"table": {}, "narrative": {}}
    for m in metrics:
        if isinstance(m.value, Decimal):
            out.setdefault(m.source, {}).setdefault(m.indicator, m)
    return out


def check_sums(report: Report, metrics: list[Metric], catalogue) -> list[Flag]:
    """Parts that do not add up to their total (the catalogue's identities), in
    the appendix and in the narrative separately.

    A part that is not stated counts as 0 only to show the parts already exceed
    the total; a shortfall is flagged only when every part is stated.
    """
    flags = []
    def label(ind_id: str) -> str:  # "Tổng số hồ sơ TTHC …" inside a sentence: first letter small
        text = catalogue[ind_id].label_vi if ind_id in catalogue else ind_id
        return text[:1].lower() + text[1:]
    for source, found in _by_source(metrics).items():
        for rule in catalogue.sums:
            parts = [found[p] for p in rule["parts"] if p in found]
            if "total_value" in rule:  # a constant: exclusive shares add up to at most 100 %
                total, total_value, total_label = None, Decimal(rule["total_value"]), "100%"
            else:
                total = found.get(rule["total"])
                if total is None:
                    continue
                total_value, total_label = total.value, label(rule["total"])
            if len(parts) < (1 if rule.get("bound") else 2):
                continue
            added = sum(p.value for p in parts)
            complete = len(parts) == len(rule["parts"])
            if added == total_value or (added < total_value and (not complete or rule.get("bound"))):
                continue
            where = "phụ lục" if source == "table" else "phần nội dung"
            stated = " + ".join(format_number(p.value) for p in parts)
            if len(parts) > 1:
                stated += f" = {format_number(added)}"
            flag_id = rule.get("flag", "arithmetic_sum")
            if flag_id == "contradiction":
                named = "; ".join(f"{label(p.indicator)}: {format_number(p.value)}" for p in parts)
                beyond = (f"cộng lại {format_number(added)}%, vượt 100% (các tỷ lệ này loại trừ nhau)"
                          if total is None else f"vượt {total_label} ({format_number(total_value)})")
                message = f"Trong {where}, các số liệu mâu thuẫn nhau: {named}, {beyond}; kiểm tra lại."
            elif rule.get("bound"):
                message = f"Trong {where}: {stated}, vượt {total_label} ({format_number(total_value)})."
            else:
                message = f"Trong {where}: {stated}, nhưng {total_label} là {format_number(total_value)}."
            evidence = [total, *parts] if total is not None else parts
            flags.append(Flag(flag_id, "high" if flag_id == "arithmetic_sum" else "medium", message,
                              tuple(_ev(report, m.start, m.end) for m in evidence)))
    return flags


_BOUNDED_RATE_AREAS = {"tthc", "chinh_quyen_so", "cong_vu", "the_che", "to_chuc_bo_may"}


def check_rates(report: Report, metrics: list[Metric], catalogue) -> list[Flag]:
    """Percentages over 100 %, and percentages that do not match their numerator
    and denominator (± PERCENT_TOLERANCE points)."""
    flags = []
    for m in metrics:
        ind = catalogue.indicators.get(m.indicator)
        if ind is None or ind.kind != "rate" or not isinstance(m.value, Decimal):
            continue
        # budget revenue and disbursement may exceed their plan (168 % of the
        # estimate is good news); shares of dossiers, procedures, staff cannot
        if m.value > 100 and ind.area in _BOUNDED_RATE_AREAS:
            flags.append(Flag("rate_over_100", "high",
                              f"Tỷ lệ {format_number(m.value)}% vượt quá 100%.", (_ev(report, m.start, m.end),)))
    for source, found in _by_source(metrics).items():
        for ind_id, rate in found.items():
            ind = catalogue.indicators.get(ind_id)
            if ind is None or not (ind.numerator and ind.denominator):
                continue
            num, den = found.get(ind.numerator), found.get(ind.denominator)
            if num is None or den is None or den.value == 0:
                continue
            expected = num.value * 100 / den.value
            if abs(expected - rate.value) > PERCENT_TOLERANCE:
                flags.append(Flag(
                    "percentage_mismatch", "medium",
                    f"{ind.label_vi}: ghi {format_number(rate.value)}%, nhưng {format_number(num.value)}/"
                    f"{format_number(den.value)} = {format_number(expected.quantize(Decimal('0.1')))}%.",
                    tuple(_ev(report, x.start, x.end) for x in (rate, num, den))))
    return flags


def check_narrative_vs_table(report: Report, metrics: list[Metric], catalogue) -> list[Flag]:
    """The same indicator with one value in the narrative and another in the appendix."""
    found = _by_source(metrics)
    flags = []
    for ind_id, nar in found["narrative"].items():
        tab = found["table"].get(ind_id)
        if tab is None or tab.value == nar.value:
            continue
        ind = catalogue.indicators.get(ind_id)
        if ind is not None and ind.kind == "rate":
            if abs(nar.value - tab.value) <= PERCENT_TOLERANCE:
                continue  # the stated rounding tolerance ("148%" vs "148,8" is beyond it)
        elif _same_rounded(nar.value, tab.value):
            continue  # 4.464.006.000 in the text, 4.464 triệu đồng in the table
        label = catalogue[ind_id].label_vi if ind_id in catalogue else ind_id
        is_rate = ind is not None and ind.kind == "rate"
        flags.append(Flag(
            "percentage_mismatch" if is_rate else "narrative_appendix_mismatch", "medium",
            f"{label}: phần nội dung ghi {format_number(nar.value)}, phụ lục ghi {format_number(tab.value)}.",
            (_ev(report, nar.start, nar.end), _ev(report, tab.start, tab.end))))
    return flags


def _same_rounded(a: Decimal, b: Decimal) -> bool:
    """True when one value is the other written with fewer decimals, or rounded to
    the thousands/millions an appendix in "Triệu đồng" gives (4.464.006.000 vs 4.464 triệu)."""
    for x, y in ((a, b), (b, a)):
        if x >= 1000 and x == x.to_integral():
            digits = str(int(x))
            zeros = len(digits) - len(digits.rstrip("0"))
            if zeros >= 3 and abs(x - y) < Decimal(10) ** zeros:
                return True
        places = -x.normalize().as_tuple().exponent if x != x.to_integral() else 0
        if places < -y.normalize().as_tuple().exponent and abs(x - y) < Decimal(10) ** -places:
            return True
    return False


_FRACTION_PCT_RE = re.compile(
    r"(?<![\d/.,])(\d{1,6})\s*/\s*(\d{1,6})(?![\d/])\s*(?:\(\s*|,?\s*(?:đạt|bằng|chiếm)\s+(?:tỷ lệ\s+)?)"
    r"(\d{1,3}(?:,\d{1,2})?)\s*%")


def check_fraction_percentages(report: Report) -> list[Flag]:
    """"13/21 (76,5%)": a percentage written next to its own fraction."""
    flags = []
    for m in _FRACTION_PCT_RE.finditer(report.text):
        num, den = Decimal(m.group(1)), Decimal(m.group(2))
        stated = Decimal(m.group(3).replace(",", "."))
        if den == 0 or num > den * 10:
            continue  # "30/4" is a date, not a fraction
        expected = num * 100 / den
        if abs(expected - stated) > PERCENT_TOLERANCE:
            flags.append(Flag(
                "percentage_mismatch", "medium",
                f"Ghi {m.group(1)}/{m.group(2)} = {m.group(3)}%, nhưng thực tế là "
                f"{format_number(expected.quantize(Decimal('0.1')))}%.",
                (_ev(report, m.start(), m.end()),)))
    return flags


def check_table_numbering(report: Report) -> list[Flag]:
    """Appendix rows numbered under the wrong parent (1.1.1-1.1.3 again under 1.2).

    Only tables that arrived with their rows intact (Word or tab-separated) are
    checked, and gaps are not flagged: the official forms skip numbers, and
    rows rebuilt from PDF lines can be lost.  One flag per misplaced group.
    """
    flags = []
    for table in report.tables:
        if table.source == "pdf-lines" or table.in_narrative:
            continue
        last_at_depth: dict[int, tuple[int, ...]] = {}
        misplaced: list[tuple[tuple[int, ...], list[str]]] = []
        pos = table.start
        for row in table.rows:
            # each row is one line of the table's text: find it from the previous one on
            at = report.text.find(row[0], pos, table.end + 1) if row[0] else -1
            if at != -1:
                pos = at + len(row[0])
            stt = row[0].strip().rstrip(".")
            if not re.fullmatch(r"\d{1,2}(?:\.\d{1,2}){0,3}", stt):
                continue
            parts = tuple(int(x) for x in stt.split("."))
            depth = len(parts)
            parent = last_at_depth.get(depth - 1) if depth > 1 else None
            if parent is not None and parts[:-1] != parent and at != -1:
                if misplaced and misplaced[-1][0] == parent:
                    misplaced[-1][1].append((row[0], at))
                else:
                    misplaced.append((parent, [(row[0], at)]))
            last_at_depth[depth] = parts
            for d in [d for d in last_at_depth if d > depth]:
                del last_at_depth[d]
        for parent, cells in misplaced:
            evidence = []
            for cell, at in cells:
                evidence.append(_ev(report, at, at + len(cell)))
            if evidence:
                flags.append(Flag(
                    "section_numbering", "low",
                    f"Phụ lục: các mục {', '.join(c for c, _ in cells)} nằm dưới mục "
                    f"{'.'.join(map(str, parent))} (đánh số lặp hoặc sai mục cha).",
                    tuple(evidence)))
    return flags


def check_malformed_numbers(report: Report, malformed) -> list[Flag]:
    return [Flag("malformed_number", "medium",
                 f"Số \"{bad.text}\" viết sai (nhóm chữ số không đúng hoặc thừa chữ số).",
                 (_ev(report, s, e),)) for s, e, bad in malformed]


_POINT_DECIMAL_RE = re.compile(r"^\d{1,3}\.\d{1,2}$")


def check_table_values(report: Report, metrics: list[Metric], catalogue) -> list[Flag]:
    """Appendix values written "21.5" (a point reads as thousands grouping in
    Vietnamese) and coded answers outside their legend (3 on a 0-2 scale)."""
    flags = []
    for table in report.tables:
        pos = table.start
        for row in table.rows:
            for cell in row[3:]:
                if _POINT_DECIMAL_RE.match(cell.strip()):
                    at = report.text.find(cell, pos, table.end + 1)
                    if at != -1:
                        pos = at + len(cell)
                        flags.append(Flag(
                            "malformed_number", "low",
                            f"\"{cell}\" dùng dấu chấm thập phân; viết theo quy ước là "
                            f"\"{cell.replace('.', ',')}\".", (_ev(report, at, at + len(cell)),)))
    for m in metrics:
        ind = catalogue.indicators.get(m.indicator)
        if ind is None or not ind.codes or m.source != "table" or not isinstance(m.value, Decimal):
            continue
        if str(m.value.normalize()) not in ind.codes:
            allowed = ", ".join(f"{k} = {v}" for k, v in ind.codes.items())
            flags.append(Flag("malformed_number", "medium",
                              f"{ind.label_vi}: giá trị {format_number(m.value)} ngoài thang mã ({allowed}).",
                              (_ev(report, m.start, m.end),)))
    return flags


#: counts that have one value at the report's date: stated twice, they must agree
_STOCKS = ("tthc.procedures_total", "tthc.procedure_fields", "to_chuc_bo_may.staff_quota", "cong_vu.staff")
#: a row or sentence that widens its scope ("bao gồm cả TTHC của cơ quan ngành dọc") is another count
_WIDER_SCOPE_RE = re.compile(r"bao gom ca|ke ca|tinh ca")


def check_conflicting_counts(report: Report, metrics: list[Metric], catalogue) -> list[Flag]:
    """The same count (procedures in force, staff, assigned posts) stated twice with two
    values: two appendix rows (``inconsistent_count``) or two narrative statements
    (``contradiction``).  A statement that widens its scope ("bao gồm cả …") is left out."""
    from .normalise import fold

    flags = []
    for source, flag_id in (("table", "inconsistent_count"), ("narrative", "contradiction")):
        for ind in _STOCKS:
            found = [m for m in metrics if m.indicator == ind and m.source == source
                     and isinstance(m.value, Decimal)
                     and not _WIDER_SCOPE_RE.search(fold(report.text[m.start:m.end]).lower())]
            values = sorted({m.value for m in found})
            if len(values) < 2:
                continue
            first = {v: next(m for m in found if m.value == v) for v in values}
            name = catalogue[ind].label_vi if ind in catalogue else ind
            where = "Phụ lục" if source == "table" else "Báo cáo"
            flags.append(Flag(
                flag_id, "medium",
                f"{where} nêu {name[:1].lower() + name[1:]} {len(values)} lần với số khác nhau: "
                f"{', '.join(format_number(v) for v in values)}; thống nhất một số liệu.",
                tuple(_ev(report, m.start, m.end) for m in sorted(first.values(), key=lambda m: m.start))))
    return flags


#: blank appendix rows listed in a missing_content flag's evidence, at most
_BLANK_ROWS_SHOWN = 40


def check_missing_content(report: Report, blanks: list | None = None) -> list[Flag]:
    """What the reporting form asks for and the report leaves out: appendix rows of
    known figures with no value (one flag listing them), and a numbered section with
    nothing under it (no paragraph, table or sub-section).  Reports only: a plan or a
    news item has no form to fill."""
    from .figures import blank_rows

    if report.meta.kind not in REPORT_KINDS:
        return []
    flags = []
    blanks = blank_rows(report) if blanks is None else blanks
    if blanks:
        named = "; ".join(f"«{label[:60]}»" for _, _, label in blanks[:3])
        more = f" và {len(blanks) - 3} dòng khác" if len(blanks) > 3 else ""
        flags.append(Flag(
            "missing_content", "low",
            f"Phụ lục để trống {len(blanks)} dòng số liệu: {named}{more}; điền số liệu, hoặc ghi 0 "
            "nếu trong kỳ không phát sinh.",
            tuple(_ev(report, s, e) for s, e, _ in blanks[:_BLANK_ROWS_SHOWN])))
    for sec in report.sections:
        inside = (sec.heading_end, sec.end)
        if sec.end - sec.heading_end > 3 or any(inside[0] <= x.start < inside[1] for x in report.sections):
            continue
        if any(inside[0] <= x.start < inside[1] for x in (*report.paragraphs, *report.tables)):
            continue
        if report.closing is None and not any(x.start >= sec.heading_end for x in
                                              (*report.paragraphs, *report.tables, *report.sections)):
            continue  # the text stops at this heading, unsigned: an excerpt cut off, not an omission
        flags.append(Flag("missing_content", "medium",
                          f"Mục {sec.number} «{sec.title[:60]}» không có nội dung; bổ sung kết quả của mục "
                          "này, hoặc ghi rõ trong kỳ không phát sinh.",
                          (_ev(report, sec.start, sec.heading_end),)))
    return flags


def check_figures(report: Report, figures=None) -> list[Flag]:
    """Every check on the report's figures (appendix and narrative), blank appendix rows included.

    ``figures``: :class:`cchc_nlp.figures.Figures` from :func:`~cchc_nlp.figures.extract_figures`
    when already computed.
    """
    from .figures import extract_figures, load_catalogue

    catalogue = load_catalogue()
    metrics, malformed, blanks = figures if figures is not None else extract_figures(report, catalogue)
    return (check_sums(report, metrics, catalogue) + check_rates(report, metrics, catalogue)
            + check_narrative_vs_table(report, metrics, catalogue)
            + check_table_values(report, metrics, catalogue)
            + check_conflicting_counts(report, metrics, catalogue)
            + check_malformed_numbers(report, malformed)
            + check_missing_content(report, blanks))


_DUP_MIN_WORDS = 10


def check_duplicates(report: Report) -> list[Flag]:
    """A sentence of a report's narrative written twice in one section, word for word
    (ignoring case, spacing and punctuation): a copy-and-paste slip.  Sentences under
    ten words are left alone (short formulas repeat by nature), and so are headings,
    tables, the same formula under two different sections ("không phát hiện sai sót"
    for two kinds of document), and news items (a portal repeats its lead)."""
    from .tokenise import sentences

    if report.meta.kind not in REPORT_KINDS:
        return []
    seen: dict[tuple[str, str], tuple[int, int]] = {}
    flags = []
    for p in report.paragraphs:
        for s, e in sentences(p.text):
            raw = p.text[s:e]
            words = re.sub(r"[^\w]+", " ", raw.lower()).split()
            if len(words) < _DUP_MIN_WORDS:
                continue
            key = (p.section, " ".join(words))
            where = (p.start + s, p.start + e)
            if key not in seen:
                seen[key] = where
                continue
            first = seen[key]
            places = f"hai lần trong mục {p.section}" if p.section else "hai lần"
            short = " ".join(raw.split()[:12]) + " …"
            flags.append(Flag("duplicate_text", "medium",
                              f"Câu lặp lại nguyên văn ({places}): «{short}»; kiểm tra có phải sao chép nhầm.",
                              (_ev(report, *first), _ev(report, *where))))
    return flags


def run_checks(report: Report, citations: list[Citation],
               areas_present: set[str] | None = None, extra: list[Flag] | None = None,
               figures=None) -> list[Flag]:
    """Every check, most severe first."""
    flags = (check_period(report) + check_stale_periods(report)
             + check_stale_documents(report, citations) + check_report_date(report)
             + check_dates(report, citations)
             + check_citations(report, citations) + check_citation_series(report, citations)
             + check_citation_subject_years(report, citations)
             + check_unit_names(report)
             + check_figures(report, figures) + check_fraction_percentages(report)
             + check_table_numbering(report) + check_duplicates(report)
             + check_outline(report, areas_present) + (extra or []))
    return sorted(flags, key=lambda f: (SEVERITY_ORDER[f.severity], f.evidence[0].start))


# --------------------------------------------------------------------------
# Where a flag stands
# --------------------------------------------------------------------------


def place_of(report: Report, pos: int) -> tuple[str | None, int | None]:
    """(section path, paragraph index) of a text offset; for an appendix table the
    table's title stands for the section; (None, None) in the header or closing."""
    from bisect import bisect_right

    starts = [p.start for p in report.paragraphs]
    i = bisect_right(starts, pos) - 1
    if i >= 0 and report.paragraphs[i].start <= pos <= report.paragraphs[i].end:
        p = report.paragraphs[i]
        return p.section or None, p.index
    for s in reversed(report.sections):
        if s.start <= pos < s.heading_end:
            return s.number or None, None
    for t in report.tables:
        if t.start <= pos <= t.end:
            return t.title or "phụ lục", None
    return None, None


def sentence_around(report: Report, start: int, end: int) -> str:
    """The sentence that holds an evidence span (a whole paragraph is too much to read)."""
    from .tokenise import sentences

    _, index = place_of(report, start)
    if index is None:
        return report.text[start:end]
    p = report.paragraphs[index]
    for s, e in sentences(p.text):
        if p.start + s <= start < p.start + e:
            return p.text[s:max(e, min(len(p.text), end - p.start))].strip()
    return report.text[start:end]


def unique_flags(flags) -> list:
    """The flags without repeats: one flag id with the same message on the same evidence is
    reported once (the outline's "no paragraph on area X" flags share their evidence, and
    each names another area)."""
    out, seen = [], set()
    for f in flags:
        key = (f.id, f.message_vi, tuple((e.start, e.end) for e in f.evidence))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
