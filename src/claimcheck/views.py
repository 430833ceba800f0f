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

from .quotecheck import QuoteGroup, quote_groups
from .render import TYPE_STYLE, _excerpt, paint
from .report import Report

_QUOTE_TYPES = ("quote-wording", "quote-truncation", "attribution")


def _diff_line(diff: list[dict[str, str]], *, color: bool) -> str:
    """A per-source diff as one line: ``[-only in a-] {+only in b+}``, long equal runs cut."""
    out: list[str] = []
    for op in diff:
        if op["op"] == "equal":
            words = op["b"].split()
            out.append(" ".join(words) if len(words) <= 12 else " ".join(words[:5]) + " … " + " ".join(words[-5:]))
            continue
        if op.get("a"):
            out.append(paint("[-" + _excerpt(op["a"], 160) + "-]", "red", color=color))
        if op.get("b"):
            out.append(paint("{+" + _excerpt(op["b"], 160) + "+}", "green", color=color))
    return " ".join(out)


def _label(q: QuoteGroup) -> str:
    types = sorted({d.type.value for d in q.discrepancies if d.type.value in _QUOTE_TYPES})
    return ", ".join([q.fidelity or q.group.relation.value, *types])


def quotes_text(report: Report, *, all_quotes: bool = False, color: bool = False) -> str:
    """Quote groups: speaker, sources and fidelity, then each pair of sources' word diff."""
    groups = quote_groups(report, shared_only=not all_quotes)
    noun = "group" if len(groups) == 1 else "groups"
    head = f"{len(groups)} quote {noun}" + ("" if all_quotes else " carried by 2+ sources")
    if not groups:
        return head + "\n"
    rows = [[q.group.id, _label(q), "; ".join(q.speakers) or "unknown", ", ".join(q.sources),
             _excerpt(q.claims[0].text, 70)] for q in groups]
    parts = [paint(head, "bold", color=color),
             tabulate(rows, ["group", "fidelity", "speaker", "sources", "quote"], tablefmt="simple",
                      disable_numparse=True)]
    diffs = [f"{paint(q.group.id, 'cyan', color=color)} {d['a']} -> {d['b']} ({d['fidelity']}): "
             + _diff_line(d["diff"], color=color)
             for q in groups for d in q.diffs if d["fidelity"] in ("altered", "truncated")]
    if diffs:
        parts.append(paint("Wording differences ([-first source only-] {+other source only+})", "bold", color=color)
                     + "\n" + "\n".join(diffs))
    return "\n\n".join(parts) + "\n"


def quotes_json(report: Report, *, all_quotes: bool = False, color: bool = False) -> str:
    """The quote groups as JSON: ``{"quotes": [{group, fidelity, speakers, sources, claims, diffs}]}``."""
    full = {c["id"]: c for c in report.to_dict()["claims"]}
    out: list[dict[str, Any]] = []
    for q in quote_groups(report, shared_only=not all_quotes):
        out.append({"group": q.group.id, "relation": q.group.relation.value, "fidelity": q.fidelity,
                    "discrepancies": [d.id for d in q.discrepancies], "score": q.group.score,
                    "speakers": list(q.speakers), "sources": list(q.sources),
                    "claims": [full[c.id] for c in q.claims], "diffs": list(q.diffs)})
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
