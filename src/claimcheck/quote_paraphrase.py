"""Quotes against other sources' statements: paraphrase links, notes, fragment wording.

Part of the quote modules (see :mod:`claimcheck.quotecheck`): a quote one source gives and
another source tells without quotation marks. For a full quote that is reported speech
and gets an ``info`` note; for a fragment inside a sentence that another source tells
near-identically, other words in the quoted slot are a ``quote-wording`` discrepancy.

>>> from claimcheck.model import Claim
>>> q = Claim(id="a/q1", source="a", start=31, end=53, kind="quote", fragment=True, sentence=0,
...           text="alternative strategies")
>>> host = Claim(id="a/s1", source="a", start=0, end=92, kind="statement", sentence=0,
...              text="The agency said the force did 'alternative strategies' to protect victims or gather evidence.")
>>> other = Claim(id="b/s1", source="b", start=0, end=88, kind="statement", sentence=0,
...               text="The agency said the force did alternative measures to protect victims or gather evidence.")
>>> [(l.value, l.fidelity) for l in _paraphrase_links([q], [host, other])["a/q1"]]
[('alternative measures', 'altered')]
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any, Iterable, Mapping, Optional, Sequence

import attrs
from attrs import frozen
from rapidfuzz.distance import Indel, Levenshtein

from .model import Claim, ClaimKind, Discrepancy, DiscrepancyType, Group, Note, NoteKind, Value
from .quote_findings import _speaker_name
from .quotewords import MAX_POSTING, MIN_RUN, SHORT_QUOTE, _diff, _excerpt, _match, _text_keys, _tokens, _W, quote_words
from .text import STOPWORDS, content_words

__all__ = ["merge_discrepancies", "paraphrase_findings"]


@frozen
class _Link:
    """A statement of another source that carries a quote's words without quote marks."""

    quote: str
    source: str
    statement: str
    start: int  # the words in the statement that stand for the quote
    end: int
    value: str
    diff: tuple[dict[str, str], ...]
    fidelity: str


#: A paraphrasing sentence shares at least this many content lemmas with the quote (or
#: with a fragment's sentence), and at least ``LINK_SHARE`` of the smaller set.
LINK_LEMMAS = 4
LINK_SHARE = 0.4
#: Words each side of a fragment, and of its stand-in, that must tell the same context.
CONTEXT = 8


class _Sentence:
    """A sentence of one source: its statements (clauses of one sentence are one context),
    their word keys in order, per word the rank of its claim's id among the sentence's
    claim ids (ids sort as ranks do), and its content lemmas.

    The words with their spans (:attr:`words`) are built only when asked for: a big story
    has hundreds of thousands of statement words and links read the spans of a few."""

    __slots__ = ("source", "claims", "keys", "ranks", "lemmas", "_first", "_words")

    def __init__(self, source: str, claims: tuple[Claim, ...]) -> None:
        self.source, self.claims = source, claims
        self._words: Optional[tuple[_W, ...]] = None
        if len(claims) == 1:  # most sentences are one statement
            c = claims[0]
            self.keys = _text_keys(c.text)
            self.ranks = _zeros(len(self.keys))
            self._first = {0: (c, 0)}
            self.lemmas = _lemma_set(c.norm or c.text.lower())
            return
        order = {cid: r for r, cid in enumerate(sorted(c.id for c in claims))}
        keys: list[str] = []
        ranks: list[int] = []
        first: dict[int, tuple[Claim, int]] = {}  # rank -> (claim, index of its first word)
        for c in claims:
            ks = _text_keys(c.text)
            r = order[c.id]
            first[r] = (c, len(keys))
            keys.extend(ks)
            ranks.extend([r] * len(ks))
        self.keys, self.ranks, self._first = tuple(keys), tuple(ranks), first
        self.lemmas = frozenset(w for c in claims for w in _lemma_set(c.norm or c.text.lower()))

    @property
    def words(self) -> tuple[_W, ...]:
        """The words of the sentence's statements with their spans (:func:`quote_words`)."""
        if self._words is None:
            self._words = tuple(w for c in self.claims for w in quote_words(c))
        return self._words

    def span(self, i0: int, i1: int) -> Optional[tuple[Claim, int, int]]:
        """The claim and absolute ``(start, end)`` of words ``i0..i1``, if they lie in one claim."""
        if i1 <= i0 or self.ranks[i0] != self.ranks[i1 - 1]:
            return None
        c, at = self._first[self.ranks[i0]]
        toks = _tokens(c.text)
        return c, c.start + toks[i0 - at][1], c.start + toks[i1 - 1 - at][2]


