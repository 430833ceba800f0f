"""End to end on unseen articles: two invented four-article stories, written blind with an
answer key (tests/data/stories/key.json), measured for planted discrepancies found, look-
alikes left alone, and shared facts aligned."""

from __future__ import annotations

import json

import pytest

import claimcheck
from claimcheck import Source

from .conftest import DATA
from .test_alignment import _claims_at, _linked

STORIES = DATA / "stories"
KEY = json.loads((STORIES / "key.json").read_text(encoding="utf-8"))["stories"]
#: The discrepancy type a planted kind of difference is reported as.
REPORTED_AS = {"quote-speaker": "attribution"}


def _report(story):
    sources = [Source(id=p.stem, text=p.read_text(encoding="utf-8")) for p in sorted((STORIES / story).glob("*.txt"))]
    return claimcheck.compare(sources), {s.id: s.text for s in sources}


def _shows(d, values):
    """Whether discrepancy ``d`` shows the planted values, each in a source of its own
    (the variants recur in other articles than the two the key names)."""
    def where(planted):
        return {v.source for v in d.values if planted.lower() in v.value.lower() or v.value.lower() in planted.lower()}
    a, b = where(values[0]), where(values[1])
    return bool(a) and bool(b) and a != b


@pytest.fixture(scope="module")
def reports():
    return {story: _report(story) for story in KEY}


def test_planted_differences_are_found_and_nothing_else_is_flagged(reports, record_property):
    found = planted = 0
    missed, unplanted = [], []
    for story, key in KEY.items():
        report, _ = reports[story]
        shown = set()
        for p in key["planted"]:
            kind = REPORTED_AS.get(p["type"], p["type"])
            planted += 1
            hits = [d.id for d in report.discrepancies if d.type.value == kind and _shows(d, p["values"])]
            found += bool(hits)
            shown.update(hits)
            if not hits:
                missed.append((story, p["type"], p["values"]))
        unplanted += [(story, d.summary) for d in report.discrepancies if d.id not in shown]
        for m in key["must_not_flag"]:
            files = {f.removesuffix(".txt") for f in m["files"]}
            for d in report.discrepancies:
                hits = [v for v in d.values if v.source in files
                        and any(len(x) > 3 and x.lower() in v.value.lower() for x in m["values"])]
                assert len({v.source for v in hits}) < 2, (story, m["what"], d.summary)
    print(f"\nplanted differences found: {found}/{planted}; missed: {missed}; flags matching nothing "
          f"planted: {unplanted}")
    record_property("stories_planted_found", [found, planted])
    # measured when the stories were written (commit be423fb, before the fixes they led
    # to): 11/18; after them 17/18 (missed: a hospital named two ways, "Calder Royal
    # Infirmary" / "Halbrook General Hospital", in sentences too different to align)
    assert found >= 17
    # the one flag the key does not plant is a real difference: a3 quotes less of a
    # resident's words than a2 (the key's author planted one truncation per story)
    assert len(unplanted) <= 1, unplanted


def test_every_flag_shows_true_spans(reports):
    for report, texts in reports.values():
        assert report.discrepancies
        for d in report.discrepancies:
            assert all(texts[v.source][v.start:v.end] == v.value for v in d.values)


def test_shared_facts_are_aligned(reports, record_property):
    linked = pairs = 0
    for story, key in KEY.items():
        report, texts = reports[story]
        for fact in key["shared_facts"]:
            claims = [_claims_at(report, f.removesuffix(".txt"), s, texts) for f, s in zip(fact["files"], fact["sentences"])]
            for i in range(len(claims)):
                for j in range(i + 1, len(claims)):
                    pairs += 1
                    linked += _linked(report, claims[i], claims[j])
    print(f"\nshared-fact pairs aligned: {linked}/{pairs}")
    record_property("stories_shared_facts", [linked, pairs])
    assert linked >= 0.85 * pairs
