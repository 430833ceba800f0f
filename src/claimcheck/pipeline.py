"""The whole pipeline, top to bottom: load -> normalise -> segment -> extract -> align
-> compare -> provenance, returning a :class:`~claimcheck.report.Report`.

>>> from claimcheck import Source
>>> report = compare([
...     Source(id="a", text="At least 300 people were evacuated from the valley on Sunday."),
...     Source(id="b", text="More than 300 people were evacuated from the valley on Sunday."),
... ])
>>> [(d.type.value, [v.value for v in d.values]) for d in report.discrepancies]
[('hedge', ['At least 300 people', 'More than 300 people'])]
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, Optional, Union

import attrs

from .align import THRESHOLD, Scorer, align, relate
from .clauses import split_clauses
from .dateline import read_dateline
from .discrepancies import find_discrepancies
from .errors import InputError
from .extract import extract
from .load import load
from .model import Claim, ClaimKind, Group, Note, NoteKind, Source
from .noise import mark_noise
from .normalise import Document, normalise
from .provenance import trace
from .quotecheck import align_quotes, merge_discrepancies, paraphrase_findings
from .quotes import build_lexicon
from .report import Report
from .segment import segment

Inputs = Union[Source, str, "os.PathLike[str]", Iterable[Any]]


def compare(sources: Inputs, *, threshold: float = THRESHOLD, semantic: Optional[bool] = False,
            progress: Optional[Callable[[str], None]] = None) -> Report:
    """Compare sources (``Source`` objects or anything :func:`claimcheck.load` accepts).

    The result does not depend on the order of ``sources``: they are processed in
    order of their ids. ``semantic=True`` adds sentence embeddings to alignment (needs
    the optional ``claimcheck[semantic]`` extra; ``None`` uses them when installed). It is
    off by default so that a report never depends on which extras happen to be installed. ``progress``, if given,
    is called with the name of each step as it starts (one per source, then the rest).
    """
    with _collector_paused():
        return _compare(sources, threshold=threshold, semantic=semantic, progress=progress)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for the call, then set back as it was.

    A big story holds millions of long-lived objects (claims, words, spans) while every
    stage makes millions of short-lived tuples; each full collection walks the whole heap
    again: at 1,000 sources about a fifth of ``compare()``'s time went to collections that
    found next to nothing (peak memory is the same without them). Reference counting still
    frees everything as usual; only cycles wait for the next collection after the call.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _compare(sources: Inputs, *, threshold: float, semantic: Optional[bool],
             progress: Optional[Callable[[str], None]]) -> Report:
    if isinstance(sources, (Source, str, os.PathLike)):
        sources = [sources]
    loaded = load(sources)
    if not loaded:
        raise InputError("nothing to compare: no sources given")
    loaded.sort(key=lambda s: s.id)
    documents = [normalise(s) for s in loaded]
    lexicon = build_lexicon([d.text for d in documents])
    claims: list[Claim] = []
    notes: list[Note] = []
    for n, doc in enumerate(documents):
        if progress is not None:
            progress(f"reading {doc.id}")
        sentences, noise_notes = mark_noise(doc, segment(doc))
        if doc.source.published is None and (dateline := read_dateline(doc, sentences)) is not None:
            # the page's own dateline dates the source ("last December", which week "on Monday" is)
            doc = documents[n] = attrs.evolve(doc, source=attrs.evolve(doc.source, published=dateline.date))
            notes.append(Note(source=doc.id, start=dateline.start, end=dateline.end, kind=NoteKind.INFO,
                              detail=f"dateline: read as the publication date {dateline.date}"))
        found, quote_notes = extract(doc, sentences, lexicon=lexicon)
        found = split_clauses(doc, found)
        claims.extend(found)
        notes.extend(doc.notes)
        notes.extend(noise_notes)
        notes.extend(quote_notes)
    by_id = {c.id: c for c in claims}
    if progress is not None:
        progress("aligning")
    # statements go to align(); quotes (full and fragments) to the word-level quote aligner
    statements = [c for c in claims if c.kind is not ClaimKind.QUOTE]
    scorers: list[Scorer] = []  # what align read of each statement, for relate to reuse
    groups = _renumber(align(statements, threshold=threshold, lexicon=lexicon, semantic=semantic, scorers=scorers)
                       + align_quotes([c for c in claims if c.kind is ClaimKind.QUOTE], statements=statements,
                                      texts={d.id: d.text for d in documents}),
                       claims)
    related = relate(groups, claims, threshold=threshold, lexicon=lexicon, reuse=scorers)
    groups = [attrs.evolve(g, related=related.get(g.id, ())) for g in groups]
    discrepancies = find_discrepancies(groups, by_id, published={d.id: d.source.published for d in documents
                                                                 if d.source.published})
    # quotes against other sources' statements: fragment wording changes and paraphrase notes
    quote_found, paraphrase_notes = paraphrase_findings(groups, by_id)
    discrepancies = merge_discrepancies(discrepancies, quote_found, groups)
    notes.extend(paraphrase_notes)
    docs: dict[str, Document] = {d.id: d for d in documents}
    provenance = trace(groups, by_id, docs)
    notes.sort(key=lambda n: (n.source, n.start, n.end, n.kind.value, n.detail))
    return Report(sources=[d.source for d in documents], claims=claims, groups=groups, discrepancies=discrepancies,
                  provenance=provenance, notes=notes)


def _renumber(groups: list[Group], claims: list[Claim]) -> list[Group]:
    """All groups as ``g1..gN`` in order of their first claim (claims are in source order,
    then position), so ids do not depend on which aligner made a group."""
    order = {c.id: i for i, c in enumerate(claims)}
    ranked = sorted(groups, key=lambda g: min(order[c] for c in g.claims))
    return [attrs.evolve(g, id=f"g{n}") for n, g in enumerate(ranked, 1)]
