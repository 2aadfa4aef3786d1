"""Gazetteer of Vietnamese administrative units, before and after 1 July 2025.

Reports name their own unit and its parents in free text ("UBND xã Hoàng Lưu
báo cáo…", "huyện Hoằng Hóa", "UBND tỉnh Thái Nguyên"), often misspelt.  This
module answers three questions about such names, offline:

* :func:`lookup` - which units carry this name?
* :func:`resolve` - given a commune and/or district and/or province as written,
  which unit is meant, in which district and province, and was it spelt the
  official way?
* :func:`find_unit_mentions` - where in a text are units named ("xã X",
  "huyện X", …), and are those names known?

Two maps are loaded: ``"legacy"`` (63 provinces, ~700 districts, ~10,000
communes; the state on 30 June 2025) and ``"2025"`` (34 provinces, no districts,
3,321 communes, wards and special zones), together with the official mapping
from every legacy commune to its 2025 successor (:func:`successor`,
:func:`predecessors`).

All data comes from the files bundled with the ``vietnamadminunits`` package
(MIT; see ``docs/gazetteer.md`` for why that package).  We read its SQLite and
JSON files directly instead of importing it: importing it pulls in shapely and
geopy and parses 4 MB of JSON, which costs ~0.4 s and ~60 MB for nothing we use.
The indices are built once, on first use (``functools.cache``), in well under a
second; every lookup after that is a few dict probes.

Three comparison keys are used, from strict to loose:

``exact``
    NFC, one tone-mark placement (``Hoà`` → ``Hòa``, ``Thuỷ`` → ``Thủy``),
    case-folded, whitespace collapsed.  "Hoằng Hoá" is an exact match for
    "Hoằng Hóa"; "Hoàng Lưu" is not one for "Hoằng Lưu".
``folded`` (:func:`name_key`)
    no diacritics, ``đ`` → ``d``, no case, plus two spelling variants that the
    reports mix freely: a syllable-final ``c`` is written ``k`` ("Đắc" ≡ "Đắk")
    and a syllable-final ``y`` after a consonant is written ``i`` ("Kỳ" ≡ "Kì").
    On the bundled data neither variant rule makes two units of one district
    collide.
``alias``
    former or alternative names the package records (as unaccented keys), e.g.
    communes merged into another before July 2025, or "Thừa Thiên Huế" for Huế.
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import json
import re
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import CchcError
from .model import UNIT_KIND_WORDS
from .normalise import fold as strip_diacritics
from .normalise import retone

__all__ = [
    "LEGACY",
    "MAP_2025",
    "GazetteerUnavailable",
    "Mention",
    "Resolution",
    "Respelling",
    "Unit",
    "all_units",
    "find_unit_mentions",
    "name_key",
    "lookup",
    "map_for",
    "normalise_tone",
    "predecessors",
    "resolve",
    "source",
    "spelling_match",
    "split_kind",
    "successor",
]

LEGACY = "legacy"
MAP_2025 = "2025"
#: The day the 34-province map took effect.
REFORM_DATE = date(2025, 7, 1)

SOURCE_PACKAGE = "vietnamadminunits"

#: Kind id -> the Vietnamese word that precedes the name.
KIND_WORDS: dict[str, str] = {
    "tinh": "tỉnh",
    "thanh_pho_tw": "thành phố",
    "huyen": "huyện",
    "quan": "quận",
    "thi_xa": "thị xã",
    "thanh_pho": "thành phố",
    **UNIT_KIND_WORDS,  # the commune level: xã, phường, thị trấn, đặc khu
}
PROVINCE_KINDS = frozenset({"tinh", "thanh_pho_tw"})
DISTRICT_KINDS = frozenset({"huyen", "quan", "thi_xa", "thanh_pho"})
COMMUNE_KINDS = frozenset(UNIT_KIND_WORDS)
LEVEL_KINDS: dict[str, frozenset[str]] = {
    "province": PROVINCE_KINDS,
    "district": DISTRICT_KINDS,
    "commune": COMMUNE_KINDS,
}
_LEVEL_OF_KIND = {k: level for level, kinds in LEVEL_KINDS.items() for k in kinds}
_LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2}
_MAP_ORDER = {LEGACY: 0, MAP_2025: 1}

# Written kind word (case-folded, single-spaced) -> the kinds it can denote
# ("thành phố" is a city of a province or a centrally-run one).
_ABBREVIATIONS = {"tp": "thành phố", "tp.": "thành phố", "tx": "thị xã", "tx.": "thị xã"}
_KINDS_OF_WORD: dict[str, frozenset[str]] = {
    w: frozenset(k for k, kw in KIND_WORDS.items() if kw == w) for w in KIND_WORDS.values()}
_KINDS_OF_WORD.update({a: _KINDS_OF_WORD[w] for a, w in _ABBREVIATIONS.items()})

# Prefixes of the package's unaccented alias keys ("xaquangphu", "huyennamdong").
_ALIAS_PREFIXES: tuple[tuple[str, str], ...] = (
    ("thitran", "thi_tran"),
    ("thixa", "thi_xa"),
    ("thanhpho", "thanh_pho"),
    ("dackhu", "dac_khu"),
    ("phuong", "phuong"),
    ("huyen", "huyen"),
    ("quan", "quan"),
    ("tinh", "tinh"),
    ("xa", "xa"),
)

# Former names the package does not record.  Thừa Thiên Huế became the
# centrally-run Thành phố Huế on 1 January 2025; reports before then say "tỉnh
# Thừa Thiên Huế".
_EXTRA_PROVINCE_ALIASES: dict[str, tuple[tuple[str, str], ...]] = {
    "Huế": (("tinh", "thuathienhue"),),
}


class GazetteerUnavailable(CchcError):
    """The bundled administrative-unit data cannot be found or read."""


# ---------------------------------------------------------------------------
# Result types


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit on one map.

    ``name`` is the official name without the kind word; ``district`` and
    ``province`` are the names of the enclosing units (a district's
    ``district`` and a province's ``province`` are its own name; 2025 units
    have no district).  ``code`` is the GSO code on that map.

    Example: ``Unit("xa", "Hoằng Lưu", "Hoằng Hóa", "Thanh Hóa", "legacy", "15976")``.
    """

    kind: str  # see KIND_WORDS
    name: str  # "Hoằng Lưu"
    district: str | None  # "Hoằng Hóa"; None for provinces and for the 2025 map
    province: str  # "Thanh Hóa"
    map: str  # "legacy" (63 provinces) | "2025" (34 provinces)
    code: str = ""  # GSO code, unique within a map and level

    @property
    def level(self) -> str:
        """``"province"``, ``"district"`` or ``"commune"``."""
        return _LEVEL_OF_KIND[self.kind]

    @property
    def full_name(self) -> str:
        """The name with its kind word, as in a header: ``"Xã Hoằng Lưu"``."""
        word = KIND_WORDS[self.kind]
        return f"{word[0].upper()}{word[1:]} {self.name}"


