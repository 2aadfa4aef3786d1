"""Plain-text reader (.txt, .md): encoding detection and legacy-font repair.

Commune offices send text in UTF-8 (with or without BOM), UTF-16 (Notepad's
"Unicode"), Windows-1258, or Vietnamese typed in the legacy TCVN3 (ABC) and
VNI fonts.  None of those is bad input: we decode each correctly.  Only text
that is really binary is refused.
"""

from __future__ import annotations

import codecs
import re

from ..errors import UnreadableFile
from ..model import Block, RawDocument
from .magic import sniff

# Very common Vietnamese words: counting them tells a right decoding from a wrong one.
_COMMON = re.compile(
    r"(?<!\w)(của|và|các|được|trong|năm|công|hành|chính|không|những|thực|hiện|"
    r"cán|bộ|xã|tác|việc|người|đã|cho|với|theo|về)(?!\w)",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _vietnamese_score(text: str) -> int:
    return len(_COMMON.findall(text[:200_000]))


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte of ASCII-range text is NUL."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode report bytes, returning ``(text, encoding)``.

    ``encoding`` names what was found: ``utf-8``, ``utf-8-sig``, ``utf-16``,
    ``cp1258``, or ``tcvn3``/``vni`` (legacy fonts, converted to Unicode).

    Raises:
        UnreadableFile: the bytes are binary, not text.
    """
    if data.startswith(codecs.BOM_UTF8):
        text, enc = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, enc = data.decode("utf-16", errors="replace"), "utf-16"
    elif (u16 := _looks_utf16(data)) is not None:
        text, enc = data.decode(u16, errors="replace"), "utf-16"
    else:
        kind = sniff(data[:8])
        if kind is not None or b"\x00" in data[:65536]:
            raise UnreadableFile(
                f"không phải tệp văn bản (trông giống {kind or 'dữ liệu nhị phân'}); "
                "đưa báo cáo ở dạng .txt, .docx hoặc .pdf"
            )
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, enc = _decode_8bit(data)
    if len(_CONTROL.findall(text[:65536])) > 0.01 * min(len(text), 65536) + 8:
        raise UnreadableFile(
            "không phải tệp văn bản (dữ liệu nhị phân); đưa báo cáo ở dạng .txt, .docx hoặc .pdf"
        )
    return _repair_legacy(text, enc)


def lost_letters(text: str) -> int:
    """Letters a wrong or lossy encoding destroyed: U+FFFD from decoding, or "?"
    inside a word from a save that could not encode it ("L?p", "n?m")."""
    return text.count("\ufffd") + len(re.findall(r"(?<=\w)\?(?=\w)", text[:200_000]))


def _decode_8bit(data: bytes) -> tuple[str, str]:
    """Windows-1258 or a legacy font encoding: keep whichever reads as Vietnamese."""
    from .legacy import LEGACY_BYTE_ENCODING

    cp1258 = data.decode("cp1258", errors="replace")
    legacy = data.decode(LEGACY_BYTE_ENCODING, errors="replace")
    fixed, legacy_enc = _repair_legacy(legacy, LEGACY_BYTE_ENCODING)
    if legacy_enc != LEGACY_BYTE_ENCODING and _vietnamese_score(fixed) > _vietnamese_score(
        cp1258
    ):
        return fixed, legacy_enc
    # Latin-1 (ISO 8859-1) holds the few Vietnamese letters Western Europe shares
    # ("xã", "à", "ê"); read as Windows-1258 they change ("xã" -> "xă")
    latin1 = data.decode("latin-1")
    if _vietnamese_score(latin1) > _vietnamese_score(cp1258):
        return latin1, "latin-1"
    return cp1258, "cp1258"


def _repair_legacy(text: str, enc: str) -> tuple[str, str]:
    """Convert TCVN3/VNI text (wherever it came from) to Unicode."""
    from .legacy import fix_legacy

    fixed, legacy = fix_legacy(text)
    if legacy is None:
        return text, enc
    return fixed, legacy


def read_text(data: bytes, path: str, sha256: str) -> RawDocument:
    text, encoding = decode_text(data)
    if not text.strip():
        raise UnreadableFile("tệp không có chữ nào; kiểm tra báo cáo đã được lưu đầy đủ chưa")
    lost = lost_letters(text)
    if lost > 3:
        # not an error: the rest of the report reads, but the reviewer should know
        import logging

        logging.getLogger("cchc_nlp").warning(
            "%s: %d chữ bị mất dấu hoặc không giải mã được (mã %s); lưu lại tệp ở dạng UTF-8 "
            "để đọc đúng", path, lost, encoding, extra={"cchc_file": path + "#encoding"})
    return RawDocument(
        path=path,
        format="txt",
        sha256=sha256,
        size=len(data),
        blocks=(Block(kind="paragraph", text=text),),
        encoding=encoding,
    )
