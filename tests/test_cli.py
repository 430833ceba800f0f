"""The command line: formats, atomic output, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from claimcheck.cli import main

from .conftest import SEEDS


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "claimcheck", *args], capture_output=True, text=True,
                          input=stdin, timeout=120)


def test_report_formats(capsys):
    for fmt in ("text", "markdown", "json"):
        assert main(["report", str(SEEDS), "--format", fmt]) == 0
        out = capsys.readouterr().out
        assert out.strip()
    assert json.loads(out)["schema"] == "claimcheck.report/2"


def test_output_file_is_written_atomically(tmp_path, capsys):
    target = tmp_path / "report.json"
    assert main(["report", str(SEEDS), "-f", "json", "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["sources"] == 4
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_bad_input_one_line_exit_2_no_output_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    target = tmp_path / "out.json"
    proc = run("report", str(tmp_path / "empty.txt"), str(SEEDS), "-o", str(target))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "empty.txt" in proc.stderr and "Traceback" not in proc.stderr
    assert not target.exists() and [p.name for p in tmp_path.iterdir()] == ["empty.txt"]


def test_nonexistent_path():
    proc = run("report", "no/such/file.txt")
    assert proc.returncode == 2 and "no such file" in proc.stderr and "Traceback" not in proc.stderr


def test_debug_shows_traceback(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = run("report", str(tmp_path / "empty.txt"), "--debug")
    assert proc.returncode != 0 and "Traceback" in proc.stderr


def test_fail_on(capsys):
    assert main(["report", str(SEEDS), "--fail-on", "hedge"]) == 1
    assert main(["report", str(SEEDS), "--fail-on", "quote-truncation,hedge"]) == 1
    capsys.readouterr()
    assert main(["report", str(SEEDS), "--fail-on", "nonsense"]) == 2
    assert "unknown type" in capsys.readouterr().err


def test_stdin_and_single_source_message():
    text = (SEEDS / "001_7160a6edc39496a7.txt").read_text(encoding="utf-8")
    proc = run("report", "-", stdin=text)
    assert proc.returncode == 0 and "nothing to compare" in proc.stderr


def test_claims_and_schema(capsys):
    assert main(["claims", str(SEEDS)]) == 0
    assert "statement" in capsys.readouterr().out
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$id"] == "claimcheck.report/2"


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as err:
        main(["report"])
    assert err.value.code == 2
    with pytest.raises(SystemExit) as err:
        main(["report", str(SEEDS), "--format", "pdf"])
    assert err.value.code == 2


def test_help_has_examples(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "examples:" in capsys.readouterr().out


def test_python_m_and_console_script_agree():
    proc = run("report", str(SEEDS), "-f", "json")
    assert proc.returncode == 0
    env_bin = os.path.join(os.path.dirname(sys.executable), "claimcheck")
    if os.path.exists(env_bin):
        other = subprocess.run([env_bin, "report", str(SEEDS), "-f", "json"], capture_output=True, text=True)
        assert other.stdout == proc.stdout


@pytest.mark.parametrize("name, starts", [("report.json", "{"), ("report.HTML", "<!DOCTYPE html>"),
                                          ("report.md", "# claimcheck report"), ("report.txt", "claimcheck report:")])
def test_output_suffix_picks_the_format_when_none_is_given(tmp_path, capsys, name, starts):
    target = tmp_path / name
    assert main(["report", str(SEEDS), "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith(starts)


def test_an_explicit_format_wins_over_the_suffix(tmp_path, capsys):
    target = tmp_path / "report.json"
    assert main(["report", str(SEEDS), "-f", "markdown", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("# claimcheck report")
    # a view with fewer formats falls back to text for a suffix it cannot write
    target = tmp_path / "quotes.html"
    assert main(["quotes", str(SEEDS), "-o", str(target)]) == 0
    assert not target.read_text(encoding="utf-8").startswith("<")
