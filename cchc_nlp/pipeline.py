"""The stages wired together: ``parse(path) -> Report``."""

from __future__ import annotations

import logging
import os
from bisect import bisect_left
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from .ingest import read_document
from .model import JudgedSentence, RawDocument, Report, TaggedParagraph
from .normalise import normalise
from .layout import looks_like_cchc
from .structure import build_report

log = logging.getLogger("cchc_nlp")


def _table_spans(raw: RawDocument) -> list[tuple[int, int]]:
    """Offsets, in ``raw.text``, of the blocks that were real Word tables."""
    spans, pos = [], 0
    for b in raw.blocks:
        if b.kind == "table" and b.table is not None:
            n = len("\n".join("\t".join(r) for r in b.table.rows))
            spans.append((pos, pos + n))
        else:
            n = len(b.text)
        pos += n + 2  # RawDocument.text joins blocks with a blank line
    return spans


def report_from_raw(raw: RawDocument, *, gazetteer: bool = True) -> Report:
    """Normalise and structure a document that has already been read.

    ``gazetteer=False``: the unit is not looked up (see :func:`structure.build_report`)."""
    norm = normalise(raw.text, hard_wrapped=True if raw.hard_wrapped else None)
    # map Word-table spans from the raw text onto the normalised text
    word_spans = []
    for s, e in _table_spans(raw):
        # offsets never decrease: the table's normalised span by binary search
        first, last = bisect_left(norm.offsets, s), bisect_left(norm.offsets, e)
        if first < last:
            word_spans.append((first, last))
    report = build_report(norm.text, file=raw.path, sha256=raw.sha256, fmt=raw.format,
                          word_spans=word_spans, gazetteer=gazetteer)
    report = replace(report, extra={**report.extra, "encoding": raw.encoding,
                                    "hard_wrapped": norm.hard_wrapped, "cchc": looks_like_cchc(report.text)})
    if not report.extra["cchc"]:
        log.warning("%s: không thấy dấu hiệu của văn bản cải cách hành chính; không chấm điểm và "
                    "không đưa vào chỉ mục (dùng --all để vẫn làm)", raw.path, extra={"cchc_file": raw.path})
    elif not report.paragraphs and not report.sections and not report.tables:
        # an excerpt cut inside its title ("KẾ HOẠCH" / "THỰC HIỆN … TRÊN ĐỊA BÀ"): nothing to tag
        log.warning("%s: văn bản chỉ có phần đầu và tên văn bản, không có nội dung để phân tích "
                    "(bản trích bị cắt?)", raw.path, extra={"cchc_file": raw.path})
    elif not report.outline:
        # not an error: a letter, a news item or an excerpt has no numbered outline;
        # the command line prints this as one warning line (``cli._warn_once``)
        log.warning("%s: không nhận ra bố cục văn bản (không có đề mục đánh số); "
                    "đã tách %d đoạn theo dòng", raw.path, len(report.paragraphs),
                    extra={"cchc_file": raw.path})
    return report


def parse(path: str | Path, *, gazetteer: bool = True) -> Report:
    """Read, normalise and structure one report file.

    Example:
        >>> r = parse("corpus/reports/000_46eead6140f5e907.txt")
        >>> r.meta.unit_name
        'Hoằng Lưu'
    """
    return report_from_raw(read_document(path), gazetteer=gazetteer)


def citations_of(report: Report):
    """Every cited document in the report, the report's own number excluded."""
    from .citations import find_citations

    return find_citations(report.text, own_number=report.meta.number,
                          report_date=report.meta.date)


def tag_paragraphs(report: Report) -> tuple[TaggedParagraph, ...]:
    """Every narrative paragraph with its area and probabilities, and per sentence
    whether it states a concrete result (with the reasons in Vietnamese); per
    paragraph the concrete share and whether it is boilerplate throughout."""
    from .areas import AreaTagger
    from .concreteness import ConcretenessModel, paragraph_summary

    tagger = AreaTagger.load()
    judge = ConcretenessModel.load()
    paragraphs = report.paragraphs
    predictions = tagger.predict([p.text for p in paragraphs], [p.heading for p in paragraphs])
    from .tokenise import sentences, words_within

    spans = [sentences(p.text) for p in paragraphs]
    split = [[p.text[s:e] for s, e in ss] for p, ss in zip(paragraphs, spans)]
    # the sentences' words come from the paragraph's segmentation (already
    # computed for the area model): no second pass of the segmenter
    words = [words_within(p.text, s, e) for p, ss in zip(paragraphs, spans) for s, e in ss]
    flat = judge.judge([s for ss in split for s in ss], words)
    out, k = [], 0
    for p, pred, sents in zip(paragraphs, predictions, split):
        judgements = flat[k:k + len(sents)]
        k += len(sents)
        concreteness, boilerplate = paragraph_summary(sents, judgements)
        out.append(TaggedParagraph(
            index=p.index, section=p.section, heading=p.heading, text=p.text, start=p.start, end=p.end,
            area=pred.area, area_scores=pred.scores, boilerplate=boilerplate, concreteness=concreteness,
            sentences=tuple(JudgedSentence(s, j.concrete, j.probability, tuple(j.reasons))
                            for s, j in zip(sents, judgements))))
    return tuple(out)


