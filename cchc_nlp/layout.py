"""The roles of a document's lines: header, title, closing, body.

Any Vietnamese administrative text, not only a commune report, is laid out
the same way when it is laid out at all:

    header   the issuing body (stacked upper-case lines: "ỦY BAN NHÂN DÂN" /
             "XÃ …"), the national motto, "Số: …", "…, ngày … tháng … năm …";
             a news item's date line
    title    "BÁO CÁO" / "KẾ HOẠCH" / "QUYẾT ĐỊNH" … and its subject lines,
             "V/v …" for a letter, the headline of a news item
    body     headings and paragraphs
    closing  "Nơi nhận" and its list, the signature block, a news byline

This module only says which lines play which role and what kind of document
it is; :mod:`structure` turns the body into headings and paragraphs.
Every test here works line by line on stripped text, so it holds for text
from Word, from a PDF or from a web page ("|" between table cells).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .model import CENTRAL_CITY_NAMES
from .normalise import LOWER, SITE_TAG_RE, UPPER, fold

#: Document kinds (``Meta.kind``) and how a reviewer says them.
DOC_KINDS: dict[str, str] = {
    "bao_cao": "báo cáo", "ke_hoach": "kế hoạch", "quyet_dinh": "quyết định",
    "quy_che": "quy chế, quy định", "cong_van": "công văn", "thong_bao": "thông báo",
    "to_trinh": "tờ trình", "nghi_quyet": "nghị quyết", "tin_bai": "tin bài", "khac": "khác",
}

# The title word that opens a document, folded, and the kind it makes.
_TITLE_WORDS = (
    ("bao cao", "bao_cao"), ("ke hoach", "ke_hoach"), ("quyet dinh", "quyet_dinh"),
    ("quy che", "quy_che"), ("quy dinh", "quy_che"), ("thong bao", "thong_bao"),
    ("to trinh", "to_trinh"), ("nghi quyet", "nghi_quyet"), ("chi thi", "khac"),
    ("huong dan", "khac"), ("de an", "khac"), ("chuong trinh", "khac"),
    ("phuong an", "khac"), ("cong van", "cong_van"), ("giay moi", "khac"),
    ("ket luan", "khac"), ("bien ban", "khac"), ("nghi dinh", "khac"), ("thong tu", "khac"),
    ("de cuong", "khac"),  # "ĐỀ CƯƠNG TUYÊN TRUYỀN …": a propaganda outline
)
#: a Roman-numbered heading: "I. KẾT QUẢ …", "II- NHIỆM VỤ", "IV/ Kiến nghị"
ROMAN_RE = re.compile(r"^([IVX]{1,4})\s*[.)/:\-–]\s*(\S.*)$")
_TITLE_RE = re.compile(r"^(" + "|".join(w for w, _ in _TITLE_WORDS) + r")\b")
_AGENCY_RE = re.compile(
    r"^(?:t\.?m\.?\s+)?(?:uy ban nhan dan|ubnd|hdnd|hoi dong nhan dan|xa|phuong|thi tran|dac khu"
    r"|huyen|quan|thi xa|thanh pho|tp\.?|tinh|so|bo|ban(?! hanh)|van phong|trung tam|chinh phu"
    r"|thu tuong|phong|dang uy|dang bo|bcd|cuc|tong cuc|chi cuc|mat tran)\b"
)
_MOTTO_RE = re.compile(r"^(?:cong hoa xa hoi chu nghia viet nam|doc lap\W+tu do\W+hanh phuc)")
_NUMBER_RE = re.compile(r"^s[oố]\s*[:.]?\s*\S", re.IGNORECASE)
_PLACE_DATE_RE = re.compile(r"^[^,\d]{2,45},\s*[Nn]g[aà]y\b")
# a news item's date line: "Cập nhật: 14/01/2022 18:36", "Được viết ngày Thứ sáu, 11 Tháng
# 6 2021 15:45", "Thứ Hai, 12/08/2024 - 10:30" (matched folded)
_NEWS_DATE_RE = re.compile(
    r"^[-–(\[•]?\s*"  # "- 12/05/2016 04:00:00 PM", "(21/09/2022)", "• Thời gian đăng: …"
    # a portal's section before the date: "Pháp luật - Ngày đăng : 05:07, 27/05/2025"
    r"(?:[a-z ]{3,30}\s[-–]\s(?=ngay))?"
    r"(?:(?:duoc viet|ngay dang bai|ngay dang|dang ngay|ngay cap nhat|cap nhat luc|cap nhat|ngay xuat ban|xuat ban"
    r"|thoi gian dang"
    r"|thoi gian|dang luc|post date|ngay)\s*(?:ngay)?\s*:?\s*)?"
    r"(?:\d{1,2}\s*:\s*\d{2}\s*,\s*(?=thu\s|chu nhat))?"  # "08:38, Thứ Ba, 28/05/2019 (GMT+7)"
    r"(?:(?:thu\s+\w+|chu nhat)\s*[,\-–]?\s*(?:ngay\s+)?)?"  # "Thứ Sáu, ngày 15/03/2024"
    # "Đăng lúc: 15:37:55 31/12/2023", "Cập nhật: 16:26 ngày 14/03/2022": the time first
    # (a minute mark may follow: "10:25' - 06/07/2019")
    r"(?:\d{1,2}\s*:\s*\d{2}(?:\s*:\s*\d{2})?'?\s*[,-]?\s*(?:ngay\s+)?)?"
    r"(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s+thang\s+\d{1,2}\s*(?:nam)?\s*,?\s*\d{4})"
    r"(?:\s*[-|,/]?\s*\d{1,2}\s*[:h]\s*\d{2}(?:\s*:\s*\d{2})?\s*(?:am|pm|sa|ch|sang|chieu|toi)?\s*(?:\(gmt[^)]*\))?)?"
    # what a portal prints after the date: a view count, "Xem cỡ chữ", a section name
    r"(?:\s*[|,\-–]?\s*(?:\d[\d.,]*(?:\s*lượt xem)?|(?:view count|luot xem)\s*:?\s*\d[\d.,]*|[^.;:]{0,30}))?\s*$"
)
#: a portal's view count beside its date: "1074", "1657 lượt xem", "Lượt xem : 12363"
_VIEW_COUNT_RE = re.compile(r"\d[\d.,]{0,8}(?: luot xem)?|(?:luot xem|view count)\s*:?\s*\d[\d.,]{0,8}")
_DRAFT_RE = re.compile(r"\(?\s*du thao\s*\)?")
_SESSION_RE = re.compile(r"khoa\s+[ivxlc\d]+\s*[,.\-–]?\s*ky hop (?:thu\s+)?[\w ]{1,20}")
#: a time alone, as a cell of a date line: "15:37", "(21:01" of "(21:01 | 17/03/2021)"
_TIME_RE = re.compile(r"^\(?\d{1,2}\s*[:h]\s*\d{2}(?:\s*:\s*\d{2})?(?:\s*(?:am|pm|sa|ch))?(?:\s*gmt\s*[+-]\s*\d{1,2})?\)?$")
#: a day/month/year date as portals print it ("09/06/2022", "14-08-2018")
DMY_RE = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
#: the stored copy of a web page may open with its date: "date 2026-01-19 <headline>"
STORED_DATE_RE = re.compile(r"^date\s+(\d{4})-(\d{2})-(\d{2})\b\s*")
_SEPARATOR = set("-–—_=*.~ ")
_SUBJECT_RE = re.compile(r"^(?:V/v|V/V|v/v|Về việc|VỀ VIỆC)\b")
_BODY_OPENERS = ("Căn cứ", "Thực hiện", "Trên cơ sở", "Theo ", "Nhằm", "Kính gửi", "Để ",
                 "Ngày ", "Sáng ", "Chiều ", "Trong ", "Qua ", "Vừa qua", "Nhằm ")
_CLOSING_START_RE = re.compile(
    r"^(?:N[oơ]i\s+nh[aậ]n\b|T/?M\.?\s|K/?T\.?\s|Q\.\s|TL\.\s|TUQ\.\s|\(?\s*Đã\s+ký\s*\)?$)",
    re.IGNORECASE,
)
_SIGNER_TITLE_RE = re.compile(
    r"^(?:KT\.\s*|TM\.\s*)?(?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN|TRƯỞNG PHÒNG|BÍ THƯ"
    r"|CHÁNH VĂN PHÒNG|BỘ TRƯỞNG|THỨ TRƯỞNG|CHỦ NHIỆM"
    # a department head signs with the department's name: "CỤC TRƯỞNG CỤC LƯU TRỮ NHÀ NƯỚC"
    rf"|(?:TỔNG\s+)?CỤC TRƯỞNG(?:\s+[{UPPER}\s]{{3,60}})?|VỤ TRƯỞNG(?:\s+[{UPPER}\s]{{3,60}})?)$"
)
_BYLINE_RE = re.compile(r"^(?:\d[\d.,]*\s+lượt xem$|Tin(?:,| và)?\s*(?:ảnh|bài)?\s*:|Ảnh\s*:|Nguồn(?:\s+[A-ZĐ][^:]{0,40})?\s*:|Tác giả\s*:"
                        r"|Bài(?:,| và)?\s*ảnh\s*:|PV\b|\(?Theo\s|[A-ZĐ]\.\s?[A-ZĐ]\.?(?:\s?[A-ZĐ]\.?)?$)")
#: a person's name: two to five capitalised syllables ("Nguyễn Văn An")
PERSON_RE = re.compile(rf"^[{UPPER}][{LOWER}]*(?:\s+[{UPPER}][{LOWER}]*){{1,4}}$")


@lru_cache(maxsize=8192)
def cells(line: str) -> tuple[str, ...]:
    """The cells of a line: split on "|" and tabs (web and Word table remnants);
    markdown emphasis and a leading bullet ("•") are not part of a cell."""
    if "|" not in line and "\t" not in line:
        c = line.strip(" *#").lstrip("• ")
        return (c,) if c else ()
    return tuple(c.strip(" *#").lstrip("• ") for c in _CELL_SPLIT_RE.split(line) if c.strip(" *#|•"))


_CELL_SPLIT_RE = re.compile(r"[|\t]")


def is_upper(text: str, share: float = 0.85) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= share * len(letters)


def _is_separator(text: str) -> bool:
    return len(text) >= 3 and set(text) <= _SEPARATOR


_MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc")
_HEADER_PIECES = ("uy ban nhan dan", "hoi dong nhan dan", "cong hoa xa hoi chu nghia viet nam")
_DATE_PART_RE = re.compile(r"^(?:[^,\d]{2,45},\s*ngay(?:\s+[\d…. ]{1,4})?|(?:[\d…. ]{1,4}\s+)?thang\s+[\d…. ]{1,4}\s*nam\s+\d{4})$")


def _dated_cell(folded: str) -> bool:
    """A cell of a web page's date line (folded): the date, its time, a view count beside it."""
    return bool(_NEWS_DATE_RE.match(folded) or _TIME_RE.match(folded) or _VIEW_COUNT_RE.fullmatch(folded))


