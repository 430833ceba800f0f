"""The versions of one quote and how two of them differ.

A *version* (:class:`_Unit`) is one source's telling of a quote: its full quotes joined
in text order (so a dropped paragraph shows), or one fragment. :func:`_compare` sets two
versions side by side and names each changed stretch (``wording``, a silent ``drop``, a
cut at an ``edge``, a ``join`` of two quotes; ``marked`` and ``bracket`` edits are honest
and never flagged); :func:`_pair_fidelity` turns that into a label of :data:`FIDELITY`.

A quote carried by many sources has many versions but few distinct *wordings*:
:class:`_Versions` groups versions by what a comparison reads (their signature) and
compares each wording with its **reference** (:meth:`_Versions.references`) instead of
with every other wording, so the work grows with the number of wordings, not its square.
"""

from __future__ import annotations

import re
from collections import defaultdict
from fractions import Fraction
from typing import Any, Callable, Iterable, Optional, Sequence

from attrs import frozen
from rapidfuzz.distance import Levenshtein

from .model import Claim
from .quotewords import _ELLIPSIS, _QCHARS, SHORT_QUOTE, _diff, _match, _W, quote_words
from .text import changed_stretches

#: Fidelity labels, from best to worst.
FIDELITY = ("exact", "same-words", "truncated", "altered")

#: A silently missing stretch of at least this many words is a truncation, not a wording change.
TRUNC_WORDS = 4
#: Two quotes of one source further apart than this (characters) are separate quotes,
#: not one statement split by an attribution ("...," he said. "...").
JOIN_GAP = 80
#: The most words of a reworded sentence's end read before whole sentences a version leaves out.
PARTIAL_WORDS = 3


@frozen
class _Unit:
    """One source's version of a quote: its full quotes joined in text order, or one fragment."""

    source: str
    claims: tuple[Claim, ...]
    words: tuple[_W, ...]
    fragment: bool
    breaks: frozenset[int]  # word indices where a separate quote (far from the last) begins
    seams: frozenset[int]  # word indices where any next member begins


def _units(members: Sequence[Claim]) -> list[_Unit]:
    by_source: dict[str, list[Claim]] = defaultdict(list)
    for c in members:
        by_source[c.source].append(c)
    out = []
    for src in sorted(by_source):
        cs = sorted(by_source[src], key=lambda c: (c.start, c.end))
        fulls = [c for c in cs if not c.fragment]
        if fulls:
            words: list[_W] = []
            breaks, seams = set(), set()
            prev: Optional[Claim] = None
            for c in fulls:
                if prev is not None:
                    seams.add(len(words))
                    if c.start - prev.end > JOIN_GAP:
                        breaks.add(len(words))
                words.extend(quote_words(c))
                prev = c
            out.append(_Unit(src, tuple(fulls), tuple(words), False, frozenset(breaks), frozenset(seams)))
        for c in cs:
            if c.fragment:
                out.append(_Unit(src, (c,), tuple(quote_words(c)), True, frozenset(), frozenset()))
    return out


def _slide(unit: _Unit, keys: Sequence[str], l0: int, l1: int) -> int:
    """How far to move the stretch ``[l0, l1)`` of ``unit`` that the other version lacks, so
    that it starts a sentence: a shift keeps the diff true when the word it passes repeats
    at the stretch's other end. ``0`` when no shift starts a sentence."""
    shifts = [0]
    d = 0
    while l0 + d - 1 >= 0 and keys[l0 + d - 1] == keys[l1 + d - 1]:
        d -= 1
        shifts.append(d)
    d = 0
    while l1 + d < len(keys) and keys[l0 + d] == keys[l1 + d]:
        d += 1
        shifts.append(d)
    if len(shifts) == 1:
        return 0
    starts = [s for s in shifts if l0 + s == 0 or _ends_sentence(unit, l0 + s - 1)]
    return min(starts, key=abs) if starts else 0


def _ends_sentence(unit: _Unit, k: int) -> bool:
    """Whether word ``k`` of a version ends a sentence (a full stop, "!" or "?" follows it)."""
    w = unit.words[k]
    claim = next((c for c in unit.claims if c.id == w.claim), None)
    if claim is None:
        return False
    nxt = unit.words[k + 1].start if k + 1 < len(unit.words) and unit.words[k + 1].claim == w.claim else claim.end
    return any(ch in ".!?" for ch in claim.text[w.end - claim.start:nxt - claim.start])


