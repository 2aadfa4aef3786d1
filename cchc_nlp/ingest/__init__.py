"""Ingest: any report file in, a :class:`~cchc_nlp.model.RawDocument` out.

One reader per format; :func:`read_document` is the single entry point.  Every
problem with the user's file becomes an :class:`~cchc_nlp.errors.UnreadableFile`
whose message says what is wrong and what to do.
"""

from __future__ import annotations

import hashlib
import signal
import threading
from contextlib import contextmanager
from pathlib import Path

from ..config import max_file_bytes, max_read_seconds, max_text_chars
from ..errors import CchcError, UnreadableFile, UnsupportedFormat
from ..model import RawDocument
from .magic import sniff, suffix_for  # noqa: F401  (part of the package's API)

SUPPORTED = (".txt", ".md", ".docx", ".pdf", ".doc")

def read_document(path: str | Path, *, max_bytes: int | None = None) -> RawDocument:
    """Read one report file of any supported format.

    Args:
        path: a ``.txt``/``.md``, ``.docx``, ``.pdf`` or ``.doc`` file.
        max_bytes: size limit (default :func:`~cchc_nlp.config.max_file_bytes`).

    Returns:
        The document's blocks (paragraphs and Word tables) in reading order.

    Raises:
        UnreadableFile: missing, empty, too large, corrupt, encrypted, scanned,
            or not the format its name says.

    Example:
        >>> doc = read_document("corpus/reports/000_46eead6140f5e907.txt")
        >>> doc.blocks[1].text
        'BÁO CÁO'
    """
    p = Path(path)
    try:
        with _time_limit(max_read_seconds()):
            doc = _read(p, max_bytes)
    except OSError as err:  # permission denied, a symlink loop, a disk error, …
        raise UnreadableFile(_os_problem(err)) from None
    chars = sum(len(b.text) for b in doc.blocks) + sum(
        len(c) for b in doc.blocks if b.table is not None for r in b.table.rows for c in r)
    if chars > max_text_chars():
        def vn(n: int) -> str:  # 4.000.000, as Vietnamese documents write numbers
            return f"{n:,}".replace(",", ".")

        raise UnreadableFile(
            f"văn bản dài {vn(chars)} ký tự, quá giới hạn {vn(max_text_chars())} ký tự (một báo cáo "
            "thường dưới 200.000); tách thành nhiều tệp, hoặc nâng giới hạn bằng biến CCHC_MAX_CHARS")
    return doc


class _TookTooLong(BaseException):
    """Raised by the alarm; a BaseException so that no reader's ``except Exception`` keeps it."""


@contextmanager
def _time_limit(seconds: float):
    """Stop reading one file after ``seconds`` (SIGALRM: the main thread of a
    process, which a CLI run and each worker of ``score --jobs`` are; elsewhere
    the limit is not enforced)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum, frame):
        raise _TookTooLong

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _TookTooLong:
        raise UnreadableFile(f"đọc tệp mất quá {seconds:g} giây (tệp bất thường hoặc quá phức tạp); "
                             "lưu lại thành .docx hoặc .txt, hoặc nâng giới hạn bằng CCHC_MAX_SECONDS") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _os_problem(err: OSError) -> str:
    """What the operating system refused, in the reviewer's words."""
    import errno

    if err.errno in (errno.EACCES, errno.EPERM):
        return "không có quyền đọc tệp; xin quyền đọc hoặc chép tệp sang thư mục của bạn"
    if err.errno == errno.ELOOP:
        return "đường dẫn là một vòng liên kết tượng trưng (symlink); trỏ tới tệp thật"
    if err.errno == errno.ENOENT:
        return "liên kết tượng trưng (symlink) trỏ tới một tệp không còn; trỏ lại tới tệp thật"
    return f"không đọc được tệp ({err.strerror or err}); kiểm tra tệp và ổ đĩa rồi thử lại"


