"""Figures: the numbers a report claims, as :class:`~cchc_nlp.model.Metric`.

``extract_metrics(report)`` reads two places:

* the statistical appendix tables, whatever shape they arrived in.  Word tables
  and tab-separated text are read one line per row (the cells are re-split from
  ``report.text`` so a missing leading cell cannot shift a row); PDF text, where
  rows are broken across lines and glued to each other, is cut into rows at the
  STT numbers (``3.2.1.``), at ``Trong đó`` and where a new label (``Số …``,
  ``Tổng số …``, ``Tỷ lệ …``) follows a unit or a value.  Each row's
  "Chỉ tiêu" text is matched to the catalogue (``data/indicators.json``) on
  folded text, longest synonym first, and the value is read from the "Số liệu"
  cell (or from the ``Số liệu tổng | Số liệu đã thực hiện | Tỷ lệ (%)``
  columns some provinces add);
* the narrative: every number in a result section is classified by the cue in
  front of it (``đã tiếp nhận 1.157``), the cue after it (``12 hồ sơ đang giải
  quyết trong hạn``), the unit written after it and the topic of the sentence so
  far (``đang giải quyết: 1; trong đó, chưa tới hạn: 1, quá hạn: 0``).
  ``đạt 88,2%`` after a figure states that figure's rate; ``A/B đồng`` states
  a figure and its plan; ``A/B = C%`` a numerator, denominator and rate.
  Sections IV/V (phương hướng, kiến nghị) hold targets, not results, and are
  skipped, as are the blocks about procedures of the district or province.

Every Metric's ``start:end`` slices ``report.text`` to the evidence: for a table
row from the start of its label to the end of the value, for a sentence from the
cue to the unit.

Numbers are read exactly with :class:`decimal.Decimal` (:func:`parse_number`):
``.`` groups thousands and ``,`` marks decimals (``1.157`` = 1157,
``74,9`` = 74.9); a single ``.`` followed by one, two or four-plus digits can
only be a decimal point (``21.5``), so it is read as one.  Money is normalised to
đồng (``6,2 tỷ`` = 6200000000, a "Triệu đồng" cell ``3.000`` = 3000000000) and
Metric.unit is then ``"đồng"``; percentages are in points (``74,9%`` -> 74.9).
Odd tokens (``1.2.3.4``, ``3.000.000.0000``, 40-digit runs) never raise: they
give ``None`` from :func:`parse_number` and a :class:`MalformedNumber` from
:func:`read_number`, and :func:`malformed_numbers` lists the ones found where a
figure was expected, for the checks stage to turn into flags.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .model import Metric, Report
from .normalise import LOWER, UPPER, fold_in_place
from .numbers import MalformedNumber, parse_number, read_number
from .structure import in_directions

DATA_PATH = Path(__file__).resolve().parent / "data" / "indicators.json"

def _norm_label(text: str) -> str:
    """Folded label for catalogue matching: parentheses dropped, punctuation
    turned into spaces, spaces collapsed."""
    t = fold_in_place(text)
    t = re.sub(r"\([^()]*\)?", " ", t)
    t = re.sub(r"[^a-z0-9%]+", " ", t)
    return _spelling(" ".join(t.split()))


# --------------------------------------------------------------------------
# numbers
# --------------------------------------------------------------------------

_MONEY_SCALE = [  # folded unit -> multiplier to đồng
    (re.compile(r"^(ty|ti)( dong)?$"), Decimal(10) ** 9),
    (re.compile(r"^trieu( dong)?$"), Decimal(10) ** 6),
    (re.compile(r"^(nghin|ngan)( dong)?$"), Decimal(10) ** 3),
    (re.compile(r"^(dong|d|vnd)$"), Decimal(1)),
]


def money_scale(unit: str) -> Decimal | None:
    """Multiplier from a written money unit to đồng (``"tỷ"`` -> 10**9)."""
    u = " ".join(_norm_label(unit).split())
    for rx, scale in _MONEY_SCALE:
        if rx.match(u):
            return scale
    return None


def parse_amount(text: str) -> Decimal | None:
    """A sum of money in đồng: ``"6,2 tỷ"`` -> 6200000000,
    ``"3.000.000 đồng"`` -> 3000000, ``"10.379.376.539đ"`` -> 10379376539."""
    if not isinstance(text, str):
        return None
    m = re.match(r"\s*([\d.,]+)\s*(.*?)\s*$", text)
    if not m:
        return None
    v = parse_number(m.group(1))
    scale = money_scale(m.group(2)) if m.group(2) else Decimal(1)
    if v is None or scale is None:
        return None
    return _clean(v * scale)


def _clean(v: Decimal) -> Decimal:
    """Drop a meaningless exponent: 3.000 * 10**6 -> 3000000000, not 3.000E+9."""
    if v == v.to_integral_value():
        return Decimal(int(v))
    return v


# --------------------------------------------------------------------------
# catalogue
# --------------------------------------------------------------------------


@dataclass
class Indicator:
    id: str
    area: str
    label_vi: str
    unit: str
    kind: str
    table: list[tuple[str, re.Pattern | None]] = field(default_factory=list)  # (phrase, context)
    narrative: list[dict] = field(default_factory=list)
    rate: str | None = None
    plan: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    codes: dict[str, str] = field(default_factory=dict)
    order: int = 0


@dataclass
class Catalogue:
    indicators: dict[str, Indicator]
    frames: dict[str, re.Pattern]
    sums: list[dict]

    def __getitem__(self, key: str) -> Indicator:
        return self.indicators[key]

    def __contains__(self, key: str) -> bool:
        return key in self.indicators

    def __len__(self) -> int:
        return len(self.indicators)


def _compile_rule(rule: dict) -> dict:
    out = dict(rule)
    for key in ("after", "near", "not_near"):
        if key in rule:
            out[key] = re.compile(rule[key])
    if "before" in rule:  # words that must end right before the number
        out["before"] = re.compile(rf"(?:{rule['before']})$")
    if "unit" in rule:
        out["unit"] = re.compile(rf"(?:{rule['unit']})")
    return out


@lru_cache(maxsize=4)
def load_catalogue(path: str | None = None) -> Catalogue:
    """The indicator catalogue (``cchc_nlp/data/indicators.json``), compiled."""
    data = json.loads(Path(path or DATA_PATH).read_text("utf-8"))
    inds: dict[str, Indicator] = {}
    for i, row in enumerate(data["indicators"]):
        table = []
        for item in row.get("table", []):
            if isinstance(item, dict):
                table.append((_norm_label(item["label"]), re.compile(item["context"])))
            else:
                table.append((_norm_label(item), None))
        inds[row["id"]] = Indicator(
            id=row["id"], area=row["area"], label_vi=row["label_vi"], unit=row["unit"],
            kind=row["kind"], table=table,
            narrative=[_compile_rule(r) for r in row.get("narrative", [])],
            rate=row.get("rate"), plan=row.get("plan"), numerator=row.get("numerator"),
            denominator=row.get("denominator"), codes=row.get("codes", {}), order=i,
        )
    frames = {k: re.compile(v) for k, v in data.get("frames", {}).items()}
    return Catalogue(inds, frames, data.get("sums", []))


# --------------------------------------------------------------------------
# table rows
# --------------------------------------------------------------------------

_STT_CELL_RE = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?$")
_TRONG_DO_RE = re.compile(r"^trong do\b")
#: one number token as written in a value cell or sentence
_NUM_TOKEN_RE = re.compile(r"(?<![\w.,])[+-]?\d+(?:[.,]\d+)*(?:[ \t]?%)?")
_LEGEND_RE = re.compile(  # "Có = 1;", "Chưa có = 0", "2 cấp = 1", "Có ban hành hoặc triển khai KH = 1"
    rf"(?:(?<=\s)|^)(?:\d[ \t]+[^\W\d_]+|[{UPPER}][^\W\d_]*)"
    rf"(?:[ \t]+(?:[{LOWER}][^\W\d_]*|[{UPPER}]{{2,}}))*\s*=[ \t]*\d+[ \t]*;?"
)
#: units written in the "Đơn vị tính" column (folded), longest first
_TABLE_UNITS = sorted([
    "%", "nhiem vu", "van ban", "thu tuc", "tthc", "ho so", "nguoi", "van de", "so luong ho so",
    "so luong", "phieu", "don vi", "co quan, don vi", "co quan", "trieu dong", "nghin dong",
    "ty dong", "dong", "bo phan", "bo phan, cong chuc cm", "bo phan, chuyen mon", "pakn", "nt",
    "so ho so da giai quyet", "cb,cc", "so luong cb,cc", "truong hop", "lan", "cuoc", "tin bai",
], key=len, reverse=True)
_COUNT_UNITS = {"nhiem vu", "van ban", "thu tuc", "tthc", "ho so", "nguoi", "van de", "so luong ho so",
                "phieu", "don vi", "co quan", "co quan, don vi", "pakn", "so ho so da giai quyet"}


#: an upper-case abbreviation that carries a unit on ("CB,CC", "HS", "TTHC")
_ABBREVIATION_RE = re.compile(rf"[{UPPER}]{{2,}}(?:\s*,\s*[{UPPER}]{{2,}})*(?![{LOWER}\w])")


@dataclass
class _Row:
    stt: str
    label: str  # as written, STT and legend excluded
    label_start: int
    unit: str  # as written
    values: list[tuple[str, int, int]]  # (token, start, end) in report.text
    roles: list[str]  # "value" | "total" | "done" | "rate", one per value
    legend: bool
    parent: str = ""  # label of the enclosing numbered row
    extra_label: str = ""  # PDF: label words that followed the value


def _is_upper(c: str) -> bool:
    return c.isalpha() and c.isupper()


def _column_roles(lines: list[str]) -> dict[int, str]:
    """Column index -> role from the header lines of a tab-separated table."""
    roles: dict[int, str] = {}
    for line in lines:
        cells = [fold_in_place(c).strip() for c in line.split("\t")]
        if not any(("don vi" in c or "so lieu" in c or "ty le" in c or "ghi chu" in c) for c in cells):
            continue
        for i, c in enumerate(cells):
            if "so lieu tong" in c:
                roles[i] = "total"
            elif "da thuc hien" in c:
                roles[i] = "done"
            elif c.startswith("ty le"):
                roles[i] = "rate"
            elif c.startswith("don vi"):
                roles[i] = "unit"
            elif c.startswith("so lieu") or c.startswith("so luong") or c.startswith("ket qua"):
                roles.setdefault(i, "value")
            elif c.startswith("ghi chu"):
                roles[i] = "note"
    return roles


def _tsv_rows(text: str, start: int, end: int) -> list[_Row]:
    region = text[start:end]
    lines, pos = [], start
    for line in region.split("\n"):
        lines.append((line, pos))
        pos += len(line) + 1
    header = [ln for ln, _ in lines[:8] if "\t" in ln and not _STT_CELL_RE.match(ln.split("\t")[0].strip())]
    roles = _column_roles(header)
    unit_col = next((i for i, r in roles.items() if r == "unit"), 2)
    multi = [i for i, r in sorted(roles.items()) if r in ("total", "done", "rate")]
    if multi:
        value_cols = [(i, roles[i]) for i in multi]
    else:
        vcol = next((i for i, r in sorted(roles.items()) if r == "value" and i > unit_col), unit_col + 1)
        value_cols = [(vcol, "value")]
    rows: list[_Row] = []
    for line, off in lines:
        if "\t" not in line:
            continue
        cells, p = [], off
        for c in line.split("\t"):
            cells.append((c, p))
            p += len(c) + 1
        first = cells[0][0].strip()
        if _STT_CELL_RE.match(first):
            stt, label_i = first.rstrip("."), 1
        elif _TRONG_DO_RE.match(fold_in_place(first)):
            stt, label_i = "Trong đó", 1
        elif first == "":
            stt, label_i = "", 1
        else:  # a row whose empty STT cell was lost: the label is in the first cell
            stt, label_i = "", 0
        shift = label_i - 1
        if len(cells) <= label_i:
            continue
        label, lstart = cells[label_i]
        lead = len(label) - len(label.lstrip())
        label, lstart = label.strip(), lstart + lead
        if not label or _STT_CELL_RE.match(label):
            continue
        ucol = unit_col + shift
        unit = cells[ucol][0].strip() if 0 <= ucol < len(cells) else ""
        values, vroles = [], []
        for col, role in value_cols:
            c = col + shift
            if 0 <= c < len(cells):
                raw, cpos = cells[c]
                tok = raw.strip()
                if tok:
                    s = cpos + raw.index(tok)
                    values.append((tok, s, s + len(tok)))
                    vroles.append(role)
        rows.append(_Row(stt=stt, label=label, label_start=lstart, unit=unit, values=values,
                         roles=vroles, legend="=" in unit))
    return rows


_PDF_STT_LINE_RE = re.compile(r"(?m)^[ \t]*(\d{1,2}(?:\.\d{1,2}){0,3}\.?)(?=[ \t]+\S)")
_PDF_STT_MID_RE = re.compile(r"(?<=[ \t])(\d{1,2}(?:\.\d{1,2}){1,3}\.)(?=[ \t]*(?:\n|$)|[ \t]+\S)")
_PDF_TOP_MID_RE = re.compile(r"(?<=[ \t])(\d{1,2})\.?(?=[ \t]+\S)")
_PDF_HEADER_RE = re.compile(r"(?m)^[ \t]*(?:STT|Stt|TT)\b[^\n]*")
_PDF_LABEL_START_RE = re.compile(
    r"(?<=\s)(?:Số|Tổng số|Tỷ lệ|Tỉ lệ|Trong đó|Tiếp nhận|Trả|Giải quyết|Kế hoạch|Đã thực hiện)(?=[\s])")


def _unit_at(ftext: str, i: int) -> str | None:
    """The table unit (folded) starting at ``ftext[i]``, if any."""
    for u in _TABLE_UNITS:
        if ftext.startswith(u, i):
            j = i + len(u)
            if j == len(ftext) or not ftext[j].isalnum():
                return u
    return None


def _pdf_rows(text: str, start: int, end: int) -> list[_Row]:
    region = text[start:end]
    fregion = fold_in_place(region)
    multi = "so lieu da thuc hien" in fregion or "so lieu tong" in fregion
    cuts: dict[int, str] = {}  # offset in region -> "stt:<n>" | "trong_do" | "label" | "header"
    for m in _PDF_STT_LINE_RE.finditer(region):
        nxt = region[m.end():].lstrip(" \t")[:1]
        if nxt and (_is_upper(nxt) or nxt == "("):
            cuts[m.start(1)] = "stt:" + m.group(1).rstrip(".")
    for m in _PDF_STT_MID_RE.finditer(region):
        nxt = region[m.end():].lstrip(" \t\n")[:1]
        if not nxt or _is_upper(nxt):
            cuts.setdefault(m.start(1), "stt:" + m.group(1).rstrip("."))
    # a top-level STT glued to the end of the previous row ("% 5 Cải cách chế độ công vụ",
    # "Nhiệm vụ 5 Thực hiện nhiệm vụ …"): accepted when it is the next number in sequence
    tops = sorted((k, int(v[4:])) for k, v in cuts.items() if v.startswith("stt:") and v[4:].isdigit())
    for m in _PDF_TOP_MID_RE.finditer(region):
        nxt = region[m.end():].lstrip(" \t")
        # a row label ("Số …", "Tổng số …", "Tỷ lệ …") after a number means the number was a value
        if m.start(1) in cuts or not _is_upper(nxt[:1]) or re.match(r"(Số|Tổng|Tỷ|Tỉ)\b", nxt):
            continue
        # … and only right after a value, a "%" or a unit cell ("mức độ 4 Thủ tục" is no STT)
        prev = fregion[max(0, m.start(1) - 40):m.start(1)].rstrip()
        if not (re.search(r"(\d|%|;)$", prev) or any(prev.endswith(u) for u in _TABLE_UNITS)):
            continue
        before = [n for k, n in tops if k < m.start(1)]
        if int(m.group(1)) == (before[-1] + 1 if before else 2) or (not before and m.group(1) == "1"):
            cuts[m.start(1)] = "stt:" + m.group(1)
            tops = sorted(tops + [(m.start(1), int(m.group(1)))])
    # repeated column headers (a new page of the table) end the row before them
    for m in _PDF_HEADER_RE.finditer(region):
        cuts[m.start()] = "header"
    for m in _PDF_LABEL_START_RE.finditer(region):
        i = m.start()
        if i in cuts:
            continue
        if fregion.startswith("trong do", i):
            cuts[i] = "trong_do"
            continue
        # "Số lượng 250", "Số lượng\nCB,CC", "Số lượng HS" are units, not new labels
        u = _unit_at(fregion, i)
        if u:
            after = region[i + len(u):].lstrip(" \t")
            if not after or after[0] in "\n" or after[0].isdigit() or _ABBREVIATION_RE.match(after):
                continue
        prev = region[:i].rstrip()
        if not prev:
            continue
        # a new label after a unit or a value, or at the start of a line
        tail = fold_in_place(prev[-30:])
        line_start = region[:i].rstrip(" \t").endswith("\n")
        after_unit = any(tail.endswith(u) for u in _TABLE_UNITS)
        after_value = bool(re.search(r"\d%?$", prev)) or prev.endswith(";")
        if line_start or after_unit or after_value:
            cuts[i] = "label"
    # a label right after a bare STT ("1.2.1.\nTỷ lệ …") belongs to that STT
    order = sorted(cuts)
    for a, b in zip(order, order[1:]):
        if a in cuts and cuts[a].startswith("stt:") and cuts[b] == "label" and \
                re.fullmatch(r"[ \t]*\d{1,2}(?:\.\d{1,2}){0,3}\.?\s*", region[a:b]):
            del cuts[b]
    order = sorted(cuts)
    rows: list[_Row] = []
    for k, cut in enumerate(order):
        seg_end = order[k + 1] if k + 1 < len(order) else len(region)
        kind = cuts[cut]
        seg = region[cut:seg_end]
        if kind == "header":
            continue
        if kind == "trong_do":
            rows.append(_Row(stt="Trong đó", label="", label_start=start + cut, unit="", values=[],
                             roles=[], legend=False))
            # "Trong đó Tiếp nhận trực tiếp Số lượng hồ sơ 0": the first child row follows
            row = _parse_flat_row(region, cut + len("Trong đó"), seg_end, start, multi)
            if row is not None:
                rows.append(row)
            continue
        stt = ""
        body_off = cut
        if kind.startswith("stt:"):
            stt = kind[4:]
            m = re.match(r"[ \t]*\d{1,2}(?:\.\d{1,2}){0,3}\.?[ \t\n]*", seg)
            body_off = cut + m.end()
        row = _parse_flat_row(region, body_off, seg_end, start, multi)
        if row is None:
            continue
        row.stt = stt
        rows.append(row)
    return rows


def _parse_flat_row(region: str, s: int, e: int, base: int, multi: bool = False) -> _Row | None:
    """One PDF row ``region[s:e]``: label, unit, value(s), legend."""
    seg = region[s:e]
    lead = len(seg) - len(seg.lstrip())
    if not seg.strip():
        return None
    # legend items ("Có = 1;", "Chưa có = 0", "2 cấp = 1") blanked out, offsets kept
    legend = False
    chars = list(seg)
    for m in _LEGEND_RE.finditer(seg):
        legend = True
        for j in range(m.start(), m.end()):
            if chars[j] not in "\n":
                chars[j] = " "
    clean = "".join(chars)
    fclean = fold_in_place(clean)
    # the unit: first unit token (not at the label start) followed by a value, a
    # unit, a line end or the end of the row
    unit, ustart, uend = "", -1, -1
    i = lead + 1
    while i < len(clean):
        if (clean[i - 1].isspace() or clean[i - 1] in ")") and (_is_upper(clean[i]) or clean[i] == "%"):
            u = _unit_at(fclean, i)
            if u:
                rest = clean[i + len(u):]
                r = rest.lstrip(" \t,")
                # fold_in_place() keeps offsets: the folded rest is fclean from the same place
                if not r or r[0] == "\n" or r[0].isdigit() or r[0] in "%-" \
                        or _unit_at(fclean, len(clean) - len(r)):
                    unit, ustart, uend = clean[i:i + len(u)], i, i + len(u)
                    break
        i += 1
    values: list[tuple[str, int, int]] = []
    extra = ""
    if ustart >= 0:
        label_end = ustart
        j = uend
        # repeated unit ("Văn bản Văn bản 0")
        while True:
            r = clean[j:]
            k = len(r) - len(r.lstrip(" \t\n,"))
            u2 = _unit_at(fclean, j + k) if r[k:k + 1] and (_is_upper(r[k]) or r[k] == "%") else None
            if u2:
                unit = clean[j + k:j + k + len(u2)]  # the last unit cell read is the row's unit
                j += k + len(u2)
            else:
                break
        while len(values) < (3 if multi else 1):
            m = re.match(r"[ \t\n,]*([+-]?\d+(?:[.,]\d+)*(?:[ \t]?%)?)(?![\w/])", clean[j:])
            if not m:
                break
            tok = m.group(1)
            vs = j + m.start(1)
            values.append((tok, base + s + vs, base + s + vs + len(tok)))
            j += m.end()
        after = clean[j:].strip()
        if values and after and after[0].islower():
            extra = after
    else:
        # no unit: a value at the very end of the row ("… ngạch công chức 19", "… 168%")
        m = re.search(r"(?<=\s)([+-]?\d+(?:[.,]\d+)*(?:[ \t]?%)?)\s*$", clean)
        if m and re.search(r"(phien ban|nam|muc do|giai doan|so)\s*$", fclean[:m.start(1)]):
            m = None  # "phiên bản 2.0", "năm 2015": part of the label
        if m:
            tok = m.group(1)
            values.append((tok, base + s + m.start(1), base + s + m.start(1) + len(tok)))
            label_end = m.start(1)
        else:
            label_end = len(clean.rstrip())
    label = clean[lead:label_end].strip()
    if not label:
        return None
    roles = ["total", "done", "rate"][:len(values)] if multi and len(values) > 1 else ["value"] * len(values)
    return _Row(stt="", label=" ".join(label.split()), label_start=base + s + lead, unit=unit,
                values=values, roles=roles, legend=legend, extra_label=extra)


_DISTRICT_SCOPE_RE = re.compile(r"\bcap huyen\b|\bso nganh\b")
_COMMUNE_SCOPE_RE = re.compile(r"\bcap xa\b")


def _match_label(cat: Catalogue, label: str, parent: str, want_rate: bool) -> Indicator | None:
    """The catalogue indicator a row label names: the longest synonym wins."""
    best, best_len = None, 0
    padded = f" {label} "
    for ind in cat.indicators.values():
        if (ind.kind == "rate") != want_rate:
            continue
        for phrase, context in ind.table:
            if not phrase or f" {phrase} " not in padded:
                continue
            if context is not None and not (context.search(parent) or context.search(label)):
                continue
            n = len(phrase) + (5 if context is not None else 0)
            if n > best_len:
                best, best_len = ind, n
    return best


def _table_metrics(report: Report, cat: Catalogue, malformed: list,
                   blanks: list | None = None) -> list[Metric]:
    """The figures of the report's appendix tables; ``blanks`` (when given) receives
    ``(start, end, label)`` of every figure row the catalogue knows that gives no value."""
    text = report.text
    out: list[Metric] = []
    for t in report.tables:
        if t.in_narrative:
            continue  # not a statistics appendix
        tsv = t.source != "pdf-lines"
        rows = _tsv_rows(text, t.start, t.end) if tsv else _pdf_rows(text, t.start, t.end)
        numbered: dict[str, str] = {}
        last_numbered = ""
        for row in rows:
            if row.stt and row.stt != "Trong đó":
                parts = row.stt.split(".")
                parent = ""
                for k in range(len(parts) - 1, 0, -1):
                    if ".".join(parts[:k]) in numbered:
                        parent = numbered[".".join(parts[:k])]
                        break
                numbered[row.stt] = row.label
                last_numbered = row.label
                row.parent = parent
            else:
                row.parent = last_numbered
            if not row.label:
                continue
            if not row.values:
                if blanks is not None and (row.unit.strip() or row.legend) and _known_row(cat, row):
                    blanks.append((row.label_start, row.label_start + len(row.label), row.label))
                continue
            out.extend(_row_metrics(report, cat, row, malformed))
    return out


def _known_row(cat: Catalogue, row: _Row) -> bool:
    """Whether the catalogue knows the row as one of the report's figures (a commune's)."""
    label = _norm_label(row.label + (" " + row.extra_label if row.extra_label else ""))
    parent = _norm_label(row.parent)
    scope = f"{label} {parent}"
    if _DISTRICT_SCOPE_RE.search(scope) and not _COMMUNE_SCOPE_RE.search(scope):
        return False
    want_rate = label.startswith("ty le") or label.startswith("ti le")
    return (_match_label(cat, label, parent, want_rate) or _match_label(cat, label, parent, False)) is not None


def blank_rows(report: Report, catalogue: Catalogue | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of every appendix row the catalogue knows as a figure
    (it has a unit or a code legend) whose value cells are all empty, in text order.

    Example:
        >>> from cchc_nlp.pipeline import parse
        >>> r = parse("corpus/reports/003_29ff7cf71591a7d7.txt")
        >>> [label[:40] for _, _, label in blank_rows(r)][:1]
        ['Tỷ lệ hoàn thành Kế hoạch CCHC năm (<i>Lũy']
    """
    return _extract(report, catalogue).blank_rows