@dataclass(frozen=True, slots=True)
class Respelling:
    """A name given in a different spelling from the official one.

    ``how`` is ``"folded"`` when only diacritics, case or a spelling variant
    differ ("Hoàng Lưu" for "Hoằng Lưu", "Đắk Glong" for "Đăk Glong") and
    ``"alias"`` when the given name is a former or alternative name
    ("Thừa Thiên Huế" for "Huế").
    """

    level: str  # "commune" | "district" | "province"
    given: str
    official: str
    how: str  # "folded" | "alias"


@dataclass(frozen=True, slots=True)
class Resolution:
    """The most plausible unit(s) for names given at one or more levels.

    ``candidates`` are the units at the lowest level given, all equally
    plausible (best first); ``district``, ``province`` and ``map`` are filled
    in whenever every candidate agrees on them, so an ambiguous commune can
    still yield its province.  ``unmatched`` lists levels whose name matched no
    unit (or none inside the units named at the other levels).
    """

    candidates: tuple[Unit, ...] = ()
    district: str | None = None
    province: str | None = None
    map: str | None = None
    respellings: tuple[Respelling, ...] = ()
    unmatched: tuple[str, ...] = ()

    @property
    def unit(self) -> Unit | None:
        """The unit, when exactly one is plausible."""
        return self.candidates[0] if len(self.candidates) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1

    @property
    def misspelt(self) -> bool:
        """True when some level was given in a spelling other than the official one."""
        return bool(self.respellings)


@dataclass(frozen=True, slots=True)
class Mention:
    """A unit named in text: "xã Hoàng Lưu", "huyện Đắk Glong", "tỉnh Thừa Thiên Huế".

    ``start``/``end`` cover the kind word and the name; ``name_start``/
    ``name_end`` the name alone.  ``units`` are the units the name matches at
    the level of the kind word (same kind first), in the best tier found:
    ``match`` says which (``"exact"``, ``"folded"``, ``"alias"``) or ``None``
    when the name is not a known unit.
    """

    start: int
    end: int
    surface: str  # text[start:end]
    kind: str  # kind id of the word as written; "thanh_pho" for "thành phố"/"TP."
    name: str  # the name, whitespace collapsed: "Hải Dương" for "Hải \nDương"
    name_start: int
    name_end: int
    units: tuple[Unit, ...] = ()
    match: str | None = None

    @property
    def known(self) -> bool:
        return self.match is not None

    @property
    def respelled(self) -> bool:
        """The name is known, but not in its official spelling."""
        return self.match in ("folded", "alias")


# ---------------------------------------------------------------------------
# Normalisation

_APOSTROPHES = re.compile(r"[’‘ʼ`´]")
_DASHES = re.compile(r"\s*[-‐‑‒–—]\s*")
_Y_AS_I = re.compile(r"(?:(?<=[bcdfghklmnprstvx])|(?<=qu))y$")


@functools.lru_cache(maxsize=65536)
def normalise_tone(text: str) -> str:
    """NFC with the tone mark of open oa/oe/uy syllables on the first vowel.

    Args:
        text: any Vietnamese text.

    Returns:
        The text in the tone-mark style of the official names.

    Example:
        >>> normalise_tone("Thuỷ Xuân, Hoà Bình")
        'Thủy Xuân, Hòa Bình'
    """
    return retone(text)


@functools.lru_cache(maxsize=65536)
def _exact_key(name: str) -> str:
    name = _APOSTROPHES.sub("'", unicodedata.normalize("NFC", name))
    name = _DASHES.sub(" - ", name)
    return normalise_tone(" ".join(name.split())).casefold()


