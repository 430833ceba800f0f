"""Stage 6, compare: typed differences between the claims of a group, with evidence.

Each detector looks inside one group at a time and returns :class:`Discrepancy`
values whose ``values`` give, per source, the value as written and its span, so that
``source.text[v.start:v.end] == v.value``. To add a discrepancy type: add it to
:class:`~claimcheck.model.DiscrepancyType`, write a detector ``(group, members, said) ->
list[_Found]`` here and list it in :data:`DETECTORS`.

Quantities are compared pairwise by :func:`claimcheck.quantities.compare_quantities`;
quantities that are about the same thing form a cluster, and a cluster with a real
difference gives one discrepancy per type (the sources' values listed together).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Callable, Mapping, Optional, Sequence

from attrs import frozen

from ._numwords import WEEKDAYS
from .model import Claim, ClaimKind, Discrepancy, DiscrepancyType, Group, Quantity, Value
from .quantities import compare_quantities, describe, kinds_apart, near, placeless, referent_key
from .text import content_words


@frozen
class _Found:
    type: DiscrepancyType
    values: tuple[Value, ...]
    summary: str
    detail: dict[str, object] | None = None


#: ``(group, members, said)``: ``said`` is what each source says in all
#: (:class:`~claimcheck.statement_compare.Said`), for detectors that look beyond the group.
Detector = Callable[[Group, Sequence[Claim], "Said"], list[_Found]]

_QUANTITY_TYPES = {
    "quantity": DiscrepancyType.QUANTITY,
    "referent": DiscrepancyType.REFERENT,
    "hedge": DiscrepancyType.HEDGE,
    "period": DiscrepancyType.PERIOD,
    "date": DiscrepancyType.DATE,
}
_LEAD = {
    DiscrepancyType.QUANTITY: "The sources give figures that cannot all be true",
    DiscrepancyType.REFERENT: "The sources say the figure counts different people or things",
    DiscrepancyType.HEDGE: "The sources qualify the same figure differently",
    DiscrepancyType.PERIOD: "The sources give different periods",
    DiscrepancyType.DATE: "The sources give different dates",
}


#: A summary names at most this many values, and this many sources per value: it is
#: one sentence a person reads; the full list is in ``values``.
SUMMARY_VALUES = 4
SUMMARY_SOURCES = 3
#: The least number of content words around a figure, all shared, for a figure counting
#: another thing to be flagged (:func:`_recounted`).
RECOUNT_CONTEXT = 4
#: The least figure for one figure given to things of different kinds to be a referent
#: difference (:func:`_given_other`), and how many content words each side of it are near.
GIVEN_OTHER_LEAST = 10
NEAR_WORDS = 3


def _names(items: Sequence[str], limit: int = SUMMARY_SOURCES) -> str:
    """``a, b and c``, or ``a, b, c and 4 more`` past ``limit``."""
    items = list(dict.fromkeys(items))
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _phrase(values: Sequence[Value], same: Optional[Callable[[str], str]] = None) -> str:
    """The distinct values with the sources giving each, for a one-sentence summary.
    ``same`` keys wordings that say one thing, shown together ("children" or "minors").

    >>> from claimcheck.model import Value
    >>> _phrase([Value("a", "a/s1", "at least 5", 0, 10), Value("b", "b/s1", "over 5", 0, 6)])
    '“at least 5” (a) and “over 5” (b)'
    >>> vs = [Value("a", "a/s1", "children", 0, 8), Value("b", "b/s1", "minors", 0, 6), Value("c", "c/s1", "girls", 0, 5)]
    >>> _phrase(vs, same=lambda w: w.replace("minors", "children"))
    '“children” or “minors” (a and b) and “girls” (c)'
    """
    by_value: dict[str, tuple[list[str], list[str]]] = {}
    for v in values:
        shown = " ".join(v.value.split())
        if len(shown) > 60:
            shown = shown[:59].rstrip() + "…"
        wordings, sources = by_value.setdefault(same(shown) if same is not None else shown, ([], []))
        if shown not in wordings:
            wordings.append(shown)
        if v.source not in sources:
            sources.append(v.source)
    parts = [" or ".join(f"“{w}”" for w in wordings) + f" ({_names(srcs)})" for wordings, srcs in by_value.values()]
    if len(parts) > SUMMARY_VALUES:
        parts = parts[:SUMMARY_VALUES] + [f"{len(parts) - SUMMARY_VALUES} other wordings"]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def quantity_discrepancies(group: Group, members: Sequence[Claim],
                           said: Optional["Said"] = None) -> list[_Found]:
    """Figures about the same thing that differ in value, referent, bound, period or date.

    Every pair of figures from different sources is related or not by
    :func:`compare_quantities` and the context guard; related figures form clusters. A
    story told by hundreds of sources repeats a few figures in a few contexts, so the
    pairs are decided per *kind* of figure (the figure less its place, with its context)
    and linked kind by kind: the clusters, the relations found in each and the example
    explanation (the first pair in item order) are those of the pair-by-pair pass.
    ``said`` (what each source says in all) lets a figure given to two things that each
    side's sources tell apart be a ``referent`` difference (:func:`_told_apart`)."""
    items: list[tuple[Claim, Quantity]] = [(c, q) for c in members for q in c.quantities if _countable(c, q)]
    contexts = [_context(c, q) for c, q in items]
    src = [c.source for c, _ in items]
    # a kind also carries what the same-fact guard reads of the figure's claim
    kinds: dict[tuple[Quantity, frozenset[str], FactSig, bool, frozenset[str]], list[int]] = {}
    for i, (c, q) in enumerate(items):
        kind = (placeless(q), contexts[i], _fact_signature(c, q), _changed_to(c, q), _context(c, q, NEAR_WORDS))
        kinds.setdefault(kind, []).append(i)
    keys = list(kinds)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    cmps: dict[tuple[Quantity, Quantity], Any] = {}

    def related(a: int, b: int) -> Optional[tuple[str, str]]:
        """The relation of a figure of kind ``a`` to one of kind ``b`` (in that order), if any."""
        (qa, ca, fa, ga, na), (qb, cb, fb, gb, nb) = keys[a], keys[b]
        cmp = cmps.get((qa, qb))
        if cmp is None:
            cmp = cmps[(qa, qb)] = compare_quantities(qa, qb)
        if cmp.relation == "agree" and cmp.referents == "unknown" and _recounted(qa, ca, qb, cb):
            return "referent", (f"One source says {describe(qa)}, another {describe(qb)}, in the same words "
                                f"around the figure: the same figure counts other things.")
        if cmp.relation == "unrelated" and _given_other(qa, na, qb, nb):
            return "referent", (f"One source says {describe(qa)}, another {describe(qb)}, with words next to "
                                f"the figure in common: one figure given to things of different kinds.")
        if cmp.relation == "unrelated" or (ga != gb and cmp.relation != "agree"):
            return None  # "lowered to one" is the new value, "a rating of five" the old one
        if cmp.relation != "agree" and not (ca & cb and (_same_fact_sig(qa, fa, qb, fb) or _near_count(qa, qb)
                                                         or _same_weekday(qa, qb, ca & cb))) \
                and not _measured_alike(qa, qb) and not _bounded_apart(qa, qb):
            return None  # context guard: figures with nothing around them in common are about other things
        return cmp.relation, cmp.explanation

    # (first pair in item order, relation, explanation) per linked part of a pair of kinds
    found_rel: list[tuple[tuple[int, int], str, str]] = []
    for xs, ys, expl in _told_apart(items, src, said):
        for i in xs + ys:
            parent[find(i)] = find(xs[0])
        found_rel.append(((min(xs[0], ys[0]), max(xs[0], ys[0])), "referent", expl))
    for a in range(len(keys)):
        for b in range(a, len(keys)):
            ab = related(a, b)
            ba = ab if a == b else related(b, a)
            if ab is None and ba is None:
                continue
            xs, ys = kinds[keys[a]], kinds[keys[b]]
            if a == b or (ab is not None and ba is not None and ab[0] == ba[0]):
                # the relation does not depend on which figure comes first: link whole parts
                for part in _linked(xs, ys, src):
                    for i in part[1:]:
                        parent[find(i)] = find(part[0])
                    i, j = _first_pair(part, set(xs), src, same=a == b)
                    rel, expl = ab if a == b or i in kinds[keys[a]] else ba  # type: ignore[misc]
                    found_rel.append(((i, j), rel, expl))
                continue
            for i in xs:  # the relation depends on the order (rare): pair by pair
                for j in ys:
                    lo, hi = min(i, j), max(i, j)
                    got = ab if lo == i else ba
                    if src[i] != src[j] and got is not None:
                        parent[find(i)] = find(j)
                        found_rel.append(((lo, hi), got[0], got[1]))
    example: dict[tuple[int, str], tuple[tuple[int, int], str]] = {}
    for pair, rel, expl in found_rel:
        key = (find(pair[0]), rel)
        if key not in example or pair < example[key][0]:
            example[key] = (pair, expl)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        clusters[find(i)].append(i)
    found: list[_Found] = []
    for idx in sorted(clusters.values()):
        if len({src[i] for i in idx}) < 2:
            continue
        root = find(idx[0])
        for rel in ("quantity", "referent", "hedge", "period", "date"):
            if (root, rel) not in example:
                continue
            if rel == "date" and said is not None and _names_both(said, [items[i] for i in idx]):
                continue
            dtype = _QUANTITY_TYPES[rel]
            values = tuple(_value(items[i][0], items[i][1], rel) for i in idx)
            # synonyms ("children", "minors") are one counted thing: shown together
            summary = f"{_LEAD[dtype]}: {_phrase(values, same=referent_key if rel == 'referent' else None)}."
            found.append(_Found(type=dtype, values=values, summary=summary,
                                detail={"explanation": example[(root, rel)][1]}))
    return found


