"""Quotes across sources: alignment, fidelity labels, quote discrepancies, paraphrase notes.

Quote claims (full quotes and fragments, from :mod:`claimcheck.extract`) are aligned on
their *words*: case, punctuation, hyphens, quote characters and tokenisation (``who 's``,
`` `` ... '' ``) are not wording, so every comparison runs over word keys read from the
original text (each word keeps its span). Word-level diffs are rapidfuzz
``Levenshtein.opcodes`` over word lists.

Public functions:

* :func:`align_quotes` groups quote claims: the same quote is one group even when one
  source splits it in two, lower-cases it or changes its punctuation. Full quotes are
  grouped first (a member must agree with every overlapping member from another source,
  so a shared phrase cannot chain two different quotes); a fragment then joins the one
  group that contains its words, never two. Each group gets a :attr:`Group.fidelity`:
  ``exact``, ``same-words`` (case/punctuation only), ``truncated`` (a source quotes less,
  drops a passage, or joins two quotes) or ``altered`` (words changed; wins over
  truncated); ``None`` when no other source carries the words.
* :func:`quote_discrepancies` is the detector registered in
  :data:`claimcheck.discrepancies.DETECTORS` for quote groups: ``quote-wording``,
  ``quote-truncation`` and ``attribution`` (the same words credited to different
  speakers, compared on :attr:`Speaker.key`; an unknown speaker is nobody, and an
  organisation is not "different" from its own officer whose role names it). An
  omission marked with an ellipsis, or words added in [square brackets], is honest
  editing and is never flagged. The word diff is in ``Discrepancy.detail["diff"]``.
* :func:`paraphrase_findings` (in :mod:`claimcheck.quote_paraphrase`, re-exported here)
  looks at quotes against *statements* of other sources:
  where one source quotes what another gives only in its own words, a ``Note`` of kind
  ``info`` is put on the paraphrasing sentence; where a fragment ('alternative
  strategies') sits in a sentence another source tells near-identically but with other
  words in the quoted slot ("alternative measures"), that is a ``quote-wording``
  discrepancy (``detail["compared_with"] == "paraphrase"``): the quote marks promise
  words the other telling does not have.
* :func:`quote_groups` lists a report's quote groups (speaker, sources, fidelity,
  discrepancies) for views such as ``claimcheck quotes``.

>>> from claimcheck.model import Claim
>>> def q(cid, text):
...     return Claim(id=cid, source=cid.split("/")[0], start=0, end=len(text), text=text, kind="quote")
>>> groups = align_quotes([q("a/q1", "We will not rest until they are caught."),
...                        q("b/q1", "we will never rest until they are caught ,")])
>>> [(g.claims, g.fidelity) for g in groups]
[(('a/q1', 'b/q1'), 'altered')]
>>> [op for op in word_diff("We will not rest.", "we will never rest") if op["op"] != "equal"]
[{'op': 'replace', 'a': 'not', 'b': 'never'}]
"""

from __future__ import annotations

import re
from collections import defaultdict
from fractions import Fraction
from functools import lru_cache
from itertools import combinations
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

from attrs import frozen
from rapidfuzz.distance import Indel, Levenshtein

from .model import Claim, ClaimKind, Discrepancy, DiscrepancyType, Group, Relation, Value
from .text import changed_stretches

__all__ = [
    "FIDELITY",
    "align_quotes",
    "apply_diff",
    "merge_discrepancies",
    "paraphrase_findings",
    "quote_discrepancies",
    "quote_groups",
    "quote_words",
    "word_diff",
]

#: Fidelity labels, from best to worst.
FIDELITY = ("exact", "same-words", "truncated", "altered")
#: A discrepancy's ``detail`` keeps the word diffs of at most this many pairs of sources
#: (the first in source order); ``pairs_total`` says how many differ. Without a cap the
#: detail grows with the square of the number of sources quoting the same words.
DETAIL_PAIRS = 12
#: :func:`quote_groups` lists at most this many per-pair diffs of a group (see ``QuoteGroup.diffs``).
VIEW_PAIRS = 100
#: Two quotes are the same when this share of the shorter one's words is shared ...
MIN_COVERAGE = 0.6
#: ... in order, with one shared run of at least this many words (or the whole shorter quote).
MIN_RUN = 3
#: Below this many words a quote matches another only as a contiguous sub-span.
SHORT_QUOTE = 5
#: A silently missing stretch of at least this many words is a truncation, not a wording change.
TRUNC_WORDS = 4
#: Two quotes of one source further apart than this (characters) are separate quotes,
#: not one statement split by an attribution ("...," he said. "...").
JOIN_GAP = 80
#: Merging two groups checks at most this many members of each.
MERGE_SAMPLE = 24
#: Posting lists longer than this propose no candidates (keeps big batches near-linear).
MAX_POSTING = 300

