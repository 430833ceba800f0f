"""Loading: files, folders, manifests, JSONL, stdin, objects, and clear errors."""

from __future__ import annotations

import io
import json

import pytest

import claimcheck
from claimcheck import InputError, Source, SourceError
from claimcheck.model import NoteKind


def test_seed_manifest_gives_ids_and_only_shown_metadata(seed_sources):
    ids = [s.id for s in seed_sources]
    assert len(ids) == 4 and len(set(ids)) == 4
    for s in seed_sources:
        assert s.text and s.path
        assert s.published is None  # no seed shows a full publication date


def test_directory_without_manifest_reads_text_files_in_name_order(tmp_path):
    (tmp_path / "b.txt").write_text("Second article.", encoding="utf-8")
    (tmp_path / "a.md").write_text("First article.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    assert [s.id for s in claimcheck.load(tmp_path)] == ["a", "b"]


def test_encodings(tmp_path):
    text = "Café owners said “no”."
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "u16le.txt").write_bytes(text.encode("utf-16-le"))
    (tmp_path / "legacy.txt").write_bytes("Café owners said no, naïvely, at the façade.".encode("cp1252"))
    loaded = {s.id: s for s in claimcheck.load(tmp_path)}
    assert loaded["bom"].text == text and not loaded["bom"].notes
    assert loaded["u16"].text == text
    assert loaded["u16le"].text == text and loaded["u16le"].notes[0].kind is NoteKind.ENCODING
    assert loaded["legacy"].text.startswith("Café owners") and loaded["legacy"].notes[0].kind is NoteKind.ENCODING


def test_jsonl_and_objects_and_stdin(tmp_path):
    lines = [{"id": "x", "text": "One.", "outlet": "Paper"}, {"id": "y", "text": "Two.", "published": "2015-04-23"}]
    path = tmp_path / "stories.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    got = claimcheck.load(path, Source(id="z", text="Three."), "-", stdin=io.BytesIO(b"From stdin."))
    assert [(s.id, s.outlet, s.published) for s in got] == [
        ("x", "Paper", None), ("y", None, "2015-04-23"), ("z", None, None), ("stdin", None, None)]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n", "empty"),
        ("pic.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        ("nul.txt", b"abc\x00\x01\x02\x03def\xff\xfe\x00", "NUL"),
        ("page.html", b"\n<!-- saved -->\n<!DOCTYPE html><html><body><p>Twelve people were hurt.</p></body></html>",
         "HTML page"),
        ("fragment.txt", b"<div class='story'>" + b"<p>Twelve people were <a href='/x'>hurt</a>.</p>" * 5 + b"</div>",
         "HTML page"),
        ("letter.txt", b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Twelve people were hurt.}", "RTF document"),
    ],
)
def test_bad_files_name_the_file_and_the_problem(tmp_path, name, data, message):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(SourceError) as err:
        claimcheck.load(tmp_path / name)
    assert name in str(err.value) and message in str(err.value)
    assert "\n" not in str(err.value)


def test_manifest_errors(tmp_path):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    cases = {
        'source = [ {id = "a", path = "a.txt"': "not valid TOML",
        '[[source]]\nid = "a"\npath = "a.txt"\ncolour = "red"\n': "unknown key(s) colour",
        '[[source]]\nid = "a"\npath = "missing.txt"\n': "does not exist",
        '[[source]]\nid = "a"\npath = "../outside.txt"\n': "outside the manifest's folder",
        '[[source]]\nid = "a"\npath = "a.txt"\n[[source]]\nid = "a"\ntext = "Other."\n': "duplicate source id",
    }
    for body, message in cases.items():
        (tmp_path / "sources.toml").write_text(body, encoding="utf-8")
        with pytest.raises((InputError, SourceError)) as err:
            claimcheck.load(tmp_path)
        assert message in str(err.value), (body, str(err.value))


def test_missing_path_and_empty_directory(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        claimcheck.load(tmp_path / "nope.txt")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no text files"):
        claimcheck.load(tmp_path / "empty")


def test_size_limit(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 1000, encoding="utf-8")
    with pytest.raises(SourceError, match="over the"):
        claimcheck.load(tmp_path / "big.txt", max_bytes=1000)


def test_inputs_are_never_modified(tmp_path):
    raw = "peopleâ€™s ' quoted ' text , he said .\r\n".encode("utf-8")
    (tmp_path / "a.txt").write_bytes(raw)
    (tmp_path / "b.txt").write_bytes(raw)
    claimcheck.compare(tmp_path)
    assert (tmp_path / "a.txt").read_bytes() == raw


def test_an_article_quoting_a_few_tags_is_text(tmp_path):
    """An article about web pages may show a tag or two: only markup that makes up the
    text is refused as a page."""
    text = ("The council's site broke when a <script> tag was left open, and a <div> wrapped the whole "
            "page. Engineers said a stray <p> was to blame. ") * 3
    (tmp_path / "tags.txt").write_text(text, encoding="utf-8")
    assert claimcheck.load(tmp_path / "tags.txt")[0].text == text


def test_markup_in_a_jsonl_text_field_is_refused_naming_the_line(tmp_path):
    path = tmp_path / "scraped.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "<html><body><p>Twelve hurt.</p></body></html>"}) + "\n",
                    encoding="utf-8")
    with pytest.raises(SourceError) as err:
        claimcheck.load(path)
    assert "scraped.jsonl" in str(err.value) and "HTML page" in str(err.value)
