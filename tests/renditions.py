"""Build .docx and .pdf renditions of the seed reports, and other test files.

Renditions are made from the seeds' normalised text: each line becomes a
paragraph, each run of tab-separated lines becomes a real table (a Word table
with merged header cells in .docx, a drawn table in .pdf).  Parsing a
rendition must give back the paragraphs, headings and table rows of the .txt.
"""

from __future__ import annotations

import io
from pathlib import Path

from cchc_nlp.normalise import normalise

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "reports"
SEEDS = sorted(CORPUS.glob("*.txt"))


def _runs(text: str):
    """Yield ("p", line) and ("t", [rows]) in order."""
    table: list[list[str]] = []
    for line in text.split("\n"):
        if "\t" in line:
            table.append(line.split("\t"))
            continue
        if table:
            yield "t", table
            table = []
        yield "p", line
    if table:
        yield "t", table


def seed_text(path: Path) -> str:
    return normalise(path.read_text(encoding="utf-8")).text


def make_docx(text: str, target: Path) -> Path:
    import docx

    document = docx.Document()
    for kind, value in _runs(text):
        if kind == "p":
            document.add_paragraph(value)
            continue
        width = max(len(r) for r in value)
        table = document.add_table(rows=len(value), cols=width)
        grid = table._cells  # row-major, read once: table.cell(i, j) rebuilds this list on every call
        rows = [row + [""] * (width - len(row)) for row in value]
        for i, cells in enumerate(rows):
            for j, cell in enumerate(cells):
                grid[i * width + j].text = cell
        for i, cells in enumerate(rows):
            # "Kết quả thống kê" spans the unit and value columns in the real
            # forms: merge it the way Word does (gridSpan), keeping its text.
            for j in range(width - 1):
                if cells[j].startswith("Kết quả thống kê") and cells[j + 1] == "":
                    merged = table.cell(i, j).merge(table.cell(i, j + 1))
                    merged.text = cells[j]
                    break
    document.save(target)
    return target


def _font() -> str:
    import matplotlib

    return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")


def make_pdf(text: str, target: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
    from xml.sax.saxutils import escape

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", _font()))
    style = ParagraphStyle("body", fontName="DejaVu", fontSize=10, leading=13, spaceAfter=6)
    cell = ParagraphStyle("cell", fontName="DejaVu", fontSize=7, leading=9)
    story = []
    for kind, value in _runs(text):
        if kind == "p":
            story.append(Paragraph(escape(value), style))
            continue
        width = max(len(r) for r in value)
        data = [[Paragraph(escape(c), cell) for c in r + [""] * (width - len(r))] for r in value]
        t = Table(data, repeatRows=0)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, "black"),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(t)
    SimpleDocTemplate(str(target), pagesize=A4).build(story)
    return target


def make_scanned_pdf(target: Path) -> Path:
    """An image-only PDF, as a scanner makes: no text layer at all."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(img)
    for y in range(100, 1600, 40):
        draw.line((100, y, 1100, y), fill=0, width=3)
    img.save(target, "PDF", resolution=150)
    return target


def make_encrypted_pdf(source: Path, target: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(source).pages:
        writer.add_page(page)
    writer.encrypt(user_password="matkhau", owner_password="matkhau")
    with open(target, "wb") as fh:
        writer.write(fh)
    return target


def make_zip_bomb(target: Path) -> Path:
    """A .docx-shaped zip whose document.xml expands to ~300 MB of zeros."""
    import zipfile

    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"0" * (1 << 20)
            for _ in range(300):
                fh.write(chunk)
    return target


def truncated(data: bytes, target: Path) -> Path:
    target.write_bytes(data[: len(data) // 2])
    return target


def bytes_of(path: Path) -> bytes:
    return io.BytesIO(path.read_bytes()).getvalue()


def bad_files(folder: Path, txt: Path, docx: Path, pdf: Path, *, per_kind: int = 50,
              seed: int = 17) -> list[Path]:
    """Damaged or odd inputs built from real renditions of one report: ``per_kind``
    truncations and bit-flips of each of ``txt``/``docx``/``pdf``, every wrong
    extension, 20 mixed encodings, a 1 MB line, 100,000 tiny paragraphs, Word
    tables nested 12 deep (310 files at the default)."""
    import random

    from docx import Document

    rng = random.Random(seed)
    bases = {"txt": txt.read_bytes(), "docx": docx.read_bytes(), "pdf": pdf.read_bytes()}
    out = []

    def put(name: str, data: bytes) -> None:
        p = folder / name
        p.write_bytes(data)
        out.append(p)

    for ext, data in bases.items():
        for i in range(per_kind):  # truncated anywhere
            put(f"cut_{ext}_{i}.{ext}", data[: rng.randrange(0, len(data))])
        for i in range(per_kind):  # bit flips
            b = bytearray(data)
            for _ in range(rng.randint(1, 40)):
                b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
            put(f"flip_{ext}_{i}.{ext}", bytes(b))
        for other in bases:  # the wrong extension
            if other != ext:
                put(f"wrong_{ext}_as.{other}", data)
    text = bases["txt"].decode("utf-8")
    for i in range(20):  # mixed encodings: a UTF-8 report with pieces saved in other code pages
        cut = rng.randrange(len(text))
        put(f"mixed_{i}.txt", text[:cut].encode("utf-8") + text[cut:].encode(
            rng.choice(["utf-16-le", "cp1258", "latin-1"]), errors="replace"))
    put("long_line.txt", ("Ủy ban nhân dân xã cải cách hành chính " * 28000).encode("utf-8"))
    put("tiny_paragraphs.txt", ("- Có.\n" * 100_000).encode("utf-8"))
    doc = Document()
    cell = doc.add_table(rows=1, cols=1).cell(0, 0)
    for depth in range(12):  # Word tables nested twelve deep
        cell.paragraphs[0].text = f"Bảng lồng cấp {depth}: thủ tục hành chính của UBND xã"
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    doc.save(folder / "nested_tables.docx")
    out.append(folder / "nested_tables.docx")
    return out
