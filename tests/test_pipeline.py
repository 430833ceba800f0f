"""The whole pipeline: invariants on any input, and the report's shape."""

from __future__ import annotations

import json
import random
from importlib import resources

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

import claimcheck
from claimcheck import Report, Source

from .strategies import news_text


def _spans_slice_back(report: Report) -> None:
    texts = {s.id: s.text for s in report.sources}
    for c in report.claims:
        assert texts[c.source][c.start:c.end] == c.text
        if c.speaker is not None:
            assert texts[c.source][c.speaker.start:c.speaker.end] == c.speaker.name
        for q in c.quantities:
            assert texts[c.source][q.start:q.end] == q.text
    for d in report.discrepancies:
        for v in d.values:
            assert texts[v.source][v.start:v.end] == v.value
    for p in report.provenance:
        for c in p.attributed_to:
            assert texts[c.source][c.start:c.end] == c.name
        for c in p.cites:
            assert texts[c.source][c.start:c.end] == c.name
        for s in p.shared_wording:
            assert 0 <= s.a_start < s.a_end <= len(texts[s.a]) and 0 <= s.b_start < s.b_end <= len(texts[s.b])
    for n in report.notes:
        assert 0 <= n.start <= n.end <= len(texts[n.source])


def _schema():
    text = resources.files("claimcheck").joinpath("schema/report.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


@settings(max_examples=60)
@given(st.lists(news_text.filter(lambda t: t.strip()), min_size=1, max_size=3))
def test_spans_slice_back_for_arbitrary_input(texts):
    report = claimcheck.compare([Source(id=f"s{i}", text=t) for i, t in enumerate(texts)])
    _spans_slice_back(report)
    jsonschema.validate(report.to_dict(), _schema())


@settings(max_examples=25)
@given(st.lists(news_text.filter(lambda t: t.strip()), min_size=2, max_size=4), st.randoms())
def test_json_is_identical_whatever_the_input_order(texts, rnd):
    sources = [Source(id=f"s{i}", text=t) for i, t in enumerate(texts)]
    shuffled = list(sources)
    rnd.shuffle(shuffled)
    assert claimcheck.compare(sources).to_json() == claimcheck.compare(shuffled).to_json()


def test_seed_report_invariants(seed_report):
    _spans_slice_back(seed_report)
    jsonschema.validate(seed_report.to_dict(), _schema())
    # every claim is in exactly one group
    placed = [c for g in seed_report.groups for c in g.claims]
    assert sorted(placed) == sorted(c.id for c in seed_report.claims)


def test_seed_json_identical_for_shuffled_files(seed_sources, seed_report):
    shuffled = list(seed_sources)
    random.Random(7).shuffle(shuffled)
    assert claimcheck.compare(shuffled).to_json() == seed_report.to_json()


def test_round_trip_through_json(seed_report, seed_texts):
    data = json.loads(seed_report.to_json())
    assert Report.from_dict(data, texts=seed_texts) == seed_report


def test_single_source_makes_single_groups():
    report = claimcheck.compare([Source(id="only", text="The bridge closed on Monday. Traffic was diverted.")])
    assert report.groups and all(g.relation.value == "single" for g in report.groups)
    assert report.discrepancies == ()