def _fold_syllable(token: str) -> str:
    if token.isdigit():
        return str(int(token))  # "Phường 01" is "Phường 1"
    if len(token) > 1 and token.endswith("c"):
        token = token[:-1] + "k"  # Đắc Ha / Đắk Ha / Đăk Ha
    return _Y_AS_I.sub("i", token)


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A comparison key that ignores diacritics, tone placement, case and spelling variants.

    Besides dropping every diacritic (``đ`` becomes ``d``), apostrophes and
    punctuation, two variants are merged: a syllable-final ``c`` is folded to
    ``k`` (ethnic-minority names are written with ``k`` or ``c``: "Đắk",
    "Đăk", "Đắc" all fold to ``dak``) and a final ``y`` after a consonant to
    ``i`` ("Kỳ"/"Kì", "Quy"/"Qui").  Numbers lose leading zeros.

    Args:
        name: a unit name, with or without diacritics.

    Returns:
        Lower-case ASCII syllables joined by single spaces.

    Example:
        >>> name_key("Hoằng Lưu"), name_key("Hoàng Lưu"), name_key("Đắc Ha")
        ('hoang luu', 'hoang luu', 'dak ha')
    """
    bare = _APOSTROPHES.sub("", strip_diacritics(name)).replace("'", "")
    return " ".join(_fold_syllable(t) for t in re.split(r"[^0-9a-z]+", bare) if t)


@functools.lru_cache(maxsize=65536)
def _compact(name: str) -> str:
    # The shape of the package's alias keys: unaccented, no spaces or punctuation.
    return re.sub(r"[^0-9a-z]", "", strip_diacritics(name))


def _distance(a: str, b: str) -> int:
    """Edit distance between two names, counting each diacritic as a character."""
    a = unicodedata.normalize("NFD", _exact_key(a))
    b = unicodedata.normalize("NFD", _exact_key(b))
    if a == b:
        return 0
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


_KIND_PREFIX = re.compile(
    r"^\s*(thị\s+trấn|thị\s+xã|thành\s+phố|đặc\s+khu|xã|phường|huyện|quận|tỉnh|tp\.?|tx\.?)(?:\s+|(?<=\.))(?=\S)",
    re.IGNORECASE,
)


def split_kind(name: str) -> tuple[frozenset[str] | None, str]:
    """Split a leading kind word off a name.

    Args:
        name: a name as written, with or without its kind word.

    Returns:
        ``(kinds, bare_name)``; ``kinds`` is ``None`` when there was no kind word.

    Example:
        >>> split_kind("UBND xã Hoằng Lưu")[1], split_kind("xã Hoằng Lưu")
        ('UBND xã Hoằng Lưu', (frozenset({'xa'}), 'Hoằng Lưu'))
    """
    name = unicodedata.normalize("NFC", name)
    m = _KIND_PREFIX.match(name)
    if not m:
        return None, name.strip()
    word = " ".join(m.group(1).split()).casefold()
    return _KINDS_OF_WORD[word], name[m.end() :].strip()


def _kinds(kind: str | Iterable[str] | None) -> frozenset[str] | None:
    """Accept a kind id, a Vietnamese kind word, a level name or several of them."""
    if kind is None:
        return None
    items = [kind] if isinstance(kind, str) else list(kind)
    out: set[str] = set()
    for item in items:
        key = " ".join(unicodedata.normalize("NFC", item).split()).casefold()
        if key in KIND_WORDS:
            out.add(key)
        elif key in LEVEL_KINDS:
            out |= LEVEL_KINDS[key]
        elif key in _KINDS_OF_WORD:
            out |= _KINDS_OF_WORD[key]
        else:
            raise ValueError(f"unknown unit kind {item!r}: expected one of {sorted(KIND_WORDS)}")
    return frozenset(out)


def _check_map(map: str | None) -> None:
    if map is not None and map not in _MAP_ORDER:
        raise ValueError(f"unknown map {map!r}: expected {LEGACY!r} or {MAP_2025!r}")


def map_for(day: date) -> str:
    """The map in force on a day: ``"2025"`` from 1 July 2025, else ``"legacy"``.

    Example:
        >>> map_for(date(2024, 12, 11))
        'legacy'
    """
    return MAP_2025 if day >= REFORM_DATE else LEGACY


# ---------------------------------------------------------------------------
# Loading


class _Index:
    """Every unit of both maps and the lookup tables over them (built once)."""

    def __init__(self) -> None:
        self.units: list[Unit] = []
        self.exact: dict[str, list[Unit]] = defaultdict(list)
        self.folded: dict[str, list[Unit]] = defaultdict(list)
        self.alias: dict[str, list[tuple[Unit, str | None]]] = defaultdict(list)
        self.aliases_of: dict[Unit, set[tuple[str | None, str]]] = defaultdict(set)
        self.district_of: dict[Unit, Unit] = {}
        self.province_of: dict[Unit, Unit] = {}
        self.successors: dict[Unit, tuple[Unit, ...]] = {}
        self.predecessors: dict[Unit, tuple[Unit, ...]] = {}
        self.version = ""

    def add(self, unit: Unit, aliases: Iterable[tuple[str | None, str]] = ()) -> Unit:
        self.units.append(unit)
        self.exact[_exact_key(unit.name)].append(unit)
        self.folded[name_key(unit.name)].append(unit)
        for kind, key in aliases:
            if key and key != _compact(unit.name):
                self.alias[key].append((unit, kind))
                self.aliases_of[unit].add((kind, key))
        return unit

    def freeze(self) -> None:
        # Plain dicts: a miss must not insert an empty list.
        self.exact = dict(self.exact)
        self.folded = dict(self.folded)
        self.alias = dict(self.alias)
        self.aliases_of = dict(self.aliases_of)


def _data_dir() -> Path:
    spec = importlib.util.find_spec(SOURCE_PACKAGE)  # finds without importing it
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerUnavailable(
            f"chưa cài gói {SOURCE_PACKAGE!r} (danh mục đơn vị hành chính); chạy `pip install {SOURCE_PACKAGE}==1.0.4`"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _parse_aliases(raw: str | None, kinds: frozenset[str]) -> list[tuple[str | None, str]]:
    """Turn the package's alias keys into (kind or None, compact name) pairs.

    Keys come in pairs, prefixed and bare ("xaquangphu", "quangphu"); a prefix
    is only trusted when its bare partner is there too, or when nothing else
    explains the key.
    """
    if not raw:
        return []
    keys = [k for k in json.loads(raw) if isinstance(k, str) and k]
    present = set(keys)
    out: list[tuple[str | None, str]] = []
    explained: set[str] = set()
    for key in keys:
        for prefix, kind in _ALIAS_PREFIXES:
            rest = key[len(prefix) :]
            if kind in kinds and key.startswith(prefix) and rest in present:
                out.append((kind, rest))
                explained.update((key, rest))
                break
    for key in keys:
        if key in explained:
            continue
        for prefix, kind in _ALIAS_PREFIXES:
            if kind in kinds and key.startswith(prefix) and len(key) > len(prefix):
                out.append((kind, key[len(prefix) :]))
                break
        else:
            out.append((None, key))
    return out


def _split_full_name(full: str, words: dict[str, str], fallback: str) -> tuple[str, str]:
    """"Thị trấn Ngọc Lặc" -> ("thi_tran", "Ngọc Lặc"); the type column is sometimes wrong."""
    for word, kind in words.items():
        if full.casefold().startswith(word + " "):
            return kind, full[len(word) + 1 :].strip()
    return fallback, full.strip()


# Kind word -> kind, per level (KIND_WORDS inverted); the package's type column
# uses the commune and district words ("thành phố" there is a city of a province).
_COMMUNE_WORDS = {KIND_WORDS[k]: k for k in COMMUNE_KINDS}
_DISTRICT_WORDS = {KIND_WORDS[k]: k for k in DISTRICT_KINDS}
_PROVINCE_WORDS = {KIND_WORDS[k]: k for k in PROVINCE_KINDS}
_TYPE_COLUMN = {**_COMMUNE_WORDS, **_DISTRICT_WORDS}


def _nfc(value: str | None) -> str:
    return unicodedata.normalize("NFC", value or "").strip()


@functools.cache
def _index() -> _Index:
    data = _data_dir()
    db_path = data / "dataset.db"
    try:
        # immutable=1: read-only, no locks or journal files inside site-packages.
        conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            legacy_rows = conn.execute(
                "SELECT provinceKey, province, provinceCode, provinceAlias,"
                " districtKey, district, districtType, districtCode, districtAlias,"
                " wardKey, ward, wardType, wardCode, wardAlias FROM admin_units_legacy"
            ).fetchall()
            new_rows = conn.execute(
                "SELECT provinceKey, province, provinceCode, provinceAlias,"
                " wardKey, ward, wardType, wardCode, wardAlias FROM admin_units"
            ).fetchall()
        finally:
            conn.close()
        converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    except (OSError, sqlite3.Error, ValueError) as err:
        raise GazetteerUnavailable(f"không đọc được danh mục đơn vị hành chính trong {data}: {err}; "
                                   "cài lại gói bằng `make install`") from err

    idx = _Index()
    try:
        idx.version = importlib.metadata.version(SOURCE_PACKAGE)
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - vendored copy
        idx.version = "unknown"

    def province_unit(cache: dict, key: str, full: str, code: str, alias: str | None, map_: str) -> Unit:
        if key not in cache:
            kind, name = _split_full_name(_nfc(full), _PROVINCE_WORDS, "tinh")
            aliases = _parse_aliases(alias, PROVINCE_KINDS) + list(_EXTRA_PROVINCE_ALIASES.get(name, ()))
            unit = idx.add(Unit(kind, name, None, name, map_, code or ""), aliases)
            idx.province_of[unit] = unit
            cache[key] = unit
        return cache[key]

    def commune_unit(full: str, type_: str, code: str, alias: str | None,
                     district: Unit | None, province: Unit, map_: str) -> Unit:
        kind, name = _split_full_name(_nfc(full), _COMMUNE_WORDS,
                                      _TYPE_COLUMN.get(_nfc(type_).casefold(), "xa"))
        unit = idx.add(Unit(kind, name, district.name if district else None, province.name, map_,
                            code or ""), _parse_aliases(alias, COMMUNE_KINDS))
        idx.province_of[unit] = province
        if district is not None:  # 2025 communes have no district
            idx.district_of[unit] = district
        return unit

    legacy_provinces: dict[str, Unit] = {}
    legacy_districts: dict[tuple[str, str], Unit] = {}
    legacy_by_key: dict[str, Unit] = {}  # converter key "province_district_ward" -> unit
    for (pkey, pfull, pcode, palias, dkey, dfull, dtype, dcode, dalias,
         wkey, wfull, wtype, wcode, walias) in legacy_rows:
        province = province_unit(legacy_provinces, pkey, pfull, pcode, palias, LEGACY)
        district = legacy_districts.get((pkey, dkey))
        if district is None:
            fallback = _TYPE_COLUMN.get(_nfc(dtype).casefold(), "huyen")
            kind, name = _split_full_name(_nfc(dfull), _DISTRICT_WORDS, fallback)
            district = idx.add(
                Unit(kind, name, name, province.name, LEGACY, dcode or ""),
                _parse_aliases(dalias, DISTRICT_KINDS),
            )
            idx.province_of[district] = province
            idx.district_of[district] = district
            legacy_districts[(pkey, dkey)] = district
        if not wfull:  # island districts without communes (Bạch Long Vĩ, Côn Đảo, …)
            legacy_by_key[f"{pkey}_{dkey}_"] = district
            continue
        commune = commune_unit(wfull, wtype, wcode, walias, district, province, LEGACY)
        legacy_by_key[f"{pkey}_{dkey}_{wkey}"] = commune

    new_provinces: dict[str, Unit] = {}
    new_by_key: dict[tuple[str, str], Unit] = {}
    for pkey, pfull, pcode, palias, wkey, wfull, wtype, wcode, walias in new_rows:
        province = province_unit(new_provinces, pkey, pfull, pcode, palias, MAP_2025)
        new_by_key[(pkey, wkey)] = commune_unit(wfull, wtype, wcode, walias, None, province, MAP_2025)

    _link_maps(idx, converter, legacy_provinces, new_provinces, legacy_by_key, new_by_key)
    idx.freeze()
    return idx


def _link_maps(idx: _Index, converter: dict, legacy_provinces: dict[str, Unit],
               new_provinces: dict[str, Unit], legacy_by_key: dict[str, Unit],
               new_by_key: dict[tuple[str, str], Unit]) -> None:
    """Fill successors/predecessors from the package's official conversion table."""
    succ: dict[Unit, list[Unit]] = defaultdict(list)
    pred: dict[Unit, list[Unit]] = defaultdict(list)

    def link(old: Unit, new: Unit) -> None:
        if new not in succ[old]:
            succ[old].append(new)
        if old not in pred[new]:
            pred[new].append(old)

    for new_pkey, old_pkeys in converter["DICT_PROVINCE"].items():
        for old_pkey in old_pkeys:
            link(legacy_provinces[old_pkey], new_provinces[new_pkey])
    for new_pkey, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_wkey, old_keys in wards.items():
            for old_key in old_keys:
                link(legacy_by_key[old_key], new_by_key[(new_pkey, new_wkey)])
    for new_pkey, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in olds.items():
            # A commune split between several new ones: the package's default first.
            for part in sorted(parts, key=lambda p: not p["isDefaultNewWard"]):
                link(legacy_by_key[old_key], new_by_key[(new_pkey, part["newWardKey"])])

    # A legacy district became the 2025 province(s) holding its communes' successors.
    for unit in idx.units:
        if unit.map != LEGACY or unit.level != "commune":
            continue
        district = idx.district_of[unit]
        for new in succ.get(unit, ()):
            province = idx.province_of[new]
            if province not in succ[district]:
                succ[district].append(province)
    idx.successors = {k: tuple(v) for k, v in succ.items()}
    idx.predecessors = {k: tuple(v) for k, v in pred.items()}


