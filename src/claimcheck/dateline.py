"""The publication date a page prints in its head, for sources given without one.

Copied articles keep their dateline: "Tuesday 3 June 2025" under the byline, "9:42am,
Wednesday 4 June 2025 | Updated 12:10pm", "The Midlands Economic Review, Thursday 5 June
2025". Read as the source's publication date, it dates "last December" and says which
week "on Monday" means, and it orders sources for provenance. Metadata always wins: a
source given a ``published`` date keeps it.

>>> from claimcheck.model import Source
>>> from claimcheck.normalise import normalise
>>> from claimcheck.segment import segment
>>> doc = normalise(Source(id="a", text="Factory to close\\n\\nTuesday 3 June 2025\\n\\nThe factory will close."))
>>> found = read_dateline(doc, segment(doc))
>>> found.date, doc.text[found.start:found.end]
('2025-06-03', '3 June 2025')
"""

from __future__ import annotations

from collections import Counter
from typing import Optional, Sequence

from attrs import frozen

from .model import Sentence
from .normalise import Document
from .quantities import find_quantities, iso_day

#: How many sentences from the top a dateline may stand at (below the page's menus and
#: cookie banner, above the article).
HEAD_SENTENCES = 15
#: The most words a dateline's line holds ("9:42am, Wednesday 4 June 2025 | Updated 12:10pm").
LINE_WORDS = 12


@frozen
class Dateline:
    """A publication date (ISO ``YYYY-MM-DD``) and the span of the text it was read from."""

    date: str
    start: int
    end: int


def read_dateline(doc: Document, sentences: Sequence[Sentence]) -> Optional[Dateline]:
    """The first full date (day, month and year) on a line of its own near the top of
    ``doc``, or None. A line of its own: a paragraph of one short sentence, as a page
    sets its dateline; a date inside the article's sentences is an event's."""
    per_paragraph = Counter(s.paragraph for s in sentences)
    for s in sentences[:HEAD_SENTENCES]:
        line = doc.text[s.start:s.end]
        if per_paragraph[s.paragraph] != 1 or len(line.split()) > LINE_WORDS:
            continue
        for q in find_quantities(line):
            if (day := iso_day(q)) is not None:  # a day with its month and year
                return Dateline(date=day, start=s.start + q.start, end=s.start + q.end)
    return None
