"""spaCy: the top adapter over the stages.

:func:`load` gives ``spacy.blank("vi")`` with the underthesea tokenizer instead of
pyvi (which spaCy's Vietnamese class would otherwise ask for) and the project's
components::

    import cchc_nlp
    nlp = cchc_nlp.load()
    doc = nlp("UBND xã đã ban hành Kế hoạch số 02/KH-UBND ngày 05/01/2024.")
    doc.cats            # {"chi_dao_dieu_hanh": 0.71, ...}
    doc.spans["citations"]

``nlp.add_pipe("cchc_citations")`` puts cited documents in
``doc.spans["citations"]`` (label = citation type id); ``nlp.add_pipe("cchc_areas")``
sets ``doc.cats`` to the area model's probabilities.  The components are thin
adapters over the pure functions of ``citations`` and ``areas``.
"""

from __future__ import annotations

import functools

from spacy.language import Language

from .tokenise import tokens


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


class UnderthesaTokenizer:
    """A spaCy tokenizer: underthesea words become spaCy tokens.

    Token texts keep their spaces ("cải cách"); ``whitespace_`` is restored from
    the original text so that ``doc.text`` equals the input exactly.
    """

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str):
        from spacy.tokens import Doc

        words, spaces = [], []
        pos = 0
        for tok in tokens(text):
            surface = tok.replace("_", " ")
            found = text.find(surface, pos)
            if found == -1:  # underthesea normalised something: fall back to pieces
                for piece in surface.split(" "):
                    found = text.find(piece, pos)
                    if found == -1:
                        continue
                    if found > pos and words:
                        spaces[-1] = True
                    words.append(piece)
                    spaces.append(False)
                    pos = found + len(piece)
                continue
            if found > pos and words:
                spaces[-1] = True
            words.append(text[found : found + len(surface)])
            spaces.append(False)
            pos = found + len(surface)
        if words and pos < len(text) and text[pos:].strip() == "" and text[pos:]:
            spaces[-1] = True
        return Doc(self.vocab, words=words, spaces=spaces)

    # spaCy serialisation hooks: nothing to save, the model ships with underthesea
    def to_bytes(self, **_):
        return b""

    def from_bytes(self, _data, **_):
        return self

    def to_disk(self, _path, **_):
        return None

    def from_disk(self, _path, **_):
        return self


def _register() -> None:
    from spacy.util import registry

    @registry.tokenizers("cchc.underthesea_tokenizer.v1")
    def _make():
        def create(nlp):
            return UnderthesaTokenizer(nlp.vocab)

        return create


@functools.cache
def _registered() -> bool:
    _register()
    return True


def load():
    """A spaCy ``Language`` for Vietnamese reports with the cchc components.

    Returns ``spacy.blank("vi")`` using the underthesea tokenizer, with
    ``cchc_citations`` (spans in ``doc.spans["citations"]``) and ``cchc_areas``
    (``doc.cats`` from the trained area model).
    """
    import spacy

    _registered()
    config = {"nlp": {"tokenizer": {"@tokenizers": "cchc.underthesea_tokenizer.v1"}}}
    nlp = spacy.blank("vi", config=config)
    nlp.add_pipe("cchc_citations")
    nlp.add_pipe("cchc_areas")
    return nlp
