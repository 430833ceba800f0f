"""The result of a comparison, and its stable JSON form (``claimcheck.report/2``).

A :class:`Report` is plain data; :mod:`claimcheck.render` turns it into text,
Markdown, JSON or the other formats. ``Report.from_dict(report.to_dict()) == report``.
"""

from __future__ import annotations

import json
import operator
from typing import Any, Callable, Iterable, Optional

import attrs
from attrs import field, frozen

from .model import (
    Carrier,
    Citation,
    Claim,
    Credit,
    Discrepancy,
    Group,
    Note,
    Provenance,
    Quantity,
    SharedPassage,
    Source,
    Speaker,
    Value,
)

SCHEMA = "claimcheck.report/2"


# Typed converters (mypy's attrs plugin cannot type ``converter=tuple``).
def _sources(items: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(items)


def _claims(items: Iterable[Claim]) -> tuple[Claim, ...]:
    return tuple(items)


def _groups(items: Iterable[Group]) -> tuple[Group, ...]:
    return tuple(items)


def _discrepancies(items: Iterable[Discrepancy]) -> tuple[Discrepancy, ...]:
    return tuple(items)


def _provenance(items: Iterable[Provenance]) -> tuple[Provenance, ...]:
    return tuple(items)


def _notes(items: Iterable[Note]) -> tuple[Note, ...]:
    return tuple(items)


@frozen
class Report:
    """Everything claimcheck found about a set of sources."""

    sources: tuple[Source, ...] = field(converter=_sources)
    claims: tuple[Claim, ...] = field(converter=_claims)
    groups: tuple[Group, ...] = field(converter=_groups)
    discrepancies: tuple[Discrepancy, ...] = field(converter=_discrepancies)
    provenance: tuple[Provenance, ...] = field(converter=_provenance)
    notes: tuple[Note, ...] = field(converter=_notes)

    # -- lookups ---------------------------------------------------------------------
    def claim(self, claim_id: str) -> Claim:
        """The claim with this id."""
        for c in self.claims:
            if c.id == claim_id:
                return c
        raise KeyError(claim_id)

    def source(self, source_id: str) -> Source:
        """The source with this id."""
        for s in self.sources:
            if s.id == source_id:
                return s
        raise KeyError(source_id)

    @property
    def shared_groups(self) -> tuple[Group, ...]:
        """Groups carried by more than one source."""
        return tuple(g for g in self.groups if len(g.sources) > 1)

    def summary(self) -> dict[str, int]:
        return {
            "sources": len(self.sources),
            "claims": len(self.claims),
            "groups": len(self.groups),
            "shared_groups": len(self.shared_groups),
            "discrepancies": len(self.discrepancies),
            "notes": len(self.notes),
        }

    # -- serialisation -----------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data, in a fixed key order."""
        return {
            "schema": SCHEMA,
            "summary": self.summary(),
            "sources": [
                {"id": s.id, "path": s.path, "title": s.title, "outlet": s.outlet, "url": s.url,
                 "published": s.published, "length": len(s.text)}
                for s in self.sources
            ],
            "claims": [_claim_dict(c) for c in self.claims],
            "groups": [
                {"id": g.id, "kind": g.kind.value, "claims": list(g.claims), "sources": list(g.sources),
                 "relation": g.relation.value, "score": g.score, "fidelity": g.fidelity,
                 "related": [{"group": r.group, "claims": list(r.claims), "score": r.score, "via": list(r.via)}
                             for r in g.related]}
                for g in self.groups
            ],
            "discrepancies": [
                {"id": d.id, "type": d.type.value, "group": d.group, "summary": d.summary,
                 "values": [_fields(v) for v in d.values],
                 **({"detail": d.detail} if d.detail else {})}
                for d in self.discrepancies
            ],
            "provenance": [
                {"group": p.group,
                 "carried_by": [_fields(c) for c in p.carried_by],
                 "attributed_to": [_fields(c) for c in p.attributed_to],
                 "cites": [_fields(c) for c in p.cites],
                 "shared_wording": [_fields(s) for s in p.shared_wording],
                 "earliest": p.earliest}
                for p in self.provenance
            ],
            "notes": [
                {"source": n.source, "start": n.start, "end": n.end, "kind": n.kind.value, "detail": n.detail}
                for n in self.notes
            ],
        }

    def to_json(self, *, indent: Optional[int] = 2) -> str:
        """The JSON report: byte-identical for the same input, whatever its order."""
        if isinstance(indent, int) and not isinstance(indent, bool):
            from .indented_json import dumps  # json.dumps' exact text, faster for big reports

            return dumps(self.to_dict(), indent) + "\n"
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent) + "\n"

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, texts: Optional[dict[str, str]] = None) -> "Report":
        """Rebuild a report from :meth:`to_dict` output (source texts are not stored in
        the JSON; pass them as ``texts`` to get them back, else they are empty)."""
        texts = texts or {}
        sources = [
            Source(id=s["id"], text=texts.get(s["id"], ""), title=s["title"], outlet=s["outlet"], url=s["url"],
                   published=s["published"], path=s["path"])
            if texts.get(s["id"]) else _bare_source(s)
            for s in data["sources"]
        ]
        claims = [_claim_from(c) for c in data["claims"]]
        groups = [Group(**g) for g in data["groups"]]
        discrepancies = [
            Discrepancy(id=d["id"], type=d["type"], group=d["group"], summary=d["summary"],
                        values=[Value(**v) for v in d["values"]], detail=d.get("detail"))
            for d in data["discrepancies"]
        ]
        provenance = [
            Provenance(group=p["group"], carried_by=[Carrier(**c) for c in p["carried_by"]],
                       attributed_to=[Credit(**c) for c in p["attributed_to"]],
                       cites=[Citation(**c) for c in p["cites"]],
                       shared_wording=[SharedPassage(**s) for s in p["shared_wording"]], earliest=p["earliest"])
            for p in data["provenance"]
        ]
        notes = [Note(**n) for n in data["notes"]]
        return cls(sources=sources, claims=claims, groups=groups, discrepancies=discrepancies,
                   provenance=provenance, notes=notes)

    # -- display ---------------------------------------------------------------------
    def to_text(self) -> str:
        from .render import render

        return render(self, "text")

    def to_markdown(self) -> str:
        from .render import render

        return render(self, "markdown")

    def to_csv(self) -> str:
        """One row per discrepancy value (see :func:`claimcheck.render.render_csv`)."""
        from .render import render

        return render(self, "csv")

    def to_html(self, *, standalone: bool = True) -> str:
        """One self-contained HTML page (``standalone``) or an embeddable fragment."""
        from .html import render_body, render_html

        return render_html(self) if standalone else render_body(self)

    def _repr_html_(self) -> str:
        # Jupyter: the report without the full texts (report.to_html() has them side by side)
        from .html import render_body

        return render_body(self, side_by_side=False)

    def __repr__(self) -> str:
        # the generated repr would print every claim; a REPL wants the gist
        return f"<Report: {self}>"

    def __str__(self) -> str:
        s = self.summary()
        return (f"claimcheck report: {counted(s['sources'], 'source')}, {counted(s['claims'], 'claim')}, "
                f"{counted(s['shared_groups'], 'shared group')}, "
                f"{counted(s['discrepancies'], 'discrepancy', 'discrepancies')}")


