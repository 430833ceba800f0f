"""Differences told in sentences that do not align: one event given two days (or two
months of a year), one thing counted two ways at one event, two holders of a title a
story has one of.

The group detectors (:mod:`claimcheck.discrepancies`) compare what one group holds; a
difference told in two sentences that share little else ("he will be sentenced on 14
November" / "a former charity boss convicted of fraud will be sentenced on 21 November")
lands in two groups and is never compared. These passes read the whole story instead,
each keyed by what ties the two sentences to one event (a word before the day, the words
around a count, a title), and each guarded by what says two events rather than one: a
source naming the other's value anywhere, a word saying a later count, days far apart.

>>> import claimcheck
>>> from claimcheck import Source
>>> report = claimcheck.compare([
...     Source(id="a", text="He was granted bail and will be sentenced on 14 November."),
...     Source(id="b", text="A former charity boss convicted of a £2.4m fraud will be sentenced on 21 November.")])
>>> [(d.type.value, [v.value for v in d.values]) for d in report.discrepancies]
[('date', ['14 November', '21 November'])]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import chain
from datetime import date
from typing import Callable, Iterable, Mapping, Optional, Sequence

from ._numwords import _REPORTING_DAY
from .discrepancies import (_LEAD, _Found, _changed_to, _context, _countable, _phrase, _value)
from .model import Claim, ClaimKind, DiscrepancyType, Group, Quantity, Value
from .quantities import compare_quantities, describe, near, placeless, referent_key
from .speakers import is_cased
from .statement_compare import Said, day_of, framed_names
from .text import STOPWORDS, WHEN_WORDS, content_words, lemma, words


def unaligned_discrepancies(groups: Sequence[Group], claims: Mapping[str, Claim],
                            said: Said) -> list[tuple[str, _Found]]:
    """Every difference the passes find, as ``(group id, finding)``: the group of the
    finding's first claim."""
    group_of = {cid: g.id for g in groups if g.kind is ClaimKind.STATEMENT for cid in g.claims}
    return (_dated_events(claims, group_of, said) + _counted_events(claims, group_of, said)
            + _titled_people(claims, group_of, said) + _apposed(claims, group_of, said)
            + _framed_apart(claims, group_of, said))


#: Content words before a date that say *when it was told*, not what happened on it.
_TOLD = frozenset(lemma(w) for w in _REPORTING_DAY) | {"update", "post", "publish", "modify", "print"}
#: How many content words before a date name its event ("will be *sentenced* on 14 November").
EVENT_WORDS = 5
#: How many of them a word of telling must be among to make the date the day it was told.
TOLD_WORDS = 3


#: The most days apart two dates of one event may be; further apart, they date two events.
EVENT_DAYS = 31
#: The same for two months of a year ("June 2022" / "June 2023": a year's slip is common).
EVENT_MONTHS = 12
#: The same for two days of the week ("on Monday evening" / "on Sunday evening").
EVENT_WEEKDAYS = 2


def _dated(q: Quantity) -> Optional[tuple[str, int]]:
    """A date to compare across unaligned sentences: a day (``("day", month * 100 +
    day)``), a day of the week (``("weekday", 0..6)``) or a month with its year
    (``("month", yyyymm00)``); a month alone ("in June") says too little of which June."""
    unit, value = day_of(q)
    if q.kind != "date" or unit not in ("day", "weekday", "month") or (unit == "month" and value < 10000):
        return None
    return unit, value