def _names_both(said: "Said", items: Sequence[tuple[Claim, Quantity]]) -> bool:
    """Whether a source of two dates told apart names both days somewhere ("damping down
    on Monday morning" / "the fire was under control on Monday, crews would stay on
    Tuesday"): it tells of two days, each of its own event, not of one event dated twice."""
    days = {day_of(q) for _, q in items if q.kind == "date"}
    return any(len(days & said.days(c.source)) > 1 for c, _ in items)


def _same_thing(qa: Quantity, qb: Quantity) -> bool:
    """Whether two figures each say what they count or measure, and it is one thing."""
    return bool(qa.referent) and bool(qb.referent) and referent_key(qa.referent or "") == referent_key(qb.referent or "")


def _measured_alike(qa: Quantity, qb: Quantity) -> bool:
    """Two measures of one thing in one unit ("more than 400 tonnes of earth" / "almost 400
    tonnes of earth"): in an aligned pair they measure the same thing, whatever words
    stand around them or whichever verb they take."""
    return qa.kind == qb.kind == "measure" and qa.unit == qb.unit and _same_thing(qa, qb)


def _near_count(qa: Quantity, qb: Quantity) -> bool:
    """Two counts of one thing a few per cent apart ("412,000 members" / "421,000 members"),
    with words around them in common: one count told two ways, whatever else the
    sentences say."""
    return (qa.kind == qb.kind == "count" and qa.upper is None and qb.upper is None and _same_thing(qa, qb)
            and near(qa.value, qb.value))