@frozen
class _Block:
    kind: str  # wording, drop, edge, join; marked (cut shown by "..."), bracket ([editor's words]): not flagged
    a0: int
    a1: int
    b0: int
    b1: int
    split: str = ""  # joins: the side ("a" or "b") that gives the words as two quotes


def _compare(u: _Unit, v: _Unit, sigs: Optional[tuple[tuple[Any, ...], tuple[Any, ...]]] = None, *,
             identical_needed: bool = True, with_diff: bool = True) -> tuple[list[_Block], bool, list[dict[str, str]]]:
    """Differences between two versions, whether their shared words look identical
    (case and punctuation included), and the word diff.

    ``sigs``: both versions' :func:`_signature`, when already known (its marks are then
    read, not recomputed); ``identical_needed=False`` skips that check (``identical`` is
    then ``False``), ``with_diff=False`` the diff (``[]``)."""
    ka, kb = [w.key for w in u.words], [w.key for w in v.words]
    elided: Callable[[_Unit, int], bool] = _elided
    bracketed: Callable[[_Unit, int, int], bool] = _bracketed
    if sigs is not None:
        (*_, su, eu, bu), (*_, sv, ev, bv) = sigs
        first = u
        elided = lambda x, pos: bool((eu if x is first else ev)[pos])  # noqa: E731
        bracketed = lambda x, i0, i1: i1 > i0 and all((bu if x is first else bv)[i0:i1])  # noqa: E731
    window = u.fragment or v.fragment
    ops = list(Levenshtein.opcodes(ka, kb))
    blocks: list[_Block] = []
    raw = changed_stretches(ops)
    for a0, a1, b0, b1 in raw:
        at_start, at_end = a0 == 0 and b0 == 0, a1 == len(ka) and b1 == len(kb)
        one_sided = a0 == a1 or b0 == b1
        if window and (at_start or at_end):
            if one_sided:
                continue  # a fragment is partial by design
            # keep only as many words of the longer side as the shorter side has, next to the shared part
            n = min(a1 - a0, b1 - b0)
            if at_start and not at_end:
                a0, b0 = a1 - n, b1 - n
            elif at_end and not at_start:
                a1, b1 = a0 + n, b0 + n
        if one_sided and at_end and not at_start:
            # the end of a reworded sentence, then whole sentences left out ("... let them
            # *down*. We will not pay ...": "down" belongs to the rewording): the sentences
            # are the cut, the words before them a wording change
            long_, l0, l1 = (v, b0, b1) if a0 == a1 else (u, a0, a1)
            k = next((k for k in range(1, PARTIAL_WORDS + 1) if l0 + k < l1 and (
                _ends_sentence(long_, l0 + k - 1) or l0 + k in long_.seams)), 0)
            if k:
                wa = (a0, a1, b0, b0 + k) if a0 == a1 else (a0, a0 + k, b0, b1)
                last = blocks[-1] if blocks else None
                if last is not None and last.kind == "wording" and wa[0] - last.a1 <= 2 and wa[2] - last.b1 <= 2:
                    # one rewording with a word kept inside it ("let them down" / "failed them")
                    blocks[-1] = _Block("wording", last.a0, wa[1], last.b0, wa[3])
                else:
                    blocks.append(_Block("wording", *wa))
                if a0 == a1:
                    b0 += k
                else:
                    a0 += k
        if one_sided and (at_start or at_end):
            (short, pos), (long_, l0, l1) = ((u, a0), (v, b0, b1)) if a0 == a1 else ((v, b0), (u, a0, a1))
            # leaving out whole paragraphs at either end is quoting part of a statement, not cutting a quote
            whole = (l0 == 0 or l0 in long_.seams) and (l1 == len(long_.words) or l1 in long_.seams)
            blocks.append(_Block("marked" if whole or elided(short, pos) else "edge", a0, a1, b0, b1))
        elif one_sided:
            # words missing from one side between words both give: where the diff puts them is
            # arbitrary when a word repeats at their edges ("... suffered. We accept ... We will
            # ..."); put them at a sentence's bounds, as a reader cuts
            d = _slide(v if a0 == a1 else u, kb if a0 == a1 else ka, b0 if a0 == a1 else a0, b1 if a0 == a1 else a1)
            a0, a1, b0, b1 = a0 + d, a1 + d, b0 + d, b1 + d
            short, pos, n = (u, a0, b1 - b0) if a0 == a1 else (v, b0, a1 - a0)
            if elided(short, pos) or bracketed(v if a0 == a1 else u, b0 if a0 == a1 else a0,
                                                 b1 if a0 == a1 else a1):
                blocks.append(_Block("marked", a0, a1, b0, b1))
            elif n >= TRUNC_WORDS or pos in short.seams:
                blocks.append(_Block("drop", a0, a1, b0, b1))
            else:
                blocks.append(_Block("wording", a0, a1, b0, b1))
        elif bracketed(u, a0, a1) or bracketed(v, b0, b1):
            blocks.append(_Block("bracket", a0, a1, b0, b1))
        else:
            blocks.append(_Block("wording", a0, a1, b0, b1))
    # the word-by-word pairing is only read by the join check (quotes split by a break) and `identical`
    joins = not window and bool(u.breaks or v.breaks)
    pairs = [(op.src_start + k, op.dest_start + k) for op in ops if op.tag == "equal"
             for k in range(op.src_end - op.src_start)] if joins or identical_needed else []
    if joins:
        blocks.extend(_joins(u, v, pairs, a_first=True))
        blocks.extend(_joins(v, u, [(j, i) for i, j in pairs], a_first=False))
    if not identical_needed:
        identical = False
    elif sigs is not None and su and sv:
        identical = all(su[i] == sv[j] for i, j in pairs)
    else:
        identical = all(_surface(u, i) == _surface(v, j) for i, j in pairs)
    return blocks, identical, _diff(ka, kb) if with_diff else []


