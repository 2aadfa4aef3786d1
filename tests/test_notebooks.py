"""The notebooks in notebooks/ are committed executed, and still run today."""

import json

import nbformat
import pytest
from nbclient import NotebookClient

from cchc_nlp.evaluation.transfer import load_paragraphs
from cchc_nlp.evaluation.training import HELD_OUT_NAME
from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_is_a_notebook():
    assert NOTEBOOKS


def test_held_out_predictions_match_the_current_gold():
    """The notebook reads them: they must come from a `cchc train` on today's labels."""
    rows = [json.loads(x) for x in
            (ROOT / "models" / "areas" / HELD_OUT_NAME).read_text(encoding="utf-8").splitlines()]
    paras = load_paragraphs()
    assert [(r["text"], r["area"]) for r in rows] == [(p.text, p.area) for p in paras]
    assert all(0 < r["confidence"] <= 1 for r in rows)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_executed_and_reruns_without_error(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.execution_count for c in code), "commit the notebook executed"
    # re-run from a clean kernel; any exception in a cell fails the test
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [o for c in code for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    # the plots (length boxplot, confusion matrix) are there
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 2
