"""Digest rendering: Markdown and one self-contained, printable HTML page.

HTML autoescaping is on: every piece of report text is escaped.  Markdown
escapes the characters that would break a table cell or start markup.
"""

from __future__ import annotations

import functools
import json
import re

from ..numbers import format_number
from .records import jsonable

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text or "").split()))


def _vn_date(iso) -> str:
    """2023-12-11 -> 11/12/2023."""
    if not iso:
        return ""
    y, m, d = str(iso).split("-")
    return f"{d}/{m}/{y}"


@functools.lru_cache(maxsize=1024)
def _with_kind_word(name: str, level: str, province: str | None = None) -> str:
    """ "huyện Hoằng Hóa", "quận 1", "thành phố Hồ Chí Minh", "tỉnh Nghệ An": the
    kind word the gazetteer knows for a district or province name; the name
    alone when it knows none, or several."""
    from ..gazetteer import KIND_WORDS, lookup
    from ..normalise import fold

    # a former name ("Thừa Thiên Huế", now the city of Huế) keeps no kind word
    kinds = {u.kind for u in lookup(name, kind=level, province=province) if fold(u.name) == fold(name)}
    return f"{KIND_WORDS[kinds.pop()]} {name}" if len(kinds) == 1 else name


def _place(unit: dict) -> str:
    """What follows a unit's name in a digest: ", huyện Hoằng Hóa, tỉnh Thanh Hóa"
    (nothing more for a province's own report)."""
    parts = []
    if unit.get("district"):
        parts.append(_with_kind_word(unit["district"], "district", unit.get("province")))
    if unit.get("province") and unit.get("province") != unit.get("name"):
        parts.append(_with_kind_word(unit["province"], "province"))
    # a body's name may already end on its place: "Trung tâm Hành chính công tỉnh Bình Thuận"
    return "".join(f", {p}" for p in parts if not (unit.get("name") or "").endswith(p))


def _unit_label(unit: dict) -> str:
    """"Xã Hoằng Lưu"; a body with no kind word is its name alone ("Chính phủ"); a unit the text
    names by its kind alone is "Huyện (không rõ tên)", and one it never names "đơn vị không rõ"."""
    kind, name = unit.get("kind_label"), unit.get("name")
    if name:
        return f"{kind or ''} {name}".strip()
    return f"{kind} (không rõ tên)" if kind else "đơn vị không rõ"


def _reader_no(index: int) -> int:
    """The number a reviewer counts a paragraph by (from 1). Ids, anchors ("#p-0") and
    the JSON keep the 0-based index that machines use."""
    return index + 1


def _is_report(document: dict) -> bool:
    """Whether the document is a report (or of a kind not known): only a report has a
    reporting period and areas it leaves unreported."""
    return document.get("kind") in (None, "bao_cao")


def _noun(document: dict) -> str:
    """What a reviewer calls the document: "báo cáo", "tin bài", …, "văn bản" for the other kinds."""
    return "văn bản" if document.get("kind") == "khac" else document.get("kind_label") or "văn bản"


@functools.cache
def environment(kind: str):
    """The Jinja2 environment of `render/templates` (autoescaped for "html"),
    with the number and date filters every template uses."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("cchc_nlp", "render/templates"),
                      autoescape=kind == "html", undefined=StrictUndefined,
                      trim_blocks=kind == "html", lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = _md
    env.filters["vn"] = format_number
    env.filters["vndate"] = _vn_date
    env.filters["place"] = _place
    env.filters["unit_label"] = _unit_label
    env.filters["noun"] = _noun
    env.filters["reader_no"] = _reader_no
    env.tests["report"] = _is_report
    return env


def render(digest: dict, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(jsonable(digest), ensure_ascii=False, indent=2) + "\n"
    template = environment(fmt).get_template(f"digest.{fmt}.j2")
    return template.render(d=digest)
