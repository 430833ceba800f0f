"""Quantities: a labelled phrase table, labelled pairs with precision/recall, properties."""

from __future__ import annotations

import functools
import json
import math
import time
from pathlib import Path
from typing import Any, Callable, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimcheck
from claimcheck import Source
from claimcheck.model import Bound, Quantity
from claimcheck.quantities import (
    RELATIONS,
    QuantityComparison,
    compare_quantities,
    describe,
    find_quantities,
    referent_relation,
)

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
PHRASES: list[dict[str, Any]] = json.loads((DATA / "quantity_phrases.json").read_text(encoding="utf-8"))
PAIRS: list[dict[str, Any]] = json.loads((DATA / "quantity_pairs.json").read_text(encoding="utf-8"))
FLAGS = {"quantity", "hedge", "referent", "period", "date"}


def check_spans(text: str, qs: tuple[Quantity, ...]) -> None:
    """Every offset indexes into ``text`` and slices back to what the quantity says."""
    last = -1
    for q in qs:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.start >= last, "quantities come in order and do not overlap"
        last = q.end
        if q.hedge is not None:
            assert q.hedge_start is not None and q.hedge_end is not None
            assert text[q.hedge_start : q.hedge_end] == q.hedge
            assert q.start <= q.hedge_start < q.hedge_end <= q.end
        if q.referent_text is not None:
            assert q.referent_start is not None and q.referent_end is not None
            assert text[q.referent_start : q.referent_end] == q.referent_text
            assert q.referent
        if q.upper is not None:
            assert q.upper >= q.value


# --- the phrase table ---------------------------------------------------------------------


def test_table_is_big_enough() -> None:
    assert len(PHRASES) >= 60


@pytest.mark.parametrize("case", PHRASES, ids=[f"{i}:{c['span'][:30]}" for i, c in enumerate(PHRASES)])
def test_phrase(case: dict[str, Any]) -> None:
    text = case["text"]
    qs = find_quantities(text, source="s", published=case.get("published"))
    check_spans(text, qs)
    found = [q for q in qs if q.text == case["span"]]
    assert found, f"no quantity spanning {case['span']!r}; got {[q.text for q in qs]}"
    q = found[0]
    assert q.source == "s"
    assert q.start == text.index(case["span"])
    for key in ("value", "upper", "kind", "unit", "hedge", "referent", "referent_text"):
        if key in case:
            assert getattr(q, key) == case[key], f"{key}: {getattr(q, key)!r} != {case[key]!r}"
    if "bound" in case:
        assert q.bound == Bound(case["bound"])


def test_several_in_one_sentence() -> None:
    text = "At least 1,400 children were abused between 1997 and 2013, a 107-page report with 11 recommendations said."
    qs = find_quantities(text)
    assert [(q.text, q.kind) for q in qs] == [
        ("At least 1,400 children", "count"),
        ("between 1997 and 2013", "range"),
        ("107-page", "count"),
        ("11 recommendations", "count"),
    ]


@pytest.mark.parametrize(
    "text",
    ["hundreds of people", "dozens of officers", "There may be further opportunities", "the march on the capital",
     "at 10:30 tonight", "call 0114 220", "", "   ", "no numbers here at all"],
)
def test_not_quantities(text: str) -> None:
    assert [q.text for q in find_quantities(text) if q.kind != "count" or q.value > 999] == []


def test_relative_dates_unresolved_without_publication_date() -> None:
    q, = find_quantities("earlier this month")
    assert (q.kind, q.value, q.unit) == ("date", 0.0, "month")
    q, = find_quantities("last December")
    assert (q.kind, q.value) == ("date", 1200.0)
    q, = find_quantities("last December", published="not a date")
    assert q.value == 1200.0


def test_seeds_parse_cleanly() -> None:
    seen: set[tuple[str, float, str]] = set()
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        qs = find_quantities(text, published="2015-04-24")
        check_spans(text, qs)
        seen |= {(q.kind, q.value, q.bound.value) for q in qs}
    assert ("count", 1400.0, "ge") in seen and ("count", 1400.0, "gt") in seen
    assert ("count", 48.0, "eq") in seen and ("age", 11.0, "ge") in seen


