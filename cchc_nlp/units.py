"""Which body a document comes from, read from its header cells and its running text.

A header names its issuer in stacked capitals ("ỦY BAN NHÂN DÂN" / "XÃ TÂN LẬP"); a web page
that carries a document often loses that header and names the body in its headline, its first
sentence, a caption ("(Trích báo cáo số … của Thanh tra tỉnh)", "(Ban hành kèm theo Quyết định
số … của UBND tỉnh)") or a legal site's card. The readers here return ``(unit_kind, name)``
pairs (``model.UNIT_KIND_WORDS`` ids, names as the text spells them) or None; the meta stage
(``structure.extract_meta``) decides which to trust.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from .layout import (CENTRAL_CITIES, DMY_RE, EXCERPT_RE, LISTED_RE, PROVINCES, ROMAN_RE, SPELT_BODIES, STORED_DATE_RE,
                     UNIT_LEVEL, cells, is_photo_caption, is_upper, title_case, title_word_kind, unit_of)
from .model import HIGHER_UNIT_KIND_WORDS, OFFICE_FIELDS, UNIT_KIND_WORDS
from .normalise import LOWER as _LOW
from .normalise import UPPER as _UP
from .normalise import fold

_NAME_WORD = rf"[{_UP}][{_LOW}]*"
# A place name: 1-4 capitalised syllables ("Hoằng Lưu", "Đắk Glong", "Tân Việt").
NAME = rf"{_NAME_WORD}(?:[ ]{_NAME_WORD}){{0,3}}"

#: the provinces as one alternation, longest first ("Bà Rịa - Vũng Tàu" before "Bà Rịa"; bare,
#: "Hồ Chí Minh" is the President's name, "Chủ tịch Hồ Chí Minh từng nói": the city is "Thành phố
#: Hồ Chí Minh", "TP. Hồ Chí Minh" or "TP.HCM"), and the fields departments and ministries are
#: named after, their words apart by any space
_PROVINCE_ALT = "|".join(re.escape(p) for p in sorted(PROVINCES, key=len, reverse=True) if p != "Hồ Chí Minh")
_OFFICE_ALT = "|".join(r"\s+".join(map(re.escape, f.split())) for f in sorted(OFFICE_FIELDS, key=len, reverse=True))
HCMC_RE = re.compile(r"\bTP\.?\s?HCM\b")  # "UBND TPHCM", "TP.HCM"
_PROVINCE_START_RE = re.compile(
    r"^(?:\(?[A-ZĐ.]{2,12}\)?\s*[-–:]\s*|\[[^\]]{2,20}\]\s*[-–:]?\s*)?"  # "(QNO) - ", "[Infographic] - "
    # "Chủ tịch An Giang yêu cầu …": the province's leader speaks for it
    r"(?:(?:Phó\s+)?(?:Chủ tịch|Bí thư)\s+(?:UBND\s+|Ủy ban nhân dân\s+)?(?:tỉnh\s+)?)?(" + _PROVINCE_ALT
    + r")(?=[\s:,])"
)
_PROVINCE_CLAUSE_RE = re.compile(
    r"[,:]\s+(" + _PROVINCE_ALT + r")(?=\s+\w)")
_PROVINCE_ACTS_RE = re.compile(
    r"[,:]\s+(" + _PROVINCE_ALT + r")(?=\s+(?:đã|đang|vừa|sẽ|tiếp tục|đạt|xếp)\b)")
_PROVINCE_ANY_ACTS_RE = re.compile(
    r"(?<![\w-])(" + _PROVINCE_ALT + r")(?=\s+(?:đã|đang|vừa|sẽ|tiếp tục|xác định|cho biết)\b)")
_OFFICIAL_RE = re.compile(
    r"(?:[Cc]hủ tịch|[Gg]iám đốc|[Bb]í thư|[Tt]rưởng ban|[Cc]hánh [Vv]ăn phòng)\s+"
    r"(?:(?:UBND|HĐND|[ỦU][yỷ] ban nhân dân|Hội đồng nhân dân|Đảng ủy|Thành ủy|Tỉnh ủy)\s*)?$")
_ANY_UNIT_RE = re.compile(
    rf"(?<![\w.])(TP\.?[ ]?HCM\b|(?:[Xx]ã|[Pp]hường|[Tt]hị trấn|[Đđ]ặc khu|[Hh]uyện|[Qq]uận|[Tt]hị xã|[Tt]ỉnh|[Tt]hành phố|TP\.?)[ ]*{NAME}"
    # "Quận 1", "Phường 5", and the short forms news use: "Q.1", "P.Phạm Ngũ Lão", "TX.Bến Cát",
    # "TT Đại Nghĩa"
    r"|(?:[Qq]uận|[Pp]hường)[ ]*\d{1,2}\b|(?:Q|P)\.[ ]?\d{1,2}\b"
    rf"|(?:Q\.|P\.|TX\.|TT\.?)[ ]?{NAME})"
)
_SHORT_KINDS = (("Q.", "quận "), ("P.", "phường "), ("TX.", "thị xã "), ("TT.", "thị trấn "), ("TT ", "thị trấn "))
#: the commonest family names, and the unit kinds that are never named after a person (wards and
#: communes are: "phường Trần Hưng Đạo")
_SURNAMES = frozenset("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trương Lâm "
                      "Mai Trịnh Đoàn Lương Tạ Vương Cao Châu".split())
_NOT_NAMED_AFTER_PEOPLE = frozenset({"tinh", "thanh_pho", "huyen", "quan", "thi_xa"})
#: a unit by its kind alone, maybe before its chairman's name: "UBND huyện đề nghị …", "Chủ tịch UBND
#: tỉnh Lê Trí Thanh vừa ký …"
BARE_UNIT_RE = re.compile(
    r"(?:UBND|[ỦỤUủ][yỷ] ban nhân dân|ỦY BAN NHÂN DÂN)\s+"
    rf"(xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh)(?![\w.])"
    rf"(?!\s*(?!(?:{'|'.join(sorted(_SURNAMES))})\s+[{_UP}][{_LOW}]*\s+[{_UP}])[{_UP}\d])"
)
#: a unit kind's id from its word: "thị trấn" -> "thi_tran"
KIND_WORD_OF = {word: kind for kind, word in {**UNIT_KIND_WORDS, **HIGHER_UNIT_KIND_WORDS}.items() if word}


def _mention_unit(mention: str) -> tuple[str, str] | None:
    """``(unit_kind, name)`` of a unit named in running text ("xã Song Liễu", "Q.1",
    "UBND TP.Hội An"); a province must be one the country has ("tỉnh Quy định" is none)."""
    if HCMC_RE.fullmatch(mention):
        return "tinh", "Hồ Chí Minh"
    for short, word in _SHORT_KINDS:
        if mention.startswith(short):
            mention = word + mention[len(short):].strip()
            break
    u = unit_of(mention.upper())
    if not (u and u[1] and u[0]):
        return None
    name = title_case(u[1])
    words = name.split()
    if u[0] in _NOT_NAMED_AFTER_PEOPLE and len(words) >= 3 and words[0] in _SURNAMES and fold(name) not in CENTRAL_CITIES:
        return None  # "Chủ tịch UBND thành phố Phạm Đức Ấn": the chairman, the city left unnamed
    if u[0] == "tinh" and fold(name) not in CENTRAL_CITIES:
        name = province_prefix(name)
        if name is None:
            return None
    return u[0], name


#: a department or ministry a headline may open with ("Sở Tư pháp: Triển khai …",
#: "Bộ Nội vụ đề nghị …"), named as the text spells it
_OFFICE_START_RE = re.compile(
    r"^(?:\(?[A-ZĐ.]{2,12}\)?\s*[-–:]\s*)?(Sở|Bộ)\s+((?i:"
    + _OFFICE_ALT
    + r"))(?![\w])")


#: a board or council that opens a headline or a first sentence, named up to the level of its unit:
#: "Ban Chỉ đạo cải cách hành chính tỉnh", "Hội đồng Phối hợp phổ biến, giáo dục pháp luật (PBGDPL) tỉnh"
_BOARD_START_RE = re.compile(
    r"^(?:[-–]\s*)?(?:Ngày\s+\d{1,2}\s*[-/.]\s*\d{1,2}(?:\s*[-/.]\s*\d{4})?\s*,\s*)?"
    r"((?:Ban [Cc]hỉ đạo|Hội đồng(?! nhân dân)(?! [Nn]hân dân))[^.;:]{3,90}?\s(?:tỉnh|thành phố|huyện|quận|thị xã)"
    rf"(?:\s+{NAME})?)(?=\s+[{_LOW}])")
#: a body other than a council that is a news lead's subject, named down to its unit and acting:
#: "Trung tâm Hành chính công tỉnh Bình Thuận đã tiếp nhận …", "Ngày 19/11, Tổ kiểm tra công vụ huyện
#: Thới Bình đến kiểm tra …", "Văn phòng UBND tỉnh chiều 7/4 cho biết …"
_BODY_WORDS = r"(?:Trung tâm|Công an|Ban|Văn phòng|Phòng(?!,| chống)|Tổ|Đoàn|Cục|Chi cục|Thanh tra|Kho bạc|Cổng [Tt]hông tin)"
#: … the body's name, down to its unit: "… tỉnh Bình Thuận", "… huyện", "… Quảng Nam", "… TP.HCM"
_BODY_NAME = (_BODY_WORDS + r"\s[^.;:,()]{0,70}?(?:\b(?:tỉnh|thành phố|huyện|quận|thị xã|phường|xã|Tỉnh ủy|Thành ủy)"
              r"(?:\s+" + NAME + r")?|\s(?:" + _PROVINCE_ALT + r"|TP\.?\s?HCM))")
_BODY_SUBJECT_RE = re.compile(
    r"(?:^|,\s+)(" + _BODY_NAME + r")"
    r"(?:\s+(?:sáng|chiều|tối|ngày|hôm nay)(?:\s+(?:nay|ngày))?(?:\s+\d{1,2}[/-]\d{1,2}(?:[/-]\d{4})?)?)?"
    r"\s+(?:đã|đang|vừa|sẽ|chính thức|tiếp tục|tổ chức|triển khai|ban hành|cho biết|đề nghị|phối hợp|đến|tiếp nhận"
    r"|thông báo|hoạt động|huy động|giám sát|kiểm tra|khảo sát|làm việc|phát đi|hướng đến|đặt tại)\b")
#: a headline labelled with a body: "Trung tâm Phục vụ hành chính công tỉnh: 10 ngày, trả kết quả …"
_BODY_LABEL_RE = re.compile(r"^(" + _BODY_NAME + r")\s*:\s")
_BODY_HEADLINE_RE = re.compile(r"(" + _BODY_NAME + r")\s*")
#: what comes before a unit that a headline only places its news in: "… cho đồng bào … huyện Phú Bình"
_PLACED_RE = re.compile(r"\b(?:cho|tại|ở|trên địa bàn|miền núi|vùng)\s+(?:[^,.;:]{0,40}\s)?$")
_AND_UNIT_RE = re.compile(r"\svà\s+(?:[Tt]hành phố|[Tt]ỉnh|[Hh]uyện|[Qq]uận|[Tt]hị xã|[Xx]ã|[Pp]hường|UBND)\b")
#: a body's name running on up to a unit named in it: "Ban Chỉ đạo Cải cách hành chính " (tỉnh Lạng Sơn)
_BODY_WORD_RE = re.compile(r"\b" + _BODY_WORDS + r"\s[^.;:,()]{0,60}$")
#: a council's or a Party committee's own board, which speaks for that body, not for itself
_COUNCIL_NAME_RE = re.compile(r"Ban (?:Chấp hành|Kinh tế|Văn hóa)")
#: a central body that opens a headline or a lead (after its date) and acts
_CENTRAL_BODY_START_RE = re.compile(
    r"^(?:Ngày\s+\d{1,2}(?:\s*[-/.]\s*\d{1,2}(?:\s*[-/.]\s*\d{4})?|\s+tháng\s+\d{1,2}\s+năm\s+\d{4})\s*,\s*)?"
    r"((?:Ủy|Uỷ) ban Thường vụ Quốc hội|(?:Ủy|Uỷ) ban Dân tộc|Văn phòng Chính phủ|Thủ tướng Chính phủ|Chính phủ)"
    r"\s+(?=(?:đã|vừa|sẽ|ban hành|phê duyệt|quyết định|yêu cầu|chỉ đạo)\b)", re.IGNORECASE)
#: a headline labelled with a unit: "THÀNH PHỐ LẠNG SƠN: …", "Huyện Quảng Xương - …"
_LABELLED_UNIT_RE = re.compile(r"^((?:xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh)\s+[^:–-]{2,30}?)"
                               r"\s*(?::|\s[-–]\s)", re.IGNORECASE)
#: a headline labelled with a bare place name: "Quy Nhơn: Thành lập …", "Giồng Trôm: Dự kiến …"
_PLACE_LABEL_RE = re.compile(rf"^({NAME})\s*:\s")
#: a headline that opens with a bare name acting: "Hải Châu chuyển mình …" (a province's is read elsewhere)
_NAME_OPENS_RE = re.compile(rf"^({NAME})\s+(?=[{_LOW}])")
#: a province a headline places its news in: "… ở Thái Nguyên", "… tại Quảng Ngãi: …", "190 xã ở Bắc Giang đạt …"
_PROVINCE_AT_RE = re.compile(
    r"\b(?:ở|tại)\s+(" + _PROVINCE_ALT + r")(?![\w-])")
#: a department that acts in a first sentence after a clause: "Thực hiện chỉ thị …, Sở Nội vụ đã …"
_OFFICE_CLAUSE_RE = re.compile(
    r",\s+(Sở|Bộ)\s+((?i:" + _OFFICE_ALT
    + rf"))(?:\s+(?:tỉnh|thành phố))?(?:\s+{NAME})?\s+(?:đã|đang|vừa|chưa|tổ chức|triển khai|ban hành|tiến hành|thực hiện"
    r"|đề nghị|yêu cầu|hướng dẫn|cho biết)\b")
#: the department a news item's lead gives as its source: "Theo Sở Nội vụ, …", "Thông tin từ Sở Tư pháp, …"
_OFFICE_SOURCE_RE = re.compile(
    r"^(?:Theo|Thông tin từ)\s+(?:(?:báo cáo|thông tin) của\s+)?(Sở|Bộ)\s+((?i:" + _OFFICE_ALT + r"))"
    r"(?:\s+(?:tỉnh|thành phố))?(?:\s+" + NAME + r")?\s*,")
#: … or the province's inspectorate: "Theo Thanh tra tỉnh, năm 2019, …"
_INSPECTORATE_SOURCE_RE = re.compile(r"^(?:Theo|Thông tin từ)\s+(Thanh tra (?:tỉnh|thành phố))\s*,")
#: a province named by its kind alone as the subject: "Toàn tỉnh tiếp nhận …", "Hiện nay, tỉnh có …",
#: "… trên địa bàn tỉnh đã tiếp nhận …"
_BARE_PROVINCE_RE = re.compile(rf"(?:^|,\s+|\s)(?:[Tt]oàn tỉnh|[Tt]ỉnh có|địa bàn tỉnh|của tỉnh|^Tỉnh(?=\s+(?:cũng|đã|đang|vừa)))"
                               rf"(?!\s+[{_UP}])(?![\w])")


#: an official's title closed by a comma, then the official acts: "…, Chủ tịch UBND tỉnh Lâm Đồng, đã ký …"
_TITLE_ACTS_RE = re.compile(r",\s+(?:đã|đang|vừa|sẽ)\s+\w")
#: a verb right after a unit's name in a news lead: the unit is the sentence's subject
#: (narrower than ``structure._ACTS_RE``, which reads a report's own unit acting)
_ACTS_AFTER_RE = re.compile(r"\s+(?:đã|đang|vừa|sẽ|tiếp tục|tổ chức|triển khai|ban hành)\b")


def _province(name: str) -> tuple[str, str]:
    """A province as a headline or lead names it ("TP.HCM", "TP. Hồ Chí Minh" are Hồ Chí Minh)."""
    return "tinh", "Hồ Chí Minh" if name.startswith("TP") else name


def _office(m: re.Match) -> tuple[str, str]:
    """The department or ministry an office pattern matched: ("so", "Sở Tư pháp")."""
    return ("so" if m.group(1) == "Sở" else "bo"), f"{m.group(1)} {m.group(2)}"


def _first_sentence(line: str) -> str:
    return re.split(r"(?<=[.!?])\s", STORED_DATE_RE.sub("", line), maxsplit=1)[0]


def _named_in_lead(name: str, paras: list[str]) -> tuple[str, str] | None:
    """The unit the first paragraphs name with its kind under the bare name a headline opens with."""
    for p in paras[:2]:
        for m in _ANY_UNIT_RE.finditer(p):
            u = _mention_unit(m.group(1))
            if u and u[1] == name:
                return u
    return None


def district_of_label(name: str) -> tuple[str, str] | None:
    """The district-level unit a bare place name stands for, when the gazetteer knows exactly one
    ("Quy Nhơn" -> a city of Bình Định, "Giồng Trôm" -> a district of Bến Tre); None for a province's
    name (read elsewhere), an unknown or ambiguous name, or when the gazetteer is not installed."""
    from .gazetteer import GazetteerUnavailable, lookup

    if name in PROVINCES:
        return None
    try:
        found = {(u.kind, u.name) for u in lookup(name, kind="district", map="legacy") if u.name == name}
    except GazetteerUnavailable:
        return None
    return found.pop() if len(found) == 1 else None


_BARE_ACTS_RE = re.compile(
    r"(?:UBND|HĐND|[ỦU][yỷ] ban nhân dân|Hội đồng nhân dân)\s+(xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|tỉnh)"
    r"\s+(?:đã\s+|vừa\s+)?(?:ban hành|phê duyệt|thông qua|quyết định|yêu cầu|chỉ đạo|tổ chức|triển khai)\b")


def news_subject(headline: str, body: str) -> tuple[str, str | None] | None:
    """The unit a news item is about: a province, department or ministry its headline
    opens with ("Quảng Ninh đưa …", "CTTĐT - Sơn La …", "Sở Tư pháp: …"); a body, board, office or
    central body that acts in its headline or lead ("Trung tâm Hành chính công tỉnh … đã tiếp nhận …",
    "Ủy ban Thường vụ Quốc hội vừa ban hành …": unit kind ``khac``); else the first unit its headline or its
    first sentence names with a kind word ("tỉnh Điện Biên", "UBND phường Thành
    Sen", "UBND Q.1").  A first sentence that names the unit by its kind alone
    ("Ủy ban nhân dân thị trấn đã ban hành …") gives that kind, and the name the
    text gives a unit of that kind further on ("UBND TT Đại Nghĩa"), if any.
    None when neither names one: a guess from later mentions would often be a
    commune the item only cites."""
    heads = [STORED_DATE_RE.sub("", h).strip() for h in headline.split("\n")]
    headline = heads[0]
    paras = [p.strip() for p in body.split("\n") if p.strip()]
    # a byline under the headline ("NHƯ QUỲNH |") is not the first sentence
    while paras and len(paras[0]) <= 40 and (is_upper(paras[0]) or paras[0].endswith("|")):
        paras.pop(0)
    # … nor a photo's caption above the lead ("Trung tâm … đi vào hoạt động. (Ảnh: Thái Hùng/TTXVN)")
    while len(paras) > 1 and is_photo_caption(paras[0]):
        paras.pop(0)
    texts, lead = [h for h in heads if h] or [""], ""
    if paras:
        lead = paras[0]
        texts.append(_first_sentence(lead))
        if not headline and len(paras) > 1 and len(paras[0]) <= 160 and not paras[0].endswith((".", ":", ";")):
            lead = paras[1]  # the first line was the headline
            texts.append(_first_sentence(lead))
    for text in texts:
        office = _OFFICE_START_RE.match(text)
        if office:  # "Sở Tư pháp: Triển khai …", "Bộ Nội vụ đề nghị …": the department is the subject
            return _office(office)
        if central := _CENTRAL_BODY_START_RE.match(text):
            return "khac", central.group(1)  # "Ủy ban Thường vụ Quốc hội vừa ban hành Nghị quyết …"
        board = _BOARD_START_RE.match(text)
        if board:  # "Ban Chỉ đạo cải cách hành chính tỉnh kiểm tra …", "Ngày 25-4, Hội đồng Phối hợp … tỉnh tổ chức …"
            return "khac", re.sub(r"\s*\([^)]{1,20}\)", "", board.group(1))
        if (body_subject := _BODY_SUBJECT_RE.search(text)) and not _COUNCIL_NAME_RE.match(body_subject.group(1)) \
                and " của " not in body_subject.group(1) \
                and not _AND_UNIT_RE.search(body_subject.group(1)):  # "Đoàn kiểm tra của UBND huyện" is the council's;
            # "Văn phòng UBND tỉnh và Thành phố Yên Bái tiếp tục dẫn đầu …" names two subjects
            return "khac", body_subject.group(1)
        if text is headline and (body_label := _BODY_LABEL_RE.match(text) or _BODY_HEADLINE_RE.fullmatch(text)):
            return "khac", body_label.group(1)  # "Trung tâm … tỉnh: …"; a headline that is a body's name alone
        if text is headline and (lead_unit := _LABELLED_UNIT_RE.match(text)):
            # "THÀNH PHỐ LẠNG SƠN: TUYÊN TRUYỀN …": the unit the headline is labelled with
            u = unit_of(lead_unit.group(1).upper())
            if u and u[0] and u[1]:
                return u
        if text is headline and (label := _PLACE_LABEL_RE.match(text)) and (u := district_of_label(label.group(1))):
            return u
        if text is headline and (opener := _NAME_OPENS_RE.match(text)) and (
                u := _named_in_lead(opener.group(1), paras) or district_of_label(opener.group(1))):
            # "Hải Châu chuyển mình theo chuyển đổi số" / "… quận Hải Châu có nhiều thuận lợi …"; "Bắc Trà My xếp
            # vị trí thứ nhất …": a district the gazetteer knows once
            return u
        if text is headline and (place := _PROVINCE_AT_RE.search(text)) and not _ANY_UNIT_RE.search(text):
            # "… trước ngày phường mới hoạt động chính thức ở Thái Nguyên", "… tại Quảng Ngãi: …"
            return "tinh", place.group(1)
        if (office := _OFFICE_CLAUSE_RE.search(text) if text is headline else
                (_OFFICE_SOURCE_RE.match(text) or _OFFICE_CLAUSE_RE.search(text))):
            return _office(office)
        if text is not headline and (inspectorate := _INSPECTORATE_SOURCE_RE.match(text)):
            return "khac", inspectorate.group(1)
        # "Quảng Ninh đưa …", "Năm 2022, Trà Vinh xếp hạng 25/63 …": a province opens a clause
        # "Từ những bước chân …, An Giang đang viết nên …": in a lead, a province that acts after a clause
        m = _PROVINCE_START_RE.match(text) or (_PROVINCE_CLAUSE_RE.search(text) if text is headline else
                                               _PROVINCE_ACTS_RE.search(text))
        if m:
            return _province(m.group(1))
        # "ông Nguyễn Văn Được, Chủ tịch UBND TPHCM, … kiểm tra … phường Phú An": the unit in
        # an official's title yields to another unit the sentence names
        found = [(official := bool(_OFFICIAL_RE.search(text[max(0, m.start() - 40):m.start()])), u,
                  bool(_ACTS_AFTER_RE.match(text, m.end()) or (official and _TITLE_ACTS_RE.match(text, m.end()))))
                 for m in _ANY_UNIT_RE.finditer(text) if (u := _mention_unit(m.group(1)))]
        if found and text is headline and len(texts) > 1 and all(
                _PLACED_RE.search(text[:m.start()]) or _BODY_WORD_RE.search(text[max(0, m.start() - 70):m.start()])
                for m in _ANY_UNIT_RE.finditer(text)) and _BODY_SUBJECT_RE.search(texts[-1]):
            # "Phổ biến, giáo dục pháp luật cho đồng bào … huyện Phú Bình" / "…, Ban Dân tộc tỉnh Thái Nguyên đã
            # phối hợp …": the headline only places the news (or names the unit inside a body's name: "Họp Ban
            # Chỉ đạo Cải cách hành chính tỉnh Lạng Sơn"); the body that acts in the lead is its subject
            continue
        if found:
            # "Sau khi sáp nhập từ 3 xã Phú Mỹ, Thuận Hưng và Mỹ Hương, …, xã Mỹ Hương đang nỗ lực …":
            # the unit that acts is the subject, not the ones merged into it
            # ("ông …, Chủ tịch UBND tỉnh Lâm Đồng, đã ký văn bản …": an official who acts speaks for his unit)
            acting = next((u for official, u, acts in found if acts and not official), None) or \
                next((u for official, u, acts in found if acts), None)
            return acting or next((u for official, u, _ in found if not official), found[0][1])
    # "… đang được Hà Nội xác định là hướng đi trọng tâm …", "Ngành chức năng Lâm Đồng cho biết, …": a province
    # that acts anywhere in the lead's first sentence, when no unit was named with its kind
    if len(texts) > 1 and (acts := _PROVINCE_ANY_ACTS_RE.search(texts[-1])):
        return _province(acts.group(1))
    # the unit by its kind alone, in the first paragraph (or a headline where its council or its
    # committee acts: "HĐND tỉnh ban hành Nghị quyết …"): the text's own unit
    bare = BARE_UNIT_RE.search(lead) or _BARE_ACTS_RE.match(headline)
    if bare:
        kind = KIND_WORD_OF[bare.group(1)]
        for mention in _ANY_UNIT_RE.findall(body):
            u = _mention_unit(mention)
            if u and (u[0] == kind or (kind == "thanh_pho" and u[0] == "tinh")):
                return u
        # an unnamed "thành phố" is a city under a province or a centrally-run one
        return (kind, None) if kind != "thanh_pho" else None
    if any(_BARE_PROVINCE_RE.search(t) for t in texts):
        # "Toàn tỉnh tiếp nhận 56.039 hồ sơ …", "Tỉnh cũng đã xây dựng …": the province, named
        # further on if the text names only one ("… tỉnh Quảng Ninh đã chỉ đạo …")
        named = {u for m in _ANY_UNIT_RE.finditer(body) if (u := _mention_unit(m.group(1))) and u[0] == "tinh"}
        return ("tinh", named.pop()[1]) if len(named) == 1 else ("tinh", None)
    return None


def named_units(texts: list[str]) -> list[tuple[str, str | None]]:
    """The bodies a header names, top to bottom (left column first)."""
    out = []
    last = ""  # the cell that named the last body
    for t in texts:
        for c in (g for c in cells(t) for g in unglue_header_cell(c)):
            if not is_upper(c, 0.6):
                continue
            u = unit_of(c)
            if u is None and last and (whole := unit_of(f"{last} {c}")) and whole[1] in SPELT_BODIES:
                # "THỦ TƯỚNG CHÍNH" / "PHỦ": a central body's name its cell wrapped
                out[-1], last = whole, f"{last} {c}"
            elif u is not None:
                out.append(u)
                last = c
    return out


def unit_from_header(units: list[tuple[str, str | None]]):
    """(issuer, district, province) from the stacked header: the lowest named body
    issues the document; the ones above it are its district and province."""
    named = [(k, n) for k, n in units if n]
    if not named:
        return None, None, None
    issuer = named[-1]
    district = province = None
    for k, n in named[:-1]:
        if UNIT_LEVEL.get(k) == 2 and UNIT_LEVEL[issuer[0]] == 3:
            district = n
        if k == "tinh":
            province = n
    if issuer[0] == "tinh":
        province = issuer[1]
    return issuer, district, province


_PROVINCE_KEYS = tuple(sorted({fold(p) for p in PROVINCES if not p.startswith("TP")}, key=len, reverse=True))


#: a province named as such: after "tỉnh", "của", "tại" or "ở", or opening a sentence ("… hướng đi
#: đúng đắn của Thái Nguyên"), not inside a body's name ("Báo Đắk Lắk", "VNPT Bình Phước") or as a
#: city's after an abbreviation ("TP. Bến Tre")
_PROVINCE_NAMED_RE = re.compile(r"(?:\b(?:[Tt]ỉnh|của|tại|ở)\s+|^|(?<![A-Z])[.:;!?]\s+)(" + _PROVINCE_ALT
                                + r")(?![\w-])", re.MULTILINE)


_SPELT_PROVINCES = {fold(p): p for p in PROVINCES}


def provinces_named(text: str) -> set[str]:
    """The provinces a text names as such (:data:`_PROVINCE_NAMED_RE`), as :data:`PROVINCES` spells
    them (folded alike: "Khánh Hoà" is "Khánh Hòa")."""
    return {_SPELT_PROVINCES[fold(m)] for m in _PROVINCE_NAMED_RE.findall(text)}


@lru_cache(maxsize=4096)
def province_prefix(name: str) -> str | None:
    """The province a name read after "tỉnh" starts with, as the text spells it
    ("Hà Tĩnh" in "Hà Tĩnh Ban"); None when it names none ("tỉnh Quy định")."""
    f = fold(name)
    for key in _PROVINCE_KEYS:
        if f == key or f.startswith(key + " "):
            return name[: len(key)]
        if key.startswith(f + " - "):  # "tỉnh Bà Rịa - Vũng Tàu": the name read stops at the dash
            return next(p for p in PROVINCES if fold(p) == key)
    return None


def date_of(m: re.Match) -> date | None:
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


# "Ngày 25/3/2020, Sở Tư pháp ban hành Văn bản số 473/STP-PBGDPL về việc …", "Ngày 14
# tháng 01 năm 2022, Sở Nội vụ đã ban hành Thông báo số 46/TB-SNV …"
_ANNOUNCED_RE = re.compile(
    r"^(?:Vào\s+)?[Nn]gày\s+(\d{1,2})\s*(?:[/.-]|tháng)\s*(\d{1,2})\s*(?:[/.-]|,?\s*năm)\s*(\d{4})\s*,\s*"
    r"([^,.;:]{3,100}?)\s+(?:(?:đã|vừa|mới)\s+)?ban hành\s+(\S+(?:\s+\S+)?)\s+số\s*:?\s*(\d+[^\s,;]*/[^\s,;]*[^\s,;.])"
)


def headline_document(headline: str, body: str):
    """A web page whose headline is the document itself: a portal's listing line
    ("Công văn số 972/SNV-CCHC ngày 18/7/2018 V/v …", "Số 924/SNV-CCHC Ngày 07-9-2015
    V/v …"), or its title in sentence case ("Thông báo: Tuyển dụng …", "Báo cáo công
    tác …") over the document's own text (a "Căn cứ …" or a "I." outline).  Like
    :func:`announced_document`: ``(kind, None, number, date)``, or None."""
    headline = STORED_DATE_RE.sub("", headline).strip(" *#")
    m = LISTED_RE.match(headline)
    if m and (m.group("word") or m.group("vv")):
        kind = title_word_kind(m.group("word")) if m.group("word") and m.group("word") != "Văn bản" else "cong_van"
        day = date_of(DMY_RE.search(headline, m.start("d"))) if m.group("d") else None
        return kind, None, m.group("number"), day
    kind = title_word_kind(headline)
    opening = [p.strip() for p in body.split("\n") if p.strip()][:2]
    # the document's own legal bases ("Căn cứ Luật …" / "Căn cứ Nghị định …"), not a news
    # item that opens on one and goes on to report ("Ngày 13/01, UBND … ban hành …")
    own = len(opening) == 2 and all(p.startswith("Căn cứ") for p in opening)
    # … or its own outline, maybe under the sentence that introduces it ("Thực hiện Kế hoạch số … của
    # UBND tỉnh, …" / "I. MỤC ĐÍCH, YÊU CẦU")
    if kind and (own or any(ROMAN_RE.match(p) for p in opening)):
        return kind, None, None, None
    return None


def announced_document(headline: str, body: str):
    """A web page that carries a document under a headline repeating its title word
    ("Hướng dẫn thực hiện …", "Thông báo kết quả …"), opens by announcing it
    ("Ngày 25/3/2020, Sở Tư pháp ban hành Văn bản số 473/STP-PBGDPL …") and goes on
    with the document's own text ("Căn cứ …", "Thực hiện …"): the
    document's ``(kind, (unit_kind, unit_name) or None, number, date)``; None for
    a news item that only reports on a document."""
    headline = fold(STORED_DATE_RE.sub("", headline).strip(" *#"))
    kind = title_word_kind(headline)
    if kind is None:
        return None
    paras = [p.strip() for p in body.split("\n") if p.strip()][:5]
    m = _ANNOUNCED_RE.match(paras[0]) if paras else None
    if m is None:
        return None
    # the document itself follows ("…, cụ thể như sau:", "Căn cứ …", "Thực hiện …", its own
    # outline a line or two further: "Phần I" / "I. TÌNH HÌNH …"), not a summary of it
    # ("Mục đích của kế hoạch …", "Kế hoạch số 175/KH-UBND xem tại đây")
    if not (paras[0].endswith(":") or (len(paras) > 1 and paras[1].startswith(("Căn cứ", "Thực hiện")))
            or any(ROMAN_RE.match(p) or re.fullmatch(r"Phần\s+(?:I|thứ nhất)", p) for p in paras[2:4])):
        return None
    what = fold(m.group(5))
    if not (headline.startswith(what) or what in ("van ban", "cong van")):
        return None  # the headline names another document than the one announced
    try:
        day = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        day = None
    u = unit_of(re.sub(r"\s*\([^)]*\)", "", m.group(4)))
    return kind, (u if u and u[0] and u[1] else None), re.sub(r"\s+", "", m.group(6)), day


_CARD_ISSUER_RE = re.compile(r"^(?:cơ quan|nơi)\s+ban\s+hành\s*:?\s*(.*)$", re.IGNORECASE)


def excerpt_document(closing: list):
    """(kind, unit, number, date) of the document a post is an extract of, from its caption
    "(Trích báo cáo số 84/BC-TTT ngày 09/6/2020 của Thanh tra tỉnh)"; None without one."""
    for ln in closing:
        m = EXCERPT_RE.match(ln.text.strip(" *"))
        if m:
            issuer = unit_of(m.group(6).strip().upper()) if m.group(6) else None
            unit = (issuer[0], m.group(6).strip()) if issuer and issuer[1] else None
            try:
                day = date(int(m.group(5)), int(m.group(4)), int(m.group(3)))
            except ValueError:
                day = None
            return title_word_kind(m.group(1)), unit, re.sub(r"\s+", "", m.group(2)), day
    return None


_ATTACHED_ISSUER_RE = re.compile(r"\(\s*(?:Ban hành\s+)?[Kk]èm theo\b[^)]*?\bcủa\s+([^)]{3,80})\)?", re.IGNORECASE)
_COUNCIL_WORDS_RE = re.compile(r"^(?:UBND|HĐND|[ỦU][yỷ] ban nhân dân|Hội đồng nhân dân)\s+", re.IGNORECASE)


def attached_issuer(title_texts: list[str]) -> tuple[str, str] | None:
    """The issuer of a regulation copied without the decision that issues it, from the caption
    under its title: "(Ban hành kèm theo Quyết định số 02/2011/QĐ-UBND … của Ủy ban nhân dân tỉnh
    Ninh Thuận)"; "… của UBND tỉnh)" takes its name from the title ("… TRÊN ĐỊA BÀN TỈNH BÌNH PHƯỚC")."""
    text = " ".join(title_texts)
    m = _ATTACHED_ISSUER_RE.search(text)
    if m is None:
        return None
    mention = _COUNCIL_WORDS_RE.sub("", m.group(1).strip(" .;"))
    # "… của Giám đốc Sở Tài Nguyên và Môi Trường)": the head's department issues it
    if office := _OFFICE_START_RE.match(re.sub(r"^(?:Giám đốc|Bộ trưởng)\s+", "", mention)):
        return _office(office)
    u = _mention_unit(mention)
    if u is not None:
        return u
    kind = KIND_WORD_OF.get(mention.lower())
    if kind is None:
        return None
    named = re.search(rf"\b{re.escape(mention.upper())}\s+([{_UP}]+(?:\s[{_UP}]+){{0,3}})\b", text[:m.start()])
    u = _mention_unit(f"{mention} {title_case(named.group(1))}") if named else None
    return u if u is not None and u[0] == kind else (kind, None)