@lru_cache(maxsize=256)
def _zeros(n: int) -> tuple[int, ...]:
    return (0,) * n


@lru_cache(maxsize=1 << 17)
def _lemma_set(norm: str) -> frozenset[str]:
    return frozenset(content_words(norm))


def _sentences(statements: Sequence[Claim]) -> list[_Sentence]:
    """Statements joined back into sentences (clauses of one sentence are one context)."""
    by: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for s in statements:
        by[(s.source, s.sentence)].append(s)
    out = []
    for (src, _), cs in sorted(by.items()):
        cs.sort(key=lambda c: c.start)
        out.append(_Sentence(src, tuple(cs)))
    return out


def _paraphrase_links(quotes: Sequence[Claim], statements: Sequence[Claim],
                      carried: Optional[Mapping[str, frozenset[str]]] = None) -> dict[str, list[_Link]]:
    """For each quote, the best sentence per other source that tells its words unquoted.

    ``carried``: per quote id, sources left out (those carrying the quote's group: they
    are compared as quotes, and every reader of the links skips them). In a big story most
    sources quote the big quotes, so this is most of the work saved.

    The pipeline asks twice with the same claims (:func:`~claimcheck.quotecheck.align_quotes`
    for fidelity labels, :func:`paraphrase_findings` for notes): the latest answer is kept and
    given again when the statements are the very same objects in the same order, the
    quotes the same objects (in any order: each quote's links are found on their own) and
    ``carried`` is equal. The returned mapping is shared: read it, do not change it."""
    carried = dict(carried or {})
    if _LAST:
        qs, ss, cs, out = _LAST[0]
        if (len(ss) == len(statements) and len(qs) == len(quotes) and all(x is y for x, y in zip(ss, statements))
                and {id(q) for q in qs} == {id(q) for q in quotes} and cs == carried):
            return out
    out = _links(quotes, statements, carried)
    # holding the claims keeps their ids from being reused by other objects while remembered
    _LAST[:] = [(tuple(quotes), tuple(statements), carried, out)]
    return out


#: the latest ``(quotes, statements, carried, links)`` of :func:`_paraphrase_links`
_LAST: list[tuple[tuple[Claim, ...], tuple[Claim, ...], dict[str, frozenset[str]], dict[str, list[_Link]]]] = []


