"""`cchc tag` against underthesea's tokeniser alone (a benchmark, not a test).

Two cold processes, each timed from start to exit, alternated ``--repeat`` times:

* the baseline: a Python process that imports underthesea and runs ``word_tokenize``
  over every narrative paragraph of the five seed reports (the text the tagger
  must segment; the paragraphs are written to a file first, so the baseline does
  not parse anything);
* ``cchc tag corpus/reports --format jsonl``: reading, structure, segmentation,
  the area model, sentence splitting and the concreteness model, output written.

The ratio ``tag / tokenise`` is what issue 18 asks to bring to 1.0 or below: the
tokeniser is the floor every other stage should hide inside.

Run::

    python benchmarks/bench_tokenise.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BASELINE = """
import sys
from underthesea import word_tokenize
for line in open(sys.argv[1], encoding="utf-8"):
    word_tokenize(line.rstrip("\\n"))
"""


def _run(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    from cchc_nlp.pipeline import parse

    seeds = sorted((ROOT / "corpus" / "reports").glob("*.txt"))
    paragraphs = [p.text for s in seeds for p in parse(s).paragraphs]
    cchc = str(Path(sys.executable).parent / "cchc")
    with tempfile.TemporaryDirectory() as tmp:
        lines = Path(tmp) / "paragraphs.txt"
        lines.write_text("\n".join(" ".join(t.split()) for t in paragraphs) + "\n", encoding="utf-8")
        base, tag = [], []
        for _ in range(args.repeat):
            base.append(_run([sys.executable, "-c", BASELINE, str(lines)]))
            tag.append(_run([cchc, "tag", str(ROOT / "corpus" / "reports"), "--format", "jsonl",
                             "-o", str(Path(tmp) / "out.jsonl")]))
    b, t = statistics.median(base), statistics.median(tag)
    print(f"## cchc tag against underthesea alone ({time.strftime('%Y-%m-%d')}; five seeds, "
          f"{len(paragraphs)} paragraphs, {sum(len(p) for p in paragraphs):,} characters; "
          f"median of {args.repeat} cold runs each)\n")
    print(f"- underthesea word_tokenize alone: {b:.2f} s")
    print(f"- cchc tag: {t:.2f} s")
    print(f"- ratio tag / tokenise: **{t / b:.2f}×** (issue 18 target: ≤ 1.0)")


if __name__ == "__main__":
    main()
