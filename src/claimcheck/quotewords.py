"""Quote words: comparison keys with spans, word diffs, and how much two quotes share.

Case, punctuation, hyphens, quote characters and tokenisation (``who 's``,
`` `` ... '' ``) are not wording: every quote comparison runs over the word keys read
here from the original text (each word keeps its span). Word diffs are rapidfuzz
``Levenshtein.opcodes`` over word lists.

>>> [op for op in word_diff("We will not rest.", "we will never rest") if op["op"] != "equal"]
[{'op': 'replace', 'a': 'not', 'b': 'never'}]
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Mapping, NamedTuple, Sequence

from attrs import frozen
from rapidfuzz.distance import Indel, Levenshtein

from .model import Claim

__all__ = ["apply_diff", "quote_words", "word_diff"]

#: Two quotes are the same when this share of the shorter one's words is shared ...
MIN_COVERAGE = 0.6
#: ... in order, with one shared run of at least this many words (or the whole shorter quote).
MIN_RUN = 3
#: Below this many words a quote matches another only as a contiguous sub-span.
SHORT_QUOTE = 5
#: Posting lists longer than this propose no candidates (keeps big batches near-linear).
MAX_POSTING = 300

_QCHARS = str.maketrans({"’": "'", "‘": "'", "‛": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"',
                         "‟": '"', "«": '"', "»": '"'})
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:'[^\W_]+)*|(?<=\s)'(?:s|re|ve|ll|d|m|t)\b", re.I)
_ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…")


class _W(NamedTuple):
    """A word: its comparison key, its span (absolute offsets into the source text) and
    its claim. A named tuple: a big story makes millions."""

    key: str
    start: int
    end: int
    claim: str


def quote_words(claim: Claim) -> list[_W]:
    """The words of a claim as comparison keys with their original spans.

    Tokenised clitics join their word (``who 's`` reads as ``who's``), hyphens split
    words (``well-developed`` = ``well developed``), case and quote characters go.

    >>> c = Claim(id="a/q1", source="a", start=10, end=30, text="the WHO’s well-done", kind="quote")
    >>> [(w.key, c.text[w.start - 10:w.end - 10]) for w in quote_words(c)]
    [('the', 'the'), ("who's", 'WHO’s'), ('well', 'well'), ('done', 'done')]
    """
    at, cid, new = claim.start, claim.id, tuple.__new__
    return [new(_W, (key, at + s, at + e, cid)) for key, s, e in _tokens(claim.text)]


@lru_cache(maxsize=1 << 16)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """``(key, start, end)`` per word of ``text``, offsets relative to it (syndicated copies
    repeat a text word for word: it is read once)."""
    text = text.translate(_QCHARS)
    out: list[tuple[str, int, int]] = []
    for m in _TOKEN.finditer(text):
        tok = m.group().casefold()
        if tok[0].isdigit():
            tok = tok.replace(",", "")
        if (tok.startswith("'") or tok == "n't") and out and text[m.start() - 1:m.start()].isspace():
            prev = out.pop()  # tokenised "who 's" / "do n't" is one word
            out.append((prev[0] + tok, prev[1], m.end()))
            continue
        if tok.startswith("'"):
            continue
        out.append((tok, m.start(), m.end()))
    return tuple(out)


@lru_cache(maxsize=1 << 17)
def _text_keys(text: str) -> tuple[str, ...]:
    """The word keys of ``text`` (those of :func:`quote_words`, without the spans)."""
    return tuple(t[0] for t in _tokens(text))


def _keys(text: str) -> list[str]:
    return [w.key for w in quote_words(Claim(id="_", source="_", start=0, end=len(text), text=text, kind="quote"))]


def word_diff(a: str, b: str) -> list[dict[str, str]]:
    """Word-level diff from ``a`` to ``b``: ``[{"op", "a", "b"}]`` with ``op`` one of
    ``equal``, ``replace``, ``delete``, ``insert`` (rapidfuzz Levenshtein opcodes over word
    keys; case, punctuation and quote style are not differences)."""
    return _diff(_keys(a), _keys(b))


def _diff(ka: Sequence[str], kb: Sequence[str]) -> list[dict[str, str]]:
    return [{"op": op.tag, "a": " ".join(ka[op.src_start:op.src_end]), "b": " ".join(kb[op.dest_start:op.dest_end])}
            for op in Levenshtein.opcodes(list(ka), list(kb))]


def apply_diff(a: Sequence[str], diff: Sequence[Mapping[str, str]]) -> list[str]:
    """Rebuild ``b``'s words from ``a``'s words and a :func:`word_diff` (checks a diff is whole).

    >>> apply_diff(["we", "will", "not", "rest"], word_diff("We will not rest", "we never rest"))
    ['we', 'never', 'rest']
    """
    out: list[str] = []
    i = 0
    for op in diff:
        n = len(op["a"].split())
        if list(a[i:i + n]) != op["a"].split():
            raise ValueError(f"diff does not fit the words at {i}: {op}")
        out.extend(op["b"].split())
        i += n
    if i != len(a):
        raise ValueError("diff does not cover all the words")
    return out


@frozen
class _Match:
    lcs: int
    run: int
    short: int

    @property
    def coverage(self) -> float:
        return self.lcs / self.short if self.short else 0.0

    @property
    def same(self) -> bool:
        if self.short == 0:
            return False
        if self.short < SHORT_QUOTE:
            return self.run == self.short  # a short quote must appear whole
        return self.coverage >= MIN_COVERAGE and self.run >= MIN_RUN

    @property
    def overlaps(self) -> bool:
        """Shares a real stretch of words (used to refuse merging quotes that only partly agree)."""
        return self.run >= 2 and self.lcs >= 0.3 * self.short


def _match(ka: Sequence[str], kb: Sequence[str]) -> _Match:
    # syndicated copies repeat a handful of wordings thousands of times: one alignment per
    # ordered pair of word sequences (the longest run may depend on the direction)
    return _match_words(tuple(ka), tuple(kb))


@lru_cache(maxsize=1 << 18)
def _match_words(ka: tuple[str, ...], kb: tuple[str, ...]) -> _Match:
    ops = Indel.opcodes(list(ka), list(kb))
    runs = [op.src_end - op.src_start for op in ops if op.tag == "equal"]
    return _Match(lcs=sum(runs), run=max(runs, default=0), short=min(len(ka), len(kb)))


def _excerpt(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"

