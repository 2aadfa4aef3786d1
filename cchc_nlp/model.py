"""Result types shared by every stage.

Nothing in here imports the rest of the package.  Results are frozen
dataclasses; character offsets always index the *normalised* text of the
report (``Report.text``), and ``surface``-like fields are always the slice
``text[start:end]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

SCHEMA_VERSION = "1.1"

#: Kinds of reporting unit (``Meta.unit_kind``) and the word written before the name.
UNIT_KIND_WORDS: dict[str, str] = {"xa": "xã", "phuong": "phường", "thi_tran": "thị trấn",
                                   "dac_khu": "đặc khu"}
#: Units above the commune (``Meta.unit_kind`` of plans, decisions and letters from
#: districts, provinces, departments and ministries) and how they are written.
HIGHER_UNIT_KIND_WORDS: dict[str, str] = {
    "huyen": "huyện", "quan": "quận", "thi_xa": "thị xã", "thanh_pho": "thành phố",
    "tinh": "tỉnh", "so": "", "bo": "", "khac": "",
}
#: The cities run by the centre, province-level units ("tinh") written "thành phố …".
CENTRAL_CITY_NAMES = frozenset({"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"})
#: The fields a ministry, a department or a district office is named after ("Bộ Nội vụ",
#: "Sở Tư pháp", "Phòng Tài chính - Kế hoạch"), in lower case, with the spellings in use.
OFFICE_FIELDS: tuple[str, ...] = (
    "nội vụ", "tài chính", "tư pháp", "thông tin và truyền thông", "kế hoạch và đầu tư",
    "tài nguyên và môi trường", "lao động - thương binh và xã hội",
    "lao động thương binh và xã hội", "lao động, thương binh và xã hội",
    "giáo dục và đào tạo", "y tế", "công thương", "xây dựng", "giao thông vận tải",
    "nông nghiệp và phát triển nông thôn", "nông nghiệp và môi trường",
    "khoa học và công nghệ", "văn hóa, thể thao và du lịch", "văn hóa thể thao và du lịch",
    "văn hoá, thể thao và du lịch", "quốc phòng", "công an", "ngoại giao", "ngoại vụ",
    "dân tộc và tôn giáo", "tài chính - kế hoạch", "tài chính kế hoạch", "kinh tế",
    "kinh tế - hạ tầng", "kinh tế và hạ tầng", "văn hóa và thông tin", "văn hóa - thông tin",
    "văn hoá và thông tin", "lao động - thương binh xã hội",
)  # fmt: skip

#: document kinds held to the reporting outline and given a quality score (None: the
#: kind could not be read, as for a report excerpt without its title)
REPORT_KINDS = frozenset({"bao_cao", None})

#: how a reviewer reads a flag's severity (ids stay English for machines)
SEVERITY_LABELS: dict[str, str] = {"high": "cao", "medium": "trung bình", "low": "thấp"}

#: The seven CCHC areas plus ``khac`` (see DOMAIN.md), with Vietnamese labels.
AREAS: dict[str, str] = {
    "chi_dao_dieu_hanh": "Công tác chỉ đạo, điều hành CCHC",
    "the_che": "Cải cách thể chế",
    "tthc": "Cải cách thủ tục hành chính",
    "to_chuc_bo_may": "Cải cách tổ chức bộ máy hành chính nhà nước",
    "cong_vu": "Cải cách chế độ công vụ",
    "tai_chinh_cong": "Cải cách tài chính công",
    "chinh_quyen_so": "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
    "khac": "Khác (đánh giá chung, kiến nghị, …)",
}


@dataclass(frozen=True, slots=True)
class WordTable:
    """A table as it arrived from the source: rows of cell strings.

    Merged cells are repeated in every grid position they cover, so every row
    has the same number of cells.
    """

    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Block:
    """One block of a source document in reading order: a paragraph or a table."""

    kind: str  # "paragraph" | "table"
    text: str = ""
    style: str = ""  # Word style name ("Heading 1", "List Paragraph") when known
    table: WordTable | None = None


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a reader recovered from a file, before normalisation."""

    path: str
    format: str  # "txt" | "docx" | "pdf" | "doc"
    sha256: str
    size: int
    blocks: tuple[Block, ...]
    encoding: str = ""  # for text files: the detected encoding / legacy font encoding
    #: True when lines end at a fixed width (PDF text layer) and must be re-joined.
    hard_wrapped: bool = False

    @property
    def text(self) -> str:
        """The paragraph text of the document, tables rendered tab-separated."""
        parts = []
        for b in self.blocks:
            if b.kind == "table" and b.table is not None:
                parts.append("\n".join("\t".join(r) for r in b.table.rows))
            else:
                parts.append(b.text)
        return "\n\n".join(parts)