def _links(quotes: Sequence[Claim], statements: Sequence[Claim],
           carried: Mapping[str, frozenset[str]]) -> dict[str, list[_Link]]:
    sents = _sentences([s for s in statements if s.kind is not ClaimKind.QUOTE])
    index: dict[str, list[int]] = defaultdict(list)
    for n, s in enumerate(sents):
        for w in s.lemmas:
            index[w].append(n)
    host_of = {(c.source, c.sentence): s for s in sents for c in s.claims}
    # syndicated copies repeat quotes and sentences word for word: candidates are found per
    # set of lemmas, and where a quote's words sit in a sentence per pair of word sequences
    cands_of: dict[frozenset[str], list[tuple[int, float]]] = {}
    kept_of: dict[tuple[frozenset[str], frozenset[str]], list[tuple[int, float]]] = {}
    spans = _Spans()
    out: dict[str, list[_Link]] = {}
    for q in quotes:
        toks = _tokens(q.text)
        host = host_of.get((q.source, q.sentence)) if q.fragment else None
        if len(toks) < 2 or (q.fragment and host is None):
            continue
        ref = host.lemmas if host is not None else _lemma_set(q.norm or q.text.lower())
        cands = cands_of.get(ref)
        if cands is None:
            cands = []
            near: set[int] = set()
            for w in ref:
                posting = index.get(w, ())
                if len(posting) <= MAX_POSTING:
                    near.update(posting)
            n_ref = len(ref)
            for n in sorted(near):
                t_lemmas = sents[n].lemmas
                shared = len(ref & t_lemmas)
                if shared < LINK_LEMMAS:
                    continue
                least = n_ref if n_ref < len(t_lemmas) else len(t_lemmas)
                if shared < LINK_SHARE * least:
                    continue
                cands.append((n, shared / least))
            cands_of[ref] = cands
        qk = _text_keys(q.text)
        near_h: Optional[set[str]] = None
        if host is not None:
            at, n_q, hk = q.start + toks[0][1], len(qk), host.keys
            h = next((n for n, w in enumerate(host.words) if w.start >= at), 0)
            near_h = _stems(hk[max(0, h - CONTEXT):h] + hk[h + n_q:h + n_q + CONTEXT])
        best: dict[str, tuple[float, _Link]] = {}
        skip = carried.get(q.id, frozenset())
        # copies of a quote share its lemmas and its group: the sources left out are dropped once
        kept = kept_of.get((ref, skip))
        if kept is None:
            kept = kept_of[(ref, skip)] = [(n, score) for n, score in cands if sents[n].source not in skip]
        for n, score in kept:
            t = sents[n]
            if t.source == q.source:
                continue
            if t.source in best and score <= best[t.source][0]:
                continue  # would not replace the link already kept for that source
            link = _fragment_link(q, qk, near_h, t, spans) if near_h is not None else _full_link(q, qk, t, spans)
            if link is not None:
                best[t.source] = (score, link)
        if best:
            out[q.id] = [best[src][1] for src in sorted(best)]
    return out


class _Spans:
    """Per-story memo of the word-sequence-only parts of linking (pure functions of their keys)."""

    def __init__(self) -> None:
        self.full: dict[tuple[Any, ...], Optional[tuple[int, int]]] = {}
        self.frag: dict[tuple[Any, ...], Optional[tuple[int, int]]] = {}
        self.diffs: dict[tuple[Any, ...], list[dict[str, str]]] = {}

    def diff(self, qk: tuple[str, ...], wk: tuple[str, ...]) -> list[dict[str, str]]:
        d = self.diffs.get((qk, wk))
        if d is None:
            d = self.diffs[(qk, wk)] = _diff(qk, wk)
        return [dict(op) for op in d]  # every link owns its diff, as before


def _link(q: Claim, qk: Sequence[str], t: _Sentence, i0: int, i1: int, spans: _Spans) -> Optional[_Link]:
    """A link to words ``i0..i1`` of sentence ``t`` (they must lie in one claim)."""
    got = t.span(i0, i1)
    if got is None:
        return None
    c, start, end = got
    diff = spans.diff(tuple(qk), t.keys[i0:i1])
    same = all(op["op"] == "equal" for op in diff)
    return _Link(q.id, t.source, c.id, start, end, c.text[start - c.start:end - c.start],
                 tuple(diff), "same-words" if same else "altered")


def _full_link(q: Claim, qk: tuple[str, ...], t: _Sentence, spans: _Spans) -> Optional[_Link]:
    tk, ranks = t.keys, t.ranks
    key = (qk, tk, ranks)
    if key not in spans.full:
        spans.full[key] = _full_span(qk, tk, ranks)
    span = spans.full[key]
    return None if span is None else _link(q, qk, t, span[0], span[1], spans)