# --- referents -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("child", "children", "same"), ("children", "minors", "synonym"), ("kid", "youngster", "synonym"),
        ("girls", "children", "narrower"), ("children", "boys", "broader"), ("women", "people", "narrower"),
        ("girls", "boys", "different"), ("girl", "woman", "different"), ("officers", "policemen", "synonym"),
        ("officers", "victims", "different"), ("children", "victims", "unknown"), ("recommendation", "improvement", "synonym"),
        ("recommendations", "arrests", "different"), ("deaths", "people", "unknown"), ("widgets", "gadgets", "unknown"),
        (None, "child", "unknown"), ("", "", "unknown"), ("deaths", "fatalities", "synonym"), ("deaths", "casualties", "narrower"),
    ],
)
def test_referent_relation(a: Optional[str], b: Optional[str], expected: str) -> None:
    assert referent_relation(a, b) == expected
    mirror = {"narrower": "broader", "broader": "narrower"}.get(expected, expected)
    assert referent_relation(b, a) == mirror


# --- pairs -------------------------------------------------------------------------------------


def _first(phrase: str, published: Optional[str]) -> Quantity:
    qs = find_quantities(phrase, published=published)
    assert qs, f"nothing found in {phrase!r}"
    return qs[0]


def _compare(pair: dict[str, Any]) -> QuantityComparison:
    a = _first(pair["a"], pair.get("published_a"))
    b = _first(pair["b"], pair.get("published_b", pair.get("published_a")))
    return compare_quantities(a, b)


def test_pairs_fixture_is_big_enough() -> None:
    assert len(PAIRS) >= 30
    assert {p["relation"] for p in PAIRS} >= {"agree", "quantity", "hedge", "referent", "period", "date", "unrelated"}


def test_pairs_precision_recall(record_property: Callable[[str, object], None]) -> None:
    tp = fp = fn = exact = 0
    misses = []
    for pair in PAIRS:
        got = _compare(pair)
        assert got.relation in RELATIONS and got.explanation.endswith(".")
        want_flag, got_flag = pair["relation"] in FLAGS, got.relation in FLAGS
        tp += want_flag and got_flag
        fp += got_flag and not want_flag
        fn += want_flag and not got_flag
        exact += got.relation == pair["relation"]
        if got.relation != pair["relation"]:
            misses.append((pair["a"], pair["b"], pair["relation"], got.relation))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    accuracy = exact / len(PAIRS)
    record_property("precision", precision)
    record_property("recall", recall)
    record_property("type_accuracy", accuracy)
    print(f"\nquantity pairs: n={len(PAIRS)} precision={precision:.3f} recall={recall:.3f} "
          f"type accuracy={accuracy:.3f} misses={misses}")
    assert precision >= 0.9 and recall >= 0.9
    assert accuracy >= 0.9


@pytest.mark.parametrize("pair", PAIRS, ids=[f"{p['a'][:20]}|{p['b'][:20]}" for p in PAIRS])
def test_comparison_is_symmetric(pair: dict[str, Any]) -> None:
    swapped = {**pair, "a": pair["b"], "b": pair["a"], "published_a": pair.get("published_b", pair.get("published_a")),
               "published_b": pair.get("published_a")}
    assert _compare(pair).relation == _compare(swapped).relation


def test_explanations_read_plainly() -> None:
    a, b = _first("at least 1,400 children", None), _first("more than 1,400 children", None)
    assert compare_quantities(a, b).explanation == (
        "One source says at least 1,400 children, another more than 1,400 children: "
        "'at least' includes exactly 1,400, 'more than' does not."
    )
    r = compare_quantities(_first("from 1997 to 2016", None), _first("over 16 years", None))
    assert r.relation == "period" and "19 years" in r.explanation
    r = compare_quantities(_first("at least 1,400 girls", None), _first("at least 1,400 children", None))
    assert r.explanation.endswith("'girls' are only part of 'children'.")
    assert r.flagged and not compare_quantities(a, a).flagged


