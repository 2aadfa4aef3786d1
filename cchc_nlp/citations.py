"""Cited documents: find them, parse them, identify them across reports.

A citation names a document type, a number, usually a year and a code of type
and issuer, often a date, an issuer and a subject::

    Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa …
    └ type word ┘    └number/year/code┘ └ date ┘ └ issuer ──┘ └ subject ─────────────┘

:func:`find_citations` is a pure function over report text.  It is built
around one cheap anchor, the *number/code core* (``61/2018/NĐ-CP``,
``126/UBND- NV``, ``18- NQ/TW``): every core is found with one ``finditer``
pass, then small anchored regexes look a few characters behind it (type word,
"số", a "Số:" header) and ahead of it (date, "của …" issuer, "về …" subject).
A second pass finds laws cited by name and date or year ("Luật Đất đai năm
2023"), which have no number.  Every regex is either anchored at a known
position or bounded, and repetition is possessive where it can be, so no input
makes it backtrack badly (a 10 MB line of report text takes about a second).

Identity: ``canonical`` is ``number[/year]/CODE`` (``61/2018/NĐ-CP``,
``02/KH-UBND``) or ``number-TYPE/ISSUER`` for Party documents (``18-NQ/TW``);
laws cited by name get ``"Luật <Name> <year>"`` (see :func:`law_canonical`).
:func:`citation_key` makes the key that identifies a document across reports
and :func:`parse_query` reads what a reviewer types into a search box.

Problems (``Citation.problems``, messages in :data:`PROBLEM_MESSAGES`, or
:func:`problem_message` for one citation): ``type_code_mismatch``,
``invalid_date``, ``year_mismatch``, ``dated_after_report``, ``unknown_code``
(a type or issuer part of the code that is not a known abbreviation; the lists
are in ``corpus/gold/CITATIONS_GUIDELINES.md``) and ``superseded`` (a central
document that the sourced reference table ``data/central_documents.json``
records as replaced or expired before the report; see :func:`central_document`).

Offsets index the text you pass in; ``surface == text[start:end]`` always.
``surface`` runs from the type word (when there is one) to the end of the
code; for a law cited by name it runs to the end of its date or year.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .model import OFFICE_FIELDS, Citation
from .normalise import UPPER as _UP
from .normalise import fold

__all__ = [
    "TYPE_IDS",
    "TYPE_LABELS",
    "PROBLEM_MESSAGES",
    "find_citations",
    "citation_key",
    "is_central",
    "parse_query",
    "QueryMatch",
    "law_canonical",
    "central_document",
    "problem_message",
]

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

#: Stable type ids (DOMAIN.md), with their Vietnamese labels.
TYPE_LABELS: dict[str, str] = {
    "luat": "Luật",
    "bo_luat": "Bộ luật",
    "hien_phap": "Hiến pháp",
    "nghi_quyet": "Nghị quyết",
    "nghi_quyet_lien_tich": "Nghị quyết liên tịch",
    "nghi_dinh": "Nghị định",
    "quyet_dinh": "Quyết định",
    "chi_thi": "Chỉ thị",
    "thong_tu": "Thông tư",
    "thong_tu_lien_tich": "Thông tư liên tịch",
    "ke_hoach": "Kế hoạch",
    "cong_van": "Công văn",
    "thong_bao": "Thông báo",
    "bao_cao": "Báo cáo",
    "huong_dan": "Hướng dẫn",
    "to_trinh": "Tờ trình",
    "ket_luan": "Kết luận",
    "de_an": "Đề án",
    "chuong_trinh": "Chương trình",
    "quy_che": "Quy chế",
    "quy_dinh": "Quy định",
    "unknown": "Không rõ loại",
}
TYPE_IDS: tuple[str, ...] = tuple(TYPE_LABELS)

#: Problem ids set on ``Citation.problems``, with the message a reviewer reads.
PROBLEM_MESSAGES: dict[str, str] = {
    "type_code_mismatch": "Loại văn bản không khớp với ký hiệu (ví dụ: Quyết định số 41/KH-UBND).",
    "invalid_date": "Ngày ban hành không tồn tại (ví dụ: 32/05/2024).",
    "year_mismatch": "Năm trong số hiệu khác năm của ngày ban hành.",
    "dated_after_report": "Văn bản được dẫn có ngày ban hành sau ngày của báo cáo.",
    "unknown_code": "Ký hiệu có phần loại văn bản hoặc phần cơ quan ban hành không phải chữ viết tắt đã biết "
    "(ví dụ: 12/XYZ-UBND).",
    "superseded": "Văn bản được dẫn đã được thay thế hoặc đã hết hiệu lực vào thời điểm của báo cáo; "
    "cần dẫn văn bản thay thế.",
}

# Type words as written in prose, lower case, one space between syllables.
# "văn bản" is generic ("Văn bản số 126/UBND-NV"): the type comes from the code.
_WORD_TYPES: dict[str, str | None] = {
    "nghị quyết liên tịch": "nghi_quyet_lien_tich",
    "thông tư liên tịch": "thong_tu_lien_tich",
    "bộ luật": "bo_luat",
    "hiến pháp": "hien_phap",
    "nghị quyết": "nghi_quyet",
    "nghị định": "nghi_dinh",
    "quyết định": "quyet_dinh",
    "chỉ thị": "chi_thi",
    "thông tư": "thong_tu",
    "kế hoạch": "ke_hoach",
    "công văn": "cong_van",
    "thông báo": "thong_bao",
    "báo cáo": "bao_cao",
    "hướng dẫn": "huong_dan",
    "tờ trình": "to_trinh",
    "kết luận": "ket_luan",
    "đề án": "de_an",
    "chương trình": "chuong_trinh",
    "quy chế": "quy_che",
    "qui chế": "quy_che",  # old spelling, still common
    "quy định": "quy_dinh",
    "qui định": "quy_dinh",
    "luật": "luat",
    "văn bản": None,
    # Qualified type words: "Chương trình hành động số 16-CTr/TU",
    # "Báo cáo thẩm định số 18/BCTĐ-STP", "Kế hoạch liên tịch số …".
    "chương trình hành động": "chuong_trinh",
    "báo cáo thẩm định": "bao_cao",
    "báo cáo thẩm tra": "bao_cao",
    "kế hoạch liên tịch": "ke_hoach",
    "hướng dẫn liên tịch": "huong_dan",
    "thông báo kết luận": "thong_bao",
    "công văn hỏa tốc": "cong_van",
    "công văn hoả tốc": "cong_van",
}
# Abbreviated type words, matched case-sensitively ("KH số 02/KH-UBND").
_ABBR_TYPES: dict[str, str] = {
    "NĐ": "nghi_dinh", "NQ": "nghi_quyet", "QĐ": "quyet_dinh", "KH": "ke_hoach",
    "CT": "chi_thi", "TT": "thong_tu", "TB": "thong_bao", "BC": "bao_cao",
    "HD": "huong_dan", "CV": "cong_van", "TTr": "to_trinh", "KL": "ket_luan",
    "CTr": "chuong_trinh",
}  # fmt: skip

# The type part of a code ("QĐ" in "139/QĐ-UBND", "NQ" in "18-NQ/TW").
_CODE_TYPES: dict[str, str] = {
    "NĐ": "nghi_dinh", "QĐ": "quyet_dinh", "KH": "ke_hoach", "NQ": "nghi_quyet",
    "CT": "chi_thi", "TT": "thong_tu", "TTLT": "thong_tu_lien_tich",
    "NQLT": "nghi_quyet_lien_tich", "TB": "thong_bao", "BC": "bao_cao",
    "HD": "huong_dan", "TTr": "to_trinh", "KL": "ket_luan", "ĐA": "de_an",
    "CTr": "chuong_trinh", "QC": "quy_che", "QyĐ": "quy_dinh", "QyC": "quy_che",
    "BCTĐ": "bao_cao", "BCTT": "bao_cao", "CTrHĐ": "chuong_trinh",
}  # fmt: skip
# Type parts of other document kinds we do not type (công điện, giấy mời, pháp
# lệnh, hợp đồng, biên bản): known, so not "unknown_code", but typed "unknown".
_OTHER_TYPE_CODES = frozenset({"CĐ", "GM", "PL", "HĐ", "BB", "GXN", "GCN", "GUQ", "PC", "TC"})
# Conventional spelling of mixed-case code parts, looked up by upper case.
_MIXED_CASE = {p.upper(): p for p in ("TTr", "CTr", "QyĐ", "QyC", "TTg")}

# Issuer parts of codes that are national (central) bodies.
_CENTRAL_CODES = frozenset(
    {
        "CP", "TTg", "VPCP", "TW", "TƯ", "UBDT", "NHNN", "KTNN", "TANDTC",
        "VKSNDTC", "BCT", "BNV", "BTC", "BTP", "BKHĐT", "BTTTT", "BTNMT",
        "BLĐTBXH", "BGDĐT", "BYT", "BXD", "BGTVT", "BNNPTNT", "BKHCN",
        "BVHTTDL", "BQP", "BCA", "BNG", "BNNMT", "BDTTG", "BKHCNMT",
    }
)  # fmt: skip
# "B…" codes that are local bodies, not ministries (ban chỉ đạo, ban quản lý,
# ban thường vụ, ban tuyên giáo, ban dân vận, ban chấp hành, ban tổ chức …).
_LOCAL_B_CODES = frozenset({"BCĐ", "BQL", "BTV", "BTG", "BDV", "BCH", "BTT", "BTCHU", "BTCTU", "BVĐ"})
# Issuer parts that name a body ("179/UBND", "126/UBND-NV", "…/SNV-CCHC").
_ISSUER_CODES = frozenset(
    {
        "UBND", "UB", "HĐND", "HU", "TU", "ĐU", "ĐUX", "QU", "TXU", "THU", "BCSĐ",
        "MTTQ", "UBMTTQ", "VP", "NV", "TP", "TCKH", "VPUB", "VPHĐND", "LĐLĐ",
        "HLHPN", "HND", "HCCB", "ĐTN", "BHXH", "CA", "BCH", "BCĐ", "BQL", "BTV",
        "BTG", "BDV", "SNV", "STC", "STP", "SKHĐT", "STTTT", "SNN", "SYT",
        "SGDĐT", "SLĐTBXH", "SVHTTDL", "STNMT", "SXD", "SGTVT", "SCT", "SKHCN",
        "SNNPTNT", "SNNMT", "SDTTG", "CCHC", "KSTT", "VX", "KT", "NC", "TH",
        "PNV",  # Phòng Nội vụ of a district ("172/PNV-CCHC")
    }
) | _CENTRAL_CODES  # fmt: skip
_ISSUER_LIKE_RE = re.compile(r"(?:UBND|HĐND|UBTVQH|QH)\d{0,2}|[BS][A-ZĐ]{1,8}|UBND[A-ZĐ]{1,6}")
# Divisions, offices and services named after the body in a code ("126/UBND-NV",
# "473/STP-PBGDPL", "2796/UBND-TH", "19/BC-TTPVHCC"), and other bodies seen in
# the issuer part.  They count as known for ``unknown_code`` only: unlike
# ``_ISSUER_CODES`` they never make a bare code a citation on their own.
_UNIT_CODES = frozenset(
    {
        # offices and divisions of a People's Committee, a department, a ministry
        "VP", "NV", "TH", "KT", "VX", "NC", "TP", "PC", "NCPC", "NCKS", "NCNV", "KGVX",
        "KTTH", "KTN", "KTHT", "QHĐP", "QHQT", "TCCV", "TCBC", "CCVC", "XDCQ", "TCBM",
        "VTLT", "TĐKT", "TCCB", "TCHC", "HCTC", "HC", "KHTC", "TCKH", "KHĐT", "TNMT",
        "VHTT", "VHXH", "LĐTBXH", "YT", "GDĐT", "QLĐT", "NN", "NNPTNT", "NNMT", "QS",
        "BCHQS", "TTHC", "KSTTHC", "KSTT", "CCHC", "PBGDPL", "HCTP", "TTPVHCC", "TTHCC",
        "TTPVHC", "BPMC", "MC", "ĐT", "TC", "KH", "CN", "DL", "DT", "TG", "TĐ", "MT",
        "TTr", "TT", "ĐN", "HTQT", "KTXH", "CNTT", "VHTTDL", "TKBT", "KTĐN",
        # bodies
        "CTN", "VPQH", "VPCTN", "ĐĐBQH", "ĐBQH", "TAND", "VKSND", "CAT", "CAH", "CAX",
        "KBNN", "CCT", "CTK", "NHCSXH", "UBMTTQVN", "UBTWMTTQVN", "MTTQVN", "CĐ",
        "CĐCS", "HTX", "TTXVN", "HĐTĐKT", "HĐPH", "ĐBHĐND",
    }
)  # fmt: skip
# Party bodies and their boards: "TW", "TU", "HU", "ĐU" …, "BTGTW", "BTCHU",
# "UBKTTU", "VPTU".
_PARTY_BODY_RE = re.compile(r"(?:B[A-ZĐ]{1,4}|UBKT|VP|ĐB|ĐĐ)?(?:TW|TƯ|TU|HU|ĐU|ĐUX|QU|TXU|THU|TPU|ĐUK)")

# Vietnamese capital letters: Python's re has no \p{Lu}.


def _words(phrase: str) -> str:
    """Regex for a phrase whose syllables may be split by any whitespace."""
    return r"\s+".join(re.escape(w) for w in phrase.split())


def _alt(phrases) -> str:
    # Longest first, so "Nghị quyết liên tịch" wins over "Nghị quyết".
    return "|".join(_words(p) for p in sorted(phrases, key=len, reverse=True))


# --------------------------------------------------------------------------
# Regexes
# --------------------------------------------------------------------------

_HY = "-–‑‐"  # hyphen, en dash, non-breaking hyphen, Unicode hyphen (PDF/Word)
# Between two parts of a code: a hyphen, spaces and line breaks allowed around
# it ("NĐ- CP", "KH-\nUBND"), or "&" ("SNV-CCHC&PC").
_JOIN = rf"(?:\s*+[{_HY}]\s*+|&)"
# One part of a code: upper-case letters, at most one lower-case letter inside
# (TTr, CTr, TTg, QyĐ), optional digits (QH14, UBTVQH15).
_PART = rf"[{_UP}]{{1,12}}(?:[a-z][{_UP}]{{0,6}})?\d{{0,2}}"
# Where a code may end: not inside a word, or glued to a function word, as PDF
# extraction leaves it ("NĐ-CPngày", "KH-UBNDvề").
_CODE_END = r"(?:(?!\w)|(?=(?:ngày|về|của|và|năm|ban|quy|hướng|tại|theo|trong|để|nhằm)(?!\w)))"

# The anchor.  No leading lookbehind: starting with \d lets the regex engine
# skip ahead to digits; what precedes the number is checked in Python.
_CORE_RE = re.compile(
    rf"""
    # A number, or a number with one lower-case letter glued to it before the
    # slash ("30c/NQ-CP", "136a/QĐ-UBND"): the letter is part of the number.
    (?P<num>\d{{1,6}}+(?:[a-zđ](?=\s*+/))?)(?![\da-zđ])
    (?:
        # Party documents: 18-NQ/TW, 01-CTr/ĐU, "18- NQ/TW"
        \s*+[{_HY}]\s*+(?P<ptype>{_PART})\s*+/\s*+
        (?P<pissuer>{_PART}(?:{_JOIN}{_PART}){{0,3}})
      |
        # State documents: 61/2018/NĐ-CP, 139/QĐ-UBND, 126/UBND- NV, "25 /BC-UBND"
        \s*+/\s*+(?:(?P<year>(?:19|20)\d\d)\s*+/\s*+)?
        (?P<code>{_PART}(?:{_JOIN}{_PART}){{0,5}})
    )
    {_CODE_END}
    """,
    re.VERBOSE,
)


def _rev_alt(phrases) -> str:
    """Like :func:`_alt`, for matching the phrases on reversed text."""
    out = []
    for p in sorted(phrases, key=len, reverse=True):
        out.append(r"\s+".join(re.escape(w[::-1]) for w in reversed(p.split())))
    return "|".join(out)


# What precedes a core, matched on the *reversed* text just before it, so the
# match is anchored at the number and costs one attempt instead of a search.
_REV_BEFORE_RE = re.compile(
    r"[ \t\r\n]*+(?P<colon>[:.][ \t\r\n]*+)?"
    r"(?:(?P<so>(?i:ốs)|os|OS)(?!\w)[ \t\r\n]*+)?"
    rf"(?:(?P<tw>(?i:{_rev_alt(_WORD_TYPES)})|{_rev_alt(_ABBR_TYPES)})(?!\w))?"
)
# "(Kèm theo Báo cáo số …" in an appendix caption: the report itself.
_ATTACHED_RE = re.compile(r"\(\s*(?i:kèm\s+theo)\s*$")
# "(Ban hành) kèm theo Quyết định số …": attached to that document.
_KEM_THEO_RE = re.compile(r"(?i:kèm\s+theo)\s*$")

_DATE = (
    r"(?P<d>\d{1,2})\s*+[/.\-–]\s*+(?P<m>\d{1,2})\s*+[/.\-–]\s*+(?P<y>\d{4})(?!\d)"
    r"|(?P<d2>\d{1,2})\s++(?i:tháng)\s++(?P<m2>\d{1,2})\s++(?i:năm)\s++(?P<y2>\d{4})(?!\d)"
)
# A date right after the code: "ngày 23/4/2018", ", ngày 5/3/2020",
# "ban hành ngày 14 tháng 5 năm 2016", "(05/01/2024)".
_DATE_AFTER_RE = re.compile(
    r"\s*+[,(]?\s*+(?:(?i:được)\s++)?(?:(?i:ban\s+hành|ký)\s++)?(?:(?i:ngày)\s*+)?"
    rf"(?P<date>{_DATE})"
)

# ---- issuers -------------------------------------------------------------
_FIELD = "|".join(
    r"\s*[-–,]?\s*".join(_words(chunk) for chunk in re.split(r"\s*[-–,]\s*", f))
    for f in sorted(OFFICE_FIELDS, key=len, reverse=True)
)
_FIXED_ORGS = [
    "ủy ban thường vụ quốc hội", "uỷ ban thường vụ quốc hội", "thủ tướng chính phủ",
    "văn phòng chính phủ", "chính phủ", "quốc hội", "thủ tướng", "bộ chính trị",
    "ban bí thư", "ban chấp hành trung ương đảng", "ban chấp hành trung ương",
    "bch trung ương", "trung ương đảng", "trung ương", "kiểm toán nhà nước",
    "ngân hàng nhà nước việt nam", "ngân hàng nhà nước", "ủy ban dân tộc", "uỷ ban dân tộc",
]  # fmt: skip
_LOCAL_HEADS = [
    "ủy ban nhân dân", "uỷ ban nhân dân", "hội đồng nhân dân", "ủy ban mặt trận tổ quốc việt nam",
    "ủy ban mặt trận tổ quốc", "uỷ ban mặt trận tổ quốc", "đảng ủy", "đảng uỷ", "đảng bộ",
    "tỉnh ủy", "tỉnh uỷ", "huyện ủy", "huyện uỷ", "thành ủy", "thành uỷ", "thị ủy", "thị uỷ",
    "ban chỉ đạo", "ban thường vụ", "ban chấp hành", "thường trực hđnd", "thường trực hội đồng nhân dân",
]  # fmt: skip
_TITLES = [
    "chủ tịch", "phó chủ tịch", "thủ tướng", "phó thủ tướng", "bộ trưởng", "giám đốc",
    "trưởng ban", "trưởng phòng", "chánh văn phòng", "bí thư", "thường trực",
    "ban thường vụ", "ban chấp hành", "ban chỉ đạo",
]  # fmt: skip
_LEVEL = r"(?i:(?:cấp\s+)?(?:tỉnh|huyện|xã|phường|thị\s+trấn|thị\s+xã|thành\s+phố|quận|đặc\s+khu)(?!\w)|TP\.?|TX\.?)"
# A place name: capitalised words, not a capitalised function word that starts
# the subject ("… của Chính phủ Sửa đổi, bổ sung …").
_NAME_STOP = r"(?:Về|V/v|Quy|Qui|Sửa|Ban|Hướng|Triển|Thực|Tăng|Phê|Trong|Tại|Theo|Năm|Ngày|Số|Và|Của|Kế|Quyết|Nghị|Thông|Công|Chỉ|Luật)(?!\w)"
# (a syllable may carry an apostrophe: "K’Nớ", "Ea H'Leo", "Đắk R’Lấp")
# (a heading's Roman numeral is no syllable: "… Vũng Tàu" / "I. Khái quát chung")
_NAME_WORD = rf"(?:(?!{_NAME_STOP}|[IVX]+\.)[{_UP}][\w]*+(?:['’]\w++)*+|\d{{1,2}}(?![\d/]))"
# words of a name run on across one line break (a PDF wraps them), never across a blank line
_NAME = rf"{_NAME_WORD}(?:(?:[ \t]++|[ \t]*+\r?\n[ \t]*+){_NAME_WORD}){{0,3}}"
_ISSUER = rf"""
    (?:(?i:{_alt(_TITLES)})\s++)?
    (?:
        (?i:{_alt(_FIXED_ORGS)})(?!\w)
      | (?:UBND|HĐND|UBMTTQ(?:VN)?|BCH|BTV|BCĐ|(?i:{_alt(_LOCAL_HEADS)}))(?!\w)
        (?:\s++{_LEVEL}(?:\s++{_NAME})?)?
      | (?i:bộ\s+(?:{_FIELD}))(?!\w)
      | (?i:(?:sở|phòng)\s+(?:{_FIELD}))(?!\w)(?:\s++{_LEVEL}(?:\s++{_NAME})?)?
      | (?i:văn\s+phòng)\s++(?:UBND|HĐND|(?i:ủy\s+ban\s+nhân\s+dân|uỷ\s+ban\s+nhân\s+dân))
        (?:\s++{_LEVEL}(?:\s++{_NAME})?)?
    )
