"""The catalogue of bad inputs (docs/robustness.md): each case with its expected behaviour,
run against the command line (a subprocess: exit code, stderr, output file, inputs left
untouched) and the Python API.

A refused input gives exit code 2 and one line on stderr naming the file, what is wrong
and what to do, with no traceback and no output file. Readable but damaged text is read,
with a note saying what was repaired.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Callable, Optional

import attrs
import pytest

import claimcheck
from claimcheck import ClaimcheckError, InputError, SourceError

GOOD = "The council said 300 people were evacuated on Sunday. Police confirmed the figure later.\n"
OTHER = "More than 300 people were evacuated on Sunday, the council said. Roads were closed.\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
                    "53de0000000c4944415408d763f8ffff3f0005fe02fea7d6a4e90000000049454e44ae426082")


@attrs.frozen
class Case:
    """One bad input: ``make`` writes it under a folder and returns the CLI's path arguments."""

    name: str
    make: Callable[[Path], list[str]]
    error: Optional[type] = None  # the exception load() raises, or None when the input is read
    message: tuple[str, ...] = ()  # words the one-line message (or a note) must hold
    names: str = ""  # the file the message must name ("" = the first path argument)
    note: Optional[str] = None  # kind of a note the readable input must carry
    extra: tuple[str, ...] = ()  # more CLI options


def _file(name: str, data: bytes, *, with_other: bool = True) -> Callable[[Path], list[str]]:
    def make(d: Path) -> list[str]:
        (d / name).write_bytes(data)
        if not with_other:
            return [str(d / name)]
        (d / "other.txt").write_text(OTHER, encoding="utf-8")
        return [str(d / name), str(d / "other.txt")]

    return make


def _manifest(body: str, files: dict[str, str]) -> Callable[[Path], list[str]]:
    def make(d: Path) -> list[str]:
        (d / "story").mkdir()
        for name, text in files.items():
            (d / "story" / name).write_text(text, encoding="utf-8")
        (d / "story" / "sources.toml").write_text(body, encoding="utf-8")
        (d / "secret.txt").write_text(GOOD, encoding="utf-8")
        return [str(d / "story")]

    return make


def _dup_stems(d: Path) -> list[str]:
    for sub in ("a", "b"):
        (d / sub).mkdir()
        (d / sub / "story.txt").write_text(GOOD, encoding="utf-8")
    return [str(d / "a" / "story.txt"), str(d / "b" / "story.txt")]


def _empty_dir(d: Path) -> list[str]:
    (d / "pics").mkdir()
    (d / "pics" / "photo.png").write_bytes(PNG)
    (d / "pics" / "notes.docx").write_bytes(b"PK\x03\x04")
    return [str(d / "pics")]


def _symlink_loop(d: Path) -> list[str]:
    os.symlink(d / "b.txt", d / "a.txt")
    os.symlink(d / "a.txt", d / "b.txt")
    (d / "other.txt").write_text(OTHER, encoding="utf-8")
    return [str(d / "a.txt"), str(d / "other.txt")]


def _many(n: int) -> Callable[[Path], list[str]]:
    def make(d: Path) -> list[str]:
        rng = random.Random(n)
        words = "council police report residents homes river flood storm town mayor roads school".split()
        (d / "many").mkdir()
        for i in range(n):
            text = (f"At least {300 + i % 7} people were evacuated on Sunday. "
                    + " ".join(rng.choice(words) for _ in range(10)).capitalize() + ".\n")
            (d / "many" / f"s{i:03d}.txt").write_text(text, encoding="utf-8")
        return [str(d / "many")]

    return make


def _utf8_damaged() -> bytes:
    return ("Café owners said no. " * 5 + GOOD).encode() + b"Then \xff\xfe\xc3( it ended.\n"