# ---------------------------------------------------------------------------
# Matching

_QUALITY_NAMES = {3: "exact", 2: "folded", 1: "alias"}


def _name_quality(idx: _Index, bare: str, unit: Unit, kinds: frozenset[str] | None = None) -> int:
    """3 exact, 2 folded, 1 alias, 0 no match of ``bare`` against ``unit``."""
    if _exact_key(bare) == _exact_key(unit.name):
        return 3
    if name_key(bare) == name_key(unit.name):
        return 2
    key = _compact(bare)
    for kind, alias in idx.aliases_of.get(unit, ()):
        if alias == key and (kinds is None or kind is None or kind in kinds or unit.kind in kinds):
            return 1
    return 0


def _matches(idx: _Index, bare: str, kinds: frozenset[str] | None, map: str | None,
             district: str | None = None, province: str | None = None) -> list[tuple[Unit, int]]:
    """Every unit matching ``bare`` in any tier (3 exact, 2 folded, 1 alias), filtered.

    A unit matches through its name only when it is of one of ``kinds``; an
    alias also counts when the alias itself was of one of them ("xã Quảng Phú"
    for a commune that became a ward).
    """
    found: dict[Unit, int] = {}
    for quality, units in ((3, idx.exact.get(_exact_key(bare), ())), (2, idx.folded.get(name_key(bare), ()))):
        for unit in units:
            if unit not in found and (kinds is None or unit.kind in kinds):
                found[unit] = quality
    for unit, alias_kind in idx.alias.get(_compact(bare), ()):
        if unit not in found and (kinds is None or unit.kind in kinds or alias_kind in kinds):
            found[unit] = 1
    # the enclosing units the caller named, without their kind word
    parents = [(level, split_kind(name)[1]) for level, name in (("district", district),
                                                               ("province", province)) if name is not None]
    return [(unit, quality) for unit, quality in found.items()
            if (map is None or unit.map == map)
            and all(_ancestor_quality(idx, unit, level, bare_parent, None)[0]
                    for level, bare_parent in parents)]


