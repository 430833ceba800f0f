"""Regex audit: time every module-level regular expression of claimcheck on long runs
of adversarial text, and report any whose time grows faster than the input.

Catastrophic backtracking (nested or adjacent ambiguous quantifiers such as
``(\\w+\\s?)*`` or ``\\s+x*\\s*``) shows as a ratio far above 4 between inputs of n and
4n characters. Run from the repository root::

    .venv/bin/python fuzz/regex_audit.py

Patterns compiled inside functions are not collected here; ``fuzz/scaling.py`` times
the stages that use them.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import claimcheck  # noqa: E402

UNITS = ["a", "A", "1", " ", "\n", ".", ",", "-", "'", '"', "\u2019", "\u201c", "(", ")", "a ", "A ", "Ab ", "1 ",
         "1,", "1.", ". ", "a.", "A. ", "a-", "a'", " 's", "' ", " ' ", "Dr ", "said ", "at least ", "and ",
         "of the ", "The Police ", "1 million ", "one ", "twenty-one ", "per cent ", "£1 ", "%", "/", ":", ";",
         "\u00a0", "\u200b", "é", "中", "a\t", "aA", "A-", "A'", "x,", "! ", "?\"", "--", "_", "…"]


def patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for info in pkgutil.iter_modules(claimcheck.__path__):
        if info.name == "__main__":
            continue
        try:
            mod = importlib.import_module(f"claimcheck.{info.name}")
        except Exception:  # noqa: BLE001 - optional modules may need extras
            continue
        for name, value in vars(mod).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                out.append((f"{info.name}.{name}", value))
    return out


def timed(p: re.Pattern[str], text: str) -> float:
    """Best of three CPU times (other processes on the machine make wall time noisy)."""
    best = float("inf")
    for _ in range(3):
        t = time.process_time()
        for _ in p.finditer(text):
            pass
        p.search(text + "\x00")
        best = min(best, time.process_time() - t)
    return best


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    seen: set[str] = set()
    bad = 0
    found = patterns()
    for name, p in found:
        if p.pattern in seen:
            continue
        seen.add(p.pattern)
        worst = (0.0, "", 0.0, 0.0)
        for unit in UNITS:
            for tail in ("", "!", "\x00"):
                small = unit * (n // len(unit)) + tail
                t1 = timed(p, small)
                if t1 < 0.002:
                    t1 = max(t1, 0.002)
                t4 = timed(p, unit * (4 * n // len(unit)) + tail)
                if t4 / t1 > worst[0]:
                    worst = (t4 / t1, unit + tail, t1, t4)
        ratio, unit, t1, t4 = worst
        flag = ratio > 8 and t4 > 0.05
        bad += flag
        if flag:
            print(f"SUPERLINEAR {name}: {unit!r} x{n}: {t1:.3f}s, x{4 * n}: {t4:.3f}s  ({p.pattern[:80]!r})", flush=True)
    print(f"{len(seen)} patterns audited, {bad} superlinear")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
