"""The search index: reports, paragraphs, citations, metrics and flags in SQLite.

One file, stdlib :mod:`sqlite3`, no server.  ``cchc index`` writes it, ``cchc
search`` reads it::

    from cchc_nlp.store import Store
    with Store("index.sqlite") as db:
        db.add_report(report, citations_of(report), tag_paragraphs(report))
        db.search(cites="Nghị định 61/2018/NĐ-CP")     # which communes cited it
        db.search("nghi dinh", area="the_che", province="Thanh Hoa")

Design (details and measured figures in ``docs/search.md``):

* **Text search** is FTS5 over paragraph text with ``unicode61
  remove_diacritics 2``, so "mot cua" finds "một cửa" and letters with two
  marks (ộ, ế, ữ) fold too.  The tokenizer does not fold "đ" (U+0111 has no
  decomposition), so the index is fed the text with đ/Đ replaced by d/D, and
  the user's words get the same treatment.  The FTS table is *external
  content* (a view over ``paragraphs``): the text is stored once, in
  ``paragraphs``; ``snippet()`` re-reads the original text there, and because
  replacing đ by d never moves a token boundary the highlights land on the
  original words.  A second FTS column, ``facets``, holds one synthetic token
  per filter value (area, province, year, period), so a filtered text query is
  a single FTS5 AND that skips through doclists instead of joining every match.
  Because the index holds folded text, FTS5's own ``'rebuild'`` and
  ``'integrity-check'`` (which re-read the content table) must not be used;
  :meth:`Store.rebuild_fts` rebuilds it correctly.
* **Citation search** (``cites=``) never touches the text: the query goes
  through :func:`cchc_nlp.citations.parse_query` and is answered from the
  ``citations.key`` B-tree — an equality/prefix range for a complete number
  ("Nghị định 61/2018/NĐ-CP"), a number prefix range filtered by
  :meth:`QueryMatch.matches` for a partial one ("NĐ 61/2018", "61/2018").
* **Writes** are one ``BEGIN IMMEDIATE`` transaction per report: an error or
  an interrupt mid-way rolls that report back and leaves the file as it was.
  A report is identified by its path; re-indexing the same content (same
  sha256) is skipped, changed content replaces the old rows.
* **Readers are never blocked**: the database runs in WAL mode, so searches
  read the last committed state while ``cchc index`` writes.
* **Schema** is versioned (``schema_version`` table) and upgraded by the
  ordered scripts in :data:`MIGRATIONS`; a database newer than the code is
  refused with a clear message.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import unicodedata
import zlib
from bisect import bisect_right
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Sequence

from .citations import QueryMatch, citation_key, parse_query, strip_zeros
from .errors import CchcError
from .model import AREAS, HIGHER_UNIT_KIND_WORDS, UNIT_KIND_WORDS, Citation, Flag, Metric, Report, TaggedParagraph
from .normalise import fold
from .periods import UnknownPeriod, parse_period


class StoreError(CchcError):
    """The index cannot be opened, written or queried as asked; the message says what to do."""


# --------------------------------------------------------------------------
# Schema and migrations
# --------------------------------------------------------------------------

#: Ordered migration scripts; ``MIGRATIONS[i]`` upgrades a database from
#: version ``i`` to ``i + 1``.  Append, never edit: a released script has
#: already run on somebody's index.
MIGRATIONS: list[str] = [
    # 1: reports, paragraphs with their FTS index, citations.
    """
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT
    );
    CREATE TABLE reports (
        id           INTEGER PRIMARY KEY,
        path         TEXT NOT NULL UNIQUE,
        sha256       TEXT NOT NULL UNIQUE,
        unit_kind    TEXT,
        unit_name    TEXT,
        district     TEXT,
        province     TEXT,
        number       TEXT,
        date         TEXT,             -- ISO date of the report
        period_kind  TEXT,             -- quy | 6_thang | 9_thang | nam
        quarter      INTEGER,
        year         INTEGER,
        period_label TEXT,
        indexed_at   TEXT NOT NULL,    -- UTC, ISO 8601
        unit_key     TEXT,             -- fold(unit_name): what filters compare
        district_key TEXT,
        province_key TEXT
    );
    CREATE INDEX reports_province ON reports(province_key, year);
    CREATE INDEX reports_year ON reports(year, period_kind, quarter);

    -- rowid (id) is also the FTS rowid.  A report's paragraphs are inserted in
    -- one transaction, so their ids are contiguous.
    CREATE TABLE paragraphs (
        id           INTEGER PRIMARY KEY,
        report_id    INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        idx          INTEGER NOT NULL,  -- Paragraph.index
        section      TEXT,
        heading      TEXT,
        text         TEXT NOT NULL,
        start        INTEGER,           -- offsets into the report's normalised text
        "end"        INTEGER,
        area         TEXT,              -- area id (model.AREAS) or NULL if not tagged
        concreteness REAL               -- 0..1, NULL until that stage exists
    );
    CREATE UNIQUE INDEX paragraphs_report ON paragraphs(report_id, idx);

    -- External content: the text lives in `paragraphs` only.  The index is fed
    -- fts_text(text) (đ -> d) and the facet tokens by the Store, not by triggers;
    -- snippet() reads the original text through this view (facets are never shown).
    CREATE VIEW paragraphs_fts_content AS SELECT id, text, NULL AS facets FROM paragraphs;
    CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
        text, facets,
        content='paragraphs_fts_content', content_rowid='id',
        tokenize="unicode61 remove_diacritics 2"
    );

    CREATE TABLE citations (
        id           INTEGER PRIMARY KEY,
        report_id    INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        para_id      INTEGER,   -- paragraphs.id of the narrative paragraph holding it, else NULL
        start        INTEGER NOT NULL,
        "end"        INTEGER NOT NULL,
        surface      TEXT NOT NULL,
        type         TEXT,
        canonical    TEXT NOT NULL,
        key          TEXT NOT NULL,  -- citations.citation_key(): identity across reports
        date         TEXT,
        issuer       TEXT,
        subject      TEXT,
        problems     TEXT NOT NULL DEFAULT '[]',  -- JSON list of flag ids
        -- copies of the filter values (report's, and the paragraph's area), so that
        -- a filtered --cites query is answered from the key index alone
        province_key TEXT,
        year         INTEGER,
        period_kind  TEXT,
        quarter      INTEGER,
        area         TEXT
    );
    CREATE INDEX citations_key ON citations(key, report_id DESC, province_key, year, period_kind, quarter, area);
    CREATE INDEX citations_canonical ON citations(canonical);
    CREATE INDEX citations_report ON citations(report_id);
    """,
    # 2: figures and checks.
    """
    CREATE TABLE metrics (
        id        INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        indicator TEXT NOT NULL,
        value     TEXT,      -- Decimal as text
        unit      TEXT,
        source    TEXT,      -- table | narrative
        start     INTEGER,
        "end"     INTEGER
    );
    CREATE INDEX metrics_report ON metrics(report_id);
    CREATE INDEX metrics_indicator ON metrics(indicator);
    CREATE TABLE flags (
        id        INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        flag_id   TEXT NOT NULL,
        severity  TEXT NOT NULL,  -- high | medium | low
        message   TEXT,
        evidence  TEXT NOT NULL DEFAULT '[]'  -- JSON [{start, end, quote}]
    );
    CREATE INDEX flags_report ON flags(report_id);
    CREATE INDEX flags_id ON flags(flag_id);
    """,
    # 3: the kind of document (bao_cao, ke_hoach, quyet_dinh, tin_bai, …: layout.DOC_KINDS).
    """
    ALTER TABLE reports ADD COLUMN doc_kind TEXT;
    CREATE INDEX reports_doc_kind ON reports(doc_kind);
    """,
    # 4: other paths under which the same content was given (a copy in another folder).
    """
    CREATE TABLE report_paths (
        path      TEXT PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE
    );
    CREATE INDEX report_paths_report ON report_paths(report_id);
    """,
    # 5: what a reviewer reads of each report (the web app's report page and score
    # table), written at indexing time so that no page re-runs the models.
    """
    CREATE TABLE analyses (
        report_id    INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
        total        REAL,             -- quality score (NULL: not a report, not scored)
        components   TEXT,             -- JSON {component id: points}
        flags_high   INTEGER,
        flags_medium INTEGER,
        record       BLOB NOT NULL     -- zlib-compressed JSON, see render.reading.analysis_record
    );
    CREATE INDEX analyses_total ON analyses(total);
    """,
]

#: unit levels a search can filter on (``Meta.unit_kind``)
UNIT_KINDS = tuple(UNIT_KIND_WORDS) + tuple(HIGHER_UNIT_KIND_WORDS)

#: The schema version this code writes and reads.
STORE_SCHEMA_VERSION = len(MIGRATIONS)

_SNIPPET_TOKENS = 24  # words of context in a text hit's snippet
_CITE_CONTEXT = 160  # characters either side of a citation in a cites hit's snippet

Status = str  # "added" | "replaced" | "skipped"


def default_db_path() -> Path:
    """``$CCHC_DB``, else ``index.sqlite`` in the user's data directory."""
    env = os.environ.get("CCHC_DB")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("cchc-nlp", appauthor=False)) / "index.sqlite"