def _row_metrics(report: Report, cat: Catalogue, row: _Row, malformed: list) -> list[Metric]:
    label = _norm_label(row.label + (" " + row.extra_label if row.extra_label else ""))
    parent = _norm_label(row.parent)
    scope = f"{label} {parent}"
    if _DISTRICT_SCOPE_RE.search(scope) and not _COMMUNE_SCOPE_RE.search(scope):
        return []
    want_rate = label.startswith("ty le") or label.startswith("ti le")
    ind = _match_label(cat, label, parent, want_rate)
    if ind is None and not want_rate:
        return []
    if ind is None:  # "Tỷ lệ …" rows the catalogue only knows as counts
        ind = _match_label(cat, label, parent, False)
        if ind is None:
            return []
    unit_f = _norm_label(row.unit).replace(" ", "")
    vals: dict[str, tuple[Decimal, str, int, int]] = {}
    for (tok, s, e), role in zip(row.values, row.roles):
        v = read_number(tok)
        if isinstance(v, MalformedNumber):
            malformed.append((s, e, v))
            continue
        if v is None:
            continue
        vals.setdefault(role, (v, tok, s, e))
    if not vals:
        return []
    out: list[tuple[str, Decimal, int, str]] = []  # (indicator, value, end, token)

    def emit(ind_id: str | None, entry):
        if ind_id and entry:
            out.append((ind_id, entry[0], entry[3], entry[1]))

    if set(vals) == {"total"}:
        vals = {"value": vals["total"]}
    if "total" in vals or "done" in vals or "rate" in vals:  # Số liệu tổng | đã thực hiện | Tỷ lệ
        if ind.kind == "rate":
            emit(ind.id, vals.get("rate"))
            emit(ind.numerator, vals.get("done"))
            emit(ind.denominator, vals.get("total"))
        else:
            emit(ind.id, vals.get("done") or vals.get("total"))
    else:
        entry = vals["value"]
        is_pct = entry[1].rstrip().endswith("%")
        count_unit = unit_f and unit_f not in ("%",) and "=" not in row.unit and any(
            unit_f == u.replace(" ", "") for u in _COUNT_UNITS)
        if ind.kind == "code":
            if entry[0] == entry[0].to_integral_value():
                emit(ind.id, entry)
        elif ind.kind == "rate" and count_unit and ind.denominator \
                and entry[0] == entry[0].to_integral_value():
            emit(ind.denominator, entry)  # "Tỷ lệ văn bản … | Văn bản | 192": the count, not a rate
        elif ind.kind != "rate" and is_pct:
            emit(ind.rate, entry)
        elif ind.kind != "code" and row.legend:
            return []  # a coded answer on a row the catalogue does not know as coded
        else:
            emit(ind.id, entry)
    metrics = []
    for ind_id, value, end, tok in out:
        target = cat[ind_id]
        if target.kind == "money":
            scale = money_scale(row.unit) if row.unit else None
            value = value * (scale if scale is not None else Decimal(10) ** 6)  # forms count money in triệu
        metrics.append(Metric(indicator=ind_id, value=_clean(value), unit=target.unit, source="table",
                              start=row.label_start, end=end))
    return metrics


