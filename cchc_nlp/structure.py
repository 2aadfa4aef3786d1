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
from functools import lru_cache

from .layout import (CENTRAL_CITIES, PERSON_RE, ROMAN_RE, STORED_DATE_RE, UNIT_LEVEL, cells, find_layout,
                     is_closing_start, is_header_line, is_photo_caption, is_rule, is_upper, issuer_from_number,
                     kind_from_number, pipe_row, title_case, title_kind, title_word_kind, unit_of)
from .model import UNIT_KIND_WORDS, Meta, Paragraph, Region, Report, Section, Table
from .normalise import UPPER as _UP
from .normalise import fold
from .periods import document_period, plausible_report_date
from .units import (BARE_UNIT_RE, DMY_RE, HCMC_RE, KIND_WORD_OF, NAME, announced_document, attached_issuer, date_of,
                    excerpt_document, headline_document, named_units, news_subject, province_prefix, provinces_named,
                    unglue_header_cell, unit_from_card_or_place, unit_from_header, unit_of_kind_in_header,
                    unit_of_place, unit_of_title_area)


_APPENDIX_RE = re.compile(r"^(?:PHỤ LỤC|Phụ lục|BIỂU MẪU|Biểu mẫu|Biểu số|BIỂU SỐ)\b")
_ARABIC_RE = re.compile(r"^(\d{1,2})\s*(?:[.)/]|\s?[-–](?!\d))\s*(\S.*)$")
_MULTI_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(\S.*)$")
_LETTER_RE = re.compile(r"^([a-zđ])\s*[)]\s*(\S.*)$|^([a-hđ])\s*[.\-–]\s+(\S.*)$")
# "A. KẾT QUẢ ĐẠT ĐƯỢC", "B- PHƯƠNG HƯỚNG": a part above the Roman numerals
_CAPITAL_RE = re.compile(r"^([A-H])\s*[.)\-–]\s+(\S.*)$")
# "Phần thứ nhất", "PHẦN I", "Chương II", "Mục 1", "Điều 3. Trách nhiệm thi hành"
_PART_RE = re.compile(
    r"^((?:PHẦN|Phần|CHƯƠNG|Chương)\s+(?:THỨ\s+[^\s.:]+|thứ\s+[^\s.:]+|[IVXLC]+\b|\d{1,2}\b)"
    r"|(?:MỤC|Mục)\s+(?:\d{1,2}|[IVX]+)\b|(?:ĐIỀU|Điều)\s+\d{1,3}\b)\s*[.:\-–]?\s*(.*)$"
)
# "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:": the enacting words of a decision or resolution
_ENACT_RE = re.compile(r"^(?:QUYẾT ĐỊNH|QUYẾT NGHỊ|NGHỊ QUYẾT|NGHỊ ĐỊNH|CHỈ THỊ|THÔNG TƯ)\s*:$")
# a report's own code: "BC" then the issuer's parts (BC-UBND, BC-BCĐ, BC-UBND-VP, …)
_REPORT_CODE = r"BC(?:\s*-\s*[A-ZĐ]{2,8})+"
_NUMBER_RE = re.compile(rf"Số\s*:?\s*([^\n]{{0,40}}?/\s*{_REPORT_CODE})", re.IGNORECASE)
_PLACE_DATE_RE = re.compile(
    # the place may carry a number: "Quận 8, ngày 16 tháng 11 năm 2012"
    r"^\s*([^\n,0-9/][^\n,/]{1,39}),\s*[Nn]gày\s+([0-9…\.]*)\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})",
    re.MULTILINE,
)
_UNIT_KINDS = {word: kind for kind, word in UNIT_KIND_WORDS.items()}
_DISTRICT_RE = re.compile(rf"\b(?:huyện|HUYỆN)\s+({NAME}|[{_UP} ]{{3,30}}\b)")
_URBAN_DISTRICT_RE = re.compile(rf"\b(?:[Qq]uận|[Tt]hị xã)\s+({NAME}|\d{{1,2}}\b)")
_PROVINCE_RE = re.compile(rf"\btỉnh\s+({NAME})")
_URL_ONLY_RE = re.compile(r"^(?:https?://|www\.)\S*$")


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


@lru_cache(maxsize=8192)
def heading_of(line: str) -> tuple[str, int, str] | None:
    """``(number, level, title)`` when the line is a section heading, else None.

    Levels: 0 parts ("Phần thứ nhất", "Chương I", "A."), 1 Roman numerals and
    "Mục", 2 Arabic numbers and "Điều", 3 "1.1" and "a)", 4 an un-numbered
    heading in capitals.  Numbered lines that are long sentences are
    paragraphs of a numbered list, not headings; we take a heading to be short
    and not to end in ";".
    """
    if "\t" in line or "|" in line or len(line) > 220 or line.endswith(";"):
        return None
    if _ENACT_RE.match(line):
        return "", 1, line.rstrip(": ")
    m = _PART_RE.match(line)
    if m:
        number, title = " ".join(m.group(1).split()), m.group(2).strip()
        folded = fold(number)
        if folded.startswith("dieu"):
            # "Điều 1. Ban hành kèm theo …" holds its content: a paragraph
            if len(title.split()) > 10 or (title.endswith(".") and len(title.split()) > 6):
                return None
            return number, 2, title
        if title and not (title[0].isupper() or title[0] in "“\"("):
            return None
        return number, 0 if folded.startswith(("phan", "chuong")) else 1, title
    for rx, level in ((ROMAN_RE, 1), (_MULTI_RE, 3), (_ARABIC_RE, 2), (_LETTER_RE, 3),
                      (_CAPITAL_RE, 0)):
        m = rx.match(line)
        if m:
            groups = [g for g in m.groups() if g is not None]
            number, title = groups[0], groups[1].strip()
            if level == 3 and rx is _MULTI_RE and len(line) > 160:
                return None
            if level == 2 and len(line) > 160:
                return None
            if rx is _CAPITAL_RE and not is_upper(title):
                return None  # "A. Nguyễn …" is not a part; "A. KẾT QUẢ" is
            if not (title[0].isupper() or title[0] in "“\"("):
                return None
            return number, level, title
    if _is_caps_title(line):
        return "", 4, line
    return None