# --------------------------------------------------------------------------
# Text folding shared by the index and the queries
# --------------------------------------------------------------------------

_D_FOLD = str.maketrans({"đ": "d", "Đ": "D"})
_WORD_RE = re.compile(r"[^\W_]+")
#: a part in double quotes, or a run of text up to a quote or a comma/semicolon/plus
_PART_RE = re.compile(r'"([^"]*)"|([^",;+]+)')


def fts_text(text: str) -> str:
    """What the FTS index is fed for a text: NFC, đ/Đ -> d/D; the tokenizer does the rest.

    Token boundaries are the same as in ``text`` (đ and d are both letters), so
    token positions found in the index address the original text.
    """
    return unicodedata.normalize("NFC", text).translate(_D_FOLD)


def fts_query(text: str) -> str | None:
    """A safe FTS5 MATCH expression for what a user typed, or None if it has no words.

    Vietnamese words are syllables, so the words typed together are one phrase
    ("mot cua" finds "một cửa", not "một" here and "cửa" there).  Parts
    separated by a comma, semicolon or ``+``, or put in double quotes, are
    separate phrases that must all match.  Each phrase is passed to FTS5 as a
    quoted string of its words only, so ``AND``, ``OR``, ``NEAR``, ``*``,
    ``-``, ``:``, ``^``, quotes and parentheses typed by the user are never
    syntax.  Folding follows :func:`fts_text` (the tokenizer removes the
    marks, this removes đ).

    Example::

        >>> fts_query('Nghị định; "một cửa" OR (x*')
        'text : "nghi dinh" AND text : "mot cua" AND text : "or x"'
    """
    text = fold(unicodedata.normalize("NFC", text))
    parts = []
    for m in _PART_RE.finditer(text):
        words = _WORD_RE.findall(m.group(1) if m.group(1) is not None else m.group(2))
        if words:
            parts.append('text : "' + " ".join(words) + '"')
    return " AND ".join(parts) if parts else None


def place_key(name: str | None) -> str | None:
    """How province names are compared: folded, one space, no "Tỉnh"/"Thành phố" word.

    >>> place_key("Tỉnh  Thanh Hóa"), place_key("thanh hoa"), place_key("TP. Hồ Chí Minh")
    ('thanh hoa', 'thanh hoa', 'ho chi minh')
    """
    return _folded_without(name, r"^(?:tinh|thanh pho|tp\.?)\s*(?=\w)")


def district_key(name: str | None) -> str | None:
    """How district names are compared: folded, no "huyện"/"quận"/"thị xã"/"thành phố" word.

    >>> district_key("huyện Thanh Hà"), district_key("Thanh Ha")
    ('thanh ha', 'thanh ha')
    """
    return _folded_without(name, r"^(?:huyen|quan|thi xa|thanh pho|tp\.?)\s+(?=\w)")


def _folded_without(name: str | None, kind_words: str) -> str | None:
    """``name`` folded, one space between words, its leading kind word (``kind_words``) dropped."""
    if not name or not name.strip():
        return None
    key = " ".join(fold(unicodedata.normalize("NFC", name)).split())
    return re.sub(kind_words, "", key) or None