"""
_CLOSE_RE = re.compile(r"[ \t\r\n]*+\)")
_ISSUER_AFTER_RE = re.compile(rf"\s*+,?\s*+\(?\s*+(?i:của)\s++(?P<issuer>{_ISSUER})", re.VERBOSE)

# ---- subjects ------------------------------------------------------------
_SUBJECT_START_RE = re.compile(
    r"\s*+,?\s*+(?P<kw>(?i:về\s+việc|về|v/v)|(?i:quy\s+định|hướng\s+dẫn|ban\s+hành))(?=\s|$)"
)
# Where a subject ends: a semicolon, a sentence end, a new list item or
# heading, on its own line or flattened into the line ("… năm 2023 + Kế hoạch",
# "… hành chính 6. Đẩy mạnh", "… Văn thư - Về kết quả").
_SUBJECT_END_RE = re.compile(
    rf";|\./\.|\.(?=\s+[{_UP}\d\-+•]|\s*$)|\n(?=\s*(?:[-+•*]|\d+\.|[IVX]+\.|[a-zđ]\)))|[.:;!?]\s*\n"
    rf"|\s[+•*](?=\s)|\s[-–]\s+(?=[{_UP}])|\s\d{{1,2}}\.(?:\d{{1,2}}\.)*\s+(?=[{_UP}])|\s[IVX]+\.\s+(?=[{_UP}])"
)
_SUBJECT_MAX = 300

# ---- lists ---------------------------------------------------------------
# What may separate the members of a list sharing one type word:
# "các Quyết định số 01/QĐ-UBND, 02/QĐ-UBND và 03/QĐ-UBND".
_LIST_GAP_RE = re.compile(r"\s*+(?:,|;|&|(?i:và|hoặc|cùng))?\s*+(?:(?i:và|các)\s++)?(?:(?i:số)\s*+:?\s*+)?")
# What may separate two citations that share one trailing issuer:
# "Nghị định số 34/2016/NĐ-CP và Nghị định số 154/2020/NĐ-CP của Chính phủ".
_SHARE_GAP_RE = re.compile(r"\s*+(?:,|(?i:và|hoặc))\s*+(?:(?i:các)\s++)?")

# ---- laws cited by name ----------------------------------------------------
# "Luật Cán bộ, công chức ngày 13/11/2008", "Luật Đất đai năm 2023",
# "Luật ban hành văn bản QPPL 2015", "Hiến pháp năm 2013", "Bộ luật Lao động 2019".
# The name may hold commas ("Cán bộ, công chức") and hyphens, never digits or
# a capitalised "Luật" (that starts the next law of a list).
_LAW_WORD = r"(?!(?:Luật|LUẬT|Hiến|HIẾN)(?!\w))(?!(?i:ngày|năm|tháng|được)(?!\w))[^\W\d_]++"
_LAW_RE = re.compile(
    rf"""
    (?P<tw>(?i:bộ\s+luật|hiến\s+pháp|luật))(?!\w)
    # Possessive: no word of a name can start an anchor, so giving words back
    # never helps, and refusing to makes a failed match cost one pass.
    (?P<name>(?:\s++{_LAW_WORD}(?:(?:\s*+,\s*+|\s*+[{_HY}]\s*+|\s++){_LAW_WORD}){{0,15}}+)?+)
    (?P<anchor>
        \s*+,?\s*+(?:(?i:được)\s++)?(?:(?i:quốc\s+hội)(?:\s++(?i:khóa|khoá)\s++[IVXLC]+)?\s++)?
        (?:(?i:ban\s+hành|thông\s+qua)\s++)?
        (?:(?i:ngày)\s*+(?P<date>{_DATE})
          |(?i:năm)\s++(?P<ly>(?:19|20)\d\d)(?!\d)
          |(?P<by>(?:19|20)\d\d)(?![\d/.,]\d|\d)
        )
    )
    """,
    re.VERBOSE,
)
_PHAP_BEFORE_RE = re.compile(r"(?i:pháp|dự\s+án|dự\s+thảo)\s+$")
# "Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13": a law named
# before its number; looked for only when the code is a Quốc hội code.
_LAW_NAMED_BEFORE_RE = re.compile(
    rf"(?<!\w)(?P<tw>(?i:bộ\s+luật)|Luật|LUẬT)(?P<name>(?:\s++{_LAW_WORD}){{1,15}}?)\s++(?i:số)?\s*+:?\s*+$"
)
# Abbreviations expanded in canonical law names, so one law has one key.
_LAW_ABBR = {
    "QPPL": "quy phạm pháp luật",
    "VBQPPL": "văn bản quy phạm pháp luật",
    "HĐND": "hội đồng nhân dân",
    "HDND": "hội đồng nhân dân",
    "UBND": "ủy ban nhân dân",
    "CB,CC": "cán bộ, công chức",
}


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def _collapse(s: str) -> str:
    return " ".join(s.split())


def _fold(s: str) -> str:
    """:func:`normalise.fold` with single spaces: "UBND xã Hoằng Lưu" -> "ubnd xa hoang luu"."""
    return " ".join(fold(s).split())


def _canon_part(p: str) -> str:
    p = _ASCII_PARTS.get(p.upper(), p)
    return _MIXED_CASE.get(p.upper(), p)


#: code parts typed without "Đ" (plain keyboards, OCR): "609/QD-UBND" is "609/QĐ-UBND"
_ASCII_PARTS = {"QD": "QĐ", "ND": "NĐ", "HDND": "HĐND", "BCD": "BCĐ"}


def _issuer_like(p: str) -> bool:
    return p in _ISSUER_CODES or _ISSUER_LIKE_RE.fullmatch(p) is not None


_TO_HYPHEN = str.maketrans({h: "-" for h in _HY})


def _split_parts(code: str) -> list[str]:
    # "&" stays inside its part ("CCHC&PC"): it joins two units of one issuer.
    code = "".join(code.split()).translate(_TO_HYPHEN)
    return [_canon_part(p) for p in code.split("-") if p]


def _known_issuer_part(p: str) -> bool:
    """Whether an issuer part of a code is a known abbreviation (for ``unknown_code``).

    Known: the bodies of ``_ISSUER_CODES``, ministries "B…" and provincial
    departments "S…", People's Committees and councils (optionally numbered:
    "QH13", "UBTVQH15"), Party bodies ("TW", "HU", "BTGTW"), the divisions and
    offices of ``_UNIT_CODES``, each optionally followed by a number ("BCĐ389"),
    and ministry departments written as a letter and two digits ("V03", "C06");
    parts joined by "&" ("CCHC&PC") are checked one by one.
    """
    for sub in p.split("&"):
        base = sub.rstrip("0123456789") or sub
        if not sub or not (
            sub in _ISSUER_CODES
            or base in _ISSUER_CODES
            or base in _UNIT_CODES
            or _ISSUER_LIKE_RE.fullmatch(sub) is not None
            or _PARTY_BODY_RE.fullmatch(base) is not None
            or re.fullmatch(r"[A-ZĐ]\d{2}", sub) is not None  # departments of ministries: "V03", "C06"
        ):
            return False
    return True


def _restore_hyphen(parts: list[str]) -> list[str]:
    """"NĐCP" -> ["NĐ", "CP"]: PDF extraction sometimes drops the hyphen."""
    if len(parts) != 1:
        return parts
    p = parts[0]
    if p in _CODE_TYPES or p in _ISSUER_CODES or p in _OTHER_TYPE_CODES:
        return parts
    # "BCUBND" looks like a ministry code ("B…") but is "BC" + "UBND": a part
    # that only the B…/S… pattern calls an issuer is split when what follows
    # its type part is a listed body.
    pattern_only = _issuer_like(p)
    for t in _TYPES_LONGEST_FIRST:
        rest = p[len(t) :]
        if p.startswith(t) and rest and (rest in _ISSUER_CODES if pattern_only else _issuer_like(rest)):
            return [t, rest]
    return parts


_TYPES_LONGEST_FIRST = sorted(_CODE_TYPES, key=len, reverse=True)


def _make_date(d: str, m: str, y: str) -> date | None:
    try:
        dd = date(int(y), int(m), int(d))
    except ValueError:
        return None
    return dd if 1900 <= dd.year <= 2100 else None


def _date_of(m: re.Match) -> tuple[date | None, str]:
    """The date and the date as written, from a match of ``_DATE``."""
    if m.group("d") is not None:
        d, mo, y = m.group("d"), m.group("m"), m.group("y")
    else:
        d, mo, y = m.group("d2"), m.group("m2"), m.group("y2")
    return _make_date(d, mo, y), _collapse(m.group("date"))


def _code_type(parts: list[str]) -> tuple[str | None, bool]:
    """(type id of the code's type part or None, whether the code is known)."""
    if not parts:
        return None, False
    first = parts[0]
    if first in _CODE_TYPES:
        return _CODE_TYPES[first], True
    if first in _OTHER_TYPE_CODES:
        return "unknown", True
    if _issuer_like(first):
        return None, True  # no type part: a công văn ("126/UBND-NV"), or a law ("80/2015/QH13")
    return None, False


def _word_type(tw: str) -> str | None:
    key = _collapse(tw)
    if key in _ABBR_TYPES:
        return _ABBR_TYPES[key]
    return _WORD_TYPES.get(key.lower(), None)


_COMPATIBLE = {
    ("thong_tu", "thong_tu_lien_tich"),
    ("nghi_quyet", "nghi_quyet_lien_tich"),
    ("quy_dinh", "quyet_dinh"),  # Party "Quy định số 205-QĐ/TW" uses QĐ
}


# --------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Cand:
    """A citation being built (mutable scratch; the result is a frozen Citation)."""

    start: int
    num_start: int
    end: int
    number: str = ""
    year: int | None = None
    parts: tuple[str, ...] = ()
    party_type: str | None = None  # "NQ" in 18-NQ/TW
    type_word: str | None = None
    word_type: str | None = None  # type id from the type word
    has_word: bool = False
    law_name: str | None = None  # laws cited by name
    law_type: str | None = None
    display_name: str | None = None  # "Luật …" named before its number
    date: date | None = None
    date_text: str | None = None
    issuer: str | None = None
    subject: str | None = None
    tail: int = 0  # end of the date / issuer, before the subject
    inherited: bool = False
    header: bool = False  # "Số: 45/BC-UBND" or "(Kèm theo Báo cáo số …"

    @property
    def canonical(self) -> str:
        if self.law_name is not None:
            return law_canonical(self.law_type or "luat", self.law_name, self.year)
        code = self.code
        if self.party_type is not None:
            return f"{self.number}-{code}"
        if self.year is not None:
            return f"{self.number}/{self.year}/{code}"
        return f"{self.number}/{code}"

    @property
    def code(self) -> str:
        if self.party_type is not None:
            return f"{self.party_type}/{'-'.join(self.parts)}"
        return "-".join(self.parts)

    @property
    def issuer_parts(self) -> tuple[str, ...]:
        if self.party_type is None and self.parts and (
            self.parts[0] in _CODE_TYPES or self.parts[0] in _OTHER_TYPE_CODES
        ):
            return self.parts[1:]  # "QĐ-UBND" -> ("UBND",)
        return self.parts


def _find_cores(text: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _CORE_RE.finditer(text):
        s = m.start()
        if s and (text[s - 1].isalnum() or text[s - 1] in "./,_"):
            continue  # part of a bigger number, a fraction "3.996/4.001" or a word
        ptype = m.group("ptype")
        if ptype is not None:
            ptype = _canon_part(ptype)
            parts = _split_parts(m.group("pissuer"))
        else:
            parts = _restore_hyphen(_split_parts(m.group("code")))
        bare_ok = _plausible_bare(parts, ptype)
        if not bare_ok and not _letter_before(text, s):
            continue  # no type word, no "số", and not a code on its own: skip cheaply
        c = _Cand(start=s, num_start=s, end=m.end(), number=m.group("num"), parts=tuple(parts), party_type=ptype)
        if ptype is None and m.group("year"):
            c.year = int(m.group("year"))
        # Look behind: type word, "số", a "Số:" header.  Reversed text, so the
        # regex is anchored at the number and never searches.
        lo = max(0, s - 64)
        rb = _REV_BEFORE_RE.match(text[lo:s][::-1])
        if rb is not None:
            tw_ok = rb.group("tw") is not None
            if tw_ok and rb.group("tw")[::-1].lower() == "luật":
                # "văn bản quy phạm pháp luật số 02/2022/NQ-HĐND": "luật" ends a
                # phrase here, it is not the type word.
                tw_ok = _PHAP_BEFORE_RE.search(text, max(0, s - rb.end("tw") - 12), s - rb.end("tw")) is None
            if tw_ok:
                c.start = s - rb.end("tw")
                c.type_word = _collapse(text[c.start : c.start + len(rb.group("tw"))])
                c.word_type = _word_type(c.type_word)
                c.has_word = True
            if rb.group("so") is not None and not tw_ok and rb.group("colon") and text[s - rb.end("so")] == "S":
                c.header = True  # "Số: 45/BC-UBND" on a header line: the report's own number
        if c.has_word and c.word_type == "bao_cao" and _ATTACHED_RE.search(text, max(0, c.start - 24), c.start):
            c.header = True  # "(Kèm theo Báo cáo số 25/BC-UBND …)": the report itself
        if not c.has_word and not bare_ok:
            continue
        if not c.has_word and any(p.startswith(("QH", "UBTVQH")) for p in c.parts):
            ln = _LAW_NAMED_BEFORE_RE.search(text, max(0, s - 200), s)
            if ln is not None:  # "Luật Ban hành văn bản QPPL số 80/2015/QH13"
                c.start = ln.start()
                c.type_word = _collapse(ln.group("tw"))
                c.word_type = _word_type(c.type_word)
                c.has_word = True
                c.display_name = _collapse(ln.group("tw") + ln.group("name"))
        out.append(c)
    return out


def _letter_before(text: str, s: int) -> bool:
    """Whether a letter ends the text before ``s``, past spaces and one colon.

    A type word or "số" ends in a letter; when none can precede a core the
    regex look-behind is skipped (keeps pathological inputs cheap).
    """
    j, lo, colon = s - 1, max(0, s - 64), False
    while j >= lo:
        ch = text[j]
        if ch.isspace():
            j -= 1
        elif ch in ":." and not colon:
            colon = True
            j -= 1
        else:
            return ch.isalpha()
    return False


def _plausible_bare(parts: list[str], party_type: str | None) -> bool:
    """A code with no type word before it is a citation only if it looks like one.

    "số 126/UBND-NV" is a công văn; "5/TTHC" or "3/HS" are not citations.
    """
    if party_type is not None:
        return party_type in _CODE_TYPES and bool(parts)
    if len(parts) == 1:
        return _issuer_like(parts[0])
    return parts[0] in _CODE_TYPES or parts[0] in _OTHER_TYPE_CODES or any(_issuer_like(p) for p in parts)


_BO_BEFORE_RE = re.compile(r"(?i:bộ)\s+$")


def _law_starts(text: str) -> list[int]:
    """Where "Luật", "Bộ luật" or "Hiến pháp" may start, in text order.

    Found with ``str.find`` on "uật"/"iến" (several times faster than letting
    a case-insensitive regex try every position), then checked by hand.
    """
    hits: list[int] = []
    for needle in ("uật", "UẬT", "iến", "IẾN"):
        i = text.find(needle)
        while i != -1:
            if i and text[i - 1] in "LlHh":
                st = i - 1
                if text[st] in "Ll":
                    bo = _BO_BEFORE_RE.search(text, max(0, st - 12), st)
                    if bo is not None:
                        st = bo.start()
                hits.append(st)
            i = text.find(needle, i + 3)
    hits.sort()
    return hits


def _find_laws(text: str, taken: list[tuple[int, int]]) -> list[_Cand]:
    out: list[_Cand] = []
    taken_starts = [a for a, _ in taken]
    last_end = 0
    for st in _law_starts(text):
        if st < last_end:
            continue
        m = _LAW_RE.match(text, st)
        if m is None:
            continue
        s = m.start()
        if s and (text[s - 1].isalnum()):
            continue
        if _PHAP_BEFORE_RE.search(text, max(0, s - 12), s):
            continue  # "pháp luật năm 2023", "dự thảo luật …" are not citations
        tw = _collapse(m.group("tw"))
        wt = _word_type(tw) or "luat"
        name = _collapse(m.group("name"))
        if not name and wt != "hien_phap":
            continue
        k = bisect_left(taken_starts, m.end())
        if k and taken[k - 1][1] > s:
            continue  # already a numbered citation ("Luật số 80/2015/QH13 ngày …")
        last_end = m.end()
        c = _Cand(start=s, num_start=s, end=m.end(), type_word=tw, word_type=wt, has_word=True)
        c.law_type = wt
        c.law_name = _collapse(text[s : m.end("name")])
        if m.group("date") is not None:
            c.date, c.date_text = _date_of(m)
            ys = m.group("y") or m.group("y2")
            c.year = int(ys)
        else:
            c.year = int(m.group("ly") or m.group("by"))
        c.tail = m.end()
        out.append(c)
    return out


def _read_tail(text: str, c: _Cand, limit: int) -> None:
    """Date, issuer and subject after a numbered citation (bounded by ``limit``)."""
    pos = c.end
    dm = _DATE_AFTER_RE.match(text, pos, limit)
    if dm is not None:
        c.date, c.date_text = _date_of(dm)
        pos = dm.end()
        if "(" in text[dm.start() : dm.start("date")]:  # "(05/01/2024) của UBND xã": past the ")"
            cm = _CLOSE_RE.match(text, pos, limit)
            if cm is not None:
                pos = cm.end()
    im = _ISSUER_AFTER_RE.match(text, pos, limit)
    if im is not None:
        c.issuer = _collapse(im.group("issuer"))
        pos = im.end()
    c.tail = pos
    _read_subject(text, c, pos, limit)


def _read_subject(text: str, c: _Cand, pos: int, limit: int) -> None:
    sm = _SUBJECT_START_RE.match(text, pos, limit)
    if sm is None:
        return
    kw = sm.group("kw")
    body_start = sm.end() if kw.lower().startswith(("về", "v/v")) else sm.start("kw")
    stop = min(limit, body_start + _SUBJECT_MAX)
    em = _SUBJECT_END_RE.search(text, body_start, stop)
    end = em.start() if em is not None else stop
    subject = _collapse(text[body_start:end]).rstrip(" ,")
    if subject.lower().startswith("việc "):
        subject = subject[5:]
    c.subject = subject or None


def _own_canonical(own_number: str | None) -> str | None:
    """The canonical form of the report's own number ("Số: 45/BC- UBND" -> "45/BC-UBND")."""
    if not isinstance(own_number, str) or not own_number:
        return None
    cores = _find_cores(own_number)
    return cores[0].canonical if cores else None


def find_citations(
    text: str, *, own_number: str | None = None, report_date: date | None = None
) -> list[Citation]:
    """Find every cited document in a report's text.

    Args:
        text: the report's (normalised) text.  Line breaks and extra spaces
            may fall anywhere inside a citation.
        own_number: the report's own number ("45/BC-UBND"); its occurrences
            are the report's, not citations (unless they name an issuer with
            "của …" and are not "kèm theo" it: local numbers repeat across
            bodies).  When not given, the
            number on a "Số: …" header line is used.  "Số:" header lines and
            appendix captions "(Kèm theo Báo cáo số …)" are never citations.
        report_date: the report's date; citations dated after it get the
            problem ``dated_after_report``, and central documents that the
            reference table (``cchc_nlp/data/central_documents.json``) records
            as replaced or expired before it get ``superseded``.  Without a
            report date, the latest issue date among the text's own citations
            stands in for it (the report cannot be older than what it cites);
            when no citation in the text is dated, every replaced or expired
            document is ``superseded``.

    Returns:
        Citations in text order; ``text[c.start:c.end] == c.surface``.  Never
        raises on any string.

    Example::

        >>> [c] = find_citations("Thực hiện Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 "
        ...                      "của Chính phủ về thực hiện cơ chế một cửa")
        >>> c.type, c.canonical, c.date.isoformat(), c.issuer
        ('nghi_dinh', '61/2018/NĐ-CP', '2018-04-23', 'Chính phủ')
    """
    if not isinstance(text, str) or not text:
        return []
    cands = _find_cores(text)
    cands += _find_laws(text, [(c.start, c.end) for c in cands])
    cands.sort(key=lambda c: c.start)

    # Tails (date, issuer, subject), each bounded by the next citation.
    for i, c in enumerate(cands):
        limit = cands[i + 1].start if i + 1 < len(cands) else len(text)
        limit = max(limit, c.end)
        if c.law_name is None:
            _read_tail(text, c, limit)
        else:
            im = _ISSUER_AFTER_RE.match(text, c.end, limit)
            if im is not None:
                c.issuer = _collapse(im.group("issuer"))
                c.tail = im.end()
            _read_subject(text, c, c.tail, limit)

    # Lists sharing one type word: "các Quyết định số 01/QĐ-UBND, 02/QĐ-UBND".
    for prev, cur in zip(cands, cands[1:]):
        if cur.has_word or cur.law_name is not None or prev.word_type is None:
            continue
        if prev.subject is not None:
            continue
        gap = _LIST_GAP_RE.match(text, prev.tail, cur.num_start)
        if gap is None or gap.end() != cur.num_start or prev.tail == cur.num_start:
            continue
        ctype, _ = _code_type(list(cur.parts)) if cur.party_type is None else (_CODE_TYPES.get(cur.party_type), True)
        if ctype is not None and ctype != prev.word_type and (prev.word_type, ctype) not in _COMPATIBLE:
            continue  # the code says another type: not the same list
        cur.type_word, cur.word_type, cur.inherited = prev.type_word, prev.word_type, True

    # One issuer after the last of a list covers the ones before it, when they
    # come from the same body: "Nghị định số 34/2016/NĐ-CP và Nghị định số
    # 154/2020/NĐ-CP của Chính phủ".
    for i in range(len(cands) - 2, -1, -1):
        a, b = cands[i], cands[i + 1]
        if a.issuer is not None or b.issuer is None or a.subject is not None or a.law_name is not None:
            continue
        gap = _SHARE_GAP_RE.match(text, a.tail, b.start)
        if gap is None or gap.end() != b.start:
            continue
        if a.issuer_parts and a.issuer_parts == b.issuer_parts:
            a.issuer = b.issuer

    # The report's own number.
    own = _own_canonical(own_number)
    if own is None:
        own = next((c.canonical for c in cands if c.header and c.law_name is None), None)

    # Without a report date: the report is no older than its latest dated citation.
    floor = None
    if report_date is None:
        floor = max((c.date for c in cands if c.date is not None), default=None)

    result: list[Citation] = []
    for c in cands:
        if c.header:
            continue
        # The own number again in the body is the report itself, unless an
        # issuer is named: local numbers repeat across bodies ("Báo cáo số
        # 02/BC-UBND … của UBND huyện" in a commune's report 02/BC-UBND).
        if own is not None and c.law_name is None and c.canonical == own:
            if c.issuer is None or _KEM_THEO_RE.search(text, max(0, c.start - 24), c.start):
                continue
        result.append(_to_citation(text, c, report_date, floor))
    return result


def _to_citation(text: str, c: _Cand, report_date: date | None, floor: date | None = None) -> Citation:
    problems: list[str] = []
    if c.law_name is not None:
        ctype, number, code = c.law_type or "luat", "", ""
        name = c.law_name
    else:
        name = c.display_name
        number, code = c.number, c.code
        if c.party_type is not None:
            code_type, known = _CODE_TYPES.get(c.party_type), c.party_type in _CODE_TYPES
        else:
            code_type, known = _code_type(list(c.parts))
        wt = c.word_type
        if wt is not None and code_type is not None and code_type != "unknown" and wt != code_type:
            if (wt, code_type) in _COMPATIBLE:
                ctype = code_type if code_type.endswith("lien_tich") else wt
            else:
                ctype = wt
                if not c.inherited:
                    problems.append("type_code_mismatch")
        elif wt is not None:
            ctype = wt
        elif code_type is not None:
            ctype = code_type
        elif known and c.parts and not any(p.startswith(("QH", "UBTVQH")) for p in c.parts):
            ctype = "cong_van"  # a code with no type part: "126/UBND-NV"
        else:
            ctype = "unknown"
        if not known or not all(_known_issuer_part(p) for p in c.issuer_parts):
            problems.append("unknown_code")
    if c.date_text is not None and c.date is None:
        problems.append("invalid_date")
    if c.date is not None and c.year is not None and c.law_name is None and c.date.year != c.year:
        problems.append("year_mismatch")
    if c.date is not None and report_date is not None and c.date > report_date:
        problems.append("dated_after_report")
    if _is_superseded(central_document(c.canonical), report_date, floor):
        problems.append("superseded")
    return Citation(
        start=c.start,
        end=c.end,
        surface=text[c.start : c.end],
        type=ctype,
        number=number,
        year=c.year,
        code=code,
        canonical=c.canonical,
        date=c.date,
        date_text=c.date_text,
        issuer=c.issuer,
        subject=c.subject,
        type_word=c.type_word,
        name=name,
        problems=tuple(problems),
    )


def law_canonical(type_id: str, name: str, year: int | None) -> str:
    """The canonical form of a law cited by name: ``"Luật <Name> <year>"``.

    The name is normalised so the same law reads the same in every report:
    whitespace collapsed, "QPPL"/"VBQPPL" spelled out, the first letter of the
    name upper case and the other words lower case (acronyms such as "HĐND"
    and "Việt Nam" kept), as the official titles are written.

    Example::

        >>> law_canonical("luat", "Luật ban hành văn bản QPPL", 2015)
        'Luật Ban hành văn bản quy phạm pháp luật 2015'
    """
    label = TYPE_LABELS.get(type_id, "Luật")
    if type_id == "hien_phap":
        return f"{label} {year}" if year else label  # one constitution a year: the year names it
    words = _collapse(name).split(" ")
    # Drop the type word as written ("Luật", "Bộ luật", "Hiến pháp").
    n_label = len(label.split(" "))
    if [w.lower() for w in words[:n_label]] == label.lower().split(" "):
        words = words[n_label:]
    out: list[str] = []
    for w in words:
        if w in _LAW_ABBR:
            out.extend(_LAW_ABBR[w].split(" "))
        elif len(w) > 1 and w.isupper():
            out.append(w)
        else:
            out.append(w.lower())
    body = " ".join(out).replace("việt nam", "Việt Nam")
    if body:
        body = body[0].upper() + body[1:]
    parts = [label] + ([body] if body else []) + ([str(year)] if year else [])
    return " ".join(parts)


# --------------------------------------------------------------------------
# Central documents: status and successors (the "superseded" problem)
# --------------------------------------------------------------------------

_CENTRAL_TABLE = Path(__file__).resolve().parent / "data" / "central_documents.json"
_central_index: dict[str, dict] | None = None


def _doc_key(canonical: str) -> str:
    return _fold(strip_zeros(canonical))


def _central_documents() -> dict[str, dict]:
    """The reference table, indexed by folded canonical form and aliases (loaded once)."""
    global _central_index
    if _central_index is None:
        try:
            data = json.loads(_CENTRAL_TABLE.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        index: dict[str, dict] = {}
        for entry in data.get("documents", []):
            for name in [entry["canonical"], *entry.get("aliases", [])]:
                index[_doc_key(name)] = entry
        _central_index = index
    return _central_index


def central_document(canonical: str) -> dict | None:
    """The reference-table entry of a central document, by canonical form or alias.

    The table (``cchc_nlp/data/central_documents.json``) holds the central
    documents most cited in CCHC reports: title, date, issuer, status
    (``in_force``, ``amended``, ``replaced``, ``expired`` or ``unknown``),
    successors and the public sources of each fact.  Leading zeros, case and
    diacritics do not matter; a law is found by number or by name.

    Example::

        >>> central_document("61/2018/NĐ-CP")["successors"][0]["canonical"]
        '118/2025/NĐ-CP'
        >>> central_document("Luật Ban hành văn bản quy phạm pháp luật 2015")["canonical"]
        '80/2015/QH13'
        >>> central_document("5/KH-UBND") is None
        True
    """
    if not isinstance(canonical, str) or not canonical:
        return None
    return _central_documents().get(_doc_key(canonical))


def _iso(s) -> date | None:
    try:
        return date.fromisoformat(s) if s else None
    except (TypeError, ValueError):
        return None


def _is_superseded(entry: dict | None, report_date: date | None, floor: date | None) -> bool:
    """Replaced or expired when the report was written (see :func:`find_citations`)."""
    if entry is None or entry.get("status") not in ("replaced", "expired"):
        return False
    when = report_date if report_date is not None else floor
    if when is None:
        return True  # nothing dates the report: the document is known to be superseded
    since = _iso(entry.get("superseded_from"))
    return since is not None and when >= since


def _doc_label(canonical: str, type_id: str | None, name: str | None = None) -> str:
    """"Nghị định 118/2025/NĐ-CP", "Luật Ban hành … 2025 (64/2025/QH15)"."""
    if name:
        return f"{name} ({canonical})" if name != canonical else name
    if canonical.startswith(("Luật", "Bộ luật", "Hiến pháp")):
        return canonical
    label = TYPE_LABELS.get(type_id or "", "")
    return f"{label} {canonical}" if label and type_id != "unknown" else canonical


def _entry_label(entry: dict) -> str:
    name = next((a for a in entry.get("aliases", []) if a.startswith(("Luật", "Bộ luật", "Hiến pháp"))), None)
    return _doc_label(entry["canonical"], entry.get("type"), name)


_EXAMPLE_RE = re.compile(r"\s*\(ví dụ[^)]*\)")


def problem_message(c: Citation, problem: str, *, example: bool = True) -> str:
    """The Vietnamese message for one problem of one citation.

    For ``superseded`` it names the successor and the date from which it
    applies; for the other problems it is ``PROBLEM_MESSAGES[problem]``, whose
    "(ví dụ: …)" illustrates the problem in general; ``example=False`` drops it
    where the message stands beside the citation itself.

    Example::

        >>> [c] = find_citations("Nghị định số 61/2018/NĐ-CP", report_date=date(2025, 9, 30))
        >>> c.problems
        ('superseded',)
        >>> problem_message(c, "superseded")
        'Nghị định 61/2018/NĐ-CP đã được thay thế bởi Nghị định 118/2025/NĐ-CP từ ngày 01/07/2025.'
    """
    if problem == "superseded":
        entry = central_document(c.canonical)
        if entry is not None and entry.get("status") in ("replaced", "expired"):
            succ = " và ".join(
                _doc_label(s["canonical"], s.get("type"), s.get("name")) for s in entry.get("successors", [])
            )
            since = _iso(entry.get("superseded_from"))
            when = f" từ ngày {since.strftime('%d/%m/%Y')}" if since else ""
            if entry["status"] == "replaced":
                if succ:
                    return f"{_entry_label(entry)} đã được thay thế bởi {succ}{when}."
                return f"{_entry_label(entry)} đã được thay thế{when}."
            if succ:
                return f"{_entry_label(entry)} đã hết hiệu lực; văn bản thay thế: {succ}{when}."
            return f"{_entry_label(entry)} đã hết hiệu lực{when}."
    message = PROBLEM_MESSAGES.get(problem, problem)
    return message if example else _EXAMPLE_RE.sub("", message)


# --------------------------------------------------------------------------
# Identity
# --------------------------------------------------------------------------

_NUMBERED_CANON_RE = re.compile(r"^(?P<num>\d+)(?P<suffix>[a-zđ]?)(?:/(?P<year>\d{4}))?/(?P<code>.+)$")
_PARTY_CANON_RE = re.compile(r"^(?P<num>\d+)-(?P<ptype>[^/]+)/(?P<code>.+)$")
_LAW_CANON_RE = re.compile(r"^(?P<label>Bộ luật|Luật|Hiến pháp)(?: (?P<name>.+?))??(?: (?P<year>\d{4}))?$")


def _issuer_parts_of(canonical: str) -> tuple[str, ...]:
    m = _PARTY_CANON_RE.match(canonical)
    if m is not None:
        return tuple(m.group("code").split("-"))
    m = _NUMBERED_CANON_RE.match(canonical)
    if m is None:
        return ()
    parts = m.group("code").split("-")
    if parts and (parts[0] in _CODE_TYPES or parts[0] in _OTHER_TYPE_CODES):
        parts = parts[1:]
    return tuple(parts)


def _central_part(p: str) -> bool:
    p = p.rstrip("0123456789")  # "QH14", "BCĐ389"
    if p in _CENTRAL_CODES or p in ("QH", "UBTVQH") or p.endswith("TW"):
        return True  # "…TW": central Party bodies (BTGTW, BTCTW, UBKTTW)
    # Ministries are "B…" (BNV, BTC, BTTTT); local Party boards are "B…" too but
    # end with their committee (BTGHU, BTCTU), and a few "B…" are local bodies.
    local_end = p.endswith(("TU", "HU", "ĐU", "QU", "TXU", "THU"))
    return p.startswith("B") and len(p) >= 3 and p not in _LOCAL_B_CODES and not local_end and p.isupper()


def is_central(c: Citation) -> bool:
    """True for national documents: laws, and codes issued by CP, TTg, QH, TW, a ministry.

    Example::

        >>> [c] = find_citations("Thông tư số 01/2023/TT-BNV")
        >>> is_central(c)
        True
    """
    if c.type in ("luat", "bo_luat", "hien_phap") and not c.code:
        return True
    return any(_central_part(p) for p in _issuer_parts_of(c.canonical))


_ISSUER_PARSE_RE = re.compile(
    rf"""
    (?:(?i:{_alt(_TITLES)})\s+)?
    (?P<head>UBND|HĐND|(?i:ủy\s+ban\s+nhân\s+dân|uỷ\s+ban\s+nhân\s+dân|hội\s+đồng\s+nhân\s+dân|đảng\s+ủy|đảng\s+uỷ))
    (?:\s+(?P<level>{_LEVEL}))?(?:\s+(?P<name>.+))?$
    """,
    re.VERBOSE,
)
_HEADS = {"ủy ban nhân dân": "UBND", "uỷ ban nhân dân": "UBND", "hội đồng nhân dân": "HĐND", "đảng uỷ": "đảng ủy"}
_CODE_HEADS = {"UBND": "UBND", "UB": "UBND", "HĐND": "HĐND", "ĐU": "đảng ủy", "TU": "tỉnh ủy", "HU": "huyện ủy"}


# The level a written level word names (folded): "UBND huyện" is a district's.
_LEVELS = {
    **dict.fromkeys(("xa", "phuong", "thi tran", "cap xa", "dac khu"), "commune"),
    **dict.fromkeys(("huyen", "quan", "thi xa", "thanh pho", "cap huyen", "tp", "tp.", "tx", "tx."),
                    "district"),
    **dict.fromkeys(("tinh", "cap tinh"), "province"),
}

_LEVELS_LONGEST_FIRST = sorted(_LEVELS.items(), key=lambda kv: -len(kv[0]))
# The cities run by the centre (thành phố trực thuộc trung ương; Huế since 2025):
# their "thành phố" is a province.  Every other "thành phố" is a city of a province.
_CENTRAL_CITIES = frozenset({"ha noi", "ho chi minh", "hcm", "hai phong", "da nang", "can tho", "hue"})


def issuer_level(c: Citation, province: str | None = None) -> str | None:
    """``province``, ``district`` or ``commune`` for a local document's issuer;
    None when the issuer names no level (or is not given).

    A "thành phố" is a city of a province unless it is one of the cities run by
    the centre (Hà Nội, …), named or, unnamed, the report's ``province``.

        >>> [c] = find_citations("Kế hoạch số 12/KH-UBND ngày 5/1/2024 của UBND tỉnh Hải Dương")
        >>> issuer_level(c)
        'province'
    """
    if not c.issuer:
        return None
    m = _ISSUER_PARSE_RE.match(c.issuer)
    if m is None or not m.group("level"):
        # "Ban Chỉ đạo CCHC tỉnh": a level word anywhere ("thị xã" before "xã")
        folded = f" {_fold(c.issuer)} "
        return next((lvl for w, lvl in _LEVELS_LONGEST_FIRST if f" {w} " in folded), None)
    word = _fold(m.group("level"))
    if word in ("thanh pho", "tp", "tp."):
        city = m.group("name") or province or ""
        return "province" if _fold(city).removeprefix("tp. ") in _CENTRAL_CITIES else "district"
    return _LEVELS.get(word)


def _issuing_body(c: Citation, unit: str | None, district: str | None, province: str | None) -> str:
    """The issuing body of a local document, folded: "ubnd hoang luu"."""
    if c.issuer:
        m = _ISSUER_PARSE_RE.match(c.issuer)
        if m is None:
            return _fold(c.issuer)
        head = _collapse(m.group("head"))
        head = _HEADS.get(head.lower(), head)
        level = _fold(m.group("level") or "")
        name = m.group("name")
        if not name:
            name = {"commune": unit, "district": district, "province": province}.get(
                _LEVELS.get(level, ""))
        return _fold(f"{head} {name}") if name else _fold(f"{head} {level} ?")
    # No issuer phrase: in a commune report a local document cited without
    # "của …" is, by convention, the commune's own ("UBND xã đã ban hành Kế
    # hoạch số 02/KH-UBND …"); higher levels are cited with "của UBND huyện".
    parts = [p for p in _issuer_parts_of(c.canonical)]
    head = next((_CODE_HEADS[p] for p in parts if p in _CODE_HEADS), parts[0] if parts else "?")
    return _fold(f"{head} {unit}") if unit else _fold(f"{head} ?")


def strip_zeros(canonical: str) -> str:
    """A canonical number without its leading zeros (\"02/KH-UBND\" -> \"2/KH-UBND\"): how keys compare."""
    m = re.match(r"^0*(\d)", canonical)
    return canonical if m is None else canonical[m.start(1) :]


def citation_key(
    c: Citation, *, unit: str | None = None, district: str | None = None, province: str | None = None
) -> str:
    """The key that identifies a cited document across reports.

    Central documents (laws, and codes issued by CP, TTg, QH, TW, a ministry)
    are unique nationwide: their key is the canonical form, with leading zeros
    of the number dropped ("05/2023/TT-BNV" and "5/2023/TT-BNV" are one
    document).  A local "02/KH-UBND" is unique only with its issuing body and
    year: ``"<canonical>|<body>|<year>"``, the body folded to ASCII lower case
    ("ubnd hoang luu") and resolved from ``unit``/``district``/``province``
    when the text says only "UBND xã"/"UBND huyện"/"UBND tỉnh"; a local
    document cited with no issuer is taken to be the reporting unit's own.
    Unresolved parts are "?".

    Example::

        >>> [c] = find_citations("Kế hoạch số 02/KH-UBND ngày 05/01/2024 của UBND xã")
        >>> citation_key(c, unit="Hoằng Lưu")
        '2/KH-UBND|ubnd hoang luu|2024'
    """
    canon = strip_zeros(c.canonical)
    if is_central(c):
        return canon
    year = c.year if c.year is not None else (c.date.year if c.date is not None else None)
    body = _issuing_body(c, unit, district, province)
    return f"{canon}|{body}|{year if year is not None else '?'}"


# --------------------------------------------------------------------------
# Queries
# --------------------------------------------------------------------------

# Folded type words and code abbreviations a reviewer may type first.
_QUERY_TYPES: dict[str, str] = {
    **{_fold(w): t for w, t in _WORD_TYPES.items() if t is not None},
    **{_fold(a): t for a, t in _ABBR_TYPES.items()},
    **{_fold(a): t for a, t in _CODE_TYPES.items()},
}
_QUERY_RE = re.compile(
    r"^\s*(?P<tw>[a-z ]*?)\s*(?:so\s*:?\s*)?"
    r"(?:(?P<pnum>\d+)\s*-\s*(?P<ptype>[a-z]+)\s*/\s*(?P<pcode>[a-z0-9\- ]+)"
    r"|(?P<num>\d+)(?P<suffix>[a-z]?)(?:\s*/\s*(?P<year>(?:19|20)\d\d)(?!\d))?(?:\s*/\s*(?P<code>[a-z0-9][a-z0-9\- ]*))?)\s*$"
)
_QUERY_LAW_RE = re.compile(r"^\s*(?P<label>bo luat|luat|hien phap)\b\s*(?P<name>.*?)\s*(?:nam\s+)?(?P<year>(?:19|20)\d\d)?\s*$")


@dataclass(frozen=True, slots=True)
class QueryMatch:
    """What a reviewer typed, as a pattern over canonical forms and keys.

    Fields are folded (no diacritics, lower case) so "ND-CP" matches "NĐ-CP".
    ``canonical`` is the canonical form when the query names one document
    completely ("61/2018/NĐ-CP"), else None.  Use :meth:`matches` on a
    canonical string or a :func:`citation_key`.
    """

    query: str
    type: str | None = None  # type id from a type word or abbreviation ("NĐ 61/2018")
    number: int | None = None
    year: int | None = None
    code: tuple[str, ...] = ()  # folded code parts, a prefix: ("nd", "cp"), ("kh",)
    party: bool = False
    law_name: str | None = None  # folded law name, for "Luật Đất đai 2023"
    canonical: str | None = None
    suffix: str = ""  # the letter of a number such as "30c" (folded)

    def matches(self, key_or_canonical: str) -> bool:
        """True when the document named by a canonical form or key fits this query.

        Example::

            >>> parse_query("nghi dinh 61/2018/ND-CP").matches("61/2018/NĐ-CP")
            True
        """
        canon = key_or_canonical.split("|", 1)[0].strip()
        if self.law_name is not None:
            m = _LAW_CANON_RE.match(canon)
            if m is None:
                return False
            t = _word_type(m.group("label"))
            if self.type is not None and t != self.type:
                return False
            if self.year is not None and str(self.year) != (m.group("year") or ""):
                return False
            return _fold(m.group("name") or "") == self.law_name
        if self.number is None:
            return False
        pm = _PARTY_CANON_RE.match(canon)
        if pm is not None:
            num, year, suffix = int(pm.group("num")), None, ""
            parts = [_fold(pm.group("ptype"))] + [_fold(p) for p in pm.group("code").split("-")]
            party = True
        else:
            nm = _NUMBERED_CANON_RE.match(canon)
            if nm is None:
                return False
            num, suffix = int(nm.group("num")), _fold(nm.group("suffix"))
            year = int(nm.group("year")) if nm.group("year") else None
            parts = [_fold(p) for p in nm.group("code").split("-")]
            party = False
        if num != self.number or suffix != self.suffix or (self.year is not None and year != self.year):
            return False
        if self.code:
            if self.party != party and len(self.code) > 1:
                return False
            if parts[: len(self.code)] != list(self.code):
                return False
        if self.type is not None:
            t = _QUERY_TYPES.get(parts[0]) if parts else None
            if t is not None and t != self.type and (self.type, t) not in _COMPATIBLE:
                return False
            if t is None and self.type != "cong_van" and self.type not in ("luat", "nghi_quyet"):
                return False
        return True


def parse_query(q: str) -> QueryMatch:
    """Read what a reviewer types to find a cited document.

    Accepts a type word or abbreviation (with or without diacritics) and a
    number in any completeness: ``Nghị định 61/2018/NĐ-CP``, ``nghi dinh
    61/2018/ND-CP``, ``NĐ 61/2018``, ``61/2018``, ``Kế hoạch 02/KH-UBND``,
    ``18-NQ/TW``, or a law by name ``Luật Đất đai 2023``.

    Example::

        >>> qm = parse_query("NĐ 61/2018")
        >>> qm.type, qm.number, qm.year, qm.matches("61/2018/NĐ-CP"), qm.matches("61/2019/NĐ-CP")
        ('nghi_dinh', 61, 2018, True, False)
    """
    folded = _fold(unicodedata.normalize("NFC", q if isinstance(q, str) else ""))
    folded = re.sub(rf"[{_HY}]", "-", folded)
    # a law named with its date, as reports write it and ``cchc cites`` shows it ("Luật …
    # ngày 22/11/2019", "… ngày 22 tháng 11 năm 2019"): the date's year stands for it
    dated = re.match(r"^(\s*(?:bo luat|luat|hien phap)\b.*?)\s*,?\s+ngay\s+\d{1,2}\s*(?:[/.-]|thang)\s*\d{1,2}"
                     r"\s*(?:[/.-]|nam)\s*((?:19|20)\d\d)\s*$", folded)
    if dated is not None:
        folded = f"{dated.group(1)} {dated.group(2)}"
    lm = _QUERY_LAW_RE.match(folded)
    if lm is not None and "/" not in folded:  # a law by name: "Luật Đất đai 2023", "Hiến pháp 2013"
        t = {"bo luat": "bo_luat", "luat": "luat", "hien phap": "hien_phap"}[lm.group("label")]
        year = int(lm.group("year")) if lm.group("year") else None
        if lm.group("name") or t == "hien_phap":
            return QueryMatch(query=q, type=t, year=year, law_name=lm.group("name") if t != "hien_phap" else "")
    # "NĐ-CP 61/2018": the code typed before the number.
    cm = re.match(r"^\s*([a-z]+(?:-[a-z0-9]+)+)\s+(\d+)\s*/\s*((?:19|20)\d\d)\s*$", folded)
    if cm is not None:
        folded = f"{cm.group(2)}/{cm.group(3)}/{cm.group(1)}"
    m = _QUERY_RE.match(folded)
    if m is not None:
        tw = m.group("tw").strip()
        qtype = _QUERY_TYPES.get(tw) if tw else None
        if m.group("pnum") is not None:
            ptype = m.group("ptype")
            code = (ptype,) + tuple(p for p in re.split(r"[\s\-]+", m.group("pcode")) if p)
            return QueryMatch(
                query=q,
                type=qtype or _QUERY_TYPES.get(ptype),
                number=int(m.group("pnum")),
                code=code,
                party=True,
                canonical=_query_canonical(m.group("pnum"), None, code, party=True),
            )
        code = tuple(p for p in re.split(r"[\s\-]+", m.group("code") or "") if p)
        year = int(m.group("year")) if m.group("year") else None
        if qtype is None and code and code[0] in _QUERY_TYPES:
            qtype = _QUERY_TYPES[code[0]]
        return QueryMatch(
            query=q,
            type=qtype,
            number=int(m.group("num")),
            year=year,
            code=code,
            suffix=m.group("suffix"),
            canonical=_query_canonical(m.group("num") + m.group("suffix"), year, code, party=False) if len(code) > 1 or (
                code and code[0] not in _QUERY_TYPES) else None,
        )
    return QueryMatch(query=q)


# Folded code part -> conventional spelling, to rebuild "NĐ-CP" from "nd-cp".
_UNFOLD = {_fold(p): p for p in list(_CODE_TYPES) + list(_ISSUER_CODES) + list(_OTHER_TYPE_CODES)}
_UNFOLD["hd"] = "HD"  # "HD" (hướng dẫn) rather than "HĐ" (hợp đồng)


def _query_canonical(num: str, year: int | None, code: tuple[str, ...], *, party: bool) -> str | None:
    if not code:
        return None
    spelled = [_UNFOLD.get(p, p.upper()) for p in code]
    if party:
        return f"{num}-{spelled[0]}/{'-'.join(spelled[1:])}"
    return f"{num}/{year}/{'-'.join(spelled)}" if year else f"{num}/{'-'.join(spelled)}"