_QCHARS = str.maketrans({"’": "'", "‘": "'", "‛": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"',
                         "‟": '"', "«": '"', "»": '"'})
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:'[^\W_]+)*|(?<=\s)'(?:s|re|ve|ll|d|m|t)\b", re.I)
_ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…")


# -- words --------------------------------------------------------------------------


@frozen
class _W:
    key: str
    start: int  # absolute offsets into the source text
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
    text = claim.text.translate(_QCHARS)
    out: list[_W] = []
    for m in _TOKEN.finditer(text):
        tok = m.group().casefold()
        if tok[0].isdigit():
            tok = tok.replace(",", "")
        if (tok.startswith("'") or tok == "n't") and out and text[m.start() - 1:m.start()].isspace():
            prev = out.pop()  # tokenised "who 's" / "do n't" is one word
            out.append(_W(prev.key + tok, prev.start, claim.start + m.end(), claim.id))
            continue
        if tok.startswith("'"):
            continue
        out.append(_W(tok, claim.start + m.start(), claim.start + m.end(), claim.id))
    return out


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


# -- alignment ----------------------------------------------------------------------


def align_quotes(quotes: Sequence[Claim], *, statements: Sequence[Claim] = ()) -> list[Group]:
    """Group quote claims that are the same quote; every claim ends in exactly one group.

    Groups come in order of their first claim (in ``quotes`` order) with temporary ids
    ``q1, q2, ...``: the pipeline renumbers all groups. ``statements`` (claims of other
    kinds) let the fidelity label take into account sources that carry a fragment's
    words without quotation marks (see :func:`paraphrase_findings`).
    """
    order = {c.id: i for i, c in enumerate(quotes)}
    keys = {c.id: tuple(w.key for w in quote_words(c)) for c in quotes}
    full = [c for c in quotes if not c.fragment]
    frags = [c for c in quotes if c.fragment]
    clusters = _cluster(full, keys)
    frag_clusters = _cluster(frags, keys)
    cluster_of = {cid: i for i, cl in enumerate(clusters) for cid in cl}
    by_id = {c.id: c for c in quotes}
    index = _Index(full, keys)
    for fc in frag_clusters:
        # a fragment cluster joins the one full-quote group that contains its words best
        best: dict[int, float] = defaultdict(float)
        for fid in fc:
            f = by_id[fid]
            fk = keys[fid]
            for gk in index.candidates(fk):
                m = _match(fk, gk)
                # a short fragment may differ by one word from the passage it quotes ("great restraint")
                near = 3 <= m.short < SHORT_QUOTE and m.lcs >= m.short - 1 and m.run >= 2
                if not (m.same or near):
                    continue
                for gid in index.claims[gk]:
                    g = by_id[gid]
                    # a few shared words make a fragment part of another speaker's quote only when long
                    if g.source != f.source and (len(fk) >= 2 * SHORT_QUOTE or _same_speaker(f, g)):
                        k = cluster_of[gid]
                        best[k] = max(best[k], m.coverage)
        if best:
            k = min(best, key=lambda i: (-best[i], i))
            clusters[k].extend(fc)
        else:
            clusters.append(list(fc))
    clusters = _chain(clusters, full)
    clusters.sort(key=lambda ids: min(order[i] for i in ids))
    links = _paraphrase_links(quotes, statements) if statements else {}
    groups = []
    for n, ids in enumerate(clusters, 1):
        members = [by_id[i] for i in sorted(ids, key=order.__getitem__)]
        groups.append(_group(f"q{n}", members, links))
    return groups


def _same_speaker(a: Claim, b: Claim) -> bool:
    sa, sb = a.speaker, b.speaker
    if sa is None or sb is None or not sa.key or not sb.key or "unknown" in (sa.kind, sb.kind):
        return True  # an unknown speaker is nobody in particular
    return sa.key == sb.key or _speaks_for(sa, sb)


