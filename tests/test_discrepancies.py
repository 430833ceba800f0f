"""Discrepancies between aligned claims: what must be flagged, and what must not."""

from __future__ import annotations

import pytest

import claimcheck
from claimcheck import Source


def flags(*texts):
    report = claimcheck.compare([Source(id=f"s{i}", text=t) for i, t in enumerate(texts)])
    return report, sorted({d.type.value for d in report.discrepancies})


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("At least 300 people were evacuated from the valley on Sunday.",
         "More than 300 people were evacuated from the valley on Sunday.", ["hedge"]),
        ("Floods forced at least 2,000 women from their homes in the valley.",
         "Floods forced at least 2,000 children from their homes in the valley.", ["referent"]),
        ("The storm killed 12 people in the coastal towns on Friday.",
         "The storm killed 21 people in the coastal towns on Friday.", ["quantity"]),
    ],
)
def test_flags_real_differences(a, b, expected):
    report, types = flags(a, b)
    assert types == expected
    d = report.discrepancies[0]
    texts = {s.id: s.text for s in report.sources}
    assert {v.source for v in d.values} == {"s0", "s1"}
    assert all(texts[v.source][v.start:v.end] == v.value for v in d.values)
    assert d.summary.endswith(".") and "\n" not in d.summary


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # same bound in other words
        ("More than 300 people were evacuated from the valley on Sunday.",
         "Over 300 people were evacuated from the valley on Sunday."),
        # synonyms for the counted people
        ("More than 40 children were treated in hospital after the crash.",
         "More than 40 minors were treated in hospital after the crash."),
        # the same period said three ways
        ("Officers reviewed cases of abuse between 1997 and 2013 in the city.",
         "Officers reviewed cases of abuse over a 16-year period in the city."),
        # identical statements
        ("The council approved 48 recommendations on Monday.", "The council approved 48 recommendations on Monday."),
    ],
)
def test_does_not_flag_consistent_statements(a, b):
    _, types = flags(a, b)
    assert types == []


def test_figures_about_different_things_are_not_compared():
    # Two reports in one story: each makes its own number of recommendations.
    a = ("The inspectors' report made 48 recommendations for the force. "
         "A separate review by a retired judge makes 11 recommendations about training.")
    b = "The inspectors told the force to make 48 recommendations for improvement."
    report, types = flags(a, b)
    assert "quantity" not in types


def test_partitive_and_label_numbers_are_not_totals():
    a = "Three inquiries are examining the collapse. The council took over one of the inquiries."
    b = "Phase one of the inquiry examined the collapse of three inquiries into the bridge."
    _, types = flags(a, b)
    assert "quantity" not in types


def test_seed_hedge_on_the_headline_figure(seed_report, seed_texts):
    hedges = [d for d in seed_report.discrepancies if d.type.value == "hedge"]
    assert hedges, "the at-least / more-than / over difference must be flagged"
    shown = {(v.source, v.value.lower()) for d in hedges for v in d.values}
    assert ("000_b5b3b3b0d2513ee5", "at least 1,400 children") in shown
    assert any(src == "001_7160a6edc39496a7" and val.startswith(("over", "more than")) for src, val in shown)


def test_seed_referent_children_vs_girls(seed_report):
    referents = [d for d in seed_report.discrepancies if d.type.value == "referent"]
    values = {v.value.lower() for d in referents for v in d.values}
    assert {"children", "girls"} <= values


def test_seed_other_reports_recommendations_are_not_grouped_or_flagged(seed_report):
    eleven = next(c for c in seed_report.claims if "11 recommendations" in c.text)
    group = next(g for g in seed_report.groups if eleven.id in g.claims)
    assert group.sources == (eleven.source,), "a later report's 11 recommendations is another fact"
    assert not any(d.type.value == "quantity" and any("recommendation" in v.value for v in d.values)
                   for d in seed_report.discrepancies)


def test_summary_stays_one_readable_sentence_with_many_sources():
    hedges = ["At least", "More than", "Over", "About", "Nearly", "Almost", "Some", "Around", "Roughly", "Up to",
              "Fewer than", "In excess of"]
    sources = [Source(id=f"s{i:02d}", text=f"{h} 300 people were evacuated from the valley on Sunday.")
               for i, h in enumerate(hedges)]
    report = claimcheck.compare(sources)
    assert report.discrepancies
    for d in report.discrepancies:
        assert len(d.summary) < 600 and d.summary.count(". ") == 0, d.summary
        assert len({v.source for v in d.values}) >= 2  # every value is still listed in full


def test_many_sources_repeating_a_sentence_with_other_figures_are_aligned_and_flagged():
    sources = [Source(id=f"s{i}", text=f"At least {300 + i} people were evacuated from the valley on Sunday.")
               for i in range(8)]
    report = claimcheck.compare(sources)
    assert len(report.groups) == 1 and len(report.groups[0].sources) == 8
    assert [d.type.value for d in report.discrepancies] == ["quantity"]
    assert len(report.discrepancies[0].values) == 8


def test_a_name_swapped_for_another_is_an_entity_discrepancy():
    report, types = flags("The review was ordered by chief constable Mary Jones last year.",
                          "The review was ordered by chief constable Peter Hale last year.")
    assert types == ["entity"]
    assert sorted(v.value for v in report.discrepancies[0].values) == ["Mary Jones", "Peter Hale"]


def test_title_case_headlines_do_not_make_every_word_a_name():
    _, types = flags("The Mayor Opened The Bridge On Monday.", "The Mayor Closed The Bridge On Monday.")
    assert "entity" not in types
