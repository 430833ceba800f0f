"""The report's tables and indented JSON are byte for byte what tabulate and
``json.dumps`` write: both are laid out without them for speed on big reports."""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from claimcheck import tables
from claimcheck.indented_json import dumps
from claimcheck.tables import table

from .strategies import any_text, news_text

# cells: prose, hostile text (wide, zero-width, control, combining characters), numbers as text
_cell = st.one_of(news_text, any_text, st.sampled_from(["", " ", "1", "-2.5", "1,400", "True", "nan", "1e3",
                                                         "｜全角", "a|b", "\x01", "x\x1b[31my", "0x1f"]))


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(
    st.lists(st.lists(_cell, min_size=n, max_size=n), min_size=1, max_size=6),
    st.lists(st.one_of(st.sampled_from(["id", "claim", "span"]), any_text), min_size=n, max_size=n))),
    st.sampled_from(["simple", "github"]))
def test_table_equals_tabulate(table_and_headers, fmt):
    rows, headers = table_and_headers
    assert table(rows, headers, fmt) == tabulate(rows, headers, tablefmt=fmt)


def test_text_tables_take_the_plain_path():
    rows = [["gen0001", "Ten people died.", "[3:9]"], ["b", "“Quoted” — wide: 全角", "[10:20]"]]
    for fmt in ("simple", "github"):
        assert tables._plain(rows, ["source", "claim", "span"], fmt) is not None
        assert table(rows, ["source", "claim", "span"], fmt) == tabulate(rows, ["source", "claim", "span"], tablefmt=fmt)


def test_mixed_tables_fall_back_to_tabulate():
    rows = [["a", 12, "0.50"], ["b", 3, ""]]
    assert table(rows, ["source", "chars", "score"], "simple") == tabulate(rows, ["source", "chars", "score"])


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