@dataclass(frozen=True)
class Analysis:
    """Everything the stages found in one report."""

    report: Report
    citations: tuple
    paragraphs: tuple[TaggedParagraph, ...]
    flags: tuple
    metrics: tuple = ()

    @property
    def areas_present(self) -> set[str]:
        return {p.area for p in self.paragraphs}


def analyse(path: str | Path) -> Analysis:
    """Every stage on one report file: structure, citations, areas, concreteness, checks.

    Example:
        >>> a = analyse("corpus/reports/002_99a9c136d6925e8d.txt")
        >>> sorted({f.id for f in a.flags})[:2]
        ['citation_type_code_mismatch', 'impossible_date']
    """
    from .checks import run_checks
    from .figures import extract_figures

    report = parse(path)
    citations = citations_of(report)
    tagged = tag_paragraphs(report)
    figures = extract_figures(report)
    flags = run_checks(report, citations, {p.area for p in tagged}, figures=figures)
    return Analysis(report, tuple(citations), tagged, tuple(flags), tuple(figures[0]))


def is_cchc(report: Report) -> bool:
    """Whether the report reads as an administrative-reform document at all."""
    return report.extra.get("cchc", True)


def analyse_for_index(path: str | Path, include_all: bool = False) -> "Analysis":
    """:func:`analyse` for ``cchc index``: a file with no sign of being a CCHC
    document raises :class:`~cchc_nlp.errors.NotCchcDocument` unless ``include_all``."""
    from .errors import NotCchcDocument

    a = analyse(path)
    if not include_all and not is_cchc(a.report):
        raise NotCchcDocument("không thấy dấu hiệu của văn bản cải cách hành chính; "
                              "bỏ qua (dùng --all để vẫn đưa vào chỉ mục)")
    return a


#: where ``analyse_many`` runs the work: this process and a pool of processes
#: (``jobs``), or a Dask cluster (a LocalCluster of ``jobs`` workers, or ``scheduler``)
ENGINES = ("processes", "dask")


def analyse_many(paths, work=None, jobs: int = 1, *, expand: bool = True, engine: str = "processes",
                 scheduler: str | None = None) -> Iterator[tuple[Path, object]]:
    """``(path, result)`` for every file under ``paths`` (files and folders), in order:
    ``work(path)`` (default :func:`analyse`), or the :class:`~cchc_nlp.errors.CchcError`
    that stopped that file — never raised, so the batch goes on.  With ``jobs`` > 1 the
    work runs in that many processes (``work`` must then be a module-level function
    or a ``functools.partial`` of one); results still come back in input order.
    ``engine="dask"`` runs the same work on a Dask cluster instead (:func:`_on_dask`),
    with the same results in the same order.
    Any other exception is a bug and stops the run.  ``expand=False``: ``paths``
    are the files already (``ingest.iter_inputs``), taken as they are."""
    from .ingest import iter_inputs

    work = work or analyse
    files = iter_inputs(paths) if expand else list(paths)
    if engine == "dask":
        yield from _on_dask(work, files, jobs, scheduler)
        return
    if engine != "processes":
        raise ValueError(f"unknown engine {engine!r}; one of {ENGINES}")
    if jobs <= 1 or len(files) <= 1:
        for path in files:
            yield path, _attempt(work, path)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from _in_order(lambda path: pool.submit(_attempt, work, path), files, 4 * jobs)


def _in_order(submit, files: list, window: int) -> Iterator[tuple[Path, object]]:
    """``(path, result)`` of ``submit(path)`` futures in input order, with at most
    ``window`` files in flight: a worker never holds more than a few analyses, and
    neither does this process, however many files there are."""
    from collections import deque

    pending: deque = deque()
    upcoming = iter(files)
    for path in upcoming:
        pending.append((path, submit(path)))
        if len(pending) >= window:
            break
    while pending:
        path, future = pending.popleft()
        result = future.result()
        if hasattr(future, "release"):  # a Dask future: let the cluster forget the result
            future.release()
        for nxt in upcoming:
            pending.append((nxt, submit(nxt)))
            break
        yield path, result


