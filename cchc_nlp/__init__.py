"""cchc-nlp: read Vietnamese commune reports on administrative reform (CCHC).

The verbs::

    from cchc_nlp import parse
    report = parse("corpus/reports/000_46eead6140f5e907.txt")
    report.meta.unit_name          # 'Hoằng Lưu'
"""

__version__ = "0.1.0"

__all__ = ["parse", "__version__"]


def __getattr__(name):  # keep `import cchc_nlp` fast: stages load on first use
    if name == "parse":
        from .pipeline import parse

        return parse
    raise AttributeError(name)