def test_describe() -> None:
    assert describe(_first("More than 1,400 Children", None)) == "more than 1,400 Children"
    assert describe(_first("a 16 - year period", None)) == "16-year period"
    assert describe(_first("( £ 1.2 m )", None)) == "£1.2 m"
    assert describe(_first("last december", "2015-04-24")) == "last december (December 2014)"


# --- properties ---------------------------------------------------------------------------------

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _below_thousand(n: int, use_and: bool, hyphen: str) -> str:
    """English words for 1..999, written independently of the parser (an oracle)."""
    words = []
    if n >= 100:
        words.append(f"{_ONES[n // 100]} hundred")
        n %= 100
        if n and use_and:
            words.append("and")
    if n >= 20:
        words.append(_TENS[n // 10] + (f"{hyphen}{_ONES[n % 10]}" if n % 10 else ""))
    elif n:
        words.append(_ONES[n])
    return " ".join(words)


def to_words(n: int, use_and: bool = True, hyphen: str = "-") -> str:
    if n == 0:
        return "zero"
    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands:
        parts.append(_below_thousand(thousands, use_and, hyphen) + " thousand")
    if rest:
        if thousands and rest < 100 and use_and:
            parts.append("and")
        parts.append(_below_thousand(rest, use_and, hyphen))
    return " ".join(parts)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_spans_slice(text: str) -> None:
    check_spans(text, find_quantities(text, published="2015-04-24"))


_PIECES = list("0123456789,.-–%£$ \u00a0:abimnst") + [
    " at least ", " between ", " and ", " to ", " one ", " hundred ", " twenty ", " year", " old", " ago ", " April ",
    " last ", " per cent ", " the age of ", " this month", " â‚¬", " over ", " of the ", "-year-old", "’s"]
_NUMBERY = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_NUMBERY, st.sampled_from([None, "2015-04-24", "2000-02-29", "garbage"]))
def test_numbery_text_never_raises(text: str, published: Optional[str]) -> None:
    check_spans(text, find_quantities(text, published=published))


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**7), st.booleans())
def test_digits_round_trip(n: int, separators: bool) -> None:
    written = f"{n:,}" if separators else str(n)
    text = f"Police said {written} people were hurt."
    qs = find_quantities(text)
    check_spans(text, qs)
    assert [q.value for q in qs] == [n]


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 999_999), st.booleans(), st.sampled_from(["-", " ", " - "]), st.booleans())
def test_words_round_trip(n: int, use_and: bool, hyphen: str, capital: bool) -> None:
    words = to_words(n, use_and, hyphen)
    text = f"Officials counted {words.capitalize() if capital else words} people."
    qs = find_quantities(text)
    check_spans(text, qs)
    assert [q.value for q in qs] == [n], words


@pytest.mark.parametrize(
    "text",
    ["1" * 1_000_000, " " * 1_000_000, "-" * 1_000_000, "1-" * 100_000, "1,000," * 30_000, "twenty-" * 30_000,
     "at least " * 50_000, "one hundred and " * 15_000, "\u00a0" * 500_000 + "1"],
    ids=["digits", "spaces", "hyphens", "digit-hyphen", "separators", "tens-hyphen", "hedges", "hundred-and", "nbsp"],
)
def test_linear_time_on_pathological_input(text: str) -> None:
    t0 = time.perf_counter()
    qs = find_quantities(text)
    assert time.perf_counter() - t0 < 3.0
    assert all(text[q.start : q.end] == q.text for q in qs[:100])


