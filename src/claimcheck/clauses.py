"""Sub-sentence claims: split a statement that carries several facts into clauses.

News sentences often pack two facts into one ("the report praised the force's progress,
but set out 48 recommendations"), which another source states in two sentences. Each
clause becomes its own claim so that each can align with what other sources say; a
sentence that does not split keeps its one claim (and its id). Clause ids are the
sentence's id with ``.1``, ``.2``... appended; offsets still point into the original.

Boundaries are clause connectors read from the normalised text (``; ``, ``, but``,
``, which``/``, who`` (non-restrictive relatives), ``, and`` + verb, a comma before a
participle or past-tense verb, "a report that finds..."), taken only when both sides keep
at least :data:`MIN_CONTENT` content words, and never inside double quotes.

>>> from claimcheck.model import Source
>>> from claimcheck.normalise import normalise
>>> from claimcheck.segment import segment
>>> from claimcheck.extract import extract
>>> doc = normalise(Source(id="x", text="The review praised the progress officers had made on patrols, "
...                                       "but set out 48 recommendations for further improvement."))
>>> claims, _ = extract(doc, segment(doc))
>>> [(c.id, c.text) for c in split_clauses(doc, claims)]
[('x/s1.1', 'The review praised the progress officers had made on patrols,'), ('x/s1.2', 'but set out 48 recommendations for further improvement.')]
"""

from __future__ import annotations

import re
from typing import Sequence

import attrs

from .model import Claim, ClaimKind, Speaker
from .normalise import Document
from .provenance import cites_in
from .text import content_words

#: Each side of a split keeps at least this many content words, or the split is not taken.
MIN_CONTENT = 3

_DOC = r"(?:report|review|inquiry|study|survey|audit|statement|investigation)"
_AUX = r"(?:has|have|had|was|were|is|are|will|would|did|does|can|could|should|may|might)"
# Each pattern matches the gap between two clauses: text before it stays left, text from
# its end goes right. The connector word itself opens the right clause.
_BOUNDARIES = [
    re.compile(r";\s+"),
    re.compile(r",\s+(?=(?:but|while|whereas|although|though|which|who)\b)"),
    re.compile(rf",?\s+(?=and\s+(?:{_AUX}|\w+ed|said|says|told|tells)\b)"),
    # ", and" opening a clause with a subject of its own ("..., and 412 people stand to lose
    # their jobs", "..., and a consultation is under way"): a determiner or a figure, then a
    # verb within a few words
    re.compile(rf",\s+(?=and\s+(?:an?|the|this|its|their|\d[\d,.]*)\s+(?:[\w'’-]+\s+){{0,4}}?"
               rf"(?:{_AUX}|\w+(?:ed|s))\s)"),
    # ", with the loss of 412 jobs": an absolute phrase adding a fact
    re.compile(r",\s+(?=with\s+(?:the|an?|\d[\d,.]*)\s)"),
    re.compile(r",\s+(?=(?!according\b|including\b|during\b|following\b|regarding\b|concerning\b)[a-z]+ing\s)"),
    re.compile(r",\s+(?=(?!pictured\b|based\b|aged\b|dubbed\b|described\b|called\b|named\b)[a-z]+ed\s+(?:to|with|on|in|the|a|its|their)\b)"),
    re.compile(rf"\b{_DOC}\s+(?=that\s+[a-z]+(?:s|ed)\b)"),
]


#: The comma closing a relative clause inside the subject, before the main verb ("the
#: firm, which bought the plant in 2023, said production would move"): the relative
#: clause is a fact of its own.
_RELATIVE_OPEN = re.compile(r",\s+(?P<rel>which|who)\s")
_MAIN_VERB_AFTER = re.compile(rf"\s?,\s+(?=(?:said|says|added|told|found|concluded|warned|noted|stated|reported|"
                              rf"revealed|showed|{_AUX})\s)")
_RELATIVE_SPAN = 120


def _cuts(text: str) -> list[int]:
    """Candidate cut positions in a normalised sentence, outside double quotes."""
    cuts: set[int] = set()
    for rx in _BOUNDARIES:
        for m in rx.finditer(text):
            if text.count('"', 0, m.start()) % 2 == 0:
                cuts.add(m.end())
    for m in _RELATIVE_OPEN.finditer(text):
        close = _MAIN_VERB_AFTER.search(text, m.end(), min(len(text), m.end() + _RELATIVE_SPAN))
        if close is not None and ";" not in text[m.end():close.start()] and "," not in text[m.end():close.start()] \
                and text.count('"', 0, close.start()) % 2 == 0:
            cuts.add(close.end())
            # the subject before the relative clause is no clause of its own ("Judge Ann Lee, |
            # who ..."): its cut would leave a name with nothing said of it
            cuts.discard(m.start("rel"))
    return sorted(cuts)


