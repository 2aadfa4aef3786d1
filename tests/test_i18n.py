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


def _raised_messages():
    """The literal text of every error the package raises for the user (CchcError and
    its subclasses), from the source: (file:line, text)."""
    import ast
    from pathlib import Path

    import cchc_nlp
    from cchc_nlp import errors

    user_errors = {name for name, obj in vars(errors).items()
                   if isinstance(obj, type) and issubclass(obj, errors.CchcError)}
    user_errors |= {"StoreError", "GazetteerUnavailable"}
    root = Path(cchc_nlp.__file__).parent
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) \
                    and getattr(node.exc.func, "id", None) in user_errors and node.exc.args:
                arg = node.exc.args[0]
                parts = [v.value for v in ast.walk(arg) if isinstance(v, ast.Constant) and isinstance(v.value, str)]
                if parts:
                    yield f"{path.relative_to(root)}:{node.lineno}", "".join(parts)


VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")


def test_every_error_a_user_can_get_is_written_in_vietnamese():
    english = [(where, text) for where, text in _raised_messages() if not VIETNAMESE.search(text)]
    assert not english, english