def header_cell(cell: str) -> bool:
    """A piece of an administrative header (see the module docstring).

    Headers copied out of a two-column table arrive cut anywhere ("CỘNG HÒA XÃ
    HỘI" / "CHỦ NGHĨA VIỆT NAM", "Bình Định, ngày 21" / "tháng 11 năm 2012"):
    a piece of the motto or of the date line is a header cell too.
    """
    if _is_separator(cell):
        return True
    f = fold(cell)
    if _DRAFT_RE.fullmatch(f) or _SESSION_RE.fullmatch(f):
        return True  # "(Dự thảo)" above the title of a draft; a council's "KHÓA IX, KỲ HỌP THỨ BA"
    if _MOTTO_RE.match(f) or _DATE_PART_RE.match(f) or _dated_cell(f):
        return True
    if is_upper(cell, 1.0) and any(f" {' '.join(f.split())} " in f" {p} " for p in _HEADER_PIECES):
        return True  # "ỦY" / "BAN NHÂN DÂN", "CỘNG" / "HÒA XÃ HỘI …": a header cut anywhere
    motto_piece = " ".join(re.sub(r"\s*[-–]\s*", " - ", f).split())
    if len(motto_piece) >= 6 and any(motto_piece in m for m in _MOTTO) \
            and (is_upper(cell) or len(motto_piece.split()) >= 3):
        return True  # a short piece in lower case ("Xã hội") is a portal's section name
    if len(cell) <= 70 and _NUMBER_RE.match(cell) and "/" in cell:
        return True
    if len(cell) <= 90 and _PLACE_DATE_RE.match(cell) and "tháng" in cell:
        return True
    return len(cell) <= 90 and is_upper(cell) and bool(_AGENCY_RE.match(f))


def _date_line(parts: tuple[str, ...]) -> bool:
    """A web page's date line, cut into cells: the date, its time, a view count, maybe
    the author first ("Cao Thắng/VOV.VN | 28/06/2025, 07:36", "Bảo Trâm 18:37 07/07/2025") or
    the site's section last ("Thứ ba, 18:37 03/09/2019 | Xã hội")."""
    if len(parts) == 1 and (byline := _AUTHOR_DATE_RE.match(parts[0])):
        parts = (parts[0][byline.end():],)
    if len(parts) == 2 and len(parts[0]) <= 40 and not re.search(r"\d", parts[0]):
        parts = parts[1:]
    if len(parts) == 2 and len(parts[1]) <= 25 and not re.search(r"\d", parts[1]) and _dated_cell(fold(parts[0])):
        parts = parts[:1]
    if len(parts) == 2 and _AUTHOR_CELL_RE.fullmatch(parts[1]) and _dated_cell(fold(parts[0])):
        parts = parts[:1]  # "Ngày đăng bài: 26/12/2019 | Tác giả: Vĩnh Hạ"
    return bool(parts) and all(_dated_cell(fold(c)) for c in parts)


#: the author's cell beside a page's date: "| Tác giả: Vĩnh Hạ"
_AUTHOR_CELL_RE = re.compile(r"(?:Tác giả|Người viết|Biên tập)\s*:\s*[^\d|]{2,40}")
#: an author's name before the time and date: "Hồng Nhung 20:59 17/11/2025"
_AUTHOR_DATE_RE = re.compile(rf"^(?:[{UPPER}][{LOWER}]*(?:\s+[{UPPER}][{LOWER}]*){{1,3}}"
                             # … or in capitals, maybe two of them, or by initials: "GIANG BIÊN - TRUNG THỰC", "LHT"
                             rf"|[{UPPER}]{{2,}}(?:\s+[{UPPER}]{{2,}}){{0,3}}(?:\s+[-–]\s+[{UPPER}]{{2,}}(?:\s+[{UPPER}]{{2,}}){{0,3}})?)"
                             rf"(?:\s+(?=\d{{1,2}}:\d{{2}},?\s+\d)|\s+[-–]\s+(?=\d{{1,2}}/\d{{1,2}}/\d{{4}})"
                             rf"|\s+(?=\d{{1,2}}/\d{{1,2}}/\d{{4}}\s+\d{{1,2}}:\d{{2}}$))")


def is_header_line(line: str) -> bool:
    parts = cells(line)
    if not parts:
        return "|" in line  # a table border left between header cells
    return _date_line(parts) or all(header_cell(c) for c in parts)


_RULE_RE = re.compile(r"[\s\-–—_=*.~|#]*")


def is_rule(line: str) -> bool:
    """A line with no words: a decorative rule or a table border ("-----", "|")."""
    return _RULE_RE.fullmatch(line) is not None


