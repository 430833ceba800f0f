"""The documentation's code runs: every ```python block in README.md and docs/*.md, and
every `claimcheck ...` line of a ```sh block in docs/cli.md.

Blocks of one page share a namespace and run in order (a page reads top to bottom).
Blocks with ``>>>`` prompts are doctests, so the output a page shows is checked; other
blocks are executed. A block right after ``<!-- xfail: reason -->`` documents behaviour
still being built: it runs on its own (after the page's other blocks) as a strict xfail,
so the day it passes the marker must go.
"""

from __future__ import annotations

import doctest
import re
import shlex
from pathlib import Path

import pytest

from claimcheck.cli import main

from .conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"(?P<marker><!-- xfail: (?P<reason>[^>]*?) -->\n)?```(?P<lang>\w+)\n(?P<body>.*?)^```",
                    re.S | re.M)


def blocks(page: Path, lang: str) -> list[tuple[int, str, str | None]]:
    """(line, code, xfail reason or None) for each fenced block of ``lang``."""
    text = page.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start("body")) + 1, m.group("body"), m.group("reason"))
            for m in _FENCE.finditer(text) if m.group("lang") == lang]


def run_block(code: str, ns: dict, name: str, line: int) -> None:
    if ">>>" in code:
        test = doctest.DocTestParser().get_doctest(code, ns, name, name, line)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        out: list[str] = []
        runner.run(test, out=out.append, clear_globs=False)
        ns.update(test.globs)  # DocTest works on a copy; later blocks see what this one defined
        assert runner.failures == 0, "".join(out)
    else:
        exec(compile(code, f"{name}:{line}", "exec"), ns)


PY_PAGES = [p for p in PAGES if blocks(p, "python")]


@pytest.mark.parametrize("page", PY_PAGES, ids=[p.name for p in PY_PAGES])
def test_python_blocks_run(page, monkeypatch):
    monkeypatch.chdir(ROOT)  # pages use paths like "seeds/"
    ns: dict = {"__name__": f"docs.{page.stem}"}
    for line, code, reason in blocks(page, "python"):
        if reason is None:
            run_block(code, ns, page.name, line)


XFAIL = [(p, line, code, reason) for p in PY_PAGES for line, code, reason in blocks(p, "python") if reason]


@pytest.mark.parametrize("page, line, code, reason", XFAIL, ids=[f"{p.name}:{ln}" for p, ln, _, _ in XFAIL])
def test_pending_blocks_still_fail(page, line, code, reason, monkeypatch, request):
    request.node.add_marker(pytest.mark.xfail(reason=reason, strict=True))
    monkeypatch.chdir(ROOT)
    ns: dict = {"__name__": f"docs.{page.stem}"}
    for ln, c, r in blocks(page, "python"):
        if r is None and ln < line:
            run_block(c, ns, page.name, ln)
    run_block(code, ns, page.name, line)


def cli_lines() -> list[tuple[int, str]]:
    out = []
    for line, code, _ in blocks(ROOT / "docs" / "cli.md", "sh"):
        for i, cmd in enumerate(code.splitlines()):
            if cmd.startswith("claimcheck "):
                out.append((line + i, cmd))
    return out


@pytest.mark.parametrize("line, cmd", cli_lines(), ids=[f"cli.md:{ln}" for ln, _ in cli_lines()])
def test_cli_examples_run(line, cmd, tmp_path, monkeypatch, capsys):
    """Each documented command runs from a folder holding the seeds; a trailing
    ``# exit N`` gives the expected exit code (0 otherwise). Shell plumbing (pipes,
    redirections) is left to the shell and not run here."""
    cmd, _, comment = cmd.partition("  #")
    expected = int(m.group(1)) if (m := re.search(r"exit (\d+)", comment)) else 0
    if re.search(r"[|<>]", cmd):
        pytest.skip("shell plumbing")
    (tmp_path / "seeds").symlink_to(ROOT / "seeds", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    try:
        code = main(shlex.split(cmd)[1:])
    except SystemExit as exc:  # --help and --version exit through argparse
        code = exc.code
    capsys.readouterr()
    assert code == expected, cmd


def test_every_discrepancy_type_is_explained():
    from claimcheck import DiscrepancyType

    concepts = (ROOT / "docs" / "concepts.md").read_text(encoding="utf-8")
    for t in DiscrepancyType:
        assert f"### `{t.value}`" in concepts, t.value


def test_readme_report_sample_is_the_real_report(monkeypatch, capsys):
    """The README's sample report is the seeds' report, line for line: every line it shows
    (``...`` marks lines left out) is a line of ``claimcheck report seeds/ --format
    markdown``, in the same order, so the sample cannot drift from what the tool prints."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "$ claimcheck report seeds/ --format markdown\n"
    sample = next(body for _, body, _ in blocks(ROOT / "README.md", "text") if body.startswith(command))
    monkeypatch.chdir(ROOT)
    assert main(["report", "seeds/", "--format", "markdown"]) == 0
    real = capsys.readouterr().out.splitlines()
    at = 0
    for line in sample[len(command):].splitlines():
        if line == "...":
            continue
        assert line in real[at:], f"README sample line not in the report (in order): {line!r}"
        at = real.index(line, at) + 1
    assert text.count(command) == 1
