"""The HTML report: one self-contained page, no script, no network.

The page shows the sources side by side with the claims they share highlighted in one
colour per group, discrepancies as badges (in the text, and as cards that open to show
every source's value and span), word-by-word diffs of shared quotes, a coverage heat
map (sources x shared groups), provenance and the notes (boilerplate, repairs, ...).

Safety: every piece of source text and metadata goes through :func:`html.escape`
(one helper, :func:`_e`, used for all interpolation); only ``http``/``https`` URLs
become links. The page carries no JavaScript at all (hovering a claim lights up its
group through generated CSS ``:has()`` rules) and a Content-Security-Policy of
``default-src 'none'``, so even a missed escape could neither run a script nor fetch
anything.

>>> from claimcheck import Source, compare
>>> page = render_html(compare([Source(id="a", text="<script>x()</script> Ten people died."),
...                             Source(id="b", text="Ten people died.")]))
>>> "<script>" in page, "&lt;script&gt;x()&lt;/script&gt;" in page
(False, True)
"""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from typing import Any, NamedTuple, Optional
from urllib.parse import urlsplit

from .model import Claim, ClaimKind, Discrepancy, Group, Note, Source
from .render import ALSO_CLAIMS, also_for, word_diff
from .report import Report

#: Hue per discrepancy type (badges); the type name is always written too, never colour alone.
TYPE_HUE = {"quantity": 0, "date": 15, "period": 30, "entity": 345, "attribution": 300, "referent": 270,
            "hedge": 40, "quote-wording": 190, "quote-truncation": 160}
#: Note kinds that mark noise (kept out of matching), shown greyed in the texts.
NOISE = frozenset({"boilerplate", "caption", "duplicate", "fragment"})
#: Characters of a note's text shown in the notes table.
NOTE_EXCERPT = 140

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

CSS = """
.cc{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1d2330;max-width:100%}
.cc h1{font-size:1.5em;margin:.2em 0}.cc h2{font-size:1.2em;margin:1.4em 0 .5em;border-bottom:1px solid #d5dae3}
.cc table{border-collapse:collapse;font-size:.9em}.cc th,.cc td{border:1px solid #d5dae3;padding:3px 6px;
vertical-align:top;text-align:left}.cc th{background:#f2f4f8}
.cc .lead{color:#4a5466}.cc code,.cc .span{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85em}
.cc .grid{display:grid;grid-template-columns:repeat(var(--n),minmax(300px,1fr));gap:10px;overflow-x:auto}
.cc .col{border:1px solid #d5dae3;border-radius:6px;background:#fff;min-width:0}
.cc .col header{padding:6px 8px;background:#f2f4f8;border-bottom:1px solid #d5dae3;border-radius:6px 6px 0 0}
.cc .col header b{display:block;overflow-wrap:anywhere}.cc .col header small{color:#4a5466;display:block}
.cc .text{white-space:pre-wrap;overflow-wrap:anywhere;padding:8px;max-height:75vh;overflow-y:auto;font-size:.92em}
.cc .hl{background:hsl(var(--h) 85% 86%);border-bottom:2px solid hsl(var(--h) 60% 42%);border-radius:2px}
.cc .hl.multi{border-bottom-style:double}
.cc .gl{font-size:.68em;font-weight:700;vertical-align:super;color:hsl(var(--h) 60% 28%);text-decoration:none;
margin-right:1px}
.cc .dv{outline:2px solid #c0392b;outline-offset:0;font-weight:600}
.cc .note{color:#7a8291;font-style:italic}.cc .note.hl{color:inherit}
.cc .badge{display:inline-block;font-size:.72em;font-weight:700;padding:0 5px;border-radius:9px;line-height:1.5;
color:#fff;background:hsl(var(--t) 65% 40%);text-decoration:none;vertical-align:super;margin-left:2px}
.cc .chip{display:inline-block;font-size:.8em;font-weight:700;padding:0 6px;border-radius:4px;
background:hsl(var(--h) 85% 86%);border:1px solid hsl(var(--h) 60% 42%);color:#1d2330;text-decoration:none}
.cc details.disc{border:1px solid #d5dae3;border-left:5px solid hsl(var(--t) 65% 40%);border-radius:4px;
margin:6px 0;padding:4px 8px;background:#fff}
.cc details.disc>summary{cursor:pointer}.cc details.disc>summary .badge{vertical-align:baseline;font-size:.8em}
.cc details.disc[open]>summary{margin-bottom:6px}
.cc mark.v{background:#fde2df;outline:1px solid #c0392b}
.cc del{background:#fde2df;color:#8e1b10}.cc ins{background:#d9f2dc;color:#11602a;text-decoration:none}
.cc .diff{margin:4px 0 10px;padding:6px 8px;background:#fafbfc;border:1px solid #e3e7ee;border-radius:4px}
.cc .heat td.c{text-align:center;min-width:1.8em}.cc .heat th.g{writing-mode:vertical-rl;transform:rotate(180deg);
padding:4px 2px}.cc .heat td.c0{background:#fff;color:#c5cad3}.cc .heat td.c1{background:#9ecae1}
.cc .heat td.c2{background:#4292c6;color:#fff}.cc .heat td.c3{background:#08519c;color:#fff}
.cc dl.detail{margin:4px 0;display:grid;grid-template-columns:max-content 1fr;gap:2px 10px}
.cc dl.detail dt{font-weight:600;color:#4a5466}.cc dl.detail dd{margin:0}
.cc .legend span{margin-right:10px}.cc .muted{color:#7a8291}
"""


