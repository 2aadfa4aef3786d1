"""Recover a report's structure from its normalised text.

The text is cut into regions, in the order a report is written:

    header   unit, "Số: …/BC-UBND", place and date (often missing)
    title    "BÁO CÁO" and the line(s) naming the period
    body     headings (I., 1., 1.1, a)) and narrative paragraphs
    closing  "Nơi nhận" list and signature block (kept out of the narrative)
    appendix statistical tables ("Phụ lục", "Biểu mẫu"), tab-separated or PDF-broken

Meta fields come from the header when it is there and are otherwise inferred
from the body ("UBND xã Định Biên báo cáo…", "huyện Hoằng Hóa") and resolved
against the gazetteer.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from .model import UNIT_KIND_WORDS, Meta, Paragraph, Period, Report, Section, Table
from .normalise import LOWER as _LOW
from .normalise import fold
from .normalise import UPPER as _UP

_NAME_WORD = rf"[{_UP}][{_LOW}]*"
# A place name: 1-4 capitalised syllables ("Hoằng Lưu", "Đắk Glong", "Tân Việt").
_NAME = rf"{_NAME_WORD}(?:[ ]{_NAME_WORD}){{0,3}}"

_TITLE_RE = re.compile(r"^B[ÁA]O C[ÁA]O\b", re.IGNORECASE)
_NOI_NHAN_RE = re.compile(r"^N[oơ]i nh[aậ]n\b", re.IGNORECASE)
_SIGN_RE = re.compile(
    r"^(?:TM\.|KT\.|Q\.|TL\.)?\s*(?:Ủ|U)[YỶ]\s*BAN NHÂN DÂN|^(?:KT\.\s*)?(?:PHÓ\s+)?CHỦ TỊCH\b"
    r"|^TM\.\s|^KT\.\s",
)
_APPENDIX_RE = re.compile(r"^(?:PHỤ LỤC|Phụ lục|BIỂU MẪU|Biểu mẫu|Biểu số|BIỂU SỐ)\b")
_ROMAN_RE = re.compile(r"^([IVX]{1,4})\s*[.)/:\-–]\s*(\S.*)$")
_ARABIC_RE = re.compile(r"^(\d{1,2})\s*[.)]\s*(\S.*)$")
_MULTI_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(\S.*)$")
_LETTER_RE = re.compile(r"^([a-zđ])\)\s*(\S.*)$")
# a report's own code: "BC" then the issuer's parts (BC-UBND, BC-BCĐ, BC-UBND-VP, …)
_REPORT_CODE = r"BC(?:\s*-\s*[A-ZĐ]{2,8})+"
_NUMBER_RE = re.compile(rf"Số\s*:?\s*([^\n]{{0,40}}?/\s*{_REPORT_CODE})", re.IGNORECASE)
_PLACE_DATE_RE = re.compile(
    r"^\s*([^\n,0-9]{2,40}),\s*ngày\s+([0-9…\.]*)\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})",
    re.MULTILINE,
)
_UNIT_KINDS = {word: kind for kind, word in UNIT_KIND_WORDS.items()}
_UNIT_RE = re.compile(
    rf"(?:UBND|Ủy ban nhân dân|ỦY BAN NHÂN DÂN|ủy ban nhân dân)\s+(xã|phường|thị trấn|đặc khu)\s+({_NAME})"
)
_UNIT_HEADER_RE = re.compile(r"^(XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\s+([^\n]{2,40})$", re.MULTILINE)
_DISTRICT_RE = re.compile(rf"\b(?:huyện|HUYỆN)\s+({_NAME}|[{_UP} ]{{3,30}}\b)")
_PROVINCE_RE = re.compile(rf"\btỉnh\s+({_NAME})")
_URL_ONLY_RE = re.compile(r"^(?:https?://|www\.)\S*$")
_PERSON_RE = re.compile(rf"^{_NAME_WORD}(?:\s{_NAME_WORD}){{1,4}}$")


@dataclass(frozen=True)
class _Line:
    text: str
    start: int
    end: int


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(stripped, pos + lead, pos + lead + len(stripped)))
        pos += len(raw) + 1
    return out


def heading_of(line: str) -> tuple[str, int, str] | None:
    """``(number, level, title)`` when the line is a section heading, else None.

    Numbered lines that are long sentences are paragraphs of a numbered list,
    not headings; we take a heading to be short and not to end in ";".
    """
    if "\t" in line or len(line) > 220 or line.endswith(";"):
        return None
    for rx, level in ((_ROMAN_RE, 1), (_MULTI_RE, 3), (_ARABIC_RE, 2), (_LETTER_RE, 3)):
        m = rx.match(line)
        if m:
            number, title = m.group(1), m.group(2).strip()
            if level == 3 and rx is _MULTI_RE and len(line) > 160:
                return None
            if level == 2 and len(line) > 160:
                return None
            if not (title[0].isupper() or title[0] in "“\"("):
                return None
            return number, level, title
    return None


def _is_list_item(h: tuple[str, int, str], line: str, nxt: tuple[str, int, str] | None) -> bool:
    """A numbered line that is an item of a list, not a section heading.

    "Phương hướng" and "Kiến nghị" sections number their tasks: "1. Tăng cường
    sự quan tâm lãnh đạo …", "2. Cải cách thể chế: Thực hiện rà soát …".  Such
    a line holds its own content: it is followed directly by its next sibling
    (or a higher heading) rather than by paragraphs, and it is long, ends in a
    full stop, or runs on after a colon.
    """
    number, level, title = h
    if level == 1:
        return False
    runs_on = re.search(r":\s*\S+(?:\s+\S+){2,}", title) is not None
    if runs_on:
        return True
    empty = nxt is not None and nxt[1] <= level  # no paragraph of its own before the next heading
    return empty and (len(line) > 70 or line.rstrip().endswith("."))


def _find_title(lines: list[_Line]) -> int | None:
    for i, ln in enumerate(lines[:60]):
        if _TITLE_RE.match(ln.text) and len(ln.text) < 60:
            return i
    return None


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


_CAPTION_RE = re.compile(
    rf"Kèm theo Báo cáo số\s*:?\s*(\d*)\s*/?\s*({_REPORT_CODE})\s+ngày\s+"
    r"(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
)


@dataclass(frozen=True)
class AppendixCaption:
    """"(Kèm theo Báo cáo số: 25/BC-UBND ngày 15/3/2024 …)" under an appendix title."""

    number: str | None  # "25/BC-UBND", None when the number was left blank
    date: date | None  # None when the written date does not exist
    date_text: str
    date_span: tuple[int, int]


def appendix_caption(text: str) -> AppendixCaption | None:
    """The first appendix caption of a report's text, if any."""
    m = _CAPTION_RE.search(text)
    if m is None:
        return None
    code = re.sub(r"\s+", "", m.group(2))
    return AppendixCaption(f"{m.group(1)}/{code}" if m.group(1) else None,
                           _parse_date(m.group(3)), m.group(3), m.span(3))


