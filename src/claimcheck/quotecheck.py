"""Quotes across sources: alignment and fidelity labels; the public face of the quote modules.

Quote claims (full quotes and fragments, from :mod:`claimcheck.extract`) are aligned on
their *words* (:mod:`claimcheck.quotewords`: case, punctuation, quote characters and
tokenisation are not wording).

* :func:`align_quotes` groups quote claims: the same quote is one group even when one
  source splits it in two, lower-cases it or changes its punctuation. Full quotes are
  grouped first (a member must agree with every overlapping member from another source,
  so a shared phrase cannot chain two different quotes); a fragment then joins the one
  group that contains its words, never two. Each group gets a :attr:`Group.fidelity`:
  ``exact``, ``same-words`` (case/punctuation only), ``truncated`` (a source quotes less,
  drops a passage, or joins two quotes) or ``altered`` (words changed; wins over
  truncated); ``None`` when no other source carries the words. The label is the worst
  over the comparisons :mod:`claimcheck.quote_versions` makes (each wording against its
  reference, the most widely carried wording of the same stretch).

Re-exported here, so callers import every quote function from one place:
:func:`~claimcheck.quote_findings.quote_discrepancies` and
:func:`~claimcheck.quote_findings.quote_groups` (:mod:`claimcheck.quote_findings`),
:func:`~claimcheck.quote_paraphrase.paraphrase_findings` and
:func:`~claimcheck.quote_paraphrase.merge_discrepancies` (quotes against other sources'
statements), :func:`~claimcheck.quotewords.quote_words`,
:func:`~claimcheck.quotewords.word_diff` and :func:`~claimcheck.quotewords.apply_diff`.

>>> from claimcheck.model import Claim
>>> def q(cid, text):
...     return Claim(id=cid, source=cid.split("/")[0], start=0, end=len(text), text=text, kind="quote")
>>> groups = align_quotes([q("a/q1", "We will not rest until they are caught."),
...                        q("b/q1", "we will never rest until they are caught ,")])
>>> [(g.claims, g.fidelity) for g in groups]
[(('a/q1', 'b/q1'), 'altered')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Mapping, Optional, Sequence

from rapidfuzz.distance import LCSseq

from .model import Claim, ClaimKind, Group, Relation
from .quote_findings import QuoteGroup, _speaks_for, quote_discrepancies, quote_groups
from .quote_paraphrase import _Link, _paraphrase_links, merge_discrepancies, paraphrase_findings
from .quote_versions import FIDELITY, JOIN_GAP, _units, _Versions, _worst
from .quotewords import MAX_POSTING, MIN_COVERAGE, SHORT_QUOTE, _match, _text_keys, apply_diff, quote_words, word_diff

__all__ = [
    "FIDELITY",
    "QuoteGroup",
    "align_quotes",
    "apply_diff",
    "merge_discrepancies",
    "paraphrase_findings",
    "quote_discrepancies",
    "quote_groups",
    "quote_words",
    "word_diff",
]

#: Merging two groups checks at most this many members of each.
MERGE_SAMPLE = 24


# -- alignment ----------------------------------------------------------------------


def align_quotes(quotes: Sequence[Claim], *, statements: Sequence[Claim] = (),
                 texts: Optional[Mapping[str, str]] = None) -> list[Group]:
    """Group quote claims that are the same quote; every claim ends in exactly one group.

    Groups come in order of their first claim (in ``quotes`` order) with temporary ids
    ``q1, q2, ...``: the pipeline renumbers all groups. ``statements`` (claims of other
    kinds) let the fidelity label take into account sources that carry a fragment's
    words without quotation marks (see :func:`paraphrase_findings`); ``texts`` (each
    source's text) lets a quote introduced by its own attribution ('The bride told
    reporters: "..."') start a statement of its own.
    """
    order = {c.id: i for i, c in enumerate(quotes)}
    keys = {c.id: _text_keys(c.text) for c in quotes}
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
    clusters = _chain(clusters, full, texts)
    clusters.sort(key=lambda ids: min(order[i] for i in ids))
    # sources carrying a quote's group compare it as a quote: no paraphrase link is wanted there
    carried: dict[str, frozenset[str]] = {}
    for ids in clusters:
        carried.update(dict.fromkeys(ids, frozenset(by_id[i].source for i in ids)))
    links = _paraphrase_links(quotes, statements, carried) if statements else {}
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


def _chain(clusters: list[list[str]], full: Sequence[Claim],
           texts: Optional[Mapping[str, str]] = None) -> list[list[str]]:
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
            if b.start - a.end <= JOIN_GAP and _same_speaker(a, b) \
                    and not _introduced(b, a, texts.get(a.source) if texts else None):
                parent[find(cluster_of[a.id])] = find(cluster_of[b.id])
    merged: dict[int, list[str]] = defaultdict(list)
    for n, ids in enumerate(clusters):
        merged[find(n)].extend(ids)
    return [merged[k] for k in sorted(merged)]


def _introduced(b: Claim, a: Claim, text: Optional[str] = None) -> bool:
    """Whether quote ``b`` is introduced by a speaker of its own, between it and the quote
    ``a`` before it, who is not ``a``'s: named ('"...," a worker said. Jo Bloggs said:
    "..."'), or unnamed but introduced with a colon ('The bride told reporters: "..."',
    read in ``text``, the source's text). A new speaker begins a new statement, not a
    paragraph of ``a``'s; "He added:" that resolves to ``a``'s speaker does not."""
    sb, sa = b.speaker, a.speaker
    if sb is not None and sb.key and a.end <= sb.start < b.start:
        return sa is None or sa.key != sb.key
    if text is not None and _OPENS_QUOTE.search(text, a.end, b.start):
        return sb is None or sa is None or sa.key != sb.key
    return False


#: An attribution ending with a colon right before a quote: 'told reporters: "'.
_OPENS_QUOTE = re.compile(r":\s*[\"“‘'«]?\s*$")


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
    # Claims are numbered in id order, and an edge ``(-coverage, -lcs, a, b)`` is one integer
    # ``(rank of its (-coverage, -lcs)) * N * N + a * N + b``: integers sort as the tuples
    # would, and a big story has a million edges (every pair of copies of one wording).
    ids = sorted(source)
    n_ids = len(ids)
    num = {cid: r for r, cid in enumerate(ids)}
    src_of = [source[cid] for cid in ids]
    keys_of = [keys[cid] for cid in ids]
    nums = {ks: [num[cid] for cid in cids] for ks, cids in index.claims.items()}
    found: list[tuple[float, int, list[int], list[int]]] = []
    # candidate pairs of claims are the pairs of claims of candidate pairs of wordings;
    # the edge set does not depend on the order it is found in (it is sorted)
    done: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    for ka in index.claims:
        for kb in index.candidates(ka):
            if (kb, ka) in done:
                continue
            done.add((ka, kb))
            if not _may_be_same(ka, kb):
                continue  # most candidates share a gram or two, far from the same quote
            mab, mba = _match(ka, kb), _match(kb, ka)
            if not (mab.same or mba.same):
                continue
            for x, y in ((ka, kb), (kb, ka)) if ka != kb else ((ka, kb),):
                m = mab if x is ka else mba
                if m.same:
                    found.append((-m.coverage, -m.lcs, nums[x], nums[y]))
    rank = {k: r for r, k in enumerate(sorted({(k0, k1) for k0, k1, _, _ in found}))}
    edges: list[int] = []
    for k0, k1, xs, ys in found:
        base = rank[(k0, k1)] * n_ids
        for a in xs:
            sa, at = src_of[a], (base + a) * n_ids
            # the pair is matched in id order, as a walk over claims would
            edges.extend([at + b for b in ys if b > a and src_of[b] != sa])
    edges.sort()
    cluster_of = [0] * n_ids
    for i, c in enumerate(claims):
        cluster_of[num[c.id]] = i
    members: dict[int, list[int]] = {i: [num[c.id]] for i, c in enumerate(claims)}
    # a cluster's sample (its first MERGE_SAMPLE members) changes only when it absorbs
    # another while not yet full (merging appends): its wordings are read once per change
    samples: dict[int, dict[Any, set[str]]] = {}
    clash: dict[tuple[int, int], bool] = {}  # per pair of wordings (alive in keys_of meanwhile)

    def sample(k: int) -> dict[Any, set[str]]:
        got = samples.get(k)
        if got is None:
            got = samples[k] = _wordings(members[k][:MERGE_SAMPLE], keys_of, src_of)
        return got

    for e in edges:
        rest, b = divmod(e, n_ids)
        ca, cb = cluster_of[rest % n_ids], cluster_of[b]
        if ca == cb or not _compatible(sample(ca), sample(cb), clash):
            continue
        small, big = sorted((ca, cb), key=lambda k: (len(members[k]), k))
        for r in members[small]:
            cluster_of[r] = big
        samples.pop(small, None)
        if len(members[big]) < MERGE_SAMPLE:
            samples.pop(big, None)
        members[big].extend(members.pop(small))
    return [[ids[r] for r in members[k]] for k in sorted(members)]


def _may_be_same(ka: tuple[str, ...], kb: tuple[str, ...]) -> bool:
    """Whether ``_match(ka, kb).same`` or ``_match(kb, ka).same`` can hold, from the length
    of the longest common subsequence alone (what ``_match`` sums its runs to; rapidfuzz
    counts it without listing the alignment)."""
    short = min(len(ka), len(kb))
    if short == 0:
        return False
    lcs = LCSseq.similarity(ka, kb)
    return lcs / short >= MIN_COVERAGE if short >= SHORT_QUOTE else lcs == short


def _compatible(wa: Mapping[Any, set[str]], wb: Mapping[Any, set[str]],
                clash: Optional[dict[tuple[int, int], bool]] = None) -> bool:
    """Whether two clusters may merge, from the wordings of their samples (with the sources
    giving each): no two members from different sources overlap without being the same quote.

    The work on big groups (many sources carrying one statement) is bounded by a fixed
    sample; its copies of one wording agree alike, so each pair of wordings is matched once
    (when some pair of their members comes from two sources). ``clash``: a memo of the
    answer per pair of wordings, by identity (the caller keeps the wordings alive)."""
    for ka, sa in wa.items():
        for kb, sb in wb.items():
            if len(sa) == 1 and sa == sb:
                continue  # every pair from one source
            key = (id(ka), id(kb))
            bad = clash.get(key) if clash is not None else None
            if bad is None:
                m = _match(ka, kb)
                bad = m.overlaps and not m.same
                if clash is not None:
                    clash[key] = bad
            if bad:
                return False
    return True


def _wordings(ids: Sequence[int], keys: Sequence[Sequence[str]], source: Sequence[str]) -> dict[Any, set[str]]:
    """Distinct wordings of ``ids``, with the sources giving each."""
    out: dict[Any, set[str]] = {}
    for x in ids:
        out.setdefault(keys[x], set()).add(source[x])
    return out


def _group(gid: str, members: list[Claim], links: Mapping[str, list[_Link]]) -> Group:
    sources = sorted({c.source for c in members})
    vs = _Versions(_units(members))
    labels = vs.labels()
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
    return Group(id=gid, claims=[c.id for c in members], sources=sources, relation=relation,
                 score=max(0.0, min(1.0, vs.score())), kind=ClaimKind.QUOTE, fidelity=fidelity)