def pipe_row(line: str) -> bool:
    """A row of a table copied from a web page: "| Số hiệu | 18/CT-UBND |", or one whose first
    bar was lost: "Tháng 7 | Nguyễn Thị Thống | Chủ tịch | Ngày 03; 10 (Thứ 5) |"."""
    if line.startswith("|"):
        return len(cells(line)) >= 2
    return line.rstrip().endswith("|") and line.count("|") >= 3 and len(cells(line)) >= 3


def title_kind(line: str) -> str | None:
    """The document kind when the line is a document title ("KẾ HOẠCH", "QUYẾT ĐỊNH …")."""
    parts = cells(line)
    if not parts or len(line) > 250:
        return None
    text = parts[0]
    m = _TITLE_RE.match(fold(text))
    if not m:
        return None
    word = text[: len(m.group(1))]
    if not is_upper(word, 1.0):
        return None
    return dict(_TITLE_WORDS)[m.group(1)]


def title_word_kind(text: str) -> str | None:
    """The kind a line's opening title word names in any case ("Thông báo kết quả …"
    → "thong_bao"), for a web page whose headline repeats the document's title."""
    m = _TITLE_RE.match(fold(text.strip(" *#")))
    return dict(_TITLE_WORDS)[m.group(1)] if m else None


# what a closing line can start with, for a cheap first test of every line
_CLOSING_QUICK_RE = re.compile(r"(?:^|[|\t])[\s*#]*(?:N[oơ]i|NƠI|T/?M|K/?T|Q\.|TL|TUQ|\(|Đã|ĐÃ|PHÓ|CHỦ|GIÁM"
                               r"|TRƯỞNG|BÍ|CHÁNH|BỘ|THỨ|TỔNG|CỤC|VỤ)", re.IGNORECASE)


def is_closing_start(line: str) -> bool:
    if not _CLOSING_QUICK_RE.search(line):
        return False
    return any(_CLOSING_START_RE.match(c) or _SIGNER_TITLE_RE.match(c) for c in cells(line))


#: words of a title in capitals that a signature block never holds
_ATTACHED_TITLE_RE = re.compile(r",|\bGIAI ĐOẠN\b|\bNĂM \d{4}|\bTRÊN ĐỊA BÀN\b|\bVỀ\b|\bNHIỆM KỲ\b|^CỦA\b")


def _closing_cell(cell: str) -> bool:
    if _CLOSING_START_RE.match(cell) or _SIGNER_TITLE_RE.match(cell) or _is_separator(cell):
        return True
    if len(cell) > 120:
        return False
    if cell[:1] in "-+•" or cell.startswith(("Lưu", "Như trên")):
        return True  # a recipient: "- UBND huyện (b/c);", "- Lưu: VT."
    if is_upper(cell) and len(cell) <= 70:
        # "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", the signer in capitals; not the title of the
        # text attached below ("CHẾ ĐỘ CÔNG TÁC PHÍ, … TRÊN ĐỊA BÀN TỈNH AN GIANG")
        return not (len(cell.split()) >= 8 and _ATTACHED_TITLE_RE.search(cell))
    return bool(PERSON_RE.match(cell)) or cell.lower().strip("() .") in {"đã ký", "ký", "đã ký và đóng dấu"}


def is_closing_line(line: str) -> bool:
    parts = cells(line)
    return bool(parts) and all(_closing_cell(c) for c in parts)


_PHOTO_CREDIT_RE = re.compile(r"(?:^|[.(]\s*)Ảnh(?:\s+minh họa)?\s*:")


def is_photo_caption(line: str) -> bool:
    """A photo's caption, which credits the photographer: "Hội nghị công bố … năm 2021. Ảnh: K.P"."""
    return bool(_PHOTO_CREDIT_RE.search(line))


_NEWS_ROLE_RE = re.compile(r"\s*\((?:CTV|PV|BTV|TTV|TTXVN|[A-ZĐ]{2,8})\)$")


#: the caption of a post that is an extract of a document: "(Trích báo cáo số 84/BC-TTT ngày
#: 09/6/2020 của Thanh tra tỉnh)"; groups: kind word, number, day, month, year, issuer
EXCERPT_RE = re.compile(
    r"^\(\s*Trích(?:\s+từ)?\s+(báo cáo|kế hoạch|quyết định|nghị quyết|thông báo|công văn)\s+số\s*:?\s*"
    r"(\d+[^\s/]*/[^\s,;]+?)\s*,?\s+ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
    r"(?:\s+của\s+([^()]{3,80}))?\s*\)\.?$", re.IGNORECASE)


#: "Nguồn Hà Tĩnh: https://baohatinh.vn/…": where the item was taken from, with its link
_SOURCE_LINK_RE = re.compile(r"(?:Nguồn|Theo)\b[^:]{0,40}:?\s*https?://\S+")
#: an author and the body they write for: "Kim Kha, Phòng Cải cách hành chính …"
_SAYS_RE = re.compile(r"\b(?:cho biết|phát biểu|nói|đã|đang|chia sẻ|nhấn mạnh)\b")
_AUTHOR_OF_RE = re.compile(r"([^,]{3,30})(?:,|\s[-–])\s+(?:(?:Phòng|Sở|Trung tâm|Văn phòng|Ban|Chi cục|UBND|Báo|Đài)\s[^.;:]{3,60}"
                           r"|Thanh tra(?:\s[^.;:]{3,40})?)")


#: an author by an initial and a name: "L.Thọ", "T. Hương"
_INITIAL_NAME_RE = re.compile(rf"(?:[{UPPER}]\.\s?){{1,2}}[{UPPER}][{LOWER}]+")
#: the source of an item, a body, without a colon: "Nguồn Ban Tuyên giáo và Dân vận Tỉnh ủy Hưng Yên"
_SOURCE_BODY_RE = re.compile(r"Nguồn\s+(?:Ban|Sở|Báo|Cổng|Trang|Đài|Văn phòng|Trung tâm|UBND|Bộ)\s[^.:;!?]{2,60}")


def is_byline(line: str) -> bool:
    """A news item's last line: "Tin, ảnh: …", "Nguồn: …", an author's name,
    several of them ("Anh Tấn - Thu Hà"), with a role ("Văn Chinh (CTV)"), the
    caption of an extract ("(Trích báo cáo số … của Thanh tra tỉnh)")."""
    t = line.strip(" *")
    if EXCERPT_RE.match(t) or _SOURCE_LINK_RE.fullmatch(t):
        return True
    if len(t) > 80:
        return False
    author = _AUTHOR_OF_RE.fullmatch(t)
    if author and PERSON_RE.match(author.group(1)) and not _SAYS_RE.search(t):
        return True  # "Kim Kha, Phòng Cải cách hành chính và Xây dựng chính quyền"
    if _BYLINE_RE.match(t) or _INITIAL_NAME_RE.fullmatch(t) or _SOURCE_BODY_RE.fullmatch(t):
        return True
    names = re.split(r"\s+[-–]\s+|,\s+", _NEWS_ROLE_RE.sub("", t))
    return all(PERSON_RE.match(name) for name in names)


def starts_body(line: str) -> bool:
    return line.startswith(_BODY_OPENERS)


@dataclass(frozen=True)
class Layout:
    """Line indexes of each region of a document."""

    header: tuple[int, ...]
    title: tuple[int, ...]
    body_start: int  # the first line of the body; header and title lie above it
    kind: str | None
    kind_source: str | None  # "title" | "header" | "layout"
    closing_lines: frozenset[int]
    #: tables above the body (a web page's table of the document's properties): [start, end)
    tables: tuple[tuple[int, int], ...] = ()
    #: the title of a text attached after the signature (a regulation or plan that a
    #: decision issues): set aside like the title, not read for the document's meta
    attached: tuple[int, ...] = ()
    #: date lines inside a news page's body (a listing page gives each item's date under its lead:
    #: "13/01/2022"): set aside with the header, not read for the document's meta
    dated: tuple[int, ...] = ()


