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


@pytest.mark.parametrize(
    ("a", "b", "credits"),
    [
        # a figure found by one inquiry in one source, in another report in the other
        ("The death rate on the ward was twice the national average, a figure found by the Harland inquiry.",
         "The death rate on the ward was twice the national average, a figure found in the Dunmore report.",
         {"the Harland inquiry", "the Dunmore report"}),
        # an agency's finding in one source, a person's report in the other
        ("Waiting times at the hospital doubled between 2019 and 2023, the Care Quality Commission found.",
         "Waiting times at the hospital doubled between 2019 and 2023, according to a report by Professor Ann Hale.",
         {"the Care Quality Commission", "a report by Professor Ann Hale"}),
        # "according to X" against "Y's report"
        ("Fewer than half of the town's bridges had been inspected, according to the Westmoor Trust.",
         "Fewer than half of the town's bridges had been inspected, Dr Omar Reyes's report concluded.",
         {"the Westmoor Trust", "Dr Omar Reyes's report"}),
    ],
)
def test_finding_credited_to_different_bodies_is_flagged(a, b, credits):
    report, types = _types(a, b)
    assert "attribution" in types
    d = next(d for d in report.discrepancies if d.type.value == "attribution")
    texts = {s.id: s.text for s in report.sources}
    assert all(texts[v.source][v.start:v.end] == v.value for v in d.values)
    assert {v.value for v in d.values} == credits
    assert {v.source for v in d.values} == {"a", "b"}
    assert d.summary.endswith(".") and "\n" not in d.summary and "different bodies" in d.summary


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the same body named in full, then as "the agency"
        ("The river burst its banks at Tewkesbury on Sunday, the Environment Agency said.",
         "The river burst its banks at Tewkesbury on Sunday, the agency said."),
        # a full name and its acronym
        ("Waiting times at the hospital doubled between 2019 and 2023, according to the Care Quality Commission.",
         "Waiting times at the hospital doubled between 2019 and 2023, the CQC said."),
        # both credits present in both sources
        ("Waiting times at the hospital doubled between 2019 and 2023, the Care Quality Commission found, "
         "according to Professor Ann Hale.",
         "Professor Ann Hale said waiting times at the hospital doubled between 2019 and 2023, "
         "the Care Quality Commission found."),
        # one body, as a speaker and as the author of a report
        ("Waiting times at the hospital doubled between 2019 and 2023, the Nuffield Trust said.",
         "Waiting times at the hospital doubled between 2019 and 2023, the Nuffield Trust's report found."),
        # one person, with and without a first name
        ("The death rate on the ward was twice the national average, Professor Hale's report found.",
         "The death rate on the ward was twice the national average, according to a report by Professor Ann Hale."),
        # only one source credits anyone
        ("The death rate on the ward was twice the national average, the Harland inquiry found.",
         "The death rate on the ward was twice the national average."),
    ],
)
def test_same_credit_is_not_flagged(a, b):
    _, types = _types(a, b)
    assert "attribution" not in types
