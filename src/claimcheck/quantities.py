"""Quantities: numbers with their bound, unit and counted thing, and how two of them compare.

:func:`find_quantities` reads counts, percentages, money, measures, ages, years, year
ranges, durations, dates and ordinals from raw article text (any case, tokenised or not)
and returns :class:`~claimcheck.model.Quantity` values whose offsets index into that text.
:func:`compare_quantities` says whether two aligned quantities agree or differ, and how,
in a sentence a journalist can read. :func:`referent_relation` relates counted things.

A measure is a figure in a unit of measure from a small list of news units (mass, length,
speed, volume, area), glued or spelt out ("40kg", "40 kilograms", "a 5-mile stretch"), with
one canonical unit ("kilogram"); its referent is what it measures ("cocaine"). Figures in
different units of one dimension are converted with pint ("5km" against "3 miles"), each
allowed the rounding its writing implies; a length is never compared with a mass.

>>> print(compare_quantities(find_quantities("5km")[0], find_quantities("5 miles")[0]).explanation)
One source says 5km, another 5 miles: 5 miles is about 8.05 kilometres, so these figures cannot both be true.

>>> q, = find_quantities("Gangs abused at least 2,300 children, it found.")
>>> q.text, q.value, q.bound.value, q.hedge, q.referent
('at least 2,300 children', 2300.0, 'ge', 'at least', 'child')
>>> r = compare_quantities(q, find_quantities("more than 2,300 children")[0])
>>> r.relation
'hedge'
>>> print(r.explanation)
One source says at least 2,300 children, another more than 2,300 children: 'at least' includes exactly 2,300, 'more than' does not.

Everything works on a token stream built by one linear regex scan, and every lookup
around a number uses a fixed window, so run time is linear in the text length. Number
words, the token stream and dates live in :mod:`claimcheck._numwords`.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from functools import lru_cache
from itertools import product
from typing import Optional

import attrs
from attrs import frozen

from ._numwords import (DAY_PARTS, MONTH_NAMES, MONTHS, ORD_SUFFIX, STARTERS, WEEKDAY_NAMES, Toks, date_at, date_q,
                        read_number_words)
from ._units import dimension, factor, plural_of, readings, unit_at
from .model import Bound, Quantity
from .text import STOPWORDS, WHEN_WORDS, fold

__all__ = ["RELATIONS", "QuantityComparison", "compare_quantities", "describe", "find_quantities", "near", "referent_key",
           "referent_relation", "kinds_apart", "publication_date", "iso_day"]

# --- vocabularies ------------------------------------------------------------------------
# Hedges, longest first within each end word; the optional kind forces an age reading.
_HEDGES: tuple[tuple[str, Bound, Optional[str]], ...] = (
    ("at least", Bound.GE, None), ("no fewer than", Bound.GE, None), ("no less than", Bound.GE, None),
    ("not less than", Bound.GE, None), ("a minimum of", Bound.GE, None), ("not fewer than", Bound.GE, None),
    ("more than", Bound.GT, None), ("over", Bound.GT, None), ("in excess of", Bound.GT, None),
    ("upwards of", Bound.GT, None), ("upward of", Bound.GT, None), ("above", Bound.GT, None),
    ("greater than", Bound.GT, None), ("just over", Bound.GT, None), ("well over", Bound.GT, None),
    ("well above", Bound.GT, None), ("just above", Bound.GT, None),
    ("up to", Bound.LE, None), ("at most", Bound.LE, None), ("no more than", Bound.LE, None),
    ("not more than", Bound.LE, None), ("a maximum of", Bound.LE, None), ("as many as", Bound.LE, None),
    ("as much as", Bound.LE, None),
    ("almost", Bound.LT, None), ("nearly", Bound.LT, None), ("just under", Bound.LT, None),
    ("fewer than", Bound.LT, None), ("less than", Bound.LT, None), ("under", Bound.LT, None),
    ("below", Bound.LT, None), ("just below", Bound.LT, None), ("just shy of", Bound.LT, None),
    ("not quite", Bound.LT, None),
    ("about", Bound.APPROX, None), ("around", Bound.APPROX, None), ("some", Bound.APPROX, None),
    ("roughly", Bound.APPROX, None), ("approximately", Bound.APPROX, None), ("an estimated", Bound.APPROX, None),
    ("estimated", Bound.APPROX, None), ("approx", Bound.APPROX, None), ("circa", Bound.APPROX, None),
    ("close to", Bound.APPROX, None), ("more or less", Bound.APPROX, None), ("an approximate", Bound.APPROX, None),
    ("exactly", Bound.EQ, None), ("precisely", Bound.EQ, None),
    # "as young as 11": the youngest was 11, so ages were 11 or more.
    ("as young as", Bound.GE, "age"), ("as old as", Bound.LE, "age"),
)
_HEDGE_INDEX: dict[str, list[tuple[tuple[str, ...], Bound, Optional[str]]]] = {}
for _h, _b, _k in sorted(_HEDGES, key=lambda h: -len(h[0].split())):
    _HEDGE_INDEX.setdefault(_h.split()[-1], []).append((tuple(_h.split()), _b, _k))

# Before "over N years", these words make "over" mean "more than"; otherwise it means
# "during" ("abused over 16 years" states the period, it does not bound it).
_OVER_GT_BEFORE = frozenset("for after of lasting lasted took taken spent spanning to than".split())

_CURRENCY = {"£": "GBP", "$": "USD", "€": "EUR", "¥": "JPY"}
_CURRENCY_WORDS = {
    "pounds": "GBP", "pound": "GBP", "sterling": "GBP", "dollars": "USD", "dollar": "USD",
    "euros": "EUR", "euro": "EUR",
}
_SUBUNIT = {"p": "GBP", "pence": "GBP", "cents": "USD", "cent": "USD"}
_SCALE_SUFFIX = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_DURATION = {
    "year": "year", "years": "year", "month": "month", "months": "month", "week": "week",
    "weeks": "week", "day": "day", "days": "day", "hour": "hour", "hours": "hour",
    "minute": "minute", "minutes": "minute", "decade": "decade", "decades": "decade",
    "fortnight": "week", "century": "century", "centuries": "century",
}
_DAYS_PER = {"day": 1.0, "week": 7.0, "month": 30.4375, "year": 365.25, "decade": 3652.5,
             "century": 36525.0, "hour": 1 / 24, "minute": 1 / 1440}
_YEAR_PREP = frozenset("in since from until till by between during of year early late mid before after to and".split())
_DASHES = frozenset(("-", "\u2013", "\u2014", "â€“", "â€”", "to"))

# Words that end the search for the counted noun: function words and common verbs.
_REF_STOP = frozenset(
    """a an the this that these those its their his her our your my in on at for to from by with and or
    but as than then who which whom whose were was is are be been being have has had will would could
    should may might can do did does not no nor so if when while where after before since during over
    under about into onto upon per each every all any some it they them he she we you i me him us
    said says say told according including include includes across against among between within
    without through via there here what how why also only just even still yet very too up down out off
    rather instead
    again now ago old aged last next earlier later following regarding concerning""".split()
)
# Modifiers skipped when they end the run ("three others", "48 more").
_REF_SKIP = frozenset(
    """other others more further additional new separate alleged suspected young current former
    previous different extra possible potential known reported confirmed vulnerable ongoing existing
    key main major several many much such same own total""".split()
)
# Plurals simplemma leaves unchanged or that do not end in -s.
# ("police", "staff" are left out: they mostly modify a head, "police investigations").
_IRREGULAR_PLURALS = frozenset("people children men women cattle mice teeth feet geese".split())
#: Body-of-people nouns counted bare or with "members" ("23 crew" / "32 crew members"): the
#: body is the counted thing, so both count one thing.
_BODY_HEADS = frozenset("crew staff".split())


# --- finding -------------------------------------------------------------------------------


_MAX_DIGITS = 15  # longer digit runs are ids or noise, and int() refuses > 4,300 digits


class _Core:
    """A number read at some tokens, before its context is known."""

    __slots__ = ("i", "j", "value", "ordinal", "digits", "plain", "currency", "percent", "unit", "measure",
                 "decade")

    def __init__(self, i: int, j: int, value: float) -> None:
        self.i, self.j, self.value = i, j, value  # tokens [i, j)
        self.ordinal = False
        self.digits = ""  # the digit string as written, for digit numbers
        self.plain = False  # bare digits, no separator, decimal or suffix (a year candidate)
        self.currency: Optional[str] = None
        self.percent: Optional[str] = None
        self.unit: Optional[str] = None  # a glued suffix that is no unit of measure ("5G")
        self.measure: Optional[str] = None  # a unit of measure, canonical ("kilogram")
        self.decade = False


# Copies of a sentence are parsed once per publication date (relative dates depend on it):
# their tokens are read once. Nothing changes a ``Toks`` after it is built.
@lru_cache(maxsize=1 << 14)
def _toks(text: str) -> Toks:
    return Toks(text)


def publication_date(published: Optional[str]) -> Optional[_dt.date]:
    """A source's ``published`` metadata as a date; None when missing or not ISO
    (metadata is the user's, and a date it does not give dates nothing).

    >>> publication_date("2015-04-24T09:00"), publication_date("June 2025")
    (datetime.date(2015, 4, 24), None)
    """
    try:
        return _dt.date.fromisoformat(published[:10]) if published else None
    except (TypeError, ValueError):
        return None


def find_quantities(text: str, *, source: str = "", published: Optional[str] = None) -> tuple[Quantity, ...]:
    """Every quantity in ``text``, in order; offsets index into ``text`` itself.

    ``published`` (ISO ``YYYY-MM-DD``) resolves relative dates ("last December");
    without it they are returned unresolved (year part 0). Never raises.

    Kinds and what ``value``/``upper``/``unit`` hold:

    * ``count``, ``percent`` (unit ``%`` or ``point``), ``money`` (unit ``GBP``/``USD``/``EUR``):
      the figure; a range ("between 10 and 20%", "10 to 15 people") sets ``upper``.
    * ``measure`` (unit canonical: ``kilogram``, ``mile``, ``mph``, ``square mile`` ...): a
      figure in a unit of measure, glued or spelt out; the referent is what it measures.
      A glued suffix that is no unit of measure stays a ``count`` with the suffix as unit ("5G").
    * ``age`` (unit ``year``): "as young as 11" is ``GE`` 11, "aged between 11 and 16" a range.
    * ``year``: a bare year. ``range`` (unit ``year``): "between 1997 and 2013", "2014-15", "the 1990s".
    * ``duration`` (unit ``year``/``month``/``week``/``day``/``hour``...): "16 years", "a 16-year
      period". "over 16 years" reads as *during* (``EQ``) unless "for/after/of over ...".
    * ``date``: ``value`` is ``YYYYMMDD`` with unknown parts 0 ("23 April" unresolved is 423,
      "August 2014" is 20140800); ``unit`` is its precision (``day``/``month``/``year``).
    * ``ordinal``: "third", "21st".

    >>> [(q.text, q.kind, q.value, q.upper) for q in find_quantities("from 1997 to 2016, a 19-year span")]
    [('from 1997 to 2016', 'range', 1997.0, 2016.0), ('19-year span', 'duration', 19.0, None)]
    """
    if not isinstance(text, str) or not text:
        return ()
    pub = publication_date(published)
    t = _toks(text)
    out: list[Quantity] = []
    i = 0
    while i < t.n:
        c = t.cls[i]
        if c == "s" and t.low[i] not in _CURRENCY:
            i += 1
            continue
        try:
            found = date_at(t, i, source, pub) or _quantity_at(t, i, source, pub)
        except Exception:  # noqa: BLE001 - the contract is "never raises": skip the token, keep going
            found = None
        if found is None:
            i += 1
            continue
        q, nxt = found
        out.append(q)
        i = max(nxt, i + 1)
    return tuple(out)


#: Letters glued after a number that make it a name ("5G", "3D"), not a figure.
_CODE_SUFFIX = frozenset(("G", "D"))


def _age_after_name(t: Toks, a: "_Core") -> bool:
    """A whole number between commas right after a name is the person's age ("Jo Hale,
    54, from Leeds"; lower-cased, any word that is no function word stands for the name)."""
    if not (a.digits and a.digits.isdigit() and 0 < a.value < 120 and a.i >= 2):
        return False
    if t.w(a.i - 1) != "," or t.w(a.j) != ",":
        return False
    k = a.i - 2
    name = t.text[t.start[k]:t.end[k]]
    return t.cls[k] == "w" and (name[:1].isupper() if t.cased else t.low[k] not in STOPWORDS)


def _identifier(t: Toks, k: int) -> bool:
    """Whether the number at token ``k`` is part of a code or a name: glued to a word before
    it ("A30", "M25", "G7", "UK100"), after a capitalised word and a hyphen ("COVID-19",
    "F-35"; not "mid-2015"), or glued to a capital "G" or "D" after it ("5G", "3D").

    >>> [bool(find_quantities(s)) for s in ("the A30 near Bodmin", "COVID-19", "5G masts", "mid-2015", "5km")]
    [False, False, False, True, True]
    """
    if t.glued(k) and t.cls[k - 1] == "w":
        return True
    if t.glued(k) and t.w(k - 1) == "-" and t.glued(k - 1) and k >= 2 and t.cls[k - 2] == "w":
        word = t.text[t.start[k - 2]:t.end[k - 2]]
        if word[:1].isupper() and (word.isupper() or len(word) == 1):
            return True
    nxt = k + 1
    return t.glued(nxt) and t.cls[nxt] == "w" and t.text[t.start[nxt]:t.end[nxt]] in _CODE_SUFFIX


#: Words before "70s" that make it a decade of someone's life ("in his 70s", "her early 40s").
_DECADE_OF_LIFE = frozenset("his her their my your our early mid late".split())
_CLOCK = re.compile(r"(?:[01]?\d|2[0-3])\.[0-5]\d")
_CLOCK_MARKS = frozenset({"am", "pm", "a.m.", "p.m.", "gmt", "bst"})


def _clock_time(t: Toks, k: int, digits: str) -> bool:
    """Whether the number at token ``k`` ("6.40") is a time of day told with a full stop:
    followed by "am" / "pm", or by a part of the day ("6.40 on Wednesday morning", "6.40
    this morning", "6.40 in the evening"). "Closed at 1.50 on Monday" stays a figure."""
    if not _CLOCK.fullmatch(digits):
        return False
    if t.w(k + 1) in _CLOCK_MARKS:
        return True
    return t.w(k + 1) in ("on", "this", "that", "last", "in") and any(t.w(j) in DAY_PARTS for j in (k + 2, k + 3))


def _read_core(t: Toks, i: int) -> Optional[_Core]:
    """A number (digits or words) at token ``i``, with currency, scale, percent and suffixes."""
    currency = None
    k = i
    if t.low[i] in _CURRENCY:
        currency = _CURRENCY[t.low[i]]
        k = i + 1
        if k >= t.n or t.cls[k] != "n":
            return None
    elif t.start[i] >= 3 and t.text[t.start[i] - 3 : t.start[i]] == "â‚¬":  # mojibake euro sign
        currency = "EUR"
    core: Optional[_Core]
    if t.cls[k] == "n":
        raw = t.low[k]
        digits = re.sub(r"[^\d.]", "", raw)
        if len(digits.split(".")[0]) > _MAX_DIGITS or len(digits) > _MAX_DIGITS + 6:
            return None
        core = _Core(i, k + 1, float(digits))
        core.digits = digits
        core.plain = digits.isdigit() and raw == digits
        if len(digits) > 1 and digits[0] == "0" and digits[1] != ".":
            return None  # "0114 ...", "07700 ...": phone numbers and codes
        if not currency and _identifier(t, k):
            return None  # "the A30", "G7", "COVID-19", "5G": names, not figures
        if not currency and _clock_time(t, k, digits):
            return None  # "6.40 on Wednesday morning", "6.40 am": a time of day, not a quantity
        suffix = t.w(k + 1) if t.glued(k + 1) and t.cls[k + 1] == "w" else ""
        if suffix:
            core.plain = False
            if suffix in ORD_SUFFIX and digits.isdigit():
                core.ordinal = True
            elif suffix in _SCALE_SUFFIX:
                core.value *= _SCALE_SUFFIX[suffix]
            elif suffix == "s" and len(digits) in (2, 4) and digits.endswith("0"):
                core.decade = True
            elif suffix in ("pc", "percent"):
                core.percent = "%"
            elif suffix in _SUBUNIT:
                core.value /= 100
                currency = _SUBUNIT[suffix]
            elif suffix in ("am", "pm", "h", "hrs", "gmt", "bst"):
                return None  # a clock time, not a quantity
            elif (unit := unit_at(t, k + 1)) is not None:
                core.measure, core.j = unit
            else:
                core.unit = suffix  # "5G", "3D": kept as written
            if not core.measure:
                core.j = k + 2
        elif t.w(k + 1) == ":" and t.glued(k + 1) and t.cls[min(k + 2, t.n - 1)] == "n":
            return None  # 10:30
        if not core.ordinal and not core.decade and not core.measure and t.w(core.j) in _SCALE_WORDS:
            core.value *= _SCALE_WORDS[t.w(core.j)]
            core.plain = False
            core.j += 1
        elif currency and not suffix and t.w(core.j) in _SCALE_SUFFIX:  # tokenised "£ 1.2 m"
            core.value *= _SCALE_SUFFIX[t.w(core.j)]
            core.j += 1
    else:
        if t.low[k] not in STARTERS:
            return None
        read = read_number_words(t.low, k)
        if read is None:
            return None
        value, j, ordinal = read
        core = _Core(i, j, value)
        core.ordinal = ordinal
    if not core.ordinal and not core.decade and not core.measure:
        nxt = t.w(core.j)
        if nxt == "%":
            core.percent, core.j = "%", core.j + 1
        elif nxt in ("percent", "pc") or (nxt == "per" and t.w(core.j + 1) == "cent"):
            core.j += 1 if nxt != "per" else 2
            core.percent = "%"
            if t.w(core.j) == "-" and t.w(core.j + 1) == "cent":  # "per-cent"
                core.j += 2
        elif nxt == "percentage" and t.w(core.j + 1) in ("point", "points"):
            core.percent, core.j = "point", core.j + 2
        elif nxt in _CURRENCY_WORDS and not currency:
            currency, core.j = _CURRENCY_WORDS[nxt], core.j + 1
        elif nxt in _SUBUNIT and not currency and t.cls[core.j] == "w" and nxt != "p":
            currency, core.j = _SUBUNIT[nxt], core.j + 1
            core.value /= 100
        elif not currency and (unit := unit_at(t, core.j)) is not None:
            core.measure, core.j = unit
    core.currency = currency
    if currency or core.percent or core.unit or core.measure:
        core.plain = False
    return core


def _is_year(c: _Core) -> bool:
    return c.plain and len(c.digits) == 4 and 1000 <= c.value <= 2100


def _quantity_at(t: Toks, i: int, source: str, pub: Optional[_dt.date]) -> Optional[tuple[Quantity, int]]:
    if not (t.cls[i] == "n" or t.low[i] in STARTERS or t.low[i] in _CURRENCY):
        return None
    if t.w(i - 1) == ":" and t.glued(i) and t.glued(i - 1) and t.cls[i - 2] == "n":
        return None  # the minutes of "10:30"
    a = _read_core(t, i)
    if a is None:
        return None
    kind, unit = "count", None
    value, upper = a.value, None
    bound, hedge_span = Bound.EQ, None
    forced: Optional[str] = None
    end_tok = a.j
    ref: Optional[tuple[int, int]] = None  # referent token index range
    prev = t.w(a.i - 1)

    # Ranges: "between X and Y" (any kind), "X-Y", "from/X to Y" (years only).
    b: Optional[_Core] = None
    if a.j < t.n and not a.ordinal and not a.decade:
        sep = t.w(a.j)
        ages = t.seq(a.i - 4, ("between", "the", "ages", "of"))
        if (prev == "between" or ages) and sep == "and" and a.j + 1 < t.n:
            b = _read_core(t, a.j + 1)
            if b is not None and ages:
                forced, prev = "age", "between"
        elif a.j + 1 < t.n and t.cls[a.j + 1] in "ns" and (
            t.text[t.end[a.j - 1] : t.start[a.j + 1]].strip() in _DASHES
            or (sep in ("to", "until", "till") and t.cls[a.j + 1] == "n")
        ):
            b = _read_core(t, a.j + 1)
            if b is not None and not (b.digits and a.digits):
                b = None
        if b is not None and (b.ordinal or b.decade):
            b = None
        if b is not None and a.digits and b.digits and _is_year(a) and len(b.digits) == 2 and b.plain:
            b.value = a.value // 100 * 100 + b.value  # "2014-15"
            b.plain, b.digits = True, str(int(b.value))
        if b is not None and sep in ("to", "until", "till") and not (_is_year(a) and _is_year(b)) \
                and (prev == "from" or _is_year(a) or _is_year(b)):
            b = None  # "from 10% to 15%" is a change, not a range
        if b is not None and (b.value < a.value or (a.measure and b.measure and a.measure != b.measure)):
            b = None  # "5 miles to 10km" is no range of one unit
    start_tok = a.i
    if b is not None:
        upper, end_tok = b.value, b.j
        a.currency = a.currency or b.currency
        a.percent = a.percent or b.percent
        a.measure = a.measure or b.measure
        if prev in ("between", "from"):
            start_tok = a.i - (4 if forced == "age" else 1)
        if _is_year(a) and _is_year(b) and not a.currency:
            kind, unit = "range", "year"

    if a.decade and a.value < 100 and t.w(a.i - 1) in _DECADE_OF_LIFE:
        # "a man in his 70s", "in their early 20s": an age, not the 1970s
        kind, unit, value, upper = "age", "year", a.value, a.value + 9
    elif a.decade:
        base = a.value if a.value >= 100 else 1900 + a.value
        kind, unit, value, upper = "range", "year", base, base + 9
    elif a.ordinal:
        kind = "ordinal"
    elif a.currency:
        kind, unit = "money", a.currency
    elif a.percent:
        kind, unit = "percent", a.percent
    elif a.measure:
        kind, unit = "measure", a.measure
    elif a.unit:
        unit = a.unit

    # Hedge, or an age marker, before the number.
    h = _hedge_before(t, start_tok)
    if h is not None and a.value == 1 and t.w(a.j) == "of":
        h = None  # "over one of the probes": a pronoun, not a bounded count
    if h is not None:
        hs, he, bound, forced = h
        hedge_span = (hs, he)
    age_at = start_tok if h is None else h[0]
    if forced == "age":
        pass
    elif t.seq(age_at - 3, ("the", "age", "of")) or t.seq(age_at - 2, ("age", "of")):
        forced = "age"
        h2 = _hedge_before(t, age_at - (3 if t.w(age_at - 3) == "the" else 2))
        if h2 is not None and hedge_span is None:
            hedge_span, bound = (h2[0], h2[1]), h2[2]
    elif t.w(age_at - 1) in ("aged", "age") and kind == "count":
        forced = "age"
        if hedge_span is None and start_tok == a.i:
            start_tok = age_at - 1
    elif kind == "count" and h is None and b is None and _age_after_name(t, a):
        forced = "age"
    if kind in ("ordinal",) or a.decade:
        bound, hedge_span, forced = Bound.EQ, None, None

    # What follows the number: "-year(-old)", "years (old|ago)", a unit noun, a referent.
    nxt, k = t.w(end_tok), end_tok
    adjectival = nxt == "-" and t.cls[min(k + 1, t.n - 1)] == "w" and k + 1 < t.n
    if kind == "count" and not upper and (adjectival or nxt in _DURATION):
        word_at = k + 1 if adjectival else k
        word = t.w(word_at)
        if word in _DURATION:
            dunit = _DURATION[word]
            if adjectival and t.w(word_at + 1) == "-" and t.w(word_at + 2) in ("old", "olds"):
                kind, unit, end_tok = "age", "year", word_at + 3
                if t.w(word_at + 2) == "old":
                    ref = _referent_after(t, end_tok)
            elif not adjectival and t.w(word_at + 1) == "old":
                kind, unit, end_tok = "age", "year", word_at + 2
            elif not adjectival and t.w(word_at + 1) == "ago" and bound == Bound.EQ:
                return _ago(t, a, word_at + 2, dunit, source, pub)
            else:
                kind, unit, end_tok = "duration", dunit, word_at + 1
                if word == "decades" or word == "decade":
                    kind, unit, value = "duration", "year", value * 10
                if adjectival:
                    ref = _referent_after(t, end_tok)
                if bound == Bound.GT and hedge_span and t.low[hedge_span[0]] == "over" \
                        and t.w(hedge_span[0] - 1) not in _OVER_GT_BEFORE:
                    bound, hedge_span = Bound.EQ, None
        elif adjectival and t.cls[word_at] == "w" and word not in _REF_STOP:
            ref, end_tok = (word_at, word_at + 1), word_at + 1  # "107-page report": counts pages
    elif kind == "count" and not upper and _is_year(a) and forced is None:
        following = _referent_after(t, end_tok)
        plural = following is not None and _is_plural(t.low[following[0]])
        if prev in _YEAR_PREP or not plural:
            kind, unit = "year", None
        else:
            ref = following
    if forced == "age" and kind in ("count", "age"):
        kind, unit = "age", "year"
        if ref is None:  # "children as young as 11", "girls aged 13"
            ref = _referent_before(t, start_tok if hedge_span is None else min(start_tok, hedge_span[0]))
    if kind in ("count", "percent", "money", "ordinal", "measure") and ref is None:
        ref = _referent_after(t, end_tok)
        if kind == "measure" and ref is not None and t.low[ref[0]] in WHEN_WORDS:
            ref = None  # "5.2 metres overnight" measures no night
    if kind == "range" or kind == "year":
        bound, hedge_span = (Bound.EQ, None) if bound not in (Bound.APPROX,) else (bound, hedge_span)

    s = t.start[start_tok] if hedge_span is None else min(t.start[hedge_span[0]], t.start[start_tok])
    e = t.end[end_tok - 1]
    referent = referent_text = None
    rs = re_ = None
    if ref is not None:
        rs, re_ = t.start[ref[0]], t.end[ref[1] - 1]
        referent_text = t.text[rs:re_]
        referent = _lemma(t.low[ref[1] - 1])
        if re_ > e:
            e = re_
    hedge = hs_ = he_ = None
    if hedge_span is not None:
        hs_, he_ = t.start[hedge_span[0]], t.end[hedge_span[1] - 1]
        hedge = t.text[hs_:he_]
    q = Quantity(
        source=source, start=s, end=e, text=t.text[s:e], value=float(value), upper=upper, kind=kind,
        unit=unit, bound=bound, hedge=hedge, hedge_start=hs_, hedge_end=he_, referent=referent,
        referent_text=referent_text, referent_start=rs, referent_end=re_,
    )
    last = max(end_tok, ref[1] if ref is not None and ref[1] > end_tok else end_tok)
    return q, last


def _hedge_before(t: Toks, i: int) -> Optional[tuple[int, int, Bound, Optional[str]]]:
    """The hedge ending right before token ``i``: (first token, end token, bound, kind)."""
    for words, bound, kind in _HEDGE_INDEX.get(t.w(i - 1), ()):
        s = i - len(words)
        if t.seq(s, words):
            return s, i, bound, kind
    return None


@lru_cache(maxsize=20_000)
def _lemma(word: str) -> str:
    import simplemma  # lazy: loading its English data costs ~0.1 s on first use

    if word in ("people", "folk"):
        return "person"
    return str(simplemma.lemmatize(word, lang="en")).lower()


def _is_plural(word: str) -> bool:
    if word in _IRREGULAR_PLURALS:
        return True
    return word.endswith("s") and not word.endswith("ss") and _lemma(word) != word


def _referent_after(t: Toks, k: int) -> Optional[tuple[int, int]]:
    """The counted noun after token ``k``: the head of a short run of words.

    English noun phrases end in their head ("55 ongoing police investigations"), and a
    plural ends the phrase ("2,300 children suffered"), so the run stops at a plural,
    a function word, punctuation, or a later -ed/-ing word (a verb: "children abused").
    """
    if t.w(k) == "worth" and t.w(k + 1) == "of":
        k += 1  # "£3m worth of cigarettes": worth cigarettes
    if t.w(k) == "of" and t.w(k + 1) in ("the", "these", "those", "its", "their", "them", "all"):
        k += 2 if t.w(k + 1) != "them" else 1
    elif t.w(k) == "of":
        k += 1
    first = k
    head = -1
    while k < t.n and k - first < 5:
        w = t.low[k]
        if t.cls[k] != "w" or w in _REF_STOP or w in MONTHS or w in STARTERS and w not in ("second",) or (
                w == "of" and head >= 0):  # "a 5-mile stretch of the road": the head comes before "of"
            if not (w == "-" and t.glued(k) and t.glued(k + 1) and head >= 0):
                break
            k += 1  # "child-abuse victims": a glued hyphen continues the word
            continue
        if k > first and t.low[k - 1] != "-" and (w.endswith("ed") or w.endswith("ing")) and len(w) > 4:
            break
        if w.endswith(("'s", "\u2019s")):
            k += 1  # a possessive opens a new phrase: "two of the force's investigations"
            continue
        if w not in _REF_SKIP and not (w.endswith("ed") and _lemma(w) != w):  # "120 injured": no noun
            head = k
        if _is_plural(w):
            break
        if w in _BODY_HEADS and k + 1 < t.n and t.cls[k + 1] == "w" and (
                t.low[k + 1] in ("member", "members") or not _is_plural(t.low[k + 1])):
            break  # "23 crew ran aground", "32 crew members": the body ends the phrase; "staff nurses" goes on
        k += 1
    if head < 0:
        return None
    return head, head + 1


def _referent_before(t: Toks, k: int) -> Optional[tuple[int, int]]:
    """The noun right before a hedge ("children as young as 11")."""
    j = k - 1
    if j >= 0 and t.cls[j] == "w" and t.low[j] not in _REF_STOP and t.low[j] not in _REF_SKIP:
        return (j, j + 1)
    return None


def _ago(t: Toks, a: _Core, j: int, unit: str, source: str, pub: Optional[_dt.date]) -> tuple[Quantity, int]:
    """"two years ago": a date counted back from publication."""
    precision = {"year": "year", "decade": "year", "month": "month"}.get(unit, "day")
    if pub is None:
        return date_q(t, a.i, j, source, 0, 0, 0, precision)
    n = a.value * (10 if unit == "decade" else 1)
    if precision == "year":
        return date_q(t, a.i, j, source, pub.year - int(n), 0, 0, "year")
    if precision == "month":
        months = pub.year * 12 + pub.month - 1 - int(n)
        return date_q(t, a.i, j, source, months // 12, months % 12 + 1, 0, "month")
    day = pub - _dt.timedelta(days=min(n * _DAYS_PER.get(unit, 1.0), 3_000_000))
    return date_q(t, a.i, j, source, day.year, day.month, day.day, "day")


# --- referents -----------------------------------------------------------------------------
# Counted things, kept small and general. Each concept names its broader concept and a
# facet. Two concepts under a common broader one exclude each other when they split it
# along the same facet (girls/boys by sex, children/adults by age) and may overlap when
# they do not (children/victims: a child can be a victim), which we report as "unknown"
# rather than guess. Concepts with different roots are different things, except that
# counts of casualties stand for counts of people ("12 deaths", "12 people died").
_CONCEPTS: dict[str, tuple[Optional[str], str]] = {
    "person": (None, ""),
    "child": ("person", "age"), "adult": ("person", "age"),
    "girl": ("child", "sex"), "boy": ("child", "sex"),
    "woman": ("adult", "sex"), "man": ("adult", "sex"),
    "victim": ("person", "role"), "offender": ("person", "role"), "officer": ("person", "role"),
    "suspect": ("person", "role"), "soldier": ("person", "role"), "worker": ("person", "role"),
    "casualty": (None, ""), "death": ("casualty", "harm"), "injury": ("casualty", "harm"),
    "recommendation": (None, ""), "investigation": (None, ""), "arrest": (None, ""),
    "charge": (None, ""), "conviction": (None, ""), "home": (None, ""), "job": (None, ""),
}
# Lemma -> concept. Decision: a report's "improvements" are its recommendations counted
# another way ("48 recommendations for improvement" = "48 improvements"), so synonyms.
_SYNONYMS: dict[str, str] = {
    "kid": "child", "minor": "child", "youngster": "child", "juvenile": "child",
    "individual": "person", "policeman": "officer", "policewoman": "officer",
    "constable": "officer", "cop": "officer", "fatality": "death", "dead": "death",
    "inquiry": "investigation", "enquiry": "investigation", "probe": "investigation",
    "operation": "investigation",
    "proposal": "recommendation", "suggestion": "recommendation", "improvement": "recommendation",
    "perpetrator": "offender", "abuser": "offender", "employee": "worker", "staff": "worker",
    "troop": "soldier", "house": "home", "post": "job", "role": "job", "position": "job",
}


def _concept(word: str) -> Optional[str]:
    return word if word in _CONCEPTS else _SYNONYMS.get(word)


def _chain(concept: str) -> list[str]:
    out = [concept]
    while (parent := _CONCEPTS[out[-1]][0]) is not None:
        out.append(parent)
    return out


def _root(word: Optional[str]) -> Optional[str]:
    concept = _concept(_lemma(word.strip().lower().split()[-1])) if word and word.strip() else None
    return _chain(concept)[-1] if concept else None


# The kind of thing a counted word names, beside the concepts above (whose roots are kinds
# too). Coarse on purpose: it tells people from homes and companies, never one home from
# another ("72 flats" and "38 households" may be one block told two ways), so it only says
# when one figure is given to two kinds of thing.
_KINDS: dict[str, str] = {
    **dict.fromkeys("household family flat property dwelling apartment".split(), "home"),
    **dict.fromkeys("company firm business charity organisation organization supplier contractor".split(),
                    "organisation"),
    **dict.fromkeys("building premises".split(), "building"),
    **dict.fromkeys("vehicle car van lorry truck".split(), "vehicle"),
    **dict.fromkeys("course programme module".split(), "course"),
    **dict.fromkeys("department faculty".split(), "department"),
    **dict.fromkeys("budget funding spending money fund grant finance cash revenue income".split(), "money"),
    **dict.fromkeys("resident tenant customer client member applicant patient passenger pupil student "
                    "pensioner visitor volunteer".split(), "person"),
}
# Counts of one kind that stand for counts of another: "300 jobs" are 300 workers, "12
# deaths" 12 people.
_STANDS_FOR = frozenset({frozenset({"person", "job"}), frozenset({"person", "casualty"})})


def _kind(word: Optional[str]) -> Optional[str]:
    if not word or not word.strip():
        return None
    lemma = _lemma(word.strip().lower().split()[-1])
    return _root(word) or _KINDS.get(lemma)


def kinds_apart(a: Optional[str], b: Optional[str]) -> bool:
    """Whether counted things ``a`` and ``b`` are known to be things of different kinds
    (people and companies, homes and people), neither standing for the other.

    >>> kinds_apart("companies", "employees"), kinds_apart("households", "people")
    (True, True)
    >>> kinds_apart("jobs", "workers"), kinds_apart("firms", "companies"), kinds_apart("girls", "boys")
    (False, False, False)
    """
    ra, rb = _kind(a), _kind(b)
    return ra is not None and rb is not None and ra != rb and frozenset({ra, rb}) not in _STANDS_FOR


#: Two counts this close (the larger over the smaller) may be one count told wrong.
NEAR_COUNTS = 1.1


def near(a: float, b: float) -> bool:
    """Whether two positive counts may be one count told wrong: within :data:`NEAR_COUNTS`
    of each other ("412,000" / "421,000"), or the same digits transposed ("23" / "32"; not
    "40,000" / "400").

    >>> near(412_000, 421_000), near(23, 32), near(40_000, 400), near(12, 15)
    (True, True, False, False)
    """
    if min(a, b) <= 0:
        return False
    if max(a, b) <= NEAR_COUNTS * min(a, b):
        return True
    da, db = _digits(a), _digits(b)
    return len(da) == len(db) >= 2 and da != db and sorted(da) == sorted(db)


def _digits(x: float) -> str:
    return (str(int(x)) if float(x).is_integer() else repr(float(x))).replace(".", "")


def referent_key(referent: str) -> str:
    """One key for the words the lexicon takes as one counted thing ("children", "minors").

    >>> referent_key("children") == referent_key("Minors"), referent_key("girls") == referent_key("children")
    (True, False)
    """
    words = referent.strip().lower().split()
    if not words:
        return ""
    word = _lemma(words[-1])
    return _concept(word) or fold([word])[0]


def referent_relation(a: Optional[str], b: Optional[str]) -> str:
    """How counted thing ``a`` relates to ``b``: same, synonym, narrower, broader, different, unknown.

    >>> referent_relation("children", "minors"), referent_relation("girl", "child"), referent_relation("child", "officer")
    ('synonym', 'narrower', 'unknown')
    >>> referent_relation("girls", "boys"), referent_relation("recommendation", "arrest")
    ('different', 'different')
    """
    if not a or not b or not a.strip() or not b.strip():
        return "unknown"
    la, lb = _lemma(a.strip().lower().split()[-1]), _lemma(b.strip().lower().split()[-1])
    if la == lb:
        return "same"
    ca, cb = _concept(la), _concept(lb)
    if ca is None or cb is None:
        # words the alignment's thesaurus folds together ("firms" / "companies") are one thing
        return "synonym" if fold([la]) == fold([lb]) else "unknown"
    if ca == cb:
        return "synonym"
    up_a, up_b = _chain(ca), _chain(cb)
    if cb in up_a:
        return "narrower"
    if ca in up_b:
        return "broader"
    common = next((c for c in up_a if c in up_b), None)
    if common is None:
        return "unknown" if {up_a[-1], up_b[-1]} == {"person", "casualty"} else "different"
    fa, fb = up_a[up_a.index(common) - 1], up_b[up_b.index(common) - 1]
    return "different" if _CONCEPTS[fa][1] == _CONCEPTS[fb][1] else "unknown"


# --- comparison ----------------------------------------------------------------------------
RELATIONS = ("agree", "quantity", "hedge", "referent", "period", "date", "unrelated")


@frozen
class QuantityComparison:
    """How two aligned quantities relate, with one sentence saying why.

    ``relation`` is one of :data:`RELATIONS`; everything but "agree" and "unrelated" is a
    discrepancy type. ``referents`` is :func:`referent_relation` of the counted things.
    """

    relation: str
    explanation: str
    referents: str = "unknown"

    @property
    def flagged(self) -> bool:
        return self.relation not in ("agree", "unrelated")


_SCALED_RE = re.compile(r"\d(?:\.(\d+))?\s*(k|m|mn|bn|b|tn|thousand|million|billion|trillion)\b")
_SCALE_ALL = {**_SCALE_SUFFIX, **_SCALE_WORDS}


def _tolerance(q: Quantity) -> float:
    """How far a figure may be from its value given how it is written ("1.4m" = 1.35m-1.45m)."""
    tol = 0.0
    m = _SCALED_RE.search(q.text.lower())
    if m:
        tol = 0.5 * 10 ** -len(m.group(1) or "") * _SCALE_ALL[m.group(2)]
    if q.bound == Bound.APPROX:
        tol = max(tol, 0.1 * abs(q.value))
    return tol


_WRITTEN = re.compile(r"\d[\d,\u00a0\u202f\u2009]*(?:\.(\d+))?")


def _rounding(q: Quantity) -> float:
    """How far a figure given in another unit may be from its value: half a unit in the last
    place it is written to, as a converted figure is rounded ("5km (3 miles)": 3.107 miles).

    "3" allows 0.5, "3.1" 0.05; trailing zeros round too ("160km": 5), but by 5% of the
    figure at most ("100 miles" is not 50 to 150). Scales and "about" widen it as for any
    figure (:func:`_tolerance`).

    >>> [_rounding(find_quantities(s)[0]) for s in ("3 miles", "4.8km", "160km", "100 miles", "three miles")]
    [0.5, 0.05, 5.0, 5.0, 0.5]
    """
    written = [(m.group(), m.group(1)) for m in _WRITTEN.finditer(q.text)][:2]
    if not written:  # in words: "three miles"
        written = [(_num(v), None) for v in (q.value, q.upper) if v is not None]
    tol = _tolerance(q)
    for number, decimals in written:
        if decimals:
            tol = max(tol, 0.5 * 10.0 ** -len(decimals))
            continue
        whole = re.sub(r"\D", "", number)
        zeros = len(whole) - len(whole.rstrip("0"))
        tol = max(tol, min(0.5 * 10.0 ** zeros, max(0.5, 0.05 * float(whole or 0))))
    return tol


def _interval(value: float, upper: Optional[float], bound: Bound, tol: float) -> tuple[float, bool, float, bool]:
    """(low, low included, high, high included) of the values a quantity allows."""
    hi = value if upper is None else upper
    if bound == Bound.GE:
        return value - tol, True, math.inf, False
    if bound == Bound.GT:
        return value - tol, tol > 0, math.inf, False
    if bound == Bound.LE:
        return -math.inf, False, hi + tol, True
    if bound == Bound.LT:
        return -math.inf, False, hi + tol, tol > 0
    return value - tol, True, hi + tol, True


def _overlap(x: tuple[float, bool, float, bool], y: tuple[float, bool, float, bool]) -> bool:
    lo, lo_in = (x[0], x[1]) if x[0] > y[0] else (y[0], y[1]) if y[0] > x[0] else (x[0], x[1] and y[1])
    hi, hi_in = (x[2], x[3]) if x[2] < y[2] else (y[2], y[3]) if y[2] < x[2] else (x[2], x[3] and y[3])
    return lo < hi or (lo == hi and lo_in and hi_in)


def _num(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() and abs(v) < 1e15 else f"{v:,.2f}".rstrip("0").rstrip(".")


_POINT = (Bound.EQ, Bound.APPROX)
_UP = (Bound.GE, Bound.GT)
_DOWN = (Bound.LE, Bound.LT)


def _frame(q: Quantity, v: float, u: Optional[float]) -> str:
    if u is not None and q.bound in _POINT:
        return f"between {_num(v)} and {_num(u)}"
    return {
        Bound.EQ: f"at {_num(v)}", Bound.APPROX: f"at about {_num(v)}", Bound.GE: f"at {_num(v)} or more",
        Bound.GT: f"above {_num(v)}", Bound.LE: f"at {_num(u or v)} or fewer", Bound.LT: f"below {_num(u or v)}",
    }[q.bound]


def _hedge_reason(a: Quantity, b: Quantity, va: float, vb: float) -> str:
    ha, hb = (a.hedge or "").lower(), (b.hedge or "").lower()
    pair = {a.bound, b.bound}
    if va == vb and ha and hb and pair in ({Bound.GE, Bound.GT}, {Bound.LE, Bound.LT}):
        if a.bound in (Bound.GE, Bound.LE):
            return f"'{ha}' includes exactly {_num(va)}, '{hb}' does not."
        return f"'{ha}' excludes exactly {_num(va)}, '{hb}' includes it."
    return f"the first puts the figure {_frame(a, va, a.upper)}, the second {_frame(b, vb, b.upper)}."


def _numeric(a: Quantity, b: Quantity, va: float, ua: Optional[float], vb: float, ub: Optional[float],
             differ: str, rel: str, tol: float = 0.0, *,
             spread: Optional[tuple[float, float]] = None) -> QuantityComparison:
    """Compare two figures of the same kind; ``differ`` names a difference in value.

    ``tol`` widens each figure by that share of its value; ``spread``, when given, is how far
    each may be from its value, in the units of ``va`` and ``vb``."""
    says = f"One source says {describe(a)}, another {describe(b)}"
    if spread is not None:
        ta, tb = spread
    else:
        ta, tb = max(_tolerance(a), tol * abs(va)), max(_tolerance(b), tol * abs(vb))
    if not _overlap(_interval(va, ua, a.bound, ta), _interval(vb, ub, b.bound, tb)):
        if va == vb and ua == ub and a.bound != b.bound:
            # one figure, qualified on either side of it ("more than 400" / "almost 400"):
            # what differs is the hedge, and the hedges contradict each other
            return QuantityComparison("hedge", f"{says}: {_hedge_reason(a, b, va, vb)} Both cannot be true.", rel)
        return QuantityComparison(differ, f"{says}: these figures cannot both be true.", rel)
    near = max(ta, tb, 1e-9 * max(abs(va), abs(vb)))
    same_value = abs(va - vb) <= near and (ua is None) == (ub is None) and abs((ua or 0) - (ub or 0)) <= near
    if not same_value and ((a.bound in _UP and b.bound in _UP) or (a.bound in _DOWN and b.bound in _DOWN)):
        return QuantityComparison(
            differ, f"{says}: both could be true, but they give different figures ({_num(va)} and {_num(vb)}).", rel)
    if rel in ("narrower", "broader", "different"):
        part = f"'{a.referent_text}' and '{b.referent_text}' are not the same group"
        if rel == "narrower":
            part = f"'{a.referent_text}' are only part of '{b.referent_text}'"
        elif rel == "broader":
            part = f"'{b.referent_text}' are only part of '{a.referent_text}'"
        return QuantityComparison("referent", f"{says}: {part}.", rel)
    if same_value:
        if a.bound == b.bound or (a.bound in _POINT and b.bound in _POINT):
            return QuantityComparison("agree", f"Both sources give the same figure: {describe(a)} and {describe(b)}.", rel)
        return QuantityComparison("hedge", f"{says}: {_hedge_reason(a, b, va, vb)}", rel)
    if a.bound in _POINT and b.bound in _POINT:
        return QuantityComparison("agree", f"{describe(a)} and {describe(b)} are the same figure, rounded.", rel)
    # other values, one within the other's bound ("212 jobs" / "more than 200 jobs"): a
    # figure and a round bound it meets, which a journalist reads as the same count
    return QuantityComparison("agree", f"{describe(a)} and {describe(b)} agree: the figure is within the bound.", rel)


def _weekday(q: Quantity) -> int:
    """The day of the week of a date (Monday = 1), 0 when it cannot be known."""
    if q.unit == "weekday":
        return int(q.value)
    y, m, d = _ymd(q)
    try:
        return _dt.date(y, m, d).isoweekday() if y and m and d else 0
    except ValueError:
        return 0


def _weekdays(a: Quantity, b: Quantity, says: str) -> QuantityComparison:
    """Dates one of which is a day of the week ("on Tuesday"): compared by the day.

    >>> f = lambda s: find_quantities(s)[0]
    >>> compare_quantities(f("on Tuesday evening"), f("on Wednesday evening")).relation
    'date'
    >>> compare_quantities(f("on Tuesday"), f("Tuesday night")).relation, compare_quantities(f("on Tuesday"), f("in May")).relation
    ('agree', 'unrelated')
    """
    wa, wb = _weekday(a), _weekday(b)
    if not wa or not wb:
        return QuantityComparison("unrelated", f"{says}: a day of the week and a date without its day cannot be compared.")
    if wa != wb:
        return QuantityComparison("date", f"{says}: {WEEKDAY_NAMES[wa]} is not {WEEKDAY_NAMES[wb]}.")
    return QuantityComparison("agree", f"{describe(a)} and {describe(b)} are the same day.")


def iso_day(q: Quantity) -> Optional[str]:
    """A date with its day, month and year as ISO ``YYYY-MM-DD``; ``None`` for any other figure.

    >>> iso_day(find_quantities("3 June 2025")[0]), iso_day(find_quantities("3 June")[0])
    ('2025-06-03', None)
    """
    if q.kind != "date" or q.unit != "day":
        return None
    y, m, d = _ymd(q)
    return f"{y:04d}-{m:02d}-{d:02d}" if y and m and d else None


def _ymd(q: Quantity) -> tuple[int, int, int]:
    if q.kind == "year":
        return int(q.value), 0, 0
    v = int(q.value)
    return v // 10000, v // 100 % 100, v % 100


_BARE_M = re.compile(r"(?<![£$€¥\w.,])\d[\d,]*(?:\.\d+)?m\b")


def metre_reading(q: Quantity) -> Optional[tuple[float, Optional[float]]]:
    """A bare "5.2m" (no currency) read as metres: ``(5.2, None)``; ``None`` for anything else.

    "5.2m" is read as 5.2 million (as "£5.2m" is), but without a currency it may be a
    length: compared with a length ("5.2 metres", "17ft"), it is read as metres.

    >>> metre_reading(find_quantities("a 5.2m wall")[0]), metre_reading(find_quantities("£5.2m")[0])
    ((5.2, None), None)
    """
    if q.kind != "count" or q.unit is not None or not _BARE_M.search(q.text):
        return None
    return q.value / 1e6, (q.upper / 1e6 if q.upper is not None else None)


def _dimension(q: Quantity) -> str:
    """What a measure measures ("length", "mass", ...); "" for anything else."""
    return dimension(q.unit) if q.kind == "measure" else ""


def _about(v: float) -> str:
    """``v`` to three significant figures, for an explanation (4.828 -> "4.83", 44092 -> "44,100")."""
    if v == 0 or not math.isfinite(v):
        return _num(v)
    return _num(round(v, 2 - math.floor(math.log10(abs(v)))))


def _compare_measures(a: Quantity, b: Quantity, rel: str) -> QuantityComparison:
    """Two measures in different units of one dimension ("5km", "3 miles"), compared in
    ``a``'s unit. Each may be rounded to the place it is written to (:func:`_rounding`); a
    unit read two ways ("tons", "gallons") agrees if either reading does."""
    says = f"One source says {describe(a)}, another {describe(b)}"
    ra, rb = _rounding(a), _rounding(b)
    tries: list[tuple[QuantityComparison, float, Optional[float]]] = []
    for unit_a, unit_b in product(readings(a.unit or ""), readings(b.unit or "")):
        f = factor(unit_b, unit_a)
        vb, ub = b.value * f, (b.upper * f if b.upper is not None else None)
        tries.append((_numeric(a, b, a.value, a.upper, vb, ub, "quantity", rel, spread=(ra, rb * f)), vb, ub))
        if tries[-1][0].relation == "agree":
            break
    found, vb, ub = tries[-1] if tries[-1][0].relation == "agree" else tries[0]
    exact = all(x is not None and y is not None and abs(x - y) <= 1e-9 * abs(y) or x is y is None
                for x, y in ((vb, a.value), (ub, a.upper)))
    within = (f"{_about(vb)} to {_about(ub)}" if ub is not None else _about(vb)) + f" {plural_of(a.unit or '')}"
    conv = f"{describe(b)} is {'' if exact else 'about '}{within}"
    if found.relation == "agree":
        return QuantityComparison(
            "agree", f"{describe(a)} and {describe(b)} are the same figure in different units: {conv}.", rel)
    if found.relation == "quantity" and found.explanation.endswith("cannot both be true."):
        return QuantityComparison("quantity", f"{says}: {conv}, so these figures cannot both be true.", rel)
    if found.relation == "quantity":
        return QuantityComparison(
            "quantity", f"{says}: both could be true, but they give different figures ({conv}).", rel)
    return attrs.evolve(found, explanation=f"{found.explanation[:-1]} ({conv}).")


def placeless(q: Quantity) -> Quantity:
    """``q`` less its place in a text: all that :func:`compare_quantities` reads, so figures
    of many sources can be compared once per distinct value."""
    return attrs.evolve(q, source="", start=0, end=0, hedge_start=None, hedge_end=None, referent_start=None,
                        referent_end=None)


def compare_quantities(a: Quantity, b: Quantity) -> QuantityComparison:
    """Whether two aligned quantities agree, and if not, what kind of difference it is.

    >>> f = lambda s: find_quantities(s)[0]
    >>> compare_quantities(f("more than 2,300 children"), f("over 2,300 minors")).relation
    'agree'
    >>> compare_quantities(f("between 1997 and 2013"), f("a 16-year period")).relation
    'agree'
    >>> compare_quantities(f("at least 2,300 children"), f("at least 2,300 girls")).relation
    'referent'
    """
    says = f"One source says {describe(a)}, another {describe(b)}"
    kinds = {a.kind, b.kind}
    temporal = {"date", "year", "duration"}
    a_period = a.kind == "range" and a.unit == "year"
    b_period = b.kind == "range" and b.unit == "year"
    if kinds == {"date"} and "weekday" in (a.unit, b.unit):
        return _weekdays(a, b, says)
    if kinds <= {"date", "year"}:
        (ya, ma, da), (yb, mb, db) = _ymd(a), _ymd(b)
        if (ya, ma, da) == (0, 0, 0) or (yb, mb, db) == (0, 0, 0):
            return QuantityComparison("unrelated", f"{says}: without a publication date these cannot be compared.")
        for x, y in ((ya, yb), (ma, mb), (da, db)):
            if x and y and x != y:
                return QuantityComparison("date", f"{says}: these dates differ.")
        return QuantityComparison("agree", f"{describe(a)} and {describe(b)} are the same date.")
    if a_period and b_period:
        if (a.value, a.upper) == (b.value, b.upper):
            return QuantityComparison("agree", f"Both sources give the same period: {describe(a)}.")
        return QuantityComparison("period", f"{says}: the periods differ.")
    if (a_period and b.kind == "duration") or (b_period and a.kind == "duration"):
        p, d = (a, b) if a_period else (b, a)
        span = (p.upper or p.value) - p.value
        years = d.value * _DAYS_PER.get(d.unit or "year", 365.25) / 365.25
        ok = _overlap(_interval(span, span + 1, Bound.EQ, 0.0), _interval(years, None, d.bound, _tolerance(d)))
        ok = ok or abs(years - span) < 0.05 or abs(years - span - 1) < 0.05
        first, last = int(p.value), int(p.upper or p.value)
        if ok:
            return QuantityComparison(
                "agree", f"{first} to {last} is a {_num(span)}-year period, consistent with {describe(d)}.")
        return QuantityComparison("period", f"{says}: {first} to {last} spans {_num(span)} years, not {_num(years)}.")
    if kinds == {"duration"}:
        per_a, per_b = _DAYS_PER.get(a.unit or "", 0.0), _DAYS_PER.get(b.unit or "", 0.0)
        if a.unit == b.unit:
            return _numeric(a, b, a.value, a.upper, b.value, b.upper, "period", "unknown")
        if per_a and per_b:
            return _numeric(a, b, a.value * per_a, None, b.value * per_b, None, "period", "unknown", tol=0.02)
    for qx, qy in ((a, b), (b, a)):
        reading = metre_reading(qx)
        if reading is not None and _dimension(qy) == "length":
            # "5.2m" against "5.2 metres": a bare "m" is ambiguous, read it as metres, as the other's length
            text = _BARE_M.sub(lambda m: m.group()[:-1] + " metres", qx.text, count=1)
            as_metres = attrs.evolve(qx, kind="measure", unit="metre", value=reading[0], upper=reading[1], text=text)
            found = compare_quantities(as_metres, qy)
            if found.relation == "agree" and qy.unit == "metre":
                return QuantityComparison(
                    "agree", f"{describe(qx)} read as metres, as {describe(qy)}: the same figure.", found.referents)
            return attrs.evolve(found, explanation=found.explanation.replace(
                describe(as_metres), f"{describe(qx)} (read as metres)", 1))
    convertible = a.unit != b.unit and _dimension(a) != "" and _dimension(a) == _dimension(b)
    if a.kind != b.kind or (a.unit != b.unit and not convertible) or kinds & temporal or a_period or b_period:
        what = f"{a.kind} and {b.kind}" if a.kind != b.kind else f"{a.unit or a.kind} and {b.unit or b.kind}"
        if _dimension(a) and _dimension(b):
            what = f"{_dimension(a)} and {_dimension(b)}"
        return QuantityComparison(
            "unrelated", f"{describe(a)} and {describe(b)} measure different things ({what}) and cannot be compared.")
    rel = referent_relation(a.referent, b.referent)
    if rel == "different" and _root(a.referent) != _root(b.referent):
        # Context guard: counts of unrelated things (children, recommendations) are never compared.
        return QuantityComparison(
            "unrelated", f"{describe(a)} and {describe(b)} count different things and cannot be compared.", rel)
    if rel == "unknown" and a.referent and b.referent and _root(a.referent) != _root(b.referent) and (
        _concept(_lemma(a.referent.split()[-1])) is None or _concept(_lemma(b.referent.split()[-1])) is None
    ):
        # Two different nouns the lexicon does not know ("operations", "improvements"):
        # nothing says they are the same thing, so the figures are not compared.
        return QuantityComparison(
            "unrelated", f"{describe(a)} and {describe(b)} count things not known to be the same.", rel)
    if convertible:
        return _compare_measures(a, b, rel)
    return _numeric(a, b, a.value, a.upper, b.value, b.upper, "quantity", rel)


_TIDY = (
    (re.compile(r"\s+"), " "),
    (re.compile(r"\s+([,.%)])"), r"\1"),
    (re.compile(r"([(£$€])\s+"), r"\1"),
    (re.compile(r"(\w)\s*-\s*(?=\w)"), r"\1-"),
    (re.compile(r"(\w)\s+(['\u2019])\s*s\b"), r"\1\2s"),
)
_OPENERS = frozenset({w.split()[0] for w, _, _ in _HEDGES} | STARTERS | {"between", "from", "aged", "last", "this",
                                                                        "next", "earlier", "later"})


def _date_str(q: Quantity) -> str:
    y, m, d = _ymd(q)
    parts = [str(d) if d else "", MONTH_NAMES[m] if 0 < m <= 12 else "", str(y) if y else ""]
    return " ".join(p for p in parts if p)


def describe(q: Quantity) -> str:
    """A short display of a quantity, in the source's own words, tidied.

    >>> describe(find_quantities("At least 2,300 children")[0])
    'at least 2,300 children'
    >>> describe(find_quantities("last December", published="2015-04-24")[0])
    'last December (December 2014)'
    """
    return _describe(q)


@lru_cache(maxsize=65536)
def _describe(q: Quantity) -> str:
    # Memoised: comparing every pair of a big group's quantities describes each one
    # thousands of times (Quantity is frozen, so equal quantities describe alike).
    s = q.text
    for pattern, repl in _TIDY:
        s = pattern.sub(repl, s)
    s = s.strip()
    first = s.split(" ", 1)[0].lower()
    if s[:1].isupper() and first in _OPENERS:
        s = s[0].lower() + s[1:]
    if q.kind == "date" and q.unit != "weekday" and not any(ch.isdigit() for ch in q.text) and q.value:
        s += f" ({_date_str(q)})"
    return s
