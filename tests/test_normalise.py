"""Normalisation: the matching view and its way back to the original text."""

from __future__ import annotations

import pytest
from hypothesis import given

from claimcheck.model import NoteKind, Source
from claimcheck.normalise import normalise, normalise_text

from .strategies import any_text, news_text


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("peopleâ€™s services", "people's services"),
        ("“Quoted” — and ‘single’", '"quoted" - and \'single\''),
        ("the nca 's report ( pictured ) .", "the nca's report (pictured)."),
        ("he said : ' we will act , ' he added .", "he said: \"we will act,\" he added."),
        ("``tokenised quotes''", '"tokenised quotes"'),
        ("A\u00a0non-breaking\u2009space\u200b here", "a non-breaking space here"),
        ("Line one\r\nline two", "line one line two"),
        ("it isn't , is it ?", "it isn't, is it?"),
    ],
)
def test_normalised_view(original, expected):
    assert normalise_text(original).text == expected


def test_offset_map_points_back_to_original_words():
    text = "South Yorkshire police 's ' review ' found peopleâ€™s views ."
    view = normalise_text(text)
    for word in ["police's", "review", "people's", "views"]:
        i = view.text.index(word)
        s, e = view.original(i, i + len(word))
        assert normalise_text(text[s:e]).text.replace(" ", "").strip('"') == word


def test_mojibake_and_tokenised_notes():
    doc = normalise(Source(id="x", text="the nca 's review of peopleâ€™s services , he said ."))
    kinds = [n.kind for n in doc.notes]
    assert NoteKind.REPAIRED in kinds and NoteKind.TOKENISED in kinds
    repaired = next(n for n in doc.notes if n.kind is NoteKind.REPAIRED)
    assert doc.text[repaired.start:repaired.end] == "â€™"


def test_clean_text_gets_no_notes():
    doc = normalise(Source(id="x", text="The council said: “We will act.” It did, in 2015."))
    assert doc.notes == () and not doc.tokenised


@given(any_text)
def test_normalising_twice_equals_once(text):
    once = normalise_text(text).text
    assert normalise_text(once).text == once


@given(any_text)
def test_offset_map_monotone_and_inside(text):
    view = normalise_text(text)
    assert len(view.starts) == len(view.ends) == len(view.text)
    assert list(view.starts) == sorted(view.starts)
    assert list(view.ends) == sorted(view.ends)
    for s, e in zip(view.starts, view.ends):
        assert 0 <= s < e <= len(text)


@given(news_text)
def test_every_normalised_range_maps_to_a_valid_original_range(text):
    view = normalise_text(text)
    n = len(view.text)
    for a in range(0, n, 3):
        for b in range(a, n + 1, 5):
            s, e = view.original(a, b)
            assert 0 <= s <= e <= len(text)