def _full_span(qk: tuple[str, ...], tk: tuple[str, ...], ranks: tuple[int, ...]) -> Optional[tuple[int, int]]:
    m = _match(qk, tk)
    if m.short < SHORT_QUOTE or m.coverage < 0.5 or m.run < MIN_RUN:
        return None
    # the clause of the sentence that carries most of the quote's words
    hits: dict[int, int] = defaultdict(int)
    for op in Indel.opcodes(list(qk), list(tk)):
        if op.tag == "equal":
            for r in ranks[op.dest_start:op.dest_end]:
                hits[r] += 1
    cid = max(sorted(hits), key=hits.__getitem__)
    idx = [n for n, r in enumerate(ranks) if r == cid]
    return idx[0], idx[-1] + 1


def _fragment_link(q: Claim, fk: tuple[str, ...], near_h: set[str], t: _Sentence, spans: _Spans) -> Optional[_Link]:
    """The stretch of ``t`` that stands where the host sentence has the quoted fragment ``q``
    (``near_h``: the stems of the host's words around it)."""
    tk = t.keys
    key = (fk, tk)
    if key not in spans.frag:
        spans.frag[key] = _fragment_span(fk, tk)
    span = spans.frag[key]
    if span is None:
        return None
    i0, i1 = span
    # the words around the quote must be told around this stretch too
    near_t = tk[max(0, i0 - CONTEXT):i0] + tk[i1:i1 + CONTEXT]
    if len(near_h & _stems(near_t)) < 2:
        return None
    link = _link(q, fk, t, i0, i1, spans)
    if link is None:
        return None
    changed = sum(len(op["a"].split()) for op in link.diff if op["op"] != "equal")
    added = sum(len(op["b"].split()) for op in link.diff if op["op"] == "insert")
    return None if changed * 2 > len(fk) or added > 3 else link


def _fragment_span(fk: tuple[str, ...], tk: tuple[str, ...]) -> Optional[tuple[int, int]]:
    want = set(fk)
    # the shortest stretch of t holding most of the fragment's distinct words
    best: Optional[tuple[tuple[int, int, int], int, int]] = None
    for i, k in enumerate(tk):
        if k not in want:
            continue
        seen: set[str] = set()
        for j in range(i, min(len(tk), i + len(fk) + 3)):
            if tk[j] in want:
                seen.add(tk[j])
                rank = (len(seen), -(j - i), -i)
                if best is None or rank > best[0]:
                    best = (rank, i, j + 1)
    if best is None:
        return None
    (covered, _, _), i0, i1 = best
    if covered * 2 < len(want) or not {k for k in tk[i0:i1] if k not in STOPWORDS} & want:
        return None
    # extend over the fragment words the stretch lacks at either end ("alternative" + "means")
    ops = Levenshtein.opcodes(list(fk), list(tk[i0:i1]))
    lead = ops[0].src_end - ops[0].src_start if ops and ops[0].tag == "delete" else 0
    trail = ops[-1].src_end - ops[-1].src_start if len(ops) > 1 and ops[-1].tag == "delete" else 0
    return max(0, i0 - lead), min(len(tk), i1 + trail)


def _stems(words: Iterable[str]) -> set[str]:
    return {w[:5] for w in words if w not in STOPWORDS}


