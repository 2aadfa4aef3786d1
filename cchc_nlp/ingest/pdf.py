"""PDF reader, built on pypdfium2 (Google's PDFium; Apache-2.0/BSD-3).

Chosen over pdfplumber (pdfminer.six) and pypdf for speed (1 ms/page against
9 and 70) and reading order (pdfplumber interleaves multi-line table cells);
all three kept every Vietnamese diacritic on our renditions.  PyMuPDF is AGPL
and not an option.
The comparison is in ``benchmarks/bench_pdf_readers.py`` and ``docs/ingest.md``.
A PDF's text comes in lines that end at the page width; ``hard_wrapped=True``
tells normalisation to re-join them into paragraphs.
"""

from __future__ import annotations

from ..errors import UnreadableFile
from ..model import Block, RawDocument
from .magic import sniff

# Fewer visible characters per page than this means the pages are images.
_MIN_CHARS_PER_PAGE = 20


def read_pdf(data: bytes, path: str, sha256: str) -> RawDocument:
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        kind = sniff(data[:8])
        raise UnreadableFile(
            f"không phải tệp PDF (trông giống {kind or 'một loại tệp khác'}); "
            "kiểm tra lại tệp, hoặc xuất lại báo cáo từ Word sang PDF"
        )
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        msg = str(err)
        if "password" in msg.lower():
            raise UnreadableFile(
                "tệp PDF có mật khẩu; xin bên gửi bản không đặt mật khẩu"
            ) from None
        raise UnreadableFile(
            f"tệp PDF bị hỏng ({msg}); xin bên gửi gửi lại tệp hoặc bản .docx"
        ) from None
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    visible = sum(len("".join(t.split())) for t in pages)
    if visible < _MIN_CHARS_PER_PAGE * max(1, len(pages)) / 2:
        raise UnreadableFile("tệp PDF chỉ có ảnh quét, không có lớp chữ; chạy nhận dạng chữ (OCR) trước rồi đưa lại")
    # Each page is one block: form feeds would otherwise split sentences.
    blocks = tuple(Block(kind="paragraph", text=t) for t in pages)
    return RawDocument(
        path=path,
        format="pdf",
        sha256=sha256,
        size=len(data),
        blocks=blocks,
        hard_wrapped=True,
    )
