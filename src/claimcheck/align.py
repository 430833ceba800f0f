"""Stage 5, align: group claims from different sources that state the same thing.

Scoring blends several signals into one explained number in ``[0, 1]`` (every component
is kept in :class:`PairScore`):

* ``dice`` / ``containment``: overlap of content-word lemmas weighted by rarity in the
  story (IDF), as the Dice coefficient and as containment of the shorter claim in the
  longer. Lemmas are folded through a small thesaurus of news synonyms ("probe" =
  "investigation", "stepped down" = "resigned"), and names found with the story's name
  lexicon add their canonical form ("WHO" and "World Health Organization" count as one);
* ``lexical``: rapidfuzz ``token_sort_ratio`` on the normalised words;
* ``numbers``: shared quantities raise a pair, counts of the same thing with different
  values and nothing else in common lower it (two reports' "11 recommendations" and
  "48 recommendations" stay apart);
* ``semantic``: cosine of sentence embeddings when the optional extra is in use; it
  can only lift a pair that already shares content words or figures (embeddings alone
  rank a different claim above the same one).

Candidates come from an inverted index of rare content words (a word in more than
:data:`COMMON_SHARE` of claims, or more than :data:`MAX_POSTING` claims, proposes
nothing), so the cost grows with the pairs that share vocabulary, not with all pairs.
Groups are built greedily from the best pairs, and two groups merge only when their
members are close on average and none is far from the other group (no chaining).

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
import re
from collections import Counter, defaultdict
from itertools import combinations
from typing import Any, Iterable, Optional, Sequence

from attrs import frozen
from rapidfuzz import fuzz

from .model import Claim, ClaimKind, Group, Relation
from .text import STOPWORDS, content_words, lemma, words

#: Pairs scoring at least this are the same statement.
THRESHOLD = 0.35
#: Weights of the blended score; they sum to 1 before the number adjustment.
WEIGHTS = {"dice": 0.35, "containment": 0.45, "lexical": 0.2}
#: Share of the final score taken by the embedding cosine when it is in use.
SEMANTIC_WEIGHT = 0.25
#: A word in more than this share of claims is too common to propose candidates...
COMMON_SHARE = 0.2
#: ... and so is a word in more than this many claims (keeps candidate search near-linear).
MAX_POSTING = 400
#: Merging compares at most this many members of each group.
MERGE_SAMPLE = 24

# Generic news synonyms folded to one lemma (the key). Story-independent vocabulary only.
_SYNONYMS = {
    "child": "minor kid youngster juvenile",
    "investigation": "probe inquiry enquiry",
    "overlook": "miss",
    "chance": "opportunity",
    "measure": "strategy means approach",
    "resign": "quit",
    "cancel": "scrap axe",
    "increase": "rise climb jump soar",
    "decrease": "fall drop decline plunge",
    "sack": "dismiss fire",
    "arrest": "detain",
    "home": "house",
    "worker": "employee staff",
    "company": "firm",
    "vehicle": "car",
    "buy": "purchase acquire",
    "begin": "start",
    "criticise": "condemn criticize",
    "prosecution": "prosecute",
    "convict": "convicted",
    "people": "person resident individual",
}
_FOLD = {w: k for k, vs in _SYNONYMS.items() for w in vs.split()}
_PHRASES = [(re.compile(r"\b(?:step|stepped|steps|stepping|stood|stand|stands) down\b"), " resign "),
            (re.compile(r"\b(?:found|find|finds) guilty\b"), " convict "),
            (re.compile(r"\bthe force\b"), " the police ")]


def fold(lemmas: Iterable[str]) -> list[str]:
    """Lemmas with synonyms folded onto one form.

    >>> fold(["probe", "minor", "london"])
    ['investigation', 'child', 'london']
    """
    return [_FOLD.get(w, w) for w in lemmas]


@frozen
class PairScore:
    """Why two claims are (or are not) the same statement."""

    score: float
    dice: float
    containment: float
    lexical: float
    numbers: float
    semantic: Optional[float] = None


class _Features:
    __slots__ = ("claim", "words", "text", "lemmas", "numbers", "counts", "entities")

    def __init__(self, claim: Claim, names: Optional[re.Pattern[str]], canon: dict[str, str]) -> None:
        self.claim = claim
        norm = claim.norm or claim.text.lower()
        self.words = words(norm)
        self.text = " ".join(self.words)
        folded = norm.lower()
        for rx, repl in _PHRASES:
            folded = rx.sub(repl, folded)
        lemmas = set(fold(content_words(folded)))
        entities: set[str] = set()
        if names is not None:
            for m in names.finditer(norm):
                key = " ".join(m.group().lower().split())
                key = canon.get(key, key)
                entities.add(key)
                # the canonical name's words stand in for an acronym or a bare surname
                lemmas.update(lemma(w) for w in key.split() if w not in STOPWORDS)
        self.entities = frozenset(entities)
        self.lemmas = frozenset(lemmas | {"@" + e for e in entities})
        self.numbers = frozenset(q.value for q in claim.quantities if q.kind not in ("year", "date", "ordinal"))
        self.counts = {(q.referent, q.value) for q in claim.quantities if q.referent and q.kind == "count"}


class Scorer:
    """Scores claim pairs with weights learned from the story's vocabulary.

    ``lexicon`` (a :class:`~claimcheck.speakers.NameLexicon`) lets names match across
    spellings; ``embed`` maps claim ids to unit vectors (see :mod:`claimcheck.semantic`).
    """

    def __init__(self, claims: Sequence[Claim], *, lexicon: Any = None,
                 embed: Optional[dict[str, Sequence[float]]] = None) -> None:
        names = lexicon.pattern() if lexicon is not None else None
        canon: dict[str, str] = {}
        if lexicon is not None:
            canon.update(lexicon.acronyms)
            canon.update(lexicon.surnames)
        self.features = {c.id: _Features(c, names, canon) for c in claims}
        df: Counter[str] = Counter()
        for f in self.features.values():
            df.update(f.lemmas)
        n = max(1, len(self.features))
        self.df = df
        self.idf = {w: math.log((n + 1) / (d + 0.5)) for w, d in df.items()}
        self.embed = embed
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
        common = fa.lemmas & fb.lemmas
        shared = self.weight(common)
        wa, wb = self.weight(fa.lemmas), self.weight(fb.lemmas)
        dice = 2 * shared / (wa + wb) if wa + wb else 0.0
        # containment counts only when the shorter claim is not trivially short
        containment = shared / min(wa, wb) if min(wa, wb) else 0.0
        if min(len(fa.lemmas), len(fb.lemmas)) < 3:
            containment = min(containment, dice)
        lexical = fuzz.token_sort_ratio(fa.text, fb.text) / 100.0
        numbers = 0.0
        if fa.counts & fb.counts:
            numbers += 0.15  # the same count of the same thing: a strong anchor
        elif fa.numbers & fb.numbers:
            numbers += 0.1
        clash = {r for r, v in fa.counts for r2, v2 in fb.counts if r == r2 and v != v2}
        if clash and not (fa.numbers & fb.numbers):
            numbers -= 0.25  # same thing counted differently with nothing in common: likely another fact
        base = WEIGHTS["dice"] * dice + WEIGHTS["containment"] * containment + WEIGHTS["lexical"] * lexical
        semantic = None
        if self.embed is not None and fa.claim.id in self.embed and fb.claim.id in self.embed:
            va, vb = self.embed[fa.claim.id], self.embed[fb.claim.id]
            semantic = round(max(0.0, sum(x * y for x, y in zip(va, vb))), 4)
            if base >= 0.6 * THRESHOLD and (common or numbers > 0):
                # embeddings lift a pair that already shares a good part; they never create one
                base = max(base, (1 - SEMANTIC_WEIGHT) * base + SEMANTIC_WEIGHT * _stretch(semantic))
        return PairScore(score=round(max(0.0, min(1.0, base + numbers)), 4), dice=round(dice, 4),
                         containment=round(containment, 4), lexical=round(lexical, 4), numbers=numbers,
                         semantic=semantic)


def _stretch(cos: float) -> float:
    """Map a MiniLM cosine onto the lexical score's scale (0.3 -> 0, 0.8 -> 1)."""
    return max(0.0, min(1.0, (cos - 0.3) / 0.5))


