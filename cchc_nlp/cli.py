"""The ``cchc`` command line: parse options, call one library function, format.

Contract (ARCHITECTURE.md): every command takes files or folders, ``--format``
and ``-o/--output``; exit 0 on success, 1 when some inputs failed (the others
are still processed), 2 on bad usage; one error line per failed file on stderr:
``path: what is wrong; what to do``.
"""

from __future__ import annotations

import io
import json
import logging
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Callable, Iterable, Optional

import typer

from . import i18n
from .config import VERSION as __version__
from .errors import CchcError
from .ingest import iter_inputs
from .model import SCHEMA_VERSION, SEVERITY_LABELS
from .render.records import jsonable

i18n.install()  # Click's and Typer's own words (help, usage, errors) in Vietnamese

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help=(
        "Đọc và phân tích báo cáo cải cách hành chính (CCHC) của xã, phường.\n\n"
        "Ví dụ:\n\n"
        "  cchc parse baocao_6thang.docx --format table\n\n"
        "  cchc parse thu_muc_bao_cao/ --format jsonl -o ketqua.jsonl"
    ),
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cchc {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="In phiên bản rồi thoát."
    ),
) -> None:
    """cchc: công cụ đọc báo cáo CCHC."""
    _warnings_to_stderr()


def _warnings_to_stderr() -> None:
    """The library's warnings (no outline found, letters lost) as one stderr line
    each, once per file and command."""
    log = logging.getLogger("cchc_nlp")
    log.handlers = [h for h in log.handlers if not isinstance(h, _OncePerFile)]
    log.addHandler(_OncePerFile())
    log.propagate = False
    log.disabled = False
    log.setLevel(logging.WARNING)  # `cchc evaluate` raises it for the gold documents


class ParseFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


@contextmanager
def _output(path: Optional[Path]):
    """Where a command writes: the file given with -o (its folder is created), else
    stdout (left open)."""
    if path is None:
        yield sys.stdout
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(path, "w", encoding="utf-8")
    except OSError as err:
        typer.echo(f"{path}: không ghi được tệp kết quả ({err.strerror or err}); "
                   "chọn một đường dẫn -o khác", err=True)
        raise typer.Exit(code=2) from None
    with fh:
        yield fh


def run_batch(paths: Iterable[Path], work: Callable[[Path], object]) -> tuple[list, int]:
    """Apply ``work`` to every input; report each failure on one stderr line."""
    from .pipeline import analyse_many

    results, failed = [], 0
    files = iter_inputs(paths)
    if not files:
        typer.echo("không có tệp báo cáo nào (.txt, .docx, .pdf) trong đường dẫn đã cho", err=True)
        return results, 1
    for path, result in analyse_many(files, work, expand=False):
        if isinstance(result, CchcError):
            typer.echo(f"{path}: {result}", err=True)
            failed += 1
        else:
            results.append((path, result))
    return results, failed


def _flat_batch(paths, work):
    """run_batch for work that returns a list of rows per file: all rows, and the failures."""
    results, failed = run_batch(paths, work)
    return [r for _, rs in results for r in rs], failed


def _meta_table(reports) -> str:
    from rich.console import Console
    from rich.table import Table as RichTable

    table = RichTable(title="Báo cáo đã đọc")
    for col in ("Tệp", "Đơn vị", "Huyện", "Tỉnh", "Số", "Ngày", "Kỳ báo cáo", "Người ký",
                "Mục", "Đoạn", "Bảng"):
        table.add_column(col)
    for r in reports:
        m = r.meta
        table.add_row(
            Path(r.file).name, m.unit_label, m.district or "", m.province or "", m.number or "",
            m.date.strftime("%d/%m/%Y") if m.date else "", m.period.label if m.period else "",
            m.signer_name or "", str(len(r.sections)), str(len(r.paragraphs)),
            str(sum(len(t.rows) for t in r.tables)) + f" dòng / {len(r.tables)} bảng",
        )
    console = Console(width=200, record=True, file=io.StringIO())  # rendered, then exported
    console.print(table)
    return console.export_text()


