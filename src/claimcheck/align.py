"""Stage 5, align: group claims from different sources that state the same thing.

Scoring blends several signals into one explained number in ``[0, 1]``:

* ``content``: overlap of content-word lemmas weighted by rarity in the story (IDF), as
  the Dice coefficient and as containment of the shorter claim in the longer;
* ``lexical``: rapidfuzz ``token_sort_ratio`` on the normalised words;
* ``numbers``: shared quantities raise a pair, counts of the same thing with different
  values lower it (two reports' "11 recommendations" and "48 recommendations" stay apart).

Candidates come from an inverted index of rare content words, so the cost grows with
the number of pairs that share vocabulary, not with all pairs. Groups are built
greedily from the best pairs, and two groups merge only when their members are close on
average and none is far from the other group (no chaining through a neighbour).

>>> from claimcheck.model import Claim
>>> a = Claim(id="a/s1", source="a", start=0, end=0, text="", kind="statement", norm="floods forced 300 families from their homes")
>>> b = Claim(id="b/s1", source="b", start=0, end=0, text="", kind="statement", norm="300 families were forced from homes by floods")
>>> c = Claim(id="b/s2", source="b", start=0, end=0, text="", kind="statement", norm="the mayor opened a new library")
>>> groups = align([a, b, c])
>>> [(g.claims, g.relation.value) for g in groups]
[(('a/s1', 'b/s1'), 'paraphrase'), (('b/s2',), 'single')]
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from itertools import combinations
from typing import Iterable, Optional, Sequence

from attrs import frozen
from rapidfuzz import fuzz

from .model import Claim, ClaimKind, Group, Relation
from .text import content_words, words

#: Pairs scoring at least this are the same statement.
THRESHOLD = 0.42
#: Weights of the blended score; they sum to 1 before the number adjustment.
WEIGHTS = {"dice": 0.45, "containment": 0.25, "lexical": 0.30}
#: A word in more than this share of claims is too common to propose candidates.
COMMON_SHARE = 0.2


@frozen
class PairScore:
    """Why two claims are (or are not) the same statement."""

    score: float
    dice: float
    containment: float
    lexical: float
    numbers: float


class _Features:
    __slots__ = ("claim", "words", "text", "lemmas", "numbers", "counts")

    def __init__(self, claim: Claim) -> None:
        self.claim = claim
        self.words = words(claim.norm)
        self.text = " ".join(self.words)
        self.lemmas = frozenset(content_words(claim.norm))
        self.numbers = frozenset(q.value for q in claim.quantities if q.kind not in ("year", "date", "ordinal"))
        self.counts = {(q.referent, q.value) for q in claim.quantities if q.referent and q.kind == "count"}


class Scorer:
    """Scores claim pairs with weights learned from the story's vocabulary."""

    def __init__(self, claims: Sequence[Claim]) -> None:
        self.features = {c.id: _Features(c) for c in claims}
        df: Counter[str] = Counter()
        for f in self.features.values():
            df.update(f.lemmas)
        n = max(1, len(self.features))
        self.df = df
        self.idf = {w: math.log((n + 1) / (d + 0.5)) for w, d in df.items()}
        self._cache: dict[tuple[str, str], PairScore] = {}

    def weight(self, lemmas: Iterable[str]) -> float:
        return sum(self.idf.get(w, 1.0) for w in lemmas)

    def score(self, a: str, b: str) -> PairScore:
        key = (a, b) if a <= b else (b, a)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._score(self.features[key[0]], self.features[key[1]])
        return hit

    def _score(self, fa: _Features, fb: _Features) -> PairScore:
        shared = self.weight(fa.lemmas & fb.lemmas)
        wa, wb = self.weight(fa.lemmas), self.weight(fb.lemmas)
        dice = 2 * shared / (wa + wb) if wa + wb else 0.0
        containment = shared / min(wa, wb) if min(wa, wb) else 0.0
        lexical = fuzz.token_sort_ratio(fa.text, fb.text) / 100.0
        numbers = 0.0
        if fa.counts & fb.counts:
            numbers += 0.15  # the same count of the same thing: a strong anchor
        elif fa.numbers & fb.numbers:
            numbers += 0.1
        clash = {r for r, v in fa.counts for r2, v2 in fb.counts if r == r2 and v != v2}
        if clash and not (fa.counts & fb.counts):
            numbers -= 0.25  # same thing counted differently with nothing in common: likely another fact
        base = WEIGHTS["dice"] * dice + WEIGHTS["containment"] * containment + WEIGHTS["lexical"] * lexical
        return PairScore(score=round(max(0.0, min(1.0, base + numbers)), 4), dice=round(dice, 4),
                         containment=round(containment, 4), lexical=round(lexical, 4), numbers=numbers)


