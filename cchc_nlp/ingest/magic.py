"""What a file is, from its first bytes: the readers' check that a file is the
format its name says, the error that names what it is instead, and the reader
an upload needs when its name cannot be trusted (the web app)."""

from __future__ import annotations

# Magic numbers of formats users send by mistake, so the error can say what the file is.
_MAGIC = (
    (b"MZ", "một chương trình Windows (.exe)"),
    (b"\x7fELF", "một chương trình Linux"),
    (b"\x89PNG", "một ảnh PNG"),
    (b"\xff\xd8\xff", "một ảnh JPEG"),
    (b"GIF8", "một ảnh GIF"),
    (b"Rar!", "một tệp nén RAR"),
    (b"7z\xbc\xaf", "một tệp nén 7-Zip"),
    (b"\x1f\x8b", "một tệp nén gzip"),
    (b"%PDF", "một tệp PDF"),
    (b"PK\x03\x04", "một tệp nén zip (hoặc .docx/.xlsx)"),
    (b"\xd0\xcf\x11\xe0", "một tệp Office cũ (.doc/.xls)"),
)


def sniff(head: bytes) -> str | None:
    """Name the kind of file ``head`` starts like, or None if unknown."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return None


def suffix_for(head: bytes) -> str:
    """The extension whose reader a file needs, from its first bytes alone:
    ``.pdf``, ``.docx`` (any zip: the reader refuses a zip that is not one),
    ``.doc``, else ``.txt`` (the text reader refuses binary content)."""
    for magic, suffix in ((b"%PDF", ".pdf"), (b"PK\x03\x04", ".docx"), (b"\xd0\xcf\x11\xe0", ".doc")):
        if head.startswith(magic):
            return suffix
    return ".txt"