@app.command()
def parse(
    paths: list[Path] = typer.Argument(..., help="Tệp hoặc thư mục báo cáo."),
    fmt: ParseFormat = typer.Option(ParseFormat.table, "--format", "-f", help="json|jsonl|table"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Ghi ra tệp thay vì màn hình."),
) -> None:
    """Cấu trúc của báo cáo: thông tin chung, mục, đoạn văn, bảng phụ lục.

    Ví dụ: cchc parse corpus/reports --format table
    """
    from .figures import extract_metrics
    from .pipeline import parse as parse_report
    from .render.records import report_record

    results, failed = run_batch(paths, parse_report)
    reports = [r for _, r in results]

    def record(r):
        return report_record(r, extract_metrics(r))

    with _output(output) as out:
        if fmt is ParseFormat.table:
            if reports:  # when every file failed, the error lines on stderr say it all
                out.write(_meta_table(reports))
        elif fmt is ParseFormat.json and len(reports) == 1:
            out.write(json.dumps(record(reports[0]), ensure_ascii=False, indent=2) + "\n")
        elif fmt is ParseFormat.json:
            out.write(json.dumps([record(r) for r in reports], ensure_ascii=False, indent=2) + "\n")
        else:
            for r in reports:
                out.write(json.dumps(record(r), ensure_ascii=False) + "\n")
    raise typer.Exit(code=1 if failed else 0)


def _write_rows(rows: list[dict], fmt: str, out, columns: list[str], title: str) -> None:
    """jsonl: one object per line; csv: flat columns; table: rich table of ``columns``."""
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(jsonable({"schema_version": SCHEMA_VERSION, **row}),
                                 ensure_ascii=False) + "\n")
    elif fmt == "csv":
        import csv

        writer = csv.DictWriter(out, fieldnames=["schema_version", *rows[0].keys()] if rows
                                else ["schema_version"], extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            flat = {k: json.dumps(jsonable(v), ensure_ascii=False) if isinstance(v, (list, dict))
                    else jsonable(v) for k, v in row.items()}
            writer.writerow({"schema_version": SCHEMA_VERSION, **flat})
    else:
        from rich.console import Console
        from rich.table import Table as RichTable

        if not rows:  # "không có …", not an empty frame
            out.write(f"{title}: không có kết quả nào.\n")
            return
        table = RichTable(title=title)
        for col in columns:
            # messages and quotes wrap inside their cell instead of being cut
            table.add_column(HEADERS_VI.get(col, col), overflow="fold")
        for row in rows:
            table.add_row(*[_cell(row.get(c)) for c in columns])
        console = Console(width=_table_width(out), record=True, file=io.StringIO())
        console.print(table)
        out.write(console.export_text())


def _table_width(out) -> int:
    """The terminal's width when writing to it (at least 80), else 160 for a file."""
    import shutil

    if out is sys.stdout and sys.stdout.isatty():
        return max(80, shutil.get_terminal_size((160, 24)).columns)
    return 160


#: column headers a reviewer reads (machine ids stay in jsonl/csv)
HEADERS_VI = {
    "district": "Huyện", "province": "Tỉnh", "period_label": "Kỳ báo cáo", "snippet": "Trích",
    "file_a": "Báo cáo A", "paragraph_a": "Đoạn A", "file_b": "Báo cáo B", "paragraph_b": "Đoạn B",
    "similarity": "Độ giống",
    "name": "Tệp", "file": "Tệp", "unit": "Đơn vị", "period": "Kỳ báo cáo", "total": "Điểm",
    "coverage": "Bao quát", "concrete": "Cụ thể", "consistency": "Nhất quán",
    "citations": "Trích dẫn", "completeness": "Đề cương", "timeliness": "Đúng hạn",
    "error": "Lỗi", "muc_do": "Mức độ", "id": "Mã", "message": "Nội dung", "trich": "Trích",
    "index": "Đoạn", "section": "Mục", "area_label": "Lĩnh vực", "score": "Xác suất",
    "text": "Văn bản", "type": "Loại", "canonical": "Số hiệu", "date": "Ngày",
    "issuer": "Cơ quan ban hành", "subject": "Trích yếu", "problems": "Vấn đề",
    "note": "Ghi chú", "kind": "Loại văn bản", "noi": "Ở đâu",
}


def _cell(value) -> str:
    """A value as a reviewer reads it: numbers written the Vietnamese way (61,7),
    nothing cut (the table wraps long text)."""
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    if isinstance(value, float):
        return f"{value:.4g}".replace(".", ",")
    text = str(jsonable(value))
    return text if len(text) <= 400 else text[:397] + "…"


class CitesFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def cites(
    paths: list[Path] = typer.Argument(..., help="Tệp hoặc thư mục báo cáo."),
    fmt: CitesFormat = typer.Option(CitesFormat.table, "--format", "-f", help="table|jsonl|csv"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Ghi ra tệp."),
) -> None:
    """Văn bản được trích dẫn: loại, số, năm, ký hiệu, ngày, cơ quan ban hành, trích yếu.

    Ví dụ: cchc cites corpus/reports/000_46eead6140f5e907.txt
    """
    from .pipeline import citations_of, parse as parse_report
    from .render.records import cite_record

    def work(path):
        report = parse_report(path)
        return [cite_record(str(path), report, c) for c in citations_of(report)]

    rows, failed = _flat_batch(paths, work)
    with _output(output) as out:
        _write_rows(rows, fmt.value, out,
                    ["file", "type", "canonical", "date", "issuer", "subject", "problems"],
                    "Văn bản được trích dẫn")
    raise typer.Exit(code=1 if failed else 0)


class TagFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


@app.command()
def tag(
    paths: list[Path] = typer.Argument(..., help="Tệp hoặc thư mục báo cáo."),
    fmt: TagFormat = typer.Option(TagFormat.table, "--format", "-f", help="jsonl|table"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Ghi ra tệp."),
) -> None:
    """Gán lĩnh vực CCHC cho từng đoạn văn (mô hình đã huấn luyện).

    Ví dụ: cchc tag corpus/reports/003_29ff7cf71591a7d7.txt --format jsonl
    """
    from .pipeline import parse as parse_report, tag_paragraphs
    from .render.records import tag_record

    def work(path):
        # the unit's official name is not part of the output: skip the gazetteer
        return [tag_record(str(path), p) for p in tag_paragraphs(parse_report(path, gazetteer=False))]

    rows, failed = _flat_batch(paths, work)  # a missing model is a CchcError: one line per file
    with _output(output) as out:
        if fmt is TagFormat.table:
            for r in rows:
                r["score"] = f"{r['area_scores'][r['area']]:.2f}"
                r["name"] = Path(r["file"]).name
        _write_rows(rows, fmt.value, out, ["name", "index", "section", "area_label", "score", "text"],
                    "Lĩnh vực CCHC theo đoạn")
    raise typer.Exit(code=1 if failed else 0)


@app.command()
def train() -> None:
    """Huấn luyện lại các mô hình từ corpus/ và ghi thẻ mô hình (MODEL_CARD.md).

    So sánh các ứng viên bằng kiểm định chéo theo tỉnh, chấm một lần trên các tỉnh
    kiểm tra cố định, rồi huấn luyện trên toàn bộ dữ liệu (~20 phút trên một lõi).
    """
    from .evaluation.training import train_areas

    result = train_areas(progress=lambda c, r: typer.echo(
        f"  {c:<11} macro-F1 (CV theo tỉnh) {r['argmax']['macro_f1']:.3f}, "
        f"với ngưỡng khac {r['macro_f1_threshold']:.3f}", err=True))
    t = result["test"]
    typer.echo(f"areas: {result['candidate']}, tỉnh kiểm tra: macro-F1 {t['macro_f1']:.3f} "
               f"({t['n']} đoạn); {result['size'] / 1024:.0f} kB")
    from .evaluation.training import reference_texts, train_concreteness

    c = train_concreteness(reference_texts())
    m = c["scores"]["words"]["test"]
    typer.echo(f"concreteness: tỉnh kiểm tra: macro-F1 {m['macro_f1']:.3f}, "
               f"boilerplate F1 {m['boilerplate']['f1-score']:.3f}")


class EvalTarget(str, Enum):
    areas = "areas"
    concreteness = "concreteness"
    checks = "checks"
    figures = "figures"
    sentences = "sentences"
    citations = "citations"
    structure = "structure"


class StructureSet(str, Enum):
    seeds = "seeds"
    dev = "dev"
    dev2 = "dev2"
    dev3 = "dev3"
    dev4 = "dev4"
    dev5 = "dev5"
    dev6 = "dev6"
    dev7 = "dev7"
    dev8 = "dev8"
    dev9 = "dev9"
    dev10 = "dev10"
    dev11 = "dev11"
    dev12 = "dev12"
    dev13 = "dev13"
    dev14 = "dev14"
    dev15 = "dev15"
    dev16 = "dev16"
    dev17 = "dev17"
    dev18 = "dev18"
    dev19 = "dev19"
    dev20 = "dev20"
    dev21 = "dev21"
    dev22 = "dev22"
    blind = "blind"
    blind2 = "blind2"
    blind3 = "blind3"
    blind4 = "blind4"
    blind5 = "blind5"
    fresh = "fresh"


@app.command()
def evaluate(
    target: EvalTarget = typer.Argument(..., help="areas|concreteness|sentences|citations|structure|figures|checks"),
    gold_set: StructureSet = typer.Option(
        StructureSet.seeds, "--set",
        help="structure: seeds (5 báo cáo gốc), dev, dev2 … dev22 (tập phát triển), "
             "blind, blind2 … blind5 (tập kiểm tra kín); "
             "checks: seeds hoặc fresh (lần đọc mới, độc lập)."),
    wrap: Optional[int] = typer.Option(
        None, "--wrap", min=20, max=400,
        help="structure, tập dev… hoặc blind…: ngắt mọi dòng dài hơn N ký tự (như văn bản chép "
             "từ PDF) rồi mới đánh giá."),
) -> None:
    """In điểm đánh giá giữ lại theo báo cáo (leave-one-report-out) so với gold."""
    # the gold documents are not the user's files: no per-file warnings here (by level:
    # importing underthesea runs a logging dictConfig that re-enables disabled loggers)
    logging.getLogger("cchc_nlp").setLevel(logging.ERROR)
    from .evaluation import TARGETS

    if wrap is not None and (target is not EvalTarget.structure or gold_set.value in ("seeds", "fresh")):
        raise typer.BadParameter("chỉ dùng với structure và một tập dev… hoặc blind…", param_hint="--wrap")
    typer.echo(TARGETS[target.value](gold_set.value, **({"wrap": wrap} if wrap else {})))


class CheckFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


@app.command()
def check(
    paths: list[Path] = typer.Argument(..., help="Tệp hoặc thư mục báo cáo."),
    fmt: CheckFormat = typer.Option(CheckFormat.table, "--format", "-f", help="table|jsonl"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Ghi ra tệp."),
) -> None:
    """Những điểm bất thường: số liệu, ngày tháng, kỳ báo cáo, tên đơn vị, văn bản dẫn, đề cương.

    Ví dụ: cchc check corpus/reports/002_99a9c136d6925e8d.txt
    """
    from .pipeline import analyse
    from .render.records import flag_records

    def work(path):
        a = analyse(path)
        return flag_records(a.report, a.flags, str(path))

    rows, failed = _flat_batch(paths, work)
    with _output(output) as out:
        if fmt is CheckFormat.table:  # display columns for people only
            for r in rows:
                r["name"] = Path(r["file"]).name
                r["muc_do"] = SEVERITY_LABELS[r["severity"]]
                r["noi"] = " ".join(x for x in (f"mục {r['section']}" if r["section"] else "",
                                                 # a reviewer counts paragraphs from 1
                                                 f"đoạn {r['paragraph'] + 1}" if r["paragraph"] is not None
                                                 else "") if x)
                r["trich"] = r["sentence"] or ""
        _write_rows(rows, fmt.value, out, ["name", "muc_do", "id", "noi", "message", "trich"],
                    "Điểm bất thường")
    raise typer.Exit(code=1 if failed else 0)


class DigestFormat(str, Enum):
    md = "md"
    html = "html"
    json = "json"


@app.command()
def digest(
    paths: list[Path] = typer.Argument(..., help="Tệp hoặc thư mục báo cáo."),
    fmt: DigestFormat = typer.Option(DigestFormat.md, "--format", "-f", help="md|html|json"),
    output_arg: Optional[str] = typer.Option(
        None, "--output", "-o",
        help="Tệp (một báo cáo) hoặc thư mục (nhiều báo cáo, hoặc đường dẫn kết thúc bằng /: "
             "mỗi báo cáo một tệp)."),
) -> None:
    """Bản tóm tắt từng báo cáo cho người thẩm định: số liệu, kết quả theo lĩnh vực,
    văn bản dẫn, điểm bất thường, điểm chất lượng.

    Ví dụ: cchc digest corpus/reports --format html -o out/digests/
    """
    from .digest import build_digest
    from .pipeline import analyse
    from .render.digest import render

    def work(path):
        return [render(build_digest(analyse(path)), fmt.value)]

    files = iter_inputs(paths)
    output = Path(output_arg) if output_arg else None
    # a folder when there are several reports, or when -o names one ("out/", an existing folder)
    to_folder = output is not None and (len(files) > 1 or output.is_dir() or output_arg.endswith(("/", "\\")))
    if to_folder:
        output.mkdir(parents=True, exist_ok=True)
    results, failed = run_batch(files, work)
    if fmt is DigestFormat.json and output is None and len(results) > 1:
        # several digests: one JSON array, like `parse` (concatenated objects are not JSON)
        sys.stdout.write("[\n" + ",\n".join(text.rstrip("\n") for _, (text,) in results) + "\n]\n")
        raise typer.Exit(code=1 if failed else 0)
    names = digest_names([Path(p) for p, _ in results], fmt.value)
    for (path, (text,)), name in zip(results, names):
        if output is None:
            sys.stdout.write(text)
        elif to_folder:
            (output / name).write_text(text, encoding="utf-8")
        else:
            target = output if output.suffix else output.with_suffix(f".{fmt.value}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    raise typer.Exit(code=1 if failed else 0)


def digest_names(paths: list[Path], ext: str) -> list[str]:
    """One file name per input, never two alike: the stem, then the input's
    extension, then its folder when stems collide ("baocao.docx" and "baocao.txt"
    → "baocao.docx.md", "baocao.txt.md"; "a/baocao.txt" and "b/baocao.txt" →
    "a_baocao.md", "b_baocao.md")."""
    stems = [p.stem for p in paths]
    names = []
    for p in paths:
        name = p.stem
        if stems.count(p.stem) > 1:
            same = [q for q in paths if q.stem == p.stem]
            name = p.name if len({q.suffix for q in same}) == len(same) else f"{p.parent.name}_{p.stem}"
        names.append(name)
    # still alike (a/x/r.txt and b/x/r.txt): number them in input order
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if names.count(name) == 1 else f"{name}_{seen[name]}")
    return [f"{n}.{ext}" for n in out]


class CopiesFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


@app.command()
def copies(
    paths: list[Path] = typer.Argument(..., help="Các báo cáo cần so sánh (tệp hoặc thư mục)."),
    fmt: CopiesFormat = typer.Option(CopiesFormat.table, "--format", "-f", help="table|jsonl"),
    threshold: float = typer.Option(0.7, "--threshold", min=0.1, max=1.0,
                                    help="Độ giống (Jaccard ước lượng) từ đó coi là sao chép."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Ghi ra tệp."),
) -> None:
    """Đoạn văn trùng lặp giữa các báo cáo (chép mẫu, chép của đơn vị khác, chép kỳ trước).

    Ví dụ: cchc copies bao_cao_quy_I.docx bao_cao_6_thang.docx
    """
    from .copying import copied_share, find_copies
    from .pipeline import parse as parse_report

    results, failed = run_batch(paths, parse_report)
    reports = {str(p): r for p, r in results}
    texts = {k: [p.text for p in r.paragraphs] for k, r in reports.items()}
    found = find_copies(texts, threshold=threshold)
    shares = copied_share(texts, found)
    rows = [{"file_a": c.report_a, "paragraph_a": c.paragraph_a, "file_b": c.report_b,
             "paragraph_b": c.paragraph_b, "similarity": c.similarity,
             "share_a": shares[c.report_a], "share_b": shares[c.report_b],
             "text": texts[c.report_a][c.paragraph_a]} for c in found]
    with _output(output) as out:
        _write_rows(rows, fmt.value, out, ["file_a", "paragraph_a", "file_b", "paragraph_b",
                                           "similarity", "text"], "Đoạn văn trùng lặp")
    raise typer.Exit(code=1 if failed else 0)


_DB_HELP = "Tệp chỉ mục SQLite (mặc định: $CCHC_DB hoặc thư mục dữ liệu của người dùng)."


class Engine(str, Enum):
    processes = "processes"
    dask = "dask"


_ENGINE_HELP = ("processes: các tiến trình trên máy này (--jobs); dask: một cụm Dask (cụm cục bộ --jobs worker, "
                "hoặc --scheduler), cho kho lưu trữ hàng trăm nghìn báo cáo.")
_SCHEDULER_HELP = "Địa chỉ bộ lập lịch của một cụm Dask đang chạy, ví dụ tcp://may-chu:8786 (kèm --engine dask)."


def _engine_of(engine: "Engine", scheduler: Optional[str]) -> str:
    if scheduler and engine is not Engine.dask:
        typer.echo("--scheduler chỉ dùng với --engine dask", err=True)
        raise typer.Exit(code=2)
    return engine.value


@app.command()
def index(
    paths: list[Path] = typer.Argument(..., help="Tệp hoặc thư mục báo cáo cần đưa vào chỉ mục."),
    db: Optional[Path] = typer.Option(None, "--db", help=_DB_HELP),
    include_all: bool = typer.Option(False, "--all", help="Đưa vào cả tệp không thấy dấu hiệu văn bản CCHC."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Số tiến trình (hoặc số worker Dask) phân tích song song."),
    engine: Engine = typer.Option(Engine.processes, "--engine", help=_ENGINE_HELP),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help=_SCHEDULER_HELP),
    commit_every: int = typer.Option(50, "--commit-every", min=1,
                                     help="Số báo cáo ghi trong một giao dịch (chạy lại sau khi bị ngắt sẽ tiếp tục)."),
) -> None:
    """Đưa báo cáo vào chỉ mục tìm kiếm (báo cáo, đoạn văn, văn bản dẫn, số liệu, điểm bất thường).

    Tệp không đổi được bỏ qua; tệp đã sửa được thay thế; báo cáo được ghi theo từng đợt, mỗi đợt một
    giao dịch: bị ngắt giữa chừng thì chạy lại, các tệp đã ghi được bỏ qua.
    Ví dụ: cchc index corpus/reports --db out/index.sqlite --jobs 2
    """
    from functools import partial

    from .pipeline import analyse_for_index, index_files
    from .render.reading import analysis_record
    from .store import Store, default_db_path

    from .ingest import iter_inputs

    path = db or default_db_path()
    total = len(iter_inputs(paths))
    counts = {"failed": 0, "done": 0}
    labels = {"added": "đã thêm", "replaced": "đã thay", "skipped": "không đổi, bỏ qua"}

    def report(file, status):  # printed as each file is committed, not at the end
        counts["done"] += 1
        n = f"[{counts['done']}/{total}]"
        if status.startswith("error: "):
            typer.echo(f"{file}: {status[len('error: '):]}", err=True)
            counts["failed"] += 1
        elif status.startswith("same_as: "):
            typer.echo(f"{n} {file}: cùng nội dung với {status[len('same_as: '):]} (đã có trong chỉ mục; "
                       "ghi thêm đường dẫn này)")
        elif status.startswith("not_cchc: "):
            typer.echo(f"cảnh báo: {file}: {status[len('not_cchc: '):]}", err=True)
        else:
            typer.echo(f"{n} {file}: {labels.get(status, status)}")
        sys.stdout.flush()

    try:
        with Store(path) as store:
            index_files(store, paths, partial(analyse_for_index, include_all=include_all), on_result=report,
                        record_of=analysis_record, jobs=jobs, engine=_engine_of(engine, scheduler),
                        scheduler=scheduler, commit_every=commit_every)
            stats = store.stats()
    except CchcError as err:
        typer.echo(f"{path}: {err}", err=True)
        raise typer.Exit(code=1)
    typer.echo(f"Chỉ mục {path}: {stats['reports']} báo cáo, {stats['paragraphs']} đoạn, "
               f"{stats['citations']} văn bản dẫn; lần này {counts['done']} tệp, {counts['failed']} lỗi.")
    raise typer.Exit(code=1 if counts["failed"] else 0)


class SearchFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


@app.command()
def search(
    text: Optional[str] = typer.Argument(None, help="Từ cần tìm (có hoặc không dấu)."),
    cites: Optional[str] = typer.Option(None, "--cites", help='Văn bản được dẫn, ví dụ "Nghị định 61/2018/NĐ-CP" hoặc "NĐ 61/2018".'),
    area: Optional[str] = typer.Option(None, "--area", help="Mã lĩnh vực, ví dụ tthc, chinh_quyen_so."),
    province: Optional[str] = typer.Option(None, "--province", help="Tỉnh."),
    period: Optional[str] = typer.Option(None, "--period", help='Kỳ báo cáo, ví dụ "quý I", "6 tháng".'),
    year: Optional[int] = typer.Option(None, "--year", help="Năm báo cáo."),
    kind: Optional[str] = typer.Option(
        None, "--kind", help="Loại văn bản: bao_cao, ke_hoach, quyet_dinh, quy_che, cong_van, "
                             "thong_bao, to_trinh, nghi_quyet, tin_bai, khac."),
    limit: int = typer.Option(50, "--limit", min=1, help="Số kết quả tối đa."),
    db: Optional[Path] = typer.Option(None, "--db", help=_DB_HELP),
    fmt: SearchFormat = typer.Option(SearchFormat.table, "--format", "-f", help="table|jsonl"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Ghi ra tệp."),
) -> None:
    """Tìm trong các báo cáo đã đưa vào chỉ mục.

    Ví dụ: cchc search --cites "Nghị định 61/2018/NĐ-CP"  |  cchc search "mot cua" --area tthc
    """
    from .model import AREAS
    from .store import Store, default_db_path

    from .layout import DOC_KINDS

    if not any([text, cites, area, province, period, year, kind]):
        typer.echo("cần từ khóa hoặc ít nhất một điều kiện (--cites, --area, --province, --period, --year,"
                   " --kind)", err=True)
        raise typer.Exit(code=2)
    if area is not None and area not in AREAS:
        typer.echo(f"--area {area}: không có lĩnh vực này; chọn một trong: {', '.join(AREAS)}", err=True)
        raise typer.Exit(code=2)
    if kind is not None and kind not in DOC_KINDS:
        typer.echo(f"--kind {kind}: không có loại văn bản này; chọn một trong: {', '.join(DOC_KINDS)}",
                   err=True)
        raise typer.Exit(code=2)
    path = db or default_db_path()
    try:
        with Store(path, readonly=True) as store:
            # one more than asked: whether there are more to say so
            hits = store.search(text=text, cites=cites, area=area, province=province,
                                period=period, year=year, limit=limit + 1, kind=kind)
    except CchcError as err:
        typer.echo(f"{path}: {err}", err=True)
        raise typer.Exit(code=1)
    more = len(hits) > limit
    rows = [h.to_dict() for h in hits[:limit]]
    if more:
        typer.echo(f"Hiển thị {limit} kết quả đầu tiên; còn nữa: dùng --limit {limit * 4} để xem thêm.",
                   err=True)
    elif not rows:
        typer.echo("Không có kết quả nào.", err=True)
    with _output(output) as out:
        if fmt is SearchFormat.table:
            for r in rows:
                r["unit"] = f"{r['commune'] or '?'}"
                r["name"] = Path(r["path"]).name
            _write_rows(rows, "table", out, ["unit", "district", "province", "period_label",
                                             "section", "snippet", "name"],
                        f"Kết quả tìm kiếm ({len(rows)})")
        else:
            _write_rows(rows, "jsonl", out, [], "")
    raise typer.Exit(code=0)


class ScoreFormat(str, Enum):
    table = "table"
    csv = "csv"
    parquet = "parquet"
    xlsx = "xlsx"


@app.command()
def score(
    paths: list[Path] = typer.Argument(..., help="Tệp hoặc thư mục báo cáo."),
    fmt: ScoreFormat = typer.Option(ScoreFormat.table, "--format", "-f", help="csv|parquet|xlsx|table"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Ghi ra tệp (bắt buộc với parquet, xlsx)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Số tiến trình chạy song song."),
    include_all: bool = typer.Option(False, "--all", help="Chấm cả tệp không thấy dấu hiệu văn bản CCHC."),
    engine: Engine = typer.Option(Engine.processes, "--engine", help=_ENGINE_HELP),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help=_SCHEDULER_HELP),
) -> None:
    """Chấm điểm chất lượng từng báo cáo (0-100) và các thành phần; sắp xếp từ thấp đến cao.

    Ví dụ: cchc score corpus/reports --format csv -o diem.csv --jobs 2  |  cchc score luu-tru/ --engine dask
    """
    from .batch import score_files

    if fmt in (ScoreFormat.parquet, ScoreFormat.xlsx) and output is None:
        typer.echo(f"--format {fmt.value} cần -o/--output (tệp nhị phân)", err=True)
        raise typer.Exit(code=2)
    files = iter_inputs(paths)
    if not files:
        typer.echo("không có tệp báo cáo nào (.txt, .docx, .pdf) trong đường dẫn đã cho", err=True)
        raise typer.Exit(code=1)
    try:
        frame, failed = score_files(files, jobs=jobs, progress=sys.stderr.isatty(), include_all=include_all,
                                    engine=_engine_of(engine, scheduler), scheduler=scheduler)
    except CchcError as err:  # the cluster could not be reached or started
        typer.echo(str(err), err=True)
        raise typer.Exit(code=1) from None
    for _, row in frame[frame["error"].notna()].iterrows():
        typer.echo(f"{row['file']}: {row['error']}", err=True)
    if fmt is ScoreFormat.parquet:
        frame.to_parquet(output, index=False)
    elif fmt is ScoreFormat.xlsx:
        frame.to_excel(output, index=False)
    elif fmt is ScoreFormat.csv:
        with _output(output) as out:
            frame.to_csv(out, index=False)
    else:
        rows = frame.to_dict("records")
        for r in rows:
            r["name"] = Path(r["file"]).name
        from .scoring import LABELS_VI

        with _output(output) as out:
            cols = ["name", "unit", "period", "total", *LABELS_VI, "error", "note"]
            _write_rows(rows, "table", out, cols, "Điểm chất lượng báo cáo (thấp nhất trước)")
    raise typer.Exit(code=1 if failed else 0)


_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command()
def serve(
    db: Optional[Path] = typer.Option(None, "--db", help=_DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Địa chỉ lắng nghe; khác 127.0.0.1 thì bắt buộc có --token."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Cổng."),
    token: Optional[str] = typer.Option(None, "--token", envvar="CCHC_TOKEN",
                                        help="Mã truy cập mọi yêu cầu phải kèm (hoặc biến CCHC_TOKEN)."),
) -> None:
    """Mở ứng dụng web cho người rà soát: tải báo cáo lên, đọc tóm tắt, tìm kiếm, bảng điểm.

    Ví dụ: cchc serve --db out/web.sqlite, rồi mở http://127.0.0.1:8000
    """
    if host not in _LOOPBACK and not token:
        typer.echo(f"--host {host} mở ứng dụng cho máy khác: cần --token MÃ (hoặc biến CCHC_TOKEN)", err=True)
        raise typer.Exit(code=2)
    import uvicorn

    from .store import default_db_path
    from .web import create_app

    path = db or default_db_path()
    try:
        web = create_app(path, token=token)
    except CchcError as err:
        typer.echo(f"{path}: {err}", err=True)
        raise typer.Exit(code=1)
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{port}/" + ("?token=…" if token else "")
    typer.echo(f"Ứng dụng đang chạy tại {address} (chỉ mục {path}); bấm Ctrl+C để dừng.")
    uvicorn.run(web, host=host, port=port, log_level="warning")

class _OncePerFile(logging.Handler):
    """Warnings from the library as one stderr line each, once per file."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        key = getattr(record, "cchc_file", None) or record.getMessage()
        if key not in self.seen:
            self.seen.add(key)
            sys.stderr.write(f"cảnh báo: {record.getMessage()}\n")


def main() -> None:  # console-script entry point
    app()
