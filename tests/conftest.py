import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from renditions import SEEDS, make_docx, make_pdf, seed_text  # noqa: E402

ROOT = HERE.parent


@pytest.fixture(scope="session")
def renditions(tmp_path_factory):
    """{seed stem: {"txt": path, "docx": path, "pdf": path}} for the five seeds.

    Built once per run: under pytest-xdist the workers share one folder of the run
    (the first builds it, under a file lock; the others wait and read it)."""
    from filelock import FileLock

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    out = shared / "renditions"
    with FileLock(str(shared / "renditions.lock")):
        done = out / "done"
        if not done.exists():
            out.mkdir(exist_ok=True)
            for seed in SEEDS:
                text = seed_text(seed)
                make_docx(text, out / f"{seed.stem}.docx")
                make_pdf(text, out / f"{seed.stem}.pdf")
            done.touch()
    return {seed.stem: {"txt": seed, "docx": out / f"{seed.stem}.docx", "pdf": out / f"{seed.stem}.pdf"}
            for seed in SEEDS}


def served(db: Path):
    """The web app over the index ``db`` on a free loopback port (``web.serving``)."""
    from cchc_nlp.web import serving

    return serving(db)