_COUNCIL_OF_KIND_RE = re.compile(r"^(?:ỦY|UỶ) BAN NHÂN DÂN\s+(XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU|HUYỆN|QUẬN|THỊ XÃ)$")


def unit_of_kind_in_header(header_texts: list[str], texts: list[str]) -> tuple[str, str] | None:
    """A header whose council names its kind but not its name ("ỦY BAN NHÂN DÂN PHƯỜNG", the
    name lost with the line below it): the first unit of that kind the headline or the text
    names ("… của ủy ban nhân dân phường Hương An"). None when no such line or no such unit."""
    kind = next((KIND_WORD_OF[m.group(1).lower()] for t in header_texts for c in cells(t)
                 if (m := _COUNCIL_OF_KIND_RE.match(c.strip()))), None)
    if kind is None:
        return None
    for text in texts:
        for m in _ANY_UNIT_RE.finditer(text):
            u = _mention_unit(m.group(1))
            if u and u[0] == kind:
                return u
    return None


#: the area a title's text covers: "… TRÊN ĐỊA BÀN THÀNH PHỐ PHAN RANG - THÁP CHÀM", "… trên địa bàn tỉnh Hậu Giang"
_TITLE_AREA_RE = re.compile(r"\btrên địa bàn\s+((?:xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh)\s+"
                            r"[^,.;:()]{2,40}?)(?=\s+(?:năm|giai đoạn|từ|đến)\b|[,.;:()]|$)", re.IGNORECASE)


