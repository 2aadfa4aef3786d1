"""Word (.docx) reader, built on python-docx.

python-docx (MIT, actively maintained) gives the document body as XML in
reading order, so paragraphs and tables come out interleaved as the author
placed them; docx2python flattens tables into nested lists and loses that
order against the paragraphs.  We walk the body ourselves to also reach text
boxes and content controls, which python-docx's ``Document.paragraphs`` skips.
"""

from __future__ import annotations

import io
import zipfile

from ..config import MAX_DOCX_UNCOMPRESSED
from ..errors import UnreadableFile
from ..model import Block, RawDocument, WordTable
from .magic import sniff

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_zip(data: bytes) -> None:
    if not data.startswith(b"PK"):
        kind = sniff(data[:8])
        raise UnreadableFile(
            f"không phải tệp .docx (trông giống {kind or 'một loại tệp khác'}); "
            "mở bằng Word và lưu lại thành .docx"
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as err:
        raise UnreadableFile(
            f"tệp .docx bị hỏng ({err}); mở bằng Word và lưu lại"
        ) from None
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise UnreadableFile(
            "tệp nén không có word/document.xml nên không phải văn bản Word; lưu báo cáo thành .docx"
        )
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_DOCX_UNCOMPRESSED or (total > 20 * 1024 * 1024 and total / packed > 100):
        raise UnreadableFile(
            f"tệp .docx giải nén ra {total / 1048576:.0f} MB (bom nén hoặc tệp bất thường); "
            "đã từ chối: kiểm tra nguồn gốc tệp"
        )


def _run_text(p_el) -> str:
    """Text of a paragraph element, without the text of text boxes nested in it."""
    parts = []
    for el in p_el.iter():
        tag = el.tag
        if tag == _W + "t":
            # skip text that belongs to a text box inside this paragraph
            anc = el.getparent()
            inside_box = False
            while anc is not None and anc is not p_el:
                if anc.tag == _W + "txbxContent":
                    inside_box = True
                    break
                anc = anc.getparent()
            if not inside_box:
                parts.append(el.text or "")
        elif tag == _W + "tab":
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
    return "".join(parts)


def _style_of(p_el, styles) -> str:
    ppr = p_el.find(_W + "pPr")
    name = ""
    if ppr is not None:
        ps = ppr.find(_W + "pStyle")
        if ps is not None:
            sid = ps.get(_W + "val")
            name = styles.get(sid, sid or "")
        if ppr.find(_W + "numPr") is not None:
            name = f"{name}+numbered" if name else "numbered"
    return name


def _table_block(tbl_el, parent) -> Block:
    from docx.table import Table

    table = Table(tbl_el, parent)
    rows = []
    for row in table.rows:
        # python-docx repeats a merged cell in every grid position it spans
        # (horizontally via gridSpan, vertically via vMerge): exactly the
        # "merged cells repeated" shape WordTable promises.
        rows.append(tuple(" ".join(c.text.split()) for c in row.cells))
    width = max((len(r) for r in rows), default=0)
    rows = [r + ("",) * (width - len(r)) for r in rows]
    return Block(kind="table", table=WordTable(rows=tuple(rows)))


def _walk(container_el, parent, styles, out: list[Block]) -> None:
    for el in container_el.iterchildren():
        if el.tag == _W + "p":
            text = _run_text(el)
            out.append(Block(kind="paragraph", text=text, style=_style_of(el, styles)))
            for box in el.iter(_W + "txbxContent"):
                _walk(box, parent, styles, out)
        elif el.tag == _W + "tbl":
            out.append(_table_block(el, parent))
        elif el.tag == _W + "sdt":
            content = el.find(_W + "sdtContent")
            if content is not None:
                _walk(content, parent, styles, out)


def read_docx(data: bytes, path: str, sha256: str) -> RawDocument:
    _check_zip(data)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises many types on malformed XML
        raise UnreadableFile(
            f"tệp .docx bị hỏng ({type(err).__name__}); mở bằng Word và lưu lại"
        ) from None
    styles = {s.style_id: s.name for s in document.styles}
    blocks: list[Block] = []
    # The first header often holds the unit's name; page numbers alone are noise.
    for section in document.sections[:1]:
        for p in section.header.paragraphs:
            if p.text.strip() and not p.text.strip().isdigit():
                blocks.append(Block(kind="paragraph", text=p.text, style="Header"))
    _walk(document.element.body, document._body, styles, blocks)
    for section in document.sections[:1]:
        for p in section.footer.paragraphs:
            if p.text.strip() and not p.text.strip().isdigit():
                blocks.append(Block(kind="paragraph", text=p.text, style="Footer"))
    if not any((b.text.strip() if b.kind == "paragraph" else b.table.rows) for b in blocks):
        raise UnreadableFile("tệp .docx không có chữ nào; kiểm tra có đúng tệp báo cáo không")
    return RawDocument(
        path=path, format="docx", sha256=sha256, size=len(data), blocks=tuple(blocks)
    )
