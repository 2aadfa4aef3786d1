"""The same report as .txt, .docx and .pdf gives the same structure.

Agreement measured (difflib ratio of the sequences, docs/ingest.md):
.docx is exact for paragraphs, headings and appendix rows; .pdf loses
some paragraph boundaries (a line that ends a sentence at the right margin
looks like a paragraph end) and drawn tables lose their columns.
"""

import difflib

import pytest

from cchc_nlp.pipeline import parse
from renditions import SEEDS

STEMS = [s.stem for s in SEEDS]


def _agreement(a, b):
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _views(report):
    return (
        [p.text for p in report.paragraphs],
        [(s.number, s.title) for s in report.sections],
        [r[:4] for t in report.tables for r in t.rows],
    )


@pytest.mark.parametrize("stem", STEMS)
def test_docx_rendition_recovers_the_txt_structure_exactly(renditions, stem):
    txt = parse(renditions[stem]["txt"])
    docx = parse(renditions[stem]["docx"])
    assert _views(docx) == _views(txt)
    assert docx.meta.unit_name == txt.meta.unit_name
    assert docx.meta.period == txt.meta.period


@pytest.mark.parametrize("stem", STEMS)
def test_docx_appendix_comes_from_word_tables(renditions, stem):
    docx = parse(renditions[stem]["docx"])
    txt = parse(renditions[stem]["txt"])
    expected = {"tsv": "word", "pdf-lines": "pdf-lines"}
    assert [t.source for t in docx.tables] == [expected[t.source] for t in txt.tables]


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_rendition_recovers_headings_and_most_paragraphs(renditions, stem):
    txt = parse(renditions[stem]["txt"])
    pdf = parse(renditions[stem]["pdf"])
    paragraphs, headings, _ = _views(pdf)
    want_p, want_h, _ = _views(txt)
    assert _agreement(want_h, headings) >= 0.90
    assert _agreement(want_p, paragraphs) >= 0.85
    assert pdf.meta.unit_name == txt.meta.unit_name
    assert pdf.meta.period == txt.meta.period