def unit_of_title_area(title_texts: list[str]) -> tuple[str, str] | None:
    """The unit whose area a text with no header says it covers, in its title ("Đề cương tuyên
    truyền … trên địa bàn huyện Thuận Châu"): a unit writes for its own area."""
    # line by line (a page's date line may follow the title), then across a wrapped title
    m = next((m for t in [*title_texts, " ".join(title_texts)] if (m := _TITLE_AREA_RE.search(t))), None)
    u = unit_of(m.group(1).upper()) if m else None
    if not (u and u[0] and u[1]):
        return None
    # (not ``_mention_unit``: a title's "THÀNH PHỐ PHAN RANG - THÁP CHÀM" is a place, whatever
    # its first syllable, where running text may name a chairman after his city)
    name = title_case(u[1])
    if u[0] == "tinh":
        name = province_prefix(name) if fold(name) not in CENTRAL_CITIES else name
    return (u[0], name) if name else None


def unit_of_place(place: str | None) -> tuple[str, str] | None:
    """The unit the date line's place names by its kind ("Quận 8, ngày …", "Xã Tân Lập, ngày …"):
    below a province only (a province's own documents are dated at its name)."""
    if place is None:
        return None
    u = unit_of(place.upper())
    if u is None or not u[1] or u[0] not in ("quan", "huyen", "thi_xa", "xa", "phuong", "thi_tran", "dac_khu"):
        return None
    return u[0], u[1]