# --------------------------------------------------------------------------
# narrative
# --------------------------------------------------------------------------

_OUT_OF_SCOPE_RE = re.compile(
    r"tham quyen giai quyet cua (ubnd |uy ban nhan dan )?(cap )?(huyen|tinh)|thuoc tham quyen (cua )?(cap )?(huyen|tinh)")
#: things that are numbers but never figures: dates, document numbers, years, versions…
_MASK_RES = [re.compile(p) for p in (
    r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4}",
    r"ngay \d{1,2} thang \d{1,2} nam \d{4}",
    r"\d+(?:\s*/\s*\d+)*\s*/\s*[a-z]",                 # 61/2018/nd-cp, 05/ct-ubnd, 126/ubnd- nv
    r"\d+\s*-\s*(?:nq|qd|ct|kh|tb)\b",                # 18- nq/tw
    r"\b(?:nam|giai doan|nhiem ky|ky|khoa|dot|nam hoc)\s+\d{4}(?:\s*[-–]\s*\d{2,4})?",
    r"\b(?:19|20)\d{2}\s*[-–]\s*(?:19|20)?\d{2,4}",
    r"\b(?:19|20)\d{2}\b(?!\s*(?:ho so|hs|tthc|thu tuc|nguoi|van ban|phieu|tin|trieu|ty|dong|d\b|%|luot|cuoc))",
    r"\d+\s*:\s*\d{4}",                               # iso 9001:2015
    r"\d+\s*thang\b", r"\bthang\s+\d{1,2}", r"\bngay\s+\d{1,2}\b", r"\bquy\s+\d\b",
    r"muc do\s*\d(?:\s*(?:,|va)\s*(?:muc do\s*)?\d)*",
    r"\b(?:quay so|phong so|dieu|khoan|thon|to|loai|lan thu|phien ban|cong nghiep|version|so nha)\s+\d+(?:\.\d+)?",
    r"\d+\s*m2\b", r"\d+\s*km\b", r"\b\d+\.0\b",
    r"https?://\S+",
)]
_UNITS_AFTER = sorted([
    "%", "phan tram", "ho so", "hs", "tthc", "thu tuc hanh chinh", "thu tuc", "van ban quy pham phap luat",
    "van ban qppl", "vbqppl", "van ban", "luot nguoi", "luot can bo, cong chuc", "luot can bo cong chuc",
    "luot", "nguoi", "dong chi", "trieu dong", "ty dong", "ti dong", "nghin dong", "ngan dong", "dong",
    "ty", "ti", "trieu", "nghin", "tin, bai", "tin bai", "bai viet", "tin", "bai", "cuoc", "buoi",
    "nhiem vu", "hoat dong", "y kien", "linh vuc", "phieu", "truong hop", "thu", "can bo, cong chuc",
    "van de", "don vi", "co quan, don vi", "co quan", "xa, phuong, thi tran", "xa, thi tran", "xa, phuong",
    "xa", "phong", "lan",
], key=len, reverse=True)
_UNIT_ALIASES = {  # catalogue unit -> units a sentence may write after the number ("" = none)
    "hồ sơ": {"ho so", "hs", ""}, "TTHC": {"tthc", "thu tuc", "thu tuc hanh chinh"},
    "văn bản": {"van ban", "vbqppl", "van ban quy pham phap luat", "van ban qppl", ""},
    "người": {"nguoi", "dong chi", "luot nguoi", "luot"}, "%": {"%", "phan tram"},
    "nhiệm vụ": {"nhiem vu", "y kien"}, "tin bài": {"tin bai", "tin, bai", "tin", "bai", "bai viet"},
    "cuộc": {"cuoc", "buoi"}, "lĩnh vực": {"linh vuc"}, "hoạt động": {"hoat dong"}, "phiếu": {"phieu"},
    "trường hợp": {"truong hop", "thu"}, "PAKN": {""}, "đơn vị": {"don vi", "co quan"},
    "vấn đề": {"van de"},
}
_MONEY_UNITS = {"trieu dong", "ty dong", "ti dong", "nghin dong", "ngan dong", "dong", "d", "ty", "ti",
                "trieu", "nghin"}
