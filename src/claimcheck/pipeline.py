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

import os
from typing import Any, Callable, Iterable, Optional, Union

from .align import THRESHOLD, align
from .clauses import split_clauses
from .discrepancies import find_discrepancies
from .errors import InputError
from .extract import extract
from .load import load
from .model import Claim, Note, Source
from .noise import mark_noise
from .normalise import Document, normalise
from .provenance import trace
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
    for doc in documents:
        if progress is not None:
            progress(f"reading {doc.id}")
        sentences, noise_notes = mark_noise(doc, segment(doc))
        found, quote_notes = extract(doc, sentences, lexicon=lexicon)
        found = split_clauses(doc, found)
        claims.extend(found)
        notes.extend(doc.notes)
        notes.extend(noise_notes)
        notes.extend(quote_notes)
    by_id = {c.id: c for c in claims}
    if progress is not None:
        progress("aligning")
    groups = align(claims, threshold=threshold, lexicon=lexicon, semantic=semantic)
    discrepancies = find_discrepancies(groups, by_id)
    docs: dict[str, Document] = {d.id: d for d in documents}
    provenance = trace(groups, by_id, docs)
    notes.sort(key=lambda n: (n.source, n.start, n.end, n.kind.value, n.detail))
    return Report(sources=loaded, claims=claims, groups=groups, discrepancies=discrepancies,
                  provenance=provenance, notes=notes)
