"""Every format from one model: golden files on the seeds, CSV safety, HTML escaping,
the word diff, and the display methods of Report, Group and Discrepancy.

Golden files live in ``tests/golden/seeds.{txt,md,json,csv}``. When alignment or
extraction changes the seeds' report on purpose, regenerate them and review the diff:

    CLAIMCHECK_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/test_render.py
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import claimcheck
from claimcheck import Source, compare
from claimcheck.html import safe_url
from claimcheck.render import CSV_COLUMNS, FORMATS, _key, csv_cell, render, word_diff, word_diff_text
from claimcheck.report import Report

from .conftest import ROOT
from .strategies import any_text, news_text

GOLDEN = Path(__file__).resolve().parent / "golden"
REGEN = os.environ.get("CLAIMCHECK_REGEN_GOLDEN") == "1"
SUFFIX = {"text": "txt", "markdown": "md", "json": "json", "csv": "csv"}


@pytest.fixture(scope="module")
def seeds_report() -> Report:
    # paths in the report are relative to the working directory: pin it for the golden files
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        return compare(claimcheck.load("seeds"))
    finally:
        os.chdir(here)


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_golden(seeds_report, fmt):
    out = render(seeds_report, fmt)
    path = GOLDEN / f"seeds.{SUFFIX[fmt]}"
    if REGEN:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(out.encode("utf-8"))
    assert path.exists(), f"{path} missing: run CLAIMCHECK_REGEN_GOLDEN=1 pytest tests/test_render.py"
    expected = path.read_bytes().decode("utf-8")  # bytes: the CSV's CRLF must survive
    assert out == expected, (f"seeds.{SUFFIX[fmt]} differs from the golden file; if the change is intended, "
                             "regenerate with CLAIMCHECK_REGEN_GOLDEN=1 pytest tests/test_render.py")


def test_golden_json_validates_against_shipped_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "src/claimcheck/schema/report.schema.json").read_text(encoding="utf-8"))
    data = json.loads((GOLDEN / "seeds.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)


def test_every_format_is_registered_and_renders(seeds_report):
    assert {"text", "markdown", "json", "csv", "html"} <= set(FORMATS)
    for fmt in FORMATS:
        assert render(seeds_report, fmt).strip()
    with pytest.raises(ValueError, match="unknown format"):
        render(seeds_report, "pdf")


def test_formats_agree_on_the_discrepancies(seeds_report):
    """One model: every format names the same discrepancies and values."""
    data = json.loads(render(seeds_report, "json"))
    rows = list(csv.DictReader(io.StringIO(render(seeds_report, "csv"))))
    assert len(rows) == sum(len(d["values"]) for d in data["discrepancies"])
    page = render(seeds_report, "html")
    text = render(seeds_report, "text")
    for d in seeds_report.discrepancies:
        assert f'id="disc-{d.id}"' in page and f"{d.id} · {d.type.value}" in text
    for row, (d, v) in zip(rows, [(d, v) for d in seeds_report.discrepancies for v in d.values]):
        assert (row["discrepancy"], row["source"], int(row["start"]), int(row["end"])) == (d.id, v.source, v.start,
                                                                                            v.end)
        assert row["value"] == csv_cell(v.value)


# -- CSV -----------------------------------------------------------------------------

HOSTILE_VALUES = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1"]


def _hostile_report() -> Report:
    text = " ".join(f"{v} people came." for v in HOSTILE_VALUES)
    spans = []
    pos = 0
    for v in HOSTILE_VALUES:
        start = text.index(v, pos)
        spans.append((start, start + len(v)))
        pos = start + len(v)
    data = {
        "sources": [{"id": "=cmd", "path": None, "title": None, "outlet": None, "url": None, "published": None,
                     "length": len(text)}],
        "claims": [{"id": "=cmd/s0", "source": "=cmd", "start": 0, "end": len(text), "text": text,
                    "kind": "statement", "sentence": 0, "speaker": None, "fragment": False, "quantities": []}],
        "groups": [{"id": "g1", "claims": ["=cmd/s0"], "sources": ["=cmd"], "relation": "single", "score": 1.0,
                    "kind": "statement"}],
        "discrepancies": [{"id": "d1", "type": "quantity", "group": "g1", "summary": "-bad summary",
                           "values": [{"source": "=cmd", "claim": "=cmd/s0", "value": text[s:e], "start": s, "end": e}
                                      for s, e in spans]}],
        "provenance": [], "notes": [],
    }
    return Report.from_dict(data, texts={"=cmd": text})


def test_csv_one_row_per_value_and_formulas_neutralised():
    rows = list(csv.reader(io.StringIO(render(_hostile_report(), "csv"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 1 + len(HOSTILE_VALUES)
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    values = [r[CSV_COLUMNS.index("value")] for r in rows[1:]]
    assert values == ["'" + v for v in HOSTILE_VALUES]  # kept, readable, but never a formula
    assert rows[1][CSV_COLUMNS.index("source")] == "'=cmd"


@given(st.one_of(any_text, st.integers()))
def test_csv_cell_never_starts_a_formula(value):
    cell = csv_cell(value)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell in (str(value), "'" + str(value))


@given(st.lists(st.lists(any_text, min_size=1, max_size=4), max_size=5))
def test_csv_text_survives_quoting(cells):
    """Commas, quotes and newlines inside values come back intact through a CSV reader."""
    text = " ".join(c for row in cells for c in row) or "x"
    data = _hostile_report().to_dict()
    data["sources"][0]["length"] = len(text)
    data["claims"][0].update(end=len(text), text=text)
    data["discrepancies"][0]["values"] = [{"source": "=cmd", "claim": "=cmd/s0", "value": text, "start": 0,
                                           "end": len(text)}]
    report = Report.from_dict(data, texts={"=cmd": text})
    rows = list(csv.reader(io.StringIO(render(report, "csv"), newline="")))
    assert rows[1][CSV_COLUMNS.index("value")] == csv_cell(text)


# -- word diff -----------------------------------------------------------------------

@given(news_text, news_text)
def test_word_diff_rebuilds_both_sides(a, b):
    ops = word_diff(a, b)
    assert [w for o in ops for w in o.a] == [w for w in a.split() if re.search(r"\w", w)]
    assert [w for o in ops for w in o.b] == [w for w in b.split() if re.search(r"\w", w)]
    for o in ops:
        if o.tag == "equal":
            assert o.a and [_key(w) for w in o.a] == [_key(w) for w in o.b]
        else:
            assert o.tag == {(True, True): "replace", (True, False): "delete", (False, True): "insert"}[
                (bool(o.a), bool(o.b))]
    # no two changes in a row: each change sits between equal stretches
    assert all(not (x.tag != "equal" and y.tag != "equal") for x, y in zip(ops, ops[1:]))


def test_word_diff_ignores_case_quotes_and_tokenised_punctuation():
    assert all(o.tag == "equal" for o in word_diff("conscientious , enthusiastic and focused",
                                                   "Conscientious, enthusiastic and focused"))
    assert word_diff_text("we accept these recommendations", "we accept all these recommendations") == \
        "we accept {+all+} these recommendations"
    assert word_diff_text("the review found failings", "the review found no failings", color=True) == \
        "the review found \x1b[32m{+no+}\x1b[0m failings"


# -- HTML ----------------------------------------------------------------------------

HOSTILE = ('<script>window.__pwned = 1</script> Officials said 40 homes were flooded on Sunday. '
           '"><img src=x onerror="window.__pwned=2"> The council said 40 homes were flooded. '
           '<a href="javascript:window.__pwned=3">click</a>')


def hostile_report() -> Report:
    return compare([
        Source(id="evil\"><script>window.__pwned=4</script>", text=HOSTILE, title="<b>bold</b><script>x()</script>",
               outlet="'><svg onload=window.__pwned=5>", url="javascript:window.__pwned=6"),
        Source(id="good", text="Officials said 40 homes were flooded on Sunday. The council said 45 homes were flooded.",
               url="https://example.org/story?a=1&b=2"),
    ])


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


ALLOWED_TAGS = {"html", "head", "meta", "title", "body", "style", "div", "h1", "h2", "p", "span", "a", "b", "small",
                "code", "section", "header", "table", "tr", "th", "td", "details", "summary", "mark", "del", "ins",
                "dl", "dt", "dd", "ol", "li"}


def test_html_escapes_everything_from_sources():
    page = render(hostile_report(), "html")
    parser = _Tags()
    parser.feed(page)
    assert {t for t, _ in parser.tags} <= ALLOWED_TAGS  # no script, img, svg, iframe ... from any source
    for tag, attrs in parser.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        if tag == "a":
            href = attrs["href"] or ""
            assert href.startswith("#") or href.startswith("https://example.org/"), href
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;" in page
    assert "javascript:window.__pwned=6" in page  # shown as text ...
    assert 'href="javascript' not in page  # ... never a link
    assert 'href="https://example.org/story?a=1&amp;b=2"' in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_html_is_self_contained(seeds_report):
    page = render(seeds_report, "html")
    parser = _Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        for key in ("src", "srcset", "data", "action", "poster"):
            assert key not in attrs, (tag, attrs)
        if tag == "link":
            pytest.fail("external stylesheet")
    assert "<script" not in page and "@import" not in page and "url(" not in page


def test_html_highlights_every_shared_claim_and_badges_every_value(seeds_report):
    page = render(seeds_report, "html")
    shared = seeds_report.shared_groups
    assert shared, "the seeds share claims"
    for i, g in enumerate(shared):
        # every group gets its own colour class, used in the texts and its label
        assert re.search(rf'class="hl g{i}[" ]', page), g.id
    values = sum(len(d.values) for d in seeds_report.discrepancies)
    badges = len(re.findall(r'<a class="badge"', page))
    assert badges >= len({(v.source, v.end, d.id) for d in seeds_report.discrepancies for v in d.values})
    assert values == 0 or badges > 0
    assert page.count('<details class="disc"') == len(seeds_report.discrepancies)


def test_html_renders_detail_generically():
    report = _hostile_report()
    data = report.to_dict()
    data["discrepancies"][0]["detail"] = {"words": [{"op": "<del>", "a": "x"}], "ratio": 0.5, "note": "<i>n</i>"}
    page = Report.from_dict(data).to_html()  # texts are not in the JSON: the claim text stands in
    assert "&lt;del&gt;" in page and "&lt;i&gt;n&lt;/i&gt;" in page and "<code>0.5</code>" in page


@pytest.mark.parametrize("url, ok", [("http://a.org/x", True), ("https://a.org", True), ("javascript:alert(1)", False),
                                     ("JaVaScRiPt:alert(1)", False), ("data:text/html,<b>", False), ("/rel", False),
                                     ("https://a.org/\"onmouseover=x", False), ("ftp://a.org", False), (None, False)])
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) is ok


# -- text, Markdown and the small objects ---------------------------------------------

def test_text_colour_only_when_asked(seeds_report):
    assert "\x1b[" not in render(seeds_report, "text")
    coloured = render(seeds_report, "text", color=True)
    assert "\x1b[1m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == render(seeds_report, "text")


def test_markdown_escapes_pipes_in_cells():
    report = compare([Source(id="a|b", text="Ten | twelve people died in the fire on Monday."),
                      Source(id="c", text="Ten | twelve people died in the fire on Monday.")])
    md = render(report, "markdown")
    rows = [line for line in md.splitlines() if line.startswith("| a\\|b")]
    assert rows and all("Ten \\| twelve" in r for r in rows if "Ten" in r)


def test_display_methods(seeds_report):
    html = seeds_report._repr_html_()
    assert "claimcheck report" in html and "<script" not in html
    assert 'class="grid"' not in html  # the notebook view leaves the full texts to to_html()
    assert 'class="grid"' in seeds_report.to_html(standalone=False)
    d = seeds_report.discrepancies[0]
    assert str(d).startswith(f"{d.id} · {d.type.value} · group {d.group}")
    assert all(f"[{v.start}:{v.end}]" in str(d) for v in d.values)
    assert "<details" in d._repr_html_() and " open" in d._repr_html_()
    g = seeds_report.shared_groups[0]
    assert str(g).startswith(f"{g.id} · {g.kind.value} · {g.relation.value}")
    assert g.id in g._repr_html_()
    assert seeds_report.to_csv() == render(seeds_report, "csv")


def test_tables_show_source_text_exactly_as_read():
    # tabulate would print the values "1.50" / "1.80" as 1.5 / 1.8: a span shows its text
    report = compare([Source(id="a", text="The index closed at 1.50 on Monday."),
                      Source(id="b", text="The index closed at 1.80 on Monday.")])
    assert [v.value for d in report.discrepancies for v in d.values] == ["1.50", "1.80"]
    text = render(report, "text")
    assert re.search(r"^a +1\.50 +\[20:24\]", text, re.M) and re.search(r"^b +1\.80 +\[20:24\]", text, re.M)
    assert "| a        | 1.50    |" in render(report, "markdown")


def test_html_compares_quote_versions_source_to_source():
    # a quote group chaining two paragraphs: each source's version is diffed whole, so the
    # paragraph b leaves out shows as deleted and paragraphs are never diffed with each other
    a = ('The mayor, Ana Ruiz, spoke on Monday. "We will rebuild the old bridge over the river," she said. '
         '"It will open to traffic next spring," Ruiz added.')
    b = 'Mayor Ana Ruiz spoke on Monday. "We will rebuild the old bridge over the river," she said.'
    report = compare([Source(id="a", text=a), Source(id="b", text=b)])
    quote_groups = [g for g in report.shared_groups if g.kind.value == "quote"]
    assert [len(g.claims) for g in quote_groups] == [3]
    html = render(report, "html")
    section = html[html.index("Word by word"):html.index("<h2>Coverage")]
    diffs = re.findall(r'<div class="diff"><code>a</code> → <code>b</code>: (.*?)</div>', section)
    assert len(diffs) == 1
    assert "<del>It will open to traffic next spring,</del>" in diffs[0]
    assert "<ins>" not in diffs[0]