_FILLER_RE = re.compile(r"(?:[\s:=,\-–.(]+|\b(?:la|co|duoc|dat|chiem|bang|tuong duong|khoang|tren|gan|hon)\b)+$")
_LINK_RE = re.compile(  # "…, đạt 88,2%", "chiếm 100 %", "= 99,8%", "trong kế hoạch, đạt tỷ lệ 58,97%"
    r"^[\s,(]*(?:(?:trong ke hoach|trong ky|so voi ke hoach|so voi du toan)[\s,]*)?"
    r"(?:dat|chiem|bang|=|tuong duong|dat ty le|bang ty le)[\s:]*(?:ty le\s*)?$")
_SENT_SPLIT_RE = re.compile(r"\n|(?<=[.!?])\s+(?=[^\sa-z0-9])")
_WORD_PCT_RE = re.compile(
    r"\b(?:(?:khong|mot|hai|ba|bon|tu|nam|lam|sau|bay|tam|chin|muoi|muoi|tram|linh|le|nghin|ngan)\s+)+phan tram\b")


@dataclass
class _Tok:
    start: int  # offsets in report.text
    end: int  # end of the number
    text: str
    value: Decimal | MalformedNumber | None
    unit: str  # folded unit written after it, "" if none
    unit_end: int
    pct: bool
    ratio_to: "_Tok | None" = None  # "A/B": B
    in_ratio: bool = False  # this is the B of an "A/B"


