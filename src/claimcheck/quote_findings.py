"""What is reported about a quote group: quote discrepancies, attribution, the quotes view.

* :func:`quote_discrepancies` is the detector registered in
  :data:`claimcheck.discrepancies.DETECTORS` for quote groups: ``quote-wording``,
  ``quote-truncation`` and ``attribution`` (the same words credited to different
  speakers, compared on :attr:`Speaker.key`; an unknown speaker is nobody, and an
  organisation is not "different" from its own officer whose role names it). An
  omission marked with an ellipsis, or words added in [square brackets], is honest
  editing and is never flagged.
* :func:`quote_groups` lists a report's quote groups (speaker, sources, fidelity,
  discrepancies, per-pair diffs) for views such as ``claimcheck quotes``.

Wording and truncation are found by comparing each wording of the quote with its
reference (:meth:`~claimcheck.quote_versions._Versions.pairs`: the most widely carried
wording of the same stretch), not every wording with every other. A discrepancy's
``values`` are the differing words of every version compared, each with its span;
``detail["diff"]`` is the word diff of the first pair listed, ``detail["pairs"]`` at most
``DETAIL_PAIRS`` pairs ``{"a", "b", "a_claims", "b_claims", "diff"}``, each a version that
differs from its reference and that reference's first version from another source (the
two in source order, the diff from ``a`` to ``b``; pairs in source order of the differing
version), and ``detail["pairs_total"]`` how many versions differ from their reference
that way.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations
from typing import Any, Callable, Optional, Sequence

from attrs import frozen

from .model import Claim, ClaimKind, Discrepancy, DiscrepancyType, Group, Speaker, Value
from .quote_versions import _Block, _pair_fidelity, _Unit, _units, _Versions
from .quotewords import _excerpt

#: A discrepancy's ``detail`` keeps the word diffs of at most this many pairs of versions;
#: ``pairs_total`` says how many differ. Without a cap the detail grows with the number
#: of sources quoting the same words.
DETAIL_PAIRS = 12
#: :func:`quote_groups` lists at most this many per-pair diffs of a group (see ``QuoteGroup.diffs``).
VIEW_PAIRS = 100


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
    fidelity = getattr(group, "fidelity", None)
    vs = _Versions(units)
    # span -> [first met, value]; "met" = (comparison, block, side, place in the block's values)
    wording: dict[tuple[str, int, int], list[Any]] = {}
    trunc: dict[tuple[str, int, int], list[Any]] = {}
    w_pairs: list[tuple[int, int, int, int]] = []  # (version, its reference version, reference class, class)
    t_pairs: list[tuple[int, int, int, int]] = []
    spans: dict[tuple[int, int, int], list[Value]] = {}
    for n, (r, x) in enumerate(vs.pairs()):
        blocks = vs.compare(r, x)[0]
        flagged = [(k, b) for k, b in enumerate(blocks) if b.kind == "wording" or b.kind in _CUT]
        if not flagged:
            continue
        sides = ((0, vs.partnered(r, x)), (1, vs.partnered(x, r)))
        for k, b in flagged:
            for side, versions in sides:
                for i in versions:
                    if b.kind == "wording":
                        lo, hi = (b.a0, b.a1) if side == 0 else (b.b0, b.b1)
                        # the reference's versions meet the same stretch against many wordings: values once
                        got = spans.get((i, lo, hi))
                        if got is None:
                            got = spans[(i, lo, hi)] = _values(units[i], lo, hi) or _around(units[i], lo, 2)
                        parts = [(0, got)]
                    else:
                        parts = _cut_values(units, b, side, i)
                    _note(wording if b.kind == "wording" else trunc, parts, (n, k, side))
        refs = vs.members[r]
        for i in sides[1][1]:
            j = next(j for j in refs if vs.src[j] != vs.src[i])
            for kinds, into in ((("wording",), w_pairs), (_CUT, t_pairs)):
                if any(b.kind in kinds for _, b in flagged):
                    into.append((i, j, r, x))
    found = []
    if wording:
        values = tuple(_ordered(wording))
        who = f"quote {speaker}" if speaker else "give this quote"
        w_shown = [_pair(vs, p) for p in sorted(w_pairs)[:DETAIL_PAIRS]]
        found.append(_Found(type=DiscrepancyType.QUOTE_WORDING, values=values,
                            summary=f"The sources {who} in different words: {_phrase(values)}.",
                            detail={"diff": w_shown[0]["diff"], "pairs": w_shown, "pairs_total": len(w_pairs),
                                    "fidelity": fidelity}))
    if trunc:
        values = tuple(_ordered(trunc))
        t_first = sorted(t_pairs)
        i, j, r, x = t_first[0]
        b = next(b for b in vs.compare(r, x)[0] if b.kind in _CUT)
        t_shown = [_pair(vs, p) for p in t_first[:DETAIL_PAIRS]]
        found.append(_Found(type=DiscrepancyType.QUOTE_TRUNCATION, values=values,
                            summary=_cut_summary(units[j], units[i], b, speaker),
                            detail={"diff": t_shown[0]["diff"], "pairs": t_shown, "pairs_total": len(t_pairs),
                                    "fidelity": fidelity}))
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
          met: tuple[int, ...]) -> None:
    """Record the values a version gives for one block, each span once, where first met."""
    for part, vals in parts:
        for q, val in enumerate(vals):
            key = (val.source, val.start, val.end)
            if key not in into:
                into[key] = [(*met, part, q), val]


def _ordered(found: dict[tuple[str, int, int], list[Any]]) -> list[Value]:
    """Values by source, then position, then where first met."""
    return [val for _, val in sorted(found.values(), key=lambda s: (s[1].source, s[1].start, s[0]))]


def _pair(vs: _Versions, pair: tuple[int, int, int, int]) -> dict[str, Any]:
    """A pair of versions as the detail lists it: in source order, the diff from ``a`` to ``b``."""
    i, j = sorted(pair[:2])
    u, v = vs.units[i], vs.units[j]
    return {"a": u.source, "b": v.source, "a_claims": [c.id for c in u.claims], "b_claims": [c.id for c in v.claims],
            "diff": vs.diff(vs.cls[i], vs.cls[j])}


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


def _cut_summary(u: _Unit, v: _Unit, b: _Block, speaker: Optional[str]) -> str:
    if b.kind == "join":
        joined, split = (v, u) if b.split == "a" else (u, v)
        return f"{joined.source} runs together as one quote words that {split.source} gives as two separate quotes."
    short, long_, l0, l1 = (u, v, b.b0, b.b1) if b.a0 == b.a1 else (v, u, b.a0, b.a1)
    gist = _excerpt(" ".join(m.value for m in _values(long_, l0, l1)))
    if b.kind == "edge":
        words = f"{speaker}'s words" if speaker else "the quoted words"
        return f"{short.source} quotes less of {words} than {long_.source}, leaving out “{gist}”."
    whose = f"{speaker}'s" if speaker else "the"
    return f"{short.source} silently leaves out part of {whose} quote that {long_.source} gives: “{gist}”."



def _speaks_for(a: Any, b: Any) -> bool:
    """An organisation and its own officer ("WHO" / "WHO Director Jane Doe")."""
    for org, person in ((a, b), (b, a)):
        role = set(re.findall(r"[^\W_]+", (person.role or "").casefold()))
        if org.kind == "organisation" and role and set(org.key.split()) <= role:
            return True
    return False


def _titled(a: str, b: str) -> bool:
    """One full name with and without a title the lexicon does not know before it
    ("prosecutor ann lee" / "ann lee", as a lower-cased text gives it), or with one such
    word each ("Passenger Priya Mistry" / "Nurse Priya Mistry": one woman, described two ways).

    >>> _titled("prosecutor ann lee", "ann lee"), _titled("passenger priya mistry", "nurse priya mistry")
    (True, True)
    >>> _titled("ann lee", "jo lee"), _titled("ann lee", "ann lee")
    (False, False)
    """
    wa, wb = a.split(), b.split()
    k = 0
    while k < min(len(wa), len(wb)) and wa[-1 - k] == wb[-1 - k]:
        k += 1
    extra = sorted((len(wa) - k, len(wb) - k))
    return k >= 2 and extra != [0, 0] and (extra[0] == 0 or extra[1] == 1)


def _named(s: Speaker) -> bool:
    """Whether a speaker is named well enough to clash with another: a person or a body, or
    (a lower-cased text cannot show which) a full name credited by its own verb ("said ruth
    ellery"), not a mention found near the quote. Such a name clashes only with speakers
    credited by their own verb too (a person found near the quote may be its subject)."""
    return s.kind != "unknown" or (s.verb is not None and len(s.key.split()) >= 2)


#: The fewest words a quote must hold for a speaker found near it, not by a verb of
#: saying, to clash with another's: a word or two in quotation marks ("poor", "a
#: disgrace") is a term many use, and who is named near it is often not who said it.
ATTRIBUTED_WORDS = 3


def _attribution(members: Sequence[Claim]) -> list[Value]:
    speakers = [c for c in members if c.speaker is not None and c.speaker.key and _named(c.speaker)
                and (c.speaker.verb is not None or len(c.text.split()) >= ATTRIBUTED_WORDS)]
    # claims whose speakers look alike clash with the same others: decide per kind of speaker,
    # then find each claim's first and last clashing partner (the order and the value a pass
    # over all pairs would leave)
    kinds: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for n, c in enumerate(speakers):
        s = c.speaker
        assert s is not None
        kinds[(s.key, s.kind, s.role, s.verb is not None)].append(n)
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
        others = [b for b in ks if b[0] != a[0] and not _titled(a[0], b[0])
                  and not _speaks_for(sa, speakers[kinds[b][0]].speaker)
                  and (a[3] and b[3] or "unknown" not in (a[1], b[1]))]
        # a claim's first and last partner depend only on its source: worked out once per source
        first_of = _Partners([lo[b] for b in others], min)
        last_of = _Partners([hi[b] for b in others], max)
        for n in kinds[a]:
            first = first_of(src[n])
            if first is None:
                continue
            last = last_of(src[n])
            assert last is not None  # a partner of another source exists: ``first`` is one
            c, s = speakers[n], speakers[n].speaker
            assert s is not None
            # within a pair the earlier claim is written first
            t0, t1 = (*_when(n, first), n > first), (*_when(n, last), n > last)
            key = (c.source, s.start, s.end)
            val = Value(source=c.source, claim=c.id, value=s.name, start=s.start, end=s.end)
            _record(clash, key, t0, t1, val, later_wins_ties=False)
    return _clash_ordered(clash)


class _Partners:
    """Per source ``s``, the best (``pick``: ``min`` or ``max``) over the kinds of the first
    index of another source in each kind's kept pair (:func:`_keep`), ``None`` when none has
    one: ``pick(next(j for j, t in kept if t != s) for kept in kinds if ...)``."""

    def __init__(self, kept: Sequence[list[tuple[int, str]]], pick: Callable[..., Any]) -> None:
        self.pick = pick
        heads = [k[0] for k in kept if k]
        # the best head, and the best head of another source than that one's
        self.best: Optional[tuple[int, str]] = pick(heads, key=lambda t: t[0]) if heads else None
        other = [t for t in heads if self.best is not None and t[1] != self.best[1]]
        self.second: Optional[tuple[int, str]] = pick(other, key=lambda t: t[0]) if other else None
        # kinds whose head is of source s: their second index (of another source) stands in
        self.alt: dict[str, int] = {}
        for k in kept:
            if len(k) > 1:
                s, j = k[0][1], k[1][0]
                self.alt[s] = pick(self.alt[s], j) if s in self.alt else j
        self.memo: dict[str, Optional[int]] = {}

    def __call__(self, s: str) -> Optional[int]:
        if s in self.memo:
            return self.memo[s]
        got: list[int] = []
        if self.best is not None:
            if self.best[1] != s:
                got.append(self.best[0])
            elif self.second is not None:
                got.append(self.second[0])
        if s in self.alt:
            got.append(self.alt[s])
        out: Optional[int] = self.pick(got) if got else None
        self.memo[s] = out
        return out


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


def _clash_ordered(found: dict[tuple[str, int, int], list[Any]]) -> list[Value]:
    """Attribution values by source, then position, then where first met."""
    return [val for _, _, val in sorted(found.values(), key=lambda s: (s[2].source, s[2].start, s[0]))]


def _keep(best: list[tuple[int, str]], j: int, s: str, *, smallest: bool) -> None:
    """Keep the best two indices of different sources (enough to skip one's own source)."""
    def better(a: int, b: int) -> bool:
        return a < b if smallest else a > b

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
        vs = _Versions(units, coarse=False)
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