@pytest.mark.parametrize("first", [0, 1])
def test_bare_m_against_metres_is_no_discrepancy(first: int) -> None:
    """"5.2m" is read as millions, but without a currency it may be a length: against "5.2
    metres" the two agree (either order); against another length they still clash, and a
    sum of money is never a length."""
    import claimcheck
    from claimcheck import Source

    def flagged(a: str, b: str) -> list[str]:
        texts = [a, b] if first == 0 else [b, a]
        report = claimcheck.compare([Source(id="a", text=texts[0]), Source(id="b", text=texts[1])])
        assert report.shared_groups
        return [d.type.value for d in report.discrepancies]

    assert flagged("The new sea wall at Marby is 5.2 metres high, the council said.",
                   "The new sea wall at Marby is 5.2m high, the council said.") == []
    assert flagged("The new sea wall at Marby is 6.1 metres high, the council said.",
                   "The new sea wall at Marby is 5.2m high, the council said.") == ["quantity"]
    money, length = find_quantities("It cost £5.2m.")[0], find_quantities("It is 5.2 metres high.")[0]
    assert compare_quantities(money, length).relation == "unrelated"
    assert compare_quantities(length, money).relation == "unrelated"


# --- units of measure ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value", "unit", "referent"),
    [
        ("Officers seized 40kg of cocaine.", "40kg of cocaine", 40, "kilogram", "cocaine"),
        ("Officers seized 40 kilograms of cocaine.", "40 kilograms of cocaine", 40, "kilogram", "cocaine"),
        ("Officers seized 40 kilogrammes of cocaine.", "40 kilogrammes of cocaine", 40, "kilogram", "cocaine"),
        ("They closed a 5-mile stretch of the road.", "5-mile stretch", 5, "mile", "stretch"),
        ("Gusts reached 90 miles per hour on Sunday.", "90 miles per hour", 90, "mph", None),
        ("Gusts of 90mph were recorded.", "90mph", 90, "mph", None),
        ("a limit of 30 km/h in towns", "30 km/h", 30, "km/h", None),
        ("The fire burned 400 hectares.", "400 hectares", 400, "hectare", None),
        ("The park covers 12 square miles.", "12 square miles", 12, "square mile", None),
        ("The river is 5 kilometers long.", "5 kilometers long", 5, "kilometre", "long"),
        ("The wall is 5.2 metres high.", "5.2 metres high", 5.2, "metre", "high"),
        ("The river peaked at 5.2 metres overnight.", "5.2 metres", 5.2, "metre", None),
        ("a 40-tonne lorry overturned", "40-tonne lorry", 40, "tonne", "lorry"),
        ("He walked three miles home.", "three miles home", 3, "mile", "home"),
        ("It exported 1.2m tonnes of grain.", "1.2m tonnes of grain", 1.2e6, "tonne", "grain"),
    ],
)
def test_units_of_measure_are_units(text: str, span: str, value: float, unit: str, referent: Optional[str]) -> None:
    """A unit glued or spelt out is the figure's unit; what follows it is what it measures."""
    qs = find_quantities(text)
    check_spans(text, qs)
    q, = (q for q in qs if q.text == span)
    assert (q.kind, q.value, q.unit, q.referent) == ("measure", value, unit, referent)


@pytest.mark.parametrize(
    ("text", "span", "referent"),
    [("They closed a 5-mile stretch of the road.", "5-mile stretch", "stretch"),
     ("It seized £3m worth of cigarettes.", "£3m worth of cigarettes", "cigarette"),
     ("the fifth consecutive month of the year", "fifth consecutive month", "month")],
)
def test_the_head_comes_before_of(text: str, span: str, referent: str) -> None:
    """"a stretch of the road" measures a stretch; "worth of" is no head either."""
    q, = find_quantities(text)
    check_spans(text, (q,))
    assert (q.text, q.referent) == (span, referent)


@pytest.mark.parametrize(
    ("text", "span", "referent"),
    [("The ferry carrying 23 crew ran aground.", "23 crew", "crew"),
     ("All 32 crew members were left stranded.", "32 crew", "crew"),
     ("Five staff members left.", "Five staff", "staff"),
     ("It hired 5 staff nurses.", "5 staff nurses", "nurse"),
     ("It lost 12 members.", "12 members", "member")],
)
def test_a_body_of_people_is_what_is_counted(text: str, span: str, referent: str) -> None:
    """"23 crew" and "32 crew members" count crew: the verb after a body ends the phrase,
    "members" after it adds nothing, and a plural noun after it is the head."""
    q, = find_quantities(text)
    check_spans(text, (q,))
    assert (q.text, q.referent) == (span, referent)


def test_pounds_stay_money_and_5g_is_no_unit() -> None:
    pounds, = find_quantities("He was paid 40 pounds for the work.")
    assert (pounds.kind, pounds.unit) == ("money", "GBP")
    weight, = find_quantities("It weighed 40lbs.")
    assert (weight.kind, weight.unit) == ("measure", "lb")
    assert compare_quantities(pounds, weight).relation == "unrelated"
    # "5G" is a name, no figure at all (see test_codes_and_names_holding_digits_are_no_figures)
    assert find_quantities("the 5G network") == ()


def _rel(a: str, b: str) -> QuantityComparison:
    got = compare_quantities(_first(a, None), _first(b, None))
    assert compare_quantities(_first(b, None), _first(a, None)).relation == got.relation
    return got


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        # written and glued: one unit
        ("40kg of cocaine", "40 kilograms of cocaine", "agree"),
        ("90mph", "90 miles per hour", "agree"),
        ("5km", "five kilometres", "agree"),
        ("40kg", "45 kilograms", "quantity"),
        ("at least 40kg", "more than 40 kilograms", "hedge"),
        # converted figures agree within the rounding their writing implies
        ("5km", "3 miles", "agree"),
        ("20cm", "200mm", "agree"),
        ("2 tonnes", "2,000kg", "agree"),
        ("a 26.2-mile race", "a 42km race", "agree"),
        ("100 miles", "160km", "agree"),
        ("90mph", "145 km/h", "agree"),
        ("6ft", "1.83 metres", "agree"),
        ("1,000 gallons", "4,546 litres", "agree"),  # imperial gallons
        ("1,000 gallons", "3,785 litres", "agree"),  # US gallons
        ("2 tons", "2 tonnes", "agree"),
        ("5km", "5 miles", "quantity"),
        ("5km", "3.5 miles", "quantity"),
        ("100 miles", "130km", "quantity"),
        ("10 hectares", "40 acres", "quantity"),
        # different dimensions are never compared
        ("5km", "5kg", "unrelated"),
        ("90mph", "90 miles", "unrelated"),
        ("5 litres", "5 kilograms", "unrelated"),
        ("40kg of cocaine", "40 bags of cocaine", "unrelated"),
    ],
)
def test_units_compare(a: str, b: str, relation: str) -> None:
    got = _rel(a, b)
    assert got.relation == relation, got.explanation


def test_unit_explanations_read_plainly() -> None:
    assert _rel("5km", "5 miles").explanation == (
        "One source says 5km, another 5 miles: 5 miles is about 8.05 kilometres, so these figures cannot both be true.")
    assert _rel("5km", "3 miles").explanation == (
        "5km and 3 miles are the same figure in different units: 3 miles is about 4.83 kilometres.")
    assert _rel("2 tonnes", "2,000kg").explanation.endswith(": 2,000kg is 2 tonnes.")
    assert _rel("5km", "5kg").explanation == (
        "5km and 5kg measure different things (length and mass) and cannot be compared.")


_SAME_DIMENSION = [("kilogram", "kg", "kilograms"), ("kilometre", "km", "kilometres"),
                   ("mph", "mph", "miles per hour"), ("centimetre", "cm", "centimetres"),
                   ("millilitre", "ml", "millilitres"), ("hectare", "ha", "hectares"),
                   ("square kilometre", "sq km", "square kilometres"), ("lb", "lbs", "lb")]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_SAME_DIMENSION), st.integers(1, 10**6), st.booleans(),
       st.sampled_from(["", "about ", "at least "]))
def test_a_unit_glued_or_spelt_out_is_one_figure(unit: tuple[str, str, str], n: int, commas: bool, hedge: str) -> None:
    """"40kg" and "40 kilograms" (of the same thing) always agree, and their spans slice back."""
    canonical, symbol, name = unit
    number = f"{n:,}" if commas else str(n)
    texts = [f"Officers found {hedge}{number}{symbol} of cannabis.",
             f"Officers found {hedge}{number} {name} of cannabis."]
    found = []
    for text in texts:
        qs = find_quantities(text)
        check_spans(text, qs)
        q, = qs
        assert (q.kind, q.unit, q.value, q.referent) == ("measure", canonical, n, "cannabis")
        found.append(q)
    assert compare_quantities(*found).relation == "agree"


@functools.lru_cache(maxsize=1)
def _pint() -> Any:
    import pint

    return pint.UnitRegistry()


_CONVERTIBLE = [("km", "mile", "miles"), ("kg", "pound", "lb"), ("cm", "inch", "inches"), ("m", "foot", "feet"),
                ("hectare", "acre", "acres"), ("kph", "mph", "mph"), ("liter", "milliliter", "ml"),
                ("metric_ton", "kilogram", "kg")]
_NAMES = {"km": "km", "kg": "kg", "cm": "cm", "m": "metres", "hectare": "hectares", "kph": "km/h",
          "liter": "litres", "metric_ton": "tonnes"}


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_CONVERTIBLE), st.integers(1, 5000), st.booleans())
def test_a_converted_figure_rounded_as_written_agrees(pair: tuple[str, str, str], n: int, swap: bool) -> None:
    """n in one unit against its conversion (pint as the oracle) written to three significant
    figures agrees, either way round; ten times the conversion never does."""
    frm, to, name = pair
    x = _pint().Quantity(n, frm).to(to).magnitude
    places = max(0, 2 - math.floor(math.log10(x)))
    a, b = f"{n} {_NAMES[frm]}", f"{x:.{places}f} {name}"
    far = f"{10 * x:.{places}f} {name}"
    if swap:
        a, b = b, a
    assert _rel(a, b).relation == "agree", (a, b)
    assert _rel(f"{n} {_NAMES[frm]}", far).relation == "quantity", far


@pytest.mark.parametrize("text, found", [
    ("The river burst its banks on Tuesday evening.", [("Tuesday evening", 2.0)]),
    ("The council met last Friday to discuss the plan.", [("last Friday", 5.0)]),
    ("the council met on sunday .", [("sunday", 7.0)]),
    # the day something was said is the report's, not the story's
    ("The river rose overnight, officials said on Wednesday.", []),
    # a cased text's weekday is capitalised, and a capitalised one can be part of a name
    ("The Friday Club said its man friday had left.", []),
    ("On Good Friday the shops closed, but on Saturday they opened.", [("Saturday", 6.0)]),
    ("On Monday the shops closed.", [("Monday", 1.0)]),
])
def test_days_of_the_week_are_dates(text, found):
    qs = [q for q in find_quantities(text) if q.kind == "date"]
    assert [(q.text, q.value) for q in qs] == found
    assert all(q.unit == "weekday" and text[q.start:q.end] == q.text for q in qs)


def test_days_of_the_week_compare_by_name_and_with_full_dates():
    f = lambda s: find_quantities(s)[0]  # noqa: E731
    assert compare_quantities(f("on Tuesday evening"), f("on Wednesday evening")).relation == "date"
    assert compare_quantities(f("on Tuesday"), f("Tuesday night")).relation == "agree"
    # 14 May 2024 was a Tuesday
    assert compare_quantities(f("on Tuesday"), f("on 14 May 2024")).relation == "agree"
    assert compare_quantities(f("on Wednesday"), f("on 14 May 2024")).relation == "date"
    assert compare_quantities(f("on Tuesday"), f("in May")).relation == "unrelated"


