"""Evaluation and training, apart from prediction: gold loading, cross-validation
grouped by report and by province, training the shipped models, and the reports
of ``cchc evaluate``.

The stages (``areas``, ``concreteness``, …) only load and predict; everything that
reads gold annotations lives here.  ``TARGETS`` is what ``cchc evaluate`` runs.
"""

from __future__ import annotations

from typing import Callable


def _areas(_: str) -> str:
    from .training import transfer_report

    return transfer_report()


def _concreteness(_: str) -> str:
    from . import transfer

    res = transfer.compare_boilerplate()
    lines = []
    for name in transfer.BOILERPLATE_CANDIDATES:
        for part in ("cv", "test"):
            r = res[name][part]
            lines.append(f"{name:<7} {'CV theo tỉnh' if part == 'cv' else 'tỉnh kiểm tra':<14} "
                         f"macro-F1 {r['macro_f1']:.3f}  concrete F1 {r['concrete']['f1-score']:.3f}  "
                         f"boilerplate F1 {r['boilerplate']['f1-score']:.3f}  "
                         f"đoạn {r['paragraph_macro_f1']:.3f}  ({r['sentences']} câu)")
    lines.append(f"has_digit tỉnh kiểm tra  macro-F1 {res['has_digit_test']['macro_f1']:.3f}")
    return "\n".join(lines)


def _checks(gold_set: str) -> str:
    from .checks import SETS, evaluate, format_report

    return format_report(evaluate(gold_set=gold_set if gold_set in SETS else "seeds"))


def _sentences(_: str) -> str:
    from .sentences import evaluate, format_report

    return format_report(evaluate())


def _figures(_: str) -> str:
    from .figures import evaluate, format_table

    return format_table(evaluate())


def _citations(_: str) -> str:
    from ..config import corpus_dir
    from .citations import evaluate, format_table

    return format_table(evaluate(corpus_dir() / "gold" / "citations.jsonl", corpus_dir() / "reports"))


def _structure(gold_set: str, wrap: int | None = None) -> str:
    import json

    from .structure import evaluate, evaluate_set, format_set

    if gold_set not in ("seeds", "fresh"):
        return format_set(evaluate_set(gold_set, wrap=wrap))
    res = evaluate()
    lines = [f"{field:<14}{acc:.3f}" for field, acc in res["meta_accuracy"].items()]
    lines += [json.dumps(row, ensure_ascii=False) for row in res["reports"]]
    return "\n".join(lines)


#: ``cchc evaluate TARGET [--set NAME]``: each target's report, as text (structure also
#: takes ``wrap``, from ``--wrap``)
TARGETS: dict[str, Callable[..., str]] = {
    "areas": _areas, "concreteness": _concreteness, "sentences": _sentences, "citations": _citations,
    "structure": _structure, "figures": _figures, "checks": _checks,
}