def _e(value: object) -> str:
    """Escape anything for HTML text and attribute values (quotes included)."""
    return html.escape("" if value is None else str(value), quote=True)


def safe_url(url: Optional[str]) -> Optional[str]:
    """``url`` if it is an absolute http(s) URL, else ``None`` (``javascript:``, ``data:``,
    relative and malformed URLs are shown as text, never linked).

    >>> safe_url("https://example.org/a?b=1"), safe_url("javascript:alert(1)"), safe_url("//x.org")
    ('https://example.org/a?b=1', None, None)
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c in url for c in "\n\r\t<>\"'` "):
        return None
    return url.strip()


class _Index:
    """Lookups the renderers share: claims by id, colour per shared group."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.claims: dict[str, Claim] = {c.id: c for c in report.claims}
        self.texts: dict[str, str] = {s.id: s.text for s in report.sources}
        self.shared: list[Group] = list(report.shared_groups)
        self.slot: dict[str, int] = {g.id: i for i, g in enumerate(self.shared)}
        self.groups: dict[str, Group] = {g.id: g for g in report.groups}

    def hue(self, group_id: str) -> int:
        # golden-angle steps keep neighbouring groups far apart on the colour wheel
        return round(self.slot.get(group_id, 0) * 137.508) % 360

    def chip(self, group_id: str) -> str:
        if group_id not in self.slot:
            return f'<span class="chip" style="--h:0">{_e(group_id)}</span>'
        return (f'<a class="chip g{self.slot[group_id]}" style="--h:{self.hue(group_id)}" '
                f'href="#grp-{self.slot[group_id]}">{_e(group_id)}</a>')

    def claim_text(self, claim: Claim) -> str:
        text = self.texts.get(claim.source, "")
        shown = text[claim.start:claim.end]
        return shown if shown.strip() else claim.text  # from JSON the texts may be blank


def _badge(d: Discrepancy, *, link: bool = True) -> str:
    hue = TYPE_HUE.get(d.type.value, 220)
    label = f"{_e(d.id)} {_e(d.type.value)}"
    if link:
        return (f'<a class="badge" style="--t:{hue}" href="#{_e(_anchor(d))}" '
                f'title="{_e(d.summary)}">{label}</a>')
    return f'<span class="badge" style="--t:{hue}">{label}</span>'


def _anchor(d: Discrepancy) -> str:
    return "disc-" + "".join(ch if ch.isalnum() else "-" for ch in d.id)


# -- side by side ----------------------------------------------------------------------

class _Layer(NamedTuple):
    """One annotated stretch of a source: a shared claim, a discrepancy value or a note."""

    start: int
    end: int
    group: Optional[Group] = None
    disc: Optional[Discrepancy] = None
    note: Optional[Note] = None


def _layers_by_source(idx: _Index, discs: list[Discrepancy]) -> dict[str, list[_Layer]]:
    """Every layer of every source, read once (scanning the whole report for each source
    was quadratic); per source in the order the side-by-side sweep expects: shared
    claims by group, then discrepancy values, then notes."""
    out: dict[str, list[_Layer]] = defaultdict(list)
    for g in idx.shared:
        for cid in g.claims:
            c = idx.claims.get(cid)
            if c is not None:
                out[c.source].append(_Layer(c.start, c.end, group=g))
    for d in discs:
        for v in d.values:
            out[v.source].append(_Layer(v.start, v.end, disc=d))
    for note in idx.report.notes:
        out[note.source].append(_Layer(note.start, note.end, note=note))
    return out


