"""Stage 8, render: one report, several formats, all from the same model.

``FORMATS`` is the registry the CLI offers as ``--format`` choices. Text and Markdown
tables come from tabulate; JSON is :meth:`Report.to_json`.

>>> from claimcheck import Source, compare
>>> report = compare([Source(id="a", text="Ten people died."), Source(id="b", text="Ten people died.")])
>>> print(render(report, "text").splitlines()[0])
claimcheck report: 2 sources, 2 claims, 1 shared groups, 0 discrepancies, 0 notes
"""

from __future__ import annotations

from collections import Counter
from typing import Callable

from tabulate import tabulate

from .model import ClaimKind
from .report import Report

#: Longest excerpt of a claim shown in a table cell.
EXCERPT = 110


def _excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _sections(report: Report, fmt: str) -> list[tuple[str, str]]:
    """(title, body) pairs shared by the text and Markdown renderers."""
    table = "github" if fmt == "markdown" else "simple"
    claims = {c.id: c for c in report.claims}
    out: list[tuple[str, str]] = []

    rows = []
    per_source = Counter(c.source for c in report.claims)
    for s in report.sources:
        rows.append([s.id, s.title or "", s.outlet or "", s.published or "", len(s.text), per_source[s.id]])
    out.append(("Sources", tabulate(rows, ["id", "title", "outlet", "published", "chars", "claims"], tablefmt=table)))

    if report.discrepancies:
        blocks = []
        for d in report.discrepancies:
            rows = [[v.source, _excerpt(v.value, 40), f"[{v.start}:{v.end}]", _excerpt(claims[v.claim].text, 70)]
                    for v in d.values]
            head = f"{d.id} · {d.type.value} · group {d.group}\n{d.summary}"
            if fmt == "markdown":
                head = f"**{d.id} · {d.type.value}** (group {d.group}): {d.summary}"
            blocks.append(head + "\n\n" + tabulate(rows, ["source", "value", "span", "claim"], tablefmt=table))
        out.append(("Discrepancies", "\n\n".join(blocks)))
    else:
        out.append(("Discrepancies", "None found."))

    shared = report.shared_groups
    rows = []
    for g in shared:
        first = True
        for cid in g.claims:
            c = claims[cid]
            rows.append([g.id if first else "", g.relation.value if first else "", f"{g.score:.2f}" if first else "",
                         c.source, _excerpt(c.text)])
            first = False
    out.append((f"Shared claims ({len(shared)} groups carried by 2+ sources)",
                tabulate(rows, ["group", "relation", "score", "source", "claim"], tablefmt=table) if rows else "None."))

    quotes = [g for g in shared if g.kind is ClaimKind.QUOTE]
    if quotes:
        rows = []
        for g in quotes:
            speakers = sorted({claims[c].speaker.name for c in g.claims if claims[c].speaker is not None})
            rows.append([g.id, ", ".join(g.sources), "; ".join(speakers) or "unknown",
                         _excerpt(claims[g.claims[0]].text, 80)])
        out.append(("Quotes carried by 2+ sources", tabulate(rows, ["group", "sources", "speaker", "quote"], tablefmt=table)))

    prov = {p.group: p for p in report.provenance}
    rows = []
    for g in shared:
        p = prov.get(g.id)
        if p is None:
            continue
        credited = sorted({f"{c.name} ({c.source})" for c in p.attributed_to})
        cited = sorted({f"{c.name} ({c.source})" for c in p.cites})
        reuse = sorted({f"{s.a}~{s.b} ({s.words} words)" for s in p.shared_wording})
        if credited or cited or reuse:
            rows.append([g.id, _excerpt("; ".join(credited), 60), _excerpt("; ".join(cited), 50),
                         _excerpt("; ".join(reuse), 40)])
    if rows:
        out.append(("Provenance of shared claims", tabulate(rows, ["group", "credited to", "cites", "shared wording"],
                                                            tablefmt=table)))

    solo = Counter(g.sources[0] for g in report.groups if len(g.sources) == 1)
    rows = [[s.id, sum(1 for g in shared if s.id in g.sources), solo[s.id]] for s in report.sources]
    out.append(("Coverage", tabulate(rows, ["source", "shared groups", "claims only it makes"], tablefmt=table)))

    if report.notes:
        counts = Counter((n.source, n.kind.value) for n in report.notes)
        rows = [[src, kind, n] for (src, kind), n in sorted(counts.items())]
        out.append(("Notes", tabulate(rows, ["source", "kind", "count"], tablefmt=table)))
    return out


def render_text(report: Report) -> str:
    parts = [(f"claimcheck report: {len(report.sources)} sources, {len(report.claims)} claims, "
                f"{len(report.shared_groups)} shared groups, {len(report.discrepancies)} discrepancies, "
                f"{len(report.notes)} notes")]
    for title, body in _sections(report, "text"):
        parts.append(f"{title}\n{'=' * len(title)}\n{body}")
    return "\n\n".join(parts) + "\n"


def render_markdown(report: Report) -> str:
    s = report.summary()
    parts = [
        "# claimcheck report",
        f"{s['sources']} sources, {s['claims']} claims, {s['shared_groups']} shared groups, "
        f"{s['discrepancies']} discrepancies, {s['notes']} notes.",
    ]
    for title, body in _sections(report, "markdown"):
        parts.append(f"## {title}\n\n{body}")
    return "\n\n".join(parts) + "\n"


def render_json(report: Report) -> str:
    return report.to_json()


#: Output formats by name, as offered by ``claimcheck report --format``.
FORMATS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
}


def render(report: Report, fmt: str = "text") -> str:
    """Render ``report`` in format ``fmt`` (a key of :data:`FORMATS`)."""
    try:
        return FORMATS[fmt](report)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}") from None
