"""A page's own dateline as the publication date of a source given without one."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, strategies as st

import claimcheck
from claimcheck import Source
from claimcheck.dateline import read_dateline
from claimcheck.normalise import normalise
from claimcheck.segment import segment

BODY = ("Workers at the Tarnby shoe factory were told of its closure on Tuesday. The firm said 212 jobs "
        "would go by the end of September.")


def _dateline(text):
    doc = normalise(Source(id="a", text=text))
    found = read_dateline(doc, segment(doc))
    return None if found is None else (found.date, text[found.start:found.end])


@pytest.mark.parametrize(("head", "expected"), [
    ("By Sam Reed, Business Reporter\n\nTuesday 3 June 2025", ("2025-06-03", "3 June 2025")),
    ("By Sam Reed\n\n9:42am, Wednesday 4 June 2025 | Updated 12:10pm", ("2025-06-04", "4 June 2025")),
    ("The Midlands Economic Review, Thursday 5 June 2025", ("2025-06-05", "5 June 2025")),
    ("by sam reed , uk news agency\n\ntuesday 17 june 2025", ("2025-06-17", "17 june 2025")),
])
def test_a_dated_line_in_the_page_head_is_read(head, expected):
    assert _dateline(f"Shoe factory to close\n\n{head}\n\n{BODY}") == expected


@pytest.mark.parametrize("text", [
    # no year: which year is unknown
    f"Shoe factory to close\n\nPublished 10:42, Monday 10 March\n\n{BODY}",
    # a date inside the article's sentences is an event's
    f"Shoe factory to close\n\nThe factory opened on 3 June 1864. {BODY}",
    # a month and year is no day
    f"Shoe factory to close\n\nJune 2025\n\n{BODY}",
])
def test_no_dateline_where_the_head_holds_no_full_date_of_its_own(text):
    assert _dateline(text) is None


def test_the_dateline_dates_the_source_with_a_note_at_its_span():
    text = f"Shoe factory to close\n\nTuesday 3 June 2025\n\n{BODY} It had been sold last December."
    report = claimcheck.compare([Source(id="a", text=text), Source(id="b", text=BODY)])
    assert [(s.id, s.published) for s in report.sources] == [("a", "2025-06-03"), ("b", None)]
    note, = [n for n in report.notes if n.detail.startswith("dateline")]
    assert (note.source, text[note.start:note.end]) == ("a", "3 June 2025")
    december, = [q for c in report.claims if c.source == "a" for q in c.quantities if q.text == "last December"]
    assert december.value == 20241200  # "last December" before June 2025


def test_metadata_wins_over_the_dateline():
    text = f"Shoe factory to close\n\nTuesday 3 June 2025\n\n{BODY}"
    report = claimcheck.compare([Source(id="a", text=text, published="2025-06-09"), Source(id="b", text=BODY)])
    assert report.sources[0].published == "2025-06-09"
    assert not [n for n in report.notes if n.detail.startswith("dateline")]


def _weekdays_flagged(a_date, b_date):
    a = (f"Tarnby shoe factory to close\n\n{a_date}\n\nWorkers were told of the decision at a meeting on the "
         "factory floor on Tuesday. The firm said 212 jobs would go.")
    b = (f"Tarnby shoe factory closure\n\n{b_date}\n\nA support service held its first drop-in session for "
         "affected workers at the factory on Monday. Staff said morale was low.")
    report = claimcheck.compare([Source(id="a", text=a), Source(id="b", text=b)])
    return [sorted(v.value for v in d.values) for d in report.discrepancies if d.type.value == "date"]


def test_days_of_the_week_in_sources_published_weeks_apart_are_days_of_two_weeks():
    """ "on Tuesday" in the first report and "on monday" in an update two weeks on: the
    datelines say two weeks. Published a day apart, the two days are one event's."""
    assert _weekdays_flagged("Tuesday 3 June 2025", "Tuesday 17 June 2025") == []
    assert _weekdays_flagged("Tuesday 3 June 2025", "Wednesday 4 June 2025") == [["Monday", "Tuesday"]]


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(["%A %d %B %Y", "%d %B %Y", "%H:%M, %A %d %B %Y | Updated %H:%M"]))
def test_any_printed_date_reads_back_as_itself(day, fmt):
    head = day.strftime(fmt).replace("00:00", "9:42")
    found = _dateline(f"Shoe factory to close\n\n{head}\n\n{BODY}")
    assert found is not None and found[0] == day.isoformat()


def test_publication_metadata_that_is_no_iso_date_dates_nothing():
    # metadata is the user's: "June 2025" is kept as given, read as no date, and breaks nothing
    report = claimcheck.compare([Source(id="a", text=BODY, published="June 2025"),
                                 Source(id="b", text=f"Shoe factory to close\n\nTuesday 3 June 2025\n\n{BODY}")])
    assert [(s.id, s.published) for s in report.sources] == [("a", "June 2025"), ("b", "2025-06-03")]
