import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from renditions import SEEDS, make_docx, make_pdf, seed_text  # noqa: E402

ROOT = HERE.parent


@pytest.fixture(scope="session")
def renditions(tmp_path_factory):
    """{seed stem: {"txt": path, "docx": path, "pdf": path}} for the five seeds."""
    out = tmp_path_factory.mktemp("renditions")
    result = {}
    for seed in SEEDS:
        text = seed_text(seed)
        result[seed.stem] = {
            "txt": seed,
            "docx": make_docx(text, out / f"{seed.stem}.docx"),
            "pdf": make_pdf(text, out / f"{seed.stem}.pdf"),
        }
    return result