def _joins(u: _Unit, v: _Unit, pairs: list[tuple[int, int]], *, a_first: bool) -> list[_Block]:
    """Where ``u`` gives two separate quotes that ``v`` runs together as one."""
    if u.fragment or v.fragment:
        return []
    to_v = dict(pairs)
    out = []
    for i in sorted(u.breaks):
        j0, j1 = to_v.get(i - 1), to_v.get(i)
        if j0 is None or j1 is None or j1 != j0 + 1 or j1 in v.seams:
            continue
        out.append(_Block("join", i, i, j1, j1, "a") if a_first else _Block("join", j1, j1, i, i, "b"))
    return out


def _claim_of(u: _Unit, w: _W) -> Claim:
    return next(c for c in u.claims if c.id == w.claim)


def _surface(u: _Unit, i: int) -> str:
    """A word with the punctuation that follows it inside its quote, quote style and spaces removed."""
    w = u.words[i]
    c = _claim_of(u, w)
    nxt = u.words[i + 1] if i + 1 < len(u.words) and u.words[i + 1].claim == w.claim else None
    end = nxt.start if nxt is not None else w.end
    return "".join(c.text[w.start - c.start:end - c.start].translate(_QCHARS).split())


def _elided(u: _Unit, pos: int) -> bool:
    """An ellipsis stands where words are missing (between word ``pos - 1`` and ``pos``)."""
    gap = ""
    if pos > 0:
        w = u.words[pos - 1]
        c = _claim_of(u, w)
        nxt = u.words[pos] if pos < len(u.words) and u.words[pos].claim == w.claim else None
        gap += c.text[w.end - c.start:(nxt.start if nxt else c.end) - c.start]
    if pos < len(u.words):
        w = u.words[pos]
        c = _claim_of(u, w)
        prev = u.words[pos - 1] if pos > 0 and u.words[pos - 1].claim == w.claim else None
        if prev is None:
            gap += c.text[:w.start - c.start]
    return bool(_ELLIPSIS.search(gap))


def _bracketed(u: _Unit, i0: int, i1: int) -> bool:
    """The words are an editor's insertion in [square brackets]."""
    if i1 <= i0:
        return False
    for w in u.words[i0:i1]:
        c = _claim_of(u, w)
        before = c.text[:w.start - c.start]
        if before.count("[") <= before.count("]"):
            return False
    return True


def _pair_fidelity(blocks: Sequence[_Block], identical: bool) -> str:
    kinds = {b.kind for b in blocks}
    if kinds & {"wording", "bracket"}:
        return "altered"
    if kinds & {"drop", "edge", "join", "marked"}:
        return "truncated"
    return "exact" if identical else "same-words"


def _worst(labels: Iterable[str]) -> Optional[str]:
    labels = list(labels)
    return max(labels, key=FIDELITY.index) if labels else None



# -- wordings and their references ----------------------------------------------------
#
# A big story carries one quote word for word in hundreds of outlets, and a few dozen
# wordings of it. Comparing every pair of wordings grows with the square of their number
# (and lists findings no reader can follow: "however" against "i have discussed" when a
# group chains several paragraphs). Instead each wording is compared with one
# *reference*: the most widely carried wording that tells the same stretch of the quote.
# A change is then always reported the way a reader checks it, against what most
# sources print; two variants of the reference are not compared with each other (both
# are shown against the reference).


