"""Sub-sentence claims: split a statement that carries several facts into clauses.

News sentences often pack two facts into one ("the report praised the force's progress,
but set out 48 recommendations"), which another source states in two sentences. Each
clause becomes its own claim so that each can align with what other sources say; a
sentence that does not split keeps its one claim (and its id). Clause ids are the
sentence's id with ``.1``, ``.2``... appended; offsets still point into the original.

Boundaries are clause connectors read from the normalised text (``; ``, ``, but``,
``, which``/``, who`` (non-restrictive relatives), ``, and`` + verb, a comma before a
participle or past-tense verb, "a report that finds..."), taken only when both sides keep
at least :data:`MIN_CONTENT` content words, and never inside double quotes.

>>> from claimcheck.model import Source
>>> from claimcheck.normalise import normalise
>>> from claimcheck.segment import segment
>>> from claimcheck.extract import extract
>>> doc = normalise(Source(id="x", text="The review praised the progress officers had made on patrols, "
...                                       "but set out 48 recommendations for further improvement."))
>>> claims, _ = extract(doc, segment(doc))
>>> [(c.id, c.text) for c in split_clauses(doc, claims)]
[('x/s1.1', 'The review praised the progress officers had made on patrols,'), ('x/s1.2', 'but set out 48 recommendations for further improvement.')]
"""

from __future__ import annotations

import re
from typing import Sequence

import attrs

from .model import Claim, ClaimKind
from .normalise import Document
from .text import content_words

#: Each side of a split keeps at least this many content words, or the split is not taken.
MIN_CONTENT = 3

_DOC = r"(?:report|review|inquiry|study|survey|audit|statement|investigation)"
_AUX = r"(?:has|have|had|was|were|is|are|will|would|did|does|can|could|should|may|might)"
# Each pattern matches the gap between two clauses: text before it stays left, text from
# its end goes right. The connector word itself opens the right clause.
_BOUNDARIES = [
    re.compile(r";\s+"),
    re.compile(r",\s+(?=(?:but|while|whereas|although|though|which|who)\b)"),
    re.compile(rf",?\s+(?=and\s+(?:{_AUX}|\w+ed)\b)"),
    re.compile(r",\s+(?=(?!according\b|including\b|during\b|following\b|regarding\b|concerning\b)[a-z]+ing\s)"),
    re.compile(r",\s+(?=(?!pictured\b|based\b|aged\b|dubbed\b|described\b|called\b|named\b)[a-z]+ed\s+(?:to|with|on|in|the|a|its|their)\b)"),
    re.compile(rf"\b{_DOC}\s+(?=that\s+[a-z]+(?:s|ed)\b)"),
]


def _cuts(text: str) -> list[int]:
    """Candidate cut positions in a normalised sentence, outside double quotes."""
    cuts: set[int] = set()
    for rx in _BOUNDARIES:
        for m in rx.finditer(text):
            if text.count('"', 0, m.start()) % 2 == 0:
                cuts.add(m.end())
    return sorted(cuts)


def clause_ranges(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` ranges of the clauses of ``text`` (one range when it does not split).

    >>> t = "the force missed ways to protect victims, and failed to coordinate operations with local authorities"
    >>> [t[a:b] for a, b in clause_ranges(t)]
    ['the force missed ways to protect victims, ', 'and failed to coordinate operations with local authorities']
    """
    ranges: list[tuple[int, int]] = []
    start = 0
    for cut in _cuts(text):
        left, right = text[start:cut], text[cut:]
        if len(content_words(left)) >= MIN_CONTENT and len(content_words(right)) >= MIN_CONTENT:
            ranges.append((start, cut))
            start = cut
    ranges.append((start, len(text)))
    return ranges


def split_clauses(doc: Document, claims: Sequence[Claim]) -> tuple[Claim, ...]:
    """``claims`` with each multi-clause statement replaced by one claim per clause."""
    out: list[Claim] = []
    view = doc.view
    for c in claims:
        if c.kind is not ClaimKind.STATEMENT:
            out.append(c)
            continue
        a, b = view.normal_range(c.start, c.end)
        text = view.text[a:b]
        ranges = clause_ranges(text)
        if len(ranges) < 2:
            out.append(c)
            continue
        for k, (s, e) in enumerate(ranges, 1):
            piece = text[s:e]
            # trim spaces so the original span starts and ends on text
            s += len(piece) - len(piece.lstrip())
            e -= len(piece) - len(piece.rstrip())
            start, end = view.original(a + s, a + e)
            start, end = max(start, c.start), min(end, c.end)
            qs = tuple(q for q in c.quantities if start <= q.start < end)
            out.append(attrs.evolve(c, id=f"{c.id}.{k}", start=start, end=end, text=doc.text[start:end],
                                    norm=doc.norm(start, end), quantities=qs))
    return tuple(out)
