"""Vietnamese tokenisation (underthesea): words and sentences.

``tokens(text)`` is the one place that calls underthesea's word segmenter:
multi-syllable words come back joined with "_" ("cải_cách", "hành_chính"),
which is what the area classifier's features are built on.

The spaCy pipeline built on it (``cchc_nlp.load()``) is assembled in
:mod:`cchc_nlp.spacy_components`, the top adapter over the stages; ``cchc_nlp.nlp``
is the public face of both.
"""

from __future__ import annotations

import functools
import re

_SPACE_RE = re.compile(r"\s+")


# The caches serve one report's stages (areas, concreteness, checks read the same
# paragraphs); a few thousand entries hold the largest report, and a batch of
# thousands of reports then runs in flat memory.
@functools.lru_cache(maxsize=8192)
def tokens(text: str) -> tuple[str, ...]:
    """Word-segment Vietnamese text with underthesea.

    Example:
        >>> tokens("Cải cách hành chính")
        ('Cải_cách', 'hành_chính')
    """
    from underthesea import word_tokenize

    text = _SPACE_RE.sub(" ", text).strip()
    if not text:
        return ()
    return tuple(w.replace(" ", "_") for w in word_tokenize(text))


@functools.lru_cache(maxsize=4096)
def token_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """``tokens(text)`` with their character offsets in ``text``.

    Lets later stages take the words of a sentence from its paragraph's
    segmentation instead of segmenting the sentence again.
    """
    out, pos = [], 0
    for tok in tokens(text):
        surface = tok.replace("_", " ")
        found = text.find(surface, pos)
        if found == -1:  # underthesea normalised the spacing: locate the first syllable
            found = text.find(surface.split(" ")[0], pos)
            if found == -1:
                continue
        out.append((found, found + len(surface), tok))
        pos = found + len(surface)
    return tuple(out)


def words_within(text: str, start: int, end: int) -> list[str]:
    """The words of ``text[start:end]``, from the segmentation of the whole ``text``."""
    return [w for s, e, w in token_spans(text) if s >= start and e <= end]


def segmented(text: str) -> str:
    """Lower-cased, word-segmented text, words separated by single spaces."""
    return " ".join(tokens(text)).lower()


_INLINE_ITEM_RE = re.compile(r"(?<=[;:])\s+(?=[-+•]\s)")
_LIST_NUMBER_RE = re.compile(r"(?:\d{1,2}|[IVX]{1,4}|[a-zđ])[.)]")
_CLOSING_MARK_RE = re.compile(r"[./]+")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) within ``text``.

    underthesea's ``sent_tokenize`` already keeps "số 02/KH-UBND.", "TP.",
    "v.v." and "1.157" inside their sentences; we also split the inline list
    items that reports run together ("Kết quả: - Tiếp nhận 10 hồ sơ; - Giải
    quyết 9 hồ sơ.").

    Example:
        >>> t = "Tiếp nhận 1.157 hồ sơ. Ban hành Kế hoạch số 02/KH-UBND."
        >>> [t[s:e] for s, e in sentences(t)]
        ['Tiếp nhận 1.157 hồ sơ.', 'Ban hành Kế hoạch số 02/KH-UBND.']
    """
    from underthesea import sent_tokenize

    spans: list[tuple[int, int]] = []
    pos = 0
    for sent in sent_tokenize(text):
        sent = sent.strip()
        if not sent:
            continue
        start = text.find(sent, pos)
        if start == -1:  # underthesea altered spacing: align on the first word
            first = sent.split()[0]
            start = text.find(first, pos)
            if start == -1:
                continue
            end = min(len(text), start + len(sent))
        else:
            end = start + len(sent)
        cut = start
        for m in _INLINE_ITEM_RE.finditer(text, start, end):
            spans.append((cut, m.start()))
            cut = m.end()
        spans.append((cut, end))
        pos = end
    if not spans and text.strip():
        spans.append((len(text) - len(text.lstrip()), len(text.rstrip())))
    spans = [(s, e) for s, e in spans if text[s:e].strip()]
    # underthesea ends a sentence after a list number ("2. Thực hiện …") and
    # before the closing mark "./.": glue those pieces back to their sentence
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        piece = text[s:e].strip()
        if merged and (_CLOSING_MARK_RE.fullmatch(piece)
                       or _LIST_NUMBER_RE.fullmatch(text[merged[-1][0]:merged[-1][1]].strip())):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged

