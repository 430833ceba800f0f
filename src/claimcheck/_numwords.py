"""The token stream, English number words, ordinals and dates, for :mod:`claimcheck.quantities`.

A compact hand-written reader: ``word2number`` raises on any phrase with digits and
``number-parser`` gives no spans (see FINDINGS, Numbers), and what we need is small:
cardinals up to the trillions ("two hundred and twenty-one thousand"), ordinals
("twenty-first"), "a dozen", "a hundred". It works on lower-cased tokens so that the
same code reads "twenty-one", "twenty - one" (tokenised text) and "Twenty one".

>>> read_number_words(["one", "hundred", "and", "twenty", "-", "one", "people"], 0)
(121.0, 6, False)
>>> read_number_words(["twenty", "-", "first"], 0)
(21.0, 3, True)
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Optional, Sequence

from .model import Quantity

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}
TEENS: dict[str, int] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES: dict[str, int] = {
    "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
ORD_UNITS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9,
}
ORD_TEENS: dict[str, int] = {
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
}
ORD_TENS: dict[str, int] = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}
ORD_SCALES: dict[str, int] = {
    "hundredth": 100, "thousandth": 1_000, "millionth": 1_000_000, "billionth": 1_000_000_000,
}

ORD_SUFFIX = frozenset(("st", "nd", "rd", "th"))
_MONTH_GUARD = frozenset("in last next this since until till by early late mid during from of through".split())
_MONTH_ARTICLE = frozenset("an a the on".split())  # enough for "an August report", not "the march"

#: Words that can open a number-word phrase ("a" only before hundred/thousand/dozen ...).
STARTERS: frozenset[str] = frozenset(
    set(UNITS) | set(TEENS) | set(TENS) | set(ORD_UNITS) | set(ORD_TEENS) | set(ORD_TENS)
    | {"a", "one", "dozen"}
)

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
#: Abbreviations are only trusted next to a day or a year ("23 Apr", "Sept 2014").
MONTH_ABBR: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
#: Days of the week, Monday = 1 (a date's ``unit`` is then "weekday" and its value the day).
WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}
WEEKDAY_NAMES: tuple[str, ...] = ("", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Parts of the day a weekday may take ("on Tuesday evening"): part of the date's words.
DAY_PARTS = frozenset("morning afternoon evening night".split())
#: A weekday after these says when something was *said* ("officials said on Wednesday"),
#: the report's day, not the day of what it reports: no date of the story's facts.
_REPORTING_DAY = frozenset("""said says told added confirmed announced reported stated revealed warned
    explained insisted admitted claimed""".split())

MONTH_NAMES: tuple[str, ...] = (
    "", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)


def _peek(low: Sequence[str], j: int) -> str:
    return low[j] if 0 <= j < len(low) else ""


def _small(word: str) -> bool:
    return word in UNITS or word in TEENS or word in TENS or word in ORD_UNITS or word in ORD_TEENS or word in ORD_TENS


def read_number_words(low: Sequence[str], i: int) -> Optional[tuple[float, int, bool]]:
    """Read an English number phrase starting at token ``i``.

    Returns ``(value, end, ordinal)`` with ``end`` the index after the last token used,
    or ``None`` when no number starts at ``i``. A small state machine: each group below
    a thousand is ``[unit hundred] [and] [tens[-unit] | teen | unit]``, groups are joined
    by strictly decreasing scale words, so "one one" or "between one and three" are not
    read as one number.
    """
    total = 0
    group = 0
    last = ""  # kind of the last value token: unit, teen, tens, hundred, scale
    has_hundred = False
    last_scale = 10**15
    end = -1
    j = i
    word = _peek(low, j)
    if word == "a":
        nxt = _peek(low, j + 1)
        if nxt not in ("hundred", "dozen") and nxt not in SCALES and nxt not in ("hundredth", "thousandth", "millionth"):
            return None
        group, last, j = 1, "unit", j + 1
    while j < len(low):
        word = low[j]
        free = last in ("", "hundred", "scale")  # nothing below a hundred yet in this group
        if word == "-" or word == "and":
            nxt = _peek(low, j + 1)
            if word == "-" and last == "tens" and (nxt in UNITS or nxt in ORD_UNITS) and nxt != "zero":
                j += 1
                continue
            if word == "and" and last in ("hundred", "scale") and _small(nxt) and nxt != "zero":
                j += 1
                continue
            break
        if word in UNITS:
            value = UNITS[word]
            if word == "zero":
                if last or group or total:
                    break
                return 0.0, j + 1, False
            if not (free or (last == "tens" and group % 10 == 0)):
                break
            group += value
            last = "unit"
        elif word in TEENS:
            if not free:
                break
            group += TEENS[word]
            last = "teen"
        elif word in TENS:
            if not free:
                break
            group += TENS[word]
            last = "tens"
        elif word == "hundred":
            if last != "unit" or has_hundred or group >= 10 or group == 0:
                break
            group *= 100
            has_hundred = True
            last = "hundred"
        elif word in SCALES:
            scale = SCALES[word]
            if not last or last == "scale" or group == 0 or scale >= last_scale:
                break
            total += group * scale
            group, has_hundred, last_scale, last = 0, False, scale, "scale"
        elif word == "dozen":
            # "a dozen", "two dozen"; "dozens" is vague and never read.
            if last != "unit" or has_hundred or total:
                break
            return float(group * 12), j + 1, False
        elif word in ORD_UNITS or word in ORD_TEENS or word in ORD_TENS:
            small = ORD_UNITS.get(word) or ORD_TEENS.get(word) or ORD_TENS.get(word, 0)
            if not (free or (last == "tens" and word in ORD_UNITS and group % 10 == 0)):
                break
            return float(total + group + small), j + 1, True
        elif word in ORD_SCALES:
            scale = ORD_SCALES[word]
            if scale == 100:
                if last != "unit" or has_hundred or group >= 10:
                    break
                return float(total + group * 100), j + 1, True
            if not last or last == "scale" or group == 0 or scale >= last_scale:
                break
            return float(total + group * scale), j + 1, True
        else:
            break
        j += 1
        end = j
    if end < 0 or not last:
        return None
    return float(total + group), end, False


# --- tokens ---------------------------------------------------------------------------
# Numbers keep thousands separators (comma, or the no-break/thin spaces some sites use);
# each alternative is unambiguous, so the scan cannot backtrack catastrophically.
_TOKEN_RE = re.compile(
    r"(?P<n>\d{1,3}(?:[,\u00a0\u202f\u2009]\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?P<w>[^\W\d_]+(?:['\u2019][^\W\d_]+)*)"
    r"|(?P<s>\S)"
)


class Toks:
    """Parallel lists of token starts, ends, lower-cased text and class (n/w/s)."""

    __slots__ = ("text", "start", "end", "low", "cls", "n", "cased")

    def __init__(self, text: str) -> None:
        self.text = text
        self.cased = text != text.lower()  # any capital at all: a lower-cased text has none
        self.start: list[int] = []
        self.end: list[int] = []
        self.low: list[str] = []
        self.cls: list[str] = []
        for m in _TOKEN_RE.finditer(text):
            self.start.append(m.start())
            self.end.append(m.end())
            self.low.append(m.group().lower())
            self.cls.append(m.lastgroup or "s")
        self.n = len(self.low)

    def w(self, i: int) -> str:
        return self.low[i] if 0 <= i < self.n else ""

    def glued(self, i: int) -> bool:
        """Token ``i`` touches the token before it (no space between)."""
        return 0 < i < self.n and self.start[i] == self.end[i - 1]

    def seq(self, i: int, words: tuple[str, ...]) -> bool:
        return i >= 0 and i + len(words) <= self.n and tuple(self.low[i : i + len(words)]) == words


# --- dates ---------------------------------------------------------------------------------


def date_q(t: Toks, i: int, j: int, source: str, y: int, m: int, d: int, unit: str) -> tuple[Quantity, int]:
    s, e = t.start[i], t.end[j - 1]
    return Quantity(source=source, start=s, end=e, text=t.text[s:e], value=float(y * 10000 + m * 100 + d),
                    kind="date", unit=unit), j


def _guess_year(pub: Optional[_dt.date], m: int, d: int) -> int:
    """The year of a month (and day) named without one: the latest not far after publication."""
    if pub is None:
        return 0
    try:
        cand = _dt.date(pub.year, m, d or 1)
    except ValueError:
        cand = _dt.date(pub.year, m, 1)
    return pub.year - 1 if (cand - pub).days > 62 else pub.year


def _day_at(t: Toks, i: int) -> Optional[tuple[int, int]]:
    """A day of the month at token ``i`` ("23", "23rd"): (day, next token)."""
    if i >= t.n or t.cls[i] != "n" or not t.low[i].isdigit() or len(t.low[i]) > 2:
        return None
    d = int(t.low[i])
    if not 1 <= d <= 31:
        return None
    j = i + 1
    if t.w(j) in ORD_SUFFIX and t.glued(j):
        j += 1
    return d, j


def _year_at(t: Toks, i: int) -> Optional[int]:
    w = t.w(i)
    if i < t.n and t.cls[i] == "n" and len(w) == 4 and w.isdigit() and 1000 <= int(w) <= 2100:
        return int(w)
    return None


def _month_at(t: Toks, i: int, *, abbr: bool) -> Optional[tuple[int, int]]:
    w = t.w(i)
    if w in MONTHS:
        return MONTHS[w], i + 1
    if abbr and w in MONTH_ABBR:
        return MONTH_ABBR[w], i + 2 if t.w(i + 1) == "." else i + 1
    return None


def date_at(t: Toks, i: int, source: str, pub: Optional[_dt.date]) -> Optional[tuple[Quantity, int]]:
    w = t.low[i]
    # Day first: "23 April", "23rd of April 2015".
    day = _day_at(t, i)
    if day is not None:
        d, j = day
        if t.w(j) == "of":
            j += 1
        mon = _month_at(t, j, abbr=True)
        if mon is None:
            return None
        m, j = mon
        y = _year_at(t, j + (t.w(j) == ","))
        if y is not None:
            return date_q(t, i, j + (t.w(j) == ",") + 1, source, y, m, d, "day")
        return date_q(t, i, j, source, _guess_year(pub, m, d), m, d, "day")
    # Month first: "April 23, 2015", "August 2014", "in August".
    mon = _month_at(t, i, abbr=True)
    if mon is not None:
        m, j = mon
        day = _day_at(t, j)
        if day is not None and _year_at(t, j) is None:
            d, j2 = day
            k = j2 + (t.w(j2) == ",")
            y = _year_at(t, k)
            if y is not None:
                return date_q(t, i, k + 1, source, y, m, d, "day")
            if t.w(j2) not in ("%", "-") and t.w(j2) not in SCALES:
                return date_q(t, i, j2, source, _guess_year(pub, m, d), m, d, "day")
        y = _year_at(t, j)
        if y is not None:
            return date_q(t, i, j + 1, source, y, m, 0, "month")
        if w not in MONTHS or t.w(i - 1) in ("last", "next", "this"):
            return None
        capital = t.text[t.start[i]].isupper()
        if t.w(i - 1) in _MONTH_GUARD or (w not in ("may", "march") and (capital or t.w(i - 1) in _MONTH_ARTICLE)):
            return date_q(t, i, j, source, _guess_year(pub, m, 0), m, 0, "month")
        return None
    if w in WEEKDAYS:
        return _weekday_at(t, i, source)
    return _relative_at(t, i, source, pub)


def _weekday_at(t: Toks, i: int, source: str) -> Optional[tuple[Quantity, int]]:
    """"on Tuesday", "Tuesday evening", "last Friday": a date whose unit is "weekday" and
    value the day of the week. It is not resolved to a calendar day (an article's date is
    often unknown, and "on Tuesday" may be last week's or next): two weekdays compare by
    name. A cased text's weekday is capitalised; "said on Wednesday" is the report's day."""
    cased = t.cased
    if cased and t.text[t.start[i]].islower():
        return None
    if cased and (_capital(t, i + 1) or (_capital(t, i - 1) and t.w(i - 1) not in ("on", "by", "from", "until"))):
        return None  # part of a name: "the Friday Club", "Good Friday"
    k = i - 1 if t.w(i - 1) == "on" else i
    if t.w(k - 1) in _REPORTING_DAY:
        return None
    start = i - 1 if t.w(i - 1) in ("last", "next", "this") else i
    j = i + 2 if t.w(i + 1) in DAY_PARTS else i + 1
    s, e = t.start[start], t.end[j - 1]
    return Quantity(source=source, start=s, end=e, text=t.text[s:e], value=float(WEEKDAYS[t.low[i]]),
                    kind="date", unit="weekday"), j


def _capital(t: Toks, k: int) -> bool:
    """Whether token ``k`` is a capitalised word that does not open a sentence."""
    if not 0 <= k < t.n or t.cls[k] != "w" or not t.text[t.start[k]].isupper():
        return False
    before = t.text[:t.start[k]].rstrip()
    return bool(before) and before[-1] not in ".!?\"“”'‘’:"


def _relative_at(t: Toks, i: int, source: str, pub: Optional[_dt.date]) -> Optional[tuple[Quantity, int]]:
    """"last December", "earlier this month", "last year", "yesterday"."""
    w = t.low[i]
    if w in ("yesterday", "today", "tomorrow"):
        if pub is None:
            return date_q(t, i, i + 1, source, 0, 0, 0, "day")
        day = pub + _dt.timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[w])
        return date_q(t, i, i + 1, source, day.year, day.month, day.day, "day")
    j = i
    if w in ("earlier", "later", "early", "late") and t.w(i + 1) == "this":
        j = i + 1
    elif w not in ("last", "this", "next"):
        return None
    rel, what = t.w(j), t.w(j + 1)
    shift = {"last": -1, "next": 1}.get(rel, 0)
    if what in MONTHS:
        m = MONTHS[what]
        if pub is None:
            return date_q(t, i, j + 2, source, 0, m, 0, "month")
        y = pub.year
        if shift < 0 and m >= pub.month:
            y -= 1
        elif shift > 0 and m <= pub.month:
            y += 1
        return date_q(t, i, j + 2, source, y, m, 0, "month")
    if what == "month":
        if pub is None:
            return date_q(t, i, j + 2, source, 0, 0, 0, "month")
        months = pub.year * 12 + pub.month - 1 + shift
        return date_q(t, i, j + 2, source, months // 12, months % 12 + 1, 0, "month")
    if what == "year":
        if pub is None:
            return date_q(t, i, j + 2, source, 0, 0, 0, "year")
        return date_q(t, i, j + 2, source, pub.year + shift, 0, 0, "year")
    return None