def _narrative_units(report: Report) -> list[tuple[int, int]]:
    """Spans of report.text to read as narrative: result paragraphs, with a
    paragraph that starts inside a figure glued back to the one before it."""
    units: list[list[int]] = []
    out_scope = False
    closing = report.closing
    for p in report.paragraphs:
        if closing and closing[0] <= p.start < closing[1]:
            continue
        if in_directions(report, p.start):
            continue
        stripped = p.text.lstrip()
        ftext = fold_in_place(stripped)
        if stripped[:1] in "*-":
            # "* Thủ tục hành chính thuộc thẩm quyền giải quyết của UBND huyện …": a
            # block about procedures the commune only receives, not its own figures
            head = ftext[:160]
            out_scope = bool(_OUT_OF_SCOPE_RE.search(head)) and (stripped[:1] == "*" or len(ftext) < 200) \
                and not re.search(r"cua (ubnd|uy ban nhan dan) (cap )?xa", head)
        elif stripped[:1] != "+":
            out_scope = False
        if out_scope:
            continue
        cont = units and (stripped[:1].islower() or re.match(r"\d[\d.,]*(?!\.\s|\))\S", stripped))
        if cont and units[-1][1] <= p.start and not report.text[units[-1][1]:p.start].strip():
            units[-1][1] = p.end
        else:
            units.append([p.start, p.end])
    return [(s, e) for s, e in units]