def counted(n: int, noun: str, plural: str = "") -> str:
    """``n`` and the noun, singular for one.

    >>> counted(1, "shared group"), counted(0, "discrepancy", "discrepancies")
    ('1 shared group', '0 discrepancies')
    """
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _bare_source(s: dict[str, Any]) -> Source:
    # The JSON does not carry texts; keep the metadata and an empty text of the right
    # length so that spans stay within bounds.
    return Source(id=s["id"], text=" " * int(s.get("length") or 0), title=s["title"], outlet=s["outlet"],
                  url=s["url"], published=s["published"], path=s["path"])


def _claim_dict(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id, "source": c.source, "start": c.start, "end": c.end, "text": c.text, "kind": c.kind.value,
        "sentence": c.sentence,
        "speaker": None if c.speaker is None else _fields(c.speaker),
        "fragment": c.fragment,
        "quantities": [_quantity_dict(q) for q in c.quantities],
    }


_GETTERS: dict[type, tuple[tuple[str, ...], Callable[[Any], Any]]] = {}


def _fields(inst: Any) -> dict[str, Any]:
    """``attrs.asdict`` for the flat records of a report (values, spans, credits, speakers:
    every field a scalar), at a fraction of its cost: there are hundreds of thousands."""
    cls = type(inst)
    if cls not in _GETTERS:
        names = tuple(a.name for a in attrs.fields(cls))
        _GETTERS[cls] = names, operator.attrgetter(*names)
    names, get = _GETTERS[cls]
    values = get(inst)
    return dict(zip(names, values if len(names) > 1 else (values,)))


def _quantity_dict(q: Quantity) -> dict[str, Any]:
    # what attrs.asdict with an enum-to-value serializer gave: every field a scalar, bound an enum
    d = _fields(q)
    d["bound"] = q.bound.value
    return d


def _claim_from(c: dict[str, Any]) -> Claim:
    return Claim(
        id=c["id"], source=c["source"], start=c["start"], end=c["end"], text=c["text"], kind=c["kind"],
        speaker=None if c["speaker"] is None else Speaker(**c["speaker"]),
        quantities=[Quantity(**q) for q in c["quantities"]], fragment=c["fragment"], sentence=c["sentence"],
    )