def _parse_date(text: str) -> date | None:
    nums = [int(n) for n in re.findall(r"\d+", text)]
    if len(nums) != 3:
        return None
    try:
        return date(nums[2], nums[1], nums[0])
    except ValueError:
        return None


# A section for later, not results: "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ …", "V. KIẾN NGHỊ,
# ĐỀ XUẤT", "Nhiệm vụ trọng tâm trong thời gian tới" (matched folded).  A bare
# "nhiệm vụ" or "giải pháp" is not enough: "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CCHC".
_DIRECTIONS_RE = re.compile(r"phuong huong|kien nghi|de xuat|thoi gian toi")


def in_directions(report: Report, start: int) -> bool:
    """True when the text at ``start`` lies in a directions or proposals section,
    at any level (the period's results are everything else)."""
    return any(s.start <= start < s.end and _DIRECTIONS_RE.search(fold(s.title))
               for s in report.sections)


def period_end(period: Period | None) -> date | None:
    """Last day of the reporting period."""
    if period is None or period.year is None:
        return None
    month = {"quy": 3 * (period.quarter or 4), "6_thang": 6, "9_thang": 9, "nam": 12}[period.kind]
    return date(period.year, month, 30 if month in (6, 9) else 31)


def plausible_report_date(day: date, period: Period | None) -> bool:
    """Reports are signed from about six weeks before their period ends to four
    months after; a date outside that is a template left-over (seed 002's
    6-month report carries its Q1 caption "ngày 07/03/2024")."""
    end = period_end(period)
    return end is None or -45 <= (day - end).days <= 120


def _most_common(values: list[str]) -> str | None:
    if not values:
        return None
    return Counter(values).most_common(1)[0][0]