def _read(p: Path, max_bytes: int | None) -> RawDocument:
    if p.is_symlink() and not p.exists():
        p.stat()  # a dangling link or a loop: raises the OSError that names it
    if p.is_symlink() and p.is_dir() and p.resolve() in p.absolute().parents:
        raise UnreadableFile("đường dẫn là một vòng liên kết tượng trưng (symlink) tới thư mục chứa nó; "
                             "bỏ qua, hoặc trỏ tới thư mục khác")
    if not p.exists():
        raise UnreadableFile("không có tệp này; kiểm tra lại đường dẫn")
    if p.is_dir():
        raise UnreadableFile("đây là một thư mục; hãy đưa các tệp báo cáo trong đó")
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED:
        raise UnsupportedFormat(
            f"không đọc được loại tệp '{suffix or '(không có đuôi)'}'; lưu báo cáo thành .docx, .pdf hoặc .txt"
        )
    limit = max_file_bytes() if max_bytes is None else max_bytes
    size = p.stat().st_size
    if size == 0:
        raise UnreadableFile("tệp rỗng; kiểm tra báo cáo đã được lưu đầy đủ chưa")
    if size > limit:
        raise UnreadableFile(
            f"tệp nặng {size / 1048576:.0f} MB, quá giới hạn {limit / 1048576:.0f} MB; "
            "kiểm tra đây có đúng là báo cáo không, hoặc nâng giới hạn bằng biến CCHC_MAX_MB"
        )
    data = p.read_bytes()
    sha = hashlib.sha256(data).hexdigest()

    try:
        if suffix in (".txt", ".md"):
            from .text import read_text

            return read_text(data, str(p), sha)  # decodes legacy fonts itself
        if suffix == ".docx":
            from .docx import read_docx

            doc = read_docx(data, str(p), sha)
        elif suffix == ".pdf":
            from .pdf import read_pdf

            doc = read_pdf(data, str(p), sha)
        else:
            from .doc import read_doc

            doc = read_doc(p, sha)
        return _repair_legacy_fonts(doc)
    except (CchcError, OSError):
        raise
    except Exception as err:  # noqa: BLE001
        # The readers name every damage they know; a file damaged in a way no
        # reader foresaw (a flipped bit in a zip header: "zip file version 8.4")
        # is still the user's file, not a bug of ours: one line, the batch goes on.
        raise UnreadableFile(f"tệp {suffix} bị hỏng theo cách lạ ({type(err).__name__}: {err}); "
                             "mở tệp gốc và lưu lại, hoặc xin bên gửi gửi lại") from None


def _repair_legacy_fonts(doc: RawDocument) -> RawDocument:
    """Word files typed in .VnTime (TCVN3) or VNI-Times store legacy bytes as
    Latin-1 characters: detect that on the whole text, convert every block."""
    from dataclasses import replace

    from .legacy import detect_legacy, legacy_to_unicode

    legacy = detect_legacy(doc.text)
    if legacy is None:
        return doc

    def conv(s: str) -> str:
        return legacy_to_unicode(s, legacy)

    blocks = tuple(
        replace(b, text=conv(b.text),
                table=replace(b.table, rows=tuple(tuple(conv(c) for c in r) for r in b.table.rows))
                if b.table is not None else None)
        for b in doc.blocks
    )
    return replace(doc, blocks=blocks, encoding=legacy)


def iter_inputs(paths) -> list[Path]:
    """Expand folders into the report files they hold (sorted), keep files as given.

    Files of other types inside a folder are skipped silently, but a file named
    explicitly is always returned so that its problem gets reported, and so are
    broken symbolic links and links back up the tree found in a folder.
    """
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(
                f for f in p.rglob("*")
                if (f.is_file() and f.suffix.lower() in SUPPORTED)
                # a broken link or a link back up the tree: named, so the user hears of it
                or (f.is_symlink() and (not f.exists() or (f.is_dir() and f.resolve() in f.absolute().parents)))
            ))
        else:
            out.append(p)
    return out


__all__ = ["read_document", "iter_inputs", "sniff", "SUPPORTED"]
