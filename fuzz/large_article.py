"""Measure the pipeline on one large article: time per stage and for the whole ``compare``.

Articles are n characters of shuffled seed words, 18 to a sentence, with a paragraph
break after about every fifth sentence; each is compared with seed 000. The figures in
docs/robustness.md (which set the default size limit) come from::

    /usr/bin/time -v .venv/bin/python fuzz/large_article.py 100000 1000000 3000000 10000000
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from claimcheck import Source, compare  # noqa: E402
from claimcheck.extract import extract  # noqa: E402
from claimcheck.noise import mark_noise  # noqa: E402
from claimcheck.normalise import normalise  # noqa: E402
from claimcheck.segment import segment  # noqa: E402

SEEDS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def article(n: int, rng: random.Random) -> str:
    words = " ".join(SEEDS).split()
    out: list[str] = []
    size = 0
    while size < n:
        sentence = " ".join(rng.sample(words, 18)) + ". "
        out.append(sentence)
        size += len(sentence)
        if rng.random() < 0.2:
            out.append("\n\n")
    return "".join(out)[:n]


def main(sizes: list[int]) -> None:
    rng = random.Random(1)
    for n in sizes:
        text = article(n, rng)
        t0 = time.perf_counter()
        doc = normalise(Source(id="a", text=text))
        t1 = time.perf_counter()
        sentences = segment(doc)
        t2 = time.perf_counter()
        marked, _ = mark_noise(doc, sentences)
        t3 = time.perf_counter()
        extract(doc, marked)
        t4 = time.perf_counter()
        print(f"{n:>9} chars: normalise {t1 - t0:.2f} s, segment {t2 - t1:.2f} s, noise {t3 - t2:.2f} s, "
              f"extract {t4 - t3:.2f} s ({len(sentences)} sentences)", flush=True)
        t = time.perf_counter()
        compare([Source(id="a", text=text), Source(id="b", text=SEEDS[0])])
        print(f"{'':>9}        compare {time.perf_counter() - t:.2f} s", flush=True)


if __name__ == "__main__":
    main([int(x) for x in sys.argv[1:]] or [100_000, 1_000_000])
