"""The CLI's focused views and terminal manners: `quotes`, `diff A B`, the csv/html
formats, colour only on a terminal without NO_COLOR, a progress bar only on a terminal."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest

from claimcheck import cli
from claimcheck.cli import main

from .conftest import SEEDS

A = SEEDS / "001_7160a6edc39496a7.txt"
B = SEEDS / "002_88a6a7baf9a5bf03.txt"


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_report_csv_and_html(capsys, tmp_path):
    assert main(["report", str(SEEDS), "-f", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:3] == ["discrepancy", "type", "group"]
    target = tmp_path / "r.html"
    assert main(["report", str(SEEDS), "-f", "html", "-o", str(target)]) == 0
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Sources side by side" in page


def test_quotes_lists_groups_with_speaker_sources_fidelity(capsys, seed_report):
    assert main(["quotes", str(SEEDS)]) == 0
    out = capsys.readouterr().out
    shared_quotes = [g for g in seed_report.shared_groups if g.kind.value == "quote"]
    assert out.startswith(f"{len(shared_quotes)} quote group")
    assert "fidelity" in out and "speaker" in out
    for g in shared_quotes:
        label = g.fidelity or g.relation.value
        assert any(line.startswith(g.id + " ") and label in line for line in out.splitlines())
    assert main(["quotes", str(SEEDS), "-f", "json", "--all"]) == 0
    data = json.loads(capsys.readouterr().out)["quotes"]
    assert len(data) == sum(1 for g in seed_report.groups if g.kind.value == "quote")
    assert {"group", "relation", "fidelity", "speakers", "sources", "claims"} <= set(data[0])


def test_diff_two_sources(capsys):
    assert main(["diff", str(A), str(B)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"A = {A.stem}\nB = {B.stem}\n")
    assert "shared claim groups" in out and "\n  A [" in out and "\n  B [" in out
    assert main(["diff", str(A), str(B), "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["sources"] == 2


def test_diff_same_name_in_two_folders(tmp_path, capsys):
    for d, extra in (("old", ""), ("new", " Officials later said 45 homes were flooded.")):
        (tmp_path / d).mkdir()
        (tmp_path / d / "story.txt").write_text("Officials said 40 homes were flooded on Sunday." + extra,
                                                encoding="utf-8")
    assert main(["diff", str(tmp_path / "old/story.txt"), str(tmp_path / "new/story.txt")]) == 0
    assert capsys.readouterr().out.startswith("A = A:story\nB = B:story\n")


def test_diff_needs_exactly_one_source_per_path(capsys):
    assert main(["diff", str(SEEDS), str(B)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "one source per path" in err
    with pytest.raises(SystemExit) as err:
        main(["diff", str(A)])
    assert err.value.code == 2 and "required: B" in capsys.readouterr().err


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for env, tty, flag, expected in [(None, True, [], True), (None, False, [], False), ("1", True, [], False),
                                     (None, True, ["--no-color"], False)]:
        if env:
            monkeypatch.setenv("NO_COLOR", env)
        else:
            monkeypatch.delenv("NO_COLOR", raising=False)
        out = _Tty() if tty else io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        assert main(["report", str(SEEDS), *flag]) == 0
        assert ("\x1b[" in out.getvalue()) is expected, (env, tty, flag)


def test_progress_bar_only_on_a_terminal(monkeypatch, tmp_path, capsys):
    for i in range(cli.PROGRESS_MIN):
        (tmp_path / f"s{i}.txt").write_text(f"Officials said {40 + i} homes were flooded on Sunday.", encoding="utf-8")
    err = _Tty()
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["report", str(tmp_path), "-f", "json"]) == 0
    assert "reading s" in err.getvalue() or "aligning" in err.getvalue()
    err.truncate(0)
    assert main(["report", str(tmp_path), "-f", "json", "--no-progress"]) == 0
    assert err.getvalue().strip("\x00") == ""
    plain = io.StringIO()
    monkeypatch.setattr(sys, "stderr", plain)
    assert main(["report", str(tmp_path), "-f", "json"]) == 0
    assert plain.getvalue() == ""


def test_help_lists_the_new_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for word in ("quotes", "diff", "-f html", "-f csv"):
        assert word in out
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    assert "{csv,html,json,markdown,text}" in capsys.readouterr().out.replace(" ", "")
