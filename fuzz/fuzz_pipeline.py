"""Fuzz target: load -> normalise -> segment -> noise -> extract on hostile bytes.

Runs hypothesis (no extra dependency) in rounds of fresh random seeds until the time
budget is spent.  Each input is raw bytes (random, seed-article fragments mutated at
the byte level, text re-encoded in UTF-16/legacy encodings, runs of quote marks,
control, bidi, zero-width and combining characters), written to a file and loaded the
way the CLI loads it.  An input fails when

* ``load`` raises anything but :class:`claimcheck.ClaimcheckError`, or its message is
  not one line naming the file;
* any later stage (or ``compare`` of the input with a seed article) raises at all;
* the report's JSON does not parse;
* a span does not point into the original text (``text[start:end]`` must be what is
  shown), or sentences overlap / run backwards;
* one input takes more than ``3 s + 50 ms per kB`` of CPU time (pathological blow-up,
  not speed: a 26 kB input of blank lines took 4 s before a quadratic scan was fixed).

Usage (from the repository root)::

    .venv/bin/python fuzz/fuzz_pipeline.py --minutes 10

A failing input is shrunk by hypothesis, printed, saved under ``fuzz/crashes/`` and the
run exits 1.  ``--replay FILE`` reruns one saved input.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from claimcheck import ClaimcheckError, Source, compare  # noqa: E402
from claimcheck.extract import extract  # noqa: E402
from claimcheck.load import load  # noqa: E402
from claimcheck.noise import mark_noise  # noqa: E402
from claimcheck.normalise import normalise  # noqa: E402
from claimcheck.quotes import build_lexicon  # noqa: E402
from claimcheck.segment import segment  # noqa: E402

SEED_TEXTS = [p.read_bytes() for p in sorted((ROOT / "seeds").glob("*.txt"))]
HOSTILE = ["'", '"', "\u2018", "\u2019", "\u201c", "\u201d", "``", "''", " 's", ".", "?", "!", ",", ":", "(",
           ")", "\n", "\r", "\r\n", "\n\n", "\t", "\x00", "\x0b", "\x1b", "\u00a0", "\u200b", "\u200d", "\ufeff",
           "\u202e", "\u2067", "\u05d0\u05d1", "\u0627\u0644", "e\u0301", "\u0301\u0301\u0301", "😀", "👩‍👩‍👧",
           "İ", "ß", "ﬁ", "Ǆ", "\ud7ff", "1,400", "at least", "more than", " said ", "Dr.", "U.S.", "©",
           "peopleâ€™s", "Ã©", "\u2026", "\u2028", "  ", "-", "\u2014", "%", "£", "$"]

hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=8)), max_size=400).map("".join)


@st.composite
def mutated_seed(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEED_TEXTS)))
    a = draw(st.integers(0, len(data)))
    b = draw(st.integers(a, min(len(data), a + 3000)))
    data = data[a:b]
    for _ in range(draw(st.integers(0, 20))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "repeat"]))
        pos = draw(st.integers(0, len(data)))
        if op == "flip" and pos < len(data):
            data[pos] = draw(st.integers(0, 255))
        elif op == "insert":
            data[pos:pos] = draw(st.sampled_from(HOSTILE)).encode("utf-8", "surrogatepass")
        elif op == "delete":
            del data[pos:pos + draw(st.integers(1, 50))]
        elif op == "repeat":
            tok = draw(st.sampled_from(HOSTILE)).encode("utf-8", "surrogatepass")
            data[pos:pos] = tok * draw(st.integers(1, 2000))
    return bytes(data)


@st.composite
def encoded(draw: st.DrawFn) -> bytes:
    text = draw(hostile_text)
    enc = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1",
                                "koi8-r", "shift_jis", "gb18030"]))
    return text.encode(enc, errors="replace")


inputs = st.one_of(st.binary(max_size=2000), mutated_seed(), encoded(),
                   hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass")))


class Slow(AssertionError):
    pass


def check(data: bytes, folder: Path) -> None:
    """Run one input through the stages and assert the invariants."""
    path = folder / "input.txt"
    path.write_bytes(data)
    t0 = time.process_time()  # CPU time: other processes on the machine do not count
    try:
        sources = load(path)
    except ClaimcheckError as exc:
        msg = str(exc)
        assert "\n" not in msg and "input.txt" in msg, f"bad error message: {msg!r}"
        return
    assert path.read_bytes() == data, "input modified"
    docs = [normalise(s) for s in sources]
    lexicon = build_lexicon([d.text for d in docs])
    for doc in docs:
        text = doc.text
        n = len(text)
        view = doc.view
        assert len(view.starts) == len(view.ends) == len(view.text)
        assert all(0 <= s <= e <= n for s, e in zip(view.starts, view.ends))
        sentences = segment(doc)
        prev_end = 0
        for s in sentences:
            assert 0 <= s.start < s.end <= n and s.text == text[s.start:s.end], s
            assert s.start >= prev_end, ("sentences overlap", s)
            prev_end = s.end
        marked, notes = mark_noise(doc, sentences)
        for s in marked:
            assert 0 <= s.start <= s.end <= n and s.text == text[s.start:s.end], s
        claims, qnotes = extract(doc, marked, lexicon=lexicon)
        for c in claims:
            assert 0 <= c.start <= c.end <= n and c.text == text[c.start:c.end], c
            for q in c.quantities:
                assert 0 <= q.start <= q.end <= n, q
        for note in (*doc.notes, *notes, *qnotes):
            assert 0 <= note.start <= note.end <= n, note
    # The whole pipeline against a real article: the JSON must parse and every span shown
    # must be the original text.
    other = Source(id="zz-seed", text=SEED_TEXTS[1].decode("utf-8"))
    report = compare([*sources, other])
    data_out = json.loads(report.to_json())
    texts = {s.id: s.text for s in report.sources}
    for d in report.discrepancies:
        for v in d.values:
            assert texts[v.source][v.start:v.end] == v.value, v
    assert data_out["summary"]["sources"] == len(sources) + 1
    elapsed = time.process_time() - t0
    limit = 3.0 + 0.05 * len(data) / 1000
    if elapsed > limit:
        raise Slow(f"{len(data)} bytes took {elapsed:.1f} s (limit {limit:.1f} s)")


def _save(data: bytes) -> Path:
    out = ROOT / "fuzz" / "crashes"
    out.mkdir(exist_ok=True)
    import hashlib

    path = out / f"crash-{hashlib.sha1(data).hexdigest()[:12]}.bin"
    path.write_bytes(data)
    return path


def run(minutes: float, examples_per_round: int) -> int:
    deadline = time.monotonic() + minutes * 60
    rounds = total = 0
    rng = random.Random(os.environ.get("FUZZ_SEED"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        while time.monotonic() < deadline:
            rounds += 1
            failing: list[bytes] = []

            @seed(rng.getrandbits(64))
            @settings(max_examples=examples_per_round, deadline=None, database=None, derandomize=False,
                      phases=[Phase.generate, Phase.shrink], print_blob=False,
                      suppress_health_check=list(HealthCheck))
            @given(inputs)
            def target(data: bytes) -> None:
                nonlocal total
                total += 1
                try:
                    check(data, folder)
                except BaseException:
                    failing[:] = [data]
                    raise

            try:
                target()
            except Exception:  # noqa: BLE001 - report whatever broke, then stop
                traceback.print_exc()
                if failing:
                    print(f"saved failing input: {_save(failing[0])}", file=sys.stderr)
                print(f"FAILED after {rounds} rounds, {total} inputs", file=sys.stderr)
                return 1
            print(f"round {rounds}: {total} inputs, {max(0, deadline - time.monotonic()):.0f} s left", flush=True)
    print(f"OK: {total} inputs in {rounds} rounds, {minutes:g} min, no failure")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--examples", type=int, default=300, help="inputs per hypothesis round")
    parser.add_argument("--replay", metavar="FILE", help="rerun one saved input and show the error")
    args = parser.parse_args()
    if args.replay:
        with tempfile.TemporaryDirectory() as tmp:
            check(Path(args.replay).read_bytes(), Path(tmp))
        print("OK")
        return 0
    return run(args.minutes, args.examples)


if __name__ == "__main__":
    raise SystemExit(main())
