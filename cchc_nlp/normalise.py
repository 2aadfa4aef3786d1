"""Normalise report text while remembering where every character came from.

Steps, in order: line endings; HTML and Markdown remnants (``<i>``, ``**``);
Unicode NFC; one tone-mark placement (``hoà`` -> ``hòa``, ``thuỷ`` -> ``thủy``);
whitespace; and, for text that came from a PDF, hard line breaks re-joined into
the paragraphs the author typed.  Each normalised character keeps the offset
of the original character it came from (:meth:`Normalised.to_original`), so
later stages can point back into the file's own text.
"""

from __future__ import annotations

import functools
import re
import statistics
import unicodedata
from dataclasses import dataclass
from typing import Callable

# Vowels carrying a tone mark, by base vowel, in the order: huyền, sắc, hỏi, ngã, nặng.
_TONED = {
    "a": "àáảãạ", "A": "ÀÁẢÃẠ", "e": "èéẻẽẹ", "E": "ÈÉẺẼẸ",
    "y": "ỳýỷỹỵ", "Y": "ỲÝỶỸỴ", "o": "òóỏõọ", "O": "ÒÓỎÕỌ",
    "u": "ùúủũụ", "U": "ÙÚỦŨỤ",
}  # fmt: skip
_LETTER = r"a-zA-ZÀ-ỹĐđ"
#: Vietnamese capital letters (a range like À-Ỹ would include small letters too).
UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"


# Each branch opens on its vowel and looks back for the q only then, and the whole pattern opens on
# a look-ahead for those vowels: a pattern that opens on a character class lets the regex engine
# skip ahead to candidates (the seeds are scanned in ~1.6 ms instead of ~7 ms).
_TONE_RE = re.compile(
    r"(?=[oOuUùúủũụÙÚỦŨỤ])(?:"
    rf"([oO])(?<![qQ][oO])([àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ])(?![{_LETTER}])"
    rf"|([uU])(?<![qQ][uU])([ỳýỷỹỵỲÝỶỸỴ])(?![{_LETTER}])"
    # "qúy" for "quý": after q the u is no vowel and the mark belongs on the y
    rf"|([ùúủũụÙÚỦŨỤ])(?<=[qQ][ùúủũụÙÚỦŨỤ])([yY])(?![{_LETTER}])"
    r")"
)


def _tone_repl(m: re.Match) -> str:
    """"oà" -> "òa", "uỷ" -> "ủy": the modern placement in open syllables.

    The regex only matches when no letter follows ("hoàng" keeps its mark on
    the a) and no q precedes ("quý" is q + uý, already right).
    """
    if m.group(5):  # "qúy": the u's mark moves to the y
        u, y = m.group(5), m.group(6)
        tone = (_TONED["u"] if u.islower() else _TONED["U"]).index(u)
        return ("u" if u.islower() else "U") + _TONED[y][tone]
    first, second = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    for base, toned in _TONED.items():
        if second in toned:
            return _TONED[first][toned.index(second)] + base
    return m.group(0)


def retone(text: str) -> str:
    """NFC text with the tone of open oa/oe/uy syllables on the first vowel.

    >>> retone("Thuỷ Xuân, Hoà Bình, quý")
    'Thủy Xuân, Hòa Bình, quý'
    """
    return _TONE_RE.sub(_tone_repl, unicodedata.normalize("NFC", text))


_MARKUP_RE = re.compile(r"</?(?:i|b|u|em|strong|span|sup|sub|p|font)(?:\s[^<>]*)?>|\*\*|__")
_BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_COMBINING_RE = re.compile(r".[\u0300-\u036f]+", re.DOTALL)
# runs of spaces, and any space that is not a plain one; a lone plain space is left
# alone (matching each one would make every line a substitution)
# (the look-ahead that opens each of the next two lets the engine skip to candidates, as in _TONE_RE)
_SPACE_RE = re.compile(r"(?=[ \u00a0\u2000-\u200a\u202f\u3000])"
                       r"(?:[ \u00a0\u2000-\u200a\u202f\u3000]{2,}|[\u00a0\u2000-\u200a\u202f\u3000])")
