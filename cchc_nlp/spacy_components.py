"""spaCy components: thin adapters over the pure functions.

``nlp.add_pipe("cchc_citations")`` puts cited documents in
``doc.spans["citations"]`` (label = citation type id); ``nlp.add_pipe("cchc_areas")``
sets ``doc.cats`` to the area model's probabilities.
"""

from __future__ import annotations

from spacy.language import Language


class CitationTagger:
    def __init__(self, key: str):
        self.key = key

    def __call__(self, doc):
        from .citations import find_citations

        spans = (doc.char_span(c.start, c.end, label=c.type, alignment_mode="expand")
                 for c in find_citations(doc.text))
        doc.spans[self.key] = [s for s in spans if s is not None]
        return doc


class AreaCategoriser:
    def __call__(self, doc):
        from .areas import AreaTagger

        [pred] = AreaTagger.load().predict([doc.text])
        doc.cats = dict(pred.scores)
        return doc


@Language.factory("cchc_citations", default_config={"key": "citations"})
def make_citation_tagger(nlp, name, *, key: str):
    return CitationTagger(key)


@Language.factory("cchc_areas")
def make_area_categoriser(nlp, name):
    return AreaCategoriser()
