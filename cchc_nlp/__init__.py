"""cchc-nlp: read Vietnamese commune reports on administrative reform (CCHC).

The verbs::

    from cchc_nlp import parse
    report = parse("corpus/reports/000_46eead6140f5e907.txt")
    report.meta.unit_name          # 'Hoằng Lưu'

    nlp = cchc_nlp.load()          # spaCy pipeline: doc.cats (areas), doc.spans["citations"]
"""

from .config import VERSION as __version__

__all__ = ["load", "parse", "__version__"]


def __getattr__(name):  # keep `import cchc_nlp` fast: stages load on first use
    if name == "parse":
        from .pipeline import parse

        return parse
    if name == "load":  # cchc_nlp.nlp.load() stays as an alias
        from .spacy_components import load

        return load
    raise AttributeError(name)