_SUBTITLE_OPENER_RE = re.compile(r"Thực hiện (?:Nghị [Qq]uyết|Quyết định|Chỉ thị|Kết luận|Chương trình|Kế hoạch)\b")


def _title_extent(texts: list[str], first: int, heading_of) -> int:
    """End (exclusive) of a title block that starts at ``first``.

    After the title word come a few subject lines ("Kết quả … năm 2024",
    "Về việc …"), in a decision the authority line in capitals ("CHỦ TỊCH ỦY
    BAN NHÂN DÂN XÃ …"), in a regulation "(Ban hành kèm theo Quyết định …)";
    the body starts at a heading, an opener ("Căn cứ", "Thực hiện"), a
    sentence or a long line.  Text cut out of a narrow cell spreads a title over
    many short lines in capitals.
    """
    i, mixed = first + 1, 0
    while i < len(texts) and i <= first + 10:
        t = texts[i]
        if is_rule(t):
            i += 1
            continue
        if t.startswith("(") and ")" not in t:
            # "(Ban hành" … "kèm theo Quyết định …)": to the closing bracket
            j = i + 1
            while j < len(texts) and j <= i + 6 and ")" not in texts[j]:
                j += 1
            if j < len(texts) and j <= i + 6:
                i = j + 1
                continue
        if i == first + 1 and _SUBTITLE_OPENER_RE.match(t) and not t.endswith((".", ";", ":")) \
                and any(x.startswith("Căn cứ") for x in texts[i + 1:i + 5]):
            # "KẾ HOẠCH HÀNH ĐỘNG" / "Thực hiện Nghị Quyết số 17/NQ-CP … " / … / "Căn cứ …": the plan's
            # subject, written as what it carries out, runs to its bases
            i += 1
            while i < len(texts) and i <= first + 5 and not starts_body(texts[i]) \
                    and not texts[i - 1].endswith((".", ";", ":")):
                i += 1
            continue
        h = heading_of(t)
        if (h and h[0]) or starts_body(t) or (len(t) > 250 and not (len(t) <= 400 and is_upper(t))) \
                or (i > first + 1 and title_kind(t)) \
                or fold(t).startswith(("phu luc", "bieu mau", "bieu so")):  # an appendix begins
            break
        if is_upper(t) or _SUBJECT_RE.match(t) or t.startswith("("):
            i += 1
            continue
        if t.endswith((".", ";", ":")) and not re.search(r"20\d\d\.?$", t):
            break
        mixed += 1
        if mixed > 2:
            break
        i += 1
    return i


_CARD_RE = re.compile(
    r"^[•\s]*(?:số hiệu|số k[íý] hiệu|loại văn bản|thể loại|nơi ban hành|cơ quan ban hành|người ký|ngày ban hành"
    r"|ngày (?:có |hết |bắt đầu )?hiệu lực|(?:nội dung|văn bản|toàn văn)\s*$"
    r"|ngày (?:đăng )?công báo|số công báo|tình trạng|lĩnh vực|thuộc tính văn bản|áp dụng|hết hiệu lực)\b",
    re.IGNORECASE)


def _title_anchor(texts: list[str], heading_of) -> int | None:
    """The line of a document's title word when only header material lies above it.

    Header material: short lines (a header cut into pieces, with typos), rules,
    a legal site's card of the document's properties ("Số hiệu: …", "Người ký:
    …"), and at most two lines of a web page's headline (which may open with the
    title word itself: "BÁO CÁO Tình hình kinh tế - xã hội …").  A sentence, a
    numbered heading or a long line above the title word means the text has
    no header on top (the title word is then further down, or absent).
    """
    loose = 0
    for j, t in enumerate(texts[:30]):
        if _title_at(texts, j) and not (len(t) > 40 and not is_upper(t)):
            return j if any(is_header_line(x) or _CARD_RE.match(x) for x in texts[:j]) else None
        if is_header_line(t) or _CARD_RE.match(t) or is_rule(t) or pipe_row(t):
            continue  # before the body test: "Ngày ban hành: …" is a card line
        h = heading_of(t)
        if (h and h[0]) or starts_body(t):
            return None
        if len(t) <= 60 and is_upper(t, 0.7):
            continue  # a header line with a typo ("THÀNH PHHỒ CHÍ MINH")
        if _NUMBER_LOOSE_RE.match(t) and len(t) <= 60:
            continue  # "S: 5157/QĐ-UBND"
        loose += 1
        if loose > 3 or len(t) > 250 or t.endswith((".", ";")):
            return None
    return None


_NUMBER_LOOSE_RE = re.compile(r"^S\w{0,2}\s*[:.]\s*\S*/")


def _title_at(texts: list[str], j: int) -> str | None:
    """The kind when a title word starts at line ``j`` ("QUYẾT" / "ĐỊNH" cut in two too)."""
    k = title_kind(texts[j])
    if k is None and j + 1 < len(texts) and len(texts[j]) <= 12 and is_upper(texts[j], 1.0):
        k = title_kind(texts[j] + " " + texts[j + 1])
    return k


def _header_number(texts: list[str], header: list[int]) -> str | None:
    """The document's number as its header writes it ("876/QĐ-UBND" of "Số: 876/QĐ-UBND")."""
    for j in header:
        for c in cells(texts[j]):
            if _NUMBER_RE.match(c) and "/" in c:
                return re.sub(r"^s[oố]\s*[:.]?\s*", "", c, flags=re.IGNORECASE)
    return None


def _lost_title_word(texts: list[str], i: int, header: list[int], title: list[int], agency: bool,
                     heading_of) -> bool:
    """Line ``i`` opens a title whose title word is lost: it stands in capitals right
    under an administrative header that gave the document's number ("Số: 876/QĐ-UBND"),
    no title has been read below that header (a web page's headline may stand above
    it), and the body ("Căn cứ …", "1. Mục đích") comes after it.  A subject in
    capitals may run to 400 characters."""
    t = texts[i]
    if not agency or not header or (title and max(title) > max(header)) or not is_upper(t) or len(t) > 400 \
            or t.rstrip(" *").endswith(":") or unit_of(t) == ("", None):
        return False
    h = heading_of(t)
    return not (h and h[0]) and _header_number(texts, header) is not None


def _pipe_table_end(texts: list[str], i: int, limit: int) -> int:
    """End (exclusive) of a run of at least two web-table rows starting at ``i``, else ``i``."""
    j = i
    while j < limit and pipe_row(texts[j]):
        j += 1
    return j if j - i >= 2 else i


#: a decision's legal basis or the proposal it acts on: "Căn cứ …", "- Theo đề nghị của …", "Xét đề nghị …"
_BASIS_RE = re.compile(r"[-–+•\s]*(?:Căn cứ|Theo đề nghị|Xét)\b", re.IGNORECASE)


def _rest_of_header_cell(texts: list[str], i: int) -> bool:
    """Line ``i``, under a header line and over another, is one to three words in capitals
    and no title word: the rest of a cell the page wrapped ("THỦ TƯỚNG CHÍNH" / "PHỦ |")."""
    if i + 1 >= len(texts) or not is_header_line(texts[i + 1]) or title_kind(texts[i]) or title_kind(texts[i + 1]):
        return False
    parts = cells(texts[i])
    return len(parts) == 1 and len(parts[0].split()) <= 3 and is_upper(parts[0], 1.0)