def _is_caps_title(line: str) -> bool:
    """An un-numbered sub-title in capitals ("MỤC ĐÍCH, YÊU CẦU"), not a header line."""
    words = line.split()
    return (2 <= len(words) <= 20 and len(line) <= 160 and is_upper(line, 0.95)
            and not line.startswith(("-", "+", "•", "*", "(")) and not is_header_line(line)
            and not is_closing_start(line) and title_kind(line) is None
            and not _APPENDIX_RE.match(line) and sum(c.isalpha() for c in line) >= 6)


def _numbered_heading(line: str) -> bool:
    h = heading_of(line)
    return h is not None and bool(h[0])


def _numbered(line: str) -> tuple[str, int, str] | None:
    """The number and level a line starts with, however long the line ("2. Xây dựng …")."""
    h = heading_of(line)
    if h is not None:
        return h
    for rx, level in ((ROMAN_RE, 1), (_MULTI_RE, 3), (_ARABIC_RE, 2)):
        m = rx.match(line)
        if m:
            return m.group(1), level, m.group(2)
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
    if level <= 1 or not number:
        return False
    runs_on = re.search(r":\s*\S+(?:\s+\S+){2,}", title) is not None
    if runs_on or line.rstrip().endswith((",", ";")):
        return True  # (no heading stops on a comma: "a. Cấp tỉnh: 1.074 người,")
    empty = nxt is not None and nxt[1] <= level  # no paragraph of its own before the next heading
    return empty and (len(line) > 70 or line.rstrip().endswith("."))


def _ends_enumeration(h: tuple[str, int, str], above: tuple[str, int, str] | None, above_text: str) -> bool:
    """A lettered line under a lettered item of its level that stopped on a comma or semicolon is
    the enumeration's next item, its last too ("đ. Dự phòng: 180 người." under "d. …: 607 người,")."""
    return (h[0].isalpha() and above is not None and above[0].isalpha() and above[1] == h[1]
            and above_text.endswith((",", ";")))


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


@lru_cache(maxsize=4096)
def _is_directions_title(title: str) -> bool:
    return _DIRECTIONS_RE.search(fold(title)) is not None


def in_directions(report: Report, start: int) -> bool:
    """True when the text at ``start`` lies in a directions or proposals section,
    at any level (the period's results are everything else)."""
    return any(s.start <= start < s.end and _is_directions_title(s.title) for s in report.sections)


def _most_common(values: list[str]) -> str | None:
    if not values:
        return None
    return Counter(values).most_common(1)[0][0]


#: a document's number in its header: "Số: 25/BC-UBND", also with the "ố" lost to a bad encoding ("S: 5157/QĐ-UBND")
# "Số: 45/BC-UBND", "Số : 80 / BC-UBND"
_DOC_NUMBER_RE = re.compile(r"^(?:Số\s*[:.]?|S\s*:)\s*(\S[^|\t]{0,40}?/ ?[^|\t\s][^|\t]{0,30}?)\s*$", re.IGNORECASE)

_REPORTER_RE = re.compile(
    r"(?:^|[,;]\s+)([^.;:,]{3,100}?)\s+(?:(?:tổng hợp,?\s*)?(?:xin\s+)?báo cáo|ban hành\s+[Kk]ế hoạch)\b")

#: … and a letter where it asks: "Sở Nội vụ đề nghị các sở, ban, ngành …"
_ASKER_RE = re.compile(r"(?:^|[,;]\s+)([^.;:,]{3,100}?)\s+(?:trân trọng\s+)?đề nghị\b")

_REPORTER_WORD_RE = re.compile(r"(?:UBND|[ỦU][yỷ] ban nhân dân|Ban|Sở|Bộ|Văn phòng|Phòng|Trung tâm)\b")

#: what a unit does as the subject of a sentence: "… đã triển khai", "… tổ chức", "… chỉ đạo"
_ACTS_RE = re.compile(r"\s+(?:đã|đang|vừa|thường xuyên|tổ chức|triển khai|ban hành|chỉ đạo|thực hiện|tiếp nhận|báo cáo)\b")

#: a headline that is a report's own name ("Báo cáo Tình hình …", "Báo cáo tổng kết …"), not
#: news that a report was made ("Báo cáo viên …", "Báo cáo của UBND huyện cho thấy …")
_REPORT_HEADLINE_RE = re.compile(
    r"^\W*Báo cáo\s+(?:[A-ZĐ]|(?:tình hình|kết quả|tổng kết|sơ kết|công tác|tóm tắt|chuyên đề)\b)")

_BODY_UNIT_RE = re.compile(
    r"(?:UBND|Ủy ban nhân dân|ỦY BAN NHÂN DÂN|ủy ban nhân dân|Uỷ ban nhân dân)\s+"
    rf"(xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh)\s+({NAME})"
)

_CITY_RE = re.compile(rf"\b(?:[Tt]hành phố|TP\.?)\s*({NAME})")


def _central_body(unit_kind: str | None, unit_name: str | None) -> bool:
    """A ministry or a central body (Chính phủ, Thủ tướng, Quốc hội …): a province its text
    names is one it writes about, not its own."""
    return unit_kind == "bo" or (unit_kind == "khac" and fold(unit_name or "").startswith(
        ("chinh phu", "thu tuong", "quoc hoi", "uy ban thuong vu quoc hoi", "van phong chinh phu")))


