"""Scaling audit: does any stage blow up on long runs of one hostile pattern?

For each pattern, every stage (normalise, segment, noise, extract incl. quotes and
speakers, build_lexicon, the whole ``compare``) runs on inputs of n and 4n characters;
a stage whose time grows more than ``--ratio`` times (linear would be 4) is reported.
Catastrophic regex backtracking and quadratic loops show up as ratios of 16 and more.

    .venv/bin/python fuzz/scaling.py            # n = 5,000 characters
    .venv/bin/python fuzz/scaling.py --n 20000
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from claimcheck import Source, compare  # noqa: E402
from claimcheck.extract import extract  # noqa: E402
from claimcheck.noise import mark_noise  # noqa: E402
from claimcheck.normalise import normalise  # noqa: E402
from claimcheck.quotes import build_lexicon, find_quotes  # noqa: E402
from claimcheck.segment import segment  # noqa: E402

PATTERNS: dict[str, str] = {
    "newlines": "\n", "crlf": "\r\n", "cr": "\r", "spaces": " ", "tabs+spaces": " \t", "dots": ".", "dot-space": ". ",
    "double quotes": '"', "single quotes": "'", "curly": "\u201c", "spaced quotes": " ' ", "ptb": "`` ",
    "apostrophe s": " 's", "word": "word ", "Capital": "Word ", "Name said": "John Smith said ",
    "said colon quote": 'He said: "', "number": "1,400 ", "digits": "1", "digits-dot": "1.", "comma": ",",
    "hyphen": "-", "dash words": "a-b-", "parens": "(", "paren pairs": "( x ) ", "zero-width": "\u200b",
    "bidi": "\u202e", "combining": "e\u0301\u0301", "emoji": "😀", "cjk": "中文", "arabic": "العربية ",
    "mojibake": "peopleâ€™s ", "nbsp": "\u00a0", "at least": "at least ", "percent": "5% ",
    "Dr.": "Dr. ", "initials": "A. ", "U.S.": "U.S. ", "caps": "NCA ", "mixed": "Police said ' the 300 children ' .\n",
    "question": "?!", "ellipsis": "\u2026", "copyright": "© 2015 ", "pictured": "(pictured) ",
    "quote-said-name": '"Yes," said Ann Lee. ', "no-punct letters": "abcdefghij", "cap-hyphen": "A-",
    "cap-apostrophe": "A'", "The": "The ", "Mr.": "Mr. ",
}


def stages(text: str) -> dict[str, Callable[[], object]]:
    src = Source(id="a", text=text)
    doc = normalise(src)
    sents = segment(doc)
    marked, _ = mark_noise(doc, sents)
    return {
        "normalise": lambda: normalise(src),
        "segment": lambda: segment(doc),
        "noise": lambda: mark_noise(doc, sents),
        "extract": lambda: extract(doc, marked),
        "find_quotes": lambda: find_quotes(text),
        "build_lexicon": lambda: build_lexicon([text]),
        "compare": lambda: compare([src, Source(id="b", text="Police said 300 children were hurt.")]),
    }


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--ratio", type=float, default=10.0)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    bad = 0
    for name, unit in PATTERNS.items():
        if args.only and args.only not in name:
            continue
        small = (unit * (args.n // len(unit) + 1))[: args.n]
        big = (unit * (4 * args.n // len(unit) + 1))[: 4 * args.n]
        try:
            t_small = {k: timed(f) for k, f in stages("Start. " + small + " End.").items()}
            t_big = {k: timed(f) for k, f in stages("Start. " + big + " End.").items()}
        except Exception as exc:  # noqa: BLE001 - report and go on
            print(f"{name:18} ERROR {type(exc).__name__}: {exc}")
            bad += 1
            continue
        worst = max(t_big, key=lambda k: t_big[k] / max(t_small[k], 1e-3))
        ratio = t_big[worst] / max(t_small[worst], 1e-3)
        flag = "SUPERLINEAR" if ratio > args.ratio and t_big[worst] > 0.2 else ""
        bad += bool(flag)
        print(f"{name:18} worst {worst:13} {t_small[worst]:7.3f}s -> {t_big[worst]:7.3f}s x{ratio:5.1f} "
              f"total {sum(t_big.values()):6.2f}s {flag}", flush=True)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
