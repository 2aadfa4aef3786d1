"""The per-report digest a reviewer reads in two minutes.

``build_digest(analysis)`` returns a plain dict (the JSON output, with
``schema_version``); ``render/`` turns it into Markdown or one self-contained
HTML page.  Sentences are extractive: chosen, never rewritten.
"""

from __future__ import annotations

from collections import defaultdict

from .model import AREAS, SCHEMA_VERSION, SEVERITY_LABELS

CITATION_GROUPS_VI = {
    "central": "Văn bản Trung ương",
    "province": "Văn bản của tỉnh",
    "district": "Văn bản của huyện",
    "own": "Văn bản của đơn vị",
}


def _citation_group(c, province: str | None) -> str:
    """central, province, district or own (the commune's, or no issuer named)."""
    from .citations import is_central, issuer_level

    if is_central(c):
        return "central"
    level = issuer_level(c, province)
    return level if level in ("province", "district") else "own"


def _pick_sentences(paragraphs, area: str, limit: int = 4, skip: frozenset = frozenset()) -> list[dict]:
    """The 2-4 most informative concrete sentences of an area.

    Ranked by the concreteness model's probability; a sentence sharing most
    of its words with one already chosen is skipped (coverage over repetition),
    and so are the paragraphs in ``skip`` (tasks for the next period, paragraphs
    a flag points at: they are not results to show).
    """
    candidates = []
    for p in paragraphs:
        if p.area != area or p.index in skip:
            continue
        for s in p.sentences:
            if s.concrete:
                candidates.append((s.probability, len(s.text), p.index, s.text))
    candidates.sort(key=lambda c: (-c[0], -c[1]))
    chosen: list[dict] = []
    seen: list[set] = []
    for prob, _, index, text in candidates:
        words = set(text.lower().split())
        if any(len(words & w) > 0.6 * min(len(words), len(w)) for w in seen):
            continue
        # the list marker ("- ", "+ ") belongs to the layout, not to the sentence
        chosen.append({"text": text.lstrip("-+•* "), "paragraph": index,
                       "probability": round(prob, 3)})
        seen.append(words)
        if len(chosen) == limit:
            break
    return chosen


#: the figures a reviewer looks at first, in this order
KEY_INDICATORS = (
    "tthc.dossiers_received", "tthc.carried_over", "tthc.new_received", "tthc.received_online",
    "tthc.received_direct", "tthc.resolved", "tthc.resolved_early", "tthc.resolved_on_time",
    "tthc.resolved_in_time", "tthc.resolved_late", "tthc.pending", "tthc.online_rate",
    "tthc.procedures_published", "chinh_quyen_so.documents_sent",
    "chinh_quyen_so.electronic_documents_rate", "cong_vu.staff", "cong_vu.trained",
    "tai_chinh_cong.budget_revenue", "tai_chinh_cong.budget_spending",
    "chi_dao_dieu_hanh.tasks_planned", "chi_dao_dieu_hanh.tasks_completed",
)


def key_figures(metrics) -> list:
    """One figure per key indicator: the narrative's when it states one, else the appendix's."""
    best: dict = {}
    for m in metrics:
        if m.indicator in KEY_INDICATORS:
            have = best.get(m.indicator)
            if have is None or (have.source == "table" and m.source == "narrative"):
                best[m.indicator] = m
    return [best[i] for i in KEY_INDICATORS if i in best]


