"""Statement discrepancies inside a group: ``entity`` and ``attribution``.

* ``entity``: two sources say the same thing with one noun phrase swapped ("failed to
  work with *local authorities*" / "failed to work with *the council*"). Found from a
  word-level diff (rapidfuzz opcodes) of two claims that otherwise agree: exactly one
  replaced stretch of at most :data:`MAX_SWAP` words, after a determiner or preposition
  (so a swapped verb such as "won"/"lost" is not an entity), without figures (those are
  the quantity detector's), and not synonyms of each other.
* ``attribution``: the sources credit the statement to documents by different authors
  ("an inquiry by the agency concluded" / "a report by Professor X found"). Credits come
  from :func:`claimcheck.provenance.cites_in`; a bare "a report" or "it" names nobody
  and is never compared, nor are quote speakers (a director speaks for his agency).

Precision comes first: a pair that differs in more than one place is left alone.

>>> from claimcheck.model import Claim
>>> a = Claim(id="a/s1", source="a", start=0, end=61, kind="statement",
...           text="The review said the council had missed chances to help them.")
>>> b = Claim(id="b/s1", source="b", start=0, end=60, kind="statement",
...           text="The review said the police had missed chances to help them.")
>>> [(f.type.value, [v.value for v in f.values]) for f in statement_discrepancies(None, [a, b])]
[('entity', ['council', 'police'])]
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Optional, Sequence

from rapidfuzz.distance import Levenshtein

from .align import fold
from .model import Claim, ClaimKind, DiscrepancyType, Value
from .provenance import cites_in
from .text import STOPWORDS, changed_stretches, lemma

#: The longest swapped stretch (in words) that still reads as one noun phrase.
MAX_SWAP = 4
#: Share of the shorter claim's words the two claims must have in common.
MIN_SHARED = 0.6

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_OPENERS = frozenset("the a an with by of for from at in to his her its their our council's".split())
_GENERIC = frozenset("report review inquiry investigation statement study document letter survey audit "
                     "finding findings government official officials source sources".split())


_POSSESSIVE = re.compile(r"'s$")


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    # possessives are dropped so that tokenised "who 's" and "WHO’s" read the same
    out = []
    for m in _TOKEN.finditer(text.replace("’", "'")):
        w = _POSSESSIVE.sub("", m.group().lower())
        if w not in ("s", "'s"):
            out.append((w, m.start(), m.end()))
    return tuple(out)


@lru_cache(maxsize=4096)
def _words_of(text: str) -> tuple[str, ...]:
    return tuple(t[0] for t in _tokens(text))


@lru_cache(maxsize=65536)
def _swap_span(text_a: str, text_b: str) -> Optional[tuple[tuple[int, int], tuple[int, int]]]:
    """The swapped noun phrase of two texts as offsets into each, or ``None``."""
    ta, tb = _tokens(text_a), _tokens(text_b)
    if not ta or not tb:
        return None
    opcodes = list(Levenshtein.opcodes(_words_of(text_a), _words_of(text_b)))
    equal = sum(op.src_end - op.src_start for op in opcodes if op.tag == "equal")
    blocks = changed_stretches(opcodes)
    if len(blocks) != 1 or equal < MIN_SHARED * min(len(ta), len(tb)):
        return None
    a0, a1, b0, b1 = blocks[0]
    if a1 == a0 or b1 == b0:
        return None  # a word added or dropped is not a swap
    wa, wb = ta[a0:a1], tb[b0:b1]
    if max(len(wa), len(wb)) > MAX_SWAP or a0 == 0:
        return None
    names = _capitalised(text_a, wa) and _capitalised(text_b, wb)
    if ta[a0 - 1][0] not in _OPENERS and not names:
        # a swap that is not a noun phrase (verb, adjective, negation); a proper name
        # swapped for another ("chief constable Ann Lee" / "... Tom Hale") always is one
        return None
    words_a, words_b = [w for w, _, _ in wa], [w for w, _, _ in wb]
    if any(ch.isdigit() for w in words_a + words_b for ch in w):
        return None
    ca = {w for w in fold(lemma(w) for w in words_a) if w not in STOPWORDS}
    cb = {w for w in fold(lemma(w) for w in words_b) if w not in STOPWORDS}
    if not ca or not cb or ca == cb or _same_body(frozenset(ca), frozenset(cb)):
        return None  # synonyms, an acronym and its expansion, or one name with a modifier
    return (wa[0][1], wa[-1][2]), (wb[0][1], wb[-1][2])


def _capitalised(text: str, span: Sequence[tuple[str, int, int]]) -> bool:
    """Every word of the stretch starts with a capital in the original text (a name), in
    a sentence that is not written in Title Case (where every word would)."""
    lower = sum(1 for m in _TOKEN.finditer(text) if m.group()[:1].islower())
    return lower >= 3 and all(text[start:start + 1].isupper() for _, start, _ in span)


def _credit_key(name: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[^\W_]+", name.lower())
                     if w not in STOPWORDS and w not in _GENERIC and w not in ("professor", "prof", "dr", "mr", "ms"))


def _same_body(a: frozenset[str], b: frozenset[str]) -> bool:
    if a & b:
        return True
    # an acronym and its expansion ("who" / "world health organization")
    for x, y in ((a, b), (b, a)):
        if len(x) == 1 and len(y) >= 2 and next(iter(x)) in ("".join(sorted(w[0] for w in y)),):
            return True
        if len(x) == 1 and len(y) >= 2 and sorted(next(iter(x))) == sorted(w[0] for w in y):
            return True
    return False


def _credits(c: Claim) -> list[tuple[frozenset[str], Value]]:
    """Named documents a claim is credited to, keyed by their author ("an inquiry by the
    agency", "the Smith report"); a bare "a report" names nobody and is skipped. Speakers
    are not compared: a director speaking for an agency is not another source."""
    out = []
    if c.kind is not ClaimKind.STATEMENT:
        return out
    for name, s, e in cites_in(c.text):
        # only a document with its author spelt out ("a report by X") is compared
        m = re.search(r"\b(?:by|from)\s+", name, re.I)
        # read the author's whole name from the claim (the citation may stop short of it)
        author = re.match(r"[^,.;:()\"“”]+", c.text[s + m.end():]) if m else None
        key = _credit_key(" ".join(author.group().split()[:6])) if author else frozenset()
        if key:
            out.append((key, Value(source=c.source, claim=c.id, value=c.text[s:e],
                                   start=c.start + s, end=c.start + e)))
    return out


def statement_discrepancies(group: Any, members: Sequence[Claim]) -> list[Any]:
    """``entity`` and ``attribution`` differences between the members of one group."""
    from .discrepancies import _Found, _phrase

    found: list[Any] = []
    entity: dict[tuple[int, int, str], Value] = {}
    # The diff depends on the two texts only: members with the same wording form one class
    # and each pair of classes is diffed once, however many outlets copied each wording.
    by_text: dict[str, list[Claim]] = {}
    for c in members:
        by_text.setdefault(c.text, []).append(c)
    texts = list(by_text)
    for i, x in enumerate(texts):
        for y in texts[i + 1:]:
            span = _swap_span(x, y)
            if span is None:
                continue
            for side, (s, e), other in ((by_text[x], span[0], by_text[y]), (by_text[y], span[1], by_text[x])):
                others = {o.source for o in other}
                for c in side:
                    # a claim counts when some claim of the other wording is from another source
                    if others - {c.source}:
                        entity[(c.start + s, c.start + e, c.source)] = Value(
                            source=c.source, claim=c.id, value=c.text[s:e], start=c.start + s, end=c.start + e)
    if entity:
        values = tuple(sorted(entity.values(), key=lambda v: (v.source, v.start)))
        found.append(_Found(type=DiscrepancyType.ENTITY, values=values,
                            summary=f"The sources name different parties in the same role: {_phrase(values)}."))
    credits = [(k, v) for c in members for k, v in _credits(c)]
    # credits with one author key agree with each other: compare keys, not every pair
    key_sources: dict[frozenset[str], set[str]] = {}
    for k, v in credits:
        key_sources.setdefault(k, set()).add(v.source)
    keys = list(key_sources)
    differs = {k: [j for j in keys if j != k and not _same_body(k, j)] for k in keys}
    clash = set()
    for k, v in credits:
        if any(key_sources[j] - {v.source} for j in differs[k]):
            clash.add((v.source, v.start, v.end))
    if clash:
        values = tuple(sorted((v for _, v in credits if (v.source, v.start, v.end) in clash),
                              key=lambda v: (v.source, v.start)))
        found.append(_Found(type=DiscrepancyType.ATTRIBUTION, values=values,
                            summary=f"The sources credit this to different sources: {_phrase(values)}."))
    return found
