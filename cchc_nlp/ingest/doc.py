"""Old Word (.doc): converted to .docx with LibreOffice when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import UnreadableFile
from ..model import RawDocument


def read_doc(path: Path, sha256: str) -> RawDocument:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise UnreadableFile(
            "tệp Word định dạng cũ (.doc) mà máy chưa cài LibreOffice; "
            "mở bằng Word và lưu thành .docx, hoặc cài LibreOffice (apt install libreoffice-writer)"
        )
    from .docx import read_docx

    with tempfile.TemporaryDirectory() as tmp:
        try:
            subprocess.run(
                [office, "--headless", "--convert-to", "docx", "--outdir", tmp, str(path)],
                check=True,
                capture_output=True,
                timeout=120,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            raise UnreadableFile(
                "LibreOffice không chuyển được tệp .doc này; mở bằng Word và lưu thành .docx"
            ) from None
        out = Path(tmp) / (path.stem + ".docx")
        if not out.exists():
            raise UnreadableFile(
                "LibreOffice không chuyển được tệp .doc này; mở bằng Word và lưu thành .docx"
            )
        doc = read_docx(out.read_bytes(), str(path), sha256)
    return RawDocument(
        path=str(path), format="doc", sha256=sha256, size=path.stat().st_size, blocks=doc.blocks
    )