_CHANGED_TO = re.compile(r"\b(?:rose|risen|rises?|fell|fallen|falls?|dropped|drops?|lowered|lowers?|raised|raises?|"
                         r"increased|increases?|cut|cuts|reduced|reduces?|climbed|climbs?|grew|grown|grows?|jumped|"
                         r"jumps?|slashed|downgraded|upgraded|revised|changed)\s+(?:up\s+|down\s+)?to\s*$", re.I)


def _bounded_apart(qa: Quantity, qb: Quantity) -> bool:
    """One count of one thing, bounded on either side ("more than 1.8 million customers" /
    "almost 1.8 million customers"): in an aligned pair the figure and what it counts say
    it is one count, whatever verbs stand around it ("supplies" / "serves")."""
    return (qa.kind == qb.kind == "count" and qa.value == qb.value and qa.upper == qb.upper and qa.bound != qb.bound
            and _same_thing(qa, qb))


#: After a figure: the value it replaces ("eight *rather than nine* branches").
# (?<!\s): tried right after the figure only; "\s*,?\s*" split a run of spaces quadratically
_INSTEAD_OF = re.compile(r"(?<!\s)\s*(?:,\s*)?(?:rather\s+than|instead\s+of)\b", re.I)


def _changed_to(claim: Claim, q: Quantity) -> bool:
    """Whether a figure is the value something changed to ("its rating was lowered to one",
    "the toll rose to 12", "eight rather than nine branches will now close"): a new value,
    no rival of the value before the change."""
    return bool(_CHANGED_TO.search(claim.text[max(0, q.start - claim.start - 40): q.start - claim.start])
                or _INSTEAD_OF.match(claim.text, q.end - claim.start))