def _sort_key(unit: Unit) -> tuple:
    return (_MAP_ORDER[unit.map], _LEVEL_ORDER[unit.level], unit.province, unit.district or "", unit.name, unit.code)


def lookup(name: str, kind: str | Iterable[str] | None = None, district: str | None = None,
           province: str | None = None, map: str | None = None) -> list[Unit]:
    """Units called ``name``: exact matches if any, else folded ones, else aliases.

    Args:
        name: the name, optionally with its kind word ("xã Hoằng Lưu").
        kind: kind id(s) (``"xa"``), Vietnamese kind word (``"thị xã"``) or
            level (``"commune"``, ``"district"``, ``"province"``); overrides a
            kind word in ``name``.
        district: keep units inside a district of this name (legacy map only).
        province: keep units inside a province of this name.
        map: ``"legacy"`` or ``"2025"``; both when ``None``.

    Returns:
        Units of the best tier found, the closest spellings first; empty when
        nothing matches.

    Example:
        >>> [u.name for u in lookup("xã Hoàng Lưu", district="Hoằng Hóa")]
        ['Hoằng Lưu']
    """
    _check_map(map)
    written, bare = split_kind(name)
    kinds = _kinds(kind) if kind is not None else written
    if not bare:
        return []
    found = _matches(_index(), bare, kinds, map, district, province)
    if not found:
        return []
    best = max(q for _, q in found)
    units = [u for u, q in found if q == best]
    units.sort(key=lambda u: (_distance(bare, u.name) if best < 3 else 0, _sort_key(u)))
    return units


