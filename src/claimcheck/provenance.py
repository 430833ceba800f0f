"""Stage 7, provenance: where each group's claim comes from.

For every group: which sources carry it (with spans), whom they credit (speakers of
quotes, "according to X", "X said/concluded/found", "says a report"), which documents
they cite ("the Smith report", "a report by Dr X", "a statement"), which pairs of
sources share long verbatim passages outside quotes (a sign of a common origin such as
a press release, found as text-reuse detectors do: shared word n-grams extended to
maximal runs), and the earliest carrier by publication date.

>>> credits_in("The figures, according to the Met Office, were the highest on record.")
[('the Met Office', 26, 40)]
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from itertools import combinations
from typing import Iterable, Mapping, Sequence

from .model import Carrier, Citation, Claim, ClaimKind, Credit, Group, Provenance, SharedPassage
from .normalise import Document
from .text import STOPWORDS

#: Shared passages shorter than this many words are coincidence, not reuse.
MIN_SHARED_WORDS = 10
_NGRAM = 6

_NAME = r"(?:[\w’'().&-]+ ){0,5}?[\w’'().&-]+"
_VERBS = r"(?:said|says|say|concluded|concludes|found|finds|stated|states|added|adds|claimed|claims|warned|warns|revealed|reveals|reported|reports|acknowledged|judged|told)"
_CREDIT_RES = [
    re.compile(rf"\baccording to (?P<name>{_NAME})(?=\s*(?:[,.;:)]|$))", re.I),
    # a passive ("the lorry *was found* to be carrying", "it *is said*") credits nobody
    re.compile(rf"(?:^|[,;:]\s|\bthat\s|\bbut\s|\band\s)(?P<name>{_NAME})(?<!\bwas)(?<!\bwere)(?<!\bis)(?<!\bare)"
               rf"(?<!\bbe)(?<!\bbeen)(?<!\bbeing)\s+(?:has |have |had )?{_VERBS}\b", re.I),
    re.compile(rf",\s*{_VERBS}\s+(?P<name>(?:a|an|the)\s+{_NAME})(?=\s*(?:[,.;:]|$| that\b))", re.I),
]
_DOC_NOUNS = r"(?:report|review|inquiry|statement|study|audit|investigation|survey|document|letter|ruling|judgment)"
_CITE_RE = re.compile(
    rf"\b(?:an?|the|this|that|its|their|[\w]+['’]s)\s+(?:[\w-]+\s+){{0,3}}?{_DOC_NOUNS}\b"
    rf"(?:\s+(?:by|from|of)\s+(?:(?:the|professor|prof|dr|mr|mrs|ms|sir|dame)\s+)*(?:[\w.-]+\s+){{0,3}}?[\w.-]+(?=[\s,.;:)]|$))?",
    re.I,
)
_ANAPHORIC = re.compile(rf"^(?:the|this|that|its|their)\s+{_DOC_NOUNS}$", re.I)
_PRONOUNS = frozenset("he she it they we i you this that which who one".split())


def credits_in(text: str) -> list[tuple[str, int, int]]:
    """Names a sentence credits for what it says, with their offsets into ``text``."""
    found: dict[tuple[int, int], str] = {}
    for rx in _CREDIT_RES:
        for m in rx.finditer(text):
            name = m.group("name").strip(" ,.;:()")
            start = m.start("name") + m.group("name").find(name)
            if not name or name.lower() in _PRONOUNS or all(w.lower() in STOPWORDS for w in name.split()):
                continue
            if len(name.split()) > 6:
                continue
            found[(start, start + len(name))] = name
    return [(name, s, e) for (s, e), name in sorted(found.items())]


def cites_in(text: str) -> list[tuple[str, int, int]]:
    """Named documents a sentence cites ("the Smith report", "a statement")."""
    out = []
    for m in _CITE_RE.finditer(text):
        name = m.group().rstrip(" ,.;:")
        if _ANAPHORIC.match(" ".join(name.split())):
            continue  # "the report" refers back; the named mention is cited elsewhere
        out.append((name, m.start(), m.start() + len(name)))
    return out


def trace(
    groups: Sequence[Group],
    claims: Mapping[str, Claim],
    documents: Mapping[str, Document],
) -> list[Provenance]:
    """The provenance of every group."""
    passages = shared_passages(documents, claims.values())
    shared_by_group = _passages_by_group(groups, claims, passages)
    out = []
    # copies of one sentence recur across sources: read each distinct text once
    credits_of: dict[str, list[tuple[str, int, int]]] = {}
    cites_of: dict[str, list[tuple[str, int, int]]] = {}
    for g in groups:
        members = [claims[c] for c in g.claims]
        carried = [Carrier(source=c.source, claim=c.id, start=c.start, end=c.end) for c in members]
        credits: dict[tuple[str, int, int], Credit] = {}
        cites: dict[tuple[str, int, int], Citation] = {}
        for c in members:
            if c.speaker is not None:
                key = c.speaker.key or c.speaker.name.lower()
                credits[(c.source, c.speaker.start, c.speaker.end)] = Credit(
                    name=c.speaker.name, key=key, source=c.source, claim=c.id,
                    start=c.speaker.start, end=c.speaker.end, kind=c.speaker.kind)
            if c.kind is ClaimKind.STATEMENT:
                if c.text not in credits_of:
                    credits_of[c.text], cites_of[c.text] = credits_in(c.text), cites_in(c.text)
                for name, s, e in credits_of[c.text]:
                    span = (c.source, c.start + s, c.start + e)
                    if not any(k[0] == c.source and k[1] < span[2] and span[1] < k[2] for k in credits):
                        credits[span] = Credit(name=name, key=_key(name), source=c.source, claim=c.id,
                                               start=span[1], end=span[2])
                for name, s, e in cites_of[c.text]:
                    cites[(c.source, c.start + s, c.start + e)] = Citation(
                        name=name, source=c.source, claim=c.id, start=c.start + s, end=c.start + e)
        shared = shared_by_group.get(g.id, [])
        dates = [d for c in members if (d := documents[c.source].source.published)]
        earliest = min(dates) if dates else None
        out.append(Provenance(group=g.id, carried_by=carried,
                              attributed_to=sorted(credits.values(), key=lambda c: (c.source, c.start)),
                              cites=sorted(cites.values(), key=lambda c: (c.source, c.start)),
                              shared_wording=sorted(shared, key=lambda p: (p.a, p.a_start, p.b, p.b_start)),
                              earliest=earliest))
    return out


def _key(name: str) -> str:
    words = [w for w in re.findall(r"[\w’']+", name.lower()) if w not in ("the", "a", "an")]
    return " ".join(words)


def _passages_by_group(
    groups: Sequence[Group], claims: Mapping[str, Claim], passages: Sequence[SharedPassage]
) -> dict[str, list[SharedPassage]]:
    """Per shared group, the passages that overlap one of its claims in both their sources."""
    # An interval lookup per source (claim spans sorted by start) instead of testing every
    # passage against every span of every group: that was quadratic in the story's size.
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for g in groups:
        if len(g.sources) > 1:
            for cid in g.claims:
                c = claims[cid]
                spans[c.source].append((c.start, c.end, g.id))
    index = {}
    for src, items in spans.items():
        items.sort()
        index[src] = ([a for a, _, _ in items], items, max(b - a for a, b, _ in items))

    def touching(source: str, start: int, end: int) -> set[str]:
        if source not in index:
            return set()
        starts, items, longest = index[source]
        # a span [a, b) overlaps [start, end) iff a < end and start < b, and b <= a + longest
        lo, hi = bisect.bisect_right(starts, start - longest), bisect.bisect_left(starts, end)
        return {gid for a, b, gid in items[lo:hi] if start < b}

    out: dict[str, list[SharedPassage]] = defaultdict(list)
    for p in passages:
        for gid in touching(p.a, p.a_start, p.a_end) & touching(p.b, p.b_start, p.b_end):
            out[gid].append(p)
    return out


def _tokens(doc: Document, quoted: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """Words of a document's normalised view with original spans, quotes left out."""
    out = []
    view = doc.view
    # the union of the quoted spans, for a bisect per word instead of a scan of every quote
    merged: list[list[int]] = []
    for a, b in sorted(quoted):
        if a >= b:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]
    # a word is never empty: its original span is ``view.original(m.start(), m.end())``
    first, last, right = view.starts, view.ends, bisect.bisect_right
    for m in _WORD_RE.finditer(view.text):
        ms, me = m.span()
        s = first[ms]
        i = right(starts, s) - 1
        if i >= 0 and s < merged[i][1]:
            continue
        out.append((m.group(), s, last[me - 1]))
    return out