def _facet(prefix: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    word = "".join(_WORD_RE.findall(fold(str(value))))
    return f"zz{prefix}{word}" if word else None


def _facets(area: str | None, province_key: str | None, year: int | None,
            period_kind: str | None, quarter: int | None) -> str:
    """The synthetic tokens of one paragraph's filter values ("zzathech zzpthanhhoa zzy2024 …").

    The same function builds the tokens for indexing, for deleting (FTS5
    external-content deletes must repeat the indexed values exactly) and for
    queries.
    """
    toks = [_facet("a", area), _facet("p", province_key), _facet("y", year),
            _facet("k", period_kind), _facet("q", quarter)]
    return " ".join(t for t in toks if t)


# --------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: a paragraph (text query) or a citation occurrence (cites query).

    ``snippet`` is a window of the paragraph with the matched words (or the
    citation) between « and ».
    """

    kind: str  # "text" | "cites" | "filter"
    report_id: int
    path: str
    commune: str | None  # reports.unit_name
    unit_kind: str | None
    district: str | None
    province: str | None
    period_label: str | None
    year: int | None
    paragraph: int | None  # Paragraph.index; None for a citation outside the narrative
    section: str | None
    area: str | None
    snippet: str
    citation: str | None = None  # the citation's surface, for cites hits
    canonical: str | None = None
    key: str | None = None
    #: other paths the same report was given under (``report_paths``)
    other_paths: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class _Filters:
    area: str | None
    province_key: str | None
    year: int | None
    period_kind: str | None
    quarter: int | None
    doc_kind: str | None = None
    district_key: str | None = None
    unit_kind: str | None = None

    @property
    def empty(self) -> bool:
        return all(v is None for v in (self.area, self.province_key, self.year, self.period_kind,
                                       self.quarter, self.doc_kind, self.district_key, self.unit_kind))

    def citation_conditions(self) -> tuple[list[str], list]:
        """SQL conditions on ``citations c`` for the filters copied into each citation row."""
        where, args = [], []
        for column, value in (("province_key", self.province_key), ("year", self.year),
                              ("period_kind", self.period_kind), ("quarter", self.quarter), ("area", self.area)):
            if value is not None:
                where.append(f"c.{column} = ?")
                args.append(value)
        return where, args

    def report_conditions(self) -> tuple[list[str], list]:
        """SQL conditions on ``reports r`` for the filters that are not FTS facets."""
        where, args = [], []
        for column, value in (("doc_kind", self.doc_kind), ("district_key", self.district_key),
                              ("unit_kind", self.unit_kind)):
            if value is not None:
                where.append(f"r.{column} = ?")
                args.append(value)
        return where, args


# --------------------------------------------------------------------------
# The store
# --------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class Store:
    """An index file.  Open it, add reports, search; close it (or use ``with``).

    ``readonly=True`` opens an existing index for searching only: nothing is
    created or migrated, and a missing file is an error rather than a new
    empty index.  Opening for writing creates the file (and its folder) and
    upgrades an older schema.
    """

    def __init__(self, path: str | os.PathLike, *, readonly: bool = False, timeout: float = 30.0):
        self.path = Path(path)
        self.readonly = readonly
        self._batch = False
        try:
            if readonly:
                if not self.path.exists():
                    raise StoreError(f"chưa có chỉ mục tại {self.path}; tạo bằng `cchc index`")
                uri = self.path.resolve().as_uri() + "?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        except sqlite3.Error as err:
            raise StoreError(f"không mở được chỉ mục {self.path}: {err}") from None
        try:
            self._setup()
        except BaseException:
            self._db.close()
            raise

    # -- connection and schema --------------------------------------------

    def _setup(self) -> None:
        db = self._db
        try:
            if not self.readonly:
                mode = db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                if mode.lower() != "wal":
                    raise StoreError(
                        f"không chuyển được {self.path} sang chế độ WAL (nhận '{mode}'); "
                        "đặt chỉ mục trên ổ đĩa của máy, không phải thư mục mạng"
                    )
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA synchronous=NORMAL")  # WAL: durable at checkpoints, never corrupt
            db.execute("PRAGMA cache_size=-65536")  # 64 MB
            db.execute("PRAGMA mmap_size=268435456")
            db.execute("PRAGMA temp_store=MEMORY")
            version = self._read_version()
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path} không phải chỉ mục của cchc ({err}); chọn --db khác") from None
        if version > STORE_SCHEMA_VERSION:
            raise StoreError(
                f"chỉ mục {self.path} có phiên bản lược đồ {version}, mới hơn bản cchc này "
                f"(đọc được đến {STORE_SCHEMA_VERSION}); nâng cấp cchc-nlp hoặc chọn --db khác"
            )
        if version < STORE_SCHEMA_VERSION:
            if self.readonly:
                raise StoreError(
                    f"chỉ mục {self.path} có phiên bản lược đồ {version}, cũ hơn bản cchc này "
                    f"({STORE_SCHEMA_VERSION}); chạy `cchc index` một lần để nâng cấp"
                )
            self.migrate()

    def _read_version(self) -> int:
        db = self._db
        has = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'"
        ).fetchone()
        if has:
            row = db.execute("SELECT max(version) FROM schema_version").fetchone()
            return int(row[0] or 0)
        others = db.execute("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()[0]
        if others:
            raise StoreError(f"{self.path} là tệp SQLite nhưng không phải chỉ mục của cchc; chọn --db khác")
        return 0

    @property
    def schema_version(self) -> int:
        return self._read_version()

    def migrate(self, target: int | None = None) -> int:
        """Run the missing migrations up to ``target`` (default: current), each in its own transaction."""
        target = STORE_SCHEMA_VERSION if target is None else target
        db = self._db
        with self._transaction():
            db.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                       "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        from .config import VERSION

        while (version := self._read_version()) < target:
            # executescript() would commit first; run the statements one by one instead.
            with self._transaction():
                if self._read_version() == version:  # nobody upgraded it meanwhile
                    for stmt in _statements(MIGRATIONS[version]):
                        db.execute(stmt)
                    db.execute("INSERT INTO schema_version VALUES (?, ?)", (version + 1, _now()))
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('tool_version', ?)", (VERSION,))
        return self._read_version()

    @contextmanager
    def _transaction(self):
        """``BEGIN IMMEDIATE`` … ``COMMIT``; on any exception (interrupts too) ``ROLLBACK``.
        Inside a batch (:meth:`begin_batch`) the batch is the transaction: an exception
        propagates to whoever holds the batch, which rolls it back whole."""
        if self._batch:
            yield
            return
        self._begin()
        try:
            yield
        except BaseException:
            self._rollback()
            raise
        self._db.execute("COMMIT")

    def _begin(self) -> None:
        try:
            self._db.execute("BEGIN IMMEDIATE")  # take the write lock now, not halfway through
        except sqlite3.OperationalError as err:
            raise StoreError(
                f"không ghi được vào chỉ mục {self.path}: {err}; có một `cchc index` khác đang chạy không?"
            ) from None

    def _rollback(self) -> None:
        if self._db.in_transaction:  # SQLite may have rolled back already (disk full, …)
            self._db.execute("ROLLBACK")

    # -- batches: several reports in one transaction (``pipeline.index_files``) --

    @property
    def in_batch(self) -> bool:
        return self._batch

    def begin_batch(self) -> None:
        """Open one transaction for the writes that follow, until :meth:`end_batch`."""
        self._writable()
        if self._batch:
            raise RuntimeError("a batch is open already")
        self._begin()
        self._batch = True

    def end_batch(self) -> None:
        """Commit the batch: everything written since :meth:`begin_batch`, or nothing."""
        self._batch = False
        self._db.execute("COMMIT")

    def abort_batch(self) -> None:
        """Roll the open batch back: none of its writes happened."""
        self._batch = False
        self._rollback()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ------------------------------------------------------------

    def is_indexed(self, sha256: str) -> bool:
        """True when a report with this content is already in the index."""
        return self._db.execute("SELECT 1 FROM reports WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def _same_content(self, sha256: str, path: str) -> str:
        """``"skipped"`` when this path is already the report's (or one of its other
        paths); else the path is recorded as another copy: ``"same_as: <path>"``."""
        first = self._db.execute("SELECT id, path FROM reports WHERE sha256 = ?", (sha256,)).fetchone()
        if first[1] == path:
            return "skipped"
        if self.schema_version >= 4:
            self._writable()
            with self._transaction():
                self._db.execute("INSERT OR REPLACE INTO report_paths VALUES (?, ?)", (path, first[0]))
        return f"same_as: {first[1]}"

    def other_paths(self, report_id: int) -> list[str]:
        """The other paths under which a report's content was given to ``index``."""
        return [r[0] for r in self._db.execute(
            "SELECT path FROM report_paths WHERE report_id = ? ORDER BY path", (report_id,))]

    def add_report(
        self,
        report: Report,
        citations: Sequence[Citation] = (),
        tagged: Sequence[TaggedParagraph] | None = None,
        *,
        metrics: Sequence[Metric] = (),
        flags: Sequence[Flag] = (),
        path: str | None = None,
        record: dict | None = None,
    ) -> Status:
        """Store one analysed report in one transaction; return what happened.

        ``"skipped"`` when a report with the same sha256 is already indexed
        (under any path), ``"replaced"`` when the path was indexed with other
        content (the old rows are deleted), else ``"added"``.  ``tagged`` are
        what :func:`cchc_nlp.pipeline.tag_paragraphs` returns (``index``,
        ``area``, optionally ``concreteness``).  ``path`` defaults to the
        absolute form of ``report.file``.  ``record``: what a reviewer reads
        of the report (:func:`cchc_nlp.render.reading.analysis_record`), kept
        for the web app.  On any error nothing is written.
        """
        self._writable()
        path = path or os.path.abspath(report.file)
        with self._transaction():
            status = self._add(report, citations, tagged, metrics, flags, path)
            if record is not None and status != "skipped" and self.schema_version >= 5:
                self._add_record(self.report_id(report.sha256), record)
            return status

    def _add_record(self, report_id: int, record: dict) -> None:
        score = record.get("score") or {}
        components = {c["id"]: c["points"] for c in score.get("components", ())}
        flags = record.get("flags", ())
        blob = zlib.compress(json.dumps(record, ensure_ascii=False).encode("utf-8"), 6)
        self._db.execute(
            "INSERT OR REPLACE INTO analyses (report_id, total, components, flags_high, flags_medium, record)"
            " VALUES (?,?,?,?,?,?)",
            (report_id, score.get("total"), json.dumps(components),
             sum(f["severity"] == "high" for f in flags), sum(f["severity"] == "medium" for f in flags), blob))

    def report_id(self, sha256: str) -> int | None:
        """The id of the indexed report with this content, else None."""
        row = self._db.execute("SELECT id FROM reports WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def record(self, report_id: int) -> dict | None:
        """What a reviewer reads of one report (see :meth:`add_report`), else None
        (no such report, or indexed before schema 5 kept it)."""
        if self.schema_version < 5:
            return None
        row = self._db.execute("SELECT record FROM analyses WHERE report_id = ?", (report_id,)).fetchone()
        return json.loads(zlib.decompress(row[0])) if row else None

    #: columns of :meth:`score_table` a caller may sort by
    SCORE_SORTS = ("total", "unit_name", "province", "district", "year", "flags_high", "flags_medium",
                   "indexed")

    def score_table(self, sort: str = "total", descending: bool = False,
                    limit: int | None = None, offset: int = 0) -> tuple[list[dict], int]:
        """The indexed reports with their quality score and its components, and how many there are.

        Reports that are not scored (plans, decisions, news) come last whatever the order."""
        if sort not in self.SCORE_SORTS:
            raise StoreError(f"không sắp xếp được theo '{sort}'; chọn một trong: {', '.join(self.SCORE_SORTS)}")
        if self.schema_version < 5:
            return [], 0
        column = {"total": "a.total", "indexed": "r.id"}.get(sort, f"r.{sort}" if sort[:5] != "flags" else f"a.{sort}")
        order = "DESC" if descending else "ASC"
        rows = self._db.execute(
            "SELECT r.id, r.path, r.unit_kind, r.unit_name, r.district, r.province, r.period_label, r.year,"
            " r.doc_kind, a.total, a.components, a.flags_high, a.flags_medium"
            " FROM reports r JOIN analyses a ON a.report_id = r.id"
            f" ORDER BY ({column} IS NULL), {column} {order}, r.id LIMIT ? OFFSET ?",
            (-1 if limit is None else int(limit), max(0, int(offset)))).fetchall()
        total = self._db.execute("SELECT count(*) FROM analyses").fetchone()[0]
        keys = ("report_id", "path", "unit_kind", "unit_name", "district", "province", "period", "year",
                "kind", "total", "components", "flags_high", "flags_medium")
        out = []
        for row in rows:
            d = dict(zip(keys, row))
            d["components"] = json.loads(d["components"] or "{}")
            out.append(d)
        return out, total

    def _writable(self) -> None:
        if self.readonly:
            raise StoreError(f"chỉ mục {self.path} đang mở ở chế độ chỉ đọc")

    def _add(self, report, citations, tagged, metrics, flags, path) -> Status:
        db = self._db
        if db.execute("SELECT 1 FROM reports WHERE sha256 = ?", (report.sha256,)).fetchone():
            return "skipped"
        old = db.execute("SELECT id FROM reports WHERE path = ?", (path,)).fetchone()
        if old:
            self._delete(old[0])
        m = report.meta
        p = m.period
        province_key = place_key(m.province)
        values = (path, report.sha256, m.unit_kind, m.unit_name, m.district, m.province, m.number,
                  m.date.isoformat() if m.date else None,
                  p.kind if p else None, p.quarter if p else None, p.year if p else None,
                  p.label if p else None, _now(),
                  fold(m.unit_name) if m.unit_name else None, fold(m.district) if m.district else None,
                  province_key, m.kind)
        if self.schema_version < 3:  # written before documents had a kind (see MIGRATIONS)
            values = values[:-1]
        columns = ("path, sha256, unit_kind, unit_name, district, province, number, date, period_kind,"
                   " quarter, year, period_label, indexed_at, unit_key, district_key, province_key"
                   + (", doc_kind" if len(values) == 17 else ""))
        cur = db.execute(f"INSERT INTO reports ({columns}) VALUES ({','.join('?' * len(values))})", values)
        rid = cur.lastrowid
        tags = {t.index: t for t in (tagged or ())}
        year, kind, quarter = (p.year, p.kind, p.quarter) if p else (None, None, None)
        para_rows, fts_rows = [], []
        next_id = db.execute("SELECT coalesce(max(id), 0) + 1 FROM paragraphs").fetchone()[0]
        spans: list[tuple[int, int, int]] = []  # (start, end, paragraph id)
        for i, para in enumerate(report.paragraphs):
            pid = next_id + i
            t = tags.get(para.index)
            area = t.area if t is not None else None
            para_rows.append((pid, rid, para.index, para.section, para.heading, para.text,
                              para.start, para.end, area, t.concreteness if t is not None else None))
            fts_rows.append((pid, fts_text(para.text), _facets(area, province_key, year, kind, quarter)))
            spans.append((para.start, para.end, pid))
        db.executemany(
            'INSERT INTO paragraphs (id, report_id, idx, section, heading, text, start, "end", area,'
            " concreteness) VALUES (?,?,?,?,?,?,?,?,?,?)",
            para_rows,
        )
        db.executemany("INSERT INTO paragraphs_fts (rowid, text, facets) VALUES (?,?,?)", fts_rows)
        spans.sort()
        area_of = {row[0]: row[8] for row in para_rows}
        cite_rows = []
        for c in citations:
            key = citation_key(c, unit=m.unit_name, district=m.district, province=m.province)
            pid = _containing(spans, c.start, c.end)
            cite_rows.append((rid, pid, c.start, c.end, c.surface, c.type, c.canonical, key,
                              c.date.isoformat() if c.date else None, c.issuer, c.subject,
                              json.dumps(list(c.problems), ensure_ascii=False),
                              province_key, year, kind, quarter, area_of.get(pid)))
        db.executemany(
            'INSERT INTO citations (report_id, para_id, start, "end", surface, type, canonical, key,'
            " date, issuer, subject, problems, province_key, year, period_kind, quarter, area)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            cite_rows,
        )
        if metrics:  # (tables of schema 2)
            db.executemany(
                'INSERT INTO metrics (report_id, indicator, value, unit, source, start, "end")'
                " VALUES (?,?,?,?,?,?,?)",
                [(rid, x.indicator, None if x.value is None else str(x.value), x.unit, x.source,
                  x.start, x.end) for x in metrics],
            )
        if flags:
            db.executemany(
                "INSERT INTO flags (report_id, flag_id, severity, message, evidence) VALUES (?,?,?,?,?)",
                [(rid, f.id, f.severity, f.message_vi,
                  json.dumps([asdict(e) for e in f.evidence], ensure_ascii=False)) for f in flags],
            )
        return "replaced" if old else "added"

    def _delete(self, report_id: int) -> None:
        """Delete one report's rows, its FTS entries first (they need the indexed values)."""
        db = self._db
        r = db.execute("SELECT province_key, year, period_kind, quarter FROM reports WHERE id = ?",
                       (report_id,)).fetchone()
        rows = db.execute("SELECT id, text, area FROM paragraphs WHERE report_id = ?", (report_id,)).fetchall()
        db.executemany(
            "INSERT INTO paragraphs_fts (paragraphs_fts, rowid, text, facets) VALUES ('delete', ?, ?, ?)",
            [(pid, fts_text(text), _facets(area, r[0], r[1], r[2], r[3])) for pid, text, area in rows],
        )
        db.execute("DELETE FROM reports WHERE id = ?", (report_id,))  # cascades to the rest

    def remove(self, path: str | os.PathLike) -> bool:
        """Delete the report indexed under ``path``; False if there was none."""
        self._writable()
        with self._transaction():
            row = self._db.execute("SELECT id FROM reports WHERE path = ?", (os.path.abspath(path),)).fetchone()
            if row:
                self._delete(row[0])
        return row is not None

    def add_analysis(self, analysis, path: str | None = None, record: dict | None = None) -> Status:
        """Store what :func:`cchc_nlp.pipeline.analyse` found in one report
        (its report, citations, tagged paragraphs, figures and flags): :meth:`add_report`."""
        return self.add_report(analysis.report, analysis.citations, analysis.paragraphs,
                               metrics=analysis.metrics, flags=analysis.flags, path=path, record=record)

    def known_file(self, path: str | os.PathLike) -> str | None:
        """For a file whose content is indexed already: ``"skipped"`` (same path) or
        ``"same_as: <path>"`` (another path, now recorded too); None if it is new."""
        sha = _file_sha256(Path(path))
        if not self.is_indexed(sha):
            return None
        return self._same_content(sha, os.path.abspath(path))

    def optimize(self) -> None:
        """Merge the FTS index into one segment and refresh planner statistics (after a big run)."""
        self._writable()
        self._db.execute("INSERT INTO paragraphs_fts (paragraphs_fts) VALUES ('optimize')")
        self._db.execute("PRAGMA optimize")
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def rebuild_fts(self) -> None:
        """Rebuild the FTS index from ``paragraphs`` (use instead of FTS5's own 'rebuild')."""
        self._writable()
        db = self._db
        with self._transaction():
            db.execute("INSERT INTO paragraphs_fts (paragraphs_fts) VALUES ('delete-all')")
            rows = db.execute(
                "SELECT p.id, p.text, p.area, r.province_key, r.year, r.period_kind, r.quarter"
                " FROM paragraphs p JOIN reports r ON r.id = p.report_id"
            )
            db.executemany(
                "INSERT INTO paragraphs_fts (rowid, text, facets) VALUES (?,?,?)",
                ((pid, fts_text(t), _facets(a, pk, y, k, q)) for pid, t, a, pk, y, k, q in rows),
            )

    # -- reading ------------------------------------------------------------

    def stats(self) -> dict:
        """Counts and sizes: reports, paragraphs, citations, text bytes, database bytes."""
        db = self._db
        one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
        page = one("PRAGMA page_size")
        return {
            "schema_version": self.schema_version,
            "reports": one("SELECT count(*) FROM reports"),
            "paragraphs": one("SELECT count(*) FROM paragraphs"),
            "citations": one("SELECT count(*) FROM citations"),
            "text_bytes": one("SELECT coalesce(sum(length(CAST(text AS BLOB))), 0) FROM paragraphs"),
            "db_bytes": page * (one("PRAGMA page_count") - one("PRAGMA freelist_count")),
        }

    def search(
        self,
        text: str | None = None,
        cites: str | None = None,
        area: str | None = None,
        province: str | None = None,
        period: str | None = None,
        year: int | None = None,
        limit: int = 50,
        kind: str | None = None,
        district: str | None = None,
        unit_kind: str | None = None,
        offset: int = 0,
    ) -> list[Hit]:
        """Search the index.

        * ``text``: paragraphs containing the phrase(s) typed (see
          :func:`fts_query`; insensitive to case, diacritics and tone
          placement), the most recently indexed reports first, each report's
          paragraphs in order.  Snippet: ~24 words with «» around the matches.
        * ``cites``: occurrences of a cited document, as a reviewer types it
          ("Nghị định 61/2018/NĐ-CP", "NĐ 61/2018", "Luật Đất đai 2013"), by
          document key (for a local document: by issuing body) and then most
          recently indexed report first.  Snippet: the paragraph around the
          citation, the citation in «».  With ``text`` too, only occurrences
          whose paragraph also matches the text.
        * ``area`` (an id of :data:`model.AREAS`), ``province`` (any spelling
          with or without diacritics), ``period`` (see :func:`parse_period`;
          a year inside it works as ``year``), ``year``, ``kind`` (a document
          kind of :data:`layout.DOC_KINDS`: "bao_cao", "ke_hoach", …),
          ``district`` (with or without "huyện"), ``unit_kind`` (``xa``,
          ``phuong``, ``huyen``, …): filters.  With filters only, the matching
          paragraphs, newest first.
        * ``offset``: skip that many hits first (pages of results).
        """
        offset = max(0, int(offset))
        limit = max(0, int(limit))
        hits = self._hits(text, cites, area, province, period, year, kind, district, unit_kind,
                          offset + limit)[offset:]
        if hits and hits[0].kind != "cites":
            # the page's newest report first, each report's paragraphs in order
            hits.sort(key=lambda h: (-h.report_id, h.paragraph))
        return self._with_paths(hits)

    def count(self, text=None, cites=None, area=None, province=None, period=None, year=None,
              kind=None, district=None, unit_kind=None, cap: int = 1000) -> int:
        """How many hits :meth:`search` has for the same arguments, counting up to ``cap``
        (a count past ``cap`` would cost as much as reading every hit)."""
        f = self._filters(area, province, period, year, kind, district, unit_kind)
        conds, cargs = f.report_conditions()
        try:
            if cites is not None and cites.strip() and not (text and text.strip()):
                return self._count_cites(cites, f, cap)
            if cites is not None and cites.strip() or conds:
                return len(self._hits(text, cites, area, province, period, year, kind, district, unit_kind,
                                      cap, snippets=False))
            query = None
            if text is not None and text.strip():
                query = fts_query(text)
                if query is None:
                    raise StoreError(f"'{text}' không có từ nào để tìm; gõ những từ cần tìm")
            elif f.empty:
                raise StoreError("chưa có gì để tìm: gõ từ cần tìm, --cites VĂN_BẢN hoặc một điều kiện")
            facets = _facets(f.area, f.province_key, f.year, f.period_kind, f.quarter).split()
            match = " AND ".join(([query] if query else []) + [f'facets : "{t}"' for t in facets])
            return self._db.execute(
                "SELECT count(*) FROM (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ? LIMIT ?)",
                (match, cap)).fetchone()[0]
        except sqlite3.OperationalError as err:
            raise StoreError(f"không tìm được trong chỉ mục {self.path}: {err}") from None

    def _count_cites(self, q: str, f: _Filters, cap: int) -> int:
        docs = self._cited_documents(q)
        where, args = f.report_conditions()
        more, more_args = f.citation_conditions()
        where, args = where + more, args + more_args
        join = " JOIN reports r ON r.id = c.report_id" if f.report_conditions()[0] else ""
        total = 0
        for doc in docs:
            if total >= cap:
                break
            total += self._db.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM citations c INDEXED BY citations_key{join}"
                " WHERE c.key >= ? AND c.key < ? AND (c.key = ? OR c.key > ?)"
                f"{''.join(' AND ' + w for w in where)} LIMIT ?)",
                (doc, doc + "}", doc, doc + "|", *args, cap - total)).fetchone()[0]
        return total

    def _hits(self, text, cites, area, province, period, year, kind, district, unit_kind, limit,
              snippets: bool = True) -> list[Hit]:
        filters = self._filters(area, province, period, year, kind, district, unit_kind)
        try:
            if cites is not None and cites.strip():
                return self._search_cites(cites, text, filters, limit)
            if text is not None and text.strip():
                query = fts_query(text)
                if query is None:
                    raise StoreError(f"'{text}' không có từ nào để tìm; gõ những từ cần tìm")
                return self._search_text(query, filters, limit, snippets)
            if not filters.empty:
                return self._search_text(None, filters, limit, snippets)
        except sqlite3.OperationalError as err:
            raise StoreError(f"không tìm được trong chỉ mục {self.path}: {err}") from None
        raise StoreError("chưa có gì để tìm: gõ từ cần tìm, --cites VĂN_BẢN hoặc một điều kiện (--area, --province, …)")

    def cited_by(self, cites: str, area=None, province=None, period=None, year=None, kind=None,
                 district=None, unit_kind=None, per_province: int | None = None) -> list[dict]:
        """Which units cited a document: one row per report citing it (``province``,
        ``district``, ``unit_kind``, ``unit_name``, ``period``, ``year``, ``report_id``,
        ``path``, ``times``), by province, district and unit, with the province's
        ``reports`` and ``units`` counts.  ``per_province``: at most that many rows
        of each province (the counts still count them all)."""
        f = self._filters(area, province, period, year, kind, district, unit_kind)
        docs = self._cited_documents(cites)
        if not docs:
            return []
        where, args = f.citation_conditions()
        one = ("SELECT c.report_id AS id FROM citations c INDEXED BY citations_key"
               " WHERE c.key >= ? AND c.key < ? AND (c.key = ? OR c.key > ?)"
               + "".join(" AND " + w for w in where))
        union = " UNION ALL ".join([one] * len(docs))
        union_args = [a for doc in docs for a in (doc, doc + "}", doc, doc + "|", *args)]
        conds, cargs = f.report_conditions()
        hits = (f"WITH hits AS (SELECT id, count(*) AS times FROM ({union}) GROUP BY id),"
                " cited AS (SELECT r.*, hits.times FROM hits JOIN reports r ON r.id = hits.id"
                + (" WHERE " + " AND ".join(conds) if conds else "") + ")")
        units = dict(self._db.execute(
            hits + " SELECT coalesce(province_key, ''), count(DISTINCT coalesce(unit_kind, '') || '|' ||"
            " coalesce(unit_key, '') || '|' || coalesce(district_key, '')) FROM cited GROUP BY 1",
            (*union_args, *cargs)).fetchall())
        rows = self._db.execute(
            hits + ", ranked AS (SELECT id, path, province, district, unit_kind, unit_name, period_label, year,"
            " times, coalesce(province_key, '') AS pk,"
            " row_number() OVER (PARTITION BY province_key ORDER BY district_key, unit_key, year DESC, id) AS k,"
            " count(*) OVER (PARTITION BY province_key) AS reports FROM cited)"
            " SELECT * FROM ranked WHERE k <= ? ORDER BY pk = '', pk, k",
            (*union_args, *cargs, per_province if per_province is not None else 1 << 62)).fetchall()
        return [{"province": r[2], "district": r[3], "unit_kind": r[4], "unit_name": r[5], "period": r[6],
                 "year": r[7], "report_id": r[0], "path": r[1], "times": r[8], "reports": r[11],
                 "units": units.get(r[9], 0)} for r in rows]

    def _with_paths(self, hits: list[Hit]) -> list[Hit]:
        """The hits, each with the other paths its report was given under."""
        if self.schema_version < 4 or not hits:
            return hits
        ids = sorted({h.report_id for h in hits})
        others: dict[int, list[str]] = {}
        for rid, path in self._db.execute(
                f"SELECT report_id, path FROM report_paths WHERE report_id IN ({','.join('?' * len(ids))})"
                " ORDER BY path", ids):
            others.setdefault(rid, []).append(path)
        if not others:
            return hits
        from dataclasses import replace

        return [replace(h, other_paths=tuple(others.get(h.report_id, ()))) for h in hits]

    def _filters(self, area, province, period, year, doc_kind=None, district=None, unit_kind=None) -> _Filters:
        from .layout import DOC_KINDS

        if area is not None and area not in AREAS:
            raise StoreError(f"không có lĩnh vực '{area}'; chọn một trong: {', '.join(AREAS)}")
        if doc_kind is not None and doc_kind not in DOC_KINDS:
            raise StoreError(f"không có loại văn bản '{doc_kind}'; chọn một trong: {', '.join(DOC_KINDS)}")
        kind = quarter = None
        if period is not None and str(period).strip():
            try:
                kind, quarter, pyear = parse_period(str(period))
            except UnknownPeriod as err:
                raise StoreError(str(err)) from None
            if year is None:
                year = pyear
            elif pyear is not None and pyear != int(year):
                raise StoreError(f"--period ghi năm {pyear} nhưng --year ghi {year}; chỉ ghi một năm")
        if year is not None:
            try:
                year = int(year)
            except (TypeError, ValueError):
                raise StoreError(f"năm '{year}' không phải là số như 2024") from None
        if unit_kind is not None and unit_kind not in UNIT_KINDS:
            raise StoreError(f"không có cấp đơn vị '{unit_kind}'; chọn một trong: {', '.join(UNIT_KINDS)}")
        return _Filters(area, place_key(province), year, kind, quarter, doc_kind, district_key(district),
                        unit_kind)

    def _search_text(self, query: str | None, f: _Filters, limit: int, snippets: bool = True) -> list[Hit]:
        """Paragraphs matching ``query`` and the filter facets, most recently indexed first.

        One streaming FTS5 pass in rowid order that stops at ``limit``; the
        snippet is computed only for the rows returned.  (Ranking by bm25
        would score every match — and FTS5 counts every document holding
        each phrase for its IDF — which costs ~0.1-0.3 s for a common
        phrase at 50,000 reports.)
        """
        db = self._db
        facets = _facets(f.area, f.province_key, f.year, f.period_kind, f.quarter).split()
        match = " AND ".join(([query] if query else []) + [f'facets : "{t}"' for t in facets])
        if limit == 0:
            return []
        snippet = (f"snippet(paragraphs_fts, 0, '«', '»', '…', {_SNIPPET_TOKENS})"
                   if query is not None and snippets else "NULL")
        conds, cargs = f.report_conditions()
        if conds and not match:  # report filters alone (kind, district, unit level)
            found = db.execute(
                "SELECT p.id, NULL FROM paragraphs p JOIN reports r ON r.id = p.report_id"
                f" WHERE {' AND '.join(conds)} ORDER BY p.id DESC LIMIT ?", (*cargs, limit)).fetchall()
        elif conds:  # these are not facets: ask the reports table
            found = db.execute(
                f"SELECT rowid, {snippet} FROM paragraphs_fts WHERE paragraphs_fts MATCH ?"
                " AND rowid IN (SELECT p.id FROM paragraphs p JOIN reports r ON r.id = p.report_id"
                f" WHERE {' AND '.join(conds)}) ORDER BY rowid DESC LIMIT ?",
                (match, *cargs, limit),
            ).fetchall()
        else:
            found = db.execute(
                f"SELECT rowid, {snippet} FROM paragraphs_fts WHERE paragraphs_fts MATCH ?"
                " ORDER BY rowid DESC LIMIT ?",
                (match, limit),
            ).fetchall()
        if not found:
            return []
        snippets = dict(found)
        ids = list(snippets)
        # 3. Paragraph and report rows for the page.
        marks = ",".join("?" * len(ids))
        rows = db.execute(
            "SELECT p.id, p.idx, p.section, p.area, p.text, r.id, r.path, r.unit_name, r.unit_kind,"
            " r.district, r.province, r.period_label, r.year, r.province_key, r.period_kind, r.quarter"
            f" FROM paragraphs p JOIN reports r ON r.id = p.report_id WHERE p.id IN ({marks})",
            ids,
        ).fetchall()
        by_id = {row[0]: row for row in rows}
        hits = []
        for pid in ids:
            row = by_id.get(pid)
            if row is None:
                continue
            # the facets narrowed the FTS query; confirm on the stored columns
            if not _passes(f, row[3], row[13], row[12], row[14], row[15]):
                continue
            snip = snippets.get(pid) or _lead(row[4])
            hits.append(Hit("text" if query else "filter", row[5], row[6], row[7], row[8], row[9],
                            row[10], row[11], row[12], row[1], row[2], row[3], snip))
        return hits  # newest paragraph first; search() puts each page in reading order

    def _cite_prefixes(self, qm: QueryMatch, broad: bool) -> list[str]:
        """Key prefixes (each a B-tree range) holding every document the query can mean.

        A complete number ("61/2018/NĐ-CP") is its own prefix; ``broad`` (or a
        partial query, "NĐ 61/2018") takes every document of that number and
        leaves :meth:`QueryMatch.matches` to sort them out — which also
        catches a canonical spelt differently in the report ("TU" for "TƯ").
        """
        if qm.canonical is not None and not broad:
            return [strip_zeros(qm.canonical)]
        if qm.law_name is not None:
            return [{"bo_luat": "Bộ luật ", "hien_phap": "Hiến pháp"}.get(qm.type or "", "Luật ")]
        if qm.number is not None:
            n = f"{qm.number}{getattr(qm, 'suffix', '') or ''}"  # "30c" in 30c/NQ-CP
            if qm.party:
                return [n + "-"]
            return [f"{n}/{qm.year}/" if qm.year is not None else n + "/", n + "-"]
        raise StoreError(
            f"không đọc được '{qm.query}' là số hiệu văn bản; gõ như trong báo cáo, "
            "ví dụ 'Nghị định 61/2018/NĐ-CP', 'NĐ 61/2018' hoặc 'Luật Đất đai 2013'"
        )

    def _cited_documents(self, q: str) -> list[str]:
        """The cited documents a query means: exactly, else (a canonical spelt
        differently in the reports) every document of its number."""
        qm = parse_query(q)
        docs = self._documents(qm, broad=False)
        if not docs and qm.canonical is not None:
            docs = self._documents(qm, broad=True)
        return docs

    def _documents(self, qm: QueryMatch, broad: bool) -> list[str]:
        """The cited documents (key up to "|") the query means, in key order.

        A skip scan over the key index: one or two seeks per distinct document
        in the prefix ranges, however many reports cite each.  A local
        document's keys ("2/KH-UBND|ubnd hoang luu|2024", one per issuer)
        count as one document here.
        """
        db = self._db
        docs: list[str] = []
        for pre in self._cite_prefixes(qm, broad):
            lo, hi = pre, _after(pre)
            while (row := db.execute("SELECT key FROM citations WHERE key >= ? AND key < ? ORDER BY key LIMIT 1",
                                     (lo, hi)).fetchone()) is not None:
                key = row[0]
                doc = key.split("|", 1)[0]
                # keys sort as: doc, doc-X…, doc-X|…, doc|…; past a bare doc step one
                # character on, past doc|… jump over all of that document's keys
                lo = key + "\x00" if key == doc else doc + "}"
                wanted = doc == pre if not broad and qm.canonical is not None else qm.matches(doc)
                if wanted and doc not in docs:
                    docs.append(doc)
        return sorted(docs)

    def _search_cites(self, q: str, text: str | None, f: _Filters, limit: int) -> list[Hit]:
        db = self._db
        docs = self._cited_documents(q)
        where, args = f.citation_conditions()
        conds, cargs = f.report_conditions()
        where += conds
        args += cargs
        if text is not None and text.strip():
            query = fts_query(text)
            if query is None:
                raise StoreError(f"'{text}' không có từ nào để tìm; gõ những từ cần tìm")
            where.append("c.para_id IN (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?)")
            args.append(query)
        # One range scan of the key index per document, in (key, newest report)
        # order, so LIMIT stops it early; the filters are index columns too.
        sql = (
            "SELECT c.surface, c.canonical, c.key, c.start, c.\"end\", p.idx, p.section, c.area, p.text,"
            " p.start, r.id, r.path, r.unit_name, r.unit_kind, r.district, r.province, r.period_label,"
            " r.year FROM citations c INDEXED BY citations_key JOIN reports r ON r.id = c.report_id"
            " LEFT JOIN paragraphs p ON p.id = c.para_id"
            " WHERE c.key >= ? AND c.key < ? AND (c.key = ? OR c.key > ?)"
            f" {''.join(' AND ' + w for w in where)}"
            " ORDER BY c.key, c.report_id DESC LIMIT ?"
        )
        hits: list[Hit] = []
        for doc in docs:
            if len(hits) >= limit:
                break
            for row in db.execute(sql, (doc, doc + "}", doc, doc + "|", *args, limit - len(hits))):
                surface, canonical, key, start, end, idx, section, area, ptext, pstart = row[:10]
                snip = _mark(ptext, start - pstart, end - pstart) if ptext is not None else f"«{surface}»"
                hits.append(Hit("cites", row[10], row[11], row[12], row[13], row[14], row[15], row[16],
                                row[17], idx, section, area, snip, surface, canonical, key))
        return hits


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def _statements(script: str) -> list[str]:
    """Split a migration script into complete statements (CREATE TRIGGER … END stays whole)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def _after(prefix: str) -> str:
    """The least string greater than every string starting with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _containing(spans: list[tuple[int, int, int]], start: int, end: int) -> int | None:
    """Id of the paragraph whose span holds [start, end), else None (header, table, closing)."""
    lo = bisect_right(spans, start, key=lambda s: s[0])  # past the last span starting <= start
    if lo and spans[lo - 1][0] <= start and end <= spans[lo - 1][1]:
        return spans[lo - 1][2]
    return None


def _passes(f: _Filters, area, province_key, year, period_kind, quarter) -> bool:
    return ((f.area is None or area == f.area)
            and (f.province_key is None or province_key == f.province_key)
            and (f.year is None or year == f.year)
            and (f.period_kind is None or period_kind == f.period_kind)
            and (f.quarter is None or quarter == f.quarter))


def _lead(text: str, words: int = _SNIPPET_TOKENS) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _mark(text: str, s: int, e: int, context: int = _CITE_CONTEXT) -> str:
    """``text`` around [s, e) with that span in «», cut at word boundaries with …"""
    a = max(0, s - context)
    b = min(len(text), e + context)
    if a > 0:
        sp = text.find(" ", a, s)
        a = sp + 1 if sp != -1 else a
    if b < len(text):
        sp = text.rfind(" ", e, b)
        b = sp if sp != -1 else b
    return ("…" if a > 0 else "") + text[a:s] + "«" + text[s:e] + "»" + text[e:b] + ("…" if b < len(text) else "")


__all__ = [
    "Store", "StoreError", "Hit", "MIGRATIONS", "STORE_SCHEMA_VERSION",
    "default_db_path", "district_key", "fts_query", "fts_text", "parse_period", "place_key", "UNIT_KINDS",
]
