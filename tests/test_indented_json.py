"""The report's indented JSON is byte for byte what ``json.dumps`` writes: it is laid out
without the standard library's pure-Python indenting encoder, for speed on big reports."""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.indented_json import dumps

from .strategies import any_text

_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), any_text)
_json = st.recursive(_scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.tuples(inner, inner),
    st.dictionaries(st.one_of(any_text, st.integers(), st.floats(), st.booleans(), st.none()), inner, max_size=4)),
    max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(_json, st.sampled_from([0, 1, 2, 4]))
def test_indented_json_equals_json_dumps(data, indent):
    assert dumps(data, indent) == json.dumps(data, ensure_ascii=False, indent=indent)


def test_indented_json_records_and_odd_values():
    data = {"values": [{"a": "x\x00}\x00{y", "b": 1}, {"a": "}", "b": math.inf}], "empty": [{}, []],
            "nested": [[1, [2]], {"k": {"j": None}}]}
    assert dumps(data, 2) == json.dumps(data, ensure_ascii=False, indent=2)
