"""Quotes against other sources' statements: paraphrase links, notes, fragment wording.

Half of :mod:`claimcheck.quotecheck` (see its docstring): a quote one source gives and
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
from typing import Iterable, Mapping, Optional, Sequence

import attrs
from attrs import frozen
from rapidfuzz.distance import Indel, Levenshtein

from .model import Claim, ClaimKind, Discrepancy, DiscrepancyType, Group, Note, NoteKind, Value
from .quotecheck import (
    MAX_POSTING,
    MIN_RUN,
    SHORT_QUOTE,
    _diff,
    _excerpt,
    _match,
    _speaker_name,
    _W,
    quote_words,
)
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


@frozen
class _Sentence:
    source: str
    claims: tuple[Claim, ...]
    words: tuple[_W, ...]
    lemmas: frozenset[str]


def _sentences(statements: Sequence[Claim]) -> list[_Sentence]:
    """Statements joined back into sentences (clauses of one sentence are one context)."""
    by: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for s in statements:
        by[(s.source, s.sentence)].append(s)
    out = []
    for (src, _), cs in sorted(by.items()):
        cs.sort(key=lambda c: c.start)
        words = tuple(w for c in cs for w in quote_words(c))
        lemmas = frozenset(w for c in cs for w in content_words(c.norm or c.text.lower()))
        out.append(_Sentence(src, tuple(cs), words, lemmas))
    return out


def _paraphrase_links(quotes: Sequence[Claim], statements: Sequence[Claim]) -> dict[str, list[_Link]]:
    """For each quote, the best sentence per other source that tells its words unquoted."""
    sents = _sentences([s for s in statements if s.kind is not ClaimKind.QUOTE])
    index: dict[str, list[int]] = defaultdict(list)
    for n, s in enumerate(sents):
        for w in s.lemmas:
            index[w].append(n)
    host_of = {(c.source, c.sentence): s for s in sents for c in s.claims}
    out: dict[str, list[_Link]] = {}
    for q in quotes:
        qw = quote_words(q)
        host = host_of.get((q.source, q.sentence)) if q.fragment else None
        if len(qw) < 2 or (q.fragment and host is None):
            continue
        ref = host.lemmas if host is not None else frozenset(content_words(q.norm or q.text.lower()))
        cands = sorted({n for w in ref for n in index.get(w, ()) if len(index[w]) <= MAX_POSTING})
        best: dict[str, tuple[float, _Link]] = {}
        for n in cands:
            t = sents[n]
            shared = len(ref & t.lemmas)
            if t.source == q.source or shared < LINK_LEMMAS or shared < LINK_SHARE * min(len(ref), len(t.lemmas)):
                continue
            link = _fragment_link(q, qw, host, t) if host is not None else _full_link(q, qw, t)
            score = shared / min(len(ref), len(t.lemmas))
            if link is not None and (t.source not in best or score > best[t.source][0]):
                best[t.source] = (score, link)
        if best:
            out[q.id] = [best[src][1] for src in sorted(best)]
    return out


def _link(q: Claim, qk: Sequence[str], t: _Sentence, i0: int, i1: int) -> Optional[_Link]:
    """A link to words ``i0..i1`` of sentence ``t`` (they must lie in one claim)."""
    ws = t.words[i0:i1]
    if not ws or ws[0].claim != ws[-1].claim:
        return None
    c = next(x for x in t.claims if x.id == ws[0].claim)
    diff = _diff(qk, [w.key for w in ws])
    same = all(op["op"] == "equal" for op in diff)
    return _Link(q.id, t.source, c.id, ws[0].start, ws[-1].end, c.text[ws[0].start - c.start:ws[-1].end - c.start],
                 tuple(diff), "same-words" if same else "altered")


def _full_link(q: Claim, qw: list[_W], t: _Sentence) -> Optional[_Link]:
    qk, tk = [w.key for w in qw], [w.key for w in t.words]
    m = _match(qk, tk)
    if m.short < SHORT_QUOTE or m.coverage < 0.5 or m.run < MIN_RUN:
        return None
    # the clause of the sentence that carries most of the quote's words
    hits: dict[str, int] = defaultdict(int)
    for op in Indel.opcodes(qk, tk):
        if op.tag == "equal":
            for w in t.words[op.dest_start:op.dest_end]:
                hits[w.claim] += 1
    cid = max(sorted(hits), key=hits.__getitem__)
    idx = [n for n, w in enumerate(t.words) if w.claim == cid]
    return _link(q, qk, t, idx[0], idx[-1] + 1)


def _fragment_link(q: Claim, qw: list[_W], host: _Sentence, t: _Sentence) -> Optional[_Link]:
    """The stretch of ``t`` that stands where ``host`` has the quoted fragment ``q``."""
    fk, tk = [w.key for w in qw], [w.key for w in t.words]
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
    ops = Levenshtein.opcodes(fk, tk[i0:i1])
    lead = ops[0].src_end - ops[0].src_start if ops and ops[0].tag == "delete" else 0
    trail = ops[-1].src_end - ops[-1].src_start if len(ops) > 1 and ops[-1].tag == "delete" else 0
    i0, i1 = max(0, i0 - lead), min(len(tk), i1 + trail)
    # the words around the quote must be told around this stretch too
    h = next((n for n, w in enumerate(host.words) if w.start >= qw[0].start), 0)
    near_h = host.words[max(0, h - CONTEXT):h] + host.words[h + len(qw):h + len(qw) + CONTEXT]
    near_t = t.words[max(0, i0 - CONTEXT):i0] + t.words[i1:i1 + CONTEXT]
    if len(_stems(w.key for w in near_h) & _stems(w.key for w in near_t)) < 2:
        return None
    link = _link(q, fk, t, i0, i1)
    if link is None:
        return None
    changed = sum(len(op["a"].split()) for op in link.diff if op["op"] != "equal")
    added = sum(len(op["b"].split()) for op in link.diff if op["op"] == "insert")
    return None if changed * 2 > len(fk) or added > 3 else link


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
    links = _paraphrase_links(quotes, statements)
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


def merge_discrepancies(found: Sequence[Discrepancy], extra: Sequence[Discrepancy],
                        groups: Sequence[Group]) -> list[Discrepancy]:
    """All discrepancies in group order (stable), renumbered ``d1, d2, ...``."""
    rank = {g.id: i for i, g in enumerate(groups)}
    merged = sorted([*found, *extra], key=lambda d: rank.get(d.group, len(rank)))
    return [attrs.evolve(d, id=f"d{n}") for n, d in enumerate(merged, 1)]