def _short_quote(quote: str, limit: int = 150) -> str:
    """A quote for reading: table cells separated by " | ", lines by " / ", cut at ~150 chars."""
    text = " / ".join(" | ".join(c.strip() for c in line.split("\t") if c.strip())
                      for line in quote.splitlines() if line.strip())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def build_digest(analysis, score=None, metrics=None) -> dict:
    """Everything the digest shows, as JSON-ready data.

    Args:
        analysis: a :class:`~cchc_nlp.pipeline.Analysis`.
        score: a :class:`~cchc_nlp.scoring.Score` (computed when omitted).
        metrics: key figures (:class:`~cchc_nlp.model.Metric`), if the figures
            stage ran.
    """
    from .scoring import LABELS_VI, WEIGHTS
    from .scoring import score as compute_score

    from .figures import load_catalogue

    report = analysis.report
    m = report.meta
    metrics = key_figures(analysis.metrics if metrics is None else metrics)
    catalogue = load_catalogue()
    from .layout import DOC_KINDS
    from .scoring import SCORED_KINDS

    scored = report.meta.kind in SCORED_KINDS
    if score is None and scored:
        score = compute_score(report, analysis.paragraphs, analysis.citations, analysis.flags)
    by_area: dict[str, list] = defaultdict(list)
    for p in analysis.paragraphs:
        by_area[p.area].append(p)
    from .checks import FLAG_GROUPS, flag_group, place_of, unique_flags
    from .structure import in_directions

    # flags by kind of problem (the order of FLAG_GROUPS), most severe first within a kind
    order = {g: k for k, (g, _, _) in enumerate(FLAG_GROUPS)}
    flags = sorted(unique_flags(analysis.flags),
                   key=lambda f: order.get(flag_group(f.id)[0], len(order)))
    places = [place_of(report, f.evidence[0].start) if f.evidence else (None, None) for f in flags]
    flagged = {paragraph for _, paragraph in places if paragraph is not None}
    later = {p.index for p in report.paragraphs if in_directions(report, p.start)}
    skip = frozenset(flagged | later)
    areas = []
    for area, label in AREAS.items():
        if area == "khac":
            continue
        paras = by_area.get(area, [])
        judged = [s for p in paras for s in p.sentences]
        boiler = (sum(not s.concrete for s in judged) / len(judged)) if judged else None
        areas.append({
            "id": area, "label": label, "paragraphs": len(paras),
            "boilerplate_share": None if boiler is None else round(boiler, 3),
            "highlights": _pick_sentences(paras, area, skip=skip),
        })
    from .citations import problem_message

    # one entry per document, with how often the report cites it
    groups: dict[str, dict] = defaultdict(dict)
    for c in analysis.citations:
        entry = groups[_citation_group(c, analysis.report.meta.province)].setdefault(c.canonical, {
            "surface": c.surface, "type": c.type, "canonical": c.canonical,
            "date": c.date.isoformat() if c.date else None, "issuer": c.issuer,
            "subject": c.subject, "problems": [], "problem_labels": [], "times": 0,
            "start": c.start, "end": c.end,
        })
        entry["times"] += 1
        for p in c.problems:
            if p not in entry["problems"]:
                entry["problems"].append(p)
                entry["problem_labels"].append(
                    problem_message(c, p, example=False).rstrip("."))
    citations = [{"group": g, "label": CITATION_GROUPS_VI[g],
                  "documents": sorted(groups[g].values(), key=lambda d: (d["type"], d["canonical"]))}
                 for g in CITATION_GROUPS_VI if groups.get(g)]
    return {
        "schema_version": SCHEMA_VERSION,
        "file": report.file,
        "unit": {
            "kind": m.unit_kind,
            "kind_label": m.unit_kind_word.capitalize(),
            "name": m.unit_name, "district": m.district, "province": m.province,
        },
        "document": {"kind": m.kind, "kind_label": DOC_KINDS.get(m.kind or "bao_cao")},
        "period": m.period.label if m.period else None,
        "number": m.number,
        "date": m.date.isoformat() if m.date else None,
        "signer": {"name": m.signer_name, "title": m.signer_title},
        "key_figures": [
            {"indicator": x.indicator,
             "label": catalogue[x.indicator].label_vi if x.indicator in catalogue else x.indicator,
             "value": str(x.value), "unit": x.unit, "source": x.source,
             "quote": report.text[x.start:x.end], "start": x.start, "end": x.end}
            for x in metrics],
        "areas": areas,
        "areas_not_reported": [a["label"] for a in areas if not a["paragraphs"]],
        "citations": citations,
        "flags": [
            {"id": f.id, "group": flag_group(f.id)[0], "group_label": flag_group(f.id)[1],
             "severity": f.severity, "severity_label": SEVERITY_LABELS[f.severity].capitalize(),
             "message": f.message_vi,
             "section": section, "paragraph": paragraph,
             "evidence": [{"start": e.start, "end": e.end, "quote": e.quote,
                           "short": _short_quote(e.quote)} for e in f.evidence]}
            for f, (section, paragraph) in zip(flags, places)],
        "verdict": _verdict(score.total if scored else None,
                            "văn bản khác" if m.kind == "khac" else DOC_KINDS.get(m.kind or "bao_cao"),
                            analysis.flags, areas),
        "text": [{"index": p.index, "section": p.section,
                  "area_label": AREAS.get(t.area, t.area), "text": p.text,
                  "flagged": p.index in flagged}
                 for p, t in zip(report.paragraphs, analysis.paragraphs)],
        "score": {
            "total": score.total,
            "components": [{"id": k, "label": LABELS_VI[k], "points": v, "max": WEIGHTS[k],
                            "note": score.notes.get(k, "")} for k, v in score.components.items()],
            "note": None,
        } if scored else {
            "total": None, "components": [],
            "note": f"không chấm điểm: văn bản là {DOC_KINDS[m.kind]}, không phải báo cáo",
        },
    }


def _verdict(total, kind_label: str, flags, areas) -> str:
    """The digest's first line: score, serious flags, areas reported."""
    high = sum(f.severity == "high" for f in flags)
    medium = sum(f.severity == "medium" for f in flags)
    reported = sum(1 for a in areas if a["paragraphs"])
    score = f"{total:.1f}".replace(".", ",") + "/100" if total is not None else f"{kind_label}, không chấm điểm"
    flags_text = (f"{high} điểm bất thường mức cao, {medium} mức trung bình" if high or medium
                  else "không có điểm bất thường đáng kể")
    # a report "reports on" its areas; a plan, a decision or a news item only touches them
    verb = "báo cáo" if total is not None else "đề cập"
    return f"{score}; {flags_text}; {verb} {reported}/{len(areas)} lĩnh vực."