def extract_meta(text: str, lines: list[_Line], layout, body: str,
                 closing: list[_Line], gazetteer: bool = True) -> Meta:
    """Meta fields from the header and title blocks, else from the body.

    A field the document does not state stays None; only the gazetteer (when
    asked) fills a commune's district and province, and says so in ``sources``.
    """
    sources: dict[str, str] = {}
    header_texts = [lines[i].text for i in layout.header]
    title_texts = [lines[i].text for i in layout.title]
    header_cells = _join_date_parts([g for t in header_texts for c in cells(t) for g in unglue_header_cell(c)])
    header = "\n".join(header_cells)
    dated = _PLACE_DATE_RE.search(header)  # "Hà Tĩnh, ngày 30 tháng 6 năm 2021"
    dated_place = dated.group(1).strip() if dated else None
    unit_kind = unit_name = district = province = None
    doc_kind = layout.kind
    if doc_kind:
        sources["kind"] = layout.kind_source

    header_units = named_units(header_texts)
    issuer, district, province = unit_from_header(header_units)
    where = "header"
    lower = unit_of_place(dated_place) if issuer is not None and issuer[0] == "tinh" else None
    if lower is not None:
        # "THÀNH PHỐ HỒ CHÍ MINH" above "Quận 8, ngày 16 tháng 11 năm 2012": the row naming the
        # issuer under its province was lost, the date line's place still names it
        issuer, province = lower, issuer[1]
    if issuer is None:  # a decision names its authority under the title
        issuer, district, province = unit_from_header(named_units(title_texts))
        where = "title"
    if issuer is None and (issuer := unit_of_kind_in_header(header_texts, title_texts + body.split("\n")[:5])):
        where = "header"
    if issuer is None and not header_units and layout.kind not in (None, "tin_bai") \
            and (issuer := unit_of_title_area(title_texts)):
        where = "title"  # "ĐỀ CƯƠNG TUYÊN TRUYỀN … TRÊN ĐỊA BÀN HUYỆN THUẬN CHÂU", no header above it
    if issuer is None:
        issuer, where = unit_from_card_or_place(lines, layout, header_texts, dated_place, body), "header"
        if issuer is None and not header_texts:
            issuer, where = attached_issuer(title_texts), "title"
        if issuer is not None and issuer[0] == "tinh":
            province = issuer[1]
    if issuer is not None:
        unit_kind, unit_name = issuer
        sources["unit_name"] = where
        for f, v in (("district", district), ("province", province)):
            if v:
                sources[f] = where
    announced = None
    if doc_kind == "tin_bai" and not header_units:
        announced = announced_document(title_texts[0] if title_texts else "", body)
        if announced is None and title_texts:
            announced = headline_document(title_texts[0], body)
    told = "body"  # where the announced document's fields were read
    if announced is None and doc_kind == "tin_bai" and not header_cells:
        announced, told = excerpt_document(closing), "closing"
    if announced is not None:
        doc_kind, sources["kind"] = announced[0], "title" if told == "body" else told
        if unit_name is None and announced[1] is not None:
            (unit_kind, unit_name), sources["unit_name"] = announced[1], told
    if unit_name is None and (doc_kind == "tin_bai" or announced is not None):
        unit = news_subject("\n".join(title_texts), body)
        if unit is not None:
            (unit_kind, unit_name), sources["unit_name"] = unit, "title"
            if unit_name is None:
                sources["unit_kind"] = "body"
                named = provinces_named("\n".join(title_texts) + "\n" + body[:1500])
                if unit_kind == "tinh" and len(named) == 1:
                    # "UBND tỉnh" acts, and the item names one province: "… của Thái Nguyên"
                    unit_name, sources["unit_name"] = named.pop(), "body"
    if doc_kind == "tin_bai" and announced is None and title_texts and _REPORT_HEADLINE_RE.match(title_texts[0]):
        # a portal that posts a report under its own name: "Báo cáo Tình hình kinh tế - xã hội 6
        # tháng đầu năm …", "Báo cáo Tổng kết công tác phòng chống thiên tai năm 2019"
        doc_kind, sources["kind"] = "bao_cao", "title"
    if unit_name is None and unit_kind is None and (
            layout.kind_source == "body" or (doc_kind == "cong_van" and not header_units)):
        # a report with no header names itself where it reports: "Ban Chỉ đạo cải cách hành
        # chính (CCHC) thành phố tổng hợp, báo cáo …", "UBND xã Định Biên báo cáo …"
        for line in body.split("\n")[:4 if doc_kind != "cong_van" else 8]:
            rm = (_REPORTER_RE if doc_kind != "cong_van" else _ASKER_RE).search(re.sub(r"\s*\([^)]{0,40}\)", "", line))
            subject = re.split(r"\s+(?:đã|vừa|mới|sẽ|đang|có|nghe|được)\b", rm.group(1))[0] if rm else ""
            u = unit_of(subject) if _REPORTER_WORD_RE.match(subject) else None
            if u and u[0] and u[1] and (u[0] in ("so", "bo", "khac") or u[1].istitle() or u[1].isdigit()):
                (unit_kind, unit_name), sources["unit_name"] = u, "body"
                break
            if re.fullmatch(r"(?:UBND|[ỦU][yỷ] ban nhân dân)\s+thành phố", subject) \
                    and re.search(r"\bquận,\s*huyện\b", body):
                # an unnamed city with "quận" under it is a centrally-run one
                unit_kind, sources["unit_kind"] = "tinh", "body"
                break
    if unit_name is None and unit_kind is None and title_texts and not header_units:
        # a report a portal posts without its header names its unit in the headline: "Tình hình
        # kinh tế - xã hội năm 2022 … của xã Trường Đông"
        unit = news_subject(title_texts[0], "")
        # the body names it too (a stray headline left above a page's text names another place)
        if unit is not None and unit[1] is not None and unit[1] in body:
            (unit_kind, unit_name), sources["unit_name"] = unit, "title"
    if unit_name is None and unit_kind is None:
        mentions = _BODY_UNIT_RE.findall(body)
        commune = [(k, n) for k, n in mentions if k in _UNIT_KINDS]
        first = _BODY_UNIT_RE.findall(body[:1500])
        # "Ủy ban nhân dân tỉnh Quy định …": a province is one the country has
        first = [(k, n if k != "tỉnh" else province_prefix(n)) for k, n in first]
        first = [(k, n) for k, n in first if n]
        if commune:
            kind, name = Counter(commune).most_common(1)[0][0]
        elif first:
            kind, name = first[0]
        else:
            kind = name = None
        if name:
            unit_kind, unit_name = unit_of(f"{kind} {name}".upper())[0], name
            sources["unit_name"] = "body"
        elif doc_kind == "bao_cao" and not header_units:
            # a report that names its unit by its kind alone where it acts: "Ủy ban nhân dân thị
            # trấn đã kịp thời triển khai …" (the name, never stated, stays None)
            acting = [KIND_WORD_OF[m.group(1)] for m in BARE_UNIT_RE.finditer(body[:3000])
                      if _ACTS_RE.match(body, m.end())]
            if acting:
                unit_kind, sources["unit_kind"] = Counter(acting).most_common(1)[0][0], "body"
    level = UNIT_LEVEL.get(unit_kind or "", 3)
    # a district named in the text is the unit's own only when there is a unit
    # ("các xã thuộc huyện Dầu Tiếng" in a province-wide item is not)
    if district is None and level == 3 and unit_kind is not None:
        dm = [title_case(d.strip()) if d.isupper() else d.strip()
              for d in _DISTRICT_RE.findall(header + "\n" + body)]
        if not dm and unit_kind == "phuong":
            # a ward's district is a "quận" or a "thị xã": "Ủy ban nhân dân quận Kiến An … các phường"
            dm = _URBAN_DISTRICT_RE.findall(header + "\n" + body)
        district = _most_common([d for d in dm if d])
        if district:
            sources["district"] = "body"
    if province is None and not _central_body(unit_kind, unit_name):
        found = [p for p in map(province_prefix, _PROVINCE_RE.findall(header + "\n" + body)) if p] or [
            c for c in _CITY_RE.findall(header + "\n" + body) if fold(c) in CENTRAL_CITIES] or [
            "Hồ Chí Minh" for _ in HCMC_RE.findall(header + "\n" + body)]
        province = _most_common(found)
        if province:
            sources["province"] = "body"
    if unit_kind == "tinh" and unit_name and province is None:
        province, sources["province"] = unit_name, sources["unit_name"]

    number = None
    for c in header_cells:
        m = _DOC_NUMBER_RE.match(c)
        if m and re.match(r"\d", m.group(1).strip(" .…")):
            number = re.sub(r"\s+", "", m.group(1))
            sources["number"] = "header"
            break

    # "(Ban hành kèm theo Quyết định số 59/QĐ-UBND ngày …)" under a regulation's title
    # gives the number and date of the decision that issues it, not its own
    own_title = _ATTACHED_TO_RE.sub(" ", " ".join(title_texts))
    if number is None and announced is not None:
        number, sources["number"] = announced[2], told
    if number is None:  # "QUYẾT ĐỊNH / CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 30/QĐ-TTg NGÀY 10 THÁNG 01 NĂM 2007"
        m = _TITLE_NUMBER_RE.search(own_title)
        # … not the number of the document a plan carries out ("Thực hiện Nghị quyết số 17/NQ-CP …")
        if m and not re.search(r"(?i:thực hiện)\s+\S+(?:\s+\S+)?\s*$", own_title[:m.start()]):
            number, sources["number"] = m.group(1), "title"
    if doc_kind is None and number:
        doc_kind = kind_from_number(number)
        if doc_kind:
            sources["kind"] = "header"
    coded = issuer_from_number(number) if number else None
    if coded is not None and sources.get("unit_name") != "header":
        # "Số 924/SNV-CCHC … V/v báo cáo …" with no header: the code names the issuer, whatever
        # place the page's headline or first sentence names
        (unit_kind, unit_name), sources["unit_name"] = coded, sources["number"]
        if _central_body(*coded) or coded[0] == "bo":
            province = None
            sources.pop("province", None)

    place = report_date = None
    if announced is not None and announced[3] is not None:
        report_date, sources["date"] = announced[3], told
    first = lines[0].text if lines else ""
    stored = STORED_DATE_RE.match(first)
    if report_date is not None:
        pass  # the date the page's opening gives its document
    elif dated:
        place = dated_place
        day = dated.group(2).strip(".…")
        try:
            report_date = date(int(dated.group(4)), int(dated.group(3)), int(day)) if day else None
        except ValueError:
            report_date = None
        sources["date"] = "header"
    elif (td := _TITLE_DATE_RE.search(own_title)) is not None:
        try:
            report_date, sources["date"] = date(int(td.group(3)), int(td.group(2)), int(td.group(1))), "title"
        except ValueError:
            pass
    elif stored:  # the stored copy of a web page opens with its date
        report_date, sources["date"] = date(*map(int, stored.groups())), "header"
    elif doc_kind == "tin_bai":
        for t in header_texts + title_texts[1:]:
            m = DMY_RE.search(t)
            if m and is_header_line(t):
                report_date, sources["date"] = date_of(m), "header"
                break
        tail = _HEADLINE_DATE_RE.search(title_texts[0]) if title_texts and report_date is None else None
        if tail:  # "TP.HCM lập Tổ Công tác đặc biệt … 03/09/2025 16:07": the page's date after the headline
            report_date, sources["date"] = date_of(DMY_RE.search(tail.group(0))), "title"
        iso = _ISO_LEAD_RE.match(body)
        if report_date is None and iso:
            # "2022-01-21 - Ngày 20/1/2022, UBND tỉnh …": the page's date glued to the lead
            try:
                report_date, sources["date"] = date(*map(int, iso.groups())), "header"
            except ValueError:
                pass
        if report_date is None and layout.dated:
            # a listing page (or a page that prints its date under the lead): the first item's date line
            report_date, sources["date"] = date_of(DMY_RE.search(lines[layout.dated[0]].text)), "header"

    if doc_kind == "bao_cao" and not dated and sources.get("date") != "title":
        # a portal's post of a report: "Ngày 03/4, UBND thành phố Vũng Tàu đã có báo cáo …", "ngày
        # 01/7/2021 UBND huyện đã ban hành Báo cáo …" dates the report; the page's own date does not
        issued = next((m for p in body.split("\n")[:3] if (m := _REPORT_ISSUED_RE.match(p.strip()))), None)
        page_year = report_date.year if report_date else next(
            (int(m.group(3)) for t in header_texts if (m := DMY_RE.search(t))), None)
        year = int(issued.group(3)) if issued and issued.group(3) else page_year
        if issued and year:
            try:
                report_date, sources["date"] = date(year, int(issued.group(2)), int(issued.group(1))), "body"
            except ValueError:
                pass

    caption = appendix_caption(text)
    first_word_line = 1 if doc_kind and doc_kind != "tin_bai" and layout.kind_source == "title" else 0
    terms = doc_kind != "tin_bai"  # news of a council's session reports no term ("HĐND phường …, nhiệm kỳ 2021-2026")
    period = document_period(" ".join(t for t in title_texts[first_word_line:] if not _numbered_heading(t)),
                             title=True, terms=terms)
    if period is None and title_texts and doc_kind not in _PERIODLESS:
        period = document_period(title_texts[0], title=True, terms=terms)
    if period is not None:
        sources["period"] = "title"
        if period.year is None and doc_kind not in _PERIODLESS:
            # "Quý III, Hội An giải quyết …" / "Theo UBND TP.Hội An, trong quý III.2020, …"
            same = document_period(" ".join(body.split("\n")[:2])[:600])
            if same is not None and same.year and (same.kind, same.quarter) == (period.kind, period.quarter):
                period = same
    elif doc_kind not in _PERIODLESS:
        # (a photo's caption names the year of its photo: "Hội nghị công bố chỉ số … năm 2021. Ảnh: K.P")
        # A basis names other documents' years; a sentence after it is the text's own
        # ("Căn cứ Quyết định số 02/QĐ-UBND … năm 2024 … . Trong quý III/2024, UBND phường … ").
        opening = [p for p in map(_after_bases, body.split("\n")[:4])
                   if p and not _numbered_heading(p) and not is_photo_caption(p)]
        if doc_kind == "tin_bai":
            # a news item's first paragraph (after a byline or a caption left above it), not
            # its sub-titles further down
            n = next((i for i, p in enumerate(opening) if len(p) >= 100), len(opening) - 1)
            opening = opening[:n + 1]
        # "Thực hiện Kế hoạch … năm 2021" names the plan carried out: the text's own
        # words come first ("… báo cáo … 6 tháng đầu năm 2021")
        own = [p for p in opening if not (p.startswith("Thực hiện") and p.endswith(";"))]
        # the sentence in which the unit reports states the period ("UBND tỉnh … báo cáo kết quả
        # … năm 2012 … như sau:"), whatever programmes the bases before it name
        reporting = [x for p in opening for x in re.split(r"(?<=[.;])\s+", p) if _REPORTING_RE.search(x)]
        period = (document_period(reporting[0][:600], terms=terms) if reporting else None) or \
            document_period(" ".join(own)[:600], terms=terms) or document_period(" ".join(opening)[:600], terms=terms)
        if period is not None:
            sources["period"] = "body"

    if caption and (number is None or report_date is None):
        # "(Kèm theo Báo cáo số: 25/BC-UBND ngày 15/3/2024 …)" under an appendix
        # title: the only place some reports give their number and date.
        if number is None and caption.number:
            number, sources["number"] = caption.number, "appendix"
        if report_date is None and caption.date and plausible_report_date(caption.date, period):
            report_date, sources["date"] = caption.date, "appendix"
    signer_name = signer_title = None
    for i, ln in enumerate(closing):
        for t in cells(ln.text):
            sm = _SIGNER_RE.fullmatch(t)
            if sm:  # "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH": the last title is the signer's
                signer_title = sm.group(1)
                for nxt in closing[i + 1:]:
                    cand = nxt.text.strip("* ")
                    if PERSON_RE.match(cand) and not cand.isupper():
                        signer_name = cand
                        break
    if gazetteer and level == 3:
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
        kind=doc_kind,
        sources=sources,
    )