@pytest.mark.parametrize("text", ["The coach overturned on the A30 near Bodmin.", "Leaders of the G7 met in Rome.",
                                  "COVID-19 cases fell.", "The F-35 jets landed.", "Protesters burned 5G masts.",
                                  "The UK100 group of councils met."])
def test_codes_and_names_holding_digits_are_no_figures(text):
    assert [q for q in find_quantities(text) if q.kind not in ("date",)] == []


@pytest.mark.parametrize("text, value", [("in mid-2015", 2015.0), ("a 5km stretch", 5.0), ("£5M deal", 5e6),
                                         ("aged 16-18", 16.0)])
def test_figures_next_to_letters_are_still_figures(text, value):
    assert [q.value for q in find_quantities(text)] == [value]


@pytest.mark.parametrize("text, kind", [
    ("The driver, Graham Pellow, 54, from Carsfield, died at the scene.", "age"),
    ("the driver , graham pellow , 54 , from carsfield , died", "age"),
    # not after a name: counts as before
    ("In 2021, 40 families, who had been moved twice, left.", "count"),
    ("Lots 3, 4, 5 and 6 were sold.", "count"),
])
def test_a_number_between_commas_after_a_name_is_an_age(text, kind):
    q = [q for q in find_quantities(text) if q.kind != "year"][0]
    assert q.kind == kind
    if kind == "age":
        assert (q.text, q.value, q.unit) == ("54", 54.0, "year")


def test_an_age_after_a_name_is_no_rival_of_another_count():
    """ "Jo Hale, 54," against "a 54-year-old father of two": one age, no clash with "two"."""
    a = Source(id="a", text="The driver, Graham Pellow, 54, from Carsfield, died at the scene.")
    b = Source(id="b", text="Train driver Graham Pellow, a 54-year-old father of two from Carsfield, was killed "
                            "when his train ploughed into a landslip.")
    report = claimcheck.compare([a, b])
    assert report.shared_groups and not report.discrepancies


@pytest.mark.parametrize("a, b", [("more than 400 tonnes", "almost 400 tonnes"),
                                  ("at least 300 people", "fewer than 300 people")])
def test_one_figure_qualified_on_either_side_of_it_is_a_hedge_that_cannot_hold(a, b):
    cmp = compare_quantities(find_quantities(a)[0], find_quantities(b)[0])
    assert cmp.relation == "hedge" and cmp.explanation.endswith("Both cannot be true.")
    # other figures that cannot both be true stay a quantity difference
    assert compare_quantities(find_quantities("more than 400 tonnes")[0],
                              find_quantities("almost 300 tonnes")[0]).relation == "quantity"


def test_a_participle_after_a_number_is_not_what_it_counts():
    [q] = find_quantities("its rating was lowered to one following an inspection")
    assert q.referent is None


@pytest.mark.parametrize("text", ["The blast came just after 6.40 on Wednesday morning.", "It happened at 6.40 am.",
                                  "Crews arrived at 7.15 this morning.", "The alarm sounded at 11.05 in the evening."])
def test_a_time_of_day_told_with_a_full_stop_is_no_count(text):
    assert [q for q in find_quantities(text) if q.kind == "count"] == []


@pytest.mark.parametrize("text", ["The side won by 6.40 points.", "The index closed at 6.40 on Monday."])
def test_a_decimal_that_is_no_time_of_day_is_still_read(text):
    assert [(q.kind, q.value) for q in find_quantities(text) if q.kind == "count"] == [("count", 6.4)]


@pytest.mark.parametrize(("text", "value"), [("A man in his 70s died.", 70), ("A woman in her early 40s was hurt.", 40)])
def test_a_decade_of_someones_life_is_an_age(text, value):
    (q,) = find_quantities(text)
    assert (q.kind, q.value, q.upper) == ("age", value, value + 9)
    assert [(q.kind, q.value) for q in find_quantities("Prices rose in the 1970s.")] == [("range", 1970)]
