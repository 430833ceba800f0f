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
from functools import lru_cache
from itertools import combinations
from typing import Iterable, Mapping, Optional, Sequence

from .model import Carrier, Citation, Claim, ClaimKind, Credit, Group, Provenance, SharedPassage
from .normalise import Document
from .text import STOPWORDS

#: Shared passages shorter than this many words are coincidence, not reuse.
MIN_SHARED_WORDS = 10
_NGRAM = 6

_NAME = r"(?:[\w’'().&-]+ ){0,5}?[\w’'().&-]+"
# "claims", "reports", "states", "finds" are nouns too: "it backed claims from ...", "refutes
# claims in an article", "reports of abuse" credit nobody, so they are verbs only when no
# preposition follows
_NOUN_TOO = r"(?:claims|reports|states|finds)(?!\s+(?:from|in|of|about|by|on|over|to|against|made|that\s+were)\b)"
_VERBS = (r"(?:said|says|say|concluded|concludes|found|stated|added|adds|claimed|warned|warns|revealed|reveals"
          rf"|reported|acknowledged|judged|told|{_NOUN_TOO})")
#: A time phrase opening a sentence before its subject ("Earlier this year the committee found").
_WHEN_OPENING = r"^(?:earlier|later|last|this|in)\s+(?:this\s+|last\s+)?(?:year|month|week|weekend|spring|summer|autumn|winter)\s+"
_CREDIT_RES = [
    re.compile(rf"\baccording to (?P<name>{_NAME})(?=\s*(?:[,.;:)]|$))", re.I),
    # a passive ("the lorry *was found* to be carrying", "it *is said*") credits nobody
    re.compile(rf"(?:^|[,;:]\s|\bthat\s|\bbut\s|\band\s|{_WHEN_OPENING})(?P<name>{_NAME})(?<!\bwas)(?<!\bwere)(?<!\bis)(?<!\bare)"
               rf"(?<!\bbe)(?<!\bbeen)(?<!\bbeing)\s+(?:has |have |had )?{_VERBS}\b", re.I),
    re.compile(rf",\s*{_VERBS}\s+(?P<name>(?:a|an|the)\s+{_NAME})(?=\s*(?:[,.;:]|$| that\b))", re.I),
]
_DOC_NOUNS = (r"(?:report|review|inquiry|statement|study|audit|investigation|survey|document|letter|ruling|judgment|"
              r"inspection|assessment|evaluation|analysis)")
# a determiner, up to three modifiers that are not function words ("the times publishes *an*
# investigation", "the wake of *the* report" start at the last determiner), the document noun
_CITE_RE = re.compile(
    rf"\b(?:an?|the|this|that|its|their|[\w]+['’]s)\s+"
    rf"(?:(?!(?:an?|the|this|that|its|their|of|in|on|at|to|for|by|from|with|and|or|but|publishes|pending|"
    rf"followed|is|was|are|were)\s)[\w’'-]+\s+){{0,3}}?{_DOC_NOUNS}\b",
    re.I,
)
#: What introduces a document's author ("a report *by* X", "a statement *from* X").
_BY = re.compile(r"\s{1,8}(?:by|from)\s{1,8}", re.I)
_ANAPHORIC = re.compile(rf"^(?:the|this|that|its|their)\s+{_DOC_NOUNS}$", re.I)
_PRONOUNS = frozenset("he she it they we i you this that which who one".split())


#: Words that open a clause before its subject ("But the agency said"): not part of a name.
_LEADING = re.compile(r"^(?:(?:but|and|yet|so|however|meanwhile|now|also|then|instead)\b[\s,]*)+", re.I)
#: Adverbs between a name and its verb ("the report also said"): not part of the name.
_TRAILING = frozenset("""also too now then previously today yesterday however later earlier further again itself
    first last separately meanwhile""".split())
#: A name never starts with these: a pronoun subject or relative ("it backed", "who in a
#: government report"), or a preposition ("despite all the").
_NOT_FIRST = frozenset("""it he she they we i you who which that whom whose this these those there here despite in on
    at for with from after before during since while as of to by""".split())