def _signature(u: _Unit, *, coarse: bool = False) -> tuple[Any, ...]:
    """Everything :func:`_compare` reads from a version (words, surface, marks, seams);
    ``coarse``: all but the surface (what the blocks and the diff depend on, not ``identical``).

    It depends only on the texts of the version's claims and where they stand relative to
    the first (copies of a quote in syndicated sources are read once)."""
    c0 = u.claims[0].start if u.claims else 0
    shape = (coarse, u.fragment, tuple((c.text, c.start - c0, c.end - c0) for c in u.claims))
    got = _SIGNATURES.get(shape)
    if got is None:
        if len(_SIGNATURES) >= 1 << 14:
            _SIGNATURES.clear()
        got = _SIGNATURES[shape] = _read_signature(u, coarse=coarse)
    return got


_SIGNATURES: dict[tuple[Any, ...], tuple[Any, ...]] = {}


def _read_signature(u: _Unit, *, coarse: bool) -> tuple[Any, ...]:
    n = len(u.words)
    surface = () if coarse else tuple(_surface(u, i) for i in range(n))
    texts = [c.text for c in u.claims]
    # most quotes hold no ellipsis and no bracket: then no gap between words can hold one
    # (a gap is a piece of one claim's text, or the end of one and the start of the next,
    # and an ellipsis split across two pieces leaves two of its dots in one of them)
    if any("…" in t or _TWO_DOTS.search(t) for t in texts):
        elided = tuple(_elided(u, p) for p in range(n + 1))
    else:
        elided = (False,) * (n + 1)
    if any("[" in t for t in texts):
        bracketed = tuple(_bracketed(u, i, i + 1) for i in range(n))
    else:
        bracketed = (False,) * n
    return (u.fragment, tuple(w.key for w in u.words), u.seams, u.breaks, surface, elided, bracketed)


#: two of an ellipsis's dots (see :data:`~claimcheck.quotewords._ELLIPSIS`)
_TWO_DOTS = re.compile(r"\.\s?\.")


def _related(ka: Sequence[str], kb: Sequence[str]) -> bool:
    """Two wordings tell the same stretch of a quote (the test alignment uses for fragments)."""
    m = _match(ka, kb)
    return m.same or (3 <= m.short < SHORT_QUOTE and m.lcs >= m.short - 1 and m.run >= 2)


