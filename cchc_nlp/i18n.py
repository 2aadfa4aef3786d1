"""The command line's own words (Click's and Typer's) in Vietnamese.

Click and Typer write their help, usage and error texts through ``gettext``
(``_("Show this message and exit.")``), looked up in each module's globals at
call time, and Typer's help panels keep a few titles in module constants.
:func:`install` points those at :data:`VI`, so that ``cchc --help``, a missing
argument or a wrong option read in Vietnamese like the rest of the tool.  A
string missing here falls back to the English one; ``tests/test_i18n.py`` fails
when a user-facing English word shows up.
"""

from __future__ import annotations

#: Click 8.x and Typer 0.x strings, as they appear in their sources.
VI: dict[str, str] = {
    "Show this message and exit.": "In hướng dẫn này rồi thoát.",
    "Show the version and exit.": "In phiên bản rồi thoát.",
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Arguments": "Tham số",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số theo vị trí",
    "Error": "Lỗi",
    "Error: {message}": "Lỗi: {message}",
    "Aborted!": "Đã dừng.",
    "Aborted.": "Đã dừng.",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing command.": "Thiếu lệnh.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such option: {name}": "Không có tùy chọn: {name}",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: '{command} {option}'.",
    "Try [blue]'{command_path} {help_option}'[/] for help.":
        "Xem hướng dẫn: [blue]'{command_path} {help_option}'[/].",
    "Argument {name!r} takes {nargs} values.": "Tham số {name!r} cần {nargs} giá trị.",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "Value must be an iterable.": "Giá trị phải là một danh sách.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là {number_type} hợp lệ.",
    "{value} is not in the range {range}.": "{value} không nằm trong khoảng {range}.",
    "{value!r} is not a valid UUID.": "{value!r} không phải UUID hợp lệ.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} không đọc được.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} không ghi được.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} không chạy được.",
    "file": "tệp", "directory": "thư mục", "path": "đường dẫn",
    "integer": "số nguyên", "float": "số thực", "boolean": "giá trị đúng/sai",
    "default: {default}": "mặc định: {default}",
    "env var: {var}": "biến môi trường: {var}",
    "required": "bắt buộc",
    "(dynamic)": "(động)",
    "deprecated": "không còn dùng",
    "unknown error": "lỗi không rõ",
    "(deprecated) ": "(không còn dùng) ",
    "[default: {}]": "[mặc định: {}]",
    "[env var: {}]": "[biến môi trường: {}]",
    "[required]": "[bắt buộc]",
    "Do you want to continue?": "Tiếp tục?",
    "Confirm the action without prompting.": "Xác nhận, không hỏi lại.",
}

#: singular and plural forms (Vietnamese has one)
VI_PLURAL: dict[str, str] = {
    "Got unexpected extra argument ({args})": "Thừa tham số ({args})",
    "Got unexpected extra arguments ({args})": "Thừa tham số ({args})",
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải ý bạn là một trong: {possibilities}?)",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "{value!r} is not {choice}.": "{value!r} không phải là {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} không phải một trong {choices}.",
    "Takes {nargs} values but 1 was given.": "Cần {nargs} giá trị nhưng chỉ có 1.",
    "Takes {nargs} values but {len} were given.": "Cần {nargs} giá trị nhưng có {len}.",
}


def gettext_vi(message: str) -> str:
    return VI.get(message, message)


def ngettext_vi(singular: str, plural: str, n: int) -> str:
    chosen = singular if n == 1 else plural
    return VI_PLURAL.get(chosen, VI.get(chosen, chosen))