def _huge_line() -> bytes:
    # 1 MB on one line, no punctuation: a pasted page gone wrong.
    rng = random.Random(1)
    words = [("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))).encode()
             for _ in range(5000)]
    return b" ".join(rng.choice(words) for _ in range(180_000))[:1_000_000]


CASES = [
    Case("empty file", _file("empty.txt", b""), SourceError, ("file is empty", "give a file")),
    Case("whitespace only", _file("blank.txt", b" \n\t\r\n  \n"), SourceError, ("file is empty",)),
    Case("binary (a PNG image)", _file("photo.txt", PNG), SourceError, ("PNG image", "plain-text")),
    Case("binary (random bytes)", _file("noise.dat", random.Random(0).randbytes(4096)), SourceError,
         ("binary", "plain-text")),
    Case("invalid UTF-8", _file("damaged.txt", _utf8_damaged()), None, ("invalid UTF-8", "U+FFFD"),
         note="encoding"),
    Case("UTF-16 without BOM", _file("u16.txt", GOOD.encode("utf-16-le")), None, ("UTF-16-LE",), note="encoding"),
    Case("UTF-16 BE without BOM", _file("u16be.txt", GOOD.encode("utf-16-be")), None, ("UTF-16-BE",),
         note="encoding"),
    Case("legacy 8-bit text", _file("legacy.txt", "Café owners said “no”, naïvely, at the façade.".encode("cp1252")),
         None, ("cp1252",), note="encoding"),
    Case("a few NUL bytes", _file("nul.txt", GOOD.encode() * 3 + b"\x00\x00\x00"), None, ("NUL",), note="encoding"),
    Case("mostly NUL bytes", _file("zeros.txt", b"abc" + b"\x00" * 500 + b"def"), SourceError,
         ("NUL", "binary")),
    Case("CRLF line ends", _file("crlf.txt", (GOOD + "\n" + GOOD.replace("300", "400")).replace("\n", "\r\n").encode())),
    Case("lone CR line ends", _file("cr.txt", (GOOD + "\n" + GOOD.replace("300", "400")).replace("\n", "\r").encode())),
    Case("50 MB article (default limit)", lambda d: _sparse(d, 50_000_000), SourceError,
         ("50.0 MB", "over the 2.0 MB limit", "--max-bytes")),
    Case("100 kB article under --max-bytes 50000", _file("long.txt", (GOOD * 1200).encode()), SourceError,
         ("over the 0.1 MB limit", "--max-bytes"), extra=("--max-bytes", "50000")),
    Case("one line of 1 MB, no punctuation", _file("line.txt", _huge_line())),
    Case("10,000 unbalanced quote marks",
         _file("quotes.txt", ('He said " it ' * 4000 + "' ' ' " * 1000 + "\u201c" * 2000 + GOOD).encode()),
         None, note="quote"),
    Case("right-to-left and zero-width characters",
         _file("rtl.txt", "\u202eThe council\u200b said 300 \u200dpeople\u2067 שלום עולם were evacuated.\u202c\n"
               "السلطات قالت إن 300 شخص أُجلوا.\n".encode()), None, ("bidirectional",), note="info"),
    Case("combining accents", _file("accents.txt", ("Cafe\u0301 owners said n\u0303o to 300 people. "
                                                     + "a\u0301\u0302\u0303\u0304 " * 500 + "\n").encode())),
    Case("emoji", _file("emoji.txt", "The council 😀 said 300 👩‍👩‍👧 people were evacuated 🇬🇧 on Sunday.\n".encode())),
    Case("a single source", _file("only.txt", GOOD.encode(), with_other=False), None, ("nothing to compare",)),
    Case("500 sources", _many(500)),
    Case("duplicate source ids", _dup_stems, InputError, ("duplicate source id 'story'", "unique id"),
         names="story.txt"),
    Case("manifest: syntax error", _manifest('[[source]]\nid = "a\npath = "a.txt"\n', {"a.txt": GOOD}), InputError,
         ("not valid TOML", "fix the syntax"), names="sources.toml"),
    Case("manifest: unknown key",
         _manifest('[[source]]\nid = "a"\npath = "a.txt"\ncolour = "red"\n', {"a.txt": GOOD}), InputError,
         ("unknown key(s) colour", "allowed:"), names="sources.toml"),
    Case("manifest: missing file", _manifest('[[source]]\nid = "a"\npath = "gone.txt"\n', {}), SourceError,
         ("does not exist", "fix its path"), names="gone.txt"),
    Case("manifest: path outside its folder",
         _manifest('[[source]]\nid = "a"\npath = "../secret.txt"\n', {}), InputError,
         ("outside the manifest's folder", "move the file"), names="sources.toml"),
    Case("nonexistent path", lambda d: [str(d / "no" / "such.txt")], SourceError,
         ("no such file or directory", "check the path"), names="such.txt"),
    Case("directory with no text", _empty_dir, InputError, ("no text files", "sources.toml"), names="pics"),
    Case("symlink loop", _symlink_loop, SourceError, ("symbolic link loop", "point it at a text file"),
         names="a.txt"),
]


def _sparse(d: Path, size: int) -> list[str]:
    # Refused from its size alone (stat), so a sparse file stands in for 50 MB of text.
    with open(d / "huge.txt", "wb") as fh:
        fh.truncate(size)
    (d / "other.txt").write_text(OTHER, encoding="utf-8")
    return [str(d / "huge.txt"), str(d / "other.txt")]


def _snapshot(d: Path) -> dict[str, tuple[bytes, int]]:
    out = {}
    for p in sorted(d.rglob("*")):
        if p.is_file() and not p.is_symlink():
            out[str(p)] = (p.read_bytes(), p.stat().st_mtime_ns)
    return out


def run_cli(*args: str, env: Optional[dict[str, str]] = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "claimcheck", *args], capture_output=True, text=True,
                          timeout=300, env=env)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cli(case: Case, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    args = case.make(inputs)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "report.json"
    before = _snapshot(inputs)
    proc = run_cli("report", *args, *case.extra, "-f", "json", "-o", str(target))
    assert "Traceback" not in proc.stderr
    assert _snapshot(inputs) == before, "an input was modified"
    if case.error is not None:
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("claimcheck: error: "), proc.stderr
        assert (case.names or Path(args[0]).name) in proc.stderr
        for words in case.message:
            assert words in proc.stderr
        assert list(out_dir.iterdir()) == [], "a partial output file was left"
        return
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in out_dir.iterdir()] == ["report.json"]
    report = json.loads(target.read_text(encoding="utf-8"))
    if case.name == "a single source":
        assert "nothing to compare" in proc.stderr and proc.stderr.count("\n") == 1
        assert report["summary"]["sources"] == 1
    else:
        assert proc.stderr == ""
    if case.note:
        details = [n["detail"] for n in report["notes"] if n["kind"] == case.note]
        assert details, report["notes"][:5]
        for words in case.message:
            assert any(words in d for d in details), details


