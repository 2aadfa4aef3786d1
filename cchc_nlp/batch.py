"""Batch scoring: many reports, optionally in parallel, one row each.

A failed file is a row with its error, never an abort.  Workers are separate
processes (the models are CPU-bound Python); each loads the models once.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from .errors import CchcError


from .scoring import SCORED_KINDS


def score_row(path: str, include_all: bool = False) -> dict:
    """Analyse and score one file; errors become the row's ``error``.  A file with no
    sign of being a CCHC document is not scored unless ``include_all``."""
    from .pipeline import analyse
    from .scoring import score

    row: dict = {"file": str(path)}
    try:
        a = analyse(path)
    except CchcError as err:
        row["error"] = str(err)
        return row
    m = a.report.meta
    from .pipeline import is_cchc

    if not include_all and not is_cchc(a.report):
        row.update({"unit": m.unit_label, "kind": m.kind, "total": None, "error": None,
                    "note": "không chấm điểm: không thấy dấu hiệu văn bản cải cách hành chính"})
        return row
    if m.kind not in SCORED_KINDS:
        # the score measures a report against the reporting outline: a plan, a
        # decision or a news item would be marked down for not being one
        from .layout import DOC_KINDS

        row.update({"unit": m.unit_label, "district": m.district, "province": m.province,
                    "period": m.period.label if m.period else None, "kind": m.kind,
                    "total": None, "error": None,
                    "note": f"không chấm điểm: văn bản là {DOC_KINDS[m.kind]}, không phải báo cáo"})
        return row
    s = score(a.report, a.paragraphs, a.citations, a.flags)
    row.update({
        "unit": m.unit_label, "kind": m.kind, "note": None,
        "district": m.district, "province": m.province,
        "period": m.period.label if m.period else None,
        "total": s.total, **s.components,
        "flags_high": sum(f.severity == "high" for f in a.flags),
        "flags_medium": sum(f.severity == "medium" for f in a.flags),
        "error": None,
    })
    return row


def score_files(files: list[Path], *, jobs: int = 1, progress: bool = False,
                include_all: bool = False, engine: str = "processes", scheduler: str | None = None):
    """A DataFrame, one row per file, lowest score first (failures last); the files are
    analysed by ``pipeline.analyse_many`` (``jobs`` processes, or ``engine="dask"``)."""
    import pandas as pd

    paths = [str(f) for f in files]
    rows: list[dict] = []
    bar = None
    if progress:
        from rich.progress import Progress

        bar = Progress(transient=True)
        task = bar.add_task("Chấm điểm", total=len(paths))
        bar.start()
    from .pipeline import analyse_many

    try:
        work = partial(score_row, include_all=include_all)
        for path, row in analyse_many(paths, work, jobs=jobs, engine=engine, scheduler=scheduler):
            rows.append(row if isinstance(row, dict) else {"file": str(path), "error": str(row)})
            if bar:
                bar.advance(task)
    finally:
        if bar:
            bar.stop()
    frame = pd.DataFrame(rows)
    if "error" not in frame:
        frame["error"] = None
    frame = frame.sort_values(["error", "total"] if "total" in frame else ["error"],
                              na_position="first", key=lambda c: c.isna() if c.name == "error" else c)
    failed = int(frame["error"].notna().sum())
    if "total" in frame:  # documents that are not reports go after the scored ones
        unscored = frame["total"].isna() & frame["error"].isna()
        frame = pd.concat([frame[~unscored & frame["error"].isna()], frame[unscored],
                           frame[frame["error"].notna()]])
    return frame.reset_index(drop=True), failed