def clause_ranges(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` ranges of the clauses of ``text`` (one range when it does not split).

    >>> t = "the force missed ways to protect victims, and failed to coordinate operations with local authorities"
    >>> [t[a:b] for a, b in clause_ranges(t)]
    ['the force missed ways to protect victims, ', 'and failed to coordinate operations with local authorities']
    """
    ranges: list[tuple[int, int]] = []
    start = 0
    for cut in _cuts(text):
        left, right = text[start:cut], text[cut:]
        if len(content_words(left)) >= MIN_CONTENT and len(content_words(right)) >= MIN_CONTENT:
            ranges.append((start, cut))
            start = cut
    ranges.append((start, len(text)))
    return ranges


#: A relative clause that reports a finding: "..., which found", "..., who said".
_RELATIVE_CREDIT = re.compile(
    r"(?:which|who)\s+(?:has\s+|have\s+|had\s+)?(?:also\s+)?"
    r"(?:found|finds|concluded|concludes|said|says|revealed|reveals|showed|shows|warned|warns|"
    r"estimated|estimates|reported|reports|stated|states)\b", re.I)
#: A clause opening on the main verb of a finding, its subject cut off before a relative
#: clause ("The council's own audit, which looked at it in 2021, | concluded that ...").
MAIN_CREDIT = re.compile(
    r"(?:has\s+|have\s+|had\s+)?(?:also\s+)?(?:found|concluded|said|warned|noted|stated|reported|revealed|"
    r"showed)\b", re.I)
#: The most words a subject credited so may hold (a name or a document, not a clause).
SUBJECT_WORDS = 8
_DOC_NOUN = re.compile(rf"\b{_DOC}\b", re.I)
_DETERMINER = re.compile(r"\b(?:an?|the|this|that|its|their|[\w]+['’]s)\s", re.I)
_WORD = re.compile(r"[\w'’.-]+")
#: Words that may sit inside a name between capitalised words ("Office for National Statistics").
_NAME_JOINERS = frozenset("of for and the".split())


def _trailing_name(left: str) -> tuple[int, int] | None:
    """The capitalised words ending ``left`` (a proper name, "of"/"for" inside), at most six."""
    tokens = list(_WORD.finditer(left))[-8:]
    start = None
    for m in reversed(tokens):
        w = m.group()
        if w[:1].isupper():
            start = m.start()
        elif w not in _NAME_JOINERS or start is None:
            break
    if start is None or start == tokens[0].start() and tokens[0].start() == 0:
        return None  # nothing capitalised, or the whole clause (a title-case line)
    name = left[start:].strip()
    return (start, start + len(name)) if len(name.split()) <= 6 else None


def antecedent(left: str) -> tuple[int, int] | None:
    """The span of what a relative clause after ``left`` refers to, when it can be credited
    with a finding: a document cited at the end of ``left`` ("the Harland report", "a report
    by Dr Ann Hale") or a capitalised name ("Professor Ann Hale"); ``None`` otherwise.

    >>> left = "The review was launched in the wake of the Harland report, "
    >>> s, e = antecedent(left); left[s:e]
    'the Harland report'
    >>> left = "This followed an inquiry by Professor Ann Hale, "
    >>> s, e = antecedent(left); left[s:e]
    'an inquiry by Professor Ann Hale'
    >>> antecedent("The council closed the road, ") is None
    True
    """
    end = len(left.rstrip(" ,"))
    for _name, s, e in cites_in(left):
        # the citation may stop short of the author's whole name ("a report by Professor")
        if e == end or re.fullmatch(r"(?:\s+[A-Z][\w'’.-]*){1,4}", left[e:end]):
            # start at the determiner nearest the document noun ("This followed an August
            # report" cites "an August report")
            noun = _DOC_NOUN.search(left, s, end)
            starts = [m.start() for m in _DETERMINER.finditer(left, s, noun.start() if noun else end)]
            return (starts[-1] if starts else s), end
    return _trailing_name(left[:end])


def split_clauses(doc: Document, claims: Sequence[Claim]) -> tuple[Claim, ...]:
    """``claims`` with each multi-clause statement replaced by one claim per clause.

    A relative clause reporting a finding ("the Harland report, which found 300 patients
    were harmed") is credited to what it refers to: its claim's ``speaker`` is that report
    or person (a span before the clause), so the finding keeps its credit once split off.
    """
    out: list[Claim] = []
    view = doc.view
    for c in claims:
        if c.kind is not ClaimKind.STATEMENT:
            out.append(c)
            continue
        a, b = view.normal_range(c.start, c.end)
        text = view.text[a:b]
        ranges = clause_ranges(text)
        if len(ranges) < 2:
            out.append(c)
            continue
        for k, (s, e) in enumerate(ranges, 1):
            piece = text[s:e]
            # trim spaces so the original span starts and ends on text
            s += len(piece) - len(piece.lstrip())
            e -= len(piece) - len(piece.rstrip())
            start, end = view.original(a + s, a + e)
            start, end = max(start, c.start), min(end, c.end)
            qs = tuple(q for q in c.quantities if start <= q.start < end)
            speaker = c.speaker
            rel = _RELATIVE_CREDIT.match(text, s) if k > 1 and speaker is None else None
            if rel is not None:
                # read the name in the original text: the normalised view may be lower-cased
                ls, le = view.original(a + ranges[k - 2][0], a + ranges[k - 1][0])
                span = antecedent(doc.text[ls:le])
                if span is not None:
                    ns, ne = ls + span[0], ls + span[1]
                    name = doc.text[ns:ne]
                    speaker = Speaker(name=name, start=ns, end=ne, key=" ".join(name.lower().split()),
                                      verb=rel.group().split()[-1].lower(),
                                      kind="document" if cites_in(name) else "unknown")
            main = MAIN_CREDIT.match(text, s) if k > 1 and speaker is None and rel is None else None
            if main is not None:
                # the subject before the relative clause the previous range opens with it
                ls, le = view.original(a + ranges[k - 2][0], a + ranges[k - 1][0])
                left = doc.text[ls:le]
                opened = _RELATIVE_OPEN.search(left)
                subject = left[:opened.start()].strip() if opened else ""
                if subject and len(subject.split()) <= SUBJECT_WORDS:
                    ns = ls + left.index(subject)
                    speaker = Speaker(name=subject, start=ns, end=ns + len(subject),
                                      key=" ".join(subject.lower().split()), verb=main.group().split()[-1].lower(),
                                      kind="document" if cites_in(subject) else "unknown")
            out.append(attrs.evolve(c, id=f"{c.id}.{k}", start=start, end=end, text=doc.text[start:end],
                                    norm=doc.norm(start, end), quantities=qs, speaker=speaker))
    return tuple(out)
