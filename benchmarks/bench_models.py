"""Speed of the trained stages, against underthesea tokenisation in the same process.

    .venv/bin/python benchmarks/bench_models.py [--repeat 5]

Prints, on the narrative paragraphs of the five seed reports:
  * tokenisation alone (underthesea word_tokenize, uncached) — the baseline;
  * area tagging excluding tokenisation (paragraphs/s, features pre-tokenised), and the
    character n-gram member of a blended area model on its own;
  * the concreteness stage (sentence split + features + model), and its cost
    relative to tokenisation (issue target: <= 50 % added);
  * cold-start time of `cchc tag` on one report (a fresh process, issue target <= 2 s);
  * model file sizes.
Not a test: nothing asserts.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    from underthesea import word_tokenize

    from cchc_nlp import tokenise
    from cchc_nlp.areas import AreaTagger, chars_text, features
    from cchc_nlp.concreteness import ConcretenessModel
    from cchc_nlp.pipeline import parse

    paragraphs = [p.text for f in sorted((ROOT / "corpus/reports").glob("*.txt"))
                  for p in parse(f).paragraphs]
    n = len(paragraphs)
    chars = sum(map(len, paragraphs))
    tagger, judge = AreaTagger.load(), ConcretenessModel.load()

    def underthesea_alone():
        for t in paragraphs:
            word_tokenize(t)

    t_tok = _median(underthesea_alone, args.repeat)

    # area model alone: features computed once (the token cache is warm), then predict
    X = [features(t) for t in paragraphs]
    t_area = _median(lambda: tagger.model.predict_proba(X), args.repeat)
    # the character n-gram member of a blended model reads the raw text (no tokenisation)
    raw = [chars_text(t) for t in paragraphs]
    t_chars = _median(lambda: tagger.chars.predict_proba(raw), args.repeat) if tagger.chars else None

    def concreteness_stage():
        # as in `cchc tag`: paragraphs are segmented once (for the area model, so
        # not counted here); the stage splits sentences, takes their words from
        # the paragraph's segmentation, computes features and applies the model
        sents, words = [], []
        for t in paragraphs:
            for s, e in tokenise.sentences(t):
                sents.append(t[s:e])
                words.append(tokenise.words_within(t, s, e))
        judge.judge(sents, words)

    for t in paragraphs:  # warm the shared segmentation cache
        tokenise.tokens(t)

    t_conc = _median(concreteness_stage, args.repeat)

    print(f"# Trained stages on {n} paragraphs ({chars / 1e3:.0f} k chars), median of {args.repeat}\n")
    print("| stage | seconds | paragraphs/s | ratio to tokenisation |")
    print("|---|---|---|---|")
    print(f"| underthesea word_tokenize (baseline) | {t_tok:.3f} | {n / t_tok:.0f} | 1.00 |")
    print(f"| area model, excluding tokenisation | {t_area:.3f} | {n / t_area:.0f} | {t_area / t_tok:.2f} |")
    if t_chars is not None:
        print(f"| area model's character member (blend) | {t_chars:.3f} | {n / t_chars:.0f} | "
              f"{t_chars / t_tok:.2f} |")
    print(f"| concreteness stage (sentences, features, model) | {t_conc:.3f} | {n / t_conc:.0f} | "
          f"{t_conc / t_tok:.2f} |")

    cchc = ROOT / ".venv/bin/cchc"

    def cold(*argv: str) -> float:
        """Median wall time of three fresh processes."""
        times = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    bare = cold(sys.executable, "-c", "pass")
    # what loading the model of record would cost: skops imports scikit-learn
    # and every module on its trusted-type list
    skops_load = cold(sys.executable, "-c", "from cchc_nlp.areas import load_pipeline; load_pipeline()")
    flat_load = cold(sys.executable, "-c", "from cchc_nlp.areas import AreaTagger; AreaTagger.load()")
    print("\n| fresh process | median seconds | ratio to bare interpreter |")
    print("|---|---|---|")
    print(f"| bare interpreter (baseline) | {bare:.2f} | 1.0 |")
    print(f"| load the skops pipeline | {skops_load:.2f} | {skops_load / bare:.1f} |")
    print(f"| load the flat copy (what the commands use) | {flat_load:.2f} | {flat_load / bare:.1f} |")
    for seed in sorted((ROOT / "corpus/reports").glob("*.txt")):
        t = cold(str(cchc), "tag", str(seed), "--format", "jsonl")
        print(f"| `cchc tag` {seed.name[:3]} ({len(parse(seed).paragraphs)} paragraphs) | {t:.2f} | "
              f"{t / bare:.1f} |")
    for path in sorted(p for p in (ROOT / "models").rglob("*")
                       if p.suffix in (".skops", ".npz", ".json")):
        print(f"- {path.relative_to(ROOT)}: {path.stat().st_size / 1024:.0f} kB")


if __name__ == "__main__":
    main()
