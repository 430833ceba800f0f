"""The data model: every value that flows through the pipeline.

All types are frozen, slotted attrs classes. Offsets are half-open ``[start, end)``
character positions into :attr:`Source.text` *exactly as decoded*: nothing here ever
points into a normalised copy, so ``source.text[start:end]`` is always what is shown.

>>> src = Source(id="a", text="Police said 12 people were hurt.")
>>> span = Span(source="a", start=12, end=14)
>>> span.slice(src.text)
'12'
"""

from __future__ import annotations

import enum
from typing import Any, Iterable, Optional

import attrs
from attrs import field, frozen


def _check_offsets(instance: Any, attribute: Any, value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0 (got {value})")


def _check_order(instance: Any) -> None:
    if instance.end < instance.start:
        raise ValueError(f"end must be >= start (got start={instance.start}, end={instance.end})")


def _opt_str(value: Any) -> Optional[str]:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


# Typed converters (mypy's attrs plugin cannot type ``converter=tuple``).
def _strs(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _notes(items: Iterable["Note"]) -> tuple["Note", ...]:
    return tuple(items)


def _quantities(items: Iterable["Quantity"]) -> tuple["Quantity", ...]:
    return tuple(items)


def _values(items: Iterable["Value"]) -> tuple["Value", ...]:
    return tuple(items)


def _carriers(items: Iterable["Carrier"]) -> tuple["Carrier", ...]:
    return tuple(items)


def _credits(items: Iterable["Credit"]) -> tuple["Credit", ...]:
    return tuple(items)


def _citations(items: Iterable["Citation"]) -> tuple["Citation", ...]:
    return tuple(items)


def _passages(items: Iterable["SharedPassage"]) -> tuple["SharedPassage", ...]:
    return tuple(items)


def _links(items: Iterable[Any]) -> tuple["Link", ...]:
    # a Link, or its JSON form (a dict) when a report is read back
    return tuple(x if isinstance(x, Link) else Link(**x) for x in items)


@frozen
class Source:
    """One article: its text exactly as decoded and the metadata the caller knows.

    ``id`` must be unique within a comparison; ``published`` is an ISO date
    (``YYYY-MM-DD``) when known. ``notes`` carries what loading had to repair.

    >>> Source(id="bbc", text="Text.", outlet="BBC").outlet
    'BBC'
    """

    id: str = field(validator=attrs.validators.instance_of(str))
    text: str = field(validator=attrs.validators.instance_of(str), repr=False)
    title: Optional[str] = field(default=None, converter=_opt_str)
    outlet: Optional[str] = field(default=None, converter=_opt_str)
    url: Optional[str] = field(default=None, converter=_opt_str)
    published: Optional[str] = field(default=None, converter=_opt_str)
    path: Optional[str] = field(default=None)
    notes: tuple["Note", ...] = field(default=(), converter=_notes, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if not self.id.strip():
            raise ValueError("Source.id must be a non-empty string")


@frozen
class Span:
    """A half-open character range ``[start, end)`` in one source's original text."""

    source: str
    start: int = field(validator=_check_offsets)
    end: int = field(validator=_check_offsets)

    def __attrs_post_init__(self) -> None:
        _check_order(self)

    def slice(self, text: str) -> str:
        """Return the piece of ``text`` this span covers."""
        return text[self.start : self.end]


class NoteKind(str, enum.Enum):
    """What a note says about a stretch of a source."""

    ENCODING = "encoding"  # decoded with a fallback codec
    REPAIRED = "repaired"  # mojibake repaired for matching
    TOKENISED = "tokenised"  # text looked tokenised and was detokenised for matching
    BOILERPLATE = "boilerplate"  # newsletter prompt, credit, footer, teaser ...
    CAPTION = "caption"  # picture caption or credit
    DUPLICATE = "duplicate"  # repeats an earlier sentence of the same source
    FRAGMENT = "fragment"  # heading or dateline, not a statement
    QUOTE = "quote"  # unbalanced or stray quote marks
    INFO = "info"


@frozen
class Note:
    """Something a user should know about a stretch of a source (never silently dropped)."""

    source: str
    start: int
    end: int
    kind: NoteKind = field(converter=NoteKind)
    detail: str


@frozen
class Sentence:
    """A sentence of a source, with its original span and its normalised matching text."""

    source: str
    index: int
    start: int
    end: int
    text: str  # original text, == source.text[start:end]
    norm: str  # normalised for matching (repaired, unified, detokenised, case folded)
    paragraph: int = 0
    noise: Optional[NoteKind] = field(default=None)


class Bound(str, enum.Enum):
    """How a hedge bounds a number: "at least 5" is GE, "over 5" GT, "about 5" APPROX."""

    EQ = "eq"
    GE = "ge"
    GT = "gt"
    LE = "le"
    LT = "lt"
    APPROX = "approx"


@frozen
class Quantity:
    """A number found in a source, with its bound, unit and the thing it counts.

    ``value``/``upper`` hold a single value or a range (``upper`` is ``None`` for a
    single value). ``start``/``end`` cover the whole phrase shown to the user.
    """

    source: str
    start: int
    end: int
    text: str
    value: float
    upper: Optional[float] = None
    kind: str = "count"  # count, percent, money, measure, year, range, duration, date, ordinal, age
    unit: Optional[str] = None
    bound: Bound = field(default=Bound.EQ, converter=Bound)
    hedge: Optional[str] = None
    hedge_start: Optional[int] = None
    hedge_end: Optional[int] = None
    referent: Optional[str] = None  # the counted thing, lemmatised ("child")
    referent_text: Optional[str] = None  # as written ("children")
    referent_start: Optional[int] = None
    referent_end: Optional[int] = None


@frozen
class Speaker:
    """Who a claim or quote is credited to, where the name stands, and how."""

    name: str  # display name, as written at the anchoring mention
    start: int
    end: int
    key: str = ""  # canonical lower-case key that matches the same speaker across sources
    verb: Optional[str] = None
    role: Optional[str] = None
    kind: str = "unknown"  # person, organisation, document, unknown


class ClaimKind(str, enum.Enum):
    STATEMENT = "statement"
    QUOTE = "quote"
    QUANTITY = "quantity"


@frozen
class Claim:
    """A statement, quote or quantity a source makes, anchored to its original text."""

    id: str
    source: str
    start: int
    end: int
    text: str
    kind: ClaimKind = field(converter=ClaimKind)
    norm: str = field(default="", repr=False, eq=False)
    sentence: int = 0
    speaker: Optional[Speaker] = None
    quantities: tuple[Quantity, ...] = field(default=(), converter=_quantities, repr=False)
    fragment: bool = False  # quotes only: a few words inside a sentence, not a full quote


class Relation(str, enum.Enum):
    """How the members of a group relate to each other textually."""

    SINGLE = "single"  # only one source makes this claim
    VERBATIM = "verbatim"
    NEAR_VERBATIM = "near-verbatim"
    PARAPHRASE = "paraphrase"


@frozen
class Link:
    """Another group whose claims also state a group's fact (an "also states" link).

    ``group`` is the other group's id, ``claims`` the ids of *its* members that state the
    fact (in report order), ``score`` the best pair score that made the link (see
    :func:`claimcheck.align.relate`). ``via`` names the claims of *this* group that those
    claims matched, all together (at or above the link's threshold, in report order):
    which part of a broad group they state, such as one paragraph of a long quote. Empty
    means the whole group (every member matched, or a report read back without it).

    >>> Link(group="g12", claims=["001/s4"], score=0.52, via=["002/q13"])
    Link(group='g12', claims=('001/s4',), score=0.52, via=('002/q13',))
    """

    group: str
    claims: tuple[str, ...] = field(converter=_strs)
    score: float = 0.0
    via: tuple[str, ...] = field(default=(), converter=_strs)


@frozen
class Group:
    """Claims from one or more sources that state the same thing."""

    id: str
    claims: tuple[str, ...] = field(converter=_strs)
    sources: tuple[str, ...] = field(converter=_strs)
    relation: Relation = field(converter=Relation)
    score: float = 1.0
    kind: ClaimKind = field(default=ClaimKind.STATEMENT, converter=ClaimKind)
    # quote groups: exact, same-words, truncated or altered (see claimcheck.quotecheck); None otherwise
    fidelity: Optional[str] = None
    # where else this group's fact is stated: other groups and which of their claims (a
    # statement telling a quote in other words, a sentence's second fact; see align.relate)
    related: tuple[Link, ...] = field(default=(), converter=_links)

    def __str__(self) -> str:
        from .render import group_text

        return group_text(self)

    def _repr_html_(self) -> str:
        from .html import group_html

        return group_html(self)


class DiscrepancyType(str, enum.Enum):
    """The closed vocabulary of discrepancy types; see ``docs/concepts.md``."""

    QUANTITY = "quantity"
    HEDGE = "hedge"
    REFERENT = "referent"
    DATE = "date"
    PERIOD = "period"
    ENTITY = "entity"
    ATTRIBUTION = "attribution"
    QUOTE_WORDING = "quote-wording"
    QUOTE_TRUNCATION = "quote-truncation"


@frozen
class Value:
    """One source's side of a discrepancy: the value it gives and where."""

    source: str
    claim: str
    value: str
    start: int
    end: int


@frozen
class Discrepancy:
    """A typed difference between aligned claims, with per-source evidence."""

    id: str
    type: DiscrepancyType = field(converter=DiscrepancyType)
    group: str
    values: tuple[Value, ...] = field(converter=_values)
    summary: str
    detail: Optional[dict[str, Any]] = field(default=None, eq=False, hash=False)

    def __str__(self) -> str:
        from .render import discrepancy_text

        return discrepancy_text(self)

    def _repr_html_(self) -> str:
        from .html import discrepancy_html

        return discrepancy_html(self)


@frozen
class Carrier:
    source: str
    claim: str
    start: int
    end: int


@frozen
class Credit:
    """A speaker or body a source credits a claim to."""

    name: str
    key: str
    source: str
    claim: str
    start: int
    end: int
    kind: str = "unknown"


@frozen
class Citation:
    """A named document a source cites for a claim ("the Smith report", "a statement")."""

    name: str
    source: str
    claim: str
    start: int
    end: int


@frozen
class SharedPassage:
    """A long verbatim passage two sources share outside quotes."""

    a: str
    a_start: int
    a_end: int
    b: str
    b_start: int
    b_end: int
    words: int


@frozen
class Provenance:
    """Where a group's claim comes from."""

    group: str
    carried_by: tuple[Carrier, ...] = field(converter=_carriers)
    attributed_to: tuple[Credit, ...] = field(default=(), converter=_credits)
    cites: tuple[Citation, ...] = field(default=(), converter=_citations)
    shared_wording: tuple[SharedPassage, ...] = field(default=(), converter=_passages)
    earliest: Optional[str] = None