def _clean_name(text: str, start: int, end: int) -> Optional[tuple[int, int]]:
    """The span of a credited name inside ``text[start:end]``, trimmed of quote marks,
    punctuation, clause openers, trailing adverbs and an unclosed bracket; ``None`` when
    what is left names nobody."""
    name = text[start:end]
    lead = len(name) - len(name.lstrip(" ,.;:()'\"‘’“”"))
    name = name[lead:]
    m = _LEADING.match(name)
    if m:
        lead += m.end()
        name = name[m.end():]
    if "(" in name and ")" not in name[name.index("("):]:
        name = name[:name.index("(")]  # "The Commission (IPCC": the acronym's bracket is not closed here
    name = name.rstrip(" ,.;:()'\"‘’“”")
    while (cut := name.rstrip(" ,").rfind(" ")) > 0 and name[cut + 1:].rstrip(" ,").lower() in _TRAILING:
        name = name[:cut].rstrip(" ,")
    name = name.rstrip(" ,.;:('\"‘’“”")
    ws = name.split()
    if not ws or len(ws) > 6 or ws[0].lower().strip("'’") in _NOT_FIRST:
        return None
    if all(w.lower() in STOPWORDS for w in ws):
        return None
    return start + lead, start + lead + len(name)


def credits_in(text: str) -> list[tuple[str, int, int]]:
    """Names a sentence credits for what it says, with their offsets into ``text``.

    >>> [n for n, _, _ in credits_in("But the agency also said the plan was sound.")]
    ['the agency']
    >>> credits_in("It backed claims from the council."), credits_in("The lorry was found to be carrying drugs.")
    ([], [])
    """
    return list(_credits_in(text))


# align, provenance and the attribution check each read a sentence's credits and cites:
# read once per distinct text (copies of a sentence across outlets share it)
@lru_cache(maxsize=65536)
def _credits_in(text: str) -> tuple[tuple[str, int, int], ...]:
    found: dict[tuple[int, int], str] = {}
    for rx in _CREDIT_RES:
        for m in rx.finditer(text):
            span = _clean_name(text, m.start("name"), m.end("name"))
            if span is not None:
                span = _listed_name(text, *span)
                found[span] = text[span[0]:span[1]]
    return tuple((name, s, e) for (s, e), name in sorted(found.items()))


def _listed_name(text: str, start: int, end: int) -> tuple[int, int]:
    """A name cut at a comma inside it is read whole: "the Department for Environment,
    *Food and Rural Affairs* said" credits the department, not "Food and Rural Affairs"."""
    before = text[max(0, start - 80):start]
    tail = text[start:end].split()  # a list's tail: capitalised words around one "and"
    if not before.rstrip().endswith(",") or "and" not in tail[1:-1] \
            or not all(w[:1].isupper() for w in tail if w != "and"):
        return start, end
    # the capitalised words (joined by "for", "of", "and", "the", ...) right before the comma
    words = list(_WORDS.finditer(before))
    k = len(words)
    while k > 0 and (words[k - 1].group()[:1].isupper() or words[k - 1].group() in _AUTHOR_JOINS) \
            and not before[words[k - 1].end():(words[k].start() if k < len(words) else len(before))].strip(" ,"):
        k -= 1
    while k < len(words) and not words[k].group()[:1].isupper():
        k += 1  # a name opens with a capital, not a join
    if len(words) - k < 2 or not words[-1].group()[:1].isupper():
        return start, end  # one word before the comma is a place or a name of its own ("In Leeds,")
    return start - len(before) + words[k].start(), end


#: The most words an author's name takes after "a report by".
_AUTHOR_WORDS = 6
_AUTHOR_JOINS = frozenset("of for and the on de van von".split())
_AUTHOR_STOP = re.compile(rf"^(?:{_VERBS[3:-1]}|\w+ed)$", re.I)
_WORDS = re.compile(r"[\w.’'&-]+")


# (?<!\s): tried right after a word only; on a run of spaces, at every space it was quadratic
_DESCRIBED = re.compile(r"(?<!\s)((?:\s+[a-z][\w’'-]*){0,2})\s+[A-Z]")