def _tokens(text: str, ftext: str, base: int) -> list[_Tok]:
    """Number tokens of one sentence (offsets in report.text), masks applied."""
    masked = [False] * len(ftext)
    for rx in _MASK_RES:
        for m in rx.finditer(ftext):
            for i in range(m.start(), m.end()):
                masked[i] = True
    toks: list[_Tok] = []
    spans = [(m.start(), m.end(), m.group(0)) for m in _NUM_TOKEN_RE.finditer(text)]
    spans += [(m.start(), m.end() - len("phan tram"), text[m.start():m.end() - len("phan tram")])
              for m in _WORD_PCT_RE.finditer(ftext)]
    for s, e, tok in sorted(spans):
        if any(masked[s:e]):
            continue
        pct = tok.rstrip().endswith("%")
        raw = tok.rstrip("% ").strip() if pct else tok.strip()
        if not raw:
            continue
        e_num = s + len(tok)
        # the unit written after it (glued "đ"/"đồng" included)
        rest = ftext[e_num:]
        unit, uend = "", e_num
        if pct:
            unit = "%"
        else:
            m = re.match(r"\s*", rest)
            k = m.end()
            for u in _UNITS_AFTER:
                if rest.startswith(u, k) and (len(rest) == k + len(u) or not rest[k + len(u)].isalnum()):
                    unit, uend = u, e_num + k + len(u)
                    break
            else:
                if rest.startswith("d") and (len(rest) == 1 or not rest[1].isalnum()):
                    unit, uend = "d", e_num + 1
            if unit == "phan tram":
                unit, pct = "%", True
        value = read_number(raw)
        toks.append(_Tok(start=base + s, end=base + s + len(raw),
                         text=raw, value=value, unit=unit, unit_end=base + uend, pct=pct))
    # "A/B" pairs
    for a, b in zip(toks, toks[1:]):
        gap = text[a.unit_end - base:b.start - base] if a.unit_end <= b.start else None
        if gap is not None and gap.strip() == "/" and not a.pct:
            a.ratio_to, b.in_ratio = b, True
            if not a.unit and b.unit and b.unit != "%":
                a.unit = b.unit
        elif a.unit_end > b.start and text[a.end - base:b.start - base].strip() == "/":
            a.ratio_to, b.in_ratio = b, True
    return toks