_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def shared_passages(documents: Mapping[str, Document], claims: Iterable[Claim]) -> list[SharedPassage]:
    """Maximal verbatim runs (outside quotes) of at least :data:`MIN_SHARED_WORDS` words."""
    quoted: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for c in claims:
        if c.kind is ClaimKind.QUOTE:
            quoted[c.source].append((c.start, c.end))
    tokens = {sid: _tokens(doc, quoted[sid]) for sid, doc in sorted(documents.items())}
    # sources by rank (in id order): a pair of sources is one integer, ``a * n + b``, which
    # sorts as the pair of ids does
    sids = list(tokens)
    n_src = len(sids)
    # the words alone, per source: compared far more often than the spans are read
    words = [[t[0] for t in tokens[sid]] for sid in sids]
    index: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    for r, ws in enumerate(words):
        for i in range(len(ws) - _NGRAM + 1):
            index[tuple(ws[i : i + _NGRAM])].append((r, i))
    # a list, not a set: a pair of positions is met once only, in the one gram starting there
    seeds: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for hits in index.values():
        if len(hits) < 2 or len(hits) > 50:
            continue
        # hits are in (source, position) order (sources are read sorted, positions
        # ascending), so for x < y hits[x] is already the smaller of the pair
        for (ra, ia), (rb, ib) in combinations(hits, 2):
            if ra != rb:
                seeds[ra * n_src + rb].append((ia, ib))
    out = []
    for pair in sorted(seeds):
        starts = seeds[pair]
        ra, rb = divmod(pair, n_src)
        sa, sb = sids[ra], sids[rb]
        ta, tb = tokens[sa], tokens[sb]
        wa, wb = words[ra], words[rb]
        la, lb = len(wa), len(wb)
        # a run covers positions along one diagonal (ia - ib); seeds come in order, so a
        # seed is covered iff it lies before the end of its diagonal's last run (this was
        # a set of every covered position)
        reach: dict[int, int] = {}
        for ia, ib in sorted(starts):
            if ia < reach.get(ia - ib, -1):
                continue
            # the run's end: eight words at a time (a C-level list comparison), then one by one;
            # a seed is a shared gram, so its first _NGRAM words are known to match
            n, most = _NGRAM, min(la - ia, lb - ib)
            while n + 8 <= most and wa[ia + n : ia + n + 8] == wb[ib + n : ib + n + 8]:
                n += 8
            while n < most and wa[ia + n] == wb[ib + n]:
                n += 1
            reach[ia - ib] = ia + n
            if n >= MIN_SHARED_WORDS:
                out.append(SharedPassage(a=sa, a_start=ta[ia][1], a_end=ta[ia + n - 1][2],
                                         b=sb, b_start=tb[ib][1], b_end=tb[ib + n - 1][2], words=n))
    return out



def coverage(groups: Sequence[Group], source_ids: Sequence[str]) -> tuple[dict[str, dict[str, bool]], dict[str, list[str]]]:
    """The sources x groups matrix (``matrix[source][group]``: does the source carry the
    group?) and, per source, the groups only it carries (its unique claims).

    >>> g = [Group(id="g1", claims=["a/s1", "b/s1"], sources=["a", "b"], relation="paraphrase"),
    ...      Group(id="g2", claims=["a/s2"], sources=["a"], relation="single")]
    >>> matrix, unique = coverage(g, ["a", "b"])
    >>> matrix["b"], unique
    ({'g1': True, 'g2': False}, {'a': ['g2'], 'b': []})
    """
    matrix = {s: {g.id: s in g.sources for g in groups} for s in source_ids}
    unique = {s: [g.id for g in groups if tuple(g.sources) == (s,)] for s in source_ids}
    return matrix, unique