def _days_apart(x: int, y: int) -> int:
    """Days between two month-and-day dates (``month * 100 + day``), around the year's end too."""
    try:  # a leap year, so that 29 February is a day
        d = abs(date(2000, x // 100, x % 100).toordinal() - date(2000, y // 100, y % 100).toordinal())
    except ValueError:
        return 10 ** 6  # no day of the calendar: nothing to compare
    return min(d, 366 - d)


def _near_dates(unit: str, x: int, y: int) -> bool:
    """Whether two dates of one unit may date one event told wrong: days at most
    :data:`EVENT_DAYS` apart, months at most :data:`EVENT_MONTHS`."""
    if unit == "day":
        return _days_apart(x, y) <= EVENT_DAYS
    if unit == "weekday":  # within a few days of each other, around the week's end too
        return min((x - y) % 7, (y - x) % 7) <= EVENT_WEEKDAYS
    (ya, ma), (yb, mb) = divmod(x // 100, 100), divmod(y // 100, 100)
    return abs((ya * 12 + ma) - (yb * 12 + mb)) <= EVENT_MONTHS


def _event_words(c: Claim, q: Quantity) -> frozenset[str]:
    """The words that may name the event a date is of: content words among the few before
    it, none if a word of telling stands next to it ("confirmed the closure on Monday"; not
    "confirmed that the site was hit by a fire in June")."""
    # words of time are no words of the event, and take no place among the few counted
    # ("a hearing under the Act listed for *Friday* 19 September")
    before = [w for w in content_words(c.text[: q.start - c.start])
              if w not in WHEN_WORDS and not w[:1].isdigit()][-EVENT_WORDS:]
    if _TOLD & set(before[-TOLD_WORDS:]):
        return frozenset()
    return frozenset(before)


def _two_words_tie(items: Sequence[tuple[Claim, Quantity]], x: int,
                   words: Mapping[tuple[str, int], frozenset[str]]) -> bool:
    """Whether a claim of one weekday and a claim of the other share two event words: a
    story tells of many days of the week, and one word in common ("meeting", a place) ties
    two events as often as one ("a smell of gas on Monday evening" / "... on Sunday evening")."""
    xs = [words[(c.id, q.start)] for c, q in items if day_of(q)[1] == x]
    ys = [words[(c.id, q.start)] for c, q in items if day_of(q)[1] != x]
    return any(len(a & b) >= 2 for a in xs for b in ys)


def _weeks_apart(own: Mapping[str, tuple[str, int]], x: int, said: Said) -> bool:
    """Whether every source of one day of the week was published a week or more from
    every source of the other: "on Tuesday" in a first report and "on Monday" in an update
    two weeks on are days of two weeks (unknown dates say nothing)."""
    xs = [src for src, (_, d) in own.items() if d == x]
    ys = [src for src, (_, d) in own.items() if d != x]
    return all((apart := said.days_apart(a, b)) is not None and apart >= 7 for a in xs for b in ys)


def _dated_events(claims: Mapping[str, Claim], group_of: Mapping[str, str], said: Said) -> list[tuple[str, _Found]]:
    """One event given two days by two sources whose sentences share little else ("he will
    be sentenced on 14 November" / "... convicted of fraud, will be sentenced on 21
    November"), two months ("a smaller fire at the site in June 2022" / "hit by a smaller
    fire in june 2023") or two days of the week, as ``(group id, finding)``. The event is a
    word among the few before the date, shared by both (two words for days of the week:
    :func:`_two_words_tie`); each source gives that event one date only and
    never names the other's anywhere (a source giving both has two events, or a change of
    plan), and no word says when it was *told* ("confirmed on 14 November")."""
    # (event word, unit of the date) -> source -> dated claims: days, weekdays and months apart
    by_event: dict[tuple[str, str], dict[str, list[tuple[Claim, Quantity]]]] = defaultdict(lambda: defaultdict(list))
    words: dict[tuple[str, int], frozenset[str]] = {}  # each date's event words, read once
    for cid in sorted(group_of):
        c = claims[cid]
        for q in c.quantities:
            dated = _dated(q)
            if dated is None:
                continue
            unit = dated[0]
            words[(c.id, q.start)] = _event_words(c, q)
            for w in words[(c.id, q.start)]:
                by_event[(w, unit)][c.source].append((c, q))
    found: list[tuple[str, _Found]] = []
    seen: set[tuple[tuple[str, int], ...]] = set()
    for event in sorted(by_event):
        told = {src: items for src, items in by_event[event].items() if len({_dated(q) for _, q in items}) == 1}
        # each source's date, where no source of another date names it anywhere
        own = {src: d for src, items in told.items() if (d := _dated(items[0][1])) is not None}
        if len(set(own.values())) != 2:
            continue
        (ux, x), (uy, y) = sorted(set(own.values()))
        if ux != uy or not _near_dates(ux, x, y):
            continue  # a misdated event is days (or months) off: far apart, two events
        if any((ux, y if d == (ux, x) else x) in said.days(src) for src, d in own.items()):
            continue
        items = sorted((told[src][0] for src in own), key=lambda cq: (cq[0].source, cq[1].start))
        if ux == "weekday" and (not _two_words_tie(items, x, words) or _weeks_apart(own, x, said)):
            continue
        values = tuple(_value(c, q, "date") for c, q in items)
        key = tuple(sorted((v.source, v.start) for v in values))
        if key in seen:
            continue
        seen.add(key)
        qa = next(q for c, q in items if _dated(q) == (ux, x))
        qb = next(q for c, q in items if _dated(q) == (uy, y))
        what = "month" if ux == "month" else "day"
        found.append((group_of[items[0][0].id], _Found(
            type=DiscrepancyType.DATE, values=values,
            summary=f"{_LEAD[DiscrepancyType.DATE]}: {_phrase(values)}.",
            detail={"explanation": f"One source says {describe(qa)}, another {describe(qb)}, for the same "
                                   f"event (\"{event[0]}\"); neither names the other's {what}."})))
    return found


#: Words near a count saying it is a later count or what is left ("still in hospital",
#: "remained at the scene", "now stands at"): a count of another moment, no rival.
_LATER = frozenset("still remain now later since total overall far latest rise further another more other "
                   "additional".split())
#: The least content words two counts' surroundings share to count one thing at one event.
EVENT_SHARE = 2
#: How many content words on each side of a count say what it counts at which event.
EVENT_WORDS_AROUND = 4
#: A thing counted in more different ways than this is left alone (a cost bound).
EVENT_TYPES = 64


def _counted_events(claims: Mapping[str, Claim], group_of: Mapping[str, str], said: Said) -> list[tuple[str, _Found]]:
    """One thing counted differently at one event by sources whose sentences are not
    aligned ("At the height of the incident 80 firefighters ... were at the scene" / "60
    firefighters were sent to the scene at the peak of the incident"), as ``(group id,
    finding)``. The counts' surroundings share :data:`EVENT_SHARE` content words or more
    (or one saying which ones both count, :func:`_which`, for one word counted by sources
    that each count it once:
    "advanced in 11 separate loans" / "made 17 separate loans"),
    neither says it is a later count, the figures cannot both be true, and neither source
    gives the other's figure anywhere. Sums of money, which say not what they pay for,
    only when near (within 10%, or digits transposed: "a £46m deal" / "paid £64m for")."""
    # thing -> (figure, words around it) -> where it is counted
    by_key: dict[str, dict[tuple[Quantity, frozenset[str]], list[tuple[Claim, Quantity]]]] = defaultdict(dict)
    counted: Counter[tuple[str, str]] = Counter()  # (source, thing): how many counts of it the source gives
    for cid in sorted(group_of):
        c = claims[cid]
        for q in c.quantities:
            if q.upper is not None or not _countable(c, q) or _changed_to(c, q):
                continue
            if q.kind == "count" and q.referent:
                key = referent_key(q.referent)
            elif q.kind == "money":
                key = f"money {q.unit}"  # a sum says not what it pays for: near sums only (below)
            else:
                continue
            if q.kind == "count":
                counted[(c.source, key)] += 1
            referent = set(content_words(q.referent_text or q.referent or ""))
            around = (_context(c, q, EVENT_WORDS_AROUND) | _between(q)) - _TOLD - referent
            window = c.text[max(0, q.start - c.start - 40): q.end - c.start + 60].lower()
            if _LATER & set(words(window)):  # "still", "now": function words, not content words
                continue
            by_key[key].setdefault((placeless(q), around), []).append((c, q))
    def kept(side: Sequence[tuple[Claim, Quantity]], other: Quantity, key: str,
             tie: frozenset[str]) -> list[tuple[Claim, Quantity]]:
        """The counts of ``side`` from sources never giving ``other``'s figure; with one word
        in common (``tie``), only where it says which ones and the source counts the thing once."""
        return [x for x in side if (other.kind, other.value) not in said.figures(x[0].source)
                and not (len(tie) < EVENT_SHARE and (counted[(x[0].source, key)] > 1 or not tie & _which(*x)))]

    found: list[tuple[str, _Found]] = []
    for key in sorted(by_key):
        kinds = sorted(by_key[key].items(), key=lambda kv: (kv[1][0][0].id, kv[1][0][1].start))
        if len(kinds) > EVENT_TYPES:
            continue
        for n, ((qa, ca), xs) in enumerate(kinds):
            for (qb, cb), ys in kinds[n + 1:]:
                # one word in common only for one word naming the thing ("loans" / "loans",
                # not "improvements" / "recommendations")
                tie = ca & cb
                one_word = len(tie) < EVENT_SHARE
                if qa.value == qb.value or (one_word and not (tie and qa.kind == "count" and qa.referent == qb.referent)) \
                        or compare_quantities(qa, qb).relation != "quantity" \
                        or (qa.kind == "money" and not near(qa.value, qb.value)):
                    continue
                mine, theirs = kept(xs, qb, key, tie), kept(ys, qa, key, tie)
                items = sorted(_paired(mine, theirs, group_of) + _paired(theirs, mine, group_of),
                               key=lambda cq: (cq[0].source, cq[1].start))
                if not items:
                    continue
                values = tuple(_value(c, q, "quantity") for c, q in items)
                found.append((group_of[items[0][0].id], _Found(
                    type=DiscrepancyType.QUANTITY, values=values,
                    summary=f"{_LEAD[DiscrepancyType.QUANTITY]}: {_phrase(values)}.",
                    detail={"explanation": f"One source says {describe(qa)}, another {describe(qb)}, in "
                                           f"sentences sharing {', '.join(sorted(ca & cb))}: one count of one "
                                           f"thing, told two ways."})))
    return found


def _between(q: Quantity) -> frozenset[str]:
    """The words between a figure and the thing it counts ("11 *separate* loans")."""
    referent = set(content_words(q.referent_text or q.referent or ""))
    return frozenset(w for w in content_words(q.text) if not w[:1].isdigit() and w not in referent)


def _which(c: Claim, q: Quantity) -> frozenset[str]:
    """Words saying which ones a count counts: those between the figure and the thing, and
    the things the sentence counts beside it ("186 *passengers* and 23 crew")."""
    return _between(q) | frozenset(w for o in c.quantities if o is not q and o.kind == "count" and o.referent_text
                                   for w in content_words(o.referent_text))


def _paired(xs: Sequence[tuple[Claim, Quantity]], ys: Sequence[tuple[Claim, Quantity]],
            group_of: Mapping[str, str]) -> list[tuple[Claim, Quantity]]:
    """The items of ``xs`` with a partner in ``ys`` from another source and another group,
    found by counting (a story copied by many outlets has many of each: no pair by pair)."""
    source = Counter(y[0].source for y in ys)
    group = Counter(group_of[y[0].id] for y in ys)
    both = Counter((y[0].source, group_of[y[0].id]) for y in ys)
    out = []
    for x in xs:
        s, g = x[0].source, group_of[x[0].id]
        if len(ys) - source[s] - group[g] + both[(s, g)] > 0:
            out.append(x)
    return out


#: A title a story has one holder of, then a person's name of two or three capitalised words.
_TITLED = re.compile(r"\b(Judge|Coroner|Recorder|Magistrate|Sheriff)\s+((?:[A-Z][\w'’-]+\s+){1,2}[A-Z][\w'’-]+)\b")

_NAME_WORD = r"[A-Z][\w'’&-]*"
_ROLE_WORD = r"(?!(?:the|its|their|and|or|a|an)\b)[\w'’-]+"  # "the society and its contractor" holds two
_ROLE = rf"(?P<role>{_ROLE_WORD}(?:\s+{_ROLE_WORD}){{1,3}}?)"
#: "Penmark Systems, the IT contractor that runs ...": a name, then the role it plays
#: (two to four words, closed by punctuation or a relative pronoun). Tried at word starts only.
_NAME_THEN_ROLE = re.compile(rf"(?<![\w'’&-])(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}),\s+(?:the|its|their)\s+"
                             rf"{_ROLE}(?=\s*[,.;:]|\s+(?:that|which|who|whose)\b)")
#: Where a role named after "as" ends: punctuation, a relative pronoun or a conjunction.
_ROLE_END = r"(?=\s*[,.;:]|\s+(?:that|which|who|whose|while|after|before|until|since|when)\b)"
#: "brought in Carrick Facilities as an interim repairs contractor while ...", "Lindale
#: Maintenance, appointed as the interim repairs contractor,": a name, then the role it is
#: given after "as". Tried at word starts only.
_NAME_AS_ROLE = re.compile(rf"(?<![\w'’&-])(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})"
                           rf"(?:\s*,\s+[a-z]+(?:\s+[a-z]+)?)?\s+as\s+"
                           rf"(?:(?:an?|the|its|their)\s+)?{_ROLE}{_ROLE_END}")
#: The same in lower-cased text, the name opening the claim: "lindale maintenance ,
#: brought in as interim repairs contractor after ...".
_OPENING_AS_ROLE = re.compile(rf"(?<![\w'’&-])(?P<name>[a-z][\w'’&-]*(?:\s+[a-z][\w'’&-]*){{0,2}})\s*,\s+(?:[a-z]+\s+){{1,2}}?"
                              rf"as\s+(?:(?:an?|the|its|their)\s+)?{_ROLE}{_ROLE_END}")
#: "its IT contractor, Corvex Data, ...": the role, then the name between commas.
_ROLE_THEN_NAME = re.compile(rf"(?<![\w'’-])(?:[Tt]he|[Ii]ts|[Tt]heir)\s+{_ROLE}\s*,\s+"
                             rf"(?P<name>[\w'’&-]+(?:\s+[\w'’&-]+){{0,3}}?)\s*,")
#: A possessive however spaced or curled ("trust's", "trust 's", "trust’s"), for one role key.
_POSSESSIVE_GAP = re.compile(r"\s?['’]s\b")


class _Holder:
    """A name a source gives a role, at its first mention, with the claim's other content
    words (what the claim says besides the role and the name)."""

    __slots__ = ("claim", "start", "end", "rest")

    def __init__(self, claim: Claim, start: int, end: int, rest: frozenset[str] = frozenset()) -> None:
        self.claim, self.start, self.end, self.rest = claim, start, end, rest

    @property
    def name(self) -> str:
        return self.claim.text[self.start:self.end]

    def value(self) -> Value:
        c = self.claim
        return Value(source=c.source, claim=c.id, value=self.name, start=c.start + self.start, end=c.start + self.end)


#: role -> source -> the names it gives that role (by their lower-case words), each once
_Roles = dict[str, dict[str, dict[frozenset[str], _Holder]]]


def _roles_in(claims: Mapping[str, Claim], group_of: Mapping[str, str], said: Said,
              read: Callable[[Claim, bool], Iterable[tuple[str, _Holder]]]) -> _Roles:
    """Every ``(role, holder)`` that ``read`` finds in a claim (told whether its source is
    cased), gathered per role and source; a name within another the source gives that role
    ("Judge Hume" after "Judge Rachel Hume") is the same holder."""
    roles: _Roles = defaultdict(lambda: defaultdict(dict))
    cased: dict[str, bool] = {}
    for cid in sorted(group_of, key=lambda i: (claims[i].source, claims[i].start)):
        c = claims[cid]
        if c.source not in cased:
            cased[c.source] = is_cased(said.get(c.source))
        for role, holder in read(c, cased[c.source]):
            name = frozenset(holder.name.lower().split())
            people = roles[role][c.source]
            if not any(name <= p or p <= name for p in people):
                people[name] = holder
    return roles


def _held_apart(roles: _Roles, group_of: Mapping[str, str], said: Said, *, what: Callable[[str], str],
                fits: Optional[Callable[[_Holder, _Holder], bool]] = None) -> list[tuple[str, _Found]]:
    """Roles two or more sources each give one name, where no source names another's
    anywhere (a source naming both may know two holders: a trial judge and an appeal
    judge) and no two names share a word (one name spelt two ways). ``fits``, when given,
    must hold for the pair, and the role must have exactly two sources. ``what(role)``
    names the role in the summary."""
    found: list[tuple[str, _Found]] = []
    for role in sorted(roles):
        named = {src: next(iter(people.items())) for src, people in roles[role].items() if len(people) == 1}
        if len({p for p, _ in named.values()}) < 2 or (fits is not None and len(named) != 2):
            continue
        # each name once (a story copied by many outlets gives a few names many times):
        # the checks below grow with sources times names, not with sources squared
        distinct: dict[frozenset[str], str] = {}
        for p, h in named.values():
            distinct.setdefault(p, h.name)
        if any(said.names(src, name) for src, (own, _) in named.items() for p, name in distinct.items() if p != own):
            continue
        if any(p & q for p in distinct for q in distinct if p != q):
            continue
        holders = sorted((h for _, h in named.values()), key=lambda h: h.claim.source)
        if fits is not None and not fits(holders[0], holders[1]):
            continue
        values = tuple(h.value() for h in holders)
        found.append((group_of[values[0].claim], _Found(
            type=DiscrepancyType.ENTITY, values=values,
            summary=f"The sources name {what(role)}: {_phrase(values)}.",
            detail={"explanation": f"Each source names one for \"{role}\", and none names another's."})))
    return found


def _titled_people(claims: Mapping[str, Claim], group_of: Mapping[str, str], said: Said) -> list[tuple[str, _Found]]:
    """Two people given one role title that a story has one holder of ("Judge Rachel Hume"
    / "Judge Andrew Pearce", a coroner), by sources whose sentences are not aligned, as
    ``(group id, finding)``: each source names one person with that title, and neither
    names the other's anywhere. Read in cased text only (a name needs its capitals)."""
    def read(c: Claim, cased: bool) -> Iterable[tuple[str, _Holder]]:
        for m in _TITLED.finditer(c.text) if cased else ():
            yield m.group(1).lower(), _Holder(c, *m.span(2))

    return _held_apart(_roles_in(claims, group_of, said, read), group_of, said, what=lambda t: f"a different {t}")


def _apposed(claims: Mapping[str, Claim], group_of: Mapping[str, str], said: Said) -> list[tuple[str, _Found]]:
    """Two names given one role in apposition ("Penmark Systems, the IT contractor that runs
    ..." / "its it contractor , corvex data ,"), by sources whose sentences are not aligned,
    as ``(group id, finding)``: the role's words are the same (two to four of them: "the
    contractor" alone, or "the company", fits too many), each source gives that role one
    name, neither names the other's anywhere, and the names share no word. In lower-cased
    text a name is what stands between the commas, unless its first word is one the
    story's cased texts write in lower case."""
    lower = said.written_lower()

    def read(c: Claim, cased: bool) -> Iterable[tuple[str, _Holder]]:
        opening = _OPENING_AS_ROLE.match(c.text) if not cased else None
        for m in chain(_NAME_THEN_ROLE.finditer(c.text), _ROLE_THEN_NAME.finditer(c.text),
                       _NAME_AS_ROLE.finditer(c.text), [opening] if opening else []):
            # one key for "the trust's chief nurse" and tokenised "the trust 's chief nurse"
            role = _POSSESSIVE_GAP.sub("'s", " ".join(m.group("role").lower().split()))
            words_ = m.group("name").split()
            if role.split()[-1] in STOPWORDS:
                continue
            if cased and not all(w[:1].isupper() for w in words_ if w.lower() not in ("of", "and", "&")):
                continue
            if not cased and (words_[0] in lower or words_[0] in STOPWORDS):
                continue
            yield role, _Holder(c, m.start("name"), m.end("name"))

    return _held_apart(_roles_in(claims, group_of, said, read), group_of, said, what=lambda r: f"a different {r}")


def _framed_apart(claims: Mapping[str, Claim], group_of: Mapping[str, str], said: Said) -> list[tuple[str, _Found]]:
    """Two names filling one role in claims that did not align ("The injured were taken to
    Ashcombe General Hospital" / "The injured were taken to Lindshire Royal Infirmary": the
    names weigh so much that the rest is too little), as ``(group id, finding)``. The role
    is the word and preposition before each name (``statement_compare.framed_names``);
    the claims share a content word besides the role and the names ("injured": not "a man
    was taken to X" / "a woman was taken to Y"); exactly two sources give that role one
    name each, neither names the other's anywhere, and the names share no word. Cased
    text only."""
    def read(c: Claim, cased: bool) -> Iterable[tuple[str, _Holder]]:
        for frame, s, e in framed_names(c.text) if cased else ():
            if len(frame) == 2:  # a title ("Judge X") is read by _titled_people
                rest = frozenset(content_words(c.text[:s] + " " + c.text[e:])) - set(content_words(" ".join(frame)))
                yield " ".join(frame), _Holder(c, s, e, rest)

    def fits(a: _Holder, b: _Holder) -> bool:
        # something besides the role in common, and not one group (its detector compares it)
        return bool(a.rest & b.rest) and group_of[a.claim.id] != group_of[b.claim.id]

    return _held_apart(_roles_in(claims, group_of, said, read), group_of, said,
                       what=lambda _: "different parties in the same role", fits=fits)
