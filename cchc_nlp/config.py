"""The one place that knows where models and data live, and the input limits."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent

#: the package version (``cchc_nlp.__version__``; the index records which version wrote it)
VERSION = "0.1.0"


def models_dir() -> Path:
    """Trained artefacts: ``$CCHC_MODELS`` or ``models/`` beside the package."""
    return Path(os.environ.get("CCHC_MODELS", REPO_DIR / "models"))


def corpus_dir() -> Path:
    """Reports and gold annotations: ``$CCHC_CORPUS`` or ``corpus/``."""
    return Path(os.environ.get("CCHC_CORPUS", REPO_DIR / "corpus"))


def max_file_bytes() -> int:
    """Largest input file we read (``$CCHC_MAX_MB``, default 50 MB).

    A commune report is 20-200 kB as text and rarely over 5 MB as .docx/.pdf;
    anything far larger is almost certainly not a report, and reading it whole
    would cost the batch its memory.
    """
    return int(float(os.environ.get("CCHC_MAX_MB", "50")) * 1024 * 1024)


#: Largest total uncompressed size we accept inside a .docx (zip-bomb guard).
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024


def max_text_chars() -> int:
    """Longest text (characters) we analyse: ``$CCHC_MAX_CHARS``, default 4 million.

    Normalisation keeps an offset per character and the stages copy the text a few
    times: about 70 bytes per character at the peak, so a 4-million-character text
    (a commune report is 20,000-200,000) stays near 300 MB; a 30 MB text would
    take 1.8 GB.
    """
    return int(float(os.environ.get("CCHC_MAX_CHARS", "4000000")))


def max_read_seconds() -> float:
    """Longest time reading one file may take (``$CCHC_MAX_SECONDS``, default 60 s):
    a pathological PDF must not stall a batch.  A 200-page report reads in ~2 s."""
    return float(os.environ.get("CCHC_MAX_SECONDS", "60"))