def _source_column(idx: _Index, source: Source, layers_by_source: dict[str, list[_Layer]],
                   note_kinds: dict[str, Counter[str]]) -> str:
    text = source.text
    n = len(text)
    layers = [x for x in layers_by_source.get(source.id, ()) if 0 <= x.start < x.end <= n]
    # a sweep over every boundary cuts the text into pieces with one set of layers each,
    # so overlapping spans (a quote inside a sentence, a value inside it) all show
    cuts = sorted({0, n, *(x.start for x in layers), *(x.end for x in layers)})
    starts: dict[int, list[_Layer]] = defaultdict(list)
    ends: dict[int, list[Discrepancy]] = defaultdict(list)
    for x in layers:
        starts[x.start].append(x)
        if x.disc is not None and x.disc not in ends[x.end]:
            ends[x.end].append(x.disc)
    active: list[_Layer] = []
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [x for x in active if x.end > a] + starts.get(a, [])
        for x in starts.get(a, []):
            if x.group is not None:
                g = x.group
                out.append(f'<a class="gl" style="--h:{idx.hue(g.id)}" href="#grp-{idx.slot[g.id]}" '
                           f'title="{_e(g.id)} · {_e(g.relation.value)}">{_e(g.id)}</a>')
        out.append(_segment(idx, text[a:b], active))
        for d in ends.get(b, []):
            out.append(_badge(d))
    kinds = note_kinds.get(source.id, Counter())
    meta = " · ".join([_e(x) for x in (source.outlet, source.published) if x]
                      + ([_e("notes: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))] if kinds else []))
    url = safe_url(source.url)
    link = (f'<a href="{_e(url)}" rel="noopener noreferrer nofollow">{_e(url)}</a>' if url
            else (f'<span class="muted">{_e(source.url)}</span>' if source.url else ""))
    return (f'<section class="col" aria-label="{_e(source.id)}"><header><b>{_e(source.title or source.id)}</b>'
            f'<small><code>{_e(source.id)}</code>{" · " + meta if meta else ""}</small>'
            f'{f"<small>{link}</small>" if link else ""}</header>'
            f'<div class="text">{"".join(out)}</div></section>')


def _segment(idx: _Index, piece: str, active: list[_Layer]) -> str:
    if not active:
        return _e(piece)
    # the innermost claim (a quote inside its sentence) gives the colour
    claims = sorted((x for x in active if x.group is not None), key=lambda x: x.end - x.start)
    values = [x.disc for x in active if x.disc is not None]
    notes = [x.note for x in active if x.note is not None]
    classes: list[str] = []
    style = ""
    titles: list[str] = []
    if claims and claims[0].group is not None:
        g = claims[0].group
        groups = {x.group.id: x.group for x in claims if x.group is not None}
        classes += ["hl", f"g{idx.slot[g.id]}"] + (["multi"] if len(groups) > 1 else [])
        style = f' style="--h:{idx.hue(g.id)}"'
        titles += sorted(f"{k} · {v.relation.value}" for k, v in groups.items())
    if values:
        classes.append("dv")
        titles += [f"{d.id} {d.type.value}" for d in values]
    if any(n.kind.value in NOISE for n in notes):
        classes.append("note")  # repairs (encoding, tokenised) are not noise: only a tooltip
    titles += [f"{n.kind.value}: {n.detail}" for n in notes]
    return f'<span class="{" ".join(classes)}"{style} title="{_e(" | ".join(titles))}">{_e(piece)}</span>'


# -- sections --------------------------------------------------------------------------

def _sources_table(idx: _Index) -> str:
    per_source = Counter(c.source for c in idx.report.claims)
    rows = []
    for s in idx.report.sources:
        url = safe_url(s.url)
        cell = (f'<a href="{_e(url)}" rel="noopener noreferrer nofollow">{_e(url)}</a>' if url else _e(s.url))
        rows.append(f"<tr><td><code>{_e(s.id)}</code></td><td>{_e(s.title)}</td><td>{_e(s.outlet)}</td>"
                    f"<td>{_e(s.published)}</td><td>{cell}</td><td>{_e(s.path)}</td><td>{len(s.text)}</td>"
                    f"<td>{per_source[s.id]}</td></tr>")
    return ("<table><tr><th>id</th><th>title</th><th>outlet</th><th>published</th><th>url</th><th>path</th>"
            "<th>chars</th><th>claims</th></tr>" + "".join(rows) + "</table>")


def _context(idx: _Index, claim: Claim, start: int, end: int) -> str:
    """The claim's text with the value ``[start, end)`` marked."""
    text = idx.texts.get(claim.source, "")
    if text[claim.start:claim.end].strip() and claim.start <= start <= end <= claim.end:
        return (_e(text[claim.start:start]) + f'<mark class="v">{_e(text[start:end])}</mark>'
                + _e(text[end:claim.end]))
    return _e(claim.text)


def detail_html(value: Any) -> str:
    """Any JSON-like ``detail`` (dicts, lists, scalars) as nested, escaped HTML."""
    if isinstance(value, dict):
        items = "".join(f"<dt>{_e(k)}</dt><dd>{detail_html(v)}</dd>" for k, v in value.items())
        return f'<dl class="detail">{items}</dl>'
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(v, dict) and "op" in v and {"a", "b"} <= set(v) for v in value):
            return _ops_html(value)  # a word diff: [{"op", "a", "b"}, ...]
        if all(not isinstance(v, (dict, list, tuple)) for v in value):
            return _e(", ".join(str(v) for v in value))
        return "<ol>" + "".join(f"<li>{detail_html(v)}</li>" for v in value) + "</ol>"
    if isinstance(value, (int, float, bool)) or value is None:
        return f"<code>{_e(json.dumps(value))}</code>"
    return _e(value)


def _ops_html(ops: Any) -> str:
    out = []
    for op in ops:
        a, b = str(op.get("a") or ""), str(op.get("b") or "")
        if op.get("op") == "equal":
            out.append(_e(b or a))
            continue
        if a:
            out.append(f"<del>{_e(a)}</del>")
        if b:
            out.append(f"<ins>{_e(b)}</ins>")
    return '<span class="diffline">' + " ".join(out) + "</span>"


def discrepancy_card(d: Discrepancy, idx: Optional[_Index] = None, *, open_: bool = False) -> str:
    """A discrepancy as a ``<details>`` card: badge and summary, opening to the values."""
    rows = []
    for v in d.values:
        claim = idx.claims.get(v.claim) if idx else None
        context = _context(idx, claim, v.start, v.end) if idx and claim else ""
        rows.append(f"<tr><td><code>{_e(v.source)}</code></td><td><b>{_e(v.value)}</b></td>"
                    f'<td class="span">[{v.start}:{v.end}]</td><td>{context}</td></tr>')
    group = idx.chip(d.group) if idx else f"<code>{_e(d.group)}</code>"
    detail = f"<div>{detail_html(d.detail)}</div>" if d.detail else ""
    return (f'<details class="disc" id="{_e(_anchor(d))}" style="--t:{TYPE_HUE.get(d.type.value, 220)}"'
            f'{" open" if open_ else ""}><summary>{_badge(d, link=False)} {group} {_e(d.summary)}</summary>'
            "<table><tr><th>source</th><th>value</th><th>span</th><th>in context</th></tr>"
            + "".join(rows) + f"</table>{detail}</details>")


def _diff_html(a: str, b: str) -> str:
    out = []
    for op in word_diff(a, b):
        if op.tag == "equal":
            out.append(_e(" ".join(op.b)))
            continue
        if op.a:
            out.append(f"<del>{_e(' '.join(op.a))}</del>")
        if op.b:
            out.append(f"<ins>{_e(' '.join(op.b))}</ins>")
    return " ".join(out)


def _quote_groups(idx: _Index) -> list[Group]:
    quote_types = {"quote-wording", "quote-truncation"}
    flagged = {d.group for d in idx.report.discrepancies if d.type.value in quote_types}
    return [g for g in idx.shared if g.kind is ClaimKind.QUOTE or g.id in flagged]


def _quote_diffs(idx: _Index) -> str:
    blocks = []
    for g in _quote_groups(idx):
        members = [idx.claims[c] for c in g.claims if c in idx.claims]
        if not members:
            continue
        # a source's version is all its members in order: a group chaining several
        # paragraphs is compared version to version, never paragraph 1 with paragraph 5
        versions: dict[str, list[Claim]] = {}
        for c in members:
            versions.setdefault(c.source, []).append(c)
        texts = {s: " ".join(idx.claim_text(c) for c in cs) for s, cs in versions.items()}
        base, *others = versions
        speakers = sorted({sp.name for c in members if (sp := c.speaker) is not None})
        lines = [f"<p>{idx.chip(g.id)} <b>{_e(g.relation.value)}</b> · "
                 f"speaker: {_e('; '.join(speakers) or 'unknown')}</p>",
                 f'<div class="diff"><code>{_e(base)}</code> {_e(texts[base])}</div>']
        for other in others:
            a, b = texts[base], texts[other]
            changed = any(op.tag != "equal" for op in word_diff(a, b))
            shown = _diff_html(a, b) if changed else '<span class="muted">the same words</span>'
            lines.append(f'<div class="diff"><code>{_e(base)}</code> → <code>{_e(other)}</code>: '
                         f"{shown}</div>")
        blocks.append("".join(lines))
    if not blocks:
        return '<p class="muted">No quote is carried by two or more sources.</p>'
    return ('<p class="lead">Word by word from the first source\'s version to each other source\'s: '
            "<del>only in the first</del> <ins>only in the other</ins> (case and punctuation ignored).</p>"
            + "".join(blocks))


def _coverage(idx: _Index) -> str:
    if not idx.shared:
        return '<p class="muted">No claim is carried by two or more sources.</p>'
    solo = Counter(g.sources[0] for g in idx.report.groups if len(g.sources) == 1)
    head = "".join(f'<th class="g">{idx.chip(g.id)}</th>' for g in idx.shared)
    # claims per source in each group, and shared groups per source, counted once
    # (counting them again for every cell was quadratic on top of the grid itself)
    per_group = [Counter(idx.claims[c].source for c in g.claims if c in idx.claims) for g in idx.shared]
    carried = Counter(sid for g in idx.shared for sid in set(g.sources))
    rows = []
    for s in idx.report.sources:
        cells = []
        for g, counts in zip(idx.shared, per_group):
            k = counts[s.id]
            cells.append(f'<td class="c c{min(k, 3)}" title="{_e(s.id)} · {_e(g.id)}: {k} claim(s)">'
                         f'{k or ""}</td>')
        total = carried[s.id]
        rows.append(f"<tr><th><code>{_e(s.id)}</code></th>{''.join(cells)}<td>{total}</td>"
                    f"<td>{solo[s.id]}</td></tr>")
    return ('<p class="lead">Claims each source contributes to each shared group (darker: more).</p>'
            f'<div style="overflow-x:auto"><table class="heat"><tr><th>source</th>{head}<th>shared</th>'
            f"<th>only here</th></tr>{''.join(rows)}</table></div>")


def _shared_table(idx: _Index) -> str:
    prov = {p.group: p for p in idx.report.provenance}
    rows = []
    for i, g in enumerate(idx.shared):
        p = prov.get(g.id)
        credited = sorted({f"{c.name} ({c.source})" for c in p.attributed_to}) if p else []
        cites = sorted({f"{c.name} ({c.source})" for c in p.cites}) if p else []
        reuse = sorted({f"{s.a} ~ {s.b}: {s.words} words" for s in p.shared_wording}) if p else []
        first = idx.claims.get(g.claims[0])
        rows.append(f'<tr id="grp-{i}"><td>{idx.chip(g.id)}</td><td>{_e(g.kind.value)}</td>'
                    f"<td>{_e(g.relation.value)}</td><td>{g.score:.2f}</td><td>{_e(', '.join(g.sources))}</td>"
                    f"<td>{_e(idx.claim_text(first)) if first else ''}</td><td>{_e('; '.join(credited))}</td>"
                    f"<td>{_e('; '.join(cites))}</td><td>{_e('; '.join(reuse))}</td><td>{_also(idx, g)}</td></tr>")
    if not rows:
        return '<p class="muted">None.</p>'
    return ("<table><tr><th>group</th><th>kind</th><th>relation</th><th>score</th><th>sources</th>"
            "<th>first claim</th><th>credited to</th><th>cites</th><th>shared wording</th>"
            "<th>also stated in</th></tr>"
            + "".join(rows) + "</table>")


def _also(idx: _Index, g: Group) -> str:
    # where else the group's fact is stated: the other group and the claims of it that state it
    parts = []
    for link in g.related:
        named = ", ".join(link.claims[:ALSO_CLAIMS])
        more = len(link.claims) - ALSO_CLAIMS
        mine = also_for(link)
        parts.append(f"{idx.chip(link.group)} <small>by {_e(named)}{f' and {more} more' if more > 0 else ''}"
                     f"{f', for {_e(mine)}' if mine else ''}</small>")
    return "<br>".join(parts)


def _notes(idx: _Index) -> str:
    notes = idx.report.notes
    if not notes:
        return '<p class="muted">No notes.</p>'
    counts = Counter(n.kind.value for n in notes)
    rows = []
    for n in notes:
        shown = idx.texts.get(n.source, "")[n.start:n.end]
        shown = " ".join(shown.split())
        shown = shown if len(shown) <= NOTE_EXCERPT else shown[: NOTE_EXCERPT - 1] + "…"
        rows.append(f"<tr><td><code>{_e(n.source)}</code></td><td>{_e(n.kind.value)}</td>"
                    f'<td class="span">[{n.start}:{n.end}]</td><td>{_e(n.detail)}</td><td>{_e(shown)}</td></tr>')
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    return (f'<p class="lead">{_e(summary)}. Noise (boilerplate, captions, duplicates, fragments) is kept out of '
            "matching; repairs (encoding, tokenised text) apply to matching only: the text shown is the original."
            '</p><table><tr><th>source</th><th>kind</th><th>span</th><th>detail</th><th>text</th></tr>'
            + "".join(rows) + "</table>")


def _group_css(idx: _Index) -> str:
    # hovering any member of a group outlines every member, in every column (no script)
    return "".join(f".cc:has(.g{i}:hover) .hl.g{i}{{outline:2px solid hsl({idx.hue(g.id)} 60% 35%)}}"
                   for i, g in enumerate(idx.shared))


def render_body(report: Report, *, side_by_side: bool = True) -> str:
    """The report as an HTML fragment (``<div class="cc">`` with its own ``<style>``),
    for embedding, e.g. in a notebook. ``side_by_side=False`` leaves out the texts."""
    idx = _Index(report)
    s = report.summary()
    discs = list(report.discrepancies)
    parts = [f"<style>{CSS}{_group_css(idx)}</style>", '<div class="cc">', "<h1>claimcheck report</h1>",
             f'<p class="lead">{s["sources"]} sources, {s["claims"]} claims, {s["shared_groups"]} shared groups, '
             f'{s["discrepancies"]} discrepancies, {s["notes"]} notes.</p>']
    types = Counter(d.type.value for d in discs)
    parts.append("<h2>Discrepancies</h2>")
    if discs:
        parts.append('<p class="legend">' + " ".join(
            f'<span><span class="badge" style="--t:{TYPE_HUE.get(t, 220)}">{_e(t)}</span> {n}</span>'
            for t, n in sorted(types.items())) + " · open a card for every source's value and span</p>")
        parts += [discrepancy_card(d, idx) for d in discs]
    else:
        parts.append('<p class="muted">None found.</p>')
    if side_by_side:
        parts.append("<h2>Sources side by side</h2><p class=\"lead\">Claims that two or more sources share are "
                     "highlighted in one colour per group (hover one to outline its group); "
                     '<span class="dv">framed</span> text is a discrepancy value, grey italics are notes.</p>')
        layers = _layers_by_source(idx, discs)
        note_kinds: dict[str, Counter[str]] = defaultdict(Counter)
        for note in report.notes:
            note_kinds[note.source][note.kind.value] += 1
        cols = "".join(_source_column(idx, src, layers, note_kinds) for src in report.sources)
        parts.append(f'<div class="grid" style="--n:{max(1, len(report.sources))}">{cols}</div>')
    parts += ["<h2>Quotes, word by word</h2>", _quote_diffs(idx), "<h2>Coverage</h2>", _coverage(idx),
              "<h2>Shared claims and provenance</h2>", _shared_table(idx), "<h2>Sources</h2>", _sources_table(idx),
              "<h2>Notes</h2>", _notes(idx), "</div>"]
    return "".join(parts)


def render_html(report: Report, *, title: str = "claimcheck report") -> str:
    """The whole report as one self-contained HTML page (no script, no network)."""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            '<meta name="referrer" content="no-referrer">'
            f"<title>{_e(title)}</title></head><body style=\"margin:16px\">"
            + render_body(report) + "</body></html>\n")


def group_html(group: Group) -> str:
    """A group as a one-line HTML snippet (its ``_repr_html_``)."""
    return (f"<span><b>{_e(group.id)}</b> · {_e(group.kind.value)} · {_e(group.relation.value)} · "
            f"score {group.score:.2f} · {len(group.claims)} claims from {_e(', '.join(group.sources))}</span>")


def discrepancy_html(d: Discrepancy) -> str:
    """A discrepancy as an open card (its ``_repr_html_``)."""
    return f"<style>{CSS}</style><div class=\"cc\">{discrepancy_card(d, open_=True)}</div>"