def unit_from_card_or_place(lines: list, layout, header_texts: list[str], dated_place: str | None,
                             body: str):
    """The issuer when the header names none by name (a bare "ỦY BAN NHÂN DÂN", the
    second line lost when a site flattened the header): a legal site's card
    ("| Cơ quan ban hành | Thành phố Huế |"), else the place of the date line when it
    is a province and the text calls its issuer "UBND tỉnh" ("Hà Tĩnh, ngày 30 tháng
    6 năm 2021" … "UBND tỉnh ban hành Kế hoạch …"), its authority line does
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH") or its title names that province ("CHUYỂN ĐỔI
    SỐ TỈNH TRÀ VINH NĂM 2025"); the header may name no body at all ("Số: 60/KH-UBND"
    above the date line)."""
    card = [lines[i].text for a, b in layout.tables for i in range(a, b)] + header_texts
    for t in card:
        parts = cells(t)
        for k, c in enumerate(parts):
            m = _CARD_ISSUER_RE.match(c)
            if m:
                value = m.group(1).strip() or (parts[k + 1] if k + 1 < len(parts) else "")
                u = unit_of(value.upper()) if value else None
                if u and u[0] and u[1]:
                    return u[0], title_case(u[1]) if u[0] not in ("so", "bo", "khac") else value
    if any(name for _, name in named_units(header_texts)):
        return None
    # "Thành phố Hồ Chí Minh, ngày …": a place may carry its kind
    bare_place = re.sub(r"^(?:[Tt]hành phố|TP\.?|[Tt]ỉnh)\s+", "", dated_place) if dated_place else None
    place = province_prefix(bare_place) if bare_place else None
    if place is None or fold(place) != fold(bare_place):
        return None
    opening = " ".join(body.split("\n")[:3])
    word = "thành phố" if fold(place) in CENTRAL_CITIES else "tỉnh"
    if re.search(rf"(?:UBND|[ỦU][yỷ] ban nhân dân)\s+(?i:{word})(?![\w])(?!\s*[{_UP}])", opening):
        return "tinh", place
    # a council's header that lost its second row ("ỦY BAN NHÂN DÂN" alone) over a number of
    # that council ("Số: 7384/KH-UBND"), dated at a province's name: that province's council
    # (a district or commune dates its texts at its own name)
    if any(fold(c) == "uy ban nhan dan" for t in header_texts for c in cells(t)) \
            and any(re.search(r"/[A-ZĐ]{2,4}-UBND\b", t) for t in header_texts):
        return "tinh", place
    # … and so is a people's council's ("HỘI ĐỒNG NHÂN DÂN" over "Số: 18/2025/NQ-HĐND")
    if any(fold(c) == "hoi dong nhan dan" for t in header_texts for c in cells(t)) \
            and any(re.search(r"/(?:\d{4}/)?NQ-HĐND\b", t) for t in header_texts):
        return "tinh", place
    # a decision's authority line under its title: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"
    if any(fold(lines[i].text).strip(" *") in (f"chu tich uy ban nhan dan {fold(word)}", f"uy ban nhan dan {fold(word)}")
           for i in layout.title):
        return "tinh", place
    # the title names the province of the date line: "CHUYỂN ĐỔI SỐ TỈNH TRÀ VINH NĂM 2025"
    title = " " + " ".join(fold(lines[i].text) for i in layout.title) + " "
    if f" {fold(word)} {fold(place)} " in re.sub(r"[^\w]+", " ", title):
        return "tinh", place
    return None