def candidate_pairs(claims: Sequence[Claim], scorer: Scorer) -> set[tuple[str, str]]:
    """Pairs of claims from different sources that share at least one rare content word."""
    cap = min(MAX_POSTING, max(3, int(COMMON_SHARE * len(claims))))
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


def align(claims: Sequence[Claim], *, threshold: float = THRESHOLD, scorer: Optional[Scorer] = None,
          lexicon: Any = None, semantic: Optional[bool] = False) -> list[Group]:
    """Group ``claims`` (statements and quotes are grouped separately) and return all groups.

    Claims that no other source makes stay as one-claim groups (``relation == "single"``).
    Group ids are ``g1, g2, ...`` in order of the groups' first claim. ``semantic``:
    ``True`` uses sentence embeddings (raises if the extra is missing), ``None`` uses them
    when installed, ``False`` never.
    """
    order = {c.id: i for i, c in enumerate(claims)}
    by_id = {c.id: c for c in claims}
    embed = None
    if semantic or semantic is None:
        from . import semantic as sem

        if semantic or sem.available():
            embed = sem.embed_claims(claims)
    clusters: list[list[str]] = []
    # Statements and full quotes are aligned together (one source may quote what another
    # paraphrases); quote fragments only with each other, or a few quoted words would
    # pull in every sentence that uses them.
    pools = ([c for c in claims if not c.fragment], [c for c in claims if c.fragment])
    scorers = []
    for subset in pools:
        if subset:
            sc = scorer or Scorer(subset, lexicon=lexicon, embed=embed)
            scorers.append(sc)
            clusters.extend(_cluster(subset, threshold=threshold, scorer=sc))
    clusters.sort(key=lambda ids: min(order[i] for i in ids))
    groups = []
    for n, ids in enumerate(clusters, 1):
        members = sorted(ids, key=order.__getitem__)
        sc = next((s for s in scorers if members[0] in s.features), None)
        groups.append(_group(f"g{n}", [by_id[i] for i in members], sc))
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
    # Bound the work on large groups by comparing against a fixed sample of members.
    sa, sb = a[:MERGE_SAMPLE], b[:MERGE_SAMPLE]
    scores = [scorer.score(x, y).score for x in sa for y in sb]
    if not scores:
        return False
    same_source = any(source[x] == source[y] for x in sa for y in sb)
    floor = threshold * (0.8 if same_source else 0.7)
    return sum(scores) / len(scores) >= threshold and min(scores) >= floor


