"""Stage 4, extract: claims from sentences, with their quotes, speakers and quantities.

Every content sentence becomes a ``statement`` claim; every direct quote becomes a
``quote`` claim with its speaker. Quantities are parsed inside each claim's span. All
offsets are into the source's original text.

>>> from claimcheck.model import Source
>>> from claimcheck.normalise import normalise
>>> from claimcheck.segment import segment
>>> doc = normalise(Source(id="x", text='Police said: "We arrested 12 men." It rained.'))
>>> claims, _ = extract(doc, segment(doc))
>>> [(c.id, c.kind.value, c.text) for c in claims]
[('x/s1', 'statement', 'Police said: "We arrested 12 men."'), ('x/s2', 'statement', 'It rained.'), ('x/q1', 'quote', 'We arrested 12 men.')]
>>> claims[2].speaker.name, [q.value for q in claims[0].quantities]
('Police', [12.0])
"""

from __future__ import annotations

import bisect
from typing import Optional

import attrs

from .model import Claim, ClaimKind, Note, NoteKind, Quantity, Sentence
from .normalise import Document
from .quantities import find_quantities
from .quotes import NameLexicon, find_quotes


def extract(
    doc: Document, sentences: tuple[Sentence, ...], *, lexicon: Optional[NameLexicon] = None
) -> tuple[tuple[Claim, ...], tuple[Note, ...]]:
    """Claims of one document (noise sentences excluded) and notes about its quotes."""
    text = doc.text
    content = [s for s in sentences if s.noise is None]
    claims: list[Claim] = []
    for s in content:
        quantities = _quantities(doc, s.start, s.end)
        claims.append(
            Claim(id=f"{doc.id}/s{s.index + 1}", source=doc.id, start=s.start, end=s.end, text=s.text,
                  kind=ClaimKind.STATEMENT, norm=s.norm, sentence=s.index, quantities=quantities)
        )
    quotes, quote_notes = find_quotes(text, lexicon=lexicon)
    notes = [Note(source=doc.id, start=a, end=b, kind=NoteKind.QUOTE, detail=d) for a, b, d in quote_notes]
    starts = [s.start for s in sentences]
    n = 0
    for q in quotes:
        host = _host_sentence(sentences, starts, q.start)
        if host is None or host.noise is not None or not q.text.strip():
            continue  # a quote in a caption or footer is noise too
        n += 1
        speaker = q.speaker
        claims.append(
            Claim(id=f"{doc.id}/q{n}", source=doc.id, start=q.start, end=q.end, text=q.text,
                  kind=ClaimKind.QUOTE, norm=doc.norm(q.start, q.end), sentence=host.index,
                  speaker=speaker, quantities=_quantities(doc, q.start, q.end), fragment=q.fragment)
        )
    # A statement inherits the speaker of a full quote it carries ("X said: '...'").
    by_sentence: dict[int, Claim] = {}
    for c in claims:
        if c.kind is ClaimKind.QUOTE and c.speaker is not None and not c.fragment:
            by_sentence.setdefault(c.sentence, c)
    claims = [
        attrs.evolve(c, speaker=by_sentence[c.sentence].speaker)
        if c.kind is ClaimKind.STATEMENT and c.sentence in by_sentence else c
        for c in claims
    ]
    return tuple(claims), tuple(notes)


def _host_sentence(sentences: tuple[Sentence, ...], starts: list[int], pos: int) -> Optional[Sentence]:
    i = bisect.bisect_right(starts, pos) - 1
    if i < 0:
        return None
    s = sentences[i]
    return s if s.start <= pos < max(s.end, s.start + 1) else None


def _quantities(doc: Document, start: int, end: int) -> tuple[Quantity, ...]:
    found = find_quantities(doc.text[start:end], source=doc.id, published=doc.source.published)
    return tuple(_shift(q, start) for q in found)


def _shift(q: Quantity, by: int) -> Quantity:
    def add(v: Optional[int]) -> Optional[int]:
        return None if v is None else v + by

    return attrs.evolve(
        q, start=q.start + by, end=q.end + by, hedge_start=add(q.hedge_start), hedge_end=add(q.hedge_end),
        referent_start=add(q.referent_start), referent_end=add(q.referent_end),
    )