def find_layout(texts: list[str], heading_of) -> Layout:
    """Header, title and closing lines of a document given as stripped lines.

    The top of a document is read line by line until the body starts: header
    lines, one title block, and before them what a web page puts on top of a
    document (its headline, a date line, a table of the document's properties).
    ``heading_of(line)`` says whether a line is a section heading (the body
    starts at the first one).
    """
    n = len(texts)
    header: list[int] = []
    title: list[int] = []
    tables: list[tuple[int, int]] = []
    kind = kind_source = None
    headline = subject = agency = False
    i = 0
    anchor = _title_anchor(texts, heading_of)
    if anchor is not None:
        # Everything above the title word is the header (and whatever a web page
        # put above it: a headline, a table of the document's properties), however
        # it was cut into lines.
        while i < anchor:
            j = _pipe_table_end(texts, i, anchor)
            if j > i:
                tables.append((i, j))
                i = j
                continue
            header.append(i)
            i += 1
        agency = True
    while i < n and i < 60:
        t = texts[i]
        j = _pipe_table_end(texts, i, n) if not is_header_line(t) else i
        if j > i:
            tables.append((i, j))
            i = j
            continue
        if _CARD_RE.match(t):
            header.append(i)  # a legal site's card of the document's properties ("Số hiệu | …")
            i += 1
            continue
        if is_header_line(t) and not title_kind(t):
            header.append(i)
            agency = agency or not _date_line(cells(t))  # a date line is not a header
            i += 1
            continue
        if header and header[-1] == i - 1 and _rest_of_header_cell(texts, i):
            header.append(i)  # the rest of a name its cell wrapped: "THỦ TƯỚNG CHÍNH" / "PHỦ |"
            i += 1
            continue
        if headline and is_rule(t) and i + 1 < n and is_header_line(texts[i + 1]):
            header.append(i)  # a stray "." between a headline and its date line
            i += 1
            continue
        k = _title_at(texts, i) if kind_source != "title" else None
        if k is not None:
            end = _title_extent(texts, i, heading_of)
            title += range(i, end)
            kind, kind_source = k, "title"
            i = end
            continue
        if len(t) <= 250 and header and (
                _SUBJECT_RE.match(t) or (t.startswith("Về ") and i and _NUMBER_RE.match(texts[i - 1]))):
            title.append(i)  # "V/v …" (or "Về …") under the number of a letter
            subject = True
            i += 1
            continue
        if not agency and kind is None and not title and _UNIT_LABEL_RE.fullmatch(t) and i + 2 < n \
                and _looks_like_headline(texts[i + 1], heading_of):
            title.append(i)  # "HĐND phường Kim Long:" over the headline it labels
            i += 1
            continue
        if not agency and kind is None and len(title) < 3 and i + 1 < n and (
                _looks_like_headline(t, heading_of) or (len(header) == i and _stopped_headline(texts, i, heading_of))) \
                and (not title or len(t) <= 120):  # a second headline line is short
            title.append(i)  # a web page's headline (or its category) above the text
            headline = True
            i += 1
            continue
        if _lost_title_word(texts, i, header, title, agency, heading_of):
            # a site that dropped the title word ("QUYẾT ĐỊNH", "KẾ HOẠCH") keeps the
            # subject and authority lines in capitals under the number and date
            end = _title_extent(texts, i, heading_of)
            title += range(i, end)
            i = end
            continue
        break
    body_start = i
    # a web page may put its headline and a lead paragraph before the document
    # itself: its title word then comes a few lines into the text
    for j in range(body_start, min(n, body_start + 6)):
        if kind_source == "title":
            break
        k = _title_at(texts, j)
        if k is not None and is_upper(texts[j], 1.0) and len(texts[j]) <= 40 \
                and not texts[j].rstrip(" *").endswith(":") \
                and not (j and _BASIS_RE.match(texts[j - 1])):  # "QUYẾT ĐỊNH:" enacts (also without its colon
            # under the last legal basis: "- Theo đề nghị của Giám đốc Sở Tư pháp …," / "QUYẾT ĐỊNH"), it is no title
            end = _title_extent(texts, j, heading_of)
            title += range(j, end)
            kind, kind_source = k, "title"
            if j == body_start:
                body_start = end
            break
    if kind is None:
        if (subject or (agency and any(x.startswith("Kính gửi") for x in texts[i:i + 3]))) \
                and kind_from_number(_header_number(texts, header) or "") in (None, "cong_van"):
            # a subject line under the number is a letter's, unless the number's code says
            # otherwise ("Số: 20/2019/QĐ-UBND" / "VỀ VIỆC BAN HÀNH QUY CHẾ …" is a decision)
            kind, kind_source = "cong_van", "header"
        elif not agency:
            kind, kind_source = body_kind(texts[body_start:body_start + 4], headline)
    closing = _closing_lines(texts, body_start, kind)
    # a title above its own body is not also one attached after a signature ("I." / "Nơi nhận" /
    # "QUYẾT ĐỊNH:" in a fragment: the last line is read as both)
    attached = [k for k in _attached_titles(texts, closing, heading_of) if k not in title and k not in header]
    dated = tuple(j for j in range(body_start, n) if j not in closing and j not in attached
                  and DMY_RE.search(texts[j]) and _date_line(cells(texts[j]))) if kind == "tin_bai" else ()
    # on a listing page the next item's headline follows the date line: set aside like a title
    attached += [j + 1 for j in dated if j + 2 < n and j + 1 not in dated and j + 1 not in closing
                 and _looks_like_headline(texts[j + 1], heading_of)]
    return Layout(tuple(header), tuple(title), body_start, kind, kind_source,
                  frozenset(closing) - set(attached), tuple(tables), tuple(attached), dated)


def _attached_titles(texts: list[str], closing: list[int], heading_of) -> list[int]:
    """Title lines right after a signature block: the regulation or plan a decision
    issues, its title word often lost ("QUẢN LÝ, VẬN HÀNH … MỘT CỬA ĐIỆN TỬ" /
    "(Ban hành kèm theo Quyết định số …)"), or swallowed by the signature ("KẾ HOẠCH"
    under the signer's name)."""
    out: list[int] = []
    taken = set(closing)
    for c in sorted(taken):
        if c + 1 in taken and not title_kind(texts[c + 1]):
            continue
        start = c if title_kind(texts[c]) and is_upper(texts[c], 1.0) and c - 1 in taken else c + 1
        while start < len(texts) and is_rule(texts[start]):
            start += 1  # the "|" that closes a web page's signature table
        if start >= len(texts) or start in out:
            continue
        t = texts[start]
        h = heading_of(t)
        if not is_upper(t) or (h and h[0]) or len(t) > 400 or is_closing_start(t) \
                or fold(t).startswith(("phu luc", "bieu", "danh sach", "danh muc", "tong hop")):
            continue
        open_paren = False
        for k in range(start, _title_extent(texts, start, heading_of)):
            if not (is_upper(texts[k]) or open_paren or texts[k].startswith("(")):
                break  # the text's first words after its title
            out.append(k)
            open_paren = (open_paren or texts[k].startswith("(")) and ")" not in texts[k]
            if ")" in texts[k]:
                break  # "(Ban hành kèm theo … của UBND tỉnh)" closes the title
    return out


#: the first part of the outline of a CCHC results report (folded): "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI
#: CÁCH HÀNH CHÍNH", "I. KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH"
_REPORT_OUTLINE_RE = re.compile(r"^i\s*[.)]\s*(?:cong tac chi dao,? dieu hanh|ket qua thuc hien|ket qua dat duoc)\b")
#: … and of a plan: "I. MỤC ĐÍCH, YÊU CẦU", "I. MỤC TIÊU, YÊU CẦU", "I. CĂN CỨ LẬP KẾ HOẠCH"
_PLAN_OUTLINE_RE = re.compile(r"^i\s*[.)]\s*(?:muc (?:dich|tieu)\s*(?:,|va)\s*yeu cau|can cu (?:lap|xay dung) ke hoach)\b")


#: a report asked for, not made: "Định kỳ trước ngày 01/6 … báo cáo tình hình …", "đề nghị UBND các xã báo cáo kết quả …"
_ASKED_RE = re.compile(r"\b(?:đề nghị|yêu cầu|[Đđ]ịnh kỳ)\b")


