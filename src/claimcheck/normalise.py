"""Stage 2, normalise: a matching view of a source's text, with a way back.

The original text stays the truth. :func:`normalise` builds a second string for
matching (mojibake repaired, typographic quotes, dashes and spaces unified, tokenised
text detokenised, case folded) plus an offset map: for every character of the
normalised string, the ``[start, end)`` of original text it came from.

>>> view = normalise_text("Police  said : ' it was peopleâ€™s choice ' .")
>>> view.text
'police said: "it was people\\'s choice".'
>>> s, e = view.original(view.text.index("people"), view.text.index("choice"))
>>> "Police  said : ' it was peopleâ€™s choice ' ."[s:e]
'peopleâ€™s '
"""

from __future__ import annotations

import bisect
import re
from typing import Callable, Optional

from attrs import frozen

from .model import Note, NoteKind, Source

# Characters unified for matching: curly and prime quotes, guillemets, dashes, spaces.
_CHAR_MAP = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\r\n\f\v\u2028\u2029\u0085", " "),
    **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
    "\u2026": "...",
}
_CHAR_RE = re.compile("[" + re.escape("".join(_CHAR_MAP)) + "]")
# A run of non-ASCII characters (with the letters glued to it) that ftfy may repair.
_MOJIBAKE_RE = re.compile(r"[\u00c0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]{2,}")
_SPACES_RE = re.compile(r" {2,}")
_EDGE_SPACE_RE = re.compile(r"^ +| +$")
# Tokenised text: `` and '' as double quotes (PTB convention).
_PTB_QUOTES_RE = re.compile(r"``|''")
# Space before closing punctuation and clitics, after opening brackets and currency.
_SPACE_BEFORE_RE = re.compile(r" (?=[,.;:!?)\]%]|'(?:s|re|ve|ll|d|m|t)\b|n't\b)")
_SPACE_AFTER_RE = re.compile(r"(?<=[(\[$£€]) ")
# A quote mark standing alone between spaces (or at an edge): tokenised quoting.
_LONE_QUOTE_RE = re.compile(r"""(?:(?<= )|^)["'](?= |$)""")


@frozen
class NormalView:
    """A normalised string and, for each of its characters, its original span."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open range of the normalised text back to the original text."""
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def normal_range(self, start: int, end: int) -> tuple[int, int]:
        """The normalised range covering original ``[start, end)`` (inverse of :meth:`original`)."""
        return bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)


@frozen
class Document:
    """A source with its normalised view and what normalising noticed."""

    source: Source
    view: NormalView
    notes: tuple[Note, ...]
    tokenised: bool

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def text(self) -> str:
        return self.source.text

    def norm(self, start: int, end: int) -> str:
        """The normalised text of original range ``[start, end)``."""
        a, b = self.view.normal_range(start, end)
        return self.view.text[a:b].strip()