@pytest.mark.parametrize("case", [c for c in CASES if not c.extra], ids=[c.name for c in CASES if not c.extra])
def test_api(case: Case, tmp_path: Path) -> None:
    args = case.make(tmp_path)
    before = _snapshot(tmp_path)
    if case.error is not None:
        with pytest.raises(case.error) as err:
            claimcheck.load(*args)
        msg = str(err.value)
        assert "\n" not in msg and (case.names or Path(args[0]).name) in msg
        assert isinstance(err.value, ClaimcheckError) and err.value.path
        return
    sources = claimcheck.load(*args)
    assert _snapshot(tmp_path) == before
    if case.note:
        notes = [n for s in sources for n in s.notes if n.kind.value == case.note]
        if case.note != "quote":  # quote notes come from extraction, checked below
            assert notes and all(0 <= n.start <= n.end <= len(sources[0].text) for n in notes)
    if case.name in ("500 sources", "one line of 1 MB, no punctuation"):
        return  # the CLI case runs the whole pipeline on them (once is enough: they are slow)
    report = claimcheck.compare(sources)
    texts = {s.id: s.text for s in report.sources}
    for c in report.claims:  # spans are sacred, whatever the input
        assert texts[c.source][c.start:c.end] == c.text
    for n in report.notes:
        assert 0 <= n.start <= n.end <= len(texts[n.source])
    if case.note == "quote":
        assert any(n.kind.value == "quote" for n in report.notes)


