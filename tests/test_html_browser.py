"""The HTML report in a real browser: headless Debian Chromium driven by playwright.

No browser is downloaded: playwright drives ``/usr/bin/chromium`` (Debian's package,
which ``.ci/run`` installs). The tests check that the seeds' highlights and badges
render, that the badges open to the per-source values, that hovering a claim outlines
its group in every column (CSS only, the page has no script), that nothing is fetched,
and that no script from a hostile source runs, with and without the page's CSP. A
screenshot of the seeds' report is saved to ``test-artifacts/report.png``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimcheck.html import CSP

from .conftest import ROOT
from .test_render import HOSTILE, hostile_report

CHROMIUM = os.environ.get("CLAIMCHECK_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"

if not Path(CHROMIUM).exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium; .ci/run does)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the 'test' extra")


def column_texts(page) -> list[str]:
    """Each source column's text without the group labels and badges placed in it."""
    return page.evaluate("""() => [...document.querySelectorAll('.col .text')].map(t => {
        const c = t.cloneNode(true); c.querySelectorAll('.gl, .badge').forEach(e => e.remove());
        return c.textContent; })""")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def open_page(browser, tmp_path):
    """Open an HTML string as a file:// page; returns (page, requests, console errors, dialogs)."""
    contexts = []

    def _open(html: str, name: str = "report.html"):
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        contexts.append(context)
        page = context.new_page()
        seen = {"requests": [], "errors": [], "dialogs": []}
        page.on("request", lambda r: seen["requests"].append(r.url))
        page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: seen["errors"].append(str(e)))
        page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        return page, seen

    yield _open
    for c in contexts:
        c.close()


def test_seeds_report_renders_highlights_and_badges(open_page, seed_report):
    page, seen = open_page(seed_report.to_html())
    assert seen["requests"] == [page.url]  # the page itself, nothing else
    assert seen["errors"] == []
    # spans are sacred: each column shows its source's text exactly, every character
    assert column_texts(page) == [s.text for s in seed_report.sources]
    highlights = page.locator(".text .hl")
    assert highlights.count() >= len(seed_report.shared_groups)
    first = highlights.first
    assert first.is_visible()
    bg = first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent", "rgb(255, 255, 255)"), bg
    # the same group has the same colour in every column it appears in
    g0 = page.locator(".text .hl.g0")
    colours = set(g0.evaluate_all("els => els.map(e => getComputedStyle(e).backgroundColor)"))
    assert len(colours) == 1

    if seed_report.discrepancies:
        badges = page.locator(".text a.badge")
        assert badges.count() > 0 and badges.first.is_visible()
        d = seed_report.discrepancies[0]
        card = page.locator(f"#disc-{d.id}")
        values = card.locator("table")
        assert not values.is_visible()  # closed until asked
        card.locator("summary").click()
        assert values.is_visible()
        assert values.locator("tr").count() == len(d.values) + 1
        assert f"[{d.values[0].start}:{d.values[0].end}]" in values.inner_text()

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"))
    page.locator("h2", has_text="Sources side by side").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(ARTIFACTS / "report-side-by-side.png"))
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000


def test_hovering_a_claim_outlines_its_group_everywhere(open_page, seed_report):
    page, _ = open_page(seed_report.to_html(), "hover.html")
    members = page.locator(".text .hl.g0")
    assert members.count() >= 2
    other = members.last
    assert other.evaluate("e => getComputedStyle(e).outlineStyle") == "none"
    members.first.hover()
    assert other.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"


@pytest.mark.parametrize("with_csp", [True, False], ids=["with-csp", "escaping-alone"])
def test_no_script_from_a_source_runs(open_page, with_csp):
    html = hostile_report().to_html()
    if not with_csp:  # prove the escaping holds on its own, without the CSP's safety net
        html = html.replace(f'<meta http-equiv="Content-Security-Policy" content="{CSP}">', "")
        assert "Content-Security-Policy" not in html
    page, seen = open_page(html, f"hostile-{with_csp}.html")
    page.locator("body").hover()
    for link in page.locator("a").all():
        if link.get_attribute("href", timeout=1000).startswith("#"):
            link.click()
    assert page.evaluate("() => window.__pwned") is None
    assert seen["dialogs"] == []
    assert page.locator("script, img, svg, iframe").count() == 0
    assert column_texts(page)[0] == HOSTILE  # every character shown, as text
    text = page.locator("body").inner_text()
    assert "<script>window.__pwned=4</script>" in text  # the id, the title ...
    assert "javascript:window.__pwned=6" in text  # ... and the URL, shown as text, not a link
    assert page.locator('a[href^="javascript"]').count() == 0
    assert [u.split("#")[0] for u in seen["requests"]] == [page.url.split("#")[0]]  # in-page links only