def body_kind(opening: list[str], headline: bool) -> tuple[str | None, str | None]:
    """The kind of a text with neither header nor title word, from its opening:
    a unit reporting on itself ("UBND xã … báo cáo kết quả …") is a report, one
    issuing a plan in its own words ("… ban hành Kế hoạch triển khai như sau:") a plan; an
    outline of its own ("I. …") with no headline is an excerpt of unknown kind;
    anything else is a news item."""
    # a photo caption ("(Đồng chí … báo cáo kết quả …)") is not the text speaking
    text = " ".join(t for t in opening if not t.startswith("("))
    if headline:
        # what a unit reports at a meeting is the meeting's news: "Tại kỳ họp, UBND phường đã báo cáo …"
        text = re.sub(r"(?:^|(?<=[.!?]\s))Tại (?:kỳ họp|hội nghị|phiên họp|cuộc họp|buổi làm việc)\b[^.!?]*[.!?]?", " ", text)
    if not headline and opening and re.match(r"Kính gửi\b", opening[0]):
        return "cong_van", "body"  # a letter copied from its addressees down
    # under a headline "UBND thị xã đã có báo cáo kết quả …" or "… khắc phục và báo cáo kết
    # quả" is news of a report; the text speaks for itself when a unit reports
    # ("UBND xã báo cáo kết quả …"), in "xin báo cáo", in "báo cáo … như sau"
    reports = r"báo cáo\s+(?:kết quả|tình hình|công tác|như sau|cụ thể)"
    # ("Chủ tịch UBND tỉnh … vừa ký Công văn số 199/BC-UBND báo cáo kết quả …" is news of a signed letter)
    said = (rf"(?:UBND|[ỦU][yỷ] ban nhân dân|Ban Chỉ đạo|Phòng|Sở|Bộ)\s(?:(?!\bký\b|\bsố\s*\d)[^.;:,]){{0,60}}?"
            rf"(?<!có)(?<!và)\s+{reports}"
            if headline else rf"(?<!nghe )(?<![Tt]heo )(?<!qua )\b{reports}")  # not "… họp nghe báo cáo tình hình …"
    if any(not _ASKED_RE.search(text[max(0, text.rfind(".", 0, m.start()) + 1):m.start()])
           for m in re.finditer(said + r"|xin báo cáo|(?:tổng hợp,\s*)?báo cáo (?:[^.]{0,80})như sau", text)):
        return "bao_cao", "body"
    unit = r"(?:UBND|[ỦU][yỷ] [Bb]an nhân dân)\s[^.;:]{0,60}?"
    if headline and re.search(unit + r"\s(?:đã\s+)?có\s+báo cáo\b", text) \
            and any(re.match(r"(?:PHẦN\s+(?:I|THỨ NHẤT)\b|I\s*[.:])", t) for t in opening[1:]):
        # a portal's post of a report that goes on with the report's own outline: "Ngày 03/4, UBND
        # thành phố Vũng Tàu đã có báo cáo về kết quả …" / "PHẦN I: Kết quả …" / "I. Khái quát chung"
        return "bao_cao", "body"
    council = r"(?:Chủ tịch\s+)?(?:UBND|HĐND|[ỦU][yỷ] [Bb]an nhân dân|Hội đồng nhân dân)\s[^.;:]{0,60}?"
    if re.search(council + r"\sthông báo\b[^.]{0,150}\bnhư sau\s*:", text):
        # "Ủy ban nhân dân xã Tây Sơn thông báo lịch tiếp công dân … như sau:", "Chủ tịch HĐND huyện … thông báo …"
        return "thong_bao", "body"
    if not headline and re.search(r"\bban hành\s+[Kk]ế hoạch\b[^.]{0,80}\bnhư sau\s*:", text):
        return "ke_hoach", "body"  # "Ủy ban nhân dân thành phố ban hành Kế hoạch triển khai như sau:"
    if not headline and opening and re.match(r"^(?:[IVX]+|\d{1,2})\s*[.)]", opening[0]):
        # an excerpt that opens on the first part of a CCHC report's outline reports results
        if _REPORT_OUTLINE_RE.search(fold(opening[0])):
            return "bao_cao", "body"
        if _PLAN_OUTLINE_RE.search(fold(opening[0])):
            return "ke_hoach", "body"  # … and one that opens on a plan's, plans
        return None, None
    return "tin_bai", "layout"


#: a portal's line that lists a document: "Công văn số 972/SNV-CCHC ngày 18/7/2018 V/v …"
#: (it names the document when it has a kind word or a "V/v")
LISTED_RE = re.compile(
    r"^(?:(?P<word>Công văn|Văn bản|Quyết định|Kế hoạch|Báo cáo|Thông báo|Tờ trình|Nghị quyết|Chỉ thị|Hướng dẫn)\s+)?"
    r"[Ss]ố\s*:?\s*(?P<number>\d+[\w.]*(?:/[\w./-]*\w)?)\s*,?\s*"
    r"(?:[Nn]gày\s+(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4}))?[\s,.]*(?P<vv>V/v|v/v|về việc)?")


#: a unit's label alone on the line above a headline: "HĐND phường Kim Long:", "UBND huyện Mỏ Cày Nam:"
_UNIT_LABEL_RE = re.compile(r"(?:(?:UBND|HĐND|Ủy ban nhân dân|Hội đồng nhân dân)\s+)?(?i:xã|phường|thị trấn|đặc khu|huyện"
                            r"|quận|thị xã|thành phố|tỉnh|TP\.?)\s*[^:.]{2,30}:")
#: a headline labelled with its unit or council, which may end with a full stop: "Huyện Thanh Hà: Triển
#: khai ….", "UBND xã Nghi Lộc: …"
_LABELLED_HEADLINE_RE = re.compile(r"^(?:(?:UBND|HĐND)\s+(?:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh)"
                                   r"|Xã|Phường|Thị trấn|Huyện|Quận|Thị xã|Thành phố|Tỉnh|TP\.?)\s[^:.]{2,30}:\s")


def _stopped_headline(texts: list[str], i: int, heading_of) -> bool:
    """A first line (under a date line at most) that ends with a full stop and is still a headline:
    short, one clause, over a date line or a long lead that opens a body ("Đoàn công tác kiểm tra
    việc thực hiện Chỉ thị 17 tại các xã, Thị trấn." / "Thực hiện chỉ thị 17 …, UBND huyện Đô Lương
    đã tổ chức kiểm tra …")."""
    t = texts[i]
    return (t.endswith(".") and len(t) <= 100 and t.count(",") <= 1 and not starts_body(t)
            and not is_photo_caption(t) and _looks_like_headline(t[:-1], heading_of)
            and ((starts_body(texts[i + 1]) and len(texts[i + 1]) >= 100) or _date_line(cells(texts[i + 1]))))


def _looks_like_headline(text: str, heading_of) -> bool:
    """A news headline: one short line of words, not a sentence or a heading."""
    text = STORED_DATE_RE.sub("", text)
    listed = LISTED_RE.match(text)
    if listed and (listed.group("word") or listed.group("vv")) and len(text) <= 400:
        return True
    h = heading_of(text)
    # "Ngày 15/8, …" opens a body; "Ngày đầu làm việc của xã, phường mới: …" is a headline
    opener = starts_body(text) and not (text.startswith("Ngày ") and not text[5:6].isdigit())
    return (12 <= len(text) <= 250 and not (h and h[0]) and not opener
            and not is_photo_caption(text)  # a photo's caption ("… Ảnh: Thùy Linh")
            and not (text.endswith((".", ";", ":", ",")) and not (text.endswith(".") and _LABELLED_HEADLINE_RE.match(text)))
            and not text.startswith(("-", "+", "•"))
            and (text[0].isupper() or bool(re.match(r"\d[\d.,/]*%?\s+[^\W\d]", text))))  # "80 đơn vị …", "17/22 xã …"