@dataclass(frozen=True, slots=True)
class Period:
    kind: str | None  # "quy" | "6_thang" | "9_thang" | "nam" | "thang" | "giai_doan"
    quarter: int | None
    year: int | None  # for "giai_doan", the first year
    label: str  # Vietnamese, e.g. "6 tháng đầu năm 2024"
    month: int | None = None  # for "thang"
    year_end: int | None = None  # for "giai_doan"


@dataclass(frozen=True, slots=True)
class Meta:
    unit_kind: str | None = None  # "xa" | "phuong" | "thi_tran" | "dac_khu"
    unit_name: str | None = None  # "Hoằng Lưu"
    district: str | None = None  # "Hoằng Hóa" (None after July 2025)
    province: str | None = None  # "Thanh Hóa"
    number: str | None = None  # "45/BC-UBND"
    place: str | None = None
    date: date | None = None
    period: Period | None = None
    signer_name: str | None = None
    signer_title: str | None = None
    #: the kind of document: "bao_cao", "ke_hoach", "quyet_dinh", … (layout.DOC_KINDS)
    kind: str | None = None
    #: for every field above, where it came from: "header", "body", "gazetteer"
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def unit_kind_word(self) -> str:
        """How the unit's kind is written before its name: "xã", "tỉnh", "thành phố" for a
        city run by the centre (``unit_kind`` "tinh": "thành phố Đà Nẵng"), "" for a body."""
        if self.unit_kind == "tinh" and self.unit_name in CENTRAL_CITY_NAMES:
            return "thành phố"
        return UNIT_KIND_WORDS.get(self.unit_kind or "") or HIGHER_UNIT_KIND_WORDS.get(self.unit_kind or "", "")

    @property
    def unit_label(self) -> str:
        """The unit as a reviewer writes it: "xã Hoằng Lưu"; "huyện (không rõ tên)" when the text
        names it by its kind alone, "" when it names none."""
        if self.unit_name:
            return f"{self.unit_kind_word} {self.unit_name}".strip()
        return f"{self.unit_kind_word} (không rõ tên)" if self.unit_kind_word else ""