def _described(text: str, k: int) -> bool:
    """Whether a capitalised word follows ``text[:k]`` after at most two more lower-case
    words that are neither function words nor verbs ("accountancy *firm Brindle*")."""
    m = _DESCRIBED.match(text, k)
    return m is not None and not any(w in STOPWORDS or _AUTHOR_STOP.match(w) for w in m.group(1).split())


def _author_end(text: str, k: int, cased: bool) -> int:
    """Where the author's name starting at ``text[k:]`` ends ("by *the Care Quality
    Commission*, which", "by *strategic drugs analyst dr angie heal* ,"): in cased text a
    run of capitalised words (joined by "of", "for", "and"...); in lower-cased text a run
    of words that are neither function words nor verbs. ``k`` when there is none."""
    end, taken, pending = k, 0, k
    for m in _WORDS.finditer(text, k):
        if text[pending:m.start()].strip():
            break  # punctuation between words ends the name
        w = m.group()
        stop = w.endswith(".") and not (len(w) == 2 and w[0].isalpha())  # "Hale." ends it; "J." does not
        if stop:
            w = w.rstrip(".")  # the full stop is the sentence's
        low = w.lower()
        if cased:
            if w[:1].isupper():
                end = m.start() + len(w)
            elif end == k and _described(text, m.end()) and low not in STOPWORDS and not _AUTHOR_STOP.match(w):
                pass  # "by accountancy firm Brindle Marsh": what the named body is, then its name
            elif end == k and taken == 1 and low not in STOPWORDS and not _AUTHOR_STOP.match(w):
                end = m.start() + len(w)  # "by the agency": a body named by its common noun, then done
                break
            elif not (low in _AUTHOR_JOINS and end > k or low == "the" and end == k):
                break
        else:
            if low in STOPWORDS or _AUTHOR_STOP.match(w):
                if not (low == "the" and end == k):
                    break
            else:
                end = m.start() + len(w)
        taken += 1
        pending = m.end()
        if stop or taken >= _AUTHOR_WORDS + 1:
            break
    return end


def cites_in(text: str) -> list[tuple[str, int, int]]:
    """Named documents a sentence cites ("the Smith report", "a statement"), with the
    author when one is named ("a report by the Care Quality Commission").

    >>> [n for n, _, _ in cites_in("It followed an August report by Professor Ann Hale, who said so.")]
    ['an August report by Professor Ann Hale']
    >>> [n for n, _, _ in cites_in("the times publishes an investigation into the council .")]
    ['an investigation']
    """
    return list(_cites_in(text))


@lru_cache(maxsize=65536)
def _cites_in(text: str) -> tuple[tuple[str, int, int], ...]:
    out: list[tuple[str, int, int]] = []
    cased = any(w[:1].isupper() for w in text.split()[1:])
    for m in _CITE_RE.finditer(text):
        if out and m.start() < out[-1][2]:
            continue  # inside the author of the one before ("an inquiry by the national audit office")
        name = m.group().rstrip(" ,.;:")
        end = m.start() + len(name)
        by = _BY.match(text, end)
        author = _author_end(text, by.end(), cased) if by is not None else end
        if by is not None and author > by.end():
            end = author  # "the report by the agency" names its author
        elif _ANAPHORIC.match(" ".join(name.split())):
            continue  # "the report" refers back; the named mention is cited elsewhere
        out.append((text[m.start():end], m.start(), end))
    return tuple(out)


def trace(
    groups: Sequence[Group],
    claims: Mapping[str, Claim],
    documents: Mapping[str, Document],
) -> list[Provenance]:
    """The provenance of every group."""
    passages = shared_passages(documents, claims.values())
    shared_by_group = _passages_by_group(groups, claims, passages)
    out = []
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
                # each distinct text is read once (credits_in and cites_in are cached)
                for name, s, e in _credits_in(c.text):
                    span = (c.source, c.start + s, c.start + e)
                    if not any(k[0] == c.source and k[1] < span[2] and span[1] < k[2] for k in credits):
                        credits[span] = Credit(name=name, key=_key(name), source=c.source, claim=c.id,
                                               start=span[1], end=span[2])
                for name, s, e in _cites_in(c.text):
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
