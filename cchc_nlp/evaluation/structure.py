"""Structure accuracy against the hand-made gold in ``corpus/gold``.

``evaluate()`` returns per-field meta accuracy, heading agreement, paragraph
counts, appendix rows, and paragraph-boundary precision/recall for the seeds
whose text was hard-wrapped by PDF extraction (``paragraph_breaks.jsonl``).
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

from ..config import corpus_dir
from ..render.records import meta_record

META_FIELDS = ("unit_kind", "unit_name", "district", "province", "number", "place", "date",
               "period_kind", "quarter", "year", "signer_name", "signer_title")


def _first_words(text: str, n: int = 8) -> str:
    return " ".join(text.split()[:n])


def boundary_scores(report, gold_rows: list[dict]) -> tuple[float, float]:
    """Precision and recall of paragraph starts (headings included), matched by
    their first eight words, against the gold for one report."""
    from ..normalise import normalise

    text = report.text
    headings = [text[s.start : (text.find("\n", s.start) + 1 or len(text) + 1) - 1]
                for s in report.sections]
    got = {_first_words(t) for t in [p.text for p in report.paragraphs] + headings}
    # gold words are as typed in the file: spell them the way normalisation does
    want = {_first_words(normalise(r["first_words"]).text)
            for r in gold_rows if r["kind"] != "title"}
    hit = len(got & want)
    return hit / max(1, len(got)), hit / max(1, len(want))


def evaluate(gold_dir: Path | None = None, reports_dir: Path | None = None) -> dict:
    from ..pipeline import parse

    gold_dir = gold_dir or corpus_dir() / "gold"
    reports_dir = reports_dir or corpus_dir() / "reports"
    gold = [json.loads(x) for x in (gold_dir / "structure.jsonl").read_text("utf-8").splitlines() if x]
    breaks: dict[str, list[dict]] = {}
    bpath = gold_dir / "paragraph_breaks.jsonl"
    for line in bpath.read_text("utf-8").splitlines() if bpath.exists() else []:
        if line.strip():
            row = json.loads(line)
            breaks.setdefault(row["report"], []).append(row)
    fields = {f: [0, 0] for f in META_FIELDS}
    per_report = []
    for g in gold:
        report = parse(reports_dir / f"{g['report']}.txt")
        meta = meta_record(report)
        for f in META_FIELDS:
            fields[f][0] += meta.get(f) == g["meta"].get(f)
            fields[f][1] += 1
        got_h = [(s.number.split(".")[-1], " ".join(s.title.split())) for s in report.sections]
        want_h = [(h["number"], " ".join(h["title"].split())) for h in g["headings"]]
        row = {
            "report": g["report"],
            "headings_agreement": difflib.SequenceMatcher(None, got_h, want_h, autojunk=False).ratio(),
            "headings": (len(got_h), len(want_h)),
            "paragraphs": (len(report.paragraphs), g["paragraph_count"]),
            "tables": ([len(t.rows) for t in report.tables],
                       [t["data_rows"] for t in g["appendix_tables"]]),
        }
        if g["report"] in breaks:
            row["boundary_precision"], row["boundary_recall"] = boundary_scores(
                report, breaks[g["report"]])
        per_report.append(row)
    return {"meta_accuracy": {f: ok / n for f, (ok, n) in fields.items()},
            "reports": per_report}


# --- any CCHC document: the blind and development sets ----------------------

#: The meta fields a document may state (``corpus/blind/GUIDELINES.md``).
DOC_META_FIELDS = ("kind", "unit_kind", "unit_name", "district", "province", "number", "date",
                   "period_kind", "quarter", "year")
SETS = {"blind": ("blind", "blind/docs"), "blind2": ("blind2", "blind2/docs"), "blind3": ("blind3", "web"),
        "blind4": ("blind4", "web"), "blind5": ("blind5", "web"), "dev": ("dev", "extra"),
        "dev2": ("dev2", "dev2/docs"), "dev3": ("dev3", "dev3/docs"),
        "dev4": ("dev4", "web"), "dev5": ("dev5", "web"),
        "dev6": ("dev6", "web"), "dev7": ("dev7", "web"), "dev8": ("dev8", "web"),
        "dev9": ("dev9", "extra"), "dev10": ("dev10", "extra"),
        "dev11": ("dev11", "dev11/docs"), "dev12": ("dev12", "web"),
        "dev13": ("dev13", "dev13/docs"), "dev14": ("dev14", "dev14/docs"),
        "dev15": ("dev15", "web"), "dev16": ("dev16", "dev16/docs"),
        "dev17": ("dev17", "web"), "dev18": ("dev18", "web"),
        "dev19": ("dev19", "dev19/docs"), "dev20": ("dev20", "web"), "dev21": ("dev21", "dev21/docs"),
        "dev22": ("dev22", "dev22/docs")}


def load_set(name: str, root: Path | None = None) -> list[tuple[dict, Path]]:
    """``(gold record, document path)`` for every document of a gold set."""
    root = root or corpus_dir()
    gold_dir, docs_dir = (root / d for d in SETS[name])
    out = []
    for path in sorted(gold_dir.glob("gold*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                out.append((g, docs_dir / f"{g['doc']}.txt"))
    return out


def _same(field: str, got, want) -> bool:
    if field in ("unit_name", "district", "province") and isinstance(got, str) and isinstance(want, str):
        # the same unit whatever its case, apostrophes or respelling ("Đưng K’Nớ", "Đưng KNớ")
        from ..normalise import fold

        def key(x: str) -> str:
            return "".join(c for c in fold(x) if c.isalnum())
        return key(got) == key(want)
    return got == want


def hard_wrap(text: str, width: int, seed: int = 0) -> str:
    """``text`` as a PDF's text layer gives it: every line longer than ``width``
    (give or take eight characters, as justified lines vary) broken at a space.

    Only spaces become newlines, so every character keeps its offset and a gold
    made on the original maps onto the wrapped text exactly (:func:`_wrapped_gold`).

    >>> hard_wrap("Ủy ban nhân dân xã báo cáo kết quả như sau", 12, seed=1).count("\\n") > 1
    True
    """
    import random

    rng = random.Random(seed)
    chars = list(text)
    col, space, limit = 0, -1, width + rng.randint(-8, 8)
    for i, c in enumerate(chars):
        if c == "\n":
            col, space = 0, -1
            continue
        col += 1
        if c == " ":
            space = i
        if col > limit and space >= 0:
            chars[space] = "\n"
            col, space, limit = i - space, -1, width + rng.randint(-8, 8)
    return "".join(chars)


def _wrapped_gold(gold: dict, original: str, wrapped: str) -> dict:
    """The gold of ``original`` with its line numbers moved onto ``wrapped``."""
    from bisect import bisect_right

    starts = [0] + [i + 1 for i, c in enumerate(original) if c == "\n"]
    wstarts = [0] + [i + 1 for i, c in enumerate(wrapped) if c == "\n"]
    ends = starts[1:] + [len(original) + 1]

    def first(n: int) -> int:
        return bisect_right(wstarts, starts[n - 1])

    def last(n: int) -> int:
        return bisect_right(wstarts, max(starts[n - 1], ends[n - 1] - 2))

    return {**gold, "blocks": [[first(a), last(b), role] for a, b, role in gold["blocks"]]}


def score_document(gold: dict, path: Path, wrap: int | None = None) -> dict:
    """One document against its gold: coverage of the gold body, paragraph and
    heading starts (as original line numbers), meta fields.

    ``wrap``: score the document's text hard-wrapped at that width instead
    (:func:`hard_wrap`), as if copied out of a PDF.
    """
    import dataclasses
    import zlib
    from bisect import bisect_right

    from ..ingest import read_document
    from ..model import Block
    from ..normalise import normalise
    from ..pipeline import report_from_raw

    raw = read_document(path)
    original = raw.text
    if wrap:
        wrapped = hard_wrap(original, wrap, seed=zlib.crc32(gold["doc"].encode()))
        gold = _wrapped_gold(gold, original, wrapped)
        raw = dataclasses.replace(raw, blocks=(Block(kind="paragraph", text=wrapped),))
        original = wrapped
    norm = normalise(original, hard_wrapped=True if raw.hard_wrapped else None)
    report = report_from_raw(raw)
    line_starts = [0] + [i + 1 for i, c in enumerate(original) if c == "\n"]

    def line_of(i: int) -> int:  # 1-based line of a normalised offset
        return bisect_right(line_starts, norm.to_original(i))

    got_starts = {line_of(p.start) for p in report.paragraphs} | {line_of(s.start) for s in report.sections}
    got_heads = {line_of(s.start) for s in report.sections}
    want_starts = {b[0] for b in gold["blocks"] if b[2] in ("paragraph", "heading")}
    want_heads = {b[0] for b in gold["blocks"] if b[2] == "heading"}

    # coverage: the gold body's non-blank characters inside a predicted paragraph,
    # heading or table, compared in original offsets
    kept = [(p.start, p.end) for p in report.paragraphs]
    kept += [(s.start, s.heading_end) for s in report.sections]
    kept += [(t.start, t.end) for t in report.tables]
    kept += [(r.start, r.end) for r in report.set_aside if r.kind == "caption"]
    covered = bytearray(len(original) + 1)
    for a, b in kept:
        if b > a:
            lo, hi = norm.to_original(a), norm.to_original(b - 1) + 1
            covered[lo:hi] = b"\x01" * (hi - lo)
    body_chars = hit = 0
    for first, last, role in gold["blocks"]:
        if role not in ("paragraph", "heading", "table"):
            continue
        lo = line_starts[first - 1]
        hi = line_starts[last] if last < len(line_starts) else len(original)
        for i in range(lo, hi):
            if not original[i].isspace():
                body_chars += 1
                hit += covered[i]
    meta = meta_record(report)
    fields = {}
    for f in DOC_META_FIELDS:
        want, got = gold["meta"].get(f), meta.get(f)
        guessed_by = meta["sources"].get(f, "")
        fields[f] = {"want": want, "got": got, "ok": _same(f, got, want),
                     "knowledge": "gazetteer" in (guessed_by or "")}
    return {
        "doc": gold["doc"], "kind": gold["meta"].get("kind"),
        "coverage": hit / body_chars if body_chars else 1.0, "body_chars": body_chars,
        "starts": (len(got_starts & want_starts), len(got_starts), len(want_starts)),
        "headings": (len(got_heads & want_heads), len(got_heads), len(want_heads)),
        "missed_starts": sorted(want_starts - got_starts), "extra_starts": sorted(got_starts - want_starts),
        "paragraphs": len(report.paragraphs), "outline": report.outline, "fields": fields,
    }


def _prf(hit: int, got: int, want: int) -> dict:
    p, r = hit / got if got else 1.0, hit / want if want else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def evaluate_set(name: str, root: Path | None = None, wrap: int | None = None) -> dict:
    """Coverage, paragraph-start and heading P/R/F1, and meta accuracy over a set
    (``wrap``: of its documents hard-wrapped at that width, see :func:`hard_wrap`).

    Meta: ``stated`` is the share of fields the document states that come out
    right; ``unstated_filled`` counts fields the document does not state that
    the parser filled from the text anyway (a guess), ``from_gazetteer`` those
    filled from the gazetteer (labelled so in ``sources``).
    """
    rows = [score_document(g, p, wrap) for g, p in load_set(name, root)]
    total = sum(r["body_chars"] for r in rows) or 1
    fields = {}
    for f in DOC_META_FIELDS:
        stated = [r["fields"][f] for r in rows if r["fields"][f]["want"] is not None]
        unstated = [r["fields"][f] for r in rows if r["fields"][f]["want"] is None]
        fields[f] = {
            "stated": len(stated), "correct": sum(x["ok"] for x in stated),
            "accuracy": sum(x["ok"] for x in stated) / len(stated) if stated else None,
            "unstated_filled": sum(1 for x in unstated if x["got"] is not None and not x["knowledge"]),
            "from_gazetteer": sum(1 for x in unstated if x["got"] is not None and x["knowledge"]),
        }
    by_kind: dict[str, list] = {}
    for r in rows:
        by_kind.setdefault(r["kind"] or "?", []).append(r)
    # news items name no issuer in a header: their unit is the one they are about (GUIDELINES.md),
    # so their meta is counted apart from that of documents
    by_group = {group: {f: [sum(r["fields"][f]["ok"] for r in part if r["fields"][f]["want"] is not None),
                            sum(1 for r in part if r["fields"][f]["want"] is not None)] for f in DOC_META_FIELDS}
                for group, part in (("tin_bai", [r for r in rows if r["kind"] == "tin_bai"]),
                                    ("van_ban", [r for r in rows if r["kind"] != "tin_bai"]))}
    return {
        "set": name, "wrap": wrap, "documents": len(rows),
        "coverage": sum(r["coverage"] * r["body_chars"] for r in rows) / total,
        "zero_paragraphs": [r["doc"] for r in rows if r["paragraphs"] == 0],
        "no_outline": sum(1 for r in rows if not r["outline"]),
        "paragraph_starts": _prf(*(sum(r["starts"][i] for r in rows) for i in range(3))),
        "headings": _prf(*(sum(r["headings"][i] for r in rows) for i in range(3))),
        "meta": fields,
        "meta_by_group": by_group,
        "by_kind": {k: {"documents": len(v),
                        "paragraph_start_f1": _prf(*(sum(r["starts"][i] for r in v) for i in range(3)))["f1"],
                        "coverage": sum(r["coverage"] for r in v) / len(v)}
                    for k, v in sorted(by_kind.items())},
        "rows": rows,
    }


def format_set(result: dict) -> str:
    """The figures of :func:`evaluate_set` as a short Vietnamese-labelled table."""
    ps, hs = result["paragraph_starts"], result["headings"]
    wrapped = f" (ngắt dòng ở {result['wrap']} ký tự như chép từ PDF)" if result.get("wrap") else ""
    out = [f"Tập {result['set']}: {result['documents']} văn bản{wrapped}",
           f"  độ phủ (coverage)            {result['coverage']:.3f}",
           f"  văn bản không có đoạn nào     {len(result['zero_paragraphs'])}",
           f"  văn bản không nhận ra bố cục  {result['no_outline']}",
           f"  đầu đoạn  P {ps['precision']:.3f}  R {ps['recall']:.3f}  F1 {ps['f1']:.3f}",
           f"  đề mục    P {hs['precision']:.3f}  R {hs['recall']:.3f}  F1 {hs['f1']:.3f}",
           "  thông tin chung (trường văn bản có nêu): đúng / có nêu; điền khi không nêu"]
    for f, v in result["meta"].items():
        acc = "   –  " if v["accuracy"] is None else f"{v['accuracy']:.3f}"
        out.append(f"    {f:<12} {acc}  {v['correct']:>3}/{v['stated']:<3}  "
                   f"đoán {v['unstated_filled']}, từ danh mục {v['from_gazetteer']}")
    out.append("  thông tin chung theo nhóm: tin bài / văn bản khác (đúng / có nêu)")
    groups = result["meta_by_group"]
    for f in result["meta"]:
        news, docs = groups["tin_bai"][f], groups["van_ban"][f]
        if news[1] or docs[1]:
            out.append(f"    {f:<12} tin bài {news[0]:>3}/{news[1]:<3}  văn bản {docs[0]:>3}/{docs[1]:<3}")
    out.append("  theo loại văn bản: F1 đầu đoạn / độ phủ")
    for k, v in result["by_kind"].items():
        out.append(f"    {k:<11} {v['documents']:>3}  {v['paragraph_start_f1']:.3f} / {v['coverage']:.3f}")
    return "\n".join(out)
