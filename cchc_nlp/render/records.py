"""Plain JSON-ready records for every CLI output (``schema_version`` on each)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from decimal import Decimal
from typing import Any

from ..checks import place_of, sentence_around, unique_flags
from ..model import SCHEMA_VERSION, Report


def jsonable(value: Any) -> Any:
    """Dates as ISO strings, Decimals as strings, tuples as lists, recursively."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def meta_record(report: Report) -> dict:
    m = report.meta
    period = m.period
    return {
        "kind": m.kind,
        "unit_kind": m.unit_kind,
        "unit_name": m.unit_name,
        "district": m.district,
        "province": m.province,
        "number": m.number,
        "place": m.place,
        "date": m.date.isoformat() if m.date else None,
        "period_kind": period.kind if period else None,
        "quarter": period.quarter if period else None,
        "year": period.year if period else None,
        "period_label": period.label if period else None,
        "signer_name": m.signer_name,
        "signer_title": m.signer_title,
        "sources": dict(m.sources),
    }


def metric_record(report: Report, m) -> dict:
    return {"indicator": m.indicator, "value": str(m.value), "unit": m.unit, "source": m.source,
            "start": m.start, "end": m.end, "quote": report.text[m.start:m.end]}


def report_record(report: Report, metrics=None) -> dict:
    """The ``cchc parse`` record: schema in ARCHITECTURE.md (``metrics`` when given)."""
    record = {
        "schema_version": SCHEMA_VERSION,
        "file": report.file,
        "sha256": report.sha256,
        "format": report.format,
        "meta": meta_record(report),
        "sections": [jsonable(asdict(s)) for s in report.sections],
        "paragraphs": [
            {"index": p.index, "section": p.section, "heading": p.heading, "text": p.text,
             "start": p.start, "end": p.end}
            for p in report.paragraphs
        ],
        "tables": [
            {"title": t.title, "source": t.source, "columns": list(t.columns),
             "rows": [list(r) for r in t.rows], "start": t.start, "end": t.end}
            for t in report.tables
        ],
        "set_aside": [{"kind": r.kind, "start": r.start, "end": r.end} for r in report.set_aside],
        "coverage": round(report.coverage, 4),
        "outline": report.outline,
    }
    if metrics is not None:
        record["metrics"] = [metric_record(report, m) for m in metrics]
    return record


def flag_records(report: Report, flags, file: str) -> list[dict]:
    """The ``cchc check`` records, one per :func:`~cchc_nlp.checks.unique_flags`: each flag with its
    section and paragraph and the sentence around its first evidence."""
    out = []
    for f in unique_flags(flags):
        first = f.evidence[0] if f.evidence else None
        section, paragraph = place_of(report, first.start) if first else (None, None)
        out.append({"file": file, "id": f.id, "severity": f.severity, "message": f.message_vi,
                    "section": section, "paragraph": paragraph,
                    "sentence": sentence_around(report, first.start, first.end) if first else None,
                    "evidence": [{"start": e.start, "end": e.end, "quote": e.quote} for e in f.evidence]})
    return out


def tag_record(file: str, p) -> dict:
    """The ``cchc tag`` record of one :class:`~cchc_nlp.model.TaggedParagraph`."""
    from ..model import AREAS

    return {"file": file, "index": p.index, "section": p.section, "heading": p.heading, "text": p.text,
            "start": p.start, "end": p.end, "area": p.area, "area_scores": p.area_scores,
            "boilerplate": p.boilerplate, "concreteness": p.concreteness,
            "sentences": [{"text": s.text, "concrete": s.concrete, "probability": s.probability,
                           "reasons": list(s.reasons)} for s in p.sentences],
            "area_label": AREAS[p.area]}


def cite_record(file: str, report: Report, c) -> dict:
    """The ``cchc cites`` record of one :class:`~cchc_nlp.model.Citation` of ``report``,
    with the key that identifies the cited document across reports."""
    from ..citations import citation_key

    m = report.meta
    return {"file": file, "start": c.start, "end": c.end, "surface": c.surface, "type": c.type,
            "number": c.number, "year": c.year, "code": c.code, "date": c.date, "issuer": c.issuer,
            "subject": c.subject, "canonical": c.canonical, "problems": list(c.problems),
            "key": citation_key(c, unit=m.unit_name, district=m.district, province=m.province)}