def _closing_lines(texts: list[str], body_start: int, kind: str | None) -> list[int]:
    """Indexes of "Nơi nhận", signature and byline lines after the body starts."""
    out: list[int] = []
    i = body_start
    n = len(texts)
    while i < n:
        if is_closing_start(texts[i]):
            if i - 1 >= body_start and i - 1 not in out and len(texts[i - 1]) <= 30 \
                    and _SIGNER_TITLE_RE.match(texts[i - 1].upper()):
                out.append(i - 1)  # the signer's title in small letters over "(Đã ký)": "Chủ tịch"
            j = i
            while j < n and (j == i or is_closing_line(texts[j])):
                out.append(j)
                j += 1
            i = j
            continue
        i += 1
    # a byline closes a news item (or any text without a signature); under it a site may print
    # the author's body ("Nguyễn Ngân" / "Sở Nội vụ tỉnh Vĩnh Phúc") or its own tag ("baohatinh")
    # (or the page's furniture: its copyright line)
    tail: list[int] = []
    j = n - 1
    while kind in ("tin_bai", None) and j > body_start and j not in out and n - j <= 4 and (
            is_byline(texts[j]) or SITE_TAG_RE.fullmatch(texts[j].strip()) or _AUTHOR_BODY_RE.fullmatch(texts[j].strip())
            or _PAGE_FURNITURE_RE.match(texts[j].strip())):
        tail.append(j)
        j -= 1
    while tail and not (is_byline(texts[tail[-1]]) or _PAGE_FURNITURE_RE.match(texts[tail[-1]].strip())):
        tail.pop()  # the top of the tail is a byline or the page's own furniture
    if len(tail) == 3 and all(is_byline(texts[k]) for k in tail):
        tail = tail[:2]  # three names in a row may be a list: two bylines at most, as before
    out += tail
    first = body_start
    if kind == "tin_bai" and first + 1 < n and first not in out and len(texts[first + 1]) >= 100 \
            and _CAPS_BYLINE_RE.match(texts[first].rstrip(" |")):
        out.append(first)  # the author in capitals under the headline: "TÂM MAI", "NHƯ QUỲNH |"
    last = n - 1
    if kind in ("tin_bai", None) and last > body_start and last not in out and _LONE_SITE_TAG_RE.fullmatch(texts[last]) \
            and len(texts[last - 1]) >= 100:
        out.append(last)  # the site's tag alone under the last paragraph: "vnews"
    if kind in ("tin_bai", None) and last > body_start and last not in out and _CAPS_BYLINE_RE.match(texts[last]) \
            and (texts[last - 1].rstrip(" *").endswith((".", "!", "?", "”", "\"", ")")) or len(texts[last - 1]) >= 200):
        out.append(last)  # an author in capitals under the finished last paragraph: "BẢO NGUYÊN", "N.NAM", "(T.H)"
    return sorted(out)


#: a site's tag alone under the last paragraph, shorter than ``SITE_TAG_RE`` allows: "vnews"
_LONE_SITE_TAG_RE = re.compile(r"[a-z][a-z0-9]{2,20}(?:\.[a-z]{2,4}){0,2}")
#: what a page prints under a news item: its copyright line ("(*) Không sao chép dưới mọi hình thức …");
#: its attachments ("Tệp đính kèm …") stay paragraphs (STRUCTURE_GUIDELINES, dev9 020)
_PAGE_FURNITURE_RE = re.compile(r"\(\*\)\s*Không sao chép|Bản quyền thuộc|©")
#: the body an author writes for, alone on the line under their name: "Sở Nội vụ tỉnh Vĩnh Phúc"
_AUTHOR_BODY_RE = re.compile(rf"(?:Sở|Phòng|Trung tâm|Văn phòng|Ban|UBND|Ủy ban nhân dân)\s[^.;:!?]{{3,60}}")


#: a news item's author written in capitals: one to three names or initials
#: (a lone word has three letters at least and is not a body: "UB" is "UBND" cut off)
_CAPS_BYLINE_RE = re.compile(rf"^(?!UBND|HĐND|UBMTTQ)\(?(?:[{UPPER}]\.\s?){{0,2}}"
                             rf"(?:[{UPPER}]{{3,7}}|[{UPPER}]{{2,7}}(?:\s+[{UPPER}]{{2,7}}){{1,2}})\)?$"
                             rf"|^\((?:[{UPPER}]\.\s?){{1,2}}[{UPPER}]\.?\)$")


# --- the issuing unit named in a header ---------------------------------------

#: The provinces and centrally-run cities (the 63 before July 2025; the 34 after it keep
#: names from this list), as news headlines name them: "Quảng Ninh đưa …", "Đồng Tháp: …".
PROVINCES = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bình Dương", "Bình Phước", "Bình Thuận", "Bình Định",
    "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Cao Bằng", "Cà Mau", "Gia Lai",
    "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hòa Bình", "Hưng Yên", "Hải Dương", "Hậu Giang",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Long An", "Lào Cai", "Lâm Đồng",
    "Lạng Sơn", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên",
    "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
    "Thanh Hóa", "Thái Bình", "Thái Nguyên", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Tây Ninh",
    "Vĩnh Long", "Vĩnh Phúc", "Yên Bái", "Điện Biên", "Đắk Lắk", "Đắk Nông", "Đồng Nai",
    "Đồng Tháp", "Thừa Thiên Huế", "Hà Nội", "Hồ Chí Minh", "TP.HCM", "TP. Hồ Chí Minh",
    "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế",
)
#: Cities run by the centre: "THÀNH PHỐ HỒ CHÍ MINH" is a province-level unit.
CENTRAL_CITIES = frozenset(fold(name) for name in CENTRAL_CITY_NAMES)
_PLACE_KINDS = (("thi tran", "thi_tran"), ("thi xa", "thi_xa"), ("thanh pho", "thanh_pho"),
                ("tp.", "thanh_pho"), ("tp", "thanh_pho"), ("dac khu", "dac_khu"), ("xa", "xa"),
                ("phuong", "phuong"), ("huyen", "huyen"), ("quan", "quan"), ("tinh", "tinh"))
_COUNCIL_RE = re.compile(r"^(?:chu tich\s+)?(?:uy ban nhan dan|ubnd|hdnd|hoi dong nhan dan)\b\s*")
_OTHER_BODIES = (("so ", "so"), ("bo ", "bo"), ("ban ", "khac"), ("van phong", "khac"),
                 ("trung tam", "khac"), ("chinh phu", "khac"), ("thu tuong", "khac"),
                 ("phong ", "khac"), ("bcd", "khac"), ("cuc ", "khac"), ("chi cuc", "khac"),
                 ("thanh tra ", "khac"), ("hoi dong ", "khac"))
#: lines that start like a body's name and are not one: the rest of a header's "ỦY" /
#: "BAN NHÂN DÂN" or "HỘI ĐỒNG NHÂN" / "DÂN" cut in two, a subject line "BAN HÀNH QUY CHẾ …"
_NOT_BODIES = ("ban nhan dan", "ban hanh ", "hoi dong nhan")
#: how close a unit kind is to the commune: 3 commune level, 2 district level, 1 province
UNIT_LEVEL = {"xa": 3, "phuong": 3, "thi_tran": 3, "dac_khu": 3, "huyen": 2, "quan": 2,
              "thi_xa": 2, "thanh_pho": 2, "tinh": 1, "so": 1, "bo": 0, "khac": 0}