_GLUED_RIGHT_RE = re.compile(r"\s(?=CỘNG HÒA XÃ HỘI|Độc lập\s*[-–])|(?<=VIỆT NAM)\s+(?=\S)"
                             # a rule between the motto and the place and date: "Hạnh phúc ------ Lạng Sơn, ngày …"
                             r"|(?<=Hạnh phúc)\s*[-–_=]{3,}\s*(?=[^\W\d][^,]{1,40},\s*ngày\b)")
_GLUED_NUMBER_RE = re.compile(r"^(Số\s*[:.]?\s*\d[^\s/]*\s*/\s*[\wĐđ.\-]+)\s+([^\s,\d][^,]{0,40},\s*ngày\b.*)$",
                              re.IGNORECASE)


def unglue_header_cell(cell: str) -> list[str]:
    """A header line whose two columns were joined with a space, back into cells."""
    m = _GLUED_NUMBER_RE.match(cell)
    if m:
        return [m.group(1), m.group(2)]
    glued = re.match(r"^([^a-zđ\d|]{6,}?)\s+(Số\s*:\s*\d.*)$", cell)
    if glued and is_upper(glued.group(1)):
        # a body's name and its number on one line (the rule under the name was dropped):
        # "ỦY BAN THƯỜNG VỤ QUỐC HỘI Số: 1666/NQ-UBTVQH15"
        return [glued.group(1), *unglue_header_cell(glued.group(2))]
    parts = _GLUED_RIGHT_RE.split(cell)
    return [p for p in parts if p.strip()] if len(parts) > 1 and parts[0].strip() else [cell]
