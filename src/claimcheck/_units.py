"""Units of measure for :mod:`claimcheck.quantities`: how news writes them, and converting.

A small list of the units news uses for mass, length, speed, volume and area, each with
its spellings (symbol or name, singular or plural, British or American, glued to the
number or not) and one canonical name; pint converts between units of one dimension.
What is never a unit: "pounds" (in UK news, money), a lone "g" ("5G"), "m" (million).

>>> t = Toks("40 kilogrammes of cocaine")
>>> unit_at(t, 1), dimension("kilogram"), plural_of("foot")
(('kilogram', 2), 'mass', 'feet')
>>> round(factor("mile", "kilometer"), 3)
1.609
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Optional

from ._numwords import Toks

if TYPE_CHECKING:
    import pint

#: Canonical unit -> (dimension, the unit's name in pint). The dimension says what may be
#: compared without importing pint; pint does the converting.
MEASURES: dict[str, tuple[str, str]] = {
    "kilogram": ("mass", "kilogram"), "gram": ("mass", "gram"), "milligram": ("mass", "milligram"),
    "tonne": ("mass", "metric_ton"), "ton": ("mass", "short_ton"), "lb": ("mass", "pound"),
    "kilometre": ("length", "kilometer"), "metre": ("length", "meter"), "centimetre": ("length", "centimeter"),
    "millimetre": ("length", "millimeter"), "mile": ("length", "mile"), "foot": ("length", "foot"),
    "inch": ("length", "inch"), "yard": ("length", "yard"),
    "mph": ("speed", "mile / hour"), "km/h": ("speed", "kilometer / hour"),
    "litre": ("volume", "liter"), "millilitre": ("volume", "milliliter"), "gallon": ("volume", "gallon"),
    "hectare": ("area", "hectare"), "acre": ("area", "acre"), "square mile": ("area", "mile ** 2"),
    "square kilometre": ("area", "kilometer ** 2"), "square metre": ("area", "meter ** 2"),
}
#: Units news writes for two amounts: every reading is tried. "tons" are US short (907 kg)
#: or British long tons (1,016 kg), "gallons" US (3.79 litres) or imperial (4.55 litres).
_READINGS: dict[str, tuple[str, ...]] = {"ton": ("short_ton", "long_ton"), "gallon": ("gallon", "imperial_gallon")}
#: How each unit is written, glued to the number or not ("40kg", "40 kilograms", "a
#: 40-kilogram bag"). Not "pounds", "g", "m", "in" (a word) or "t".
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "kilogram": ("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme", "kilogrammes"),
    "gram": ("gram", "grams", "gramme", "grammes"),
    "milligram": ("mg", "milligram", "milligrams", "milligramme", "milligrammes"),
    "tonne": ("tonne", "tonnes", "metric ton", "metric tons"), "ton": ("ton", "tons"), "lb": ("lb", "lbs"),
    "kilometre": ("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"),
    "metre": ("metre", "metres", "meter", "meters"),
    "centimetre": ("cm", "centimetre", "centimetres", "centimeter", "centimeters"),
    "millimetre": ("mm", "millimetre", "millimetres", "millimeter", "millimeters"),
    "mile": ("mile", "miles"), "foot": ("foot", "feet", "ft"), "inch": ("inch", "inches"),
    "yard": ("yard", "yards", "yd", "yds"),
    "mph": ("mph", "mile per hour", "miles per hour", "miles an hour", "miles-per-hour"),
    "km/h": ("km/h", "kph", "kmh", "km per hour", "kilometre per hour", "kilometres per hour", "kilometer per hour",
             "kilometers per hour", "kilometres an hour", "kilometers an hour"),
    "litre": ("litre", "litres", "liter", "liters"),
    "millilitre": ("ml", "millilitre", "millilitres", "milliliter", "milliliters"),
    "gallon": ("gallon", "gallons"), "hectare": ("hectare", "hectares", "ha"), "acre": ("acre", "acres"),
    "square mile": ("square mile", "square miles", "sq mile", "sq miles", "sq mi"),
    "square kilometre": ("km²", "sq km", "square kilometre", "square kilometres", "square kilometer",
                         "square kilometers"),
    "square metre": ("m²", "sq m", "square metre", "square metres", "square meter", "square meters"),
}
#: How a unit reads in an explanation ("5 miles is about 8.05 kilometres").
_PLURALS = {"foot": "feet", "inch": "inches", "mph": "mph", "km/h": "km/h", "lb": "lb"}

# first token -> (tokens, canonical unit), longest first: "kilometres per hour" before "kilometres"
_INDEX: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _unit, _spellings in _SPELLINGS.items():
    for _spelling in _spellings:
        _words = tuple(Toks(_spelling).low)
        _INDEX.setdefault(_words[0], []).append((_words, _unit))
for _options in _INDEX.values():
    _options.sort(key=lambda o: -len(o[0]))


def unit_at(t: Toks, k: int) -> Optional[tuple[str, int]]:
    """A unit of measure at token ``k`` ("kg", "miles per hour", the "-mile" of "5-mile"):
    (canonical unit, the token after it)."""
    j = k + 1 if t.w(k) == "-" else k
    for words, unit in _INDEX.get(t.w(j), ()):
        if t.seq(j, words):
            return unit, j + len(words)
    return None


def dimension(unit: Optional[str]) -> str:
    """What a canonical unit measures ("length", "mass", ...); "" for no unit of measure."""
    return MEASURES[unit][0] if unit in MEASURES else ""


def readings(unit: str) -> tuple[str, ...]:
    """The pint names a canonical unit may stand for, the likeliest first."""
    return _READINGS.get(unit, (MEASURES[unit][1],))


def plural_of(unit: str) -> str:
    return _PLURALS.get(unit, unit + "s")


@lru_cache(maxsize=1)
def unit_registry() -> "pint.UnitRegistry[float]":
    """pint's registry, built once. First use costs about 0.3 s (measured: importing pint
    0.2 s, reading its unit definitions 0.13 s; the first "5km" against "3 miles" 0.30 s), so
    it is built only when two figures in different units of one dimension are compared;
    every later comparison takes well under a millisecond (conversions are cached, :func:`factor`)."""
    import pint  # lazy: see above

    return pint.UnitRegistry()


@lru_cache(maxsize=1024)
def factor(unit: str, to: str) -> float:
    """What one ``unit`` is in ``to``, both pint names."""
    return float(unit_registry().Quantity(1.0, unit).to(to).magnitude)
