"""What a reviewer reads of one report on screen: the digest and the report's own
text, block by block, with each paragraph's area, its boilerplate sentences, the
evidence of every flag and every citation marked where they stand.

``analysis_record(analysis)`` is computed once, when a report is indexed, and kept
in the index (``Store.add_report(record=…)``): the web app's report page and its
JSON twin read it back without running any model again.
"""

from __future__ import annotations

from ..digest import build_digest
from ..model import AREAS
from .records import jsonable, meta_record

_ASIDE_LABELS = {"header": "Phần đầu văn bản", "title": "Tên văn bản", "closing": "Nơi nhận, chữ ký",
                 "link": "Đường dẫn", "caption": "Tên bảng"}


def _sentence_spans(text: str, sentences) -> list[tuple[int, int, bool]]:
    """``(start, end, concrete)`` of each judged sentence, found in order in ``text``."""
    out, pos = [], 0
    for s in sentences:
        i = text.find(s.text, pos)
        if i < 0:
            continue
        out.append((i, i + len(s.text), s.concrete))
        pos = i + len(s.text)
    return out


def _segments(text: str, offset: int, sentences, evidence, cites) -> list[dict]:
    """Cut ``text`` (which starts at ``offset`` of the report) at every sentence,
    evidence and citation boundary; each piece says what covers it.

    ``evidence``: ``(start, end, flag number)``, ``cites``: ``(start, end, canonical)``,
    both in report offsets; ``sentences``: ``(start, end, concrete)`` in text offsets.
    """
    n = len(text)
    ev = [(max(0, s - offset), min(n, e - offset), k) for s, e, k in evidence if s < offset + n and e > offset]
    ci = [(max(0, s - offset), min(n, e - offset), c) for s, e, c in cites if s >= offset and e <= offset + n]
    cuts = sorted({0, n, *(x for s, e, _ in sentences for x in (s, e)),
                   *(x for s, e, _ in ev for x in (s, e)), *(x for s, e, _ in ci for x in (s, e))})
    cuts = [c for c in cuts if 0 <= c <= n]
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if a == b:
            continue
        piece = {"text": text[a:b]}
        sent = next((c for s, e, c in sentences if s <= a and b <= e), None)
        if sent is False:
            piece["boilerplate"] = True
        flags = sorted({k for s, e, k in ev if s <= a and b <= e})
        if flags:
            piece["flags"] = flags
        cite = next((c for s, e, c in ci if s <= a and b <= e), None)
        if cite:
            piece["cite"] = cite
        if out and {k: v for k, v in out[-1].items() if k != "text"} == {k: v for k, v in piece.items() if k != "text"}:
            out[-1]["text"] += piece["text"]
        else:
            out.append(piece)
    return out


def reading_blocks(analysis, digest: dict) -> list[dict]:
    """The report's text as blocks in document order: ``aside`` (header, title,
    closing), ``heading``, ``paragraph`` (area, boilerplate, sentences) and
    ``table``; every block's ``segments`` carry flag numbers (index into
    ``digest["flags"]``) and cited documents."""
    report = analysis.report
    text = report.text
    evidence = [(e["start"], e["end"], k) for k, f in enumerate(digest["flags"]) for e in f["evidence"]]
    cites = [(c.start, c.end, c.canonical) for c in analysis.citations]
    tags = {t.index: t for t in analysis.paragraphs}
    spans: list[tuple[int, int, dict]] = []
    for r in report.set_aside:
        spans.append((r.start, r.end, {"kind": "aside", "role": r.kind, "label": _ASIDE_LABELS.get(r.kind, r.kind)}))
    for s in report.sections:
        if s.heading_end > s.start:
            spans.append((s.start, s.heading_end, {"kind": "heading", "level": s.level, "number": s.number}))
    for p in report.paragraphs:
        t = tags.get(p.index)
        spans.append((p.start, p.end, {
            "kind": "paragraph", "index": p.index, "section": p.section,
            "area": t.area if t else None, "area_label": AREAS.get(t.area, "") if t else "",
            "boilerplate": t.boilerplate if t else None, "concreteness": t.concreteness if t else None,
            "_sentences": t.sentences if t else ()}))
    for tb in report.tables:
        spans.append((tb.start, tb.end, {"kind": "table", "title": tb.title}))
    spans.sort(key=lambda x: (x[0], -x[1]))
    blocks, pos = [], 0
    for start, end, block in spans:
        if start < pos:  # nested in a block already shown (never expected: one place each)
            continue
        chunk = text[start:end]
        sentences = _sentence_spans(chunk, block.pop("_sentences", ()))
        if block["kind"] == "table":
            flags = sorted({k for s, e, k in evidence if s < end and e > start})
            block["rows"] = [line.split("\t") for line in chunk.splitlines() if line.strip()]
            if flags:
                block["flags"] = flags
        else:
            block["segments"] = _segments(chunk, start, sentences, evidence, cites)
        block["start"], block["end"] = start, end
        blocks.append(block)
        pos = end
    _anchor_evidence(blocks, len(digest["flags"]))
    return blocks


def _anchor_evidence(blocks: list[dict], flags: int) -> None:
    """Mark the first place each flag's evidence is shown (``anchor`` on that
    segment or table), so that the flag list can link to it."""
    seen: set[int] = set()
    for b in blocks:
        if b["kind"] == "table":
            new = [k for k in b.get("flags", ()) if k not in seen]
            if new:
                b["anchors"] = new
                seen.update(new)
            continue
        for seg in b["segments"]:
            new = [k for k in seg.get("flags", ()) if k not in seen]
            if new:
                seg["anchors"] = new
                seen.update(new)


def analysis_record(analysis) -> dict:
    """The digest (``digest.build_digest``), the report's meta and its text as
    reading blocks: everything the report page shows, JSON-ready."""
    digest = build_digest(analysis)
    record = dict(digest)
    record["meta"] = meta_record(analysis.report)
    record["reading"] = reading_blocks(analysis, digest)
    anchored = {k for b in record["reading"] for k in b.get("anchors", ())}
    anchored |= {k for b in record["reading"] for s in b.get("segments", ()) for k in s.get("anchors", ())}
    for k, f in enumerate(record["flags"]):
        f["anchor"] = f"ev-{k}" if k in anchored else (f"p-{f['paragraph']}" if f["paragraph"] is not None else None)
    return jsonable(record)