def _on_dask(work, files: list, jobs: int, scheduler: str | None) -> Iterator[tuple[Path, object]]:
    """``analyse_many`` on Dask: one task per file, at most a few per worker in
    flight (memory stays bounded however many files), results gathered in input
    order by this process.  ``scheduler``: the address of a running cluster
    (``tcp://host:8786``), whose workers must see the same paths; else a
    ``LocalCluster`` of ``jobs`` single-threaded worker processes.  The reading
    time limit (``CCHC_MAX_SECONDS``) is not enforced there: Dask runs a task
    in a worker thread, where no alarm can interrupt it."""
    from .errors import CchcError

    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise CchcError("chạy trên Dask cần cài thêm gói dask: pip install 'cchc-nlp[dask]'") from None
    import logging as _logging

    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="10s")
        else:
            cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=_logging.ERROR)
            client = Client(cluster)
    except (OSError, TimeoutError, ValueError) as err:
        if cluster is not None:
            cluster.close()
        why = "quá 10 giây không trả lời" if isinstance(err, TimeoutError) else "địa chỉ sai hoặc không mở được"
        raise CchcError(f"không kết nối được tới cụm Dask {scheduler or '(cục bộ)'} ({why}); kiểm tra địa chỉ "
                        "(ví dụ tcp://may-chu:8786) và `dask scheduler` đang chạy") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        yield from _in_order(lambda path: client.submit(_attempt, work, path, pure=False), files, 4 * workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _attempt(work, path):
    """``work(path)``, or the user-facing error that stopped it."""
    from .errors import CchcError

    try:
        return work(path)
    except CchcError as err:
        return err


def index_files(store, paths, analyse_file=None, on_result=None, record_of=None, *, jobs: int = 1,
                engine: str = "processes", scheduler: str | None = None,
                commit_every: int = 1) -> list[tuple[Path, str]]:
    """Index files and folders into ``store``: ``[(path, status)]``, status one of
    ``added``, ``replaced``, ``skipped``, ``same_as: <path>``, ``not_cchc: <why>``
    or ``error: <why>``.

    A file whose content is indexed already is not analysed again (it is reported
    first).  The rest are analysed by :func:`analyse_many` (``jobs``, ``engine``,
    ``scheduler``), each with the record the web app shows (``record_of(analysis)``,
    ``render.reading.analysis_record``) made where it was analysed; this process
    alone writes.  Every ``commit_every`` reports are one transaction, and
    ``on_result(path, status)`` is called for each once it is committed, so a run
    killed later loses nothing already reported and a re-run resumes where it stopped.
    ``analyse_file`` defaults to :func:`analyse_for_index`.
    """
    from functools import partial

    from .errors import NotCchcDocument
    from .ingest import iter_inputs

    analyse_file = analyse_file or analyse_for_index
    out: list[tuple[Path, str]] = []

    def report(path, status):
        out.append((path, status))
        if on_result is not None:
            on_result(path, status)

    def known(path):
        try:
            return store.known_file(path)
        except OSError:  # unreadable: the reader says what is wrong, in Vietnamese
            return None

    pending = []
    for path in iter_inputs(paths):
        status = known(path)
        if status is None:
            pending.append(path)
        else:
            report(path, status)

    done: list[tuple[Path, str]] = []  # written in the open transaction, reported at its commit

    def commit():
        if store.in_batch:
            store.end_batch()
        for item in done:
            report(*item)
        done.clear()

    work = partial(_analysed_with_record, analyse_file, record_of)
    try:
        for path, result in analyse_many(pending, work, jobs, expand=False, engine=engine, scheduler=scheduler):
            if isinstance(result, NotCchcDocument):
                done.append((path, f"not_cchc: {result}"))
            elif isinstance(result, Exception):
                done.append((path, f"error: {result}"))
            else:
                # the same content may have come in under two paths of this run
                status = known(path)
                if status is None:
                    if not store.in_batch:
                        store.begin_batch()
                    analysis, record = result
                    status = store.add_analysis(analysis, path=os.path.abspath(path), record=record)
                done.append((path, status))
            if len(done) >= commit_every:
                commit()
        commit()
    finally:
        if store.in_batch:  # stopped by a bug or an interrupt: nothing half-written
            store.abort_batch()
    return out


def _analysed_with_record(analyse_file, record_of, path):
    """``(analysis, record)`` of one file: the index's unit of work, run where the file is analysed."""
    analysis = analyse_file(path)
    return analysis, (record_of(analysis) if record_of is not None else None)
