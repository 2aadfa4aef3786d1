"""Near-duplicate passages across reports: template and copied text.

Communes copy from a district template, from each other and from their own
previous report.  Paragraphs are shingled into word 5-grams, summarised with
MinHash and bucketed with LSH (datasketch), so a batch is compared in
near-linear time instead of pair by pair.

Example:
    >>> pairs = find_copies({"a": ["UBND xã đã ban hành kế hoạch cải cách hành chính năm 2024 …"],
    ...                      "b": ["UBND xã đã ban hành kế hoạch cải cách hành chính năm 2024 …"]})
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUM_PERM = 128
SHINGLE = 5
#: estimated Jaccard similarity from which two paragraphs count as copies
THRESHOLD = 0.7
MIN_WORDS = 20  # shorter ones are the official outline's sub-headings, shared by all

_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class CopiedPassage:
    report_a: str
    paragraph_a: int
    report_b: str
    paragraph_b: int
    similarity: float  # estimated Jaccard similarity of 5-word shingles


def _shingles(text: str) -> set[bytes]:
    words = _WORD_RE.findall(text.lower())
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def _minhash(shingles: set[bytes]):
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=1)
    m.update_batch(list(shingles))
    return m


def find_copies(reports: dict[str, list[str]], threshold: float = THRESHOLD) -> list[CopiedPassage]:
    """Pairs of paragraphs from different reports that are near-duplicates.

    Args:
        reports: report id -> its narrative paragraphs, in order.
        threshold: estimated Jaccard similarity from which a pair is reported.
    """
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes = {}
    for rid, paragraphs in reports.items():
        for i, text in enumerate(paragraphs):
            if len(_WORD_RE.findall(text)) < MIN_WORDS:
                continue
            m = _minhash(_shingles(text))
            key = (rid, i)
            hashes[key] = m
            lsh.insert(key, m)
    found = []
    for key, m in hashes.items():
        for other in lsh.query(m):
            if other[0] == key[0] or other <= key:
                continue  # same report, or the pair seen from the other side
            sim = m.jaccard(hashes[other])
            if sim >= threshold:
                found.append(CopiedPassage(key[0], key[1], other[0], other[1], round(sim, 3)))
    return sorted(found, key=lambda c: (c.report_a, c.paragraph_a, c.report_b, c.paragraph_b))


def copied_share(reports: dict[str, list[str]], copies: list[CopiedPassage]) -> dict[str, float]:
    """Per report, the share of its text in paragraphs that another report repeats."""
    hit: dict[str, set[int]] = {rid: set() for rid in reports}
    for c in copies:
        hit[c.report_a].add(c.paragraph_a)
        hit[c.report_b].add(c.paragraph_b)
    out = {}
    for rid, paragraphs in reports.items():
        total = sum(len(p) for p in paragraphs) or 1
        out[rid] = round(sum(len(paragraphs[i]) for i in hit[rid]) / total, 4)
    return out