def candidate_pairs(claims: Sequence[Claim], scorer: Scorer) -> set[tuple[str, str]]:
    """Pairs of claims from different sources that share at least one rare content word."""
    cap = max(3, int(COMMON_SHARE * len(claims)))
    index: dict[str, list[str]] = defaultdict(list)
    for c in claims:
        for w in scorer.features[c.id].lemmas:
            if scorer.df[w] <= cap:
                index[w].append(c.id)
    source = {c.id: c.source for c in claims}
    pairs: set[tuple[str, str]] = set()
    for ids in index.values():
        for a, b in combinations(sorted(ids), 2):
            if source[a] != source[b]:
                pairs.add((a, b))
    return pairs


def align(claims: Sequence[Claim], *, threshold: float = THRESHOLD, scorer: Optional[Scorer] = None) -> list[Group]:
    """Group ``claims`` (statements and quotes are grouped separately) and return all groups.

    Claims that no other source makes stay as one-claim groups (``relation == "single"``).
    Group ids are ``g1, g2, ...`` in order of the groups' first claim.
    """
    order = {c.id: i for i, c in enumerate(claims)}
    by_id = {c.id: c for c in claims}
    clusters: list[list[str]] = []
    # Statements and full quotes are aligned together (one source may quote what another
    # paraphrases); quote fragments only with each other, or a few quoted words would
    # pull in every sentence that uses them.
    pools = ([c for c in claims if not c.fragment], [c for c in claims if c.fragment])
    for subset in pools:
        if subset:
            clusters.extend(_cluster(subset, threshold=threshold, scorer=scorer or Scorer(subset)))
    clusters.sort(key=lambda ids: min(order[i] for i in ids))
    groups = []
    for n, ids in enumerate(clusters, 1):
        members = sorted(ids, key=order.__getitem__)
        groups.append(_group(f"g{n}", [by_id[i] for i in members], scorer or Scorer([by_id[i] for i in members])))
    return groups


def _cluster(claims: Sequence[Claim], *, threshold: float, scorer: Scorer) -> list[list[str]]:
    edges = []
    for a, b in candidate_pairs(claims, scorer):
        s = scorer.score(a, b).score
        if s >= threshold:
            edges.append((-s, a, b))
    edges.sort()
    cluster_of = {c.id: i for i, c in enumerate(claims)}
    members: dict[int, list[str]] = {i: [c.id] for i, c in enumerate(claims)}
    source = {c.id: c.source for c in claims}
    for _, a, b in edges:
        ca, cb = cluster_of[a], cluster_of[b]
        if ca == cb:
            continue
        if _compatible(members[ca], members[cb], scorer, source, threshold):
            small, big = sorted((ca, cb), key=lambda k: (len(members[k]), k))
            for m in members[small]:
                cluster_of[m] = big
            members[big].extend(members.pop(small))
    return list(members.values())


def _compatible(a: list[str], b: list[str], scorer: Scorer, source: dict[str, str], threshold: float) -> bool:
    """Average linkage with a floor: no member may be far from the other group."""
    # Bound the work on very large groups by comparing against a fixed, ordered sample.
    sa, sb = sorted(a)[:40], sorted(b)[:40]
    scores = [scorer.score(x, y).score for x in sa for y in sb]
    if not scores:
        return False
    same_source = any(source[x] == source[y] for x in sa for y in sb)
    floor = threshold * (0.8 if same_source else 0.7)
    return sum(scores) / len(scores) >= threshold and min(scores) >= floor


def _group(gid: str, members: list[Claim], scorer: Scorer) -> Group:
    sources = sorted({c.source for c in members})
    kind = ClaimKind.QUOTE if all(c.kind is ClaimKind.QUOTE for c in members) else ClaimKind.STATEMENT
    if len(sources) < 2:
        return Group(id=gid, claims=[c.id for c in members], sources=sources, relation=Relation.SINGLE,
                     score=1.0, kind=kind)
    cross = [(x, y) for x, y in combinations(members, 2) if x.source != y.source]
    scores = [scorer.score(x.id, y.id) if x.id in scorer.features and y.id in scorer.features
              else Scorer([x, y]).score(x.id, y.id) for x, y in cross]
    ratios = [fuzz.ratio(" ".join(words(x.norm)), " ".join(words(y.norm))) for x, y in cross]
    if all(r == 100 for r in ratios):
        relation = Relation.VERBATIM
    elif min(ratios) >= 85:
        relation = Relation.NEAR_VERBATIM
    else:
        relation = Relation.PARAPHRASE
    score = round(sum(s.score for s in scores) / len(scores), 4)
    return Group(id=gid, claims=[c.id for c in members], sources=sources, relation=relation, score=score, kind=kind)