def paraphrase_findings(groups: Sequence[Group], claims: Mapping[str, Claim]) -> tuple[list[Discrepancy], list[Note]]:
    """Quotes against the statements of sources that do not quote them.

    Returns ``quote-wording`` discrepancies (ids ``""``; :func:`merge_discrepancies`
    numbers them) for fragments whose slot another source fills with other words, and
    ``info`` notes on the statements that give a quote's words without quote marks.
    """
    quotes = [claims[cid] for g in groups if g.kind is ClaimKind.QUOTE for cid in g.claims]
    statements = [c for c in claims.values() if c.kind is not ClaimKind.QUOTE]
    links = _paraphrase_links(quotes, statements, _carried(groups))
    group_of = {cid: g for g in groups for cid in g.claims}
    cased = {c.speaker.key: c.speaker.name for c in claims.values()
             if c.speaker is not None and c.speaker.key and c.speaker.name != c.speaker.name.lower()}
    found: list[Discrepancy] = []
    notes: list[Note] = []
    for g in groups:
        if g.kind is not ClaimKind.QUOTE:
            continue
        members = [claims[c] for c in g.claims]
        speaker = _speaker_name(members)
        key = next((c.speaker.key for c in members if c.speaker is not None and c.speaker.name == speaker), None)
        speaker = cased.get(key or "", speaker)
        altered: list[tuple[Claim, _Link]] = []
        for q in members:
            for link in links.get(q.id, ()):
                if link.source in g.sources:
                    continue  # that source quotes it too: compared as quotes
                if q.fragment and link.fidelity == "altered":
                    altered.append((q, link))
                    continue
                how = "in other words" if link.fidelity == "altered" else "in the same words"
                who = f" as {speaker}'s words" if speaker else ""
                notes.append(Note(source=link.source, start=link.start, end=link.end, kind=NoteKind.INFO,
                                  detail=f"gives without quotation marks ({how}) what {q.source} quotes{who} "
                                         f"({q.id}, group {group_of[q.id].id})"))
        if altered:
            vals: dict[tuple[str, int, int], Value] = {}
            for q, link in altered:
                vals[(q.source, q.start, q.end)] = Value(source=q.source, claim=q.id, value=q.text, start=q.start,
                                                         end=q.end)
                vals[(link.source, link.start, link.end)] = Value(source=link.source, claim=link.statement,
                                                                  value=link.value, start=link.start, end=link.end)
            values = tuple(sorted(vals.values(), key=lambda x: (x.source, x.start)))
            from .discrepancies import SUMMARY_VALUES, _names  # here: discrepancies imports this module

            quoting = sorted({q.source for q, _ in altered})
            others = sorted({link.source for _, link in altered})
            texts = list(dict.fromkeys(" ".join(q.text.split()) for q, _ in altered))
            quoted = "; ".join(f"“{_excerpt(t, 40)}”" for t in texts[:SUMMARY_VALUES])
            told_by: dict[str, list[str]] = {}
            for _, link in altered:
                told_by.setdefault(_excerpt(" ".join(link.value.split()), 40), []).append(link.source)
            told = ", ".join(f"“{v}” ({_names(srcs)})" for v, srcs in list(told_by.items())[:SUMMARY_VALUES])
            summary = (f"{_names(quoting)} put{'s' if len(quoting) == 1 else ''} {quoted} in quotation marks"
                       f"{' as ' + speaker + chr(39) + 's words' if speaker else ''}, but "
                       f"{_names(others)} tell{'s' if len(others) == 1 else ''} the same passage as {told}.")
            pairs = [{"a": q.source, "b": link.source, "a_claims": [q.id], "b_claims": [link.statement],
                      "diff": list(link.diff)} for q, link in altered]
            found.append(Discrepancy(id="", type=DiscrepancyType.QUOTE_WORDING, group=g.id, values=values,
                                     summary=summary, detail={"diff": pairs[0]["diff"], "pairs": pairs,
                                                              "fidelity": g.fidelity,
                                                              "compared_with": "paraphrase"}))
    return found, notes


def _carried(groups: Iterable[Group]) -> dict[str, frozenset[str]]:
    """Per quote id, the sources of its group (they quote it: no paraphrase link is wanted)."""
    out: dict[str, frozenset[str]] = {}
    for g in groups:
        if g.kind is ClaimKind.QUOTE:
            sources = frozenset(g.sources)
            out.update(dict.fromkeys(g.claims, sources))
    return out


def merge_discrepancies(found: Sequence[Discrepancy], extra: Sequence[Discrepancy],
                        groups: Sequence[Group]) -> list[Discrepancy]:
    """All discrepancies in group order (stable), renumbered ``d1, d2, ...``."""
    rank = {g.id: i for i, g in enumerate(groups)}
    merged = sorted([*found, *extra], key=lambda d: rank.get(d.group, len(rank)))
    return [attrs.evolve(d, id=f"d{n}") for n, d in enumerate(merged, 1)]
