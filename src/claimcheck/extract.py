"""Stage 4, extract: claims from sentences, with their quotes, speakers and quantities.

Every content sentence becomes a ``statement`` claim; every direct quote becomes a
``quote`` claim with its speaker. Quantities are parsed inside each claim's span. All
offsets are into the source's original text.

>>> from claimcheck.model import Source
>>> from claimcheck.normalise import normalise
>>> from claimcheck.segment import segment
>>> doc = normalise(Source(id="x", text='Police arrested 12 men on Monday. Chief Constable Ann Lee said: "We acted fast."'))
>>> claims, _ = extract(doc, segment(doc))
>>> [(c.id, c.kind.value, c.text) for c in claims]
[('x/s1', 'statement', 'Police arrested 12 men on Monday.'), ('x/s2', 'statement', 'Chief Constable Ann Lee said: "We acted fast."'), ('x/q1', 'quote', 'We acted fast.')]
>>> claims[2].speaker.name, [q.value for q in claims[0].quantities]
('Ann Lee', [12.0, 1.0])
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Optional

import attrs

from .model import Claim, ClaimKind, Note, NoteKind, Quantity, Sentence
from .normalise import Document
from .quantities import find_quantities
from .quotes import NameLexicon, find_quotes
from .text import words

#: A sentence whose words are at least this share quoted is represented by its quote claims.
QUOTED_SHARE = 0.6


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
    # A sentence that is mostly one quote ("X said: '...'") is that quote: keep the quote
    # claim (it has the speaker) rather than a second claim with the same words.
    full_quotes = [c for c in claims if c.kind is ClaimKind.QUOTE and not c.fragment]
    by_sentence: dict[int, Claim] = {}
    for c in full_quotes:
        if c.speaker is not None:
            by_sentence.setdefault(c.sentence, c)
    kept = []
    for c in claims:
        if c.kind is ClaimKind.STATEMENT:
            # quotes may run over several sentences: measure what each sentence has quoted
            quoted = sum(len(words(doc.norm(max(c.start, q.start), min(c.end, q.end))))
                         for q in full_quotes if q.start < c.end and c.start < q.end)
            if quoted >= QUOTED_SHARE * max(1, len(words(c.norm))):
                continue
            if c.sentence in by_sentence:  # a statement inherits the speaker of a quote it carries
                c = attrs.evolve(c, speaker=by_sentence[c.sentence].speaker)
        kept.append(c)
    return tuple(kept), tuple(notes)


def _host_sentence(sentences: tuple[Sentence, ...], starts: list[int], pos: int) -> Optional[Sentence]:
    i = bisect.bisect_right(starts, pos) - 1
    if i < 0:
        return None
    s = sentences[i]
    return s if s.start <= pos < max(s.end, s.start + 1) else None


def _quantities(doc: Document, start: int, end: int) -> tuple[Quantity, ...]:
    found = _parsed(doc.text[start:end], doc.source.published)
    if not found:
        return ()
    return tuple(_shift(q, start, doc.id) for q in found)


# Syndicated sources repeat sentences verbatim: a sentence's quantities depend only on its
# words and the publication date (the source id is only stamped on), so parse each once.
@lru_cache(maxsize=65536)
def _parsed(text: str, published: Optional[str]) -> tuple[Quantity, ...]:
    return find_quantities(text, source="", published=published)


def _shift(q: Quantity, by: int, source: str) -> Quantity:
    def add(v: Optional[int]) -> Optional[int]:
        return None if v is None else v + by

    return attrs.evolve(
        q, source=source, start=q.start + by, end=q.end + by, hedge_start=add(q.hedge_start),
        hedge_end=add(q.hedge_end), referent_start=add(q.referent_start), referent_end=add(q.referent_end),
    )
