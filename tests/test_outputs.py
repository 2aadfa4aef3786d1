"""The command line's outputs on the five seeds, byte for byte, against files
committed before the code that makes them was reorganised (``tests/data/golden/``).

A change of output is a change of contract: when one is meant (a retrained model,
a fixed rule), regenerate the files with ``CCHC_UPDATE_GOLDEN=1 pytest
tests/test_outputs.py`` in the same commit and say why in its message.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_nlp.cli import app

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "golden"
SEEDS = "corpus/reports"
UPDATE = os.environ.get("CCHC_UPDATE_GOLDEN") == "1"

COMMANDS = {
    "parse.json": ["parse", SEEDS, "--format", "json"],
    "cites.jsonl": ["cites", SEEDS, "--format", "jsonl"],
    "tag.jsonl": ["tag", SEEDS, "--format", "jsonl"],
    "check.jsonl": ["check", SEEDS, "--format", "jsonl"],
    "score.csv": ["score", SEEDS, "--format", "csv"],
    "digest_002.json": ["digest", f"{SEEDS}/002_99a9c136d6925e8d.txt", "--format", "json"],
    "digest_000.md": ["digest", f"{SEEDS}/000_46eead6140f5e907.txt", "--format", "md"],
}


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(ROOT)  # the outputs name the files as given: relative to the repository


def _compare(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    assert path.exists(), f"{path} is missing: run with CCHC_UPDATE_GOLDEN=1 once"
    want = path.read_text("utf-8")
    if text != want:
        got, exp = text.splitlines(), want.splitlines()
        first = next((i for i, (a, b) in enumerate(zip(got, exp)) if a != b), min(len(got), len(exp)))
        raise AssertionError(f"{name} differs from the committed output at line {first + 1}:\n"
                             f"  now:    {got[first][:300] if first < len(got) else '<end>'}\n"
                             f"  before: {exp[first][:300] if first < len(exp) else '<end>'}")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_output_is_unchanged(in_repo, name):
    result = CliRunner().invoke(app, COMMANDS[name])
    assert result.exit_code == 0, result.output
    _compare(name, result.stdout)


def test_search_output_is_unchanged(in_repo, tmp_path):
    db = str(tmp_path / "index.sqlite")
    runner = CliRunner()
    assert runner.invoke(app, ["index", SEEDS, "--db", db]).exit_code == 0
    out = []
    for args in (["--cites", "Nghị định 61/2018/NĐ-CP"], ["một cửa liên thông", "--limit", "8"],
                 ["--area", "cong_vu", "--province", "Thanh Hóa", "--limit", "5"]):
        result = runner.invoke(app, ["search", *args, "--db", db, "--format", "jsonl"])
        assert result.exit_code == 0, result.output
        out.append(result.stdout.replace(str(ROOT) + os.sep, "<repo>/"))
    _compare("search.jsonl", "".join(out))