def _same_weekday(qa: Quantity, qb: Quantity, shared: frozenset[str]) -> bool:
    """Two dates of a day, each told with the same day of the week ("Saturday 14 June" /
    "Saturday 21 June"): one day, told with two dates."""
    return qa.kind == qb.kind == "date" and qa.unit == qb.unit == "day" and bool(shared & WEEKDAYS.keys())


def _told_apart(items: Sequence[tuple[Claim, Quantity]], src: Sequence[str],
                said: Optional["Said"]) -> list[tuple[list[int], list[int], str]]:
    """Figures equal but for the thing they count, where each side's sources use the other
    side's word for something else, outside the figure's claim ("340 culverts" / "340
    cuttings", from sources that each speak of culverts and of cuttings): not one thing
    named two ways, but the same figure given to another thing. Words the referent
    lexicon relates are left to it.
    Returns ``(items of one thing, items of the other, explanation)``."""
    if not said:
        return []
    by_figure: dict[tuple[Any, ...], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, (c, q) in enumerate(items):
        if q.kind == "count" and q.referent:
            by_figure[(q.value, q.upper, q.bound, q.unit)][referent_key(q.referent)].append(i)
    out = []
    for refs in by_figure.values():
        keys = sorted(refs)
        for n, ka in enumerate(keys):
            for kb in keys[n + 1:]:
                xs, ys = refs[ka], refs[kb]
                qa, qb = items[xs[0]][1], items[ys[0]][1]
                cmp = compare_quantities(qa, qb)
                if cmp.relation not in ("agree", "unrelated") or cmp.referents != "unknown" \
                        or _GENERAL_THINGS & {ka, kb}:
                    continue
                if any(_elsewhere(kb, items[i][0], said) for i in xs) and any(_elsewhere(ka, items[j][0], said) for j in ys):
                    out.append((xs, ys, f"One source says {describe(qa)}, another {describe(qb)}; each "
                                        f"source speaks of both, so they are not one thing named two ways."))
    return out


#: Counted things so general that they name others of their kind: "people" names
#: protesters, voters and patients alike ("250 people" / "250 protesters"), "members" the
#: members of any body ("three councillors" / "three members" abstained). Every source
#: speaks of them, so they tell nothing apart.
_GENERAL_THINGS = frozenset({"person", "thing", "member"})


def _elsewhere(key: str, claim: Claim, said: "Said") -> bool:
    """Whether ``claim``'s source speaks of ``key`` outside ``claim`` ("14 new cases of
    measles" / "14 new measles cases" each hold both words: one thing, read two ways)."""
    return key in said.vocabulary(claim.source) and key not in _vocabulary(claim.text)


def _linked(xs: list[int], ys: list[int], src: Sequence[str]) -> list[list[int]]:
    """The parts that pairs from different sources link, one figure from ``xs`` and one from
    ``ys`` (``xs is ys``: two from the one list), each part in item order."""
    if xs is ys:
        return [xs] if len({src[i] for i in xs}) > 1 else []
    bx: dict[str, list[int]] = defaultdict(list)
    by: dict[str, list[int]] = defaultdict(list)
    for i in xs:
        bx[src[i]].append(i)
    for j in ys:
        by[src[j]].append(j)
    if len(bx) > 1 and len(by) > 1 and not (len(bx) == len(by) == 2 and bx.keys() == by.keys()):
        return [sorted(xs + ys)]  # every figure meets every other source's: one part
    # one side from one source (or two sources on both sides): a source's figures go together
    # (they meet the same partners); link the sources' blocks directly
    blocks = [("x", s) for s in bx] + [("y", t) for t in by]
    up = {k: k for k in blocks}

    def top(k: tuple[str, str]) -> tuple[str, str]:
        while up[k] != k:
            k = up[k]
        return k

    linked = set()
    for s in bx:
        for t in by:
            if s != t:
                up[top(("x", s))] = top(("y", t))
                linked.update({("x", s), ("y", t)})
    parts: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k in blocks:
        if k in linked:
            parts[top(k)].extend(bx[k[1]] if k[0] == "x" else by[k[1]])
    return sorted(sorted(p) for p in parts.values())


def _first_pair(part: list[int], xs: set[int], src: Sequence[str], *, same: bool) -> tuple[int, int]:
    """The first pair ``(i, j)``, ``i < j``, of a linked part: from different sources, and
    (unless ``same``) one figure from ``xs`` and one not."""
    for n, i in enumerate(part):
        for j in part[n + 1:]:
            if src[j] != src[i] and (same or (i in xs) != (j in xs)):
                return i, j
    raise AssertionError("a linked part has a pair")


# A number after one of these nouns names something ("phase one", "part 2"), it counts nothing.
_LABEL_NOUNS = frozenset(
    "phase part stage level category grade section chapter article round step tier wave number no page "
    "operation room flight route platform bay season episode series clause paragraph rule".split()
)
_EXCEPT = frozenset("but except bar save".split())
_PARTITIVE = re.compile(r"^\S+\s+of\s+(?:the|these|those|its|their|his|her|our|which|whom|them|many|several|only|"
                        r"[\w-]+['’]s)\b", re.I)
#: How many content words on each side of a figure make its context. Dates and periods
#: get a narrower window: a story is full of dates, and one only compares with another
#: when both are attached to the same event ("launched last December" is not "an August
#: report").
CONTEXT_WORDS = 6
DATE_CONTEXT_WORDS = 3


def _countable(claim: Claim, q: Quantity) -> bool:
    before = claim.text[: q.start - claim.start].split()
    if before and before[-1].lower().strip(".,;:'\"") in _LABEL_NOUNS and q.kind in ("count", "ordinal"):
        return False
    if len(before) >= 2 and before[-2].lower() == "all" and before[-1].lower() in _EXCEPT:
        return False  # "all but 400 homes": what is left of a total, not a total
    # "one of the probes", "two of which", "one of Britain's oldest makers" pick members out
    # of a set: not totals to compare
    end = claim.text[q.start - claim.start :]
    return not (q.kind == "count" and _PARTITIVE.match(end))


def _recounted(qa: Quantity, ca: frozenset[str], qb: Quantity, cb: frozenset[str]) -> bool:
    """One figure counting two things the referent lexicon does not relate, in the same
    words around it (one side's all among the other's: "17 schools across the district
    would remain closed until Monday" / "17 roads across ..."): one sentence told with
    another counted thing. Paraphrases that name the thing another way ("jobs" / "posts")
    rarely keep every word around it."""
    return (qa.kind == qb.kind == "count" and bool(qa.referent) and bool(qb.referent)
            and referent_key(qa.referent or "") != referent_key(qb.referent or "")
            and min(len(ca), len(cb)) >= RECOUNT_CONTEXT and (ca <= cb or cb <= ca))


def _given_other(qa: Quantity, na: frozenset[str], qb: Quantity, nb: frozenset[str]) -> bool:
    """One figure given to things of different kinds in aligned claims, with a word next to
    it in common (``na``, ``nb``: :data:`NEAR_WORDS` on each side): "authorised payments to
    14 fake companies" / "... to 14 fake employees", "38 households had been evacuated" /
    "38 people were evacuated". A small figure recurs by chance ("six people" / "six
    flats"), so only larger ones are read so; words further off are often only who said it
    ("Dr X of Y Trust said ... 9,000 patients" / "Dr X of Y Trust said 9,000 operations")."""
    return (qa.kind == qb.kind == "count" and qa.value == qb.value and qa.upper == qb.upper
            and qa.value >= GIVEN_OTHER_LEAST and bool(na & nb) and kinds_apart(qa.referent, qb.referent))


def _context(claim: Claim, q: Quantity, n: Optional[int] = None) -> frozenset[str]:
    """Content lemmas near a figure (``n`` on each side), the figure and its referent left out."""
    if n is None:
        n = DATE_CONTEXT_WORDS if q.kind in ("date", "year", "range", "duration") else CONTEXT_WORDS
    before = content_words(claim.text[: q.start - claim.start])[-n:]
    after = content_words(claim.text[q.end - claim.start :])[:n]
    own = set(content_words(q.text))
    return frozenset(w for w in before + after if w not in own and not w[:1].isdigit())


def _value(claim: Claim, q: Quantity, rel: str) -> Value:
    if rel == "referent" and q.referent_start is not None and q.referent_end is not None and q.referent_text:
        return Value(source=claim.source, claim=claim.id, value=q.referent_text, start=q.referent_start,
                     end=q.referent_end)
    return Value(source=claim.source, claim=claim.id, value=q.text, start=q.start, end=q.end)


from .quotecheck import quote_discrepancies as _quote_discrepancies  # noqa: E402
from .statement_compare import FactSig, fact_signature as _fact_signature, same_fact_sig as _same_fact_sig  # noqa: E402
from .statement_compare import Said, day_of, statement_discrepancies as _statement_discrepancies  # noqa: E402
from .statement_compare import vocabulary as _vocabulary  # noqa: E402

#: Nouns of a change a percentage measures ("a 22% cut in X"): what changed follows them.
_CHANGES = frozenset("cut rise increase fall drop reduction decline growth hike jump reduce".split())
#: "... in the repairs budget", "... of its staff": up to three words naming what changed,
#: ending before a preposition, a conjunction or punctuation (tried at one place only).
_CHANGE_OF = re.compile(r"(?<!\s)\s+(?:in|of)\s+(?:(?:the|its|their|his|her|our|total|overall)\s+)?"
                        r"((?:(?!(?:between|from|since|over|to|for|in|on|at|by|and|or|as|after|before)\b)"
                        r"[a-z][\w'’-]*\s*){1,3})", re.I)


def changed_things(group: Group, members: Sequence[Claim], said: "Said") -> list[_Found]:
    """One change given to things of different kinds ("a 22% cut in the repairs budget" /
    "a 22% cut in repairs staff"): the same percentage and change noun, in aligned claims
    of different sources, of things the kind lexicon tells apart (money and people). Things
    it does not know, or knows as one kind ("budget" / "funding"), are left alone."""
    told: dict[tuple[float, str], dict[str, list[Value]]] = defaultdict(lambda: defaultdict(list))
    for c in members:
        for q in c.quantities:
            if q.kind != "percent" or not q.referent or q.referent not in _CHANGES:
                continue
            m = _CHANGE_OF.match(c.text, q.end - c.start)
            if m is None:
                continue
            end = m.start(1) + len(m.group(1).rstrip())
            told[(q.value, referent_key(q.referent))][m.group(1).split()[-1].lower()].append(
                Value(source=c.source, claim=c.id, value=c.text[q.start - c.start:end], start=q.start,
                      end=c.start + end))
    found = []
    for by_head in told.values():
        # what changed, one word per kind of reading: heads are few, however many sources
        heads = sorted(by_head)
        clash: dict[tuple[str, int, int], Value] = {}
        for i, h in enumerate(heads):
            for k in heads[i + 1:]:
                xs, ys = by_head[h], by_head[k]
                if kinds_apart(h, k) and {v.source for v in xs + ys} != {xs[0].source}:
                    clash.update({(v.source, v.start, v.end): v for v in xs + ys})
        if clash:
            values = tuple(clash[key] for key in sorted(clash))
            found.append(_Found(type=DiscrepancyType.REFERENT, values=values,
                                summary=f"The sources give the same change to different things: {_phrase(values)}.",
                                detail={"explanation": "The same percentage change, told of things of different "
                                                       "kinds."}))
    return found


#: Detectors run on every group carried by two or more sources, in this order.
DETECTORS: list[tuple[tuple[ClaimKind, ...], Detector]] = [
    ((ClaimKind.STATEMENT,), quantity_discrepancies),
    # one percentage change told of things of different kinds
    ((ClaimKind.STATEMENT,), changed_things),
    # entity, attribution (statement_compare.py); quote groups have their own word-level detector
    ((ClaimKind.STATEMENT,), _statement_discrepancies),
    # quote-wording, quote-truncation, attribution (quotecheck.py)
    ((ClaimKind.QUOTE,), lambda g, members, said: _quote_discrepancies(g, members)),
]


def find_discrepancies(groups: Sequence[Group], claims: Mapping[str, Claim], *,
                       published: Optional[Mapping[str, str]] = None) -> list[Discrepancy]:
    """All discrepancies in ``groups``, numbered ``d1, d2, ...`` in group order.
    ``published``: each source's publication date (ISO), where known."""
    out: list[Discrepancy] = []
    said = Said(list(claims.values()), published=published)
    for g in groups:
        if len(g.sources) < 2:
            continue
        members = [claims[c] for c in g.claims]
        for kinds, detector in DETECTORS:
            if g.kind not in kinds:
                continue
            for f in detector(g, members, said):
                out.append(Discrepancy(id=f"d{len(out) + 1}", type=f.type, group=g.id, values=f.values,
                                       summary=f.summary, detail=f.detail))
    # differences told in sentences that do not align (a pass over the whole story)
    from .unaligned import unaligned_discrepancies  # imported here: it builds on this module

    for gid, f in _across_links(groups, claims, said) + unaligned_discrepancies(groups, claims, said):
        if not any(_same_values(f, d) for d in out):
            out.append(Discrepancy(id=f"d{len(out) + 1}", type=f.type, group=gid, values=f.values,
                                   summary=f.summary, detail=f.detail))
    return out


def _across_links(groups: Sequence[Group], claims: Mapping[str, Claim], said: "Said") -> list[tuple[str, _Found]]:
    """Counts of one thing that differ across an "also states" link, as ``(group id,
    finding)``: the linked claims state the group's fact, so a count they give differently
    is a difference too ("The 23 passengers who were hurt ..." / a clause "... and 32
    passengers were hurt" in a group of its own), and shares of one thing bounded
    differently ("more than 40 per cent of its reserves" / "almost 40 per cent ..."), or one
    sum bounded differently ("more than £240,000" / "almost £240,000"). Only
    claims counting a thing (or giving a share of it) the linked claims count, with another
    value or bound, are read."""
    by_group = {g.id: g for g in groups}
    counts_of: dict[str, dict[str, set[tuple[float, str]]]] = {}  # claim id -> what it counts (read once)

    def counts(ids: Sequence[str]) -> dict[str, set[tuple[float, str]]]:
        merged: dict[str, set[tuple[float, str]]] = defaultdict(set)
        for i in ids:
            got = counts_of.get(i)
            if got is None:
                got = counts_of[i] = _counts(claims[i])
            for k, values in got.items():
                merged[k] |= values
        return merged

    found = []
    for g in groups:
        if g.kind is not ClaimKind.STATEMENT:
            continue
        for link in g.related:
            other = by_group.get(link.group)
            if other is None or other.kind is not ClaimKind.STATEMENT:
                continue
            counted = counts(link.claims)
            if not counted:
                continue
            figures = {v for values in counted.values() for v, _ in values}
            # a count of a thing the linked claims count, with another value or bound; or of
            # another thing, with a value they give
            mine = [claims[i] for i in (link.via or g.claims)
                    if any(not values <= counted[k] if k in counted else bool({v for v, _ in values} & figures)
                           for k, values in counts([i]).items())]
            theirs = [claims[c] for c in link.claims]
            if not mine or {c.source for c in mine} | {c.source for c in theirs} == {mine[0].source}:
                continue
            for f in quantity_discrepancies(g, mine + theirs, said):
                if any(v.claim in link.claims for v in f.values) and any(v.claim not in link.claims for v in f.values) \
                        and (_one_counted_thing(f, claims) or _one_count_two_things(f, claims)):
                    found.append((g.id, f))
    return found


#: Figures read across a link: counts, and shares of a thing ("40 per cent of its reserves"),
#: besides sums (see :func:`_counted`).
_LINKED_KINDS = ("count", "percent")


def _counted(q: Quantity) -> Optional[str]:
    """What a figure counts or is a share of, with its kind ("count:officer",
    "percent:reserve"); a sum is keyed by its value too ("money:GBP:240000"), as a sum
    says not what it pays for: only the same sum, bounded another way ("more than
    £240,000" / "almost £240,000"), is compared. ``None`` for other figures and figures
    of nothing named."""
    if q.kind == "money" and q.upper is None:
        return f"money:{q.unit}:{q.value:g}"
    return f"{q.kind}:{referent_key(q.referent)}" if q.kind in _LINKED_KINDS and q.referent else None


def _counts(claim: Claim) -> dict[str, set[tuple[float, str]]]:
    """The things ``claim`` counts or gives a share of (:func:`_counted`), with the values
    it gives and their bounds ("more than 40", "almost 40")."""
    out: dict[str, set[tuple[float, str]]] = defaultdict(set)
    for q in claim.quantities:
        if (key := _counted(q)) is not None:
            out[key].add((q.value, q.bound.value))
    return out


def _one_counted_thing(f: _Found, claims: Mapping[str, Claim]) -> bool:
    """Whether every value of ``f`` is a count of one thing ("23 passengers" / "32
    passengers") or a share of one thing ("more than 40 per cent of the council's usable
    reserves" / "almost 40 per cent of its usable reserves"): across a link, where the
    claims share less than a group's, only such figures are compared."""
    keys = set()
    for v in f.values:
        q = next((q for q in claims[v.claim].quantities if q.start == v.start), None)
        key = _counted(q) if q is not None else None
        if key is None:
            return False
        keys.add(key)
    return len(keys) == 1


def _one_count_two_things(f: _Found, claims: Mapping[str, Claim]) -> bool:
    """Whether ``f`` gives one count to two things ("11 guests" / "11 food samples"), a
    referent difference the referent guard (:func:`_told_apart`) let through."""
    if f.type is not DiscrepancyType.REFERENT:
        return False
    values = set()
    for v in f.values:
        q = next((q for q in claims[v.claim].quantities if q.referent_start == v.start), None)
        if q is None or q.kind != "count":
            return False
        values.add((q.value, q.upper))
    return len(values) == 1


def _same_values(f: _Found, d: Discrepancy) -> bool:
    return f.type == d.type and {(v.source, v.start) for v in f.values} <= {(v.source, v.start) for v in d.values}