def test_damaged_text_is_read_not_refused(tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_bytes(_utf8_damaged())
    src = claimcheck.load(tmp_path / "d.txt")[0]
    assert src.text.startswith("Café owners said no.")  # the good UTF-8 around the damage is kept
    (note,) = src.notes
    assert set(src.text[note.start:note.end]) <= {"\ufffd", "(", " "} and "\ufffd" in src.text


def test_legacy_text_is_decoded_as_written(tmp_path: Path) -> None:
    text = "Café owners said “no”, naïvely, at the façade."
    (tmp_path / "l.txt").write_bytes(text.encode("cp1252"))
    assert claimcheck.load(tmp_path / "l.txt")[0].text == text


def test_line_ends_give_the_same_claims(tmp_path: Path) -> None:
    body = GOOD + "\nRoads into the valley were closed for two days.\n\n\rIt rained."
    texts = {}
    for name, nl in (("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")):
        (tmp_path / f"{name}.txt").write_bytes(body.replace("\n", nl).encode())
        report = claimcheck.compare([tmp_path / f"{name}.txt", claimcheck.Source(id="z", text=OTHER)])
        texts[name] = [c.text for c in report.claims if c.source == name]
    assert texts["lf"] == texts["crlf"] == texts["cr"] and len(texts["lf"]) >= 3


def test_50_mb_article_is_accepted_when_the_limit_is_raised(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    block = (GOOD * 100).encode()
    with open(path, "wb") as fh:
        for _ in range(50_000_000 // len(block) + 1):
            fh.write(block)
    with pytest.raises(SourceError, match="over the 2.0 MB limit"):
        claimcheck.load(path)
    (src,) = claimcheck.load(path, max_bytes=60_000_000)
    assert len(src.text) == path.stat().st_size and not src.notes


def test_oversized_stdin_is_refused() -> None:
    with pytest.raises(SourceError, match="<stdin>.*over the"):
        claimcheck.load("-", stdin=io.BytesIO(b"x" * 2_000_001))


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    try:
        if os.geteuid() != 0:  # root reads anything: the real case runs only as a normal user
            proc = run_cli("report", str(path))
            assert proc.returncode == 2 and "locked.txt" in proc.stderr and "permission denied" in proc.stderr
            assert "Traceback" not in proc.stderr
        # Everywhere (root included): what load() does when the OS refuses the read.
        real_open = Path.open

        def refuse(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
            if self.name == "locked.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Path, "open", refuse)
        with pytest.raises(SourceError) as err:
            claimcheck.load(path)
        assert str(err.value) == f"{path}: cannot read (permission denied)"
    finally:
        path.chmod(0o644)


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes(PNG)
    proc = run_cli("report", str(tmp_path / "photo.txt"), "--debug")
    assert proc.returncode != 0 and "Traceback" in proc.stderr and "SourceError" in proc.stderr


def test_hostile_text_gives_valid_json_csv_and_escaped_html() -> None:
    hostile = ('=HYPERLINK("http://evil") said <script>alert(1)</script> that 300 "people" died.\n'
               '+1 -2 @SUM(A1) \u202e\u200b\x0b\x1b 😀 e\u0301 "unbalanced\n')
    report = claimcheck.compare([claimcheck.Source(id="evil<b>", text=hostile, title="<img src=x onerror=1>",
                                                   url="javascript:alert(1)"),
                                 claimcheck.Source(id="b", text="300 people died, officials said.")])
    from claimcheck.render import FORMATS, render

    data = json.loads(render(report, "json"))
    assert data["sources"][0]["id"] == "b" or data["sources"][1]["id"] == "evil<b>"
    if "csv" in FORMATS:
        rows = list(csv.reader(io.StringIO(render(report, "csv"))))
        assert rows and all(len(r) == len(rows[0]) for r in rows)
        for row in rows[1:]:
            for cell in row:
                assert not cell[:1] in ("=", "+", "-", "@"), cell
    if "html" in FORMATS:
        page = render(report, "html")
        assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
        assert 'href="javascript:' not in page