class _Versions:
    """The versions of one quote group, grouped into classes of equal signature (one per
    wording), each class compared with its reference.

    ``coarse`` (the default) leaves case and punctuation out of the signature: callers
    read the blocks and the diff of a comparison, and ask :meth:`identical` for the rest."""

    def __init__(self, units: list[_Unit], *, coarse: bool = True) -> None:
        self.units, self.coarse = units, coarse
        self.src = [u.source for u in units]
        ids: dict[tuple[Any, ...], int] = {}
        self.cls = [ids.setdefault(_signature(u, coarse=coarse), len(ids)) for u in units]
        self.sigs = list(ids)
        self.members: list[list[int]] = [[] for _ in ids]
        for i, x in enumerate(self.cls):
            self.members[x].append(i)  # units come in source order
        self.sources = [{self.src[i] for i in m} for m in self.members]
        self._cmp: dict[tuple[int, int], tuple[list[_Block], bool, list[dict[str, str]]]] = {}
        self._diffs: dict[tuple[int, int], list[dict[str, str]]] = {}
        self._surfaces: dict[int, set[tuple[str, ...]]] = {}
        self._pairs: Optional[list[tuple[int, int]]] = None

    def words(self, x: int) -> tuple[str, ...]:
        """The word keys of class ``x``."""
        words: tuple[str, ...] = self.sigs[x][1]
        return words

    def pairs(self) -> list[tuple[int, int]]:
        """``(reference, class)`` for every class that has a reference, most widely carried first.

        Classes are ranked full quotes before fragments, then by how many sources carry
        them, then longest first, then by their words and first version (ties are broken by
        content and source ids, never by input order). In that order each class takes as reference the first
        earlier *root* (a class without a reference) that tells the same stretch
        (:func:`_related`), or becomes a root. Fragments are thus held to a full quote, and
        a group that chains several paragraphs gets one root per paragraph. A pair whose
        versions all come from one source is left out (nothing to compare across sources)."""
        if self._pairs is None:
            order = sorted(range(len(self.members)),
                           key=lambda x: (self.sigs[x][0], -len(self.sources[x]), -len(self.words(x)),
                                         self.words(x), self.members[x][0]))
            roots: list[int] = []
            pairs = []
            for x in order:
                r = next((r for r in roots if _related(self.words(r), self.words(x))), None)
                if r is None:
                    roots.append(x)
                elif len(self.sources[r] | self.sources[x]) > 1:
                    pairs.append((r, x))
            self._pairs = pairs
        return self._pairs

    def partnered(self, x: int, y: int) -> list[int]:
        """The versions of class ``x`` with a version of class ``y`` from another source."""
        other = self.sources[y]
        if len(other) > 1:
            return list(self.members[x])
        return [i for i in self.members[x] if self.src[i] not in other]

    def count(self, x: int, y: int) -> int:
        """Pairs of versions from different sources, one of class ``x`` and one of ``y``
        (``x == y``: pairs within the class)."""
        per_x: dict[str, int] = defaultdict(int)
        per_y: dict[str, int] = defaultdict(int)
        for i in self.members[x]:
            per_x[self.src[i]] += 1
        if x == y:
            n = len(self.members[x])
            return (n * n - sum(k * k for k in per_x.values())) // 2
        for j in self.members[y]:
            per_y[self.src[j]] += 1
        return len(self.members[x]) * len(self.members[y]) - sum(k * per_y.get(s, 0) for s, k in per_x.items())

    def compare(self, x: int, y: int) -> tuple[list[_Block], bool, list[dict[str, str]]]:
        """``_compare`` of the versions of classes ``x`` and ``y`` (computed once, no diff)."""
        out = self._cmp.get((x, y))
        if out is None:
            u, v = self.units[self.members[x][0]], self.units[self.members[y][0]]
            out = self._cmp[(x, y)] = _compare(u, v, (self.sigs[x], self.sigs[y]), identical_needed=not self.coarse,
                                               with_diff=False)
        return out

    def diff(self, x: int, y: int) -> list[dict[str, str]]:
        """The word diff from class ``x``'s words to class ``y``'s (a fresh list)."""
        out = self._diffs.get((x, y))
        if out is None:
            out = self._diffs[(x, y)] = _diff(self.words(x), self.words(y))
        return [dict(op) for op in out]

    def surfaces(self, x: int) -> set[tuple[str, ...]]:
        """The distinct ways the versions of class ``x`` write their words (case, punctuation)."""
        out = self._surfaces.get(x)
        if out is None:
            out = self._surfaces[x] = {tuple(_surface(self.units[i], n) for n in range(len(self.units[i].words)))
                                       for i in self.members[x]}
        return out

    def identical(self, x: int, y: int) -> bool:
        """Whether the versions of ``x`` and ``y`` write the words they share alike."""
        ka, kb = self.words(x), self.words(y)
        if ka == kb:
            return len(self.surfaces(x) | self.surfaces(y)) == 1
        pairs = [(op.src_start + k, op.dest_start + k) for op in Levenshtein.opcodes(list(ka), list(kb))
                 if op.tag == "equal" for k in range(op.src_end - op.src_start)]
        return all(a[i] == b[j] for a in self.surfaces(x) for b in self.surfaces(y) for i, j in pairs)

    def labels(self) -> set[str]:
        """The fidelity of each comparison made: every class with its reference, and the
        versions within a class (same words; ``exact`` unless case or punctuation differ)."""
        out: set[str] = set()
        for r, x in self.pairs():
            if "altered" in out:  # the worst label: nothing can change the result
                break
            blocks = self.compare(r, x)[0]
            out.add(_pair_fidelity(blocks, not blocks and self.identical(r, x)))
        for x in range(len(self.members)):
            if "truncated" in out or "altered" in out:
                break  # the within-class labels are the best two
            if len(self.sources[x]) > 1:
                out.add("exact" if len(self.surfaces(x)) == 1 else "same-words")
        return out

    def score(self) -> float:
        """Mean share of the shorter version's words the other gives in order, over the
        pairs of versions compared (each with its reference, and within each class)."""
        total, n = Fraction(0), 0  # exact: the sum does not depend on the order of its terms
        for x in range(len(self.members)):
            k = self.count(x, x)
            total, n = total + (k if self.words(x) else 0), n + k
        for r, x in self.pairs():
            k, m = self.count(r, x), _match(self.words(r), self.words(x))
            total, n = total + (Fraction(k * m.lcs, m.short) if m.short else 0), n + k
        return round(float(total / n), 4) if n else 1.0