_INVISIBLE_RE = re.compile(r"[\u200b-\u200d\ufeff\u00ad]")
_TRAIL_RE = re.compile(r"(?=[ ])(?:[ ]+(?=\n)|(?<=\n)[ ]+)")
_BLANK_LINES_RE = re.compile(r"\n(?:[ \t]*\n)+")
_TERMINAL = ".:;!?…"
_NEW_BLOCK_RE = re.compile(
    rf"^(?:[-+•*–]\s|[IVX]+\s*[.)/:\-–]|[a-zđ]\)\s|[a-zđ]\.\s+(?=[{UPPER}])"
    rf"|\d{{1,2}}(?:\.\d{{1,2}})*[.)]\s*[{UPPER}]|\d{{1,2}}(?:\.\d{{1,2}})+\s+[{UPPER}]"
    r"|(?:PHỤ LỤC|Phụ lục|BIỂU|Biểu mẫu|Nơi nhận|TM\.|KT\.|STT|Stt)\b|https?://)"
)


class _Mapped:
    """A string plus, for each character, its offset in the original text."""

    def __init__(self, text: str):
        self.text = text
        self.map = list(range(len(text)))
        self.length = len(text)

    def sub(self, pattern: re.Pattern, repl: str | Callable[[re.Match], str]) -> None:
        text, cur = self.text, self.map
        matches = list(pattern.finditer(text))
        if not matches:
            return
        reps = [repl(m) for m in matches] if callable(repl) else [repl] * len(matches)
        if all(len(r) == m.end() - m.start() for m, r in zip(matches, reps)):
            # every replacement keeps its length (a lone space for a space, a tone
            # mark moved): the offsets stay as they are, only the text changes
            pieces, pos = [], 0
            for m, r in zip(matches, reps):
                pieces += (text[pos:m.start()], r)
                pos = m.end()
            pieces.append(text[pos:])
            self.text = "".join(pieces)
            return
        out: list[str] = []
        omap: list[int] = []
        pos = 0
        for m, r in zip(matches, reps):
            s, e = m.span()
            out.append(text[pos:s])
            omap.extend(cur[pos:s])
            out.append(r)
            if len(r) == e - s:
                omap.extend(cur[s:e])
            else:
                anchor = cur[s] if s < len(cur) else self.length
                omap.extend([anchor] * len(r))
            pos = e
        out.append(text[pos:])
        omap.extend(cur[pos:])
        self.text = "".join(out)
        self.map = omap


@dataclass(frozen=True)
class Normalised:
    text: str
    #: offsets[i] is the offset in the original text of normalised character i
    offsets: tuple[int, ...]
    hard_wrapped: bool

    def to_original(self, i: int) -> int:
        if not self.offsets:
            return 0
        if i >= len(self.offsets):
            return self.offsets[-1] + 1
        return self.offsets[i]


def is_hard_wrapped(text: str) -> bool:
    """True when lines end at a fixed width and mostly continue on the next line.

    A report typed in Word and saved as text has one paragraph per line, so a
    next line starting in lower case is rare; text taken from a PDF breaks every
    ~80 characters, and then it is common. A short text (a news item of a few
    paragraphs) is wrapped when its lines stop near one width (the longest at most
    130 characters, three within a quarter of it) and two of them go on below.
    """
    lines = [ln.strip() for ln in text.split("\n") if ln.strip() and "\t" not in ln]
    if not lines:
        return False
    # (a list item in small letters, "a. Cấp tỉnh: …", goes on nothing)
    lower_next = sum(1 for a, b in zip(lines, lines[1:]) if b[0].islower() and not _NEW_BLOCK_RE.match(b))
    if len(lines) >= 10 and lower_next >= 5 and lower_next / (len(lines) - 1) >= 0.10:
        return True
    longest = max(map(len, lines))
    return longest <= 130 and lower_next >= 2 and sum(len(ln) >= 0.75 * longest for ln in lines) >= 3


#: an article's number alone on its line ("Điều 1.")
_BARE_ARTICLE_RE = re.compile(r"(?:Điều|ĐIỀU)\s+\d{1,3}\s*[.:]?")


