"""Stage 8, render: one report, several formats, all from the same model.

``FORMATS`` is the registry the CLI offers as ``--format`` choices: text and Markdown
(tables from tabulate), JSON (:meth:`Report.to_json`), CSV (one row per discrepancy
value, spreadsheet-formula cells neutralised) and HTML (:mod:`claimcheck.html`, one
self-contained page). :func:`word_diff` is the word-by-word quote diff all views share.

>>> from claimcheck import Source, compare
>>> report = compare([Source(id="a", text="Ten people died."), Source(id="b", text="Ten people died.")])
>>> print(render(report, "text").splitlines()[0])
claimcheck report: 2 sources, 2 claims, 1 shared group, 0 discrepancies, 0 notes
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from typing import Callable, NamedTuple

from rapidfuzz.distance import Indel

from .model import ClaimKind, Discrepancy, Group, Link
from .report import Report, counted
from tabulate import tabulate

#: Longest excerpt of a claim shown in a table cell.
EXCERPT = 110

#: ANSI styles used on a terminal (the CLI decides when: a tty and no ``NO_COLOR``).
ANSI = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35",
        "cyan": "36"}
#: Terminal colour per discrepancy type: contradictions red, softer differences yellow.
TYPE_STYLE = {"quantity": "red", "date": "red", "period": "red", "entity": "red", "attribution": "magenta",
              "referent": "yellow", "hedge": "yellow", "quote-wording": "cyan", "quote-truncation": "cyan"}


def paint(text: str, style: str, *, color: bool) -> str:
    """``text`` in an ANSI ``style`` (a key of :data:`ANSI`) when ``color``, else unchanged.

    >>> paint("d1", "red", color=False), paint("d1", "red", color=True)
    ('d1', '\\x1b[31md1\\x1b[0m')
    """
    return f"\x1b[{ANSI[style]}m{text}\x1b[0m" if color else text


def _excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


#: Columns of source text: shown exactly as read (tabulate would print a value "1.50" as
#: 1.5, a claim "48." as 48), and tabulate need not test each cell for a number (most of
#: a big report's render time when it did).
_TEXT_COLUMNS = frozenset({"id", "title", "outlet", "published", "source", "span", "claim", "group", "relation",
                           "speaker", "quote", "credited to", "cites", "shared wording", "kind", "value"})


def _table(rows: list[list[object]], headers: list[str], fmt: str) -> str:
    if fmt == "markdown":
        # a "|" inside a cell would end a Markdown table cell early
        rows = [[c.replace("|", "\\|") if isinstance(c, str) else c for c in row] for row in rows]
    text = [i for i, h in enumerate(headers) if h in _TEXT_COLUMNS]
    return str(tabulate(rows, headers, tablefmt="github" if fmt == "markdown" else "simple", disable_numparse=text))


# -- word diff -------------------------------------------------------------------------

class WordOp(NamedTuple):
    """One step of a word diff: ``tag`` is ``equal``, ``delete``, ``insert`` or
    ``replace`` (words removed and others added at the same place); ``a``/``b`` are the
    words (as written) of each side in this step."""

    tag: str
    a: tuple[str, ...]
    b: tuple[str, ...]


_WORD = re.compile(r"\S+")
_QUOTE_CHARS = str.maketrans({"‘": "'", "’": "'", "‛": "'", "`": "'", "“": '"', "”": '"', "„": '"'})
_EDGE_PUNCT = re.compile(r"^[^\w]+|[^\w]+$")


def _key(word: str) -> str:
    # case, quote characters and edge punctuation are not wording: "Good," == "good"
    return _EDGE_PUNCT.sub("", word.translate(_QUOTE_CHARS).casefold())


def word_diff(a: str, b: str) -> list[WordOp]:
    """Word-by-word differences from ``a`` to ``b``: rapidfuzz ``Indel.opcodes`` over
    word lists. Indel (insertions and deletions only, i.e. a longest common subsequence)
    rather than Levenshtein: it keeps every word the two share as ``equal`` instead of
    pairing unrelated words as substitutions, which reads better. Case, quote characters
    and edge punctuation are ignored, so tokenised text (``good , and``) matches its
    typeset form (``good, and``); the words are returned as written.

    >>> [(o.tag, o.a, o.b) for o in word_diff("We will act now.", "we will ACT quickly now")]
    [('equal', ('We', 'will', 'act'), ('we', 'will', 'ACT')), ('insert', (), ('quickly',)), ('equal', ('now.',), ('now',))]
    """
    wa = [w for w in _WORD.findall(a) if _key(w)]
    wb = [w for w in _WORD.findall(b) if _key(w)]
    out: list[WordOp] = []
    for op in Indel.opcodes([_key(w) for w in wa], [_key(w) for w in wb]):
        step = WordOp(op.tag, tuple(wa[op.src_start:op.src_end]), tuple(wb[op.dest_start:op.dest_end]))
        if out and step.tag != "equal" and out[-1].tag != "equal":
            # a deletion next to an insertion reads as one replacement: removed words first
            prev = out.pop()
            step = WordOp("replace", prev.a + step.a, prev.b + step.b)
        out.append(step)
    return out


def word_diff_text(a: str, b: str, *, color: bool = False) -> str:
    """A word diff as one line: ``[-removed-]{+added+}`` (coloured on a terminal).

    >>> word_diff_text("the force has made progress", "the force made real progress")
    'the force [-has-] made {+real+} progress'
    """
    out: list[str] = []
    for op in word_diff(a, b):
        if op.tag == "equal":
            out.append(" ".join(op.b))
            continue
        if op.a:
            out.append(paint("[-" + " ".join(op.a) + "-]", "red", color=color))
        if op.b:
            out.append(paint("{+" + " ".join(op.b) + "+}", "green", color=color))
    return " ".join(out)


# -- small objects: Group and Discrepancy ----------------------------------------------

#: At most this many claim ids are named on an "also stated in" line.
ALSO_CLAIMS = 3


def also_for(link: Link) -> str:
    """The claims of the linked-from group a link is for (``Link.via``), when there are
    few enough to show (at most :data:`ALSO_CLAIMS`); empty otherwise (the whole group, or
    too many to name on one line)."""
    return ", ".join(link.via) if len(link.via) <= ALSO_CLAIMS else ""


def also_stated(link: Link, width: int = EXCERPT) -> str:
    """A link as one short line: the other group and the claims of it that state the fact,
    and which of this group's claims they state (:func:`also_for`) when the line then
    stays within ``width`` characters.

    >>> also_stated(Link(group="g12", claims=["001/s4", "002/s7"], score=0.5))
    'also stated in g12 (by 001/s4, 002/s7)'
    >>> also_stated(Link(group="g12", claims=["001/s4"], score=0.5, via=["000/q13"]))
    'also stated in g12 (by 001/s4, for 000/q13)'
    >>> also_stated(Link(group="g12", claims=["001/s4"], score=0.5, via=["000/q13"]), width=30)
    'also stated in g12 (by 001/s4)'
    >>> also_stated(Link(group="g3", claims=[f"s{i}/s1" for i in range(5)], score=0.5))
    'also stated in g3 (by s0/s1, s1/s1, s2/s1 and 2 more)'
    """
    named = ", ".join(link.claims[:ALSO_CLAIMS])
    more = len(link.claims) - ALSO_CLAIMS
    line = f"also stated in {link.group} (by {named}{f' and {more} more' if more > 0 else ''}"
    mine = also_for(link)
    if mine and len(line) + len(mine) + 7 <= width:  # ", for " and ")"
        return f"{line}, for {mine})"
    return line + ")"


def group_text(group: Group) -> str:
    """One readable line for a group (what ``str(group)`` shows)."""
    return (f"{group.id} · {group.kind.value} · {group.relation.value} · score {group.score:.2f} · "
            f"{len(group.claims)} claims from {', '.join(group.sources)}")


def discrepancy_text(d: Discrepancy, *, color: bool = False) -> str:
    """A discrepancy as a few readable lines (what ``str(discrepancy)`` shows)."""
    head = paint(f"{d.id} · {d.type.value}", TYPE_STYLE.get(d.type.value, "bold"), color=color)
    lines = [f"{head} · group {d.group}", d.summary]
    width = max((len(v.source) for v in d.values), default=0)
    for v in d.values:
        lines.append(f"  {v.source:<{width}}  “{_excerpt(v.value, 60)}”  [{v.start}:{v.end}]  {v.claim}")
    return "\n".join(lines)


# -- text and Markdown -----------------------------------------------------------------

def _sections(report: Report, fmt: str, *, color: bool = False) -> list[tuple[str, str]]:
    """(title, body) pairs shared by the text and Markdown renderers."""
    claims = {c.id: c for c in report.claims}
    out: list[tuple[str, str]] = []
    # copies of one claim recur in many rows: each distinct text is cut down once
    cut: dict[tuple[str, int], str] = {}

    def excerpt(text: str, limit: int = EXCERPT) -> str:
        key = (text, limit)
        found = cut.get(key)
        if found is None:
            found = cut[key] = _excerpt(text, limit)
        return found

    rows: list[list[object]] = []
    per_source = Counter(c.source for c in report.claims)
    for s in report.sources:
        rows.append([s.id, s.title or "", s.outlet or "", s.published or "", len(s.text), per_source[s.id]])
    out.append(("Sources", _table(rows, ["id", "title", "outlet", "published", "chars", "claims"], fmt)))

    if report.discrepancies:
        blocks = []
        for d in report.discrepancies:
            rows = [[v.source, excerpt(v.value, 40), f"[{v.start}:{v.end}]", excerpt(claims[v.claim].text, 70)]
                    for v in d.values]
            label = paint(f"{d.id} · {d.type.value}", TYPE_STYLE.get(d.type.value, "bold"), color=color)
            head = f"{label} · group {d.group}\n{d.summary}"
            if fmt == "markdown":
                head = f"**{d.id} · {d.type.value}** (group {d.group}): {d.summary}"
            blocks.append(head + "\n\n" + _table(rows, ["source", "value", "span", "claim"], fmt))
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
                         c.source, excerpt(c.text)])
            first = False
        # where else the group's fact is stated: other groups' claims (see align.relate)
        rows.extend(["", "", "", "", excerpt(also_stated(link))] for link in g.related)
    out.append((f"Shared claims ({counted(len(shared), 'group')} carried by 2+ sources)",
                _table(rows, ["group", "relation", "score", "source", "claim"], fmt) if rows else "None."))

    quotes = [g for g in shared if g.kind is ClaimKind.QUOTE]
    if quotes:
        rows = []
        for g in quotes:
            speakers = sorted({sp.name for c in g.claims if (sp := claims[c].speaker) is not None})
            rows.append([g.id, ", ".join(g.sources), "; ".join(speakers) or "unknown",
                         _excerpt(claims[g.claims[0]].text, 80)])
        out.append(("Quotes carried by 2+ sources", _table(rows, ["group", "sources", "speaker", "quote"], fmt)))

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
        out.append(("Provenance of shared claims", _table(rows, ["group", "credited to", "cites", "shared wording"],
                                                          fmt)))

    solo = Counter(g.sources[0] for g in report.groups if len(g.sources) == 1)
    # groups per source counted in one pass (a scan of every group per source was quadratic)
    carried = Counter(sid for g in shared for sid in set(g.sources))
    rows = [[s.id, carried[s.id], solo[s.id]] for s in report.sources]
    out.append(("Coverage", _table(rows, ["source", "shared groups", "claims only it makes"], fmt)))

    if report.notes:
        counts = Counter((n.source, n.kind.value) for n in report.notes)
        rows = [[src, kind, n] for (src, kind), n in sorted(counts.items())]
        out.append(("Notes", _table(rows, ["source", "kind", "count"], fmt)))
    return out


def _summary_line(report: Report) -> str:
    s = report.summary()
    return (f"{counted(s['sources'], 'source')}, {counted(s['claims'], 'claim')}, "
            f"{counted(s['shared_groups'], 'shared group')}, "
            f"{counted(s['discrepancies'], 'discrepancy', 'discrepancies')}, {counted(s['notes'], 'note')}")


def render_text(report: Report, *, color: bool = False) -> str:
    """The plain-text report; ``color`` adds ANSI styles (for a terminal only)."""
    parts = [paint(f"claimcheck report: {_summary_line(report)}", "bold", color=color)]
    for title, body in _sections(report, "text", color=color):
        parts += ["\n\n", f"{paint(title, 'bold', color=color)}\n{'=' * len(title)}\n", body]
    # one join: a big report's sections are copied once, not once per "+"
    return "".join(parts + ["\n"])


def render_markdown(report: Report) -> str:
    parts = ["# claimcheck report\n\n" f"{_summary_line(report)}."]
    for title, body in _sections(report, "markdown"):
        parts += [f"\n\n## {title}\n\n", body]
    return "".join(parts + ["\n"])


def render_json(report: Report) -> str:
    return report.to_json()


# -- CSV -------------------------------------------------------------------------------

#: Columns of the CSV report, one row per discrepancy value.
CSV_COLUMNS = ("discrepancy", "type", "group", "source", "claim", "value", "start", "end", "summary")
# A cell starting with one of these is a formula to a spreadsheet (CSV injection); tab
# and carriage return are on OWASP's list too.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run: text starting with ``= + - @`` (or tab,
    CR) gets a leading ``'``, which spreadsheets show as text and do not evaluate.

    >>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell("-5 degrees"), csv_cell(12)
    ('\\'=HYPERLINK("http://x")', "'-5 degrees", '12')
    """
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(report: Report) -> str:
    """One row per discrepancy value, header first, as RFC 4180 says: CRLF line ends, and
    a field holding a comma, quote, CR or LF quoted (an LF line end would leave a lone CR
    in a value unquoted)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for d in report.discrepancies:
        # a discrepancy's own cells are the same on each of its rows (thousands, in a big story)
        head = [csv_cell(x) for x in (d.id, d.type.value, d.group)]
        summary = csv_cell(d.summary)
        writer.writerows([*head, csv_cell(v.source), csv_cell(v.claim), csv_cell(v.value), csv_cell(v.start),
                          csv_cell(v.end), summary] for v in d.values)
    return buf.getvalue()


def render_html(report: Report) -> str:
    from .html import render_html as _html

    return _html(report)


#: Output formats by name, as offered by ``claimcheck report --format``.
FORMATS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "csv": render_csv,
    "html": render_html,
}


def render(report: Report, fmt: str = "text", *, color: bool = False) -> str:
    """Render ``report`` in format ``fmt`` (a key of :data:`FORMATS`); ``color`` adds
    ANSI styles to the text format and is ignored by the others."""
    if fmt == "text":
        return render_text(report, color=color)
    try:
        return FORMATS[fmt](report)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}") from None
