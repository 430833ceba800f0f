"""Stage 5, align: group claims from different sources that state the same thing.

Scoring blends several signals into one explained number in ``[0, 1]`` (every component
is kept in :class:`PairScore`):

* ``dice`` / ``containment``: overlap of content-word lemmas weighted by rarity in the
  story (IDF), as the Dice coefficient and as containment of the shorter claim in the
  longer (averaged with Dice when one claim is over :data:`LONG_RATIO` times the other).
  Lemmas are folded through a small thesaurus of news synonyms
  (:func:`~claimcheck.text.fold`: "probe" = "investigation", "closure" = "close",
  "stepped down" = "resigned"), and names found with the story's name
  lexicon count once, by their canonical form ("WHO" and "World Health Organization" are
  one token; a title just before a person's name is part of it). A figure's hedge ("as
  young as"), a statement's credit ("the Met Office said": provenance, not content) and
  words saying when (:data:`~claimcheck.text.WHEN_WORDS`: "last year", "on Tuesday", "in
  January") are not content words. Two claims whose
  shared words are one short run in both ("senior officers") share a mention, not a
  fact, and score lower (:func:`one_mention`);
* ``lexical``: rapidfuzz ``token_sort_ratio`` on the normalised words;
* ``numbers``: shared quantities (of the same kind, a range as a range; not "the other
  two", which points back; not one counting other things: "400 nurses" / "400 beds")
  raise a pair, counts of the same thing with different
  values and nothing else in common lower it (two reports' "11 recommendations" and
  "48 recommendations" stay apart);
* ``semantic``: cosine of sentence embeddings when the optional extra is in use; it
  can only lift a pair that already shares content words or figures (embeddings alone
  rank a different claim above the same one).

Candidates are exact: a bound of the score gives the least containment a pair needs,
and prefix filtering over IDF-weighted lemmas sorted rarest first (plus an index of
figures) proposes every pair that can reach the threshold and few others. Claims with
equal features (copies of one sentence across outlets) are scored as one *type*, so
the cost grows with the number of different sentences, not with the number of copies.
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
from itertools import combinations, islice
from typing import Any, Iterable, Optional, Sequence

from attrs import frozen
from rapidfuzz import fuzz

from ._numwords import STARTERS
from .model import Claim, ClaimKind, Group, Link, Relation
from .provenance import credits_in
from .quantities import near, referent_relation
from .text import WHEN_WORDS, content_words, fold, words

#: Pairs scoring at least this are the same statement.
THRESHOLD = 0.35
#: The least weight a word carries: a word every source uses still counts for something
#: (with a handful of claims all saying the same thing, plain IDF would weigh it zero).
IDF_FLOOR = 0.25
#: Above this token_sort_ratio a pair differing in a figure is the same sentence told differently.
NEAR_VERBATIM = 0.9
#: Weights of the blended score; they sum to 1 before the number adjustment.
WEIGHTS = {"dice": 0.35, "containment": 0.45, "lexical": 0.2}
#: Share of the final score taken by the embedding cosine when it is in use.
SEMANTIC_WEIGHT = 0.25
#: Claims whose weights differ more than this many times: containment of the short one in
#: the long one counts half (a long sentence holds a short clause's few words by chance).
LONG_RATIO = 4.0
#: Merging compares at most this many members of each group.
MERGE_SAMPLE = 24

# Phrases read as one lemma before the synonyms (:func:`~claimcheck.text.fold`) are folded.
_PHRASES = [(re.compile(r"\b(?:step|stepped|steps|stepping|stood|stand|stands) down\b"), " resign "),
            (re.compile(r"\b(?:found|find|finds) guilty\b"), " convict "),
            (re.compile(r"\bthe force\b"), " the police ")]


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
    __slots__ = ("claim", "words", "text", "lemmas", "seq", "quants", "numbers", "counts", "weight",
                 "length", "refs")

    def __init__(self, claim: Claim, names: Optional[re.Pattern[str]], canon: dict[str, str],
                 persons: frozenset[str] = frozenset()) -> None:
        self.claim = claim
        norm = claim.norm or claim.text.lower()
        self.words = words(norm)
        self.text = " ".join(self.words)
        self.length = len(self.text)
        # A name counts once, as the name: its words are taken out of the sentence's plain
        # words (three words of "Greater Harbour Police" would otherwise weigh three times,
        # and a name's "Commission" would match a plain "commissioning"). Acronyms and bare
        # surnames meet their full name through the lexicon's canonical key.
        # the content lemmas in order, a name as one token: where shared words stand
        seq: list[str] = []
        last = 0
        for m in names.finditer(norm) if names is not None else ():
            key = " ".join(m.group().lower().split())
            key = canon.get(key, key)
            before = norm[last:m.start()]
            if key in persons:
                # a title just before a person's name is part of the mention ("chief constable X")
                before = _TITLE_BEFORE.sub(" ", before)
            seq.extend(_plain_lemmas(before))
            seq.append("@" + key)
            last = m.end()
        seq.extend(_plain_lemmas(norm[last:]))
        # A figure's hedge ("as *young* as 11", "at least") is its bound, compared with the
        # figure (see quantities), not a content word: "as young as 11" shares nothing with
        # "young people". Nor is a statement's credit (below).
        set_aside: Counter[str] = Counter()
        for q in claim.quantities:
            if q.hedge:
                set_aside.update(_plain_lemmas(q.hedge))
        if claim.kind is ClaimKind.STATEMENT:
            # Who a statement credits ("the Met Office said", "according to X") is its
            # provenance, not its fact: two things one body said are two facts, and one
            # fact credited to two bodies is compared as such (an attribution discrepancy).
            for name, _, _ in credits_in(claim.text):
                low = name.lower()
                for m in names.finditer(low) if names is not None else ():
                    key = " ".join(m.group().split())
                    set_aside["@" + canon.get(key, key)] += 1
                set_aside.update(_plain_lemmas(low))
        if set_aside:
            kept = []
            for w in seq:
                if set_aside[w] > 0:
                    set_aside[w] -= 1
                else:
                    kept.append(w)
            seq = kept
        self.seq = tuple(seq)
        self.lemmas = frozenset(seq)
        self.quants = tuple(q for q in claim.quantities
                            if q.kind not in ("year", "date", "ordinal") and not _points_back(claim, q))
        # a figure with its role: a range's bounds are a range ("between the ages of 11 and
        # 25" shares no figure with "as young as 11"), and its unit ("40kg" and "40 kilograms"
        # are one figure, "5km" and "5kg" two)
        self.numbers = frozenset((q.kind, q.unit, q.value, q.upper) for q in self.quants)
        # a number pointing back counts nothing, so it is no shared count either
        self.counts = {(q.referent, q.value) for q in self.quants if q.referent and q.kind == "count"}
        # what each figure counts, where the sentence says
        self.refs = {(q.kind, q.unit, q.value, q.upper): q.referent for q in self.quants if q.referent}
        self.weight = 0.0  # IDF weight of all lemmas, set once the story's IDF is known

    def copy(self) -> "_Features":
        new = object.__new__(_Features)
        for name in self.__slots__:
            setattr(new, name, getattr(self, name))
        new.weight = 0.0
        return new


#: Titles and ranks that stand before a person's name: with the name they are one mention.
_TITLE_WORDS = frozenset("""professor prof dr mr mrs ms miss sir dame lord lady judge justice chief constable
    superintendent inspector sergeant detective officer director minister secretary commissioner councillor
    mayor leader chairman chairwoman chair president executive deputy assistant senior acting former
    investigating""".split())
_TITLE_BEFORE = re.compile(r"(?:\b(?:" + "|".join(sorted(_TITLE_WORDS)) + r")\.?\s+)+$", re.I)


def _plain_lemmas(text: str) -> list[str]:
    folded = text.lower()
    for rx, repl in _PHRASES:
        folded = rx.sub(repl, folded)
    return [w for w in fold(content_words(folded)) if w not in WHEN_WORDS]


#: The most content words one mention (a name, "senior officers") holds.
MENTION_WORDS = 2
#: Lowered score of two claims sharing one mention only (see :func:`one_mention`).
MENTION_PENALTY = 0.15
#: A story's topic words, set aside when telling a shared mention from a shared fact: in
#: at least this share of its claims, and at least TOPIC_MIN of them (a story of a few
#: sentences has no topic words).
TOPIC_SHARE = 0.14
TOPIC_MIN = 5


def _run(seq: Sequence[str], shared: set[str]) -> Optional[tuple[int, int]]:
    at = [i for i, w in enumerate(seq) if w in shared]
    if not at or at[-1] - at[0] + 1 != len(at):
        return None
    return at[0], at[-1]


def one_mention(fa: "_Features", fb: "_Features", topic: frozenset[str] = frozenset()) -> bool:
    """Whether two claims share one mention only: their shared content words (figures
    aside, a figure being a fact; ``topic`` words aside, the story's own) stand together in
    one short run in both, and each claim says something more."""
    common = set(fa.lemmas & fb.lemmas) - topic
    if not common or len(common) > MENTION_WORDS or any(w[:1].isdigit() or w in _NUMBER_WORDS for w in common):
        return False
    if len(common) == 1 and next(iter(common))[0] == "@":
        return False  # a name alone already weighs once (see _Features)
    sa, sb = [w for w in fa.seq if w not in topic], [w for w in fb.seq if w not in topic]
    ra, rb = _run(sa, common), _run(sb, common)
    if ra is None or rb is None:
        return False
    return len(sa) - (ra[1] - ra[0] + 1) >= 1 and len(sb) - (rb[1] - rb[0] + 1) >= 1


_NUMBER_WORDS = STARTERS - {"a", "second"}
_OTHER = re.compile(r"\bother\s*$", re.I)


def _points_back(claim: Claim, q: Any) -> bool:
    """A number pointing back to things named before ("the *other two*"): it counts nothing
    another sentence could count."""
    s = q.start - claim.start
    return q.kind == "count" and 0 <= s <= len(claim.text) and bool(_OTHER.search(claim.text[max(0, s - 8):s]))


def _raw_key(claim: Claim) -> tuple[Any, ...]:
    # everything _Features reads from a claim: claims equal on this share one _Features
    return (claim.kind, claim.text, claim.norm or claim.text.lower(),
            tuple((q.kind, q.unit, q.value, q.upper, q.referent, q.hedge, _points_back(claim, q))
                  for q in claim.quantities))


class Scorer:
    """Scores claim pairs with weights learned from the story's vocabulary.

    ``lexicon`` (a :class:`~claimcheck.speakers.NameLexicon`) lets names match across
    spellings; ``embed`` maps claim ids to unit vectors (see :mod:`claimcheck.semantic`).

    Claims with the same features (a sentence many outlets copied word for word) share
    one *type*: a type is featurised and scored once, so the cost grows with the number
    of different sentences, not with the number of copies.
    """

    def __init__(self, claims: Sequence[Claim], *, lexicon: Any = None,
                 embed: Optional[dict[str, Sequence[float]]] = None, reuse: Sequence["Scorer"] = ()) -> None:
        names = lexicon.pattern() if lexicon is not None else None
        canon: dict[str, str] = {}
        persons = frozenset(lexicon.persons) if lexicon is not None else frozenset()
        if lexicon is not None:
            canon.update(lexicon.acronyms)
            canon.update(lexicon.surnames)
        self.embed = embed
        self.lexicon = lexicon
        raw: dict[tuple[Any, ...], _Features] = {}
        self.features: dict[str, _Features] = {}
        # features another scorer of the same story read (``reuse``: they do not depend on
        # its IDF), copied so that each scorer keeps its own weights
        known: dict[int, _Features] = {}
        read = {cid: f for other in reuse if other.lexicon is lexicon for cid, f in other.features.items()}
        for c in claims:
            key = _raw_key(c)
            # embeddings are per claim, so with them in use no two claims share features
            f = raw.get(key) if embed is None else None
            if f is None:
                old = read.get(c.id)
                if old is not None and old.claim is c:
                    f = known.get(id(old))
                    if f is None:
                        f = known[id(old)] = old.copy()
                else:
                    f = _Features(c, names, canon, persons)
                raw[key] = f
            self.features[c.id] = f
        df: Counter[str] = Counter()
        for f in self.features.values():
            df.update(f.lemmas)
        n = max(1, len(self.features))
        self.df = df
        self.idf = {w: max(IDF_FLOOR, math.log((n + 1) / (d + 0.5))) for w, d in df.items()}
        # the story's topic words ("police", "children" in a story about police and children)
        self.topic = frozenset(w for w, d in df.items() if d >= TOPIC_MIN and d >= TOPIC_SHARE * n)
        # types: claims whose features are equal score the same against everything
        self.types: list[_Features] = []
        self.type_of: dict[str, int] = {}
        seen: dict[Any, int] = {}
        for cid, f in self.features.items():
            tkey: Any = (f.text, f.seq, f.numbers, frozenset(f.counts)) if embed is None else cid
            t = seen.get(tkey)
            if t is None:
                t = seen[tkey] = len(self.types)
                f.weight = self.weight(f.lemmas)
                self.types.append(f)
            self.type_of[cid] = t
        self._cache: dict[tuple[int, int], PairScore] = {}

    def weight(self, lemmas: Iterable[str]) -> float:
        return sum(self.idf.get(w, 1.0) for w in lemmas)

    def score(self, a: str, b: str) -> PairScore:
        return self.score_types(self.type_of[a], self.type_of[b])

    def score_types(self, ta: int, tb: int) -> PairScore:
        key = (ta, tb) if ta <= tb else (tb, ta)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._score(self.types[key[0]], self.types[key[1]])
        return hit

    def _score(self, fa: _Features, fb: _Features) -> PairScore:
        common = fa.lemmas & fb.lemmas
        shared = self.weight(common)
        wa, wb = fa.weight or self.weight(fa.lemmas), fb.weight or self.weight(fb.lemmas)
        dice = 2 * shared / (wa + wb) if wa + wb else 0.0
        # containment counts only when the shorter claim is not trivially short
        containment = shared / min(wa, wb) if min(wa, wb) else 0.0
        if min(len(fa.lemmas), len(fb.lemmas)) < 3:
            containment = min(containment, dice)
        elif max(wa, wb) > LONG_RATIO * min(wa, wb):
            containment = (containment + dice) / 2
        lexical = fuzz.token_sort_ratio(fa.text, fb.text) / 100.0
        numbers = 0.0
        both = fa.counts & fb.counts
        if both and not all(_count_alone(common, r, v) for r, v in both):
            numbers += 0.15  # the same count of the same thing: a strong anchor
        elif any(_same_role(fa, fb, k) for k in fa.numbers & fb.numbers):
            numbers += 0.1
        clash = {(r, v, v2) for r, v in fa.counts for r2, v2 in fb.counts if r == r2 and v != v2}
        if clash and not (fa.numbers & fb.numbers) and lexical < NEAR_VERBATIM \
                and not all(near(v, v2) for _, v, v2 in clash):
            # the same thing counted differently with nothing in common: likely another fact
            # ("11 recommendations" / "48 recommendations": two reports; "40,000 homes
            # without power" / "all but 400 homes": a later count); but a sentence repeated
            # word for word with another figure, or a count off by a few per cent ("412,000
            # members" / "421,000 members"), is the same fact told with a conflicting number
            numbers -= 0.25
        elif clash and not numbers:
            numbers += 0.1  # one count told two ways: as strong an anchor as one figure shared
        base = WEIGHTS["dice"] * dice + WEIGHTS["containment"] * containment + WEIGHTS["lexical"] * lexical
        if one_mention(fa, fb, self.topic):
            base -= MENTION_PENALTY  # one name or noun phrase in common is no fact in common
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

    def upper_bound(self, ta: int, tb: int) -> float:
        """A cheap upper bound of ``score_types(ta, tb).score`` (no string comparison)."""
        fa, fb = self.types[ta], self.types[tb]
        low = min(fa.weight, fb.weight)
        shared = self.weight(fa.lemmas & fb.lemmas) if low else 0.0
        dice = 2 * shared / (fa.weight + fb.weight) if low else 0.0
        containment = shared / low if low else 0.0
        # token_sort_ratio is an Indel similarity: the length difference alone costs that much
        total = fa.length + fb.length
        lexical = 2 * min(fa.length, fb.length) / total if total else 1.0
        base = WEIGHTS["dice"] * dice + WEIGHTS["containment"] * containment + WEIGHTS["lexical"] * lexical
        if self.embed is not None:
            base = max(base, (1 - SEMANTIC_WEIGHT) * base + SEMANTIC_WEIGHT)
        return base + (0.15 if fa.numbers & fb.numbers or fa.counts & fb.counts else 0.0) + 1e-6


#: A count this small is commonplace ("two investigations"): shared with nothing else, it
#: is one mention, not a fact (see :func:`_count_alone`).
SMALL_COUNT = 10


def _count_alone(common: frozenset[str], referent: str, value: float) -> bool:
    """Whether a small count ("two investigations") is all two claims share: its number and
    the words of what it counts."""
    if value >= SMALL_COUNT:
        return False
    rest = {w for w in common if not (w[:1].isdigit() or w in _NUMBER_WORDS)} - set(_plain_lemmas(referent))
    return not rest


def _same_role(fa: _Features, fb: _Features, key: tuple[Any, ...]) -> bool:
    """Whether a figure both claims give may count one thing: "6,000 teachers" and "6,000
    schools" share a number, not a figure. Counted things the referent lexicon does not
    relate ("unknown") are not taken for one thing; a figure only one side says what it
    counts of may be."""
    ra, rb = fa.refs.get(key), fb.refs.get(key)
    return ra is None or rb is None or referent_relation(ra, rb) not in ("different", "unknown")


def _stretch(cos: float) -> float:
    """Map a MiniLM cosine onto the lexical score's scale (0.3 -> 0, 0.8 -> 1)."""
    return max(0.0, min(1.0, (cos - 0.3) / 0.5))


def _min_containment(need: float, shared_number: bool, semantic: bool) -> float:
    """The least containment a pair needs to score ``need`` (``<= 0``: any pair can)."""
    if semantic:
        # a lifted pair needs a base of 0.6 x THRESHOLD (and a shared word or figure)
        need = min(need, 0.6 * THRESHOLD)
    rest = WEIGHTS["lexical"] + (0.15 if shared_number else 0.0)
    # dice <= containment, so dice + containment weights bound the overlap part
    return (need - rest) / (WEIGHTS["dice"] + WEIGHTS["containment"])


def _candidate_types(tids: Sequence[int], scorer: Scorer, sources: dict[int, set[str]],
                     threshold: float, apart: Optional[dict[int, set[int]]] = None) -> set[tuple[int, int]]:
    """Type pairs ``(a, b)``, ``a <= b``, that can score ``threshold``: exact, no pair missed.

    Prefix filtering (as in AllPairs / PPJoin): a pair needs containment ``alpha``, i.e.
    shared IDF weight ``>= alpha x`` the lighter claim's weight. With each claim's lemmas
    sorted rarest first, the lighter claim's *prefix* (all but a tail lighter than
    ``alpha x`` its weight) must then hold a shared lemma, so only prefixes are indexed
    and a claim probes the prefixes of claims no heavier than itself. Pairs sharing a
    figure can reach the threshold on lexical similarity alone and come from an index of
    figures. Types whose claims all come from one source pair only with other sources.
    ``apart`` maps a type to types it is not to be paired with (none of them is proposed).
    """
    need = threshold - 1e-4  # scores are rounded to 4 places
    semantic = scorer.embed is not None
    alpha = _min_containment(need, False, semantic)
    alpha_num = _min_containment(need, True, semantic)
    types = scorer.types
    pairs: set[tuple[int, int]] = set()

    def cross(a: int, b: int) -> bool:
        sa, sb = sources[a], sources[b]
        return len(sa) > 1 or len(sb) > 1 or sa != sb

    if alpha <= 0:  # a threshold this low: every pair is a candidate
        return {(a, b) for i, a in enumerate(tids) for b in tids[i:] if cross(a, b)}
    rank = sorted(scorer.df, key=lambda w: (scorer.df[w], w))
    order = {w: i for i, w in enumerate(rank)}
    heavier = sorted(tids, key=lambda t: (types[t].weight, t))
    index: dict[str, list[int]] = defaultdict(list)
    for t in heavier:  # lightest first: a probe finds the lighter claims already indexed
        f = types[t]
        probe: set[int] = set()
        for w in f.lemmas:
            probe.update(index.get(w, ()))
        if apart is not None and t in apart:
            probe.difference_update(apart[t])
        for b in probe:
            pairs.add((b, t) if b <= t else (t, b))
        rest = f.weight
        floor = alpha * f.weight
        for w in sorted(f.lemmas, key=order.__getitem__):
            if rest < floor - 1e-9:
                break
            index[w].append(t)
            rest -= scorer.idf[w]
    if alpha_num <= 0:
        by_number: dict[Any, list[int]] = defaultdict(list)
        for t in tids:
            for v in types[t].numbers:
                by_number[v].append(t)
        for ids in by_number.values():
            for i, a in enumerate(ids):
                away = apart.get(a, ()) if apart is not None else ()
                for b in ids[i + 1:]:
                    if b not in away:
                        pairs.add((a, b) if a <= b else (b, a))
    pairs.update((t, t) for t in tids if len(sources[t]) > 1 and (apart is None or t not in apart.get(t, ())))
    return {p for p in pairs if cross(*p)}


def _type_sources(claims: Sequence[Claim], scorer: Scorer) -> tuple[list[int], dict[int, set[str]]]:
    sources: dict[int, set[str]] = {}
    for c in claims:
        sources.setdefault(scorer.type_of[c.id], set()).add(c.source)
    return sorted(sources), sources


def candidate_pairs(claims: Sequence[Claim], scorer: Scorer, *,
                    threshold: float = THRESHOLD) -> set[tuple[str, str]]:
    """Pairs ``(a, b)``, ``a < b``, of claims from different sources that can score
    ``threshold``: every such pair is proposed (see :func:`_candidate_types`)."""
    tids, sources = _type_sources(claims, scorer)
    by_type: dict[int, list[Claim]] = defaultdict(list)
    for c in claims:
        by_type[scorer.type_of[c.id]].append(c)
    pairs: set[tuple[str, str]] = set()
    for ta, tb in _candidate_types(tids, scorer, sources, threshold):
        for x in by_type[ta]:
            for y in by_type[tb]:
                if x.source != y.source:
                    pairs.add((x.id, y.id) if x.id < y.id else (y.id, x.id))
    return pairs


def _type_edges(claims: Sequence[Claim], scorer: Scorer, threshold: float) -> list[tuple[float, int, int]]:
    """``(score, a, b)`` for every type pair from different sources scoring ``threshold``."""
    tids, sources = _type_sources(claims, scorer)
    edges = []
    for a, b in _candidate_types(tids, scorer, sources, threshold):
        if scorer.upper_bound(a, b) < threshold - 1e-4:
            continue
        s = scorer.score_types(a, b).score
        if s >= threshold:
            edges.append((s, a, b))
    return edges


def align(claims: Sequence[Claim], *, threshold: float = THRESHOLD, scorer: Optional[Scorer] = None,
          lexicon: Any = None, semantic: Optional[bool] = False,
          scorers: Optional[list[Scorer]] = None) -> list[Group]:
    """Group ``claims`` (statements and quotes are grouped separately) and return all groups.

    Claims that no other source makes stay as one-claim groups (``relation == "single"``).
    Group ids are ``g1, g2, ...`` in order of the groups' first claim. ``semantic``:
    ``True`` uses sentence embeddings (raises if the extra is missing), ``None`` uses them
    when installed, ``False`` never. ``scorers``, if given, receives the scorers align
    used, so that :func:`relate` can reuse what they read of each claim.
    """
    order = {c.id: i for i, c in enumerate(claims)}
    by_id = {c.id: c for c in claims}
    embed: Optional[dict[str, Sequence[float]]] = None
    if semantic or semantic is None:
        from . import semantic as sem

        if semantic or sem.available():
            embed = dict(sem.embed_claims(claims))
    clusters: list[list[str]] = []
    # Statements and full quotes are aligned together (one source may quote what another
    # paraphrases); quote fragments only with each other, or a few quoted words would
    # pull in every sentence that uses them.
    pools = ([c for c in claims if not c.fragment], [c for c in claims if c.fragment])
    used: list[Scorer] = []
    for subset in pools:
        if subset:
            sc: Scorer = scorer or Scorer(subset, lexicon=lexicon, embed=embed)
            used.append(sc)
            clusters.extend(_cluster(subset, threshold=threshold, scorer=sc))
    clusters.sort(key=lambda ids: min(order[i] for i in ids))
    groups = []
    for n, ids in enumerate(clusters, 1):
        members = sorted(ids, key=order.__getitem__)
        owner = next((s for s in used if members[0] in s.features), None)
        groups.append(_group(f"g{n}", [by_id[i] for i in members], owner))
    if scorers is not None:
        scorers.extend(used)
    return groups


def _cluster(claims: Sequence[Claim], *, threshold: float, scorer: Scorer) -> list[list[str]]:
    """Greedy average-linkage clustering over the edges scoring ``threshold``, best first.

    The unit of work is a *unit*: a claim, or all copies of one sentence type made by
    more than one source (they score the same against everything, and they meet each
    other first: an identical pair scores 1). Merge decisions are remembered per pair of
    cluster versions (a cluster's version changes only while its sample still grows).
    """
    index = {c.id: i for i, c in enumerate(claims)}
    source = {c.id: c.source for c in claims}
    by_type: dict[int, list[str]] = defaultdict(list)
    for c in claims:
        by_type[scorer.type_of[c.id]].append(c.id)
    units: dict[int, list[list[str]]] = {}
    for t, ids in by_type.items():
        if len({source[i] for i in ids}) > 1 and scorer.score_types(t, t).score >= threshold:
            units[t] = [ids]
        else:
            units[t] = [[i] for i in ids]
    edges = []
    for s, ta, tb in _type_edges(claims, scorer, threshold):
        if ta == tb:
            continue  # copies of one type are one unit already
        for ua in units[ta]:
            for ub in units[tb]:
                if len(ua) == 1 and len(ub) == 1 and source[ua[0]] == source[ub[0]]:
                    continue
                a, b = ua[0], ub[0]
                edges.append((-s, a, b) if a < b else (-s, b, a))
    edges.sort()
    cluster_of: dict[str, int] = {}
    members: dict[int, list[str]] = {}
    for unit_lists in units.values():
        for ids in unit_lists:
            k = index[ids[0]]
            members[k] = list(ids)
            for i in ids:
                cluster_of[i] = k
    version: dict[int, int] = dict.fromkeys(members, 0)
    rejected: set[tuple[int, int, int, int]] = set()
    for _, a, b in edges:
        ca, cb = cluster_of[a], cluster_of[b]
        if ca == cb:
            continue
        if ca > cb:
            ca, cb = cb, ca
        key = (ca, version[ca], cb, version[cb])
        if key in rejected:
            continue
        if not _compatible(members[ca], members[cb], scorer, source, threshold):
            rejected.add(key)
            continue
        small, big = sorted((ca, cb), key=lambda k: (len(members[k]), k))
        for m in members[small]:
            cluster_of[m] = big
        if len(members[big]) < MERGE_SAMPLE:
            version[big] += 1  # its sample changes
        members[big].extend(members.pop(small))
    return sorted(members.values(), key=lambda ids: index[ids[0]])


def _compatible(a: list[str], b: list[str], scorer: Scorer, source: dict[str, str], threshold: float) -> bool:
    """Average linkage with a floor: no member may be far from the other group."""
    # Bound the work on large groups by comparing against a fixed sample of members.
    sa, sb = a[:MERGE_SAMPLE], b[:MERGE_SAMPLE]
    if not sa or not sb:
        return False
    same_source = bool({source[x] for x in sa} & {source[y] for y in sb})
    floor = threshold * (0.8 if same_source else 0.7)
    type_of = scorer.type_of
    ta, tb = [type_of[x] for x in sa], [type_of[y] for y in sb]
    total = 0.0
    for x in ta:
        for y in tb:
            s = scorer.score_types(x, y).score
            if s < floor:
                return False  # one member far from the other group is enough
            total += s
    return total / (len(ta) * len(tb)) >= threshold


def _group(gid: str, members: list[Claim], scorer: Optional[Scorer]) -> Group:
    sources = sorted({c.source for c in members})
    kind = ClaimKind.QUOTE if all(c.kind is ClaimKind.QUOTE for c in members) else ClaimKind.STATEMENT
    if len(sources) < 2:
        return Group(id=gid, claims=[c.id for c in members], sources=sources, relation=Relation.SINGLE,
                     score=1.0, kind=kind)
    if scorer is None:
        scorer = Scorer(members)
    if len(members) <= 32:  # small: every pair, summed in order
        cross = [(x, y) for x, y in combinations(members, 2) if x.source != y.source]
        scores = [scorer.score(x.id, y.id).score for x, y in cross]
        pair_ratios = [fuzz.ratio(" ".join(words(x.norm)), " ".join(words(y.norm))) for x, y in cross]
        return _made(gid, members, sources, kind, sum(scores) / len(scores), pair_ratios)
    # Members with the same wording and features form one class; the cross-source pairs
    # between two classes (or inside one) are counted, not enumerated: a group of a
    # thousand copies costs what a group of its different wordings costs.
    classes: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    for c in members:
        classes[(scorer.type_of[c.id], " ".join(words(c.norm)))][c.source] += 1
    keys = list(classes)
    total = weight = 0.0
    ratios: set[float] = set()
    for i, ka in enumerate(keys):
        for kb in keys[i:]:
            na, nb = classes[ka], classes[kb]
            if ka == kb:
                n = (sum(na.values()) ** 2 - sum(v * v for v in na.values())) // 2
            else:
                n = sum(na.values()) * sum(nb.values()) - sum(v * nb[s] for s, v in na.items())
            if n:
                total += n * scorer.score_types(ka[0], kb[0]).score
                weight += n
                ratios.add(fuzz.ratio(ka[1], kb[1]))
    return _made(gid, members, sources, kind, total / weight, ratios)


def _made(gid: str, members: list[Claim], sources: list[str], kind: ClaimKind, mean: float,
          ratios: Iterable[float]) -> Group:
    ratios = list(ratios)
    if all(r == 100 for r in ratios):
        relation = Relation.VERBATIM
    elif min(ratios) >= 85:
        relation = Relation.NEAR_VERBATIM
    else:
        relation = Relation.PARAPHRASE
    return Group(id=gid, claims=[c.id for c in members], sources=sources, relation=relation,
                 score=round(mean, 4), kind=kind)


#: A claim also states at most this many other groups' facts: its best-scoring ones.
LINK_TOP = 1


def relate(groups: Sequence[Group], claims: Sequence[Claim], *, threshold: float = THRESHOLD,
           lexicon: Any = None, link_threshold: Optional[float] = None,
           same_kind: bool = True, reuse: Sequence[Scorer] = ()) -> dict[str, tuple[Link, ...]]:
    """Where else each group's fact is stated: the members of other groups that state it.

    A claim belongs to one group only, but it can state what another group states: a
    quote that another source tells in its own words (quotes and statements are grouped
    apart), or a sentence carrying two facts whose second fact another source states on
    its own (the claim joined the group of its first fact).

    * a quote and a statement from different sources scoring at least ``threshold``: the
      claim states the fact of its best-scoring group of the other kind
      (:data:`LINK_TOP`): a sentence sharing words with several passages of one long
      statement tells the passage it tells, not all of them;
    * two claims of the same kind from different sources scoring at least
      ``link_threshold`` (by default ``threshold``), when the two groups are each other's
      best match: a claim of each has the other group as its best-scoring group besides
      its own (:data:`LINK_TOP`). A claim "also states" at most one more fact, so a
      sentence sharing only topic words with many groups is linked to none of them by
      chance. Of those claims, the ones that score ``link_threshold`` with most of the
      other group's members (from other sources) state its fact: the two-fact sentence,
      not the one-fact sentence it matched; when no claim on either side does, the
      claims that made the link, on both sides. ``same_kind=False`` keeps quote/statement
      links only.

    The result maps a group id to its :class:`~claimcheck.model.Link` records: another
    group, the members of that group that state this group's fact, and the best score of
    a pair that made the link, and ``via``: the group's own claims that the named claims
    score the link's threshold with (``threshold`` for a quote and a statement,
    ``link_threshold`` otherwise; empty when that is every member), so a statement telling
    one paragraph of a long quote is read against that paragraph, not the whole quote. A
    link names claims: when one member of a broad group also states another group's fact,
    the group's other members are not named. A group whose
    fact no other group's claim states has no records, so links are not always both ways.

    >>> from claimcheck.model import Claim
    >>> mk = lambda cid, text: Claim(id=cid, source=cid[0], start=0, end=0, text="", kind="statement", norm=text)
    >>> two = mk("a/s1", "the storm cut power to 9,000 homes and closed the coast road near marby")
    >>> power = mk("b/s1", "the storm cut power to 9,000 homes across the county")
    >>> road = mk("c/s1", "police closed the coast road near marby after the storm")
    >>> groups = align([two, power, road])
    >>> [g.claims for g in groups]
    [('a/s1', 'c/s1'), ('b/s1',)]
    >>> relate(groups, [two, power, road])  # the two-fact sentence also states b's fact, not b c's
    {'g2': (Link(group='g1', claims=('a/s1',), score=0.561, via=()),)}
    """
    if link_threshold is None:
        link_threshold = threshold
    low = min(threshold, link_threshold) if same_kind else threshold
    group_of = {cid: g for g in groups for cid in g.claims}
    pool = [c for c in claims if not c.fragment and c.id in group_of]
    order = {c.id: i for i, c in enumerate(pool)}
    # ``reuse``: align's scorers (see align), whose reading of each claim is reused
    scorer = Scorer(pool, lexicon=lexicon, reuse=reuse)
    # per type: (is a quote, group) -> sources, so copies are linked once
    sides: dict[int, dict[tuple[bool, str], set[str]]] = defaultdict(lambda: defaultdict(set))
    # the claims behind each (type, is a quote, group)
    holders: dict[tuple[int, bool, str], list[str]] = defaultdict(list)
    for c in pool:
        key = (scorer.type_of[c.id], c.kind is ClaimKind.QUOTE, group_of[c.id].id)
        sides[key[0]][key[1:]].add(c.source)
        holders[key].append(c.id)
    # per claim type: the best pair score it reaches in each other group of the same kind
    best: dict[tuple[int, bool, str], dict[str, float]] = defaultdict(dict)
    # per claim type: the best pair score it reaches in each group of the other kind
    told: dict[tuple[int, bool, str], dict[str, float]] = defaultdict(dict)

    def add(s: float, ta: int, tb: int) -> None:
        for (qa, ga), sa in sides[ta].items():
            for (qb, gb), sb in sides[tb].items():
                if ga == gb or (len(sa) == 1 and sa == sb):
                    continue  # one group, or only one source on both sides
                if qa == qb:
                    if same_kind and s >= link_threshold:
                        for key, other in (((ta, qa, ga), gb), ((tb, qb, gb), ga)):
                            if best[key].get(other, 0.0) < s:
                                best[key][other] = s
                elif s >= threshold:
                    for key, other in (((ta, qa, ga), gb), ((tb, qb, gb), ga)):
                        if told[key].get(other, 0.0) < s:
                            told[key][other] = s

    def floor(scores: Optional[dict[str, float]], base: float) -> float:
        # the least score that can still enter these top LINK_TOP groups
        if not scores or len(scores) < LINK_TOP:
            return base
        return max(scores.values()) if LINK_TOP == 1 else sorted(scores.values(), reverse=True)[LINK_TOP - 1]

    def need(t: int) -> float:
        # the least score a pair of type t must reach to change any of t's top groups
        out = 1.0
        for q, g in sides[t]:
            key = (t, q, g)
            out = min(out, floor(told.get(key), threshold))
            if same_kind:
                out = min(out, floor(best.get(key), link_threshold))
        return out

    # Only each claim type's best-scoring groups matter (LINK_TOP), so each type meets its
    # candidates best bound first and stops once no bound reaches what its top groups
    # hold: pairs that cannot change a top group are never scored.
    near = _relate_candidates(pool, scorer, sides, low)
    for t in sorted(near):
        floor_t = need(t)
        for bound, u in near[t]:
            if bound + 1e-4 < floor_t:
                break
            s = scorer.score_types(t, u).score
            if s >= low:
                add(s, t, u)
                floor_t = need(t)
    # (group, other group) -> the other group's claims stating the group's fact, best
    # score, and the group's own claims they matched
    found: dict[tuple[str, str], tuple[set[str], float, set[str]]] = {}

    def matched(key: tuple[int, bool, str], fact: str, quote: bool, least: float) -> set[str]:
        # the claims of ``fact`` (quotes or not) that ``key``'s claims score ``least`` with,
        # from another source: every such pair is among the candidates, best bound first
        mine = sides[key[0]][key[1:]]
        out: set[str] = set()
        for bound, u in near.get(key[0], ()):
            if bound + 1e-4 < least:
                break
            held = sides[u].get((quote, fact))
            if held and not (len(mine) == 1 and held == mine) and scorer.score_types(key[0], u).score >= least:
                out.update(holders[(u, quote, fact)])
        return out

    def states(key: tuple[int, bool, str], fact: str, score: float, quote: bool, least: float) -> None:
        ids, top, via = found.get((fact, key[2]), (set(), 0.0, set()))
        ids.update(holders[key])
        via.update(matched(key, fact, quote, least))
        found[(fact, key[2])] = ids, max(top, score), via

    members: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for c in pool:
        members[group_of[c.id].id][scorer.type_of[c.id]].add(c.source)

    def fits(key: tuple[int, bool, str], other: str) -> bool:
        # the claims of ``key`` state ``other``'s fact when they score the link threshold
        # with most of its members from other sources, not only with one of them
        mine = sides[key[0]][key[1:]]
        near = far = 0
        for u, held in islice(members[other].items(), MERGE_SAMPLE):
            if len(mine) == 1 and held == mine:
                continue
            if scorer.score_types(key[0], u).score >= link_threshold:
                near += 1
            else:
                far += 1
        return near > far

    for key, scores in told.items():
        # a quote is told in other words by at most LINK_TOP groups of statements, and a
        # statement tells at most LINK_TOP quote groups: each side's best-scoring ones
        for gb in sorted(scores, key=lambda g: (-scores[g], g))[:LINK_TOP]:
            states(key, gb, scores[gb], not key[1], threshold)
    wants: dict[tuple[str, str], list[tuple[int, bool, str]]] = defaultdict(list)
    for key, scores in best.items():
        # a claim also states at most LINK_TOP other groups' facts: its best-scoring ones
        for gb in sorted(scores, key=lambda g: (-scores[g], g))[:LINK_TOP]:
            wants[(key[2], gb)].append(key)
    for (ga, gb), keys in wants.items():
        if (gb, ga) in wants:  # mutual: each group is the other's best match
            # which side states the other's fact: the claims close to the other group as a
            # whole (a two-fact sentence, not the one-fact sentence it matched); when
            # neither side is, the claims that made the link, on both sides
            stating = [key for key in keys if fits(key, gb)]
            if not stating and not any(fits(k, ga) for k in wants[(gb, ga)]):
                stating = keys
            for key in stating:
                states(key, gb, best[key][gb], key[1], link_threshold)
    size = Counter(group_of[c.id].id for c in pool)
    links: dict[str, list[Link]] = defaultdict(list)
    for (fact, other), (ids, score, via) in found.items():
        # ``via`` empty: the whole group
        links[fact].append(Link(group=other, claims=sorted(ids, key=order.__getitem__), score=score,
                                via=sorted(via, key=order.__getitem__) if len(via) < size[fact] else ()))
    return {gid: tuple(sorted(recs, key=lambda r: (len(r.group), r.group)))
            for gid, recs in sorted(links.items(), key=lambda kv: (len(kv[0]), kv[0]))}


def _relate_candidates(pool: Sequence[Claim], scorer: Scorer, sides: dict[int, dict[tuple[bool, str], set[str]]],
                       threshold: float) -> dict[int, list[tuple[float, int]]]:
    """Per type, the types it may score ``threshold`` with, as ``(upper bound, type)``,
    best bound first: :func:`_candidate_types` less the pairs of types one and the same
    group holds alone (they link nothing, and they are most of a big story's pairs)."""
    tids, sources = _type_sources(pool, scorer)
    # types held by one group alone, by group: such a type is not paired with another of its group
    alone: dict[str, set[int]] = defaultdict(set)
    for t, held in sides.items():
        gs = {g for _, g in held}
        if len(gs) == 1:
            alone[gs.pop()].add(t)
    apart = {t: ts for ts in alone.values() for t in ts}
    near: dict[int, list[tuple[float, int]]] = defaultdict(list)
    bound = scorer.upper_bound if scorer.embed is not None else _bounds(scorer)
    for a, b in _candidate_types(tids, scorer, sources, threshold, apart):
        ub = bound(a, b)
        if ub < threshold - 1e-4:
            continue
        near[a].append((ub, b))
        if a != b:
            near[b].append((ub, a))
    for found in near.values():
        found.sort(key=lambda x: (-x[0], x[1]))
    return near


def _bounds(scorer: Scorer) -> Any:
    """:meth:`Scorer.upper_bound` without embeddings, with the types' fields read once (it
    is called for every candidate pair of a story's claims)."""
    types = scorer.types
    weights = [f.weight for f in types]
    lengths = [f.length for f in types]
    lemmas = [f.lemmas for f in types]
    numbers = [f.numbers for f in types]
    # a count shared only through "the other two" still adds to the score (see _score)
    counts = [f.counts for f in types]
    idf = scorer.idf.__getitem__  # every lemma of a type is in the story's IDF
    wd, wc, wl = WEIGHTS["dice"], WEIGHTS["containment"], WEIGHTS["lexical"]

    def bound(ta: int, tb: int) -> float:
        wa, wb = weights[ta], weights[tb]
        low = min(wa, wb)
        if low:
            shared = sum(map(idf, lemmas[ta] & lemmas[tb]))
            dice = 2 * shared / (wa + wb)
            containment = shared / low
        else:
            dice = containment = 0.0
        total = lengths[ta] + lengths[tb]
        lexical = 2 * min(lengths[ta], lengths[tb]) / total if total else 1.0
        base = wd * dice + wc * containment + wl * lexical
        return base + (0.15 if numbers[ta] & numbers[tb] or counts[ta] & counts[tb] else 0.0) + 1e-6

    return bound
