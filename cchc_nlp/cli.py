"""The ``cchc`` command line: parse options, call one library function, format.

Contract (ARCHITECTURE.md): every command takes files or folders, ``--format``
and ``-o/--output``; exit 0 on success, 1 when some inputs failed (the others
are still processed), 2 on bad usage; one error line per failed file on stderr:
``path: what is wrong; what to do``.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Callable, Iterable, Optional

import typer

from . import __version__
from .errors import CchcError
from .ingest import iter_inputs

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


class ParseFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def _open_output(output: Optional[Path]):
    if output is None:
        return sys.stdout
    return open(output, "w", encoding="utf-8")


def run_batch(paths: Iterable[Path], work: Callable[[Path], object]) -> tuple[list, int]:
    """Apply ``work`` to every input; report each failure on one stderr line."""
    results, failed = [], 0
    files = iter_inputs(paths)
    if not files:
        typer.echo("không có tệp báo cáo nào (.txt, .docx, .pdf) trong đường dẫn đã cho", err=True)
        return results, 1
    for path in files:
        try:
            results.append((path, work(path)))
        except CchcError as err:
            typer.echo(f"{path}: {err}", err=True)
            failed += 1
    return results, failed


def _meta_table(reports) -> str:
    from rich.console import Console
    from rich.table import Table as RichTable

    table = RichTable(title="Báo cáo đã đọc")
    for col in ("Tệp", "Đơn vị", "Huyện", "Tỉnh", "Số", "Ngày", "Kỳ báo cáo", "Người ký",
                "Mục", "Đoạn", "Bảng"):
        table.add_column(col)
    for r in reports:
        m = r.meta
        unit = f"{ {'xa': 'xã', 'phuong': 'phường', 'thi_tran': 'thị trấn'}.get(m.unit_kind or '', '')} {m.unit_name or '?'}".strip()
        table.add_row(
            Path(r.file).name, unit, m.district or "", m.province or "", m.number or "",
            m.date.strftime("%d/%m/%Y") if m.date else "", m.period.label if m.period else "",
            m.signer_name or "", str(len(r.sections)), str(len(r.paragraphs)),
            str(sum(len(t.rows) for t in r.tables)) + f" dòng / {len(r.tables)} bảng",
        )
    console = Console(width=200, record=True, file=open("/dev/null", "w"))
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
    from .pipeline import parse as parse_report
    from .render.records import report_record

    results, failed = run_batch(paths, parse_report)
    reports = [r for _, r in results]
    out = _open_output(output)
    try:
        if fmt is ParseFormat.table:
            out.write(_meta_table(reports))
        elif fmt is ParseFormat.json and len(reports) == 1:
            out.write(json.dumps(report_record(reports[0]), ensure_ascii=False, indent=2) + "\n")
        elif fmt is ParseFormat.json:
            out.write(json.dumps([report_record(r) for r in reports], ensure_ascii=False, indent=2) + "\n")
        else:
            for r in reports:
                out.write(json.dumps(report_record(r), ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    raise typer.Exit(code=1 if failed else 0)


def main() -> None:  # console-script entry point
    app()