def _context(ftext: str, base: int, upto: int, toks: list[_Tok], start_at: int = 0):
    """Folded ``text[start_at:upto]`` with every number written as ``#`` and
    spaces collapsed, plus, for each character, its offset in report.text."""
    chars: list[str] = []
    offs: list[int] = []
    num_at = {t.start - base: t.end - base for t in toks}
    i = start_at
    while i < upto:
        if i in num_at:
            chars.append("#")
            offs.append(base + i)
            i = max(i + 1, num_at[i])
            continue
        c = ftext[i]
        if c.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                offs.append(base + i)
        else:
            chars.append(c)
            offs.append(base + i)
        i += 1
    return _spelling("".join(chars)), offs


_SPELLING = [(re.compile(r"\bti le\b"), "ty le"), (re.compile(r"\bhen\b"), "han")]


def _spelling(ftext: str) -> str:
    """Spelling variants the rules need not know (same length): ``tỉ lệ`` is
    ``tỷ lệ``, ``đúng hẹn``/``trễ hẹn`` are ``đúng hạn``/``trễ hạn``."""
    for rx, rep in _SPELLING:
        ftext = rx.sub(rep, ftext)
    return ftext


def _unit_ok(rule: dict, ind: Indicator, tok: _Tok) -> tuple[bool, int]:
    if ind.kind == "code":
        return False, 0
    if ind.kind == "rate":
        return tok.pct or (tok.ratio_to is not None and ind.numerator is not None), 0
    if tok.pct:
        return False, 0
    if ind.kind == "money":
        return tok.unit in _MONEY_UNITS, 0
    if tok.unit in _MONEY_UNITS:
        return False, 0
    if "unit" in rule:
        return bool(rule["unit"].fullmatch(tok.unit)), (4 if tok.unit else 0)
    return tok.unit in _UNIT_ALIASES.get(ind.unit, {""}), 0


def _frame_of(cat: Catalogue, left: str) -> str | None:
    best, best_key = None, (-1, 0)
    for name, rx in cat.frames.items():
        last = None
        for m in rx.finditer(left):
            last = m
        if last is not None:
            key = (last.end(), last.end() - last.start())
            if key > best_key:
                best, best_key = name, key
    return best


def _classify(cat: Catalogue, tok: _Tok, left: str, right: str, sentence: str):
    """Best (indicator, rule, before-match, after-match) for one number."""
    stripped = _FILLER_RE.sub("", left)
    frame = _frame_of(cat, left)
    best = None
    best_score = 0.0
    for ind in cat.indicators.values():
        for rule in ind.narrative:
            ok, uscore = _unit_ok(rule, ind, tok)
            if not ok:
                continue
            score = uscore + rule.get("weight", 0)
            conditions = 0
            bm = am = None
            if "before" in rule:
                bm = rule["before"].search(stripped)
                if bm is None:
                    continue
                score += len(bm.group(0)) + 1
                conditions += 1
            if "after" in rule:
                am = rule["after"].match(right)
                if am is None:
                    continue
                score += len(am.group(0)) + 1
                conditions += 1
            if "frame" in rule:
                if frame != rule["frame"]:
                    continue
                score += 8
                conditions += 1
            if "near" in rule:
                if not rule["near"].search(sentence):
                    continue
                score += 3
                conditions += 1
            if "not_near" in rule and rule["not_near"].search(sentence):
                continue
            if "unit" in rule and tok.unit:
                conditions += 1
            if not conditions:
                continue
            if score > best_score or (score == best_score and best and ind.order < best[0].order):
                best, best_score = (ind, rule, bm, am), score
    return best