#: a line that stops on a comma or on a word no Vietnamese sentence ends with (a preposition,
#: a conjunction, the head of a name: "của", "và", "tại", "Sở") goes on below, however short
_OPEN_END_RE = re.compile(
    r"(?:,|(?<!\w)(?:của|và|các|về|theo|tại|cho|với|những|trong|hoặc|như|Sở|Bộ|Ủy ban|Uỷ ban"
    r"|Giám đốc|Chủ tịch|Chánh|Thủ trưởng))$")
_CAPS_OPEN_END_RE = re.compile(r"(?:,|\s(?:VÀ|CỦA|VỀ|TRONG|CHO|TẠI))$")


def _is_caps(text: str) -> bool:
    """Every letter of the line is a capital (at least three of them)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


#: an article whose first word alone was left on its line: "Điều 2. Giao" / "Giám đốc Sở Nội vụ …"
_ARTICLE_CUT_RE = re.compile(r"(?:Điều|ĐIỀU)\s+\d{1,3}\s*[.:]\s*\w+")

#: the clause that closes a text's bases ("Căn cứ …,") and enacts it: "Ủy ban nhân dân tỉnh ban hành …"
_ENACTING_RE = re.compile(r"(?:[ỦU][yỷ] ban nhân dân|UBND|Hội đồng nhân dân|HĐND)\s+(?:\w+\s+){0,4}?ban hành\b")


#: a site's own tag under a news item ("baohatinh", "Baohatinh", "vietnamnet.vn"): one token no Vietnamese
#: syllable is (eight plain letters at least, or a domain), never the rest of a sentence
SITE_TAG_RE = re.compile(r"[A-Za-z][a-z0-9]{7,30}(?:\.[a-z]{2,4}){0,2}|[A-Za-z][a-z0-9-]{1,30}(?:\.[a-z]{2,4}){1,2}")
#: a line that is only a date, maybe with a time: a web page's date line ("11/04/2023")
_DATE_ONLY_RE = re.compile(
    r"\(?\s*(?:(?:Cập nhật|Ngày đăng|Đăng)(?: lúc| ngày)?\s*:?\s*)?"   # "( Cập nhật lúc: …"
    r"(?:\d{1,2}:\d{2}(?::\d{2})?\s*[-|,]?\s*)?"                        # "06:01, 03/01/2020"
    r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}(?:\s*[-|,]?\s*\d{1,2}:\d{2}(?::\d{2})?)?"
    r"(?:\s*\(GMT\s*[+-]\s*\d{1,2}\))?\s*\)?", re.IGNORECASE)          # "01-07-2025, 18:11 (GMT+7)"


#: a line that opens on a document's name and number: "Nghị quyết số 76/NQ-CP …", "Quyết định số 12/…"
_CITED_START_RE = re.compile(r"(?:Nghị quyết|Nghị định|Quyết định|Kế hoạch|Thông tư|Chỉ thị|Công văn|Chương trình)\s+số\s*\d")


#: a field of a page's card: one to four words, the first a capital, and a colon
_FIELD_RE = re.compile(rf"(?<!\S)[{UPPER}]\w*(?: \w+){{0,3}}:\s")
#: a photo's credit cut after its label ("… Ảnh:" / "Hoàng Biên"), a line that is a credit
#: ("Ảnh: Thùy Linh", "Ảnh VGP"), and a caption that ends with its credit ("… huyện. Ảnh: B.LIỄU")
_CREDIT_CUT_RE = re.compile(r"(?:^|[.(\s])Ảnh\s*[:;]$")
_CREDIT_RE = re.compile(rf"Ảnh\s*[:;.]?\s*[{UPPER}][^.]{{0,30}}$")
_CREDITED_RE = re.compile(rf"(?:^|[.\-–]\s*|\()Ảnh\s*[:;.]?\s*[{UPPER}][^:;()]{{0,30}}\)?$")
#: words that open a sentence with a capital and never go on one (a sentence running on over a
#: wrapped line goes on in small letters, or with a name): a headline or a title ends above them
_OPENER_RE = re.compile(
    r"(?:Thực hiện|Theo|Trong|Tại|Để|Với|Qua|Hiện nay|Đến nay|Bên cạnh|Tuy nhiên|Ngoài ra|Đồng thời|Cùng với"
    r"|Nhằm|Từ ngày|(?:Sáng|Chiều|Tối) (?:nay|qua))\b|(?:Ngày|Sáng|Chiều|Tối|Năm)\s+\d")
#: a dash then a number or a small letter: the second half of a span ("2011 - 2020",
#: "kinh tế - xã hội") that a wrap put at the head of a line, where a list item would take a capital
_SPAN_CUT_RE = re.compile(rf"[-–]\s+(?:\d|[{LOWER}])")
#: a figure alone on its line, with no full stop after it: a table's cell, not a sentence's end
_LONE_FIGURE_RE = re.compile(r"\d[\d.,]*\s?%?(?<!\.)")


def _ends_sentence(line: str) -> bool:
    """The line stops on a full stop, colon, semicolon, … (closing quotes and brackets aside)."""
    return line.rstrip("”\")' ")[-1:] in _TERMINAL


def _should_join(prev: str, nxt: str, width: float) -> bool:
    """Whether the break between two lines of wrapped (PDF) text only wraps a line.

    The checks run from the surest to the weakest and the first that decides wins;
    ``width`` is the text's usual full line length.
    """
    if "\t" in prev or "\t" in nxt:
        return False
    if _DATE_ONLY_RE.fullmatch(nxt) or _DATE_ONLY_RE.fullmatch(prev) or SITE_TAG_RE.fullmatch(nxt):
        return False  # a page's date line under its headline, or its tag, continues nothing
    if prev in ("Căn", "Căn cứ"):
        return True  # "Căn" / "Quyết định số 09/QĐ-TTg …": a legal basis cut after its first word
    if nxt.startswith(("Căn cứ ", "Xét đề nghị", "Theo đề nghị")):
        return False  # each legal basis starts its own line, whatever the line above ends with
    if (prev.endswith((":", ";")) and _CREDIT_CUT_RE.search(prev)) or _CREDIT_RE.match(nxt):
        return True  # "… của ngành nội vụ. Ảnh:" / "Thùy Linh": a photo's credit goes with its caption
    if "Ảnh" in prev and (credited := _CREDITED_RE.search(prev)):
        # "… tại Bộ phận một cửa. Ảnh: B.LIỄU": the caption ends with its credit, unless the
        # credit's bracket is still open ("(Ảnh: Dương" / "Nguyên).")
        return credited.group(0).lstrip().startswith("(") and not credited.group(0).endswith(")")
    if _OPENER_RE.match(nxt):
        return False  # "Thực hiện …", "Ngày 14/01/2021, …": words that open a sentence, never go on one
    if _SPAN_CUT_RE.match(nxt) and not _ends_sentence(prev):
        return True  # "… giai đoạn 2011" / "- 2020 có hiệu quả": a span cut at its dash, no list item
    if _NEW_BLOCK_RE.match(nxt):
        return False
    if nxt[0].islower():
        return True
    upper_next = [c for c in nxt if c.isalpha()]
    if _CAPS_OPEN_END_RE.search(prev) and _is_caps(prev) and _is_caps(nxt) and len(nxt) <= 60:
        return True  # "I. MỤC ĐÍCH," / "YÊU CẦU": a heading in capitals wrapped after a comma or "VÀ"
    if len(prev) >= 0.85 * width and _is_caps(prev) and _is_caps(nxt):
        return True  # a title in capitals that filled its line goes on below
    if len(upper_next) >= 6 and all(c.isupper() for c in upper_next):
        return False  # "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:", a title in capitals: never the rest of a sentence
    if _FIELD_RE.match(nxt) and (_FIELD_RE.match(prev) or len(_FIELD_RE.findall(nxt)) >= 2):
        # "Số hiệu: … Loại văn bản: …" / "Nơi ban hành: …": a page's card, a row a line
        return False
    if _LONE_FIGURE_RE.fullmatch(nxt) and not prev.lower().endswith(("năm", "=")):
        # "100%", "75,3": a table's cell copied out on its own line (not "… NĂM" / "2015",
        # "Kết hợp =" / "2")
        return False
    if nxt[0].isdigit() and not _ends_sentence(prev):
        return True  # "Trong năm" / "2023 UBND xã …": a number continues the sentence
    if prev.endswith(";") and len(prev) >= 0.9 * width and re.match(rf"\d[\d.,]*\s+[{LOWER}]", nxt):
        # "… 33 đề nghị xây dựng văn bản[1];" / "176 dự án, dự thảo …": a full line stops on a
        # semicolon and the count that follows goes on in small letters: one enumeration
        return True
    if _BARE_ARTICLE_RE.fullmatch(prev):
        return True  # "Điều 1." alone, then its title or its content: one article
    if _ARTICLE_CUT_RE.fullmatch(prev) and len(nxt) >= 0.6 * width:
        return True  # "Điều 2. Giao" / "Giám đốc Sở Nội vụ hướng dẫn, …": the article's first word alone
    if _OPEN_END_RE.search(prev) and not (prev.endswith(",") and _ENACTING_RE.match(nxt)):
        return True  # "Theo đề nghị của Giám đốc Sở" / "Tư pháp …": no line ends a sentence on such a word
    if _NEW_BLOCK_RE.match(prev) and not prev.startswith(("-", "+", "•", "*")):
        return False  # a numbered heading is one line; the next capital starts the body
    if re.search(r"\w[-/]$", prev) and re.match(r"[\w]", nxt):
        return True  # a document code cut at its hyphen: "1039/KH-" + "UBND"
    if prev[-1:].isalpha() and prev[:1] in "-+•" and _CITED_START_RE.match(nxt):
        # "- Triển khai, thực hiện có hiệu quả" / "Nghị quyết số 76/NQ-CP …": a list item's
        # sentence goes on with the document it names
        return True
    if _ends_sentence(prev):
        return False
    if _is_caps(prev):
        return False  # an all-caps heading ends at its line
    if len(prev) < 0.6 * width:
        return False
    return True


#: a web page's date line: "Ngày cập nhật 12/07/2021", "Đăng ngày: 07/09/2015 11:03:35"
_PAGE_DATE_RE = re.compile(r"(?:Ngày\s+)?(?:cập nhật|đăng|đăng ngày|ngày đăng)\s*:?\s*\d{1,2}/\d{1,2}/\d{4}"
                           r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?", re.IGNORECASE)


def _continues(prev: str, nxt: str, width: float) -> bool:
    """Outside PDF text only the surest case: a line cut before a small letter
    (not a page's date line above a text that starts in lower case)."""
    return ("\t" not in prev and "\t" not in nxt and nxt[0].islower()
            and not _NEW_BLOCK_RE.match(nxt) and not _PAGE_DATE_RE.fullmatch(prev) and not _DATE_ONLY_RE.fullmatch(prev)
            and not SITE_TAG_RE.fullmatch(nxt)
            and not _ends_sentence(prev))


def _headline_ends(first: str, nxt: str, width: float) -> bool:
    """A text's first line, short of the full width and not cut mid-word or mid-code, then a
    capital: a headline ("Ngày đầu làm việc của xã, phường mới: …" / "Sau quá trình …")."""
    return (nxt[0].isupper() and len(first) < 0.85 * width and not _OPEN_END_RE.search(first)
            and not first.endswith(("-", "/")))


def _rejoin_lines(m: _Mapped, should_join=_should_join, blank_lines_part: bool = True) -> None:
    """Join wrapped lines in place.

    Where lines run on in blocks and blank lines part the blocks (a web page's
    paragraphs, each wrapped), a blank line ends a paragraph: only the surest
    case (:func:`_continues`, a page break inside a sentence) joins across it.
    Where a blank line follows every line (double-spaced PDF text), blank lines
    do not count; nor in a PDF's own text layer (``blank_lines_part=False``), whose
    only blank lines are its page breaks.
    """
    text = m.text
    lengths = [len(ln) for ln in text.split("\n") if ln.strip() and "\t" not in ln]
    if not lengths:
        return
    width = statistics.quantiles(lengths, n=10)[-1] if len(lengths) >= 10 else max(lengths)
    # Find each newline run between two non-blank lines and decide to join it.
    breaks = []
    for br in re.finditer(r"\n(?:[ \t]*\n)*", text):
        s, e = br.span()
        prev_start = text.rfind("\n", 0, s) + 1
        prev = text[prev_start:s].strip()
        nxt_end = text.find("\n", e)
        nxt = text[e : nxt_end if nxt_end != -1 else len(text)].strip()
        if prev and nxt:
            breaks.append((s, e, prev, nxt, text.count("\n", s, e) > 1))
    blank = sum(b[4] for b in breaks)
    blocks = blank_lines_part and blank >= 2 and len(breaks) - blank >= 2 * blank
    joins = []
    for i, (s, e, prev, nxt, across_blank) in enumerate(breaks):
        if i == 0 and _headline_ends(prev, nxt, width):
            continue
        join = _continues if blocks and across_blank else should_join
        if join(prev, nxt, width):
            glue = "" if prev.endswith(("-", "/")) and not prev.endswith(" -") else " "
            joins.append((s, e, glue))
    if not joins:
        return
    out: list[str] = []
    omap: list[int] = []
    pos = 0
    for s, e, glue in joins:
        out.append(text[pos:s])
        omap.extend(m.map[pos:s])
        out.append(glue)
        omap.extend([m.map[s]] * len(glue))
        pos = e
    out.append(text[pos:])
    omap.extend(m.map[pos:])
    m.text = "".join(out)
    m.map = omap


def normalise(text: str, *, hard_wrapped: bool | None = None) -> Normalised:
    """Normalise report text, keeping an offset map back into ``text``.

    Args:
        text: the text as read from the file.
        hard_wrapped: whether lines are PDF-wrapped; ``None`` detects it.

    Example:
        >>> normalise("**Uỷ ban** nhân dân xã Hoằng Hoá").text
        'Ủy ban nhân dân xã Hoằng Hóa'
    """
    m = _Mapped(text)
    m.sub(re.compile(r"\r\n?|\f|\v|\u2028|\u2029"), "\n")
    m.sub(_BR_RE, "\n")
    m.sub(_MARKUP_RE, "")
    m.sub(_COMBINING_RE, lambda x: unicodedata.normalize("NFC", x.group(0)))
    m.sub(_INVISIBLE_RE, "")
    m.sub(_TONE_RE, _tone_repl)
    m.sub(_SPACE_RE, " ")
    m.sub(_TRAIL_RE, "")
    wrapped = is_hard_wrapped(m.text) if hard_wrapped is None else hard_wrapped
    # a PDF reader says its text is wrapped, and parts pages, not paragraphs, by blank lines
    _rejoin_lines(m, _should_join if wrapped else _continues, blank_lines_part=hard_wrapped is None)
    m.sub(_SPACE_RE, " ")
    m.sub(_BLANK_LINES_RE, "\n")
    # strip the whole text, keeping the map aligned
    lead = len(m.text) - len(m.text.lstrip())
    trail = len(m.text.rstrip())
    m.text, m.map = m.text[lead:trail], m.map[lead:trail]
    return Normalised(text=m.text, offsets=tuple(m.map), hard_wrapped=wrapped)


def fold(text: str) -> str:
    """Lower-case, diacritic-free form for matching what people type.

    >>> fold("Nghị định 61/2018/NĐ-CP")
    'nghi dinh 61/2018/nd-cp'
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@functools.lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    d = unicodedata.normalize("NFD", c)
    base = d[0] if d else c
    low = base.lower()
    return low if len(low) == 1 else base


def fold_in_place(text: str) -> str:
    """Lower case without diacritics, one character for one character.

    ``fold_in_place(text)[i]`` comes from ``text[i]``, so offsets found in the folded
    text index the original.

    >>> fold_in_place("Số hồ sơ đã tiếp nhận")
    'so ho so da tiep nhan'
    """
    return "".join(_fold_char(c) for c in text)
