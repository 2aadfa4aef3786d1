"""Vietnamese typed in the legacy 8-bit font encodings TCVN3 (ABC) and VNI.

Many commune offices still type with the ABC keyboard and the ``.VnTime``
fonts (TCVN3, i.e. TCVN 5712:1993 VN3) or with the VNI keyboard and the
``VNI-Times`` fonts.  Those fonts draw Vietnamese letters in place of Latin-1
letters, so once the file leaves Word, or is read as Windows-1252 bytes, the
text looks like::

    TCVN3:  Uû ban nh©n d©n x· T©n ViÖt      ->  Uỷ ban nhân dân xã Tân Việt
    VNI:    UÛy ban nhaân daân xaõ Taân Vieät  ->  Ủy ban nhân dân xã Tân Việt

This module detects both (:func:`detect_legacy`), converts them to Unicode NFC
(:func:`legacy_to_unicode`, :func:`fix_legacy`) and back
(:func:`unicode_to_legacy`, used by the tests to build legacy renditions of
real report passages).

Text model
----------
Legacy text is handled as a ``str`` holding the legacy bytes decoded one byte
per character with :data:`LEGACY_BYTE_ENCODING` (Windows-1252).  Text decoded
with Latin-1 works just as well: every byte either encoding uses for a
Vietnamese letter lies in 0xA0-0xFF, where Windows-1252 and Latin-1 agree
(they differ only in 0x80-0x9F, where cp1252 has curly quotes and dashes).

TCVN3 (TCVN 5712:1993, VN3 — the ABC charset)
    One byte per letter.  All 67 lowercase letters have a code, but of the
    uppercase letters only the seven untoned ones do (Ă Â Ê Ô Ơ Ư Đ, 0xA1-0xA7).
    Toned capitals were typed with the all-capitals ``.VnTimeH`` font, which
    draws the *lowercase* codes as capitals; a plain-text reader cannot see the
    font, so those codes come out lowercase.  Hence:

    * :func:`unicode_to_legacy` writes a toned capital (Ủ, Ấ, ...) with the
      code of its lowercase letter — as the standard table does;
    * :func:`legacy_to_unicode` reads those codes as lowercase, then (by
      default) restores capitals inside words and headings that are clearly
      written in capitals ("VIÖT" -> "VIỆT", "B¸O C¸O" -> "BÁO CÁO",
      "ñY BAN" -> "ỦY BAN"); see :func:`_restore_tcvn3_capitals`.

    Typists who wanted "Ủy" in ``.VnTime`` wrote the old spelling "Uỷ" (``Uû``);
    we keep it as typed (the normaliser later moves the tone mark).

VNI (VNI-Windows, the ``VNI-Times`` fonts)
    A letter is a base byte plus, for most accents, a second "mark" byte:
    ``aù`` = á, ``aâ`` = â, ``aá`` = ấ, ``aê`` = ă, ``aé`` = ắ.  Some letters
    have a byte of their own: ``ñ`` = đ, ``ô`` = ơ, ``ö`` = ư, the toned i's
    (``í ì æ ó ò`` = í ì ỉ ĩ ị) and ``î`` = ỵ.  Capitals use the capital forms
    of the same bytes (``UÛ`` = Ủ, ``Ñ`` = Đ), so VNI round-trips exactly.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "LEGACY_BYTE_ENCODING",
    "ENCODINGS",
    "VIETNAMESE_LETTERS",
    "detect_legacy",
    "legacy_to_unicode",
    "unicode_to_legacy",
    "fix_legacy",
]

#: Codec to turn legacy bytes into the ``str`` this module works on (and back):
#: every TCVN3 and VNI byte lies in 0xA0-0xFF, which cp1252 and latin-1 share.
LEGACY_BYTE_ENCODING = "cp1252"

#: Names returned by :func:`detect_legacy` and accepted by the converters.
ENCODINGS = ("tcvn3", "vni")

# --------------------------------------------------------------------------
# The code charts
# --------------------------------------------------------------------------
# One line per lowercase Vietnamese letter that is not plain ASCII (67 of them):
#   Unicode letter | TCVN3 byte (hex) | VNI spelling (its one or two bytes, as cp1252 text)
# Vowels a ă â e ê i o ô ơ u ư y, each in the tone order
#   none, huyền (grave), sắc (acute), hỏi (hook), ngã (tilde), nặng (dot below);
# the untoned a e i o u y are ASCII and identical in all three encodings.
# VNI marks: tones ø ù û õ ï; circumflex â à á å ã ä; breve ê è é ú ü ë.
_LOWERCASE_CHART = """
à B5 aø
á B8 aù
ả B6 aû
ã B7 aõ
ạ B9 aï
ă A8 aê
ằ BB aè
ắ BE aé
ẳ BC aú
ẵ BD aü
ặ C6 aë
â A9 aâ
ầ C7 aà
ấ CA aá
ẩ C8 aå
ẫ C9 aã
ậ CB aä
è CC eø
é D0 eù
ẻ CE eû
ẽ CF eõ
ẹ D1 eï
ê AA eâ
ề D2 eà
ế D5 eá
ể D3 eå
ễ D4 eã
ệ D6 eä
ì D7 ì
í DD í
ỉ D8 æ
ĩ DC ó
ị DE ò
ò DF oø
ó E3 où
ỏ E1 oû
õ E2 oõ
ọ E4 oï
ô AB oâ
ồ E5 oà
ố E8 oá
ổ E6 oå
ỗ E7 oã
ộ E9 oä
ơ AC ô
ờ EA ôø
ớ ED ôù
ở EB ôû
ỡ EC ôõ
ợ EE ôï
ù EF uø
ú F3 uù
ủ F1 uû
ũ F2 uõ
ụ F4 uï
ư AD ö
ừ F5 öø
ứ F8 öù
ử F6 öû
ữ F7 öõ
ự F9 öï
ỳ FA yø
ý FD yù
ỷ FB yû
ỹ FC yõ
ỵ FE î
đ AE ñ
"""

# TCVN3 has codes for these seven capitals only (see the module docstring).
_TCVN3_CAPITALS = """
Ă A1
Â A2
Ê A3
Ô A4
Ơ A5
Ư A6
Đ A7
"""


def _parse_charts() -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """The charts above as ``[(letter, tcvn3_char, vni_str)]`` and TCVN3 capitals."""
    rows = []
    for line in _LOWERCASE_CHART.strip().splitlines():
        letter, tcvn3_hex, vni = line.split()
        rows.append((letter, bytes([int(tcvn3_hex, 16)]).decode(LEGACY_BYTE_ENCODING), vni))
    capitals = {}
    for line in _TCVN3_CAPITALS.strip().splitlines():
        letter, tcvn3_hex = line.split()
        capitals[letter] = bytes([int(tcvn3_hex, 16)]).decode(LEGACY_BYTE_ENCODING)
    return rows, capitals


_ROWS, _TCVN3_CAPITAL_CODES = _parse_charts()

#: The 134 Vietnamese letters outside ASCII: 67 lowercase, then their 67 capitals.
VIETNAMESE_LETTERS = "".join(r[0] for r in _ROWS) + "".join(r[0].upper() for r in _ROWS)


def _build_maps() -> dict[str, dict[str, str]]:
    """All conversion maps, derived from the charts.

    * ``to_tcvn3``: a toned capital gets its lowercase letter's code (TCVN3 has none);
    * ``to_vni``: a capital is written with the capital forms of the same bytes
      (in VNI each capital byte is its lowercase byte minus 0x20: ``aù``/``AÙ``);
    * ``vni_single`` / ``vni_pair``: VNI one-byte letters and base+mark pairs as
      the chart has them; ``vni_tolerated``: pairs only read, never written —
      a mark in the other case than its base (``Uû`` for Ủ) and ``yï`` for ỵ.
    """
    names = ("to_tcvn3", "to_vni", "from_tcvn3", "vni_single", "vni_pair", "vni_tolerated")
    maps: dict[str, dict[str, str]] = {name: {} for name in names}
    for lower, tcvn3, vni in _ROWS:
        upper = lower.upper()
        maps["to_tcvn3"][lower] = tcvn3
        maps["to_tcvn3"][upper] = _TCVN3_CAPITAL_CODES.get(upper, tcvn3)
        maps["from_tcvn3"][tcvn3] = lower
        for letter, seq in ((lower, vni), (upper, vni.upper())):
            maps["to_vni"][letter] = seq
            if len(seq) == 2:
                maps["vni_pair"][seq] = letter
                base, mark = seq
                other_case = mark.lower() if mark.isupper() else mark.upper()
                maps["vni_tolerated"][base + other_case] = letter
            elif seq != letter:  # "í" and "ì" are the same character in VNI and Unicode
                maps["vni_single"][seq] = letter
    maps["from_tcvn3"].update({code: cap for cap, code in _TCVN3_CAPITAL_CODES.items()})
    maps["vni_tolerated"].update({"yï": "ỵ", "yÏ": "ỵ", "YÏ": "Ỵ", "Yï": "Ỵ"})
    return maps


_MAPS = _build_maps()
_FROM_TCVN3 = _MAPS["from_tcvn3"]
_VNI_SINGLE = _MAPS["vni_single"]  # ñ ô ö æ ó ò î and capitals
_VNI_PAIR = _MAPS["vni_pair"]
_VNI_DECODE = {**_VNI_SINGLE, **_MAPS["vni_tolerated"], **_VNI_PAIR}
#: Greedy VNI reader: a base+mark pair if there is one, else a one-byte letter.
_VNI_RE = re.compile(
    "|".join(re.escape(s) for s in sorted({*_VNI_PAIR, *_MAPS["vni_tolerated"]}))
    + f"|[{''.join(_VNI_SINGLE)}]"
)
_TCVN3_TRANS = str.maketrans(_FROM_TCVN3)
_TO_TCVN3_TRANS = str.maketrans(_MAPS["to_tcvn3"])
_TO_VNI_TRANS = str.maketrans(_MAPS["to_vni"])

# --------------------------------------------------------------------------
# Detection
# --------------------------------------------------------------------------
# Three readings of the same characters compete: Unicode Vietnamese, TCVN3 and
# VNI.  Each "explains" some of the accented characters (those outside ASCII);
# a legacy reading is chosen only when it explains nearly all of them and
# clearly more than the Unicode reading does.

#: Characters 0xA1-0xFF: where both legacy encodings put their letters.
_HIGH = "\u00a1-\u00ff"
_HIGH_RE = re.compile(f"[{_HIGH}]")
_ASCII_LETTER_RE = re.compile("[A-Za-z]")
#: Vietnamese letters (and NFD tone marks) outside Latin-1: a legacy text read
#: as cp1252/latin-1 cannot contain any.
_UNICODE_ONLY = "".join(sorted(c for c in VIETNAMESE_LETTERS if ord(c) > 0xFF))
_UNICODE_ONLY_RE = re.compile(
    f"[{_UNICODE_ONLY}\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323]"
)
#: Vietnamese letters inside Latin-1 (à á â ã è é ê ì í ò ó ô õ ù ú ý, capitals).
_UNICODE_LATIN1 = frozenset(c for c in VIETNAMESE_LETTERS if ord(c) <= 0xFF)
_TCVN3_CODES = frozenset(_FROM_TCVN3)
#: TCVN3 codes 0xA1-0xBE (ă â ê ô ơ ư đ, Ă ... Đ, the toned a and ă): VNI never
#: uses these bytes and Vietnamese has no such letters, so inside a word they
#: are evidence for TCVN3 alone ("nh©n", "®Ó", "x·").
_TCVN3_ONLY = frozenset(c for c in _TCVN3_CODES if ord(c) <= 0xBE)
#: ... except these, also common as punctuation (« » and the soft hyphen), which
#: count only between two letters ("c«ng" = công, "tr\u00adêng" = trường).
_TCVN3_PUNCT = frozenset("«»\u00ad")
#: VNI pairs that are also Unicode Vietnamese spellings ("hoà", "hoá", old
#: tone placement); the Unicode reading explains these, but no other VNI pair.
_UNICODE_PAIRS = frozenset({"oà", "oá", "oã", "OÀ", "OÁ", "OÃ"})
#: VNI's one-byte letters, including í and ì, which VNI shares with Unicode.
_VNI_ONE_BYTE = frozenset(_VNI_SINGLE) | frozenset("íìÍÌ")
_VNI_SCAN_RE = re.compile(_VNI_RE.pattern + f"|[{_HIGH}]")

#: Characters 0xA1-0xFF must be at least this share of the letters
#: (legacy Vietnamese: 20-30 %; French, German, Spanish: a few %).
MIN_LEGACY_DENSITY = 0.05
#: The chosen encoding must explain this share of the accented characters.
MIN_FIT = 0.90
#: ... and explain this many more of them than the Unicode reading does,
MIN_GAIN = 3
#: ... which must also be this share of the accented characters.
MIN_GAIN_SHARE = 0.20
#: Characters only this encoding produces (see :func:`detect_legacy`).
MIN_SPECIFIC = 2


def _is_word_char(c: str) -> bool:
    return c.isalpha() or "\u00a1" <= c <= "\u00ff"


def _legacy_stats(text: str) -> dict[str, int]:
    """Count the characters :func:`detect_legacy` weighs.

    Keys:
      ``letters``: ASCII letters + accented characters;
      ``accented``: characters 0xA1-0xFF + Unicode-only Vietnamese letters;
      ``unicode_only``: Vietnamese letters/marks outside Latin-1;
      ``unicode_fit`` / ``tcvn3_fit`` / ``vni_fit``: accented characters that
      each reading explains (Unicode: Vietnamese letters where Vietnamese can
      have them; TCVN3: its codes; VNI: its letters and base+mark pairs where
      they stand);
      ``tcvn3_specific``: TCVN3 codes in words that neither other reading
      explains there; ``tcvn3_strong``: those of them in 0xA1-0xBE, bytes VNI
      never uses (ă â ê ô ơ ư đ, the toned a and ă);
      ``vni_specific``: characters in VNI base+mark pairs in the chart's case.
    """
    highs = [(m.start(), m.group()) for m in _HIGH_RE.finditer(text)]
    unicode_only = len(_UNICODE_ONLY_RE.findall(text))
    accented = len(highs) + unicode_only
    stats = {
        "letters": len(_ASCII_LETTER_RE.findall(text)) + accented,
        "accented": accented,
        "unicode_only": unicode_only,
        "unicode_fit": unicode_only,
        "tcvn3_fit": sum(c in _TCVN3_CODES for _, c in highs),
        "tcvn3_specific": 0,
        "tcvn3_strong": 0,
        "vni_fit": 0,
        "vni_specific": 0,
    }
    if not highs:
        return stats

    # VNI: scan as the decoder does.  A base+mark pair is explained (and, in the
    # chart's own case, specific: TCVN3 text hardly ever has a vowel followed by
    # such a code); so is a one-byte VNI letter, unless it is a capital right
    # after a small letter (TCVN3 "ViÖt" is not VNI "ViƯt").
    vni_explained: set[int] = set()
    not_unicode: set[int] = set()  # "aâ", "eá": no Vietnamese word spells that
    for m in _VNI_SCAN_RE.finditer(text):
        s, seq = m.start(), m.group()
        if len(seq) == 2:
            pos = [s + k for k in (0, 1) if "\u00a1" <= seq[k] <= "\u00ff"]
            vni_explained.update(pos)
            if seq in _VNI_PAIR or seq in ("yï", "YÏ"):
                stats["vni_specific"] += len(pos)
                if seq not in _UNICODE_PAIRS:
                    not_unicode.add(s + 1)
        elif seq in _VNI_ONE_BYTE:
            prev = text[s - 1] if s else " "
            if not (seq.isupper() and prev.islower()):
                vni_explained.add(s)
    stats["vni_fit"] = len(vni_explained)

    # TCVN3: a code inside a word that neither VNI nor Unicode explains there
    # ("cÇu", "ViÖt"), and above all a code 0xA1-0xBE ("nh©n", "x·").
    n = len(text)
    for i, c in highs:
        if c not in _TCVN3_CODES:
            continue
        prev_w = i > 0 and _is_word_char(text[i - 1])
        next_w = i + 1 < n and _is_word_char(text[i + 1])
        if not ((prev_w and next_w) if c in _TCVN3_PUNCT else (prev_w or next_w)):
            continue  # a symbol standing alone: © 2023, « ... », 3 × 4
        if c in _TCVN3_ONLY:
            stats["tcvn3_strong"] += 1
            stats["tcvn3_specific"] += 1
        elif i not in vni_explained and not _unicode_explains(text, i, c, not_unicode):
            stats["tcvn3_specific"] += 1

    stats["unicode_fit"] += sum(_unicode_explains(text, i, c, not_unicode) for i, c in highs)
    return stats


def _unicode_explains(text: str, i: int, c: str, not_unicode: set[int]) -> bool:
    """Would Unicode Vietnamese have character ``c`` at ``text[i]``?

    Yes for a Vietnamese letter (à á â ... ý, capitals), unless it closes a
    vowel pair no Vietnamese word has (VNI "aâ"), or it is a capital right
    after a small letter (TCVN3 "triÓn").
    """
    if c not in _UNICODE_LATIN1 or i in not_unicode:
        return False
    return not (c.isupper() and i > 0 and text[i - 1].islower())


def detect_legacy(text: str) -> str | None:
    """Tell whether ``text`` is Vietnamese typed in a legacy font encoding.

    ``text`` is the document as decoded with cp1252 or latin-1 (or as Word
    stored it).  Returns ``"tcvn3"``, ``"vni"``, or None for Unicode text
    (Vietnamese or not), ASCII, and text too short or too unlike either.

    Method — character statistics, never a single character.  The accented
    characters (0xA1-0xFF, plus Vietnamese letters outside Latin-1) are read
    three ways: as Unicode Vietnamese (explains à á â ... ý and ư ơ đ ạ ế ...,
    but not vowel pairs no Vietnamese word has, like VNI's ``aâ`` or ``eá``),
    as TCVN3 (explains its 74 codes) and as VNI (explains its one-byte letters
    and base+mark pairs where they stand).  A legacy encoding is chosen when:

    * density: characters 0xA1-0xFF are >= 5 % of the letters
      (legacy Vietnamese: 20-30 %; Western European text: a few %);
    * fit: it explains >= 90 % of the accented characters;
    * gain over Unicode: it explains at least 3, and at least 20 % of the
      accented characters, more than the Unicode reading does.  Text whose
      accented characters are all Vietnamese letters — any real Unicode
      Vietnamese, barring typos like a capital inside a small-letter word —
      has a gain of 0 or less, so it is never taken for legacy;
    * specific evidence: at least 2 characters that only this reading explains
      where they stand.  For TCVN3: codes inside words that are neither VNI
      nor Vietnamese letters ("cÇu", "ViÖt"), at least one of them a code
      0xA1-0xBE ("nh©n", "®", "x·") — VNI never uses those bytes, and without
      them German "schön größer" would pass.  For VNI: base+mark pairs in the
      chart's own case ("aø", "oâ", "ôù").

    If both encodings qualify the one with more specific evidence wins.

    Example:
        >>> detect_legacy("Uû ban nh©n d©n x· T©n ViÖt")
        'tcvn3'
        >>> detect_legacy("UÛy ban nhaân daân xaõ Taân Vieät")
        'vni'
        >>> detect_legacy("Ủy ban nhân dân xã Tân Việt") is None
        True
    """
    # Fast path: Unicode Vietnamese is dense in letters outside Latin-1 (ư ơ đ ạ ế …),
    # which legacy text decoded byte by byte cannot contain.  Skips the full
    # statistics for the common case (they cost ~24 ms on a 50 kB report).
    head = text[:20000]
    if len(_UNICODE_ONLY_RE.findall(head)) > 0.03 * len(head):
        return None
    st = _legacy_stats(text)
    accented = st["accented"]
    high = accented - st["unicode_only"]
    if high == 0 or high < MIN_LEGACY_DENSITY * st["letters"]:
        return None
    best: tuple[int, str] | None = None
    for enc in ENCODINGS:
        fit, specific = st[f"{enc}_fit"], st[f"{enc}_specific"]
        gain = fit - st["unicode_fit"]
        if (
            fit >= MIN_FIT * accented
            and gain >= MIN_GAIN
            and gain >= MIN_GAIN_SHARE * accented
            and specific >= MIN_SPECIFIC
            and (enc != "tcvn3" or st["tcvn3_strong"] >= 1)
            and (best is None or specific > best[0])
        ):
            best = (specific, enc)
    return best[1] if best else None


# --------------------------------------------------------------------------
# Conversion
# --------------------------------------------------------------------------
_UPPER_VOWELS = "AEIOUY" + "".join(c for c in VIETNAMESE_LETTERS[67:] if c != "Đ")
#: A Vietnamese syllable in capitals (onset, vowel nucleus, final): tells a
#: word in a heading ("DO", "THANH") from an acronym ("UBND", "BC", "CCHC").
_CAPS_SYLLABLE_RE = re.compile(
    r"(?:NGH|NG|GH|GI|KH|NH|PH|QU|TH|TR|CH|[BCDĐGHKLMNPRSTVX])?"
    f"[{_UPPER_VOWELS}]{{1,3}}"
    r"(?:NG|NH|CH|[CMNPT])?"
)
#: Lowercase toned letters: TCVN3 gives these for both cases, so their case is unknown.
_CASELESS = frozenset(
    r[0] for r in _ROWS if r[0].upper() not in _TCVN3_CAPITAL_CODES and r[0] != "đ"
)
_WORD_RE = re.compile(r"[^\W\d_]+")


def _is_syllable(word: str) -> bool:
    return _CAPS_SYLLABLE_RE.fullmatch(word.upper()) is not None


def _restore_tcvn3_capitals(text: str) -> str:
    """Capitalise toned letters TCVN3 could only store in lowercase.

    Only where the capitals are certain, line by line:

    * a Vietnamese syllable whose other letters are capitals, at least two of
      them or one that is not its first letter: ``VIệT`` -> ``VIỆT``,
      ``ủY`` -> ``ỦY`` (but not ``SốVBQPPL``, a typo for "Số VBQPPL");
    * a word like ``Xã``/``Tổ``/``ở`` (capital first letter or none, the rest
      toned) only inside a run of such capitalised words, without any
      lowercase word between, that holds a capitalised syllable of two letters
      or more (``XÃ TÂN VIỆT``, ``TỰ DO``) — acronyms do not count, so
      ``Số: 15/BC-UBND`` and ``UBND Hà Nội`` stay as they are.

    Toned capitals elsewhere stay lowercase: "ủy ban" at the start of a line may
    as well continue a sentence as start one.

    Example:
        >>> _restore_tcvn3_capitals("CộNG HòA Xã HộI CHủ NGHĩA")
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA'
    """
    out_lines = []
    for line in text.split("\n"):
        if not any(c in _CASELESS for c in line):
            out_lines.append(line)
            continue
        words = list(_WORD_RE.finditer(line))
        kinds = []  # "lower" | "caps" | "open" (may be capitals) | "other"
        for m in words:
            w = m.group()
            upper_at = [k for k, c in enumerate(w) if c not in _CASELESS and c.isupper()]
            has_lower = any(c not in _CASELESS and c.islower() for c in w)
            caseless = any(c in _CASELESS for c in w)
            if has_lower:
                kinds.append("lower")
            elif not caseless:
                kinds.append("caps" if upper_at else "other")
            elif (len(upper_at) >= 2 or any(k > 0 for k in upper_at)) and _is_syllable(w):
                kinds.append("caps")
            else:
                kinds.append("open")
        upper_words = {i for i, k in enumerate(kinds) if k == "caps"}
        # Runs of words without a lowercase word between them.
        run: list[int] = []
        for i in [*range(len(words)), None]:
            if i is not None and kinds[i] != "lower":
                run.append(i)
                continue
            anchored = any(
                kinds[j] == "caps" and len(words[j].group()) >= 2 and _is_syllable(words[j].group())
                for j in run
            )
            if anchored:
                upper_words.update(j for j in run if kinds[j] == "open")
            run = []
        chars = list(line)
        for i in upper_words:
            for k in range(*words[i].span()):
                if chars[k] in _CASELESS:
                    chars[k] = chars[k].upper()
        out_lines.append("".join(chars))
    return "\n".join(out_lines)


def _check_encoding(encoding: str) -> str:
    enc = encoding.lower().replace("-", "").replace("_", "")
    if enc not in ENCODINGS:
        raise ValueError(f"unknown legacy encoding {encoding!r}; use 'tcvn3' or 'vni'")
    return enc


def legacy_to_unicode(text: str, encoding: str, *, restore_case: bool = True) -> str:
    """Convert TCVN3 or VNI text to Unicode NFC.

    Args:
        text: the legacy text as decoded with cp1252 (:data:`LEGACY_BYTE_ENCODING`)
            or latin-1 — both give the same characters for every legacy letter.
            Characters that are not legacy codes (ASCII, punctuation, digits)
            pass through unchanged.
        encoding: ``"tcvn3"`` or ``"vni"``.
        restore_case: TCVN3 only: give capitals back to toned letters in words
            and headings typed in capitals (see the module docstring).

    Example:
        >>> legacy_to_unicode("Uû ban nh©n d©n x· T©n ViÖt", "tcvn3")
        'Uỷ ban nhân dân xã Tân Việt'
        >>> legacy_to_unicode("UÛy ban nhaân daân xaõ Taân Vieät", "vni")
        'Ủy ban nhân dân xã Tân Việt'
        >>> legacy_to_unicode("B¸O C¸O", "tcvn3")
        'BÁO CÁO'
    """
    enc = _check_encoding(encoding)
    if enc == "tcvn3":
        out = text.translate(_TCVN3_TRANS)
        if restore_case:
            out = _restore_tcvn3_capitals(out)
    else:
        out = _VNI_RE.sub(lambda m: _VNI_DECODE[m.group()], text)
    return unicodedata.normalize("NFC", out)


def unicode_to_legacy(text: str, encoding: str) -> str:
    """Write Unicode Vietnamese the way a TCVN3 or VNI font stores it.

    The result is a ``str`` of cp1252 characters; ``.encode(LEGACY_BYTE_ENCODING)``
    gives the bytes a legacy file would hold (it fails only on characters that
    were not cp1252 in the input).  TCVN3 has no toned capitals: they are written
    with their lowercase code, as the ABC charset does ("Ủy" -> "ñy").
    Characters outside the Vietnamese alphabet pass through unchanged.

    Example:
        >>> unicode_to_legacy("Ủy ban nhân dân", "vni")
        'UÛy ban nhaân daân'
        >>> unicode_to_legacy("Độc lập", "tcvn3")
        '§éc lËp'
    """
    enc = _check_encoding(encoding)
    nfc = unicodedata.normalize("NFC", text)
    return nfc.translate(_TO_TCVN3_TRANS if enc == "tcvn3" else _TO_VNI_TRANS)


def fix_legacy(text: str) -> tuple[str, str | None]:
    """Detect a legacy encoding and convert; return ``(text, encoding or None)``.

    Text that is not TCVN3/VNI (see :func:`detect_legacy`) comes back unchanged.

    Example:
        >>> fix_legacy("C«ng t¸c c¶i c¸ch hµnh chÝnh")
        ('Công tác cải cách hành chính', 'tcvn3')
        >>> fix_legacy("Công tác cải cách hành chính")
        ('Công tác cải cách hành chính', None)
    """
    enc = detect_legacy(text)
    if enc is None:
        return text, None
    return legacy_to_unicode(text, enc), enc