def _narrative_metrics(report: Report, cat: Catalogue, malformed: list) -> list[Metric]:
    text = report.text
    out: list[Metric] = []
    for us, ue in _narrative_units(report):
        unit_text = text[us:ue]
        for s, e in _sentences(unit_text):
            piece = unit_text[s:e]
            if not any(ch.isdigit() for ch in piece) and "phần trăm" not in piece:
                continue
            out.extend(_sentence_metrics(report, cat, piece, us + s, malformed))
    return out


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: a break at ``. `` before a capital or digit, and at a line
    break unless the line runs on (``… vốn đầu tư công:\n4.464.006.000đồng``)."""
    spans, start = [], 0
    for m in _SENT_SPLIT_RE.finditer(text):
        nxt = text[m.end():m.end() + 1]
        if m.group(0) == "\n":
            prev = text[:m.start()].rstrip()[-1:]
            if nxt and (nxt.islower() or (nxt.isdigit() and prev not in ".;!?")):
                continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _sentence_metrics(report: Report, cat: Catalogue, sent: str, base: int, malformed: list) -> list[Metric]:
    fsent = fold_in_place(sent)
    toks = _tokens(sent, fsent, base)
    whole, _ = _context(fsent, base, len(sent), toks)
    emitted: list[tuple[Metric, Indicator]] = []
    last: list[tuple[Metric, Indicator]] = []  # what the previous number stated
    prev_end = 0
    for tok in toks:
        if isinstance(tok.value, MalformedNumber):
            malformed.append((tok.start, tok.end, tok.value))
        if tok.in_ratio:
            prev_end = tok.unit_end - base
            continue
        value = tok.value if isinstance(tok.value, Decimal) else None
        left, loffs = _context(fsent, base, tok.start - base, toks)
        short, _ = _context(fsent, base, tok.start - base, toks, start_at=prev_end)
        right = _spelling(" ".join(fsent[tok.unit_end - base:].split()))
        prev_end = tok.unit_end - base
        if value is None:
            continue
        results: list[tuple[str, Decimal, int, int]] = []  # (indicator, value, start, end)
        # "… 531 HS đạt 100%": the rate of the figure just before
        if tok.pct and last and _LINK_RE.match(short):
            for last_metric, last_ind in last:
                if last_ind.rate:
                    results.append((last_ind.rate, value, last_metric.start, tok.unit_end))
                    break
        if not results:
            best = _classify(cat, tok, left, right, whole)
            if best is None:
                continue
            ind, rule, bm, am = best
            start = tok.start
            if bm is not None:  # the evidence starts at the cue
                stripped = _FILLER_RE.sub("", left)
                k = bm.start()
                while k < len(stripped) and stripped[k] in " ,;(-+":
                    k += 1
                if k < len(loffs):
                    start = loffs[k]
            end = tok.unit_end
            if am is not None and am.group(0):  # … and ends after the cue that follows
                tail = fsent[tok.unit_end - base:]
                j = 0
                for w in am.group(0).split():
                    j2 = tail.find(w, j)
                    if j2 < 0:
                        break
                    j = j2 + len(w)
                end = tok.unit_end + j
            own = value * (money_scale(tok.unit) or 1) if ind.kind == "money" else value
            b = tok.ratio_to
            if b is not None and isinstance(b.value, Decimal) and ind.kind == "rate" and ind.numerator:
                # "Tỷ lệ … đạt: 3.996/4.001 = 99,8%": numerator and denominator
                results.append((ind.numerator, value, start, tok.unit_end))
                if ind.denominator:
                    results.append((ind.denominator, b.value, b.start, b.unit_end))
            else:
                results.append((ind.id, own, start, end))
                for also in rule.get("also", []):
                    results.append((also, own, start, end))
                if b is not None and isinstance(b.value, Decimal) and ind.plan:
                    # "10.379.376.539đ/6.175.930.000 đồng": the figure and its plan
                    bval = b.value * (money_scale(b.unit or tok.unit) or 1) if ind.kind == "money" else b.value
                    results.append((ind.plan, bval, b.start, b.unit_end))
        last = []
        for ind_id, v, s, e in results:
            target = cat[ind_id]
            m = Metric(indicator=ind_id, value=_clean(Decimal(v)), unit=target.unit, source="narrative",
                       start=s, end=e)
            emitted.append((m, target))
            last.append((m, target))
    return [m for m, _ in emitted]


# --------------------------------------------------------------------------
# entry points
# --------------------------------------------------------------------------


class Figures(NamedTuple):
    """What :func:`extract_figures` reads in one pass over a report."""

    metrics: list[Metric]
    malformed: list[tuple[int, int, MalformedNumber]]
    blank_rows: list[tuple[int, int, str]]  # :func:`blank_rows`


def _extract(report: Report, catalogue: Catalogue | None = None) -> Figures:
    cat = catalogue or load_catalogue()
    malformed: list[tuple[int, int, MalformedNumber]] = []
    blanks: list[tuple[int, int, str]] = []
    metrics = _table_metrics(report, cat, malformed, blanks) + _narrative_metrics(report, cat, malformed)
    seen, out = set(), []
    for m in metrics:
        key = (m.indicator, m.value, m.source, m.start, m.end)
        if key in seen or not (0 <= m.start < m.end <= len(report.text)):
            continue
        seen.add(key)
        out.append(m)
    out.sort(key=lambda m: (m.start, m.end, m.indicator))
    mal = sorted({(s, e, v) for s, e, v in malformed}, key=lambda x: x[0])
    return Figures(out, mal, sorted(set(blanks)))


def extract_metrics(report: Report, catalogue: Catalogue | None = None) -> list[Metric]:
    """Every figure the report states, from its appendix tables and its
    narrative, in text order.  ``report.text[m.start:m.end]`` is the evidence.

    Example:
        >>> from cchc_nlp.pipeline import parse
        >>> r = parse("corpus/reports/003_29ff7cf71591a7d7.txt")
        >>> [(m.value, r.text[m.start:m.end]) for m in extract_metrics(r)
        ...  if m.indicator == "tthc.dossiers_received" and m.source == "narrative"]
        [(Decimal('1157'), 'đã tiếp nhận 1.157 hồ sơ')]
    """
    return _extract(report, catalogue)[0]


def extract_figures(report: Report, catalogue: Catalogue | None = None) -> Figures:
    """``Figures(metrics, malformed, blank_rows)`` in one pass: what :func:`extract_metrics`,
    :func:`malformed_numbers` and :func:`blank_rows` give separately."""
    return _extract(report, catalogue)


def malformed_numbers(report: Report) -> list[tuple[int, int, MalformedNumber]]:
    """Number-like tokens in figure positions that are not well formed
    (``3.000.000.0000đồng``), as ``(start, end, MalformedNumber)``."""
    return _extract(report)[1]