def title_case(name: str) -> str:
    """"LONG PHỤNG" → "Long Phụng" (names in a header are written in capitals)."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


def _sentence_case(name: str) -> str:
    """"SỞ NỘI VỤ" → "Sở Nội vụ": the body's word and the next are capitalised; an
    abbreviation stays as written ("BAN CHỈ ĐẠO PCGD, XMC" → "Ban Chỉ đạo PCGD, XMC")."""
    words = name.split()
    if not is_upper(name):
        return name
    if spelt := _SPELT.get(fold(name)):
        return spelt  # "THỦ TƯỚNG CHÍNH PHỦ" → "Thủ tướng Chính phủ"

    # a body word of two syllables keeps its second one small and capitalises the next
    # word: "Văn phòng UBND tỉnh", "Trung tâm Phục vụ hành chính công"
    capitals = {0, 2} if fold(" ".join(words[:2])) in _TWO_SYLLABLE_BODIES else {0, 1}

    def case(i: int, w: str) -> str:
        if _ABBREVIATION_RE.fullmatch(w.strip(",.;:()")):
            return w
        return w[:1].upper() + w[1:].lower() if i in capitals else w.lower()
    return " ".join(case(i, w) for i, w in enumerate(words))


_TWO_SYLLABLE_BODIES = frozenset({"van phong", "trung tam", "chi cuc", "hoi dong", "uy ban", "chinh phu"})


#: a word in capitals that no Vietnamese syllable spells (no vowel: "PCGD", "CCHC", "HĐND"),
#: or one of the abbreviations that have one ("UBND", "UBMTTQ")
_ABBREVIATION_RE = re.compile(r"(?:[B-DF-HJ-NP-TV-XZĐ]{2,}|UBND|UBMTTQ)(?:[-–][A-ZĐ]+)*")


def unit_of(cell: str) -> tuple[str, str | None] | None:
    """``(unit_kind, name)`` of a header line naming a body: "UBND XÃ TÂN LẬP" →
    ``("xa", "Tân Lập")``, "THÀNH PHỐ HỒ CHÍ MINH" → ``("tinh", "Hồ Chí Minh")``,
    "SỞ NỘI VỤ" → ``("so", "Sở Nội vụ")``; a bare "ỦY BAN NHÂN DÂN" → ``("", None)``.
    None when the line names no body."""
    t = re.sub(r"^(?:T\.?M\.?|TM)\s+", "", cell.strip(" *:.-–"))
    # a header in capitals that lost the space after its kind word: "XÃTRUNG CHÍNH"
    t = re.sub(rf"^(XÃ|PHƯỜNG|HUYỆN|QUẬN|TỈNH)(?=[{UPPER}]{{2}})", r"\1 ", t)
    f = fold(t)  # same length as t: the text is NFC
    m = _COUNCIL_RE.match(f)
    off = m.end() if m else 0
    rest, frest = t[off:].strip(), f[off:].strip()
    if not rest:
        return ("", None) if m else None
    if frest.startswith("tinh hinh "):
        return None  # "TÌNH HÌNH THỰC HIỆN …" (the situation), which folds like "TỈNH HÌNH …"
    for word, kind in _PLACE_KINDS:
        if frest.startswith(word) and (word.endswith(".") or frest[len(word):len(word) + 1] == " "):
            name = rest[len(word):].strip(" .,")
            if not name or len(name) > 40 or re.search(r"[,;:()]", name):
                return None
            if kind == "thanh_pho" and fold(name) in CENTRAL_CITIES:
                kind = "tinh"
            return kind, title_case(name) if is_upper(name) else name
    if m is None and not frest.startswith(_NOT_BODIES):
        for word, kind in _OTHER_BODIES:
            if frest.startswith(word) and len(rest) <= 80 and not re.search(r"[\d/]", rest):  # not "Số 924/SNV"
                return kind, _sentence_case(rest)
    return None


# The kind part of a document's own number: "18/NQ-HĐND", "4851/KH-UBND", "123/UBND-VP".
_CODE_KINDS = {"bc": "bao_cao", "kh": "ke_hoach", "qd": "quyet_dinh", "nq": "nghi_quyet",
               "tb": "thong_bao", "ttr": "to_trinh", "ct": "khac", "hd": "khac", "da": "khac",
               "ctr": "khac", "kl": "khac", "qc": "quy_che", "qđ": "quyet_dinh",
               "nd": "khac", "tt": "khac", "ttlt": "khac"}  # nghị định, thông tư (liên tịch)


def kind_from_number(number: str) -> str | None:
    """The document kind its number's code names ("87/KH-UBND" → "ke_hoach"); a
    code that starts with the issuer ("123/UBND-VP", "473/STP-PBGDPL") is a letter."""
    parts = [p for p in re.split(r"/", fold(number)) if p and not p.isdigit()]
    if not parts:
        return None
    code = parts[0].split("-")[0].replace(".", "")
    if code in _CODE_KINDS:
        return _CODE_KINDS[code]
    return "cong_van" if "-" in parts[0] or len(parts) == 1 else None


#: The issuer part of a document's number for bodies every province has, or central ones:
#: "924/SNV-CCHC" is a letter of a Sở Nội vụ, "02/2017/TT-VPCP" a circular of the Government Office.
_CODE_ISSUERS = {
    "snv": ("so", "Sở Nội vụ"), "stp": ("so", "Sở Tư pháp"), "stc": ("so", "Sở Tài chính"),
    "skhdt": ("so", "Sở Kế hoạch và Đầu tư"), "stttt": ("so", "Sở Thông tin và Truyền thông"),
    "bnv": ("bo", "Bộ Nội vụ"), "btp": ("bo", "Bộ Tư pháp"), "btc": ("bo", "Bộ Tài chính"),
    "bkhdt": ("bo", "Bộ Kế hoạch và Đầu tư"), "btttt": ("bo", "Bộ Thông tin và Truyền thông"),
    "vpcp": ("khac", "Văn phòng Chính phủ"), "ttg": ("khac", "Thủ tướng Chính phủ"), "cp": ("khac", "Chính phủ"),
}
#: how those bodies spell their names
SPELT_BODIES = {name for _, name in _CODE_ISSUERS.values()}
_SPELT = {fold(name): name for name in SPELT_BODIES}


def issuer_from_number(number: str) -> tuple[str, str] | None:
    """The body a document's number names when it is one every province has or a central
    one: the part after the kind code ("61/2018/NĐ-CP" → Chính phủ), or the first part of
    a letter's code ("924/SNV-CCHC" → Sở Nội vụ); None for "UBND" and other local codes."""
    parts = [p for p in re.split(r"/", fold(number)) if p and not p.isdigit()]
    if not parts:
        return None
    codes = [c.replace(".", "") for c in parts[0].split("-")]
    issuer = codes[1] if codes[0] in _CODE_KINDS and len(codes) > 1 else codes[0]
    return _CODE_ISSUERS.get(issuer)


# --- is it a CCHC document at all? -------------------------------------------

#: Words every administrative-reform text uses somewhere (matched folded); a file
#: with fewer than two of them (a README, a novel, a spreadsheet export) is not one.
_CCHC_SIGNALS = re.compile(
    r"cai cach hanh chinh|\bcchc\b|thu tuc hanh chinh|\btthc\b|mot cua|uy ban nhan dan|\bubnd\b"
    r"|\bhdnd\b|chinh quyen|cong chuc|can bo|van ban quy pham|dich vu cong|noi vu|chuyen doi so"
    r"|ngan sach|bien che|bo may|cong vu|ke hoach so|quyet dinh so|nghi dinh|thong tu|nghi quyet"
    r"|\bxa\b|\bphuong\b|\bhuyen\b|\btinh\b|ho so|phap luat|hoa giai|chi so|par index|sipas"
    r"|tiet kiem|tu chu|co quan|hanh chinh|nha nuoc|to dan pho|\bthon\b"
)


_NO_MARKS = {c: None for c in range(0x300, 0x370)} | {ord("đ"): "d", ord("Đ"): "D"}


def _quick_fold(text: str) -> str:
    """:func:`~cchc_nlp.normalise.fold` by translation table (same result, several times faster)."""
    import unicodedata

    return unicodedata.normalize("NFD", text).translate(_NO_MARKS).lower()


def cchc_signals(text: str, limit: int = 20_000) -> int:
    """How many distinct CCHC words the text uses (its first ``limit`` characters)."""
    return len(set(_CCHC_SIGNALS.findall(_quick_fold(text[:limit]))))


def looks_like_cchc(text: str) -> bool:
    """At least two CCHC words: every one of the 618 corpus documents passes.
    The opening decides most texts; the rest is read only when it does not."""
    return cchc_signals(text, 2_000) >= 2 or cchc_signals(text) >= 2