def _chain(clusters: list[list[str]], full: Sequence[Claim]) -> list[list[str]]:
    """Join groups that are paragraphs of one statement: a source quotes them one after
    the other (at most ``JOIN_GAP`` characters apart, same speaker), so a passage one
    source leaves out, or a quote one source splits, is compared as part of the whole."""
    cluster_of = {cid: n for n, ids in enumerate(clusters) for cid in ids}
    parent = list(range(len(clusters)))

    def find(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    by_source: dict[str, list[Claim]] = defaultdict(list)
    for c in full:
        by_source[c.source].append(c)
    for cs in by_source.values():
        cs.sort(key=lambda c: c.start)
        for a, b in zip(cs, cs[1:]):
            if b.start - a.end <= JOIN_GAP and _same_speaker(a, b):
                parent[find(cluster_of[a.id])] = find(cluster_of[b.id])
    merged: dict[int, list[str]] = defaultdict(list)
    for n, ids in enumerate(clusters):
        merged[find(n)].extend(ids)
    return [merged[k] for k in sorted(merged)]


class _Index:
    """Word n-grams of quotes, over their distinct word sequences: copies of one wording
    share their candidates and every match between them.

    A gram's posting counts *claims* (as an index of claims would), so a gram carried by
    more than ``MAX_POSTING`` claims proposes nothing, exactly as before."""

    def __init__(self, claims: Sequence[Claim], keys: Mapping[str, tuple[str, ...]]) -> None:
        #: word sequence -> its claims, in ``claims`` order
        self.claims: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for c in claims:
            self.claims[keys[c.id]].append(c.id)
        self.postings: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
        self.counts: dict[tuple[str, ...], int] = defaultdict(int)
        for ks, ids in self.claims.items():
            for g in _grams(ks, with_bigrams=True):
                self.postings[g].append(ks)
                self.counts[g] += len(ids)
        self._cands: dict[tuple[str, ...], list[tuple[str, ...]]] = {}

    def candidates(self, ks: tuple[str, ...]) -> list[tuple[str, ...]]:
        """Distinct word sequences sharing a gram with ``ks`` (grams over ``MAX_POSTING`` claims propose none)."""
        out = self._cands.get(ks)
        if out is None:
            seen: dict[tuple[str, ...], None] = {}
            for g in sorted(_grams(ks, with_bigrams=True)):
                if self.counts.get(g, 0) <= MAX_POSTING:
                    seen.update(dict.fromkeys(self.postings.get(g, ())))
            out = self._cands[ks] = list(seen)
        return out


def _grams(ks: Sequence[str], *, with_bigrams: bool = False) -> set[tuple[str, ...]]:
    if len(ks) < 3:
        return {tuple(ks)} if ks else set()
    out = {tuple(ks[i:i + 3]) for i in range(len(ks) - 2)}
    if with_bigrams:
        out |= {tuple(ks[i:i + 2]) for i in range(len(ks) - 1)}
    return out


def _cluster(claims: Sequence[Claim], keys: Mapping[str, tuple[str, ...]]) -> list[list[str]]:
    """Union of same-quote pairs, best first, refusing merges where two members from
    different sources overlap without being the same quote (no chaining)."""
    source = {c.id: c.source for c in claims}
    index = _Index(claims, keys)
    edges = []
    # candidate pairs of claims are the pairs of claims of candidate pairs of wordings;
    # the edge set does not depend on the order it is found in (it is sorted)
    done: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    for ka in index.claims:
        for kb in index.candidates(ka):
            if (kb, ka) in done:
                continue
            done.add((ka, kb))
            mab, mba = _match(ka, kb), _match(kb, ka)
            if not (mab.same or mba.same):
                continue
            for x, y in ((ka, kb), (kb, ka)) if ka != kb else ((ka, kb),):
                m = mab if x is ka else mba
                if not m.same:
                    continue
                for a in index.claims[x]:
                    sa = source[a]
                    for b in index.claims[y]:
                        # the pair is matched in id order, as a walk over claims would
                        if b > a and source[b] != sa:
                            edges.append((-m.coverage, -m.lcs, a, b))
    edges.sort()
    cluster_of = {c.id: i for i, c in enumerate(claims)}
    members: dict[int, list[str]] = {i: [c.id] for i, c in enumerate(claims)}
    for _, _, a, b in edges:
        ca, cb = cluster_of[a], cluster_of[b]
        if ca == cb or not _compatible(members[ca], members[cb], keys, source):
            continue
        small, big = sorted((ca, cb), key=lambda k: (len(members[k]), k))
        for cid in members[small]:
            cluster_of[cid] = big
        members[big].extend(members.pop(small))
    return [members[k] for k in sorted(members)]


def _compatible(a: list[str], b: list[str], keys: Mapping[str, Sequence[str]], source: Mapping[str, str]) -> bool:
    # bound the work on big groups (many sources carrying one statement) with a fixed sample
    for x in a[:MERGE_SAMPLE]:
        for y in b[:MERGE_SAMPLE]:
            if source[x] == source[y]:
                continue
            m = _match(keys[x], keys[y])
            if m.overlaps and not m.same:
                return False
    return True


# -- comparing the versions of a quote ----------------------------------------------


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
        if one_sided and (at_start or at_end):
            (short, pos), (long_, l0, l1) = ((u, a0), (v, b0, b1)) if a0 == a1 else ((v, b0), (u, a0, a1))
            # leaving out whole paragraphs at either end is quoting part of a statement, not cutting a quote
            whole = (l0 == 0 or l0 in long_.seams) and (l1 == len(long_.words) or l1 in long_.seams)
            blocks.append(_Block("marked" if whole or elided(short, pos) else "edge", a0, a1, b0, b1))
        elif one_sided:
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


# -- pairs of versions, counted per distinct version ----------------------------------
#
# A big story carries one quote word for word in hundreds of outlets. Every function
# below needs "all pairs of versions from different sources", but the result of
# comparing two versions depends only on what the versions look like (their signature),
# so versions are grouped by signature and each pair of distinct signatures is compared
# once. What must stay per version (values with spans, the order findings were first
# met in) is recovered from the first and last partner of each version: the pairs are
# never listed one by one.


def _signature(u: _Unit, *, coarse: bool = False) -> tuple[Any, ...]:
    """Everything :func:`_compare` reads from a version (words, surface, marks, seams);
    ``coarse``: all but the surface (what the blocks and the diff depend on, not ``identical``)."""
    n = len(u.words)
    surface = () if coarse else tuple(_surface(u, i) for i in range(n))
    return (u.fragment, tuple(w.key for w in u.words), u.seams, u.breaks,
            surface, tuple(_elided(u, p) for p in range(n + 1)),
            tuple(_bracketed(u, i, i + 1) for i in range(n)))


class _Versions:
    """The versions of one group, grouped by signature, with ``rank`` deciding which
    version of a pair comes first (a pair ``(i, j)`` is compared as ``i`` then ``j``
    when ``rank[i] < rank[j]``)."""

    def __init__(self, units: list[_Unit], rank: Sequence[Any], *, coarse: bool = False) -> None:
        # coarse: versions that differ only in case or punctuation share a class (for callers
        # that read the blocks and the diff of a comparison, never ``identical``)
        self.units, self.rank, self.coarse = units, rank, coarse
        self.src = [u.source for u in units]
        ids: dict[tuple[Any, ...], int] = {}
        self.cls = [ids.setdefault(_signature(u, coarse=coarse), len(ids)) for u in units]
        self.sigs = list(ids)
        self.members: list[list[int]] = [[] for _ in ids]
        for i in sorted(range(len(units)), key=rank.__getitem__):
            self.members[self.cls[i]].append(i)
        self._cmp: dict[tuple[int, int], tuple[list[_Block], bool, list[dict[str, str]]]] = {}
        self._diffs: dict[tuple[int, int], list[dict[str, str]]] = {}

    def compare(self, x: int, y: int) -> tuple[list[_Block], bool, list[dict[str, str]]]:
        """``_compare`` of the versions of classes ``x`` and ``y`` (computed once)."""
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
            out = self._diffs[(x, y)] = _diff(self.sigs[x][1], self.sigs[y][1])
        return [dict(op) for op in out]

    def sides(self, x: int, y: int) -> tuple[list[tuple[int, int, int, int]], list[tuple[int, int, int, int]]]:
        """Pairs ``(i in x, j in y)`` from different sources with ``i`` first: per ``i``
        (first side) and per ``j`` (second side) ``(version, earliest partner, latest
        partner, number of partners)``; versions without a partner are left out."""
        return (_partners(self.members[x], self.members[y], self.rank, self.src, above=True),
                _partners(self.members[y], self.members[x], self.rank, self.src, above=False))


def _partners(xs: list[int], ys: list[int], rank: Sequence[Any], src: Sequence[str], *,
              above: bool) -> list[tuple[int, int, int, int]]:
    """For each ``i`` in ``xs``, the ``j`` in ``ys`` of another source ranked above
    (``above``) or below ``i``: the smallest and largest index and how many."""
    order = (lambda s: reversed(s)) if above else (lambda s: iter(s))
    ys_it = order(ys)
    nxt = next(ys_it, None)
    # the two smallest / largest indices seen so far from two different sources, and counts per source
    lo: list[tuple[int, str]] = []
    hi: list[tuple[int, str]] = []
    per: dict[str, int] = defaultdict(int)
    total = 0
    out = []
    for i in order(xs):
        while nxt is not None and (rank[nxt] > rank[i] if above else rank[nxt] < rank[i]):
            total += 1
            per[src[nxt]] += 1
            _keep(lo, nxt, src[nxt], smallest=True)
            _keep(hi, nxt, src[nxt], smallest=False)
            nxt = next(ys_it, None)
        n = total - per.get(src[i], 0)
        if n:
            first = next(j for j, s in lo if s != src[i])
            last = next(j for j, s in hi if s != src[i])
            out.append((i, first, last, n))
    return out


def _keep(best: list[tuple[int, str]], j: int, s: str, *, smallest: bool) -> None:
    """Keep the best two indices of different sources (enough to skip one's own source)."""
    better = (lambda a, b: a < b) if smallest else (lambda a, b: a > b)
    if best and best[0][1] == s:
        if better(j, best[0][0]):
            best[0] = (j, s)
        return
    if len(best) > 1 and best[1][1] == s:
        if better(j, best[1][0]):
            best[1] = (j, s)
    else:
        best.append((j, s))
    best.sort(key=lambda t: t[0], reverse=not smallest)
    del best[2:]


def _when(i: int, j: int) -> tuple[int, int]:
    """Where pair ``{i, j}`` comes in ``combinations`` order."""
    return (i, j) if i < j else (j, i)


def _group(gid: str, members: list[Claim], links: Mapping[str, list["_Link"]]) -> Group:
    sources = sorted({c.source for c in members})
    labels: set[str] = set()
    units = _units(members)
    vs = _Versions(units, range(len(units)))  # labels compare each pair in source order
    total: Fraction = Fraction(0)
    n_pairs = 0
    for x in range(len(vs.members)):
        for y in range(len(vs.members)):
            firsts = _partners(vs.members[x], vs.members[y], vs.rank, vs.src, above=True)
            if not firsts:
                continue
            if "altered" not in labels:  # the worst label: once met, no comparison can change the result
                blocks, identical, _ = vs.compare(x, y)
                labels.add(_pair_fidelity(blocks, identical))
            m = _match([w.key for w in units[vs.members[x][0]].words], [w.key for w in units[vs.members[y][0]].words])
            n = sum(f[3] for f in firsts)
            # the mean coverage as an exact fraction (lcs / short) summed per distinct pair of versions
            total += Fraction(n * m.lcs, m.short) if m.short else 0
            n_pairs += n
    for c in members:
        # only a fragment's slot is held to the other telling's words; a full quote's paraphrase differs by nature
        for link in links.get(c.id, ()) if c.fragment else ():
            if link.source not in sources:
                labels.add(link.fidelity)
    fidelity = _worst(labels)
    if len(sources) < 2:
        relation = Relation.SINGLE
    elif fidelity in ("exact", "same-words"):
        relation = Relation.VERBATIM
    else:
        relation = Relation.NEAR_VERBATIM
    score = round(float(total / n_pairs), 4) if n_pairs else 1.0
    return Group(id=gid, claims=[c.id for c in members], sources=sources, relation=relation,
                 score=max(0.0, min(1.0, score)), kind=ClaimKind.QUOTE, fidelity=fidelity)


# -- discrepancies ------------------------------------------------------------------


def _values(u: _Unit, i0: int, i1: int) -> list[Value]:
    """Values covering words ``i0..i1`` of a version, one per quote they fall in."""
    out = []
    ws = u.words[i0:i1]
    for cid in dict.fromkeys(w.claim for w in ws):
        part = [w for w in ws if w.claim == cid]
        c = next(x for x in u.claims if x.id == cid)
        s, e = part[0].start, part[-1].end
        out.append(Value(source=u.source, claim=c.id, value=c.text[s - c.start:e - c.start], start=s, end=e))
    return out


def _around(u: _Unit, pos: int, n: int = 6) -> list[Value]:
    """The words next to a gap at ``pos`` (the ones before it, else after it), in one quote."""
    if pos > 0:
        last = u.words[pos - 1]
        lo = pos - 1
        while lo > 0 and pos - lo < n and u.words[lo - 1].claim == last.claim:
            lo -= 1
        return _values(u, lo, pos)
    if not u.words:
        return []
    first = u.words[0]
    hi = 1
    while hi < len(u.words) and hi < n and u.words[hi].claim == first.claim:
        hi += 1
    return _values(u, 0, hi)


def _excerpt(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _speaker_name(members: Sequence[Claim]) -> Optional[str]:
    """The most cited speaker's name, as a properly cased source writes it."""
    names: dict[str, list[str]] = defaultdict(list)
    for c in members:
        if c.speaker is not None and c.speaker.key and c.speaker.kind != "unknown":
            names[c.speaker.key].append(c.speaker.name)
    if not names:
        return None
    key = max(sorted(names), key=lambda k: len(names[k]))
    return max(names[key], key=lambda n: (n != n.lower(), -names[key].index(n)))


def quote_discrepancies(group: Any, members: Sequence[Claim]) -> list[Any]:
    """``quote-wording``, ``quote-truncation`` and ``attribution`` inside one quote group."""
    from .discrepancies import _Found, _phrase

    units = _units(members)
    speaker = _speaker_name(members)
    whose = f"{speaker}'s" if speaker else "the"
    fidelity = getattr(group, "fidelity", None)
    # a word diff of repeated words depends on its direction: a pair is compared in a
    # fixed order (by words, then source order) so the flags do not depend on which came first
    keys = [[w.key for w in u.words] for u in units]
    rank = [0] * len(units)
    for r, i in enumerate(sorted(range(len(units)), key=lambda i: (keys[i], i))):
        rank[i] = r
    vs = _Versions(units, rank, coarse=True)  # `identical` is not read here
    # value key -> (first met, value last met): the order and values one pass over all pairs would give
    wording: dict[tuple[str, int, int], list[Any]] = {}
    trunc: dict[tuple[str, int, int], list[Any]] = {}
    flags: dict[tuple[int, int], tuple[bool, bool]] = {}
    w_total = t_total = 0
    seen_vals: dict[tuple[int, int, int], list[Value]] = {}
    seen_cuts: dict[tuple[Any, ...], list[tuple[int, list[Value]]]] = {}
    classes = range(len(vs.members))
    for x in classes:
        for y in classes:
            firsts, seconds = vs.sides(x, y)
            if not firsts:
                continue
            blocks, _, _ = vs.compare(x, y)
            is_w, is_t = any(b.kind == "wording" for b in blocks), any(b.kind in _CUT for b in blocks)
            flags[(x, y)] = (is_w, is_t)
            n = sum(f[3] for f in firsts)
            w_total += n if is_w else 0
            t_total += n if is_t else 0
            for side, found in ((0, firsts), (1, seconds)):
                for i, lo, hi, _ in found:
                    u = units[i]
                    for k, b in enumerate(blocks):
                        if b.kind != "wording" and b.kind not in _CUT:
                            continue
                        # a version meets the same stretch of its words against many others: its values once
                        if b.kind == "wording":
                            lo_, hi_ = (b.a0, b.a1) if side == 0 else (b.b0, b.b1)
                            vkey = (i, lo_, hi_)
                            got = seen_vals.get(vkey)
                            if got is None:
                                got = seen_vals[vkey] = _values(u, lo_, hi_) or _around(u, lo_, 2)
                            vals = [(side, got)]
                        else:
                            ckey = (i, side, b.kind, b.a0, b.a1, b.b0, b.b1, b.split)
                            cut = seen_cuts.get(ckey)
                            if cut is None:
                                cut = seen_cuts[ckey] = _cut_values(units, b, side, i)
                            vals = cut
                        _note(wording if b.kind == "wording" else trunc, vals, _when(i, lo), _when(i, hi), k)
    w_pairs = _first_pairs(vs, flags, 0, w_total)
    t_pairs = _first_pairs(vs, flags, 1, t_total)
    t_summary: Optional[str] = None
    if t_pairs:
        i, j = t_pairs[0]
        if rank[j] < rank[i]:
            i, j = j, i
        b = next(b for b in vs.compare(vs.cls[i], vs.cls[j])[0] if b.kind in _CUT)
        t_summary = _cut_summary(units[i], units[j], b, whose)
    found = []
    if wording:
        values = tuple(_ordered(wording))
        who = f"quote {speaker}" if speaker else "give this quote"
        w_shown = [_pair(vs, i, j) for i, j in w_pairs]
        found.append(_Found(type=DiscrepancyType.QUOTE_WORDING, values=values,
                            summary=f"The sources {who} in different words: {_phrase(values)}.",
                            detail={"diff": w_shown[0]["diff"], "pairs": w_shown, "pairs_total": w_total, "fidelity": fidelity}))
    if trunc and t_summary:
        values = tuple(_ordered(trunc))
        t_shown = [_pair(vs, i, j) for i, j in t_pairs]
        found.append(_Found(type=DiscrepancyType.QUOTE_TRUNCATION, values=values, summary=t_summary,
                            detail={"diff": t_shown[0]["diff"], "pairs": t_shown, "pairs_total": t_total, "fidelity": fidelity}))
    clash = _attribution(members)
    if clash:
        values = tuple(clash)
        found.append(_Found(type=DiscrepancyType.ATTRIBUTION, values=values,
                            summary=f"The sources credit the same quoted words to different speakers: "
                                    f"{_phrase(values)}.",
                            detail={"claims": sorted({v.claim for v in values}), "fidelity": fidelity}))
    return found


_CUT = ("drop", "edge", "join")


def _note(into: dict[tuple[str, int, int], list[Any]], parts: list[tuple[int, list[Value]]],
          first: tuple[int, int], last: tuple[int, int], k: int) -> None:
    """Record values a version gives for block ``k`` of pairs met first at ``first`` and last at ``last``."""
    for part, vals in parts:
        for q, val in enumerate(vals):
            key = (val.source, val.start, val.end)
            t0, t1 = (*first, k, part, q), (*last, k, part, q)
            _record(into, key, t0, t1, val, later_wins_ties=True)


def _record(found: dict[tuple[str, int, int], list[Any]], key: tuple[str, int, int], t0: Any, t1: Any,
            val: Value, *, later_wins_ties: bool) -> None:
    """Keep, per span, the first time it was seen and the value from the last time (the
    order an all-pairs loop would have produced)."""
    seen = found.get(key)
    if seen is None:
        found[key] = [t0, t1, val]
        return
    if t0 < seen[0]:
        seen[0] = t0
    if t1 > seen[1] or (later_wins_ties and t1 == seen[1]):
        seen[1], seen[2] = t1, val


def _ordered(found: dict[tuple[str, int, int], list[Any]]) -> list[Value]:
    return [val for _, _, val in sorted(found.values(), key=lambda s: (s[2].source, s[2].start, s[0]))]


def _cut_values(units: list[_Unit], b: _Block, side: int, i: int) -> list[tuple[int, list[Value]]]:
    """The values version ``i`` (first side 0, second 1) gives for a cut block, by their place in the list."""
    u = units[i]
    if b.kind == "join":
        joined_side = 1 if b.split == "a" else 0
        j, k = (b.b0, b.a0) if b.split == "a" else (b.a0, b.b0)
        if side == joined_side:
            return [(0, _values(u, max(0, j - 3), min(len(u.words), j + 3)))]
        return [(1, _around(u, k, 4)), (2, _values(u, k, min(len(u.words), k + 4)))]
    short_side, pos, l0, l1 = (0, b.a0, b.b0, b.b1) if b.a0 == b.a1 else (1, b.b0, b.a0, b.a1)
    return [(0, _around(u, pos))] if side == short_side else [(1, _values(u, l0, l1))]


def _cut_summary(u: _Unit, v: _Unit, b: _Block, whose: str) -> str:
    if b.kind == "join":
        joined, split = (v, u) if b.split == "a" else (u, v)
        return f"{joined.source} runs together as one quote words that {split.source} gives as two separate quotes."
    short, long_, l0, l1 = (u, v, b.b0, b.b1) if b.a0 == b.a1 else (v, u, b.a0, b.a1)
    gist = _excerpt(" ".join(m.value for m in _values(long_, l0, l1)))
    if b.kind == "edge":
        return f"{short.source} quotes less of {whose} words than {long_.source}, leaving out “{gist}”."
    return f"{short.source} silently leaves out part of {whose} quote that {long_.source} gives: “{gist}”."


def _first_pairs(vs: _Versions, flags: Mapping[tuple[int, int], tuple[bool, bool]], which: int,
                 total: int) -> list[tuple[int, int]]:
    """The first ``DETAIL_PAIRS`` pairs (in source order) whose comparison has the finding."""
    want = min(total, DETAIL_PAIRS)
    out: list[tuple[int, int]] = []
    hit = {xy for xy, f in flags.items() if f[which]}
    partners: dict[int, list[int]] = defaultdict(list)  # class -> classes it has the finding with
    for x, y in hit:
        partners[x].append(y)
        partners[y].append(x)
    n = len(vs.units)
    for i in range(n):
        if len(out) >= want:
            break
        cx = vs.cls[i]
        js = sorted(j for y in set(partners.get(cx, ())) for j in vs.members[y] if j > i and vs.src[j] != vs.src[i])
        for j in js:
            xy = (cx, vs.cls[j]) if vs.rank[i] < vs.rank[j] else (vs.cls[j], cx)
            if xy in hit:
                out.append((i, j))
                if len(out) >= want:
                    break
    return out


def _pair(vs: _Versions, i: int, j: int) -> dict[str, Any]:
    u, v = vs.units[i], vs.units[j]
    return {"a": u.source, "b": v.source, "a_claims": [c.id for c in u.claims], "b_claims": [c.id for c in v.claims],
            "diff": vs.diff(vs.cls[i], vs.cls[j])}


def _speaks_for(a: Any, b: Any) -> bool:
    """An organisation and its own officer ("WHO" / "WHO Director Jane Doe")."""
    for org, person in ((a, b), (b, a)):
        role = set(re.findall(r"[^\W_]+", (person.role or "").casefold()))
        if org.kind == "organisation" and role and set(org.key.split()) <= role:
            return True
    return False


def _attribution(members: Sequence[Claim]) -> list[Value]:
    speakers = [c for c in members if c.speaker is not None and c.speaker.key and c.speaker.kind != "unknown"]
    # claims whose speakers look alike clash with the same others: decide per kind of speaker,
    # then find each claim's first and last clashing partner (the order and the value a pass
    # over all pairs would leave)
    kinds: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for n, c in enumerate(speakers):
        s = c.speaker
        assert s is not None
        kinds[(s.key, s.kind, s.role)].append(n)
    ks = list(kinds)
    src = [c.source for c in speakers]
    lo: dict[tuple[Any, ...], list[tuple[int, str]]] = {}
    hi: dict[tuple[Any, ...], list[tuple[int, str]]] = {}
    for k, ns in kinds.items():
        lo[k], hi[k] = [], []
        for n in ns:
            _keep(lo[k], n, src[n], smallest=True)
            _keep(hi[k], n, src[n], smallest=False)
    clash: dict[tuple[str, int, int], list[Any]] = {}
    for a in ks:
        sa = speakers[kinds[a][0]].speaker
        others = [b for b in ks if b[0] != a[0] and not _speaks_for(sa, speakers[kinds[b][0]].speaker)]
        for n in kinds[a]:
            firsts = [j for b in others for j in [next((j for j, s in lo[b] if s != src[n]), None)] if j is not None]
            if not firsts:
                continue
            first = min(firsts)
            last = max(next(j for j, s in hi[b] if s != src[n]) for b in others if any(s != src[n] for _, s in hi[b]))
            c, s = speakers[n], speakers[n].speaker
            assert s is not None
            # within a pair the earlier claim is written first
            t0, t1 = (*_when(n, first), n > first), (*_when(n, last), n > last)
            key = (c.source, s.start, s.end)
            val = Value(source=c.source, claim=c.id, value=s.name, start=s.start, end=s.end)
            _record(clash, key, t0, t1, val, later_wins_ties=False)
    return _ordered(clash)


# -- views --------------------------------------------------------------------------


@frozen
class QuoteGroup:
    """A quote group as views show it: who said it, who carries it, how faithfully."""

    group: Group
    speakers: tuple[str, ...]
    sources: tuple[str, ...]
    fidelity: Optional[str]
    claims: tuple[Claim, ...]
    discrepancies: tuple[Discrepancy, ...]
    #: per pair of sources: ``{"a", "b", "a_claims", "b_claims", "fidelity", "diff"}``, each
    #: source's version being its full quotes joined in text order (or one fragment)
    #: (every pair while there are at most ``DETAIL_PAIRS``; then only pairs of versions not
    #: listed yet, at most ``VIEW_PAIRS`` in all)
    diffs: tuple[dict[str, Any], ...] = ()
    #: how many pairs of versions from different sources the group has
    diffs_total: int = 0


def quote_groups(report: Any, *, shared_only: bool = True) -> list[QuoteGroup]:
    """The quote groups of a :class:`~claimcheck.report.Report` (those two or more sources
    carry, unless ``shared_only=False``), with speakers (one name per speaker key, as a
    cased source writes it), fidelity and their discrepancies."""
    claims = {c.id: c for c in report.claims}
    out = []
    for g in report.groups:
        if g.kind is not ClaimKind.QUOTE or (shared_only and len(g.sources) < 2):
            continue
        members = tuple(claims[c] for c in g.claims)
        names: dict[str, str] = {}
        for c in members:
            if c.speaker is not None and c.speaker.kind != "unknown":
                key = c.speaker.key or c.speaker.name.casefold()
                if key not in names or (names[key] == names[key].lower() and c.speaker.name != c.speaker.name.lower()):
                    names[key] = c.speaker.name
        units = _units(members)
        vs = _Versions(units, range(len(units)))
        per_source: dict[str, int] = defaultdict(int)
        for u in units:
            per_source[u.source] += 1
        total = len(units) * (len(units) - 1) // 2 - sum(k * (k - 1) // 2 for k in per_source.values())
        # every pair of sources while few; then only pairs of versions not shown yet (copies
        # of one wording make the same diff), at most VIEW_PAIRS: the list would grow with
        # the square of the number of sources
        diffs: list[dict[str, Any]] = []
        shown: set[tuple[int, int]] = set()
        for i, j in combinations(range(len(units)), 2):
            if len(diffs) >= VIEW_PAIRS:
                break
            u, v = units[i], units[j]
            xy = (vs.cls[i], vs.cls[j])
            if u.source == v.source or (len(diffs) >= DETAIL_PAIRS and xy in shown):
                continue
            shown.add(xy)
            blocks, identical, _ = vs.compare(*xy)
            diff = vs.diff(*xy)
            diffs.append({"a": u.source, "b": v.source, "a_claims": [c.id for c in u.claims],
                          "b_claims": [c.id for c in v.claims], "fidelity": _pair_fidelity(blocks, identical),
                          "diff": diff})
        out.append(QuoteGroup(group=g, speakers=tuple(sorted(names.values(), key=str.casefold)), sources=g.sources,
                              fidelity=g.fidelity, claims=members,
                              discrepancies=tuple(d for d in report.discrepancies if d.group == g.id),
                              diffs=tuple(diffs), diffs_total=total))
    return out


# the quote-against-statement half lives in its own module; it uses the helpers above
from .quote_paraphrase import _Link, _paraphrase_links, merge_discrepancies, paraphrase_findings  # noqa: E402
