"""Shortcuts taken for speed give what the plain definitions give (issue 7, quote path
round 4): each is checked against the plain computation it replaces."""

from __future__ import annotations

import gc
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import claimcheck
from claimcheck import Source
from claimcheck import quote_versions as qv
from claimcheck.model import Claim
from claimcheck.normalise import _Builder, _LONE_QUOTE_RE
from claimcheck.quotecheck import _may_be_same
from claimcheck.quotewords import _match

from .strategies import any_text

_WORDS = st.lists(st.sampled_from("we will not rest until they are caught never police".split()), max_size=12)


@given(_WORDS, _WORDS)
def test_lcs_prefilter_never_drops_a_same_pair(a, b):
    ka, kb = tuple(a), tuple(b)
    if _match(ka, kb).same or _match(kb, ka).same:
        assert _may_be_same(ka, kb)


def _plain_signature(u):
    n = len(u.words)
    return (u.fragment, tuple(w.key for w in u.words), u.seams, u.breaks, (),
            tuple(qv._elided(u, p) for p in range(n + 1)), tuple(qv._bracketed(u, i, i + 1) for i in range(n)))


@pytest.mark.parametrize("texts", [
    ["We will not rest until they are caught."],
    ["We will not . . . rest until", "they are caught [by police] soon."],
    ["We will not.", ". . rest until they are caught"],
    ["We will not..", ".rest until they are caught…"],
    ["The [council] said", "it would act. . . and then it did"],
    ["Nothing odd here at all", "and nothing odd here either."],
])
def test_signature_shortcuts_equal_word_by_word_marks(texts):
    claims, at = [], 0
    for n, text in enumerate(texts):
        claims.append(Claim(id=f"a/q{n}", source="a", start=at, end=at + len(text), text=text, kind="quote"))
        at += len(text) + 2
    for u in qv._units(claims):
        assert qv._read_signature(u, coarse=True) == _plain_signature(u)


@given(st.lists(st.sampled_from(["word", "...", ". .", "…", ".", "[x]", "[", "]", "y."]), min_size=1, max_size=8),
       st.integers(min_value=1, max_value=3))
def test_signature_shortcuts_equal_word_by_word_marks_generated(pieces, n_claims):
    texts = [" ".join(pieces[i::n_claims]) for i in range(n_claims)]
    claims, at = [], 0
    for n, text in enumerate(t for t in texts if t):
        claims.append(Claim(id=f"a/q{n}", source="a", start=at, end=at + len(text), text=text, kind="quote"))
        at += len(text) + 1
    for u in qv._units(claims):
        assert qv._read_signature(u, coarse=True) == _plain_signature(u)


@given(any_text)
def test_detokenising_edits_equal_the_substitution(text):
    """``_detokenise_quotes`` edits the positions it decided on; the substitution it replaced
    visited every space and quote mark."""
    b1 = _Builder(text, list(range(len(text))), list(range(1, len(text) + 1)))
    b2 = _Builder(text, list(range(len(text))), list(range(1, len(text) + 1)))
    actions: dict[int, str] = {}
    state = {'"': False, "'": False}
    for m in _LONE_QUOTE_RE.finditer(text):
        i = m.start()
        actions[i] = '"'
        if state[text[i]]:
            if i > 0 and text[i - 1] == " ":
                actions[i - 1] = ""
        elif i + 1 < len(text) and text[i + 1] == " ":
            actions[i + 1] = ""
        state[text[i]] = not state[text[i]]
    got1 = b1.sub(re.compile("[ '\"]"), lambda m: actions.get(m.start()))
    got2 = b2.edit([(i, i + 1, new) for i, new in sorted(actions.items()) if new != text[i]])
    assert (got1, b1.text, b1.starts, b1.ends) == (got2, b2.text, b2.starts, b2.ends)


@pytest.mark.parametrize("enabled", [True, False])
def test_compare_leaves_the_garbage_collector_as_it_was(enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        claimcheck.compare([Source(id="a", text="Police said 300 people left."),
                            Source(id="b", text="Police said 200 people left.")])
        assert gc.isenabled() is enabled
        with pytest.raises(claimcheck.InputError):
            claimcheck.compare([])
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
