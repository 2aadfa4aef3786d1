"""Everything a reviewer reads on the command line is Vietnamese, Click's and
Typer's own words included (help panels, usage lines, usage errors)."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from cchc_nlp.cli import app

runner = CliRunner()
COMMANDS = ["parse", "cites", "tag", "check", "digest", "score", "index", "search", "copies",
            "train", "evaluate"]
#: what Click and Typer write in English when nobody translates them
ENGLISH = re.compile(r"Usage:|Show this message|─ Options|─ Arguments|─ Commands|─ Error|\[default:"
                     r"|\[required\]|Missing (?:argument|option|parameter)|Invalid value|No such "
                     r"(?:option|command)|Did you mean|Try '|for help|Input should|is not one of")


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_vietnamese(command):
    result = runner.invoke(app, ([command] if command else []) + ["--help"])
    assert result.exit_code == 0
    assert "Cách dùng:" in result.output and "In hướng dẫn này rồi thoát." in result.output
    assert not ENGLISH.search(result.output), ENGLISH.search(result.output)


@pytest.mark.parametrize("args, vietnamese", [
    (["parse"], "Thiếu tham số 'paths'"),
    (["parse", "x.txt", "--format", "foo"], "không phải một trong"),
    (["parse", "--bogus"], "Không có tùy chọn: --bogus"),
    (["pasre"], "Không có lệnh 'pasre'. Có phải ý bạn là 'parse'"),
    (["score", "x.txt", "--jobs", "0"], "phải lớn hơn hoặc bằng 1"),
    (["score", "x.txt", "--jobs", "abc"], "phải là một số nguyên"),
])
def test_usage_errors_are_vietnamese(args, vietnamese):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    text = " ".join(result.output.replace("│", " ").split())  # the error panel's borders out
    assert vietnamese in text
    assert not ENGLISH.search(result.output), ENGLISH.search(result.output)