@dataclass(frozen=True, slots=True)
class Section:
    number: str  # "II.2", "I", "II.1.a"
    title: str
    level: int
    start: int  # the heading's first character
    end: int  # end of the section (up to the next heading of the same or a higher level)
    heading_end: int = -1  # end of the heading's own line(s); -1: not recorded

    def __post_init__(self):
        if self.heading_end < 0:
            object.__setattr__(self, "heading_end", self.start)


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    section: str  # dotted path of the section it sits in, "" before the first heading
    heading: str  # title of the innermost heading
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Table:
    """An appendix table normalised to STT / chỉ tiêu / đơn vị tính / số liệu / ghi chú."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: "word" | "tsv" | "pdf-lines" (appendix tables); "web" (a web page's "|" rows) and
    #: "cells" (a table copied one cell per line) in the narrative: one row per line there
    source: str
    start: int
    end: int

    @property
    def in_narrative(self) -> bool:
        """A table written among the paragraphs (one row per line), not a statistics appendix."""
        return self.source in ("web", "cells")

    def to_frame(self):  # pandas is imported lazily: most callers never need it
        import pandas as pd

        return pd.DataFrame(list(self.rows), columns=list(self.columns))


@dataclass(frozen=True, slots=True)
class JudgedSentence:
    """One sentence of a narrative paragraph and whether it states a concrete result."""

    text: str
    concrete: bool
    probability: float  # of being concrete
    reasons: tuple[str, ...] = ()  # Vietnamese, for reviewers


@dataclass(frozen=True, slots=True)
class TaggedParagraph:
    """A narrative paragraph with what the areas and concreteness stages found
    (one record of ``cchc tag``, see ``render.records.tag_record``)."""

    index: int
    section: str
    heading: str
    text: str
    start: int
    end: int
    area: str  # an id of AREAS
    area_scores: dict[str, float]
    boilerplate: bool  # not one sentence is concrete
    concreteness: float  # share of the paragraph's characters in concrete sentences
    sentences: tuple[JudgedSentence, ...] = ()


@dataclass(frozen=True, slots=True)
class Region:
    """A block of the document outside sections, paragraphs and tables.

    ``kind``: "header", "title", "closing" (recipients, signature, byline) and
    "link" (a bare URL left by PDF extraction) are set aside; "caption" is an
    appendix table's title and counts as part of its table.
    """

    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Report:
    file: str
    sha256: str
    format: str
    text: str  # normalised text; every offset below indexes it
    meta: Meta
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    tables: tuple[Table, ...]
    #: offsets of the signature / "Nơi nhận" block, kept out of the narrative
    closing: tuple[int, int] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    #: header, title and closing blocks: with sections, paragraphs and tables they
    #: cover every non-blank character of ``text`` exactly once
    set_aside: tuple[Region, ...] = ()
    #: False when no outline (no heading) was recognised and paragraphs come
    #: from line breaks alone
    outline: bool = True

    @property
    def coverage(self) -> float:
        """Share of the body's non-blank characters (everything but header, title
        and closing) that lies in a paragraph, a heading or a table."""
        aside = sum(_ink(self.text, r.start, r.end) for r in self.set_aside if r.kind != "caption")
        body = _ink(self.text, 0, len(self.text)) - aside
        if body <= 0:
            return 1.0
        kept = (sum(_ink(self.text, p.start, p.end) for p in self.paragraphs)
                + sum(_ink(self.text, s.start, s.heading_end) for s in self.sections)
                + sum(_ink(self.text, t.start, t.end) for t in self.tables)
                + sum(_ink(self.text, r.start, r.end) for r in self.set_aside if r.kind == "caption"))
        return min(1.0, kept / body)


def _ink(text: str, start: int, end: int) -> int:
    """Non-blank characters of ``text[start:end]``."""
    chunk = text[start:end]
    return len(chunk) - sum(chunk.count(c) for c in " \t\n")


@dataclass(frozen=True, slots=True)
class Citation:
    start: int  # offsets into the normalised text
    end: int
    surface: str  # always text[start:end]
    type: str  # "nghi_dinh", "quyet_dinh", "ke_hoach", ... or "unknown"
    number: str  # "61", "18" (party documents: "18")
    year: int | None  # year inside the number ("61/2018/…"), else None
    code: str  # "NĐ-CP", "KH-UBND", "NQ/TW"
    canonical: str  # "61/2018/NĐ-CP", same in every report
    date: date | None = None
    date_text: str | None = None  # the date as written, kept even when invalid
    issuer: str | None = None  # "Chính phủ", "UBND huyện Hoằng Hóa"
    subject: str | None = None
    type_word: str | None = None  # the type word as written, if any
    name: str | None = None  # laws cited by name: "Luật Cán bộ, công chức"
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Metric:
    indicator: str
    value: Any  # Decimal
    unit: str
    source: str  # "table" | "narrative"
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Evidence:
    start: int
    end: int
    quote: str


@dataclass(frozen=True, slots=True)
class Flag:
    id: str
    severity: str  # "high" | "medium" | "low"
    message_vi: str
    evidence: tuple[Evidence, ...]