def spelling_match(given: str, unit: Unit) -> str | None:
    """How ``given`` matches ``unit``'s name: ``"exact"``, ``"folded"``, ``"alias"`` or ``None``.

    Example:
        >>> spelling_match("Hoàng Lưu", lookup("Hoằng Lưu", district="Hoằng Hóa")[0])
        'folded'
    """
    return _QUALITY_NAMES.get(_name_quality(_index(), split_kind(given)[1], unit))


def all_units(map: str | None = None, kind: str | Iterable[str] | None = None) -> Iterator[Unit]:
    """Every unit, optionally of one map and kind(s), in data order.

    Example:
        >>> sum(1 for _ in all_units(map="2025", kind="province"))
        34
    """
    _check_map(map)
    kinds = _kinds(kind)
    for unit in _index().units:
        if (map is None or unit.map == map) and (kinds is None or unit.kind in kinds):
            yield unit


def successor(unit: Unit) -> tuple[Unit, ...]:
    """What a legacy unit became on 1 July 2025.

    A commune gives the 2025 commune(s) it went into (several when it was
    split; the package's default first); an island district its special zone
    (đặc khu) or the 2025 province(s) of its communes; a province the 2025
    province it merged into.  2025 units have no successor.

    Example:
        >>> [u.name for u in successor(lookup("Hà Giang", kind="tinh", map="legacy")[0])]
        ['Tuyên Quang']
    """
    return _index().successors.get(unit, ())


def predecessors(unit: Unit) -> tuple[Unit, ...]:
    """The legacy units a 2025 commune or province was formed from.

    Example:
        >>> sorted(u.name for u in predecessors(lookup("Tuyên Quang", kind="tinh", map="2025")[0]))
        ['Hà Giang', 'Tuyên Quang']
    """
    return _index().predecessors.get(unit, ())


def source() -> dict[str, str]:
    """Where the data came from, for provenance in outputs and model cards."""
    return {"package": SOURCE_PACKAGE, "version": _index().version}


# ---------------------------------------------------------------------------
# Resolution


def _ancestor_quality(
    idx: _Index, unit: Unit, level: str, bare: str, kinds: frozenset[str] | None
) -> tuple[int, Unit | None]:
    """How well ``bare`` names ``unit``'s ancestor at ``level`` (or ``unit`` itself)."""
    parent = idx.district_of.get(unit) if level == "district" else idx.province_of.get(unit)
    if parent is None:
        return 0, None
    return _name_quality(idx, bare, parent, kinds), parent


def _consistent_across_maps(idx: _Index, unit: Unit, level: str, bare: str) -> bool:
    """A name of the other map that is still consistent with ``unit``.

    A legacy commune in a province given by its 2025 name (Hà Giang commune,
    "tỉnh Tuyên Quang"), or a 2025 commune with the legacy district of one of
    the communes it was formed from.
    """
    if level == "province":
        province = idx.province_of[unit]
        related = successor(province) if unit.map == LEGACY else predecessors(province)
        return any(_name_quality(idx, bare, p) for p in related)
    if unit.map == MAP_2025:
        return any(
            (d := idx.district_of.get(old)) is not None and _name_quality(idx, bare, d)
            for old in predecessors(unit)
        )
    return False