_TITLE_NUMBER_RE = re.compile(r"\b(?:SỐ|Số|số)\s*:?\s*(\d+[\w.]*(?:/[\wĐđ.\-]+)+)")
_ATTACHED_TO_RE = re.compile(r"\(\s*(?:Ban hành\s+)?kèm theo\b[^)]*\)?", re.IGNORECASE)
_TITLE_DATE_RE = re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)

# "… 03/09/2025 16:07", "… tại Xã Phước Tỉnh. (22/10/2018)"
_HEADLINE_DATE_RE = re.compile(r"\s(\d{1,2})/(\d{1,2})/(\d{4})\s+\d{1,2}:\d{2}$|\s\((\d{1,2})/(\d{1,2})/(\d{4})\)$")
_ISO_LEAD_RE = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)\s+[-–]\s+\S")
_REPORT_ISSUED_RE = re.compile(
    r"(?:Vào\s+)?[Nn]gày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?\s*,?\s+[^.;:]{3,100}?\s+"
    r"(?:(?:đã|vừa|mới)\s+)?(?:ban hành|có|gửi)\s+(?:văn bản\s+)?[Bb]áo cáo\b")
_SENTENCE_END_RE = re.compile(rf"(?<=\.)\s+(?=[{_UP}])")


def _after_bases(paragraph: str) -> str:
    """A paragraph without the sentences that open on "Căn cứ"."""
    if not paragraph.startswith("Căn cứ"):
        return paragraph
    return " ".join(x for x in _SENTENCE_END_RE.split(paragraph) if not x.startswith("Căn cứ"))


