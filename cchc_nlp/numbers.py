"""Numbers written the Vietnamese way: a point groups thousands, a comma marks
decimals ("1.157", "58,7"), and sometimes words ("hai mươi lăm").  The one place
that reads them (:func:`read_number`, :func:`parse_number`) and writes them
(:func:`format_number`), for the figures, the checks and every output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .normalise import fold_in_place

MAX_DIGITS = 30  # a commune figure never needs more; longer runs are stray digits


@dataclass(frozen=True, slots=True)
class MalformedNumber:
    """A token that looks like a number but is not well formed.

    ``reason`` is one of ``bad_grouping`` (``3.000.000.0000``, ``1.2.3.4``),
    ``several_decimal_commas`` (``1,2,3``), ``mixed_separators``
    (``1,234.5``), ``too_long`` (more than 30 digits), ``stray_characters``
    (``50/``, ``12a``).  ``guess`` is the likely value when there is one.
    """

    text: str
    reason: str
    guess: Decimal | None = None


_WS = re.compile(r"\s+")
_INT_RE = re.compile(r"\d+")
_THOUSANDS_RE = re.compile(r"\d{1,3}(?:\.\d{3})+")
_THOUSANDS_DEC_RE = re.compile(r"(\d{1,3}(?:\.\d{3})+),(\d+)")
_DEC_COMMA_RE = re.compile(r"(\d+),(\d+)")
_DEC_DOT_RE = re.compile(r"(\d+)\.(\d{1,2}|\d{4,})")
_EN_THOUSANDS_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")

_WORD_DIGITS = {
    "khong": 0, "mot": 1, "mots": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5,
    "sau": 6, "bay": 7, "tam": 8, "chin": 9,
}  # fmt: skip
_WORD_SCALES = {"nghin": 1000, "ngan": 1000, "trieu": 10**6, "ty": 10**9, "ti": 10**9}


def words_to_number(text: str) -> Decimal | None:
    """Vietnamese number words to a Decimal: ``"một trăm"`` -> 100,
    ``"hai mươi lăm"`` -> 25, ``"ba nghìn không trăm linh năm"`` -> 3005.
    ``None`` when ``text`` is not made only of number words."""
    words = fold_in_place(text).replace("-", " ").split()
    if not words:
        return None
    total, group, cur = 0, 0, None
    seen = False
    for w in words:
        if w in ("mot", "mots") and cur is None and group % 10 == 0 and group >= 20:
            cur = 1
        elif w in _WORD_DIGITS:
            if cur is not None:
                return None
            cur = _WORD_DIGITS[w]
        elif w == "muoi":  # mười and mươi fold alike
            group += (cur if cur is not None else 1) * 10
            cur = None
        elif w == "tram":
            group += (cur if cur is not None else 1) * 100
            cur = None
        elif w in ("linh", "le"):
            if cur is not None:
                return None
        elif w in _WORD_SCALES:
            group += cur or 0
            total += (group or 1) * _WORD_SCALES[w]
            group, cur = 0, None
        else:
            return None
        seen = True
    if not seen:
        return None
    group += cur or 0
    return Decimal(total + group)


def read_number(text: str) -> Decimal | MalformedNumber | None:
    """Read one number token the Vietnamese way; never raises.

    Returns a Decimal for well-formed input, a :class:`MalformedNumber` for
    digits in a shape no writer intends (the checks stage flags these), and
    ``None`` when ``text`` holds no number at all.  A trailing ``%`` or
    ``phần trăm`` is ignored (the caller knows it is a percentage).
    """
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, Decimal)):
        return Decimal(text) if Decimal(text).is_finite() else None
    if not isinstance(text, str):
        return None
    t = _WS.sub(" ", text).strip()
    t = re.sub(r"\s*(%|phần trăm|phan tram)$", "", t, flags=re.IGNORECASE).strip()
    if not t:
        return None
    if not any(ch.isdigit() for ch in t):
        return words_to_number(t)
    sign = ""
    if t[0] in "+-" and len(t) > 1:
        sign, t = ("-" if t[0] == "-" else ""), t[1:].strip()
    ndigits = sum(ch.isdigit() for ch in t)
    if ndigits > MAX_DIGITS:
        return MalformedNumber(text, "too_long")
    try:
        if _INT_RE.fullmatch(t):
            return Decimal(sign + t)
        if _THOUSANDS_RE.fullmatch(t):
            return Decimal(sign + t.replace(".", ""))
        m = _THOUSANDS_DEC_RE.fullmatch(t)
        if m:
            return Decimal(sign + m.group(1).replace(".", "") + "." + m.group(2))
        m = _DEC_COMMA_RE.fullmatch(t)
        if m:
            return Decimal(sign + m.group(1) + "." + m.group(2))
        m = _DEC_DOT_RE.fullmatch(t)
        if m:  # one dot not followed by exactly three digits: a decimal point
            return Decimal(sign + m.group(1) + "." + m.group(2))
    except InvalidOperation:  # pragma: no cover - the regexes only pass digits
        return MalformedNumber(text, "stray_characters")
    if re.fullmatch(r"\d{1,3}(?: \d{3})+", t):
        return MalformedNumber(text, "space_grouping", Decimal(sign + t.replace(" ", "")))
    if re.fullmatch(r"[\d.,]+", t):
        if _EN_THOUSANDS_RE.fullmatch(t):
            guess = Decimal(sign + t.replace(",", ""))
            return MalformedNumber(text, "mixed_separators" if "." in t else "english_grouping", guess)
        if "," in t and "." in t:
            return MalformedNumber(text, "mixed_separators")
        if t.count(",") > 1:
            return MalformedNumber(text, "several_decimal_commas")
        return MalformedNumber(text, "bad_grouping")
    return MalformedNumber(text, "stray_characters")


def format_number(value) -> str:
    """Write a number the Vietnamese way: a point groups thousands, a comma marks decimals.

    >>> format_number(Decimal("1157")), format_number(Decimal("58.70"))
    ('1.157', '58,7')
    """
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    sign = "-" if d < 0 else ""
    whole, _, frac = f"{abs(d):f}".partition(".")
    frac = frac.rstrip("0")
    return sign + f"{int(whole):,}".replace(",", ".") + ("," + frac if frac else "")


def parse_number(text: str) -> Decimal | None:
    """The value of a Vietnamese number, exactly; ``None`` if there is none.

    >>> parse_number("1.157"), parse_number("74,9%"), parse_number("03")
    (Decimal('1157'), Decimal('74.9'), Decimal('3'))
    >>> parse_number("3.000.000.0000") is None, parse_number("1,2,3") is None
    (True, True)

    Never raises; malformed tokens give ``None`` (use :func:`read_number` to
    learn why).  Money words are not applied here: see :func:`parse_amount`.
    """
    v = read_number(text)
    return v if isinstance(v, Decimal) else None