def resolve(commune: str | None = None, district: str | None = None, province: str | None = None,
            *, map: str | None = None) -> Resolution:
    """The most plausible unit for names given at one or more levels.

    Names may carry their kind word and any spelling; the lowest level given is
    resolved, constrained by the levels above it, and the enclosing district
    and province are filled in.  Exact spellings beat folded ones, which beat
    former names; among folded matches the closest spelling wins.  When no map
    is given and both maps fit equally well, the legacy map wins: pass
    ``map=map_for(report_date)`` for reports from July 2025 on.

    Args:
        commune: "Hoàng Lưu", "xã Đắc Ha", "phường Hà Giang 1".
        district: "Hoằng Hóa", "huyện Đắk Glong" (legacy map only).
        province: "Thái Nguyên", "tỉnh Thừa Thiên Huế".
        map: ``"legacy"``, ``"2025"`` or ``None`` for either.

    Returns:
        A :class:`Resolution`; its ``respellings`` say which given names
        differ from the official spelling.

    Example:
        >>> r = resolve(commune="Hoàng Lưu", district="Hoằng Hóa")
        >>> r.unit.name, r.district, r.province, r.misspelt
        ('Hoằng Lưu', 'Hoằng Hóa', 'Thanh Hóa', True)
    """
    _check_map(map)
    idx = _index()
    given: dict[str, tuple[frozenset[str] | None, str]] = {}
    for level, text in (("commune", commune), ("district", district), ("province", province)):
        if text and text.strip():
            written, bare = split_kind(text)
            if bare:
                given[level] = (written, bare)
    if not given:
        return Resolution()

    target = next(iter(given))
    written, bare = given[target]
    found = {level: _matches(idx, b, LEVEL_KINDS[level], map) for level, (_, b) in given.items()}
    # A higher level whose name matches nothing cannot constrain; it is reported.
    unmatched = tuple(level for level in given if not found[level])

    scored: list[tuple[tuple, Unit, dict[str, tuple[int, Unit | None]]]] = []
    for unit, quality in found[target]:
        confirmed, total = 0, quality
        detail: dict[str, tuple[int, Unit | None]] = {target: (quality, unit)}
        ok = True
        for level in ("district", "province"):
            if level == target or level not in given or not found[level]:
                continue
            q, parent = _ancestor_quality(idx, unit, level, given[level][1], given[level][0])
            if q:
                confirmed += 1
                total += q
                detail[level] = (q, parent)
            elif _consistent_across_maps(idx, unit, level, given[level][1]):
                detail[level] = (0, None)
            else:
                ok = False
                break
        if not ok:
            continue
        kind_agrees = written is None or unit.kind in written
        key = (confirmed, total, kind_agrees, -_distance(bare, unit.name), -_MAP_ORDER[unit.map])
        scored.append((key, unit, detail))

    if not scored:
        # Nothing at the target level fits: resolve what the higher levels give.
        higher = [level for level in given if level != target]  # target is the lowest given
        if not higher:
            return Resolution(unmatched=tuple(dict.fromkeys((target, *unmatched))))
        sub = resolve(district=district if "district" in higher else None,
                      province=province if "province" in higher else None, map=map)
        return Resolution(
            district=sub.district if target == "commune" else None,
            province=sub.province,
            map=sub.map,
            respellings=sub.respellings,
            unmatched=tuple(dict.fromkeys((target, *unmatched, *sub.unmatched))),
        )

    best = max(key for key, _, _ in scored)
    chosen = [(u, d) for key, u, d in scored if key == best]
    chosen.sort(key=lambda item: _sort_key(item[0]))
    units = tuple(u for u, _ in chosen)

    def common(values: Iterable[str | None]) -> str | None:
        distinct = set(values)
        return distinct.pop() if len(distinct) == 1 else None

    respellings: list[Respelling] = []
    for level in ("commune", "district", "province"):
        if level not in given:
            continue
        # Report a respelling only when every candidate agrees on it.
        outcomes = {(q, u.name) if u is not None else None
                    for q, u in (d.get(level, (0, None)) for _, d in chosen)}
        if len(outcomes) != 1:
            continue
        outcome = outcomes.pop()
        if outcome is None or outcome[0] == 3:
            continue
        q, official = outcome
        respellings.append(Respelling(level, given[level][1], official, _QUALITY_NAMES[q]))

    return Resolution(
        candidates=units,
        district=common(u.district for u in units),
        province=common(u.province for u in units),
        map=common(u.map for u in units),
        respellings=tuple(respellings),
        unmatched=unmatched,
    )


# ---------------------------------------------------------------------------
# Mentions in text

_KIND_IN_TEXT = re.compile(
    r"(?<![\w.])(?:(?i:thị[ \u00a0]+trấn|thị[ \u00a0]+xã|thành[ \u00a0]+phố|đặc[ \u00a0]+khu|xã|phường|huyện|quận|tỉnh)"
    r"|TP\.?|TX\.?)"
    r"(?=[ \u00a0\n])"
)
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+")
# Spaces and one line end (hard-wrapped PDF text), never a tab: tabs separate table cells.
_SEPARATOR = re.compile(r"[ \u00a0]*[-–—][ \u00a0]*|[ \u00a0]*\n[ \u00a0]*|[ \u00a0]+")
_MAX_SYLLABLES = 4
# "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": the national motto, not a commune.
_NOT_A_NAME = re.compile(r"[ \u00a0]+(?i:hội[ \u00a0]+chủ[ \u00a0]+nghĩa)")