def install() -> None:
    """Point Click's and Typer's ``gettext`` at :data:`VI` (idempotent)."""
    import sys

    import click  # noqa: F401  (its modules must be loaded to be patched)
    import typer.rich_utils as rich_utils

    for name, module in list(sys.modules.items()):
        if (name == "click" or name.startswith(("click.", "typer"))) and module is not None:
            if hasattr(module, "_") and callable(module._):
                module._ = gettext_vi
            if hasattr(module, "ngettext"):
                module.ngettext = ngettext_vi
    for const in ("DEPRECATED_STRING", "DEFAULT_STRING", "ENVVAR_STRING", "REQUIRED_LONG_STRING",
                  "ARGUMENTS_PANEL_TITLE", "OPTIONS_PANEL_TITLE", "COMMANDS_PANEL_TITLE",
                  "ERRORS_PANEL_TITLE", "ABORTED_TEXT", "RICH_HELP"):
        english = getattr(rich_utils, const, None)
        if isinstance(english, str):
            setattr(rich_utils, const, VI.get(english, english))
    _install_vendored_click()


# Typer 0.2x carries its own copy of Click (``typer._click``) whose messages are
# English f-strings, not gettext calls: they are translated after formatting.
_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^Missing argument '(.+?)'\.", r"Thiếu tham số '\1'."),
    (r"^Missing option '(.+?)'\.", r"Thiếu tùy chọn '\1'."),
    (r"^Missing (?:parameter|argument|option)\b:?", "Thiếu tham số"),
    (r"^Invalid value for (.+?): ", r"Giá trị không hợp lệ cho \1: "),
    (r"^Invalid value: ", "Giá trị không hợp lệ: "),
    (r"Value error, ", ""),
    (r"(\S+) is not one of (.+?)\.$", r"\1 không phải một trong \2."),
    (r"(\S+) is not a valid integer", r"\1 không phải số nguyên"),
    (r"(\S+) is not a valid float", r"\1 không phải số thực"),
    (r"(\S+) is not in the range (.+?)\.", r"\1 không nằm trong khoảng \2."),
    (r"^No such option: (.+)", r"Không có tùy chọn: \1"),
    (r"\(Possible options: (.+?)\)", r"(Các tùy chọn có: \1)"),
    (r"^No such command '(.+?)'\.", r"Không có lệnh '\1'."),
    (r"^Got unexpected extra arguments? \((.+?)\)", r"Thừa tham số (\1)"),
    (r"^Option '(.+?)' requires an argument\.", r"Tùy chọn '\1' cần một giá trị."),
    (r"does not exist\.", "không tồn tại."),
    (r" Did you mean '(.+?)'\?", r" Có phải ý bạn là '\1'?"),
    (r"Input should be greater than or equal to (\S+)", r"phải lớn hơn hoặc bằng \1"),
    (r"Input should be less than or equal to (\S+)", r"phải nhỏ hơn hoặc bằng \1"),
    (r"Input should be a valid integer[^.]*", "phải là một số nguyên"),
    (r"Input should be a valid number[^.]*", "phải là một số"),
)


def translate(message: str) -> str:
    """An English Click/Typer message in Vietnamese (unchanged when no pattern fits)."""
    import re

    for pattern, repl in _PATTERNS:
        message = re.sub(pattern, repl, message)
    return message


def _install_vendored_click() -> None:
    try:
        from typer._click import core, exceptions, formatting
    except ImportError:  # a Typer that uses Click itself: gettext above covers it
        return
    if getattr(exceptions, "_cchc_vi", False):
        return
    for cls in vars(exceptions).values():
        if isinstance(cls, type) and "format_message" in vars(cls):
            original = cls.format_message

            def format_message(self, _original=original):
                return translate(_original(self))

            cls.format_message = format_message
    write_usage = formatting.HelpFormatter.write_usage

    def write_usage_vi(self, prog, args="", prefix=None):
        return write_usage(self, prog, args, "Cách dùng: " if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage_vi
    get_help_option = core.Command.get_help_option

    def get_help_option_vi(self, ctx):
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = VI["Show this message and exit."]
        return option

    core.Command.get_help_option = get_help_option_vi
    exceptions._cchc_vi = True