def _title_case(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


def extract_meta(text: str, lines: list[_Line], title_idx: int | None, body: str,
                 closing: list[_Line], gazetteer: bool = True) -> Meta:
    sources: dict[str, str] = {}
    header = "\n".join(ln.text for ln in lines[: title_idx or 0])
    unit_kind = unit_name = district = province = None

    m = _UNIT_HEADER_RE.search(header)
    if m:
        unit_kind = _UNIT_KINDS[m.group(1).lower()]
        unit_name = _title_case(m.group(2).strip())
        sources["unit_name"] = "header"
    if unit_name is None:
        mentions = [(k, n) for k, n in _UNIT_RE.findall(body)]
        if mentions:
            kind, name = Counter(mentions).most_common(1)[0][0]
            unit_kind, unit_name = _UNIT_KINDS[kind], name
            sources["unit_name"] = "body"
    dm = [d for d in _DISTRICT_RE.findall(header + "\n" + body)]
    dm = [_title_case(d.strip()) if d.isupper() else d.strip() for d in dm]
    district = _most_common([d for d in dm if d])
    if district:
        sources["district"] = "body"
    province = _most_common(_PROVINCE_RE.findall(header + "\n" + body))
    if province:
        sources["province"] = "body"

    number = None
    m = _NUMBER_RE.search(header)
    if m and re.search(r"\d", m.group(1)):
        number = re.sub(r"\s+", "", m.group(1))
        sources["number"] = "header"

    place = report_date = None
    m = _PLACE_DATE_RE.search(header)
    if m:
        place = m.group(1).strip()
        day = m.group(2).strip(".…")
        try:
            report_date = date(int(m.group(4)), int(m.group(3)), int(day)) if day else None
        except ValueError:
            report_date = None
        sources["date"] = "header"

    caption = appendix_caption(text)
    period = None
    if title_idx is not None:
        title_text = " ".join(ln.text for ln in lines[title_idx + 1 : title_idx + 3]
                              if heading_of(ln.text) is None)
        period = period_from(title_text)
    if period is None:
        period = period_from(body[:600])

    if caption and (number is None or report_date is None):
        # "(Kèm theo Báo cáo số: 25/BC-UBND ngày 15/3/2024 …)" under an appendix
        # title: the only place some reports give their number and date.
        if number is None and caption.number:
            number, sources["number"] = caption.number, "appendix"
        if report_date is None and caption.date and plausible_report_date(caption.date, period):
            report_date, sources["date"] = caption.date, "appendix"
    signer_name = signer_title = None
    for i, ln in enumerate(closing):
        t = ln.text.strip("* ")
        if re.fullmatch(r"(?:KT\.\s*)?(?:PHÓ\s+)?CHỦ TỊCH", t):
            signer_title = "PHÓ CHỦ TỊCH" if "PHÓ" in t else "CHỦ TỊCH"
            for nxt in closing[i + 1 :]:
                cand = nxt.text.strip("* ")
                if _PERSON_RE.match(cand) and not cand.isupper():
                    signer_name = cand
                    break
    if gazetteer:
        unit_name, district, province = _resolve_units(unit_name, district, province, sources)
    return Meta(
        unit_kind=unit_kind,
        unit_name=unit_name,
        district=district,
        province=province,
        number=number,
        place=place,
        date=report_date,
        period=period,
        signer_name=signer_name,
        signer_title=signer_title,
        sources=sources,
    )


def _resolve_units(unit_name, district, province, sources):
    """Fill district and province from the gazetteer; prefer the official spelling
    of the commune (reports misspell their own name: "Hoàng Lưu" for "Hoằng Lưu").

    Names the report itself gives for district and province are kept as written.
    """
    from .gazetteer import GazetteerUnavailable, resolve

    if not unit_name:
        return unit_name, district, province
    try:
        res = resolve(commune=unit_name, district=district, province=province)
    except GazetteerUnavailable:
        return unit_name, district, province
    if res.unit is not None and res.unit.name != unit_name:
        unit_name = res.unit.name
        sources["unit_name"] = sources.get("unit_name", "body") + "+gazetteer"
    if district is None and res.district:
        district, sources["district"] = res.district, "gazetteer"
    if province is None and res.province:
        province, sources["province"] = res.province, "gazetteer"
    return unit_name, district, province


# --- appendix tables -------------------------------------------------------

COLUMNS = ("STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú")
_HEADER_CELL_RE = re.compile(
    r"^(?:STT|Stt|TT|Chỉ tiêu.*|Kết quả.*|Đơn vị tính|Số liệu.*|Ghi chú|Tỷ lệ \(%\)"
    r"|\(?Sử dụng (?:trong|cho) kỳ báo cáo.*)$", re.IGNORECASE
)
_STT_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVX]{1,4}\.?|Trong đó)(?:\s+|$)(.*)$")
_UNITS = (
    "Cơ quan, đơn vị", "Hồ sơ", "Thủ tục", "TTHC", "Văn bản", "Người", "Đơn vị", "Cơ quan",
    "Nhiệm vụ", "Cuộc", "Lượt", "Lớp", "Phiếu", "Kế hoạch", "Bộ phận", "Vụ việc", "Vụ",
    "Triệu đồng", "Tỷ đồng", "Đồng", "Tin bài", "Tin", "Bài", "Ý kiến", "Thôn", "%",
)  # fmt: skip
_UNIT_TAIL_RE = re.compile(
    r"\s(" + "|".join(re.escape(u) for u in _UNITS) + r")(?:\s+([\d.,]+))?(?:\s+([\d.,]+))?\s*$"
)