_REPORTING_RE = re.compile(r"\bbáo cáo\b.{0,300}\bnhư sau\s*:?\s*$")

#: kinds whose period, if any, is in their title only (a regulation's "Căn cứ"
#: lines name the years of other documents)
_PERIODLESS = frozenset({"quyet_dinh", "quy_che", "cong_van", "to_trinh", "nghi_quyet"})
_SIGNER_RE = re.compile(
    r"(?:KT\.\s*)?((?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN|TRƯỞNG PHÒNG|BỘ TRƯỞNG|CHÁNH VĂN PHÒNG))"
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


def extract_tables(lines: list[_Line], word_spans: list[tuple[int, int]]
                   ) -> tuple[list[Table], list[_Line], list[int]]:
    """Appendix tables: one per "Phụ lục"/"Biểu mẫu" title, whatever its shape.

    Returns the tables, their title lines (captions) and the indexes (into
    ``lines``) of lines that made no table: they go back to the narrative.
    """
    # (title parts, title line indexes, block line indexes)
    groups: list[tuple[list[str], list[int], list[int]]] = []
    for i, ln in enumerate(lines):
        if _APPENDIX_RE.match(ln.text):
            if groups and not groups[-1][2] and groups[-1][0]:
                # "Phụ lục 2" then "BIỂU MẪU THỐNG KÊ …": one title over two lines
                groups[-1][0].append(ln.text)
                groups[-1][1].append(i)
            else:
                groups.append(([ln.text], [i], []))
            continue
        if not groups:
            groups.append(([], [], []))
        parts, titles, block = groups[-1]
        # the subtitle lines right after the title belong to the title
        if not block and "\t" not in ln.text and not _STT_RE.match(ln.text) \
                and len(parts) < 4 and ln.text.isupper():
            parts.append(ln.text)
            titles.append(i)
            continue
        block.append(i)
    tables, captions, leftover = [], [], []
    for parts, titles, idx in groups:
        block = [lines[i] for i in idx]
        rows: list[tuple[str, ...]] = []
        if block:
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
            if titles and all(len(lines[i].text) <= 200 for i in idx):
                # "PHỤ LỤC 2" / "THỐNG KÊ …" / "(Kèm theo Báo cáo …)" above its "Biểu mẫu"s
                captions += [lines[i] for i in titles + idx]
            else:
                leftover += titles + idx
            continue
        width = max(len(r) for r in rows)
        columns = COLUMNS + tuple(f"Cột {i + 1}" for i in range(5, width))
        rows = [r + ("",) * (width - len(r)) for r in rows]
        tables.append(Table(title=" ".join(parts), columns=columns, rows=tuple(rows),
                            source=source, start=block[0].start, end=block[-1].end))
        captions += [lines[i] for i in titles]
    return tables, captions, sorted(leftover)


# --- the whole report -------------------------------------------------------

def _appendix_start(lines: list[_Line], i: int) -> bool:
    """An appendix title ("PHỤ LỤC 2", "Biểu mẫu 1") or a statistics table header row."""
    t = lines[i].text.strip("* ")
    if _APPENDIX_RE.match(t) and len(t) <= 160 and not t.endswith((".", ";")):
        # "Phụ lục kèm theo báo cáo này …" as a sentence of the narrative is not one
        return len(t) <= 40 or is_upper(t, 0.6) or bool(re.match(r"^\S+\s+\S+\s+\d", t))
    return "\t" in t and bool(re.match(r"^(STT|Stt|TT)\t", t))


def _next_row(line: str) -> bool:
    """A row under a table's first: a full row, or one of two cells whose first bar was lost
    ("1 | Chi cập nhật, công bố … về TTHC. |" under "TT | Nội dung chi | Mức chi |")."""
    return pipe_row(line) or (line.rstrip().endswith("|") and line.count("|") >= 2)


def build_report(text: str, *, file: str, sha256: str, fmt: str,
                 word_spans: list[tuple[int, int]] | None = None,
                 gazetteer: bool = True) -> Report:
    """Cut normalised document text into meta, sections, paragraphs and tables.

    Every non-blank line ends up in exactly one place: the header, title or
    closing blocks (``Report.set_aside``), a heading, a paragraph or a table.
    A document without a recognised outline still gets its paragraphs, one per
    line of the normalised text (``Report.outline`` is then False).

    ``gazetteer=False`` keeps the unit, district and province as written instead
    of looking them up (building the gazetteer index costs ~0.5 s per process;
    ``cchc tag`` needs only the paragraphs).

    Example:
        >>> r = build_report("BÁO CÁO\\nKết quả CCHC quý I năm 2024\\nI. CHỈ ĐẠO\\n"
        ...                  "UBND xã Định Biên đã ban hành Kế hoạch.", file="x", sha256="", fmt="txt")
        >>> r.meta.period.label, r.paragraphs[0].section, r.meta.kind
        ('quý I năm 2024', 'I', 'bao_cao')
    """
    lines = _lines(text)
    layout = find_layout([ln.text for ln in lines], heading_of)
    body_from = layout.body_start
    top = set(layout.title) | set(layout.header) | set(layout.attached)  # late titles sit in the body's range
    dated = set(layout.dated) - top
    appendix_from = next((i for i in range(body_from, len(lines))
                          if i not in top and _appendix_start(lines, i) and i > max(top, default=-1)),
                         len(lines))
    closing_idx = sorted(i for i in layout.closing_lines if i < appendix_from and i not in top)
    aside = set(closing_idx) | top | dated
    body_idx = [i for i in range(body_from, appendix_from) if i not in aside]

    tables, captions, leftover = extract_tables(lines[appendix_from:], word_spans or [])
    body_idx += [appendix_from + j for j in leftover]  # appendix lines that made no table
    top_tables = [i for a, b in layout.tables for i in range(a, b)]
    order = sorted(body_idx + top_tables)
    # a line set aside between two body lines (a "Nơi nhận" in the middle) breaks
    # them apart: a heading never runs on across it
    breaks = {k for k, (a, b) in enumerate(zip(order, order[1:])) if b != a + 1}
    sections, paragraphs, body_tables, rules = _outline([lines[i] for i in order], breaks,
                                                         news=layout.kind == "tin_bai")

    body_lines = [lines[i] for i in body_idx if i < appendix_from]
    closing_lines = [lines[i] for i in closing_idx]
    body = "\n".join(ln.text for ln in body_lines)
    meta = extract_meta(text, lines, layout, body, closing_lines, gazetteer)
    set_aside = [Region("header", lines[i].start, lines[i].end) for i in (*layout.header, *sorted(dated))]
    set_aside += [Region("title", lines[i].start, lines[i].end) for i in (*layout.title, *layout.attached)]
    set_aside += [Region("closing", lines[i].start, lines[i].end) for i in closing_idx]
    set_aside += [Region("rule", ln.start, ln.end) for ln in rules]
    set_aside += [Region("caption", ln.start, ln.end) for ln in captions]
    set_aside.sort(key=lambda r: r.start)
    closing = (closing_lines[0].start, closing_lines[-1].end) if closing_lines else None
    return Report(file=file, sha256=sha256, format=fmt, text=text, meta=meta,
                  sections=tuple(sections), paragraphs=tuple(paragraphs),
                  tables=tuple(sorted(body_tables + tables, key=lambda t: t.start)),
                  closing=closing, set_aside=tuple(set_aside),
                  outline=any(s.number for s in sections))


#: where the columns of a header start in a line that lost its cell borders: "UBND XÃ VẠN
#: THẮNG CỘNG HÒA XÃ HỘI …", both rows in one line ("ỦY BAN NHÂN DÂN CỘNG HÒA … VIỆT NAM XÃ
#: TRUNG CHÍNH Độc lập - …"), "Số: 01 /BC-HĐTĐKT Vạn Thắng, ngày 08 tháng 01 năm 2021"
def _join_date_parts(parts: list[str]) -> list[str]:
    """"Bình Định, ngày 21" + "tháng 11 năm 2012" → one place-and-date cell;
    "Số:" + "10/2015/QĐ-UBND" → one number cell."""
    out: list[str] = []
    for c in parts:
        if out and re.search(r",\s*[Nn]gày(?:\s+[\d…. ]{1,4})?$", out[-1]) and re.match(r"^[\d…. ]*tháng", c):
            out[-1] += " " + c
        elif out and re.fullmatch(r"Số\s*[:.]?", out[-1], re.IGNORECASE) and re.match(r"^\d[^\s/]*\s*/", c):
            out[-1] += " " + c  # "Số:" / "10/2015/QĐ-UBND": the number on the next line
        else:
            out.append(c)
    return out


#: the first cell of a table's header row ("STT", "TT")
_FIRST_HEADER_CELL_RE = re.compile(r"^(?:STT|Stt|TT|Số\s+TT|Số\s+thứ\s+tự)$")
#: at least this many cells, one per line, make a table
_MIN_CELLS = 8


def _caption_start(body_lines: list[_Line], i: int, breaks: set[int], taken: set[int]) -> int:
    """Where the caption of a table whose first row is line ``i`` starts: up to three lines in
    capitals just above it ("DANH SÁCH" / "XÃ, PHƯỜNG … NĂM 2021"), not a numbered heading."""
    first = i
    while first > 0 and i - first < 3 and (first - 1) not in breaks and (first - 1) not in taken \
            and is_upper(body_lines[first - 1].text) and len(body_lines[first - 1].text) <= 120 \
            and not (heading_of(body_lines[first - 1].text) or ("",))[0]:
        first -= 1
    return first


def _cell_table_runs(body_lines: list[_Line], breaks: set[int]) -> dict[int, tuple[int, int]]:
    """Tables copied out of a web page or PDF one cell per line ("STT" / "Tên xã" /
    "Tổng điểm" / … / "1" / "Xã Hòa Mỹ Đông" / "96" / …): from a lone "STT" cell
    through the short lines after it, with the capitals just above it as the
    caption ("DANH SÁCH" / "XÃ, PHƯỜNG … NĂM 2021").  ``{first line: (first cell
    line, end)}``; a sentence, a long line or a break ends the table."""
    runs: dict[int, tuple[int, int]] = {}
    i = 0
    while i < len(body_lines):
        if not _FIRST_HEADER_CELL_RE.match(body_lines[i].text):
            i += 1
            continue
        j = i + 1
        while j < len(body_lines) and (j - 1) not in breaks and _cell_line(body_lines[j].text):
            j += 1
        if j - i < _MIN_CELLS:
            i += 1
            continue
        runs[_caption_start(body_lines, i, breaks, set(runs))] = (i, j)
        i = j
    taken = {k for a, (_, b) in runs.items() for k in range(a, b)}
    flat = _flat_row_runs(body_lines, breaks, taken)
    taken |= {k for a, (_, b) in flat.items() for k in range(a, b)}
    return runs | flat | _value_runs(body_lines, breaks, taken)


#: a table's header row flattened onto one line: "TT Xếp loại Số lượng Tỷ lệ % Ghi"
_FLAT_HEADER_RE = re.compile(r"^(?:STT|Stt|TT|Số\s+TT)\s+\S+(?:\s+\S+)+$")
#: one of its rows: a number, a label, then values: "1 Xuất sắc 9 6,62", "Tổng cộng 136 100"
_FLAT_ROW_RE = re.compile(rf"^(?:\d{{1,3}}\.?\s+|(?=Tổng|Cộng))[{_UP}][^\d]{{0,80}}?(?:\s+[\d.,]+\s*%?){{1,8}}$")


def _flat_row_runs(body_lines: list[_Line], breaks: set[int], taken: set[int]) -> dict[int, tuple[int, int]]:
    """Tables whose rows were flattened one per line ("TT Xếp loại Số lượng Tỷ lệ % Ghi" / "chú" /
    "1 Xuất sắc 9 6,62" / … / "Tổng cộng 136 100"): the header line, at most one short line
    left of it, two rows at least, and the capitals just above as the caption."""
    runs: dict[int, tuple[int, int]] = {}
    for i, ln in enumerate(body_lines):
        if i in taken or not _FLAT_HEADER_RE.match(ln.text) or len(ln.text) > 120:
            continue
        j = i + 1
        if j < len(body_lines) and len(body_lines[j].text) <= 12 and not _FLAT_ROW_RE.match(body_lines[j].text):
            j += 1  # the rest of a header cell: "chú"
        k = j
        while k < len(body_lines) and (k - 1) not in breaks and k not in taken and _FLAT_ROW_RE.match(body_lines[k].text):
            k += 1
        if k - j < 2:
            continue
        runs[_caption_start(body_lines, i, breaks, taken)] = (i, k)
    return runs


#: a cell that holds a value, not words: "100%", "75,3%", "1.157", "(3)", "Đạt", "Vượt"
_VALUE_CELL_RE = re.compile(r"^(?:[\d.,]+\s*%?|\(\d{1,2}\)|Đạt|Vượt|Không đạt|Chưa đạt|Hoàn thành|x|X)$")
#: value cells one per line, at most this many lines apart, make one table
_VALUE_GAP = 4


def _value_runs(body_lines: list[_Line], breaks: set[int], taken: set[int]) -> dict[int, tuple[int, int]]:
    """Tables copied one cell per line without an "STT" cell: at least
    ``_MIN_CELLS`` value cells ("100%" / "97%" / "Đạt" …) with only short lines
    between them, plus the labels and header cells just above the first value
    (back to a sentence, a numbered heading or capitals); ``taken``: lines already
    in a table.  Same shape as :func:`_cell_table_runs`."""
    runs: dict[int, tuple[int, int]] = {}
    values = [k for k, ln in enumerate(body_lines) if k not in taken and _VALUE_CELL_RE.match(ln.text)]
    clusters: list[list[int]] = []
    for k in values:
        prev = clusters[-1][-1] if clusters else None
        if prev is not None and k - prev <= _VALUE_GAP and not any(x in breaks for x in range(prev, k)) \
                and all(_label_line(body_lines[x].text) for x in range(prev + 1, k)):
            clusters[-1].append(k)
        else:
            clusters.append([k])
    for cluster in clusters:
        if len(cluster) < _MIN_CELLS:
            continue
        first = cluster[0]
        while first > 0 and cluster[0] - first < 8 and (first - 1) not in breaks and (first - 1) not in taken:
            above = body_lines[first - 1].text
            h = heading_of(above)
            if not _label_line(above) or is_upper(above) \
                    or (h and h[0] and not re.fullmatch(r"[a-zđ]", h[0])):
                break
            first -= 1
        runs[first] = (first, cluster[-1] + 1)
    return runs


def _label_line(text: str) -> bool:
    """A row's label in a table of values: a line that does not end a sentence or
    introduce a list (the labels of indicators run long)."""
    return len(text) <= 250 and not text.endswith((".", ";", ":"))


def _cell_line(text: str) -> bool:
    """A line that can be one table cell: short, not a sentence."""
    return len(text) <= 120 and not (text.endswith((".", ";")) and len(text.split()) > 10)


_WRAPPED_TITLE_RE = re.compile(rf"[{_UP}][{_UP}\d ,\-–]{{2,38}}")


def _news_subtitle(body_lines: list[_Line], i: int) -> bool:
    """A news item's sub-title between its paragraphs ("Nhiều kết quả nổi bật", "Tinh gọn bộ máy,
    hướng đến nền hành chính phục vụ"): a short line that ends no sentence, after a paragraph and
    before a long one."""
    t = body_lines[i].text
    return (0 < i < len(body_lines) - 1 and 8 <= len(t) <= 90 and t[0].isupper()
            and not t.endswith((".", ":", ";", "!", "?", "…", "”", '"', ")", ","))
            and len(body_lines[i + 1].text) >= 120 and len(body_lines[i - 1].text) >= 60
            and not is_photo_caption(t) and not _CAPTION_START_RE.match(t) and not is_upper(t)
            and not title_word_kind(t)  # a document's own title ("ĐỀ ÁN Sắp xếp …") quoted in the item
            and not re.search(r"\d{1,2}/\d{1,2}/\d{4}|https?://|Nguồn|\b(?:phát biểu|tại hội nghị)\b", t))


#: how a photo's caption starts: who is in it, or the scene ("Các đại biểu tham dự hội nghị")
_CAPTION_START_RE = re.compile(
    r"(?:Đồng chí|Các đồng chí|Các đại biểu|Đại biểu|Người dân|Ông|Bà|Lãnh đạo|Quang cảnh|Toàn cảnh|Cán bộ|Công chức"
    r"|Phó|Chủ tịch|Bí thư|Giám đốc|Trưởng|Cầu|Trụ sở)\b")


def _outline(body_lines: list[_Line], breaks: set[int] = frozenset(), news: bool = False
             ) -> tuple[list[Section], list[Paragraph], list[Table], list[_Line]]:
    """Headings, paragraphs and tables of the body lines, in order, and the lines
    with no words (rules, table borders, bare links) that belong to none.
    ``breaks``: indexes k where something set aside stands between line k and k + 1."""
    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    tables: list[Table] = []
    rules: list[_Line] = []
    stack: list[tuple[int, str, str]] = []  # (level, number, title)
    candidates = [heading_of(ln.text) for ln in body_lines]
    skip: set[int] = set()
    cell_tables = _cell_table_runs(body_lines, breaks)
    for i, ln in enumerate(body_lines):
        if i in skip:
            continue
        if i in cell_tables:
            caption_end, end = cell_tables[i]
            skip.update(range(i, end))
            tables.append(Table(title=" ".join(x.text for x in body_lines[i:caption_end]), columns=("Cột 1",),
                                rows=tuple((x.text,) for x in body_lines[caption_end:end]),
                                source="cells", start=ln.start, end=body_lines[end - 1].end))
            continue
        if pipe_row(ln.text) and i + 1 < len(body_lines) and _next_row(body_lines[i + 1].text):
            j = i
            while j < len(body_lines) and (j == i or (j - 1) not in breaks) \
                    and (_next_row(body_lines[j].text) or body_lines[j].text == "|"):
                skip.add(j)
                j += 1
            rows = tuple(tuple(cells(x.text)) for x in body_lines[i:j] if cells(x.text))
            width = max(len(r) for r in rows)
            tables.append(Table(title="", columns=tuple(f"Cột {k + 1}" for k in range(width)),
                                rows=tuple(r + ("",) * (width - len(r)) for r in rows),
                                source="web", start=ln.start, end=body_lines[j - 1].end))
            continue
        if is_rule(ln.text) or _URL_ONLY_RE.match(ln.text):
            rules.append(ln)  # a rule, a table border, a bare link left by PDF extraction
            continue
        h = candidates[i]
        if h and (_ends_enumeration(h, candidates[i - 1] if i else None, body_lines[i - 1].text if i else "")
                  or _is_list_item(h, ln.text, _numbered(body_lines[i + 1].text) if i + 1 < len(body_lines)
                                   else ("", 0, ""))):
            h = None
        if h is None and news and _news_subtitle(body_lines, i):
            h = ("", 1, ln.text)
        if h:
            number, level, title = h
            end = ln.end
            if number and not title:
                # "Chương I" / "NHỮNG QUY ĐỊNH" / "CHUNG": the title in capitals below
                parts, j = [], i + 1
                while j < len(body_lines) and j <= i + 3 and (j - 1) not in breaks and is_upper(body_lines[j].text) \
                        and not (candidates[j] and candidates[j][0]) and len(body_lines[j].text) <= 160:
                    parts.append(body_lines[j].text)
                    end = body_lines[j].end
                    skip.add(j)
                    j += 1
                title = " ".join(parts)
            elif number and title and is_upper(title, 1.0) and i + 2 < len(body_lines) and i not in breaks \
                    and not (candidates[i + 1] and candidates[i + 1][0]) and _WRAPPED_TITLE_RE.fullmatch(body_lines[i + 1].text) \
                    and not is_upper(body_lines[i + 2].text, 1.0):
                # "I. QUAN ĐIỂM" / "CHỈ ĐẠO" / "1. Lấy người dân …": one short line in capitals
                # between a heading in capitals and the text is the rest of its title
                title, end = f"{title} {body_lines[i + 1].text}", body_lines[i + 1].end
                skip.add(i + 1)
            if not number and stack:
                # an un-numbered heading sits under the numbered one above it
                level = stack[-1][0] + 1 if stack[-1][1] else stack[-1][0]
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, number, title))
            path = ".".join(n for _, n, _ in stack if n)
            sections.append(Section(number=path, title=title, level=level,
                                    start=ln.start, end=end, heading_end=end))
            continue
        path = ".".join(n for _, n, _ in stack if n)
        paragraphs.append(Paragraph(index=len(paragraphs), section=path,
                                    heading=stack[-1][2] if stack else "",
                                    text=ln.text, start=ln.start, end=ln.end))
    # section ends: up to the next section of the same or a higher level
    ends = []
    body_end = body_lines[-1].end if body_lines else 0
    for i, s in enumerate(sections):
        nxt = next((t.start for t in sections[i + 1:] if t.level <= s.level), body_end)
        ends.append(Section(s.number, s.title, s.level, s.start, max(nxt, s.end), s.heading_end))
    return ends, paragraphs, tables, rules
