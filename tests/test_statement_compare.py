"""Entity and attribution discrepancies between aligned statements: flagged and not."""

from __future__ import annotations

import pytest

import claimcheck
from claimcheck import Source


def _types(a, b):
    report = claimcheck.compare([Source(id="a", text=a), Source(id="b", text=b)])
    return report, sorted({d.type.value for d in report.discrepancies})


def test_entity_swap_is_flagged_with_spans():
    a = "The review said the force failed to work effectively with local authorities in the city."
    b = "The review said the force failed to work effectively with the city council in the city."
    report, types = _types(a, b)
    assert "entity" in types
    d = next(d for d in report.discrepancies if d.type.value == "entity")
    texts = {s.id: s.text for s in report.sources}
    assert {v.value for v in d.values} == {"local authorities", "the city council"} or \
        {v.value for v in d.values} == {"local authorities", "city council"}
    assert all(texts[v.source][v.start:v.end] == v.value for v in d.values)
    assert d.summary.endswith(".") and "\n" not in d.summary


def test_attribution_to_different_authors_is_flagged():
    a = "Gangs abused at least 300 children in the town over a decade, according to a report by the regional health agency."
    b = "Gangs abused at least 300 children in the town over a decade, according to a report by Professor Ann Hale."
    report, types = _types(a, b)
    assert "attribution" in types
    d = next(d for d in report.discrepancies if d.type.value == "attribution")
    texts = {s.id: s.text for s in report.sources}
    assert all(texts[v.source][v.start:v.end] == v.value for v in d.values)
    assert {v.source for v in d.values} == {"a", "b"}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a swapped verb is not an entity
        ("Fiona Shaw won the Highlands seat for the Liberal Democrats by 4,312 votes.",
         "Fiona Shaw lost the Highlands seat for the Liberal Democrats by 4,312 votes."),
        # synonyms are the same party
        ("More than 40 children were treated in hospital after the crash on the bypass.",
         "More than 40 minors were treated in hospital after the crash on the bypass."),
        # the same author cited two ways
        ("The force missed chances to protect victims, according to a report by the National Crime Agency.",
         "The force missed chances to protect victims, according to a report by the NCA."),
        # an anonymous report credits nobody
        ("The force missed chances to protect victims, a report has found.",
         "The force missed chances to protect victims, according to a report by the NCA."),
        # identical statements
        ("The council approved the plan on Monday.", "The council approved the plan on Monday."),
        # two differences: not one role swapped
        ("The mayor opened the new bridge over the river on Monday.",
         "The governor closed the old bridge over the river on Friday."),
    ],
)
def test_not_flagged(a, b):
    _, types = _types(a, b)
    assert "entity" not in types and "attribution" not in types


def test_seed_report_has_no_statement_false_alarms(seed_report):
    # precision first: every entity/attribution value on the seeds must point at text
    texts = {s.id: s.text for s in seed_report.sources}
    for d in seed_report.discrepancies:
        if d.type.value in ("entity", "attribution"):
            assert all(texts[v.source][v.start:v.end] == v.value for v in d.values)
            assert len({v.source for v in d.values}) >= 2
