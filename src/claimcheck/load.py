"""Stage 1, load: turn paths, manifests, JSONL, stdin or objects into :class:`Source` values.

Text is decoded exactly once and never changed afterwards: every later offset points
into the string decoded here. Decoding tries UTF-8 (with or without BOM), UTF-16 with a
BOM, UTF-16 without BOM when the NUL pattern is unmistakable, then a legacy 8-bit guess
(charset-normalizer, preferring Windows-1252 when it fits as well as the best guess),
which is recorded as a note on the source. Text that is readable but damaged is read
and the damage noted: a few invalid UTF-8 bytes or stray NUL bytes become U+FFFD
(one character each, so offsets stay exact), and invisible bidirectional control
characters, which can make displayed text differ from what it says, get a note too.
See ``docs/robustness.md`` for the catalogue of bad inputs and what happens to each.

>>> [s.id for s in load(Source(id="a", text="One."), Source(id="b", text="Two."))]
['a', 'b']
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator, Optional, TypedDict, Union

from .errors import InputError, SourceError
from .model import Note, NoteKind, Source

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

#: Inputs larger than this are refused with a clear message (override with ``max_bytes``).
#: One article's run grows faster than its size beyond a few MB (measured in
#: docs/robustness.md), so 2 MB (40 long news articles) keeps a run within minutes.
DEFAULT_MAX_BYTES = 2 * 1000 * 1000
#: Invalid UTF-8 sequences (or NUL bytes) tolerated, as a share of the input, before the
#: file is treated as another encoding (or as binary) instead of damaged text.
DAMAGE_SHARE = 0.01
# Invisible characters that reorder displayed text (Trojan-source style): worth a note.
_BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: File name suffixes read when a directory is given.
TEXT_SUFFIXES = (".txt", ".text", ".md")
MANIFEST_NAMES = ("sources.toml", "sources.json")
MANIFEST_KEYS = frozenset({"id", "path", "text", "title", "outlet", "url", "published"})
JSONL_KEYS = frozenset({"id", "text", "title", "outlet", "url", "published"})

PathLike = Union[str, "os.PathLike[str]"]
Input = Union[PathLike, Source, Iterable[Any]]

# Magic numbers of common binary formats people drop into a folder by mistake.
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"{\\rtf": "an RTF document",
}
#: A page's markup: a document opening as HTML, or many tags of HTML's own elements. Read
#: as text, its tags, scripts and menus would become claims (and a script's strings
#: quotes), so it is refused with what to give instead rather than compared as junk.
_HTML_OPENING = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAG = re.compile(r"</?(?:p|div|span|a|br|h[1-6]|li|ul|ol|table|tr|td|th|script|style|article|section|nav|"
                       r"header|footer|img|meta|link|form|input|button|iframe|figure|figcaption|strong|em|b|i)"
                       r"(?:\s[^<>]*)?/?>", re.I)
#: Tags of HTML's elements from which a text is taken for a page fragment, and the share of
#: its characters they must take up: an article about web pages quotes a tag or two.
HTML_TAGS_LEAST = 10
HTML_TAG_SHARE = 0.1


def load(*inputs: Input, max_bytes: int = DEFAULT_MAX_BYTES, stdin: Optional[BinaryIO] = None) -> list[Source]:
    """Load sources from any mix of paths, directories, manifests, JSONL files, ``"-"`` or objects.

    Raises :class:`SourceError` (unreadable or undecodable input) or :class:`InputError`
    (unusable input such as a bad manifest or duplicate ids), naming the file.
    """
    sources: list[Source] = []
    for item in _flatten(inputs):
        if isinstance(item, Source):
            sources.append(item)
        elif isinstance(item, (str, os.PathLike)):
            sources.extend(_load_path(str(item), max_bytes=max_bytes, stdin=stdin))
        else:
            raise InputError(f"cannot load {type(item).__name__!r}; expected a path, '-' or a Source")
    _check_unique(sources)
    return sources


def _flatten(inputs: Iterable[Any]) -> Iterator[Any]:
    for item in inputs:
        if isinstance(item, (str, os.PathLike, Source)):
            yield item
        elif isinstance(item, Iterable):
            yield from _flatten(item)
        else:
            yield item


def _check_unique(sources: list[Source]) -> None:
    seen: dict[str, Source] = {}
    for src in sources:
        if src.id in seen:
            where = src.path or "input"
            raise InputError(
                f"duplicate source id {src.id!r} (also used by {seen[src.id].path or 'another input'}); "
                "give each source a unique id",
                path=where,
            )
        seen[src.id] = src


def _load_path(path: str, *, max_bytes: int, stdin: Optional[BinaryIO]) -> list[Source]:
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        return _from_bytes(data, path="<stdin>", stem="stdin", max_bytes=max_bytes)
    p = Path(path)
    try:
        if p.is_dir():
            return _load_dir(p, max_bytes=max_bytes)
        if not p.exists():
            if p.is_symlink():
                if _is_loop(p):
                    raise SourceError("symbolic link loop (the link points back to itself); "
                                      "point it at a text file", path=path)
                raise SourceError("broken symbolic link; point it at a text file", path=path)
            raise SourceError("no such file or directory; check the path", path=path)
    except OSError as exc:
        if isinstance(exc, SourceError):
            raise
        raise SourceError(f"cannot read ({_reason(exc)})", path=path) from exc
    if p.name in MANIFEST_NAMES or p.suffix == ".toml":
        return _load_manifest(p, max_bytes=max_bytes)
    if p.suffix == ".jsonl":
        return _load_jsonl(p, max_bytes=max_bytes)
    return _from_bytes(_read(p, max_bytes), path=str(p), stem=p.stem, max_bytes=max_bytes)


def _is_loop(p: Path) -> bool:
    import errno

    try:
        p.stat()
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _reason(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else type(exc).__name__


def _read(p: Path, max_bytes: int) -> bytes:
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise SourceError(
                f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit; "
                "split it or raise the limit with --max-bytes",
                path=str(p),
            )
        with p.open("rb") as fh:
            return fh.read(max_bytes + 1)
    except SourceError:
        raise
    except OSError as exc:
        raise SourceError(f"cannot read ({_reason(exc)})", path=str(p)) from exc


def _load_dir(p: Path, *, max_bytes: int) -> list[Source]:
    for name in MANIFEST_NAMES:
        if (p / name).is_file():
            return _load_manifest(p / name, max_bytes=max_bytes)
    try:
        files = sorted(
            f for f in p.iterdir() if f.suffix.lower() in TEXT_SUFFIXES + (".jsonl",) and f.is_file()
        )
    except OSError as exc:
        raise SourceError(f"cannot list directory ({_reason(exc)})", path=str(p)) from exc
    if not files:
        raise InputError(
            f"directory has no text files ({', '.join(TEXT_SUFFIXES)}, .jsonl) or {MANIFEST_NAMES[0]}; "
            "put the articles there as UTF-8 .txt files or list them in a sources.toml",
            path=str(p),
        )
    out: list[Source] = []
    for f in files:
        out.extend(_load_path(str(f), max_bytes=max_bytes, stdin=None))
    return out


def _load_manifest(p: Path, *, max_bytes: int) -> list[Source]:
    raw = _read(p, max_bytes)
    try:
        if p.suffix == ".json":
            data = json.loads(raw.decode("utf-8-sig"))
            entries = data.get("sources") if isinstance(data, dict) else data
        else:
            data = tomllib.loads(raw.decode("utf-8-sig"))
            entries = data.get("source", data.get("sources"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"manifest is not valid {p.suffix.lstrip('.').upper()} ({_one_line(exc)}); fix the syntax",
                         path=str(p)) from exc
    if not isinstance(entries, list) or not entries:
        raise InputError("manifest lists no sources; expected [[source]] tables with id and path", path=str(p))
    base = p.parent.resolve()
    out: list[Source] = []
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise InputError(f"source #{n} is not a table of keys", path=str(p))
        unknown = sorted(set(entry) - MANIFEST_KEYS)
        if unknown:
            raise InputError(
                f"source #{n} has unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(MANIFEST_KEYS))}",
                path=str(p),
            )
        meta = _metadata(entry)
        if "text" in entry:
            text = str(entry["text"])
            sid = str(entry.get("id") or f"source-{n}")
            out.append(Source(id=sid, text=_require_text(text, str(p)), path=str(p), **meta))
            continue
        if "path" not in entry:
            raise InputError(f"source #{n} has neither path nor text", path=str(p))
        target = (base / str(entry["path"])).resolve()
        if base != target and base not in target.parents:
            raise InputError(f"source #{n} path {entry['path']!r} lies outside the manifest's folder; "
                             "move the file into that folder", path=str(p))
        if not target.is_file():
            raise SourceError(f"file listed in manifest {p} does not exist; fix its path there",
                              path=str(base / str(entry["path"])))
        loaded = _from_bytes(_read(target, max_bytes), path=str(target), stem=target.stem, max_bytes=max_bytes)[0]
        sid = str(entry.get("id") or target.stem)
        out.append(Source(id=sid, text=loaded.text, path=_display_path(target), notes=_renote(loaded.notes, sid), **meta))
    return out


def _display_path(target: Path) -> str:
    try:
        return os.path.relpath(target)
    except ValueError:  # pragma: no cover - different drive on Windows
        return str(target)


class _Meta(TypedDict):
    title: Optional[str]
    outlet: Optional[str]
    url: Optional[str]
    published: Optional[str]


def _metadata(entry: dict[str, Any]) -> _Meta:
    return _Meta(title=_meta(entry.get("title")), outlet=_meta(entry.get("outlet")), url=_meta(entry.get("url")),
                 published=_meta(entry.get("published")))


def _meta(value: Any) -> Optional[str]:
    if value is None:
        return None
    return str(value)


def _renote(notes: tuple[Note, ...], sid: str) -> tuple[Note, ...]:
    return tuple(Note(source=sid, start=n.start, end=n.end, kind=n.kind, detail=n.detail) for n in notes)


def _load_jsonl(p: Path, *, max_bytes: int) -> list[Source]:
    text = _decode(_read(p, max_bytes), str(p))[0]
    out: list[Source] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{p}:{lineno}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise InputError(f"line is not valid JSON: {_one_line(exc)}", path=where) from exc
        if not isinstance(obj, dict) or "text" not in obj:
            raise InputError('expected an object like {"id": ..., "text": ...}', path=where)
        unknown = sorted(set(obj) - JSONL_KEYS)
        if unknown:
            raise InputError(f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(JSONL_KEYS))}", path=where)
        sid = str(obj.get("id") or f"{p.stem}-{lineno}")
        meta = _metadata(obj)
        out.append(Source(id=sid, text=_require_text(str(obj["text"]), where), path=where, **meta))
    if not out:
        raise InputError("JSONL file holds no sources", path=str(p))
    return out


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _require_text(text: str, where: str) -> str:
    if not text.strip():
        raise SourceError("source is empty (no text to compare); give it the article's text", path=where)
    if _is_html(text):
        raise SourceError("this is an HTML page (markup, not the article's text); save the article as plain "
                          "text (copy it, or use the browser's reader view) and give that file", path=where)
    return text


def _is_html(text: str) -> bool:
    """Whether ``text`` is a web page's markup rather than an article's text.

    >>> _is_html("<!DOCTYPE html><html><body><p>Hi.</p></body></html>")
    True
    >>> _is_html("The page used a <p> tag and a <div> where a <span> would do.")
    False
    """
    if _HTML_OPENING.match(text):
        return True
    tags = 0
    markup = 0
    for m in _HTML_TAG.finditer(text):
        tags += 1
        markup += m.end() - m.start()
    return tags >= HTML_TAGS_LEAST and markup >= HTML_TAG_SHARE * len(text)


def _from_bytes(data: bytes, *, path: str, stem: str, max_bytes: int) -> list[Source]:
    if len(data) > max_bytes:
        raise SourceError(
            f"input is over the {max_bytes / 1e6:.1f} MB limit; split it or raise the limit with --max-bytes",
            path=path,
        )
    text, notes = _decode(data, path)
    _require_text(text, path)
    return [Source(id=stem, text=text, path=path, notes=tuple(Note(source=stem, **n) for n in notes))]


def _decode(data: bytes, path: str) -> tuple[str, list[dict[str, Any]]]:
    """Decode bytes to text, or raise :class:`SourceError` saying why it is not text."""
    text, notes = _decode_text(data, path)
    bidi = [m.start() for m in _BIDI_RE.finditer(text)]
    if bidi:
        notes.append({"start": bidi[0], "end": bidi[-1] + 1, "kind": NoteKind.INFO,
                      "detail": f"{len(bidi)} invisible bidirectional control character(s): "
                                "displayed text may appear in a different order than it is stored"})
    return text, notes


def _decode_text(data: bytes, path: str) -> tuple[str, list[dict[str, Any]]]:
    if not data.strip():
        raise SourceError("file is empty (no text to compare); give a file with the article's text", path=path)
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise SourceError(f"this is {what}, not text; give a plain-text article", path=path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _check_text(data.decode("utf-16"), path), []
        except UnicodeDecodeError as exc:
            raise SourceError("starts with a UTF-16 byte-order mark but is not valid UTF-16", path=path) from exc
    utf16 = _guess_utf16(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            pass
        else:
            return _check_text(text, path), [_note(text, f"decoded as {utf16.upper()} (no byte-order mark)")]
    notes: list[dict[str, Any]] = []
    nuls = data.count(0)
    if nuls:
        if nuls > max(16, DAMAGE_SHARE * len(data)):
            raise SourceError("contains NUL bytes and is not UTF-8/UTF-16 text; is it a binary file? "
                              "give a plain-text article", path=path)
        # A few stray NULs (a damaged copy, padding) in otherwise good text: read the text.
        data = data.replace(b"\x00", b"\xef\xbf\xbd")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        damaged = _damaged_utf8(data)
        if damaged is None:
            if nuls:  # NULs in legacy 8-bit text: too odd to guess at
                raise SourceError("contains NUL bytes and is not UTF-8/UTF-16 text; is it a binary file? "
                                  "give a plain-text article", path=path)
            text, notes = _legacy(data, path)
        else:
            text = damaged
            notes.append(_replaced_note(text, "invalid UTF-8 byte sequence(s)", nuls))
    else:
        if nuls:
            notes.append(_replaced_note(text, "NUL byte(s)", 0))
    return _check_text(text, path), notes


def _damaged_utf8(data: bytes) -> Optional[str]:
    """UTF-8 with a few invalid bytes, decoded with U+FFFD for each; None if not UTF-8 at all.

    It is UTF-8 when it has valid multi-byte sequences (legacy 8-bit text almost never
    does) and the damage is rare; ASCII with a few high bytes is more likely legacy text.
    """
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    multibyte = re.search("[^\x00-\x7f\ufffd]", text) is not None
    if bad > DAMAGE_SHARE * len(data) + 1 or not multibyte:
        return None
    return text


def _replaced_note(text: str, what: str, nuls: int) -> dict[str, Any]:
    marks = [m.start() for m in re.finditer("\ufffd", text)]
    extra = f" and {nuls} NUL byte(s)" if nuls else ""
    return {"start": marks[0], "end": marks[-1] + 1, "kind": NoteKind.ENCODING,
            "detail": f"{what}{extra} replaced by U+FFFD ({len(marks)} in all); the rest was read as UTF-8"}


def _legacy(data: bytes, path: str) -> tuple[str, list[dict[str, Any]]]:
    from charset_normalizer import from_bytes  # imported lazily: only legacy files need it

    matches = list(from_bytes(data))
    best = matches[0] if matches else None
    if best is None or best.encoding is None:
        raise SourceError("cannot be decoded as text in any known encoding; save it as UTF-8", path=path)
    # Short Western text often fits Windows-1250 and -1252 equally well (same chaos and
    # coherence) and the detector's order then decides; the far commoner -1252 wins a tie.
    for m in matches:
        if m.encoding == "cp1252" and m.chaos <= best.chaos and m.coherence >= best.coherence:
            best = m
            break
    text = str(best)
    return text, [_note(text, f"not UTF-8; decoded as legacy encoding {best.encoding}")]


def _note(text: str, detail: str) -> dict[str, Any]:
    return {"start": 0, "end": len(text), "kind": NoteKind.ENCODING, "detail": detail}


def _guess_utf16(data: bytes) -> Optional[str]:
    # Text in UTF-16 without a BOM has a NUL in every other byte for Latin script.
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def _check_text(text: str, path: str) -> str:
    if "\x00" in text:
        raise SourceError("contains NUL characters; is it a binary file? give a plain-text article", path=path)
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(8, len(text[:20000]) // 50):
        raise SourceError("looks binary (many control characters), not text; give a plain-text article", path=path)
    if not text.strip():
        raise SourceError("file is empty (no text to compare); give a file with the article's text", path=path)
    return text
