"""The public face of Vietnamese NLP in cchc-nlp, for library users.

``cchc_nlp.nlp.tokens`` / ``sentences`` / ``segmented`` are the underthesea
tokenisation stage (:mod:`cchc_nlp.tokenise`), and ``cchc_nlp.nlp.load()`` is the
spaCy pipeline (:func:`cchc_nlp.spacy_components.load`, also ``cchc_nlp.load()``),
the spelling the README first gave.  This module sits at the top of the house:
no stage imports it, so it may reach any of them.
"""

from __future__ import annotations

from .tokenise import segmented, sentences, token_spans, tokens, words_within

__all__ = ["load", "segmented", "sentences", "token_spans", "tokens", "words_within"]



def __getattr__(name):
    # ``load`` is spaCy's pipeline: imported only when asked for, so that reading
    # ``cchc_nlp.nlp.tokens`` costs no spaCy import; it is the very same function as
    # ``cchc_nlp.load``
    if name == "load":
        from .spacy_components import load

        return load
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