class _Builder:
    """Text plus per-character original spans, rewritten by regex substitutions."""

    def __init__(self, text: str, starts: list[int], ends: list[int]) -> None:
        self.text, self.starts, self.ends = text, starts, ends

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], Optional[str]]) -> list[tuple[int, int]]:
        """Apply ``repl`` to each match (None keeps it); return original spans changed."""
        edits: list[tuple[int, int, str]] = []
        for m in pattern.finditer(self.text):
            new = repl(m)
            if new is None or new == m.group():
                continue
            edits.append((m.start(), m.end(), new))
        return self.edit(edits)

    def edit(self, edits: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
        """Replace ``text[a:b]`` by ``new`` for each ``(a, b, new)`` (in order, not
        overlapping, each a change); return original spans changed."""
        if not edits:
            return []
        text, old_starts, old_ends = self.text, self.starts, self.ends
        changed = [(old_starts[a], old_ends[b - 1]) for a, b, _ in edits if b > a]
        if not changed and edits[-1][1] == 0:
            return []
        out: list[str] = []
        pos = 0
        if all(len(new) == b - a for a, b, new in edits):
            # same lengths (most edits: quote marks, spaces, case): the map stays as it is
            for a, b, new in edits:
                out.append(text[pos:a])
                out.append(new)
                pos = b
            out.append(text[pos:])
            self.text = "".join(out)
            return changed
        starts: list[int] = []
        ends: list[int] = []
        for a, b, new in edits:
            out.append(text[pos:a])
            starts.extend(old_starts[pos:a])
            ends.extend(old_ends[pos:a])
            if len(new) == b - a:  # same length: keep a char-by-char map
                starts.extend(old_starts[a:b])
                ends.extend(old_ends[a:b])
            elif b > a:
                starts.extend([old_starts[a]] * len(new))
                ends.extend([old_ends[b - 1]] * len(new))
            else:
                anchor = old_starts[a] if a < len(old_starts) else (old_ends[-1] if old_ends else 0)
                starts.extend([anchor] * len(new))
                ends.extend([anchor] * len(new))
            out.append(new)
            pos = b
        out.append(text[pos:])
        starts.extend(old_starts[pos:])
        ends.extend(old_ends[pos:])
        self.text, self.starts, self.ends = "".join(out), starts, ends
        return changed


def _repair(m: re.Match[str]) -> Optional[str]:
    import ftfy  # lazily: most texts have no mojibake

    fixed = ftfy.fix_encoding(m.group())
    return fixed if fixed != m.group() else None


def _lower(b: _Builder) -> None:
    lowered = b.text.lower()
    if len(lowered) == len(b.text):
        b.text = lowered
    else:  # a few characters (e.g. dotted capital I) grow when lower-cased
        b.sub(re.compile(r"[^\x00-\x7f]"), lambda m: m.group().lower())


def _detokenise_quotes(b: _Builder) -> int:
    """Attach quote marks that stand alone between spaces: odd ones open, even ones close.

    A lone mark becomes ``"`` so that tokenised ``' words '`` and ``"words"`` match.
    """
    marks = [m.start() for m in _LONE_QUOTE_RE.finditer(b.text)]
    if not marks:
        return 0
    actions: dict[int, str] = {}
    state: dict[str, bool] = {'"': False, "'": False}
    for i in marks:
        ch = b.text[i]
        actions[i] = '"'
        if state[ch]:  # closing: drop the space before it
            if i > 0 and b.text[i - 1] == " ":
                actions[i - 1] = ""
        elif i + 1 < len(b.text) and b.text[i + 1] == " ":  # opening: drop the space after it
            actions[i + 1] = ""
        state[ch] = not state[ch]
    # every action stands on a quote mark or a space: the edits a substitution of
    # ``[ '"]`` by ``actions.get(position)`` would make, without visiting every space
    b.edit([(i, i + 1, new) for i, new in sorted(actions.items()) if new != b.text[i]])
    return len(marks)


def _pass(b: _Builder) -> tuple[list[tuple[int, int]], int]:
    repaired = b.sub(_MOJIBAKE_RE, _repair)
    b.sub(_CHAR_RE, lambda m: _CHAR_MAP[m.group()])
    b.sub(_PTB_QUOTES_RE, lambda m: '"')
    b.sub(_SPACES_RE, lambda m: " ")
    b.sub(_EDGE_SPACE_RE, lambda m: "")
    _lower(b)
    lone = _detokenise_quotes(b)
    spaced = len(b.sub(_SPACE_BEFORE_RE, lambda m: ""))
    b.sub(_SPACE_AFTER_RE, lambda m: "")
    return repaired, lone + spaced


def normalise_text(text: str) -> NormalView:
    """Normalise ``text`` for matching, keeping the map back to ``text``."""
    b = _Builder(text, list(range(len(text))), list(range(1, len(text) + 1)))
    _normalise(b)
    return NormalView(text=b.text, starts=tuple(b.starts), ends=tuple(b.ends))


def _normalise(b: _Builder) -> tuple[list[tuple[int, int]], int]:
    repaired, respaced = _pass(b)
    # Passes interact (a repaired quote may now stand alone); repeat to a fixed point so
    # normalising twice equals normalising once.
    for _ in range(3):
        before = b.text
        more, n = _pass(b)
        repaired += more
        respaced += n
        if b.text == before:
            break
    return repaired, respaced


def normalise(source: Source) -> Document:
    """Build the :class:`Document` for ``source``: its normalised view and notes.

    >>> doc = normalise(Source(id="x", text="the un 's report ( pictured ) ."))
    >>> doc.view.text, doc.tokenised
    ("the un's report (pictured).", True)
    """
    text = source.text
    b = _Builder(text, list(range(len(text))), list(range(1, len(text) + 1)))
    repaired, respaced = _normalise(b)
    notes = list(source.notes)
    for start, end in _merge(repaired):
        notes.append(
            Note(source=source.id, start=start, end=end, kind=NoteKind.REPAIRED,
                 detail=f"mis-decoded characters {text[start:end]!r} repaired for matching")
        )
    words = max(1, len(text.split()))
    tokenised = respaced >= 3 and respaced / words > 0.02
    if tokenised:
        notes.append(
            Note(source=source.id, start=0, end=len(text), kind=NoteKind.TOKENISED,
                 detail="text is tokenised (spaced punctuation); detokenised for matching")
        )
    view = NormalView(text=b.text, starts=tuple(b.starts), ends=tuple(b.ends))
    return Document(source=source, view=view, notes=tuple(notes), tokenised=tokenised)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