def _group(gid: str, members: list[Claim], scorer: Optional[Scorer]) -> Group:
    sources = sorted({c.source for c in members})
    kind = ClaimKind.QUOTE if all(c.kind is ClaimKind.QUOTE for c in members) else ClaimKind.STATEMENT
    if len(sources) < 2:
        return Group(id=gid, claims=[c.id for c in members], sources=sources, relation=Relation.SINGLE,
                     score=1.0, kind=kind)
    if scorer is None:
        scorer = Scorer(members)
    cross = [(x, y) for x, y in combinations(members, 2) if x.source != y.source]
    scores = [scorer.score(x.id, y.id) for x, y in cross]
    ratios = [fuzz.ratio(" ".join(words(x.norm)), " ".join(words(y.norm))) for x, y in cross]
    if all(r == 100 for r in ratios):
        relation = Relation.VERBATIM
    elif min(ratios) >= 85:
        relation = Relation.NEAR_VERBATIM
    else:
        relation = Relation.PARAPHRASE
    score = round(sum(s.score for s in scores) / len(scores), 4)
    return Group(id=gid, claims=[c.id for c in members], sources=sources, relation=relation, score=score, kind=kind)


def relate(groups: Sequence[Group], claims: Sequence[Claim], *, threshold: float = THRESHOLD,
           lexicon: Any = None) -> dict[str, tuple[str, ...]]:
    """Links between quote groups and statement groups that state the same thing.

    Quotes and statements are grouped apart (a quote is compared word by word), so a
    source that tells in its own words what another quotes lands in another group. A
    cross-kind pair of claims from different sources scoring at least ``threshold``
    links their groups both ways; the result maps group id -> related group ids.
    """
    group_of = {cid: g for g in groups for cid in g.claims}
    pool = [c for c in claims if not c.fragment and c.id in group_of]
    scorer = Scorer(pool, lexicon=lexicon)
    kind = {c.id: c.kind for c in pool}
    links: dict[str, set[str]] = defaultdict(set)
    for a, b in sorted(candidate_pairs(pool, scorer)):
        if (kind[a] is ClaimKind.QUOTE) == (kind[b] is ClaimKind.QUOTE):
            continue
        ga, gb = group_of[a], group_of[b]
        if gb.id in links[ga.id] or scorer.score(a, b).score < threshold:
            continue
        links[ga.id].add(gb.id)
        links[gb.id].add(ga.id)
    return {gid: tuple(sorted(ids, key=lambda x: (len(x), x))) for gid, ids in links.items()}