def _written_kind(word: str) -> str:
    key = " ".join(word.split()).casefold()
    return {"thành phố": "thanh_pho", "tp": "thanh_pho", "tp.": "thanh_pho",
            "tx": "thi_xa", "tx.": "thi_xa"}.get(key) or next(iter(_KINDS_OF_WORD[key]))


def _level_kinds_of_word(word: str) -> frozenset[str]:
    kinds = _KINDS_OF_WORD[" ".join(word.split()).casefold()]
    return frozenset().union(*(LEVEL_KINDS[_LEVEL_OF_KIND[k]] for k in kinds))


def _is_name_token(token: str, upper_mode: bool) -> bool:
    if token.isdigit():
        return False
    letters = token.replace("'", "").replace("’", "")
    if upper_mode:
        return letters.isupper()
    # Titlecase syllables ("Hoằng", "M'gar", "H'Leo"); all-caps words are acronyms (UBND, CCHC).
    return token[0].isupper() and not (len(letters) > 1 and letters.isupper())


def _scan_name(text: str, pos: int, kind: str, upper_word: bool) -> list[tuple[int, int, str]]:
    """Tokens of the name after a kind word: (start, end, separator before it)."""
    tokens: list[tuple[int, int, str]] = []
    upper_mode = False
    dashes = 0
    per_part = 0
    while len(tokens) < 2 * _MAX_SYLLABLES:
        sep = _SEPARATOR.match(text, pos)
        if not sep:
            break
        sep_kind = "dash" if re.search(r"[-–—]", sep.group()) else ("newline" if "\n" in sep.group() else "space")
        if sep_kind == "dash" and (not tokens or dashes):
            break
        tok = _TOKEN.match(text, sep.end())
        if not tok:
            break
        word = tok.group()
        if not tokens:
            if upper_word and sep_kind == "newline":
                break  # headers keep "XÃ TÂN VIỆT" on one line; "XÃ\n CHỦ TỊCH" is a signature
            if word.isdigit():  # "Phường 1", "Quận 10"
                if kind in ("phuong", "quan"):
                    tokens.append((tok.start(), tok.end(), sep_kind))
                break
            upper_mode = upper_word and word.isupper() and len(word) > 1
        if not _is_name_token(word, upper_mode):
            break
        if sep_kind == "dash":
            dashes, per_part = 1, 0
        if per_part == _MAX_SYLLABLES:
            break
        per_part += 1
        tokens.append((tok.start(), tok.end(), sep_kind))
        pos = tok.end()
    return tokens


def _join(text: str, tokens: list[tuple[int, int, str]]) -> str:
    parts = []
    for i, (start, end, sep) in enumerate(tokens):
        if i:
            parts.append(" - " if sep == "dash" else " ")
        parts.append(text[start:end])
    return "".join(parts)


def find_unit_mentions(text: str) -> list[Mention]:
    """Find "xã X", "phường X", "thị trấn X", "huyện X", "quận X", "thị xã X",
    "thành phố X", "tỉnh X", "đặc khu X" in text.

    X is one to four capitalised syllables (all-caps after an all-caps kind
    word, as in headers), possibly broken across one line end; "Bà Rịa - Vũng
    Tàu" style names joined by a dash are kept when known.  Of the syllables
    that follow a kind word, the longest run that is a known unit is taken;
    when none is, the run up to the first line end.  Offsets index ``text``
    as given (pass NFC text, as the normaliser produces).

    Args:
        text: report text.

    Returns:
        Mentions in text order.

    Example:
        >>> [(m.surface, m.match) for m in find_unit_mentions("UBND xã Hoàng Lưu báo cáo")]
        [('xã Hoàng Lưu', 'folded')]
    """
    idx = _index()
    mentions: list[Mention] = []
    for m in _KIND_IN_TEXT.finditer(text):
        kind = _written_kind(m.group())
        if kind == "xa" and _NOT_A_NAME.match(text, m.end()):
            continue
        tokens = _scan_name(text, m.end(), kind, m.group().isupper())
        if not tokens:
            continue
        # Search the whole level: Thừa Thiên Huế was a "tỉnh", Huế is a "thành phố".
        level_kinds = _level_kinds_of_word(m.group())
        chosen: list[tuple[int, int, str]] | None = None
        units: list[Unit] = []
        quality = 0
        for n in range(len(tokens), 0, -1):
            name = _join(text, tokens[:n])
            found = _matches(idx, name, level_kinds, None)
            if n == 1:
                # One capitalised syllable after "xã" is as often a sentence
                # ("UBND xã Chủ trì…") as a name: exact spellings only.
                found = [(u, q) for u, q in found if q != 2]
            if found:
                quality = max(q for _, q in found)
                units = [u for u, q in found if q == quality]
                units.sort(key=lambda u: (u.kind != kind, _distance(name, u.name), _sort_key(u)))
                chosen = tokens[:n]
                break
        if chosen is None:
            cut = next((i for i, t in enumerate(tokens) if i and t[2] != "space"), len(tokens))
            chosen = tokens[: min(cut, _MAX_SYLLABLES)]
        name_start, name_end = chosen[0][0], chosen[-1][1]
        mentions.append(
            Mention(
                start=m.start(),
                end=name_end,
                surface=text[m.start() : name_end],
                kind=kind,
                name=_join(text, chosen),
                name_start=name_start,
                name_end=name_end,
                units=tuple(units),
                match=_QUALITY_NAMES.get(quality),
            )
        )
    return mentions
