"""Where every labelled paragraph and sentence comes from: document, province, kind.

The area and concreteness models are evaluated for transfer to provinces they
have not seen (``transfer.py``), so every example needs its province; the
province split is frozen in ``corpus/gold/province_split.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..config import corpus_dir
from ..normalise import fold

#: central bodies (ministries, the Government) have no province
CENTRAL = "trung_uong"


def province_key(name: str | None) -> str:
    """One spelling per province: "Thừa Thiên Huế" and "Huế", "TP. Hồ Chí Minh" and
    "TP.HCM", "Bà Rịa - Vũng Tàu" and "Bà Rịa–Vũng Tàu" are each one key."""
    if not name or name.strip() in ("", "–", "-"):
        return CENTRAL
    f = fold(name).replace("–", "-")
    f = re.sub(r"^(?:tinh|thanh pho|tp\.?)\s*", "", f.strip())
    f = re.sub(r"[^a-z0-9]+", " ", f).strip()
    return {"thua thien hue": "hue", "hcm": "ho chi minh", "tphcm": "ho chi minh"}.get(f, f)


@dataclass(frozen=True)
class Document:
    id: str  # file stem: the group of grouped cross-validation
    province: str  # province_key
    kind: str  # document kind (layout.DOC_KINDS), "bao_cao" for the seeds
    path: Path


#: structure development sets whose documents (in their ``docs/``) also carry area labels,
#: each listed in its ``manifest.jsonl`` with its province and kind
LABELLED_DEV_SETS = tuple((name, "manifest.jsonl") for name in ("dev11", "dev13", "dev14", "dev16"))


@lru_cache(maxsize=1)
def documents() -> dict[str, Document]:
    """Every corpus document that has labels, by id."""
    root = corpus_dir()
    out: dict[str, Document] = {}
    for line in (root / "gold" / "structure.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            out[g["report"]] = Document(g["report"], province_key(g["meta"]["province"]), "bao_cao",
                                        root / "reports" / f"{g['report']}.txt")
    for folder, pattern in (("extra", "manifest.jsonl"), ("web", "manifest_*.jsonl"), *LABELLED_DEV_SETS):
        for manifest in sorted((root / folder).glob(pattern)):
            for line in manifest.read_text("utf-8").splitlines():
                if line.strip():
                    m = json.loads(line)
                    stem = Path(m["file"]).stem
                    out[stem] = Document(stem, province_key(m.get("province")),
                                         m.get("doc_kind") or "khac", root / folder / m["file"])
    return out


def load_split() -> dict:
    """The frozen province split: ``{"test": [...province keys], ...}``."""
    return json.loads((corpus_dir() / "gold" / "province_split.json").read_text("utf-8"))