def _is_header_row(cells: list[str]) -> bool:
    filled = [c for c in cells if c.strip()]
    return bool(filled) and all(_HEADER_CELL_RE.match(c.strip()) for c in filled)


def _tsv_rows(block: list[_Line]) -> list[tuple[str, ...]]:
    rows = []
    for ln in block:
        cells = [c.strip() for c in ln.text.split("\t")]
        if _is_header_row(cells):
            continue
        while len(cells) < 5:
            cells.append("")
        if len(cells) > 5:
            # extra value columns ("Số liệu tổng", "Số liệu đã thực hiện") sit
            # between the unit and the note: keep them after the note.
            cells = cells[:4] + [cells[-1]] + cells[4:-1]
        cells[0] = cells[0].rstrip(".")  # "1.1." and "1.1" are the same row number
        rows.append(tuple(cells))
    return rows


def _pdf_rows(block: list[_Line]) -> list[tuple[str, ...]]:
    """Rows from PDF-broken lines: a row starts at its STT and runs to the next."""
    merged: list[str] = []
    for ln in block:
        t = ln.text
        if _STT_RE.match(t) and not re.match(r"^\d+([.,]\d+)?\s*$", t):
            merged.append(t)
        elif merged:
            merged[-1] += " " + t
    rows = []
    for r in merged:
        m = _STT_RE.match(r)
        stt, rest = (m.group(1).rstrip("."), m.group(2)) if m else ("", r)
        unit = value = ""
        um = _UNIT_TAIL_RE.search(" " + rest)
        if um:
            unit, value = um.group(1), um.group(2) or ""
            rest = (" " + rest)[: um.start()].strip()
        rows.append((stt, rest.strip(), unit, value, ""))
    return rows


