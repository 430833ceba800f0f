"""Stage 3, segment: split a document into sentences with spans in the original text.

Sentence splitting is syntok's job; this module only prepares what syntok needs and
repairs what it cannot know:

* Paragraphs are split on line breaks first (syntok only splits on blank lines, and a
  headline or caption on its own line is never part of the next sentence).
* Lower-cased text gets a same-length *shadow* copy in which the first letter after
  sentence punctuation is upper-cased; syntok segments the shadow and its offsets are
  read back into the original, which is never changed.
* In tokenised text a quote mark after `` . `` belongs to the sentence it closes, not the
  next one: quote parity moves it back.

>>> from claimcheck.model import Source
>>> from claimcheck.normalise import normalise
>>> doc = normalise(Source(id="x", text="dr smith said it was late . ' we knew , ' he added . it rained ."))
>>> [s.text for s in segment(doc)]
['dr smith said it was late .', "' we knew , ' he added .", 'it rained .']
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from syntok import segmenter

from .model import Sentence
from .normalise import Document

_PARA_RE = re.compile(r"[^\r\n]+")
# First letter after sentence-final punctuation (and optional closing/opening quotes).
# (The opening marks and the space after them form one optional group: ``\s+[marks]*\s*``
# matched a long run of spaces ambiguously and backtracked quadratically.)
_AFTER_STOP_RE = re.compile(r"""([.!?]['"\u2019\u201d)]*\s+(?:['"\u2018\u201c(]+\s*)?)([^\W\d_])""")
# A number opening a sentence after a word and a full stop ("... exaggerated . 2002 .").
_DIGIT_AFTER_STOP_RE = re.compile(r"""(?<=[^\W_]\s[.!?]\s)\d|(?<=[^\W\d_][.!?]\s)\d""")
_LONE_MARK_RE = re.compile(r"""(?:(?<=\s)|^)['"](?=\s|$)""")
_LEADING_MARK_RE = re.compile(r"""^(['"\u2019\u201d])(\s+)""")
# syntok treats a few long inputs slowly; paragraphs longer than this are cut at spaces
# first (a pasted page with no punctuation at all must still finish quickly).
_MAX_PARAGRAPH = 20000


def segment(doc: Document) -> tuple[Sentence, ...]:
    """Split ``doc`` into sentences; each has its original span and normalised text."""
    text = doc.text
    spans: list[tuple[int, int, int]] = []
    for para_no, para in enumerate(_PARA_RE.finditer(text)):
        for start, end in _paragraph_sentences(text, para.start(), para.end()):
            spans.append((start, end, para_no))
    if doc.tokenised:
        spans = _fix_quote_parity(text, spans)
    out = []
    for i, (start, end, para_no) in enumerate(spans):
        out.append(
            Sentence(source=doc.id, index=i, start=start, end=end, text=text[start:end],
                     norm=doc.norm(start, end), paragraph=para_no)
        )
    return tuple(out)


def _shadow(chunk: str) -> str:
    def up(m: re.Match[str]) -> str:
        letter = m.group(2)
        upper = letter.upper()
        return m.group(1) + (upper if len(upper) == 1 else letter)

    shadow = _AFTER_STOP_RE.sub(up, chunk)
    # syntok never splits before a digit; a same-length letter in the shadow lets it.
    shadow = _DIGIT_AFTER_STOP_RE.sub("N", shadow)
    if shadow and shadow[0].islower() and len(shadow[0].upper()) == 1:
        shadow = shadow[0].upper() + shadow[1:]
    return shadow


def _paragraph_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    for cstart, cend in _chunks(text, start, end):
        for s, e in _chunk_sentences(text[cstart:cend]):
            yield cstart + s, cstart + e


# Syntok is most of segmenting's time, and syndicated copies repeat paragraphs verbatim
# across sources: a chunk's sentence spans depend on the chunk's text alone (trimming never
# looks outside a sentence), so they are remembered per chunk text.
@lru_cache(maxsize=65536)
def _chunk_sentences(chunk: str) -> tuple[tuple[int, int], ...]:
    out = []
    for para in segmenter.analyze(_shadow(chunk)):
        for sent in para:
            if not sent:
                continue
            s = sent[0].offset
            last = sent[-1]
            e = last.offset + len(last.value)
            s, e = _trim(chunk, s, e)
            if e > s:
                out.append((s, e))
    return tuple(out)


def _chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > _MAX_PARAGRAPH:
        cut = text.rfind(" ", start + _MAX_PARAGRAPH // 2, start + _MAX_PARAGRAPH)
        if cut <= start:
            cut = start + _MAX_PARAGRAPH
        yield start, cut
        start = cut
    yield start, end


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _fix_quote_parity(text: str, spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Give each lone quote mark at a sentence boundary to the sentence it belongs to.

    Tokenised text writes ``... level . ' many ...`` whether the mark closes the quote or
    opens the next quoted paragraph (news style opens every paragraph of a long quote
    and closes only the last). Inside an open quote, a boundary mark opens the next
    sentence when that sentence is itself followed by a boundary mark (the quote runs
    on); otherwise it closes the quote and goes back to the sentence before.
    """
    fixed = [list(x) for x in spans]
    # 1. Detach boundary marks: each entry i says whether a lone mark stands between i-1 and i.
    mark_before = [False] * len(fixed)
    mark_at = [-1] * len(fixed)
    for i in range(1, len(fixed)):
        prev, cur = fixed[i - 1], fixed[i]
        if prev[2] != cur[2]:
            continue
        tail = re.search(r"""[.!?]\s+(['"])$""", text[prev[0]:prev[1]])
        head = _LEADING_MARK_RE.match(text[cur[0]:cur[1]])
        if tail and not head:
            mark_at[i] = prev[0] + tail.start(1)
            prev[1] = prev[0] + tail.start(1)
            prev[1] = _trim(text, prev[0], prev[1])[1]
            mark_before[i] = True
        elif head and not tail:
            mark_at[i] = cur[0]
            cur[0] = cur[0] + head.end()
            mark_before[i] = True
    # 2. Walk the sentences keeping track of whether a quote is open.
    is_open = False
    para = -1
    for i, (s, e, p) in enumerate(fixed):
        if p != para:
            is_open, para = False, p
        if mark_before[i]:
            mark = mark_at[i]
            runs_on = (i + 1 < len(fixed) and mark_before[i + 1]) or bool(
                re.search(r"""[.!?,]\s+['"]$""", text[s:e])
            )
            if is_open and not runs_on:
                fixed[i - 1][1] = mark + 1
                is_open = False
            else:
                fixed[i][0] = mark
                is_open = True
        # marks inside the sentence (not the one it may now start with) toggle the state
        inner_start = fixed[i][0] + 1 if mark_before[i] and fixed[i][0] < s else fixed[i][0]
        is_open ^= len(_LONE_MARK_RE.findall(text[inner_start:fixed[i][1]])) % 2 == 1
    return [(s, e, p) for s, e, p in fixed if e > s]
