"""Focused views for the command line: ``claimcheck quotes`` and ``claimcheck diff A B``.

Both read a finished :class:`~claimcheck.report.Report`; nothing here recomputes.

>>> from claimcheck import Source, compare
>>> report = compare([Source(id="a", text='"We will rebuild the bridge," the mayor said.'),
...                   Source(id="b", text='"We will rebuild the old bridge," the mayor said.')])
>>> print(quotes_text(report).splitlines()[0])
1 quote group carried by 2+ sources
"""

from __future__ import annotations

import json
from typing import Any

from tabulate import tabulate

from .model import Claim, ClaimKind, Group
from .render import TYPE_STYLE, _excerpt, paint, word_diff, word_diff_text
from .report import Report

_QUOTE_TYPES = ("quote-wording", "quote-truncation", "attribution")


def _quote_groups(report: Report, *, all_quotes: bool) -> list[Group]:
    return [g for g in report.groups if g.kind is ClaimKind.QUOTE and (all_quotes or len(g.sources) > 1)]


def _speakers(members: list[Claim]) -> list[str]:
    # one name per speaker key, as the first source writes it ("david crompton" ~ "David Crompton")
    seen: dict[str, str] = {}
    for c in members:
        if c.speaker is not None:
            seen.setdefault(c.speaker.key or c.speaker.name.casefold(), c.speaker.name)
    return sorted(seen.values(), key=str.casefold)


def _fidelity(report: Report, g: Group) -> str:
    """The group's relation, plus any quote discrepancy found in it and its fidelity label."""
    found: list[str] = []
    for d in report.discrepancies:
        if d.group == g.id and d.type.value in _QUOTE_TYPES:
            label = (d.detail or {}).get("fidelity")
            found.append(d.type.value + (f" ({label})" if isinstance(label, str) else ""))
    return ", ".join([g.relation.value, *sorted(set(found))])


def quotes_text(report: Report, *, all_quotes: bool = False, color: bool = False) -> str:
    """Quote groups: speaker, sources and fidelity, then each quote's wording differences."""
    groups = _quote_groups(report, all_quotes=all_quotes)
    claims = {c.id: c for c in report.claims}
    noun = "group" if len(groups) == 1 else "groups"
    head = f"{len(groups)} quote {noun}" + ("" if all_quotes else " carried by 2+ sources")
    if not groups:
        return head + "\n"
    rows = []
    for g in groups:
        members = [claims[c] for c in g.claims]
        rows.append([g.id, _fidelity(report, g), "; ".join(_speakers(members)) or "unknown", ", ".join(g.sources),
                     _excerpt(members[0].text, 70)])
    parts = [paint(head, "bold", color=color),
             tabulate(rows, ["group", "fidelity", "speaker", "sources", "quote"], tablefmt="simple")]
    diffs = []
    for g in groups:
        members = [claims[c] for c in g.claims]
        base = members[0]
        for other in members[1:]:
            if other.source != base.source and any(op.tag != "equal" for op in word_diff(base.text, other.text)):
                diffs.append(f"{paint(g.id, 'cyan', color=color)} {base.source} -> {other.source}: "
                             + word_diff_text(base.text, other.text, color=color))
    if diffs:
        parts.append(paint("Wording differences ([-first source only-] {+other source only+})", "bold", color=color)
                     + "\n" + "\n".join(diffs))
    return "\n\n".join(parts) + "\n"


def quotes_json(report: Report, *, all_quotes: bool = False, color: bool = False) -> str:
    """The quote groups as JSON: ``{"quotes": [{group, relation, fidelity, speakers, sources, claims}]}``."""
    claims = {c.id: c for c in report.claims}
    full = {c["id"]: c for c in report.to_dict()["claims"]}
    out: list[dict[str, Any]] = []
    for g in _quote_groups(report, all_quotes=all_quotes):
        members = [claims[c] for c in g.claims]
        out.append({"group": g.id, "relation": g.relation.value, "fidelity": _fidelity(report, g),
                    "score": g.score, "speakers": _speakers(members), "sources": list(g.sources),
                    "claims": [full[c.id] for c in members]})
    return json.dumps({"quotes": out}, ensure_ascii=False, indent=2) + "\n"


def diff_text(report: Report, *, a: str, b: str, color: bool = False) -> str:
    """Two sources claim by claim: the discrepancies, then every claim they share."""
    claims = {c.id: c for c in report.claims}
    shared = [g for g in report.groups if a in g.sources and b in g.sources]
    only = {s: sum(1 for g in report.groups if g.sources == (s,)) for s in (a, b)}
    lines = [paint(f"A = {a}\nB = {b}", "bold", color=color),
             f"{len(shared)} shared claim groups, {len(report.discrepancies)} discrepancies; "
             f"{only[a]} claims only in A, {only[b]} only in B"]
    if report.discrepancies:
        lines.append(paint("\nDiscrepancies", "bold", color=color))
        for d in report.discrepancies:
            label = paint(f"{d.id} · {d.type.value}", TYPE_STYLE.get(d.type.value, "bold"), color=color)
            lines.append(f"{label} · group {d.group}: {d.summary}")
            for v in d.values:
                side = "A" if v.source == a else "B"
                lines.append(f"  {side} “{_excerpt(v.value, 60)}” [{v.start}:{v.end}]")
    lines.append(paint("\nShared claims", "bold", color=color))
    if not shared:
        lines.append("None.")
    for g in shared:
        lines.append(f"{paint(g.id, 'cyan', color=color)} · {g.kind.value} · {g.relation.value} · {g.score:.2f}")
        for cid in g.claims:
            c = claims[cid]
            side = "A" if c.source == a else "B"
            lines.append(f"  {side} [{c.start}:{c.end}] {_excerpt(c.text, 150)}")
    return "\n".join(lines) + "\n"