def extract_tables(lines: list[_Line], word_spans: list[tuple[int, int]]) -> list[Table]:
    """Appendix tables: one per "Phụ lục"/"Biểu mẫu" title, whatever its shape."""
    groups: list[tuple[str, list[_Line]]] = []
    title_parts: list[str] = []
    for ln in lines:
        if _APPENDIX_RE.match(ln.text):
            if groups and not groups[-1][1] and groups[-1][0]:
                # "Phụ lục 2" then "BIỂU MẪU THỐNG KÊ …": one title over two lines
                title_parts.append(ln.text)
                groups[-1] = (" ".join(title_parts), [])
            else:
                groups.append((ln.text, []))
                title_parts = [ln.text]
            continue
        if not groups:
            groups.append(("", []))
        # the subtitle lines right after the title belong to the title
        if not groups[-1][1] and "\t" not in ln.text and not _STT_RE.match(ln.text) \
                and len(title_parts) < 4 and ln.text.isupper():
            title_parts.append(ln.text)
            groups[-1] = (" ".join(title_parts), [])
            continue
        groups[-1][1].append(ln)
    tables = []
    for title, block in groups:
        if not block:
            continue
        tsv = [ln for ln in block if "\t" in ln.text]
        if len(tsv) >= max(2, len(block) // 3):
            rows = _tsv_rows(tsv)
            start = tsv[0].start
            source = "word" if any(s <= start < e for s, e in word_spans) else "tsv"
        else:
            rows = _pdf_rows(block)
            source = "pdf-lines"
        rows = [r for r in rows if any(c for c in r[:2])]
        if not rows:
            continue
        width = max(len(r) for r in rows)
        columns = COLUMNS + tuple(f"Cột {i + 1}" for i in range(5, width))
        rows = [r + ("",) * (width - len(r)) for r in rows]
        tables.append(Table(title=title, columns=columns, rows=tuple(rows), source=source,
                            start=block[0].start, end=block[-1].end))
    return tables


# --- the whole report -------------------------------------------------------

_SEPARATOR = set("–-—_ ")
_BODY_OPENERS = ("Thực hiện", "Căn cứ", "Trên cơ sở", "Theo ", "Nhằm")


def _title_end(lines: list[_Line], title_idx: int) -> int:
    """Index of the first body line after "BÁO CÁO" and its title lines.

    The title runs over at most three short lines and ends with the line that
    names the year of the period; separator rules ("––––") are skipped.
    """
    i = title_idx + 1
    while i < len(lines) and i <= title_idx + 3:
        t = lines[i].text
        if heading_of(t) or len(t) > 200 or t.startswith(_BODY_OPENERS):
            break
        i += 1
        if re.search(r"20\d\d", t):
            break
    while i < len(lines) and set(lines[i].text) <= _SEPARATOR:
        i += 1
    return i



def build_report(text: str, *, file: str, sha256: str, fmt: str,
                 word_spans: list[tuple[int, int]] | None = None,
                 gazetteer: bool = True) -> Report:
    """Cut normalised report text into meta, sections, paragraphs and tables.

    ``gazetteer=False`` keeps the unit, district and province as written instead
    of looking them up (building the gazetteer index costs ~0.5 s per process;
    ``cchc tag`` needs only the paragraphs).

    Example:
        >>> r = build_report("BÁO CÁO\\nKết quả CCHC quý I năm 2024\\nI. CHỈ ĐẠO\\n"
        ...                  "UBND xã Định Biên đã ban hành Kế hoạch.", file="x", sha256="", fmt="txt")
        >>> r.meta.period.label, r.paragraphs[0].section
        ('quý I 2024', 'I')
    """
    lines = _lines(text)
    title_idx = _find_title(lines)
    body_from = _title_end(lines, title_idx) if title_idx is not None else 0

    # closing and appendix
    closing_from = appendix_from = len(lines)
    for i in range(body_from, len(lines)):
        t = lines[i].text.strip("* ")
        if _APPENDIX_RE.match(t) or (appendix_from == len(lines) and "\t" in t
                                      and re.match(r"^(STT|Stt|TT)\t", t)):
            appendix_from = i
            break
        if closing_from == len(lines) and (_NOI_NHAN_RE.match(t) or _SIGN_RE.match(t)):
            closing_from = i
    closing_from = min(closing_from, appendix_from)
    body_lines = lines[body_from:closing_from]
    closing_lines = lines[closing_from:appendix_from]

    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    stack: list[tuple[int, str, str]] = []  # (level, number, title)
    candidates = [heading_of(ln.text) for ln in body_lines]
    for i, ln in enumerate(body_lines):
        h = candidates[i]
        if h and _is_list_item(h, ln.text, candidates[i + 1] if i + 1 < len(body_lines) else ("", 0, "")):
            h = None
        if h:
            number, level, title = h
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, number, title))
            path = ".".join(n for _, n, _ in stack)
            sections.append(Section(number=path, title=title, level=level,
                                    start=ln.start, end=ln.end))
            continue
        if _URL_ONLY_RE.match(ln.text):
            continue  # a bare link left by PDF extraction (seed 001): not narrative
        path = ".".join(n for _, n, _ in stack)
        paragraphs.append(Paragraph(index=len(paragraphs), section=path,
                                    heading=stack[-1][2] if stack else "",
                                    text=ln.text, start=ln.start, end=ln.end))
    # section ends: up to the next section of the same or a higher level
    ends = []
    body_end = body_lines[-1].end if body_lines else 0
    for i, s in enumerate(sections):
        nxt = next((t.start for t in sections[i + 1:] if t.level <= s.level), body_end)
        ends.append(Section(s.number, s.title, s.level, s.start, max(nxt, s.end)))
    body = "\n".join(ln.text for ln in body_lines)
    meta = extract_meta(text, lines, title_idx, body, closing_lines, gazetteer)
    tables = extract_tables(lines[appendix_from:], word_spans or [])
    closing = (closing_lines[0].start, closing_lines[-1].end) if closing_lines else None
    return Report(file=file, sha256=sha256, format=fmt, text=text, meta=meta,
                  sections=tuple(ends), paragraphs=tuple(paragraphs), tables=tuple(tables),
                  closing=closing)
