"""Direct quotes: where they are, whether they are whole sentences, and who said them.

:func:`find_quotes` reads every convention news text uses: straight and curly
double quotes, single quotes as quote marks (British style), tokenised corpora
(`` ' words ' `` and ``` `` words '' ```), quotes over several sentences, quotes
over several paragraphs where each paragraph opens a quote and only the last
closes it, and fragments inside a sentence.  Apostrophes never open or close a
quote.  Unbalanced marks give a note, never an exception, and a quote never runs
past its paragraph unless the next paragraph reopens it.

>>> text = 'Jo Bloggs, the chief inspector, said: "We will act." Critics called it "too late".'
>>> quotes, notes = find_quotes(text)
>>> [(q.text, q.fragment, q.speaker.key if q.speaker else None) for q in quotes]
[('We will act.', False, 'jo bloggs'), ('too late', True, None)]
>>> quotes[0].speaker.verb, quotes[0].text == text[quotes[0].start : quotes[0].end]
('said', True)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Optional

import attrs
from attrs import frozen

from claimcheck.model import Speaker

# The private names are the attribution half of this feature, split out for size.
from claimcheck.speakers import (
    _CHAR_SET,
    _CORE_SPEECH_RE,
    _NOUN_GUARD,
    _PASSIVE,
    _BOUNDARY_WORDS,
    _TRAIL_STRIP_RE,
    _VERB_RE,
    STOP_WORDS,
    Attributor,
    NameLexicon,
    _Mention,
    bisect_index,
    build_lexicon,
    sentence_bounds,
    speaker_key,
    words_in,
)

__all__ = ["Quote", "find_quotes", "NameLexicon", "build_lexicon", "speaker_key"]

Note = tuple[int, int, str]

# A quote whose marks are further apart than this is treated as a stray mark: no
# real quote paragraph is this long, and it keeps one bad mark from swallowing
# half an article.
MAX_SEGMENT = 2500
# How far from a quote its attribution clause is looked for.
_WINDOW = 400


@frozen
class Quote:
    """One quoted stretch; offsets index the text given to :func:`find_quotes`.

    ``start``/``end`` cover the quoted words without marks (``text`` is
    ``source[start:end]``); ``open_start``/``close_end`` include the marks
    (``close_end`` is ``None`` when this paragraph of the quote does not close).
    ``continued`` marks a later paragraph of a multi-paragraph quote.
    """

    start: int
    end: int
    text: str
    open_start: int
    close_end: Optional[int]
    speaker: Optional[Speaker] = None
    fragment: bool = False
    continued: bool = False
    paragraph: int = 0


# ---------------------------------------------------------------- marks

_OPEN, _CLOSE, _AMBIG, _SOFT = "open", "close", "ambig", "soft"  # soft: close or apostrophe
_MARK_RE = re.compile(r"``|''|[\"“”„‟«»‘’‛'`]")
_ELISION_RE = re.compile(r"(?:\d\d(?:s|'s|’s)?\b|(?:em|til|cause|n|tis|twas|bout|cos)\b)", re.IGNORECASE)
_CLITIC_RE = re.compile(r"(?:s|re|ve|ll|d|m|t)\b", re.IGNORECASE)
_LEFT_CTX = set("([{—–-/:\u00a0")
_RIGHT_CTX = set(".,;:!?)]}—–-…'’")
_PUNCT_BEFORE_CLOSE = set(".,!?;:…—–-")


@frozen
class _Mark:
    pos: int
    end: int
    family: str  # "d" double, "s" single
    role: str


#: After a tokenised plural possessive's mark: a space and a word ("auditors ' report").
_WORD_AFTER_RE = re.compile(r" [a-z]")
#: Verbs in -s that a quote may open after ("he says ' we will ...").
_SAYS = frozenset("says tells adds insists warns claims explains writes argues admits asks replies".split())
#: How far back, within the paragraph, the marks before a ' are read to tell whether a quote is open.
_POSSESSIVE_LOOKBACK = 300


def _plural_possessive(text: str, i: int, j: int) -> bool:
    """Whether a ' set apart by spaces is a tokenised plural possessive ("the auditors '
    report"): a word in -s before it that is no verb of saying, a word after it, and no
    quote open before it in the paragraph that it could close ("missed ' investigative
    opportunities ' to tackle ..."). Marks earlier in the paragraph are read the same way,
    so one possessive does not leave the next looking like a close."""
    start = max(0, i - _POSSESSIVE_LOOKBACK)
    start = max(start, text.rfind("\n", start, i) + 1)
    open_ = False
    for m in _SET_APART.finditer(text, start, i):
        if m.group() != "'" or open_ or not _possessive_shape(text, m.start(), m.end()):
            open_ = not open_
    return not open_ and _possessive_shape(text, i, j)


#: Quote marks set apart as tokens in tokenised text: ` `` '' and '.
_SET_APART = re.compile(r"(?<!\S)(?:``|''|`|')(?!\S)|(?<!\S)`")


def _possessive_shape(text: str, i: int, j: int) -> bool:
    """A ' between a plural noun and a word: "auditors ' report" (not "was ' weak", "says '
    we", "across ' the")."""
    if i < 2 or text[i - 1] != " " or not _WORD_AFTER_RE.match(text, j):
        return False
    k = i - 1
    while k > 0 and text[k - 1].isalpha() and i - k < 40:
        k -= 1
    word = text[k:i - 1]
    return (len(word) >= 4 and word.islower() and word.endswith("s") and not word.endswith(("ss", "us", "is"))
            and word not in _SAYS and word not in STOP_WORDS)


def _classify(text: str, m: re.Match[str]) -> Optional[_Mark]:
    """Role of one mark from its neighbours; ``None`` for apostrophes."""
    ch, i, j = m.group(), m.start(), m.end()
    p = text[i - 1] if i > 0 else "\n"
    n = text[j] if j < len(text) else "\n"
    if ch == "``":
        return _Mark(i, j, "d", _OPEN)
    if ch == "''":
        return _Mark(i, j, "d", _CLOSE) if not (p.isalnum() and n.isalnum()) else None
    left = not n.isspace() and (p.isspace() or p in _LEFT_CTX)
    right = not p.isspace() and (n.isspace() or n in _RIGHT_CTX)
    if ch in "“„‟«":
        return _Mark(i, j, "d", _CLOSE if right and not left and ch == "“" and p.isalnum() else _OPEN)
    if ch in "”»":
        return _Mark(i, j, "d", _OPEN if left and not right and ch == "”" else _CLOSE)
    if ch == '"':
        role = _OPEN if left and not right else _CLOSE if right and not left else _AMBIG
        return _Mark(i, j, "d", role)
    if ch == "`":
        # never an apostrophe; tokenised text sets it apart from the word ("` this is ...")
        opens = n.isalnum() or (n == " " and j + 1 < len(text) and text[j + 1].isalnum())
        return _Mark(i, j, "s", _OPEN) if opens else None
    # single quotes and apostrophes: ‘ ’ ‛ '
    if p.isalnum() and n.isalnum():
        return None  # people’s, it's, o'clock
    if n.isalnum() and (p.isspace() or p in _LEFT_CTX or i == 0):
        if _ELISION_RE.match(text, j):
            return None  # ’90s, 'em, rock 'n' roll
        if ch == "'" and p.isspace() and i > 1 and not text[i - 2].isspace() and _CLITIC_RE.match(text, j):
            return None  # tokenised "the agency 's", "we 're"
        return _Mark(i, j, "s", _OPEN)
    if ch == "‘" or ch == "‛":
        return _Mark(i, j, "s", _OPEN) if not p.isalnum() else None
    if p.isalnum():
        return _Mark(i, j, "s", _SOFT)  # "officers' union" or a close
    if p in _PUNCT_BEFORE_CLOSE and (n.isspace() or n in _RIGHT_CTX or j == len(text)):
        return _Mark(i, j, "s", _CLOSE)
    if p.isspace() and (n.isspace() or n in _RIGHT_CTX or j == len(text)):
        if _plural_possessive(text, i, j):
            return None  # tokenised "the auditors ' report"
        return _Mark(i, j, "s", _AMBIG)  # tokenised ' : parity decides
    if p in _PUNCT_BEFORE_CLOSE:
        return _Mark(i, j, "s", _OPEN) if n.isalnum() else None
    return None


# ---------------------------------------------------------------- layout


class _Layout:
    """Paragraph and sentence positions of a text."""

    def __init__(self, text: str, sentence_starts: list[int]) -> None:
        self.text = text
        sep = r"\n[ \t]*\n\s*" if re.search(r"\n[ \t]*\n", text) else r"\n\s*"
        self.paras = [0] + [m.end() for m in re.finditer(sep, text)]
        self.sents = sentence_starts

    def para(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.paras, pos) - 1)

    def para_end(self, idx: int) -> int:
        lo = self.paras[idx]
        hi = self.paras[idx + 1] if idx + 1 < len(self.paras) else len(self.text)
        while hi > lo and self.text[hi - 1].isspace():
            hi -= 1
        return hi

    def sentence_end(self, pos: int) -> int:
        i = bisect.bisect_right(self.sents, pos)
        return self.sents[i] if i < len(self.sents) else len(self.text)

    def after_sentence_end(self, pos: int) -> bool:
        """The mark at ``pos`` begins a sentence or a paragraph."""
        k = pos - 1
        while k >= 0 and self.text[k] in " \t":
            k -= 1
        return k < 0 or self.text[k] in ".!?…\n"


@frozen
class _Raw:
    start: int
    end: int
    open_start: int
    close_end: Optional[int]
    continued: bool


def _pair(text: str, marks: list[_Mark], lay: _Layout, notes: list[Note]) -> list[_Raw]:
    """Pair the marks of one family into quotes (a small state machine, linear time)."""
    out: list[_Raw] = []
    cur: Optional[_Mark] = None
    cont = False

    def emit(end: int, close: Optional[_Mark]) -> None:
        assert cur is not None
        a, b = cur.end, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append(_Raw(a, b, cur.pos, close.end if close else None, cont))
        else:
            notes.append((cur.pos, close.end if close else cur.end, "empty quote"))

    def unclosed() -> None:
        assert cur is not None
        pe = lay.para_end(lay.para(cur.pos))
        end = pe if pe - cur.pos <= MAX_SEGMENT else min(pe, lay.sentence_end(cur.end))
        notes.append((cur.pos, cur.end, "quote mark opens a quote that never closes; cut at the end of its paragraph or sentence"))
        emit(end, None)

    for idx, m in enumerate(marks):
        if cur is not None:
            pc, pm = lay.para(cur.pos), lay.para(m.pos)
            if pm != pc:
                if pm == pc + 1 and m.role in (_OPEN, _AMBIG) and not text[lay.paras[pm] : m.pos].strip():
                    emit(lay.para_end(pc), None)  # the next paragraph reopens: same quote goes on
                    cur, cont = m, True
                    continue
                unclosed()
                cur = None
            elif m.pos - cur.pos > MAX_SEGMENT:
                unclosed()
                cur = None
        if cur is None:
            if m.role in (_OPEN, _AMBIG):
                nxt = marks[idx + 1].pos if idx + 1 < len(marks) else len(text)
                if not re.search(r"\w", text[m.end : min(nxt, lay.para_end(lay.para(m.pos)), m.end + MAX_SEGMENT)]):
                    notes.append((m.pos, m.end, "stray quote mark"))
                    continue
                cur, cont = m, False
            elif m.role == _CLOSE:
                notes.append((m.pos, m.end, "closing quote mark without an opening one"))
            continue
        if m.role in (_CLOSE, _SOFT):
            if m.role == _SOFT and _apostrophe_like(text, marks, idx, lay):
                continue
            emit(m.pos, m)
            cur = None
        elif m.role == _OPEN:
            if not lay.after_sentence_end(m.pos):
                notes.append((cur.pos, cur.end, "quote not closed before the next opening mark"))
            emit(m.pos, None)  # at a sentence start: a lost paragraph break; the quote goes on
            cur, cont = m, lay.after_sentence_end(m.pos)
        elif _continues(text, marks, idx, lay):
            emit(m.pos, None)
            cur, cont = m, True
        else:
            emit(m.pos, m)
            cur = None
    if cur is not None:
        unclosed()
    return out


def _apostrophe_like(text: str, marks: list[_Mark], idx: int, lay: _Layout) -> bool:
    """A soft mark followed by a word, with a real close later in the sentence: "officers' union"."""
    m = marks[idx]
    if not re.match(r"\s+[a-z]", text[m.end : m.end + 3]):
        return False
    if idx + 1 >= len(marks):
        return False
    nxt = marks[idx + 1]
    return nxt.role in (_CLOSE, _SOFT) and nxt.pos < lay.sentence_end(m.pos)


def _continues(text: str, marks: list[_Mark], idx: int, lay: _Layout) -> bool:
    """An ambiguous mark after a full stop, inside an open quote: close, or paragraph reopening?

    Paragraph-less tokenised text writes a multi-paragraph quote as
    ``... level . ' many of ...``.  The mark reopens when the next mark also stands
    at a sentence start (the chain goes on) and no reporting clause lies between;
    otherwise it closes (quote parity).
    """
    m = marks[idx]
    if not lay.after_sentence_end(m.pos) or not re.match(r"\s*\w", text[m.end : m.end + 3]):
        return False
    if idx + 1 >= len(marks):
        return False
    nxt = marks[idx + 1]
    if nxt.role not in (_AMBIG, _OPEN, _CLOSE) or nxt.pos - m.pos > MAX_SEGMENT:
        return False
    if lay.para(nxt.pos) != lay.para(m.pos) or not lay.after_sentence_end(nxt.pos):
        return False
    return not _CORE_SPEECH_RE.search(text, m.end, nxt.pos)


def _scan(text: str, lay: _Layout, notes: list[Note]) -> list[_Raw]:
    marks = [mk for mk in (_classify(text, m) for m in _MARK_RE.finditer(text)) if mk is not None]
    doubles = _pair(text, [m for m in marks if m.family == "d"], lay, notes)
    ext = [(q.open_start, q.close_end if q.close_end is not None else q.end) for q in doubles]
    starts = [a for a, _ in ext]

    def in_double(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and ext[i][0] <= pos < ext[i][1]

    singles = _pair(text, [m for m in marks if m.family == "s" and not in_double(m.pos)], lay, notes)
    # British nesting: a single-quoted stretch may hold double quotes (drop those);
    # a single quote that crosses a double one is a misread apostrophe (drop it).
    # Doubles are sorted and disjoint, so each single needs a bisect, not a scan.
    dropped: set[int] = set()
    keep_s: list[_Raw] = []
    for s in singles:
        s_end = s.close_end if s.close_end is not None else s.end
        k = max(0, bisect.bisect_right(starts, s.open_start) - 1)
        inner: list[int] = []
        crossing = False
        while k < len(doubles) and ext[k][0] < s_end:
            if ext[k][1] > s.open_start and k not in dropped:
                if s.open_start <= ext[k][0] and ext[k][1] <= s_end:
                    inner.append(k)
                else:
                    crossing = True
                    break
            k += 1
        if crossing:
            notes.append((s.open_start, s_end, "single quote mark crosses a double-quoted stretch; ignored"))
            continue
        dropped.update(inner)
        keep_s.append(s)
    keep_d = [d for k, d in enumerate(doubles) if k not in dropped]
    return sorted(keep_d + keep_s, key=lambda r: r.open_start)


# ---------------------------------------------------------------- fragments


def _is_fragment(text: str, q: _Raw, lay: _Layout) -> bool:
    """A few words inside a sentence, rather than a quoted sentence in its own right."""
    if q.continued:
        return False
    lo = lay.sents[bisect_index(lay.sents, q.open_start)]
    before = text[lo : q.open_start].rstrip()
    starts = not before or before.endswith((":", "\n")) or lay.after_sentence_end(q.open_start)
    if not starts and before.endswith(","):
        starts = bool(re.search(r"\b(?:said|says|added|told|asked|replied|stated|wrote)\s*,$", before))
    if not starts:
        return True
    inner = q_text = text[q.start : q.end]
    if re.search(r"[.!?…,;:—–-]$", q_text) or re.search(r"[.!?]\s", inner):
        return False
    after = text[(q.close_end or q.end) : (q.close_end or q.end) + 40]
    return not re.match(r"\s*(?:[.,;:!?—–-]|$|\n|(?:he|she|it|they|\w+)\s+(?:said|says|added|told|stated)\b)", after)


# ---------------------------------------------------------------- attribution


def _speaker(att: Attributor, m: Optional[_Mention], verb: Optional[str]) -> Optional[Speaker]:
    if m is None:
        return None
    name = att.text[m.start : m.end]
    return Speaker(name=name, start=m.start, end=m.end, key=m.key, verb=verb, role=m.role, kind=m.kind)


_LEAD_DET_RE = re.compile(r"^(?:the|a|an)\s+", re.I)
#: A role in lower case, then a full name between commas, ending the text before the verb
#: ("Hartwell's chief executive, Jo Bloggs,"): the apposition is the speaker, not the role.
_ROLE_THEN_NAME_RE = re.compile(r"(?:^|[\s(])[a-z][\w'’-]*,\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}),$")
# A person's age between commas, after the name: "Jo Bloggs, 46, a teacher, said".
_AGE_TAIL_RE = re.compile(r"(?<=[^\W\d_]),[ \t]*\d{1,3}$")


def _subject_mention(att: Attributor, lo: int, vs: int, q_open: int,
                     np: Optional[tuple[int, int]]) -> Optional[_Mention]:
    """Who the noun phrase right before a reporting verb names (``np``, from
    :func:`_subject`).

    A role in lower case followed by a full name between commas ("Hartwell's chief
    executive, Jo Bloggs, said") names the person, the role being their role."""
    base = max(lo, vs - 200)
    appos = _ROLE_THEN_NAME_RE.search(att.masked(base, vs).rstrip()) if att.cased else None
    if appos is not None:
        a, b = base + appos.start("name"), base + appos.end("name")
        m = att._np_mention(a, b, q_open)
        if m is not None and m.kind in ("person", "unknown"):
            role = _subject(att, lo, b + 1)  # the role stands before the name's comma
            said = _LEAD_DET_RE.sub("", att.text[role[0]:role[1]]) if role else None
            return attrs.evolve(m, kind="person", fit="person", role=m.role or said or None)
    return att._np_mention(np[0], np[1], q_open) if np is not None else None


def _subject(att: Attributor, lo: int, vs: int) -> Optional[tuple[int, int]]:
    """The noun phrase right before a reporting verb, skipping auxiliaries and an apposition."""
    lo = max(lo, vs - 200)  # a subject with its apposition fits well inside this
    seg = att.masked(lo, vs)
    end = len(seg)
    while True:
        t = _TRAIL_STRIP_RE.search(seg, 0, end)
        if not t:
            break
        end = t.start()
    seg = seg[:end].rstrip()
    if seg.endswith(","):
        k = seg.rfind(",", 0, len(seg) - 1)
        seg = seg[:k].rstrip() if k >= 0 else seg[:-1].rstrip()
        age = _AGE_TAIL_RE.search(seg)
        if age:  # "Jo Bloggs, 46, who has lived here for years, said": the age goes too
            seg = seg[: age.start()]
    b = 0
    for mm in re.finditer(r"[,;:()\"“”‘’\x00—–\[\]]|(?<!\w)['](?!\w)", seg):
        b = mm.end()
    for w in re.finditer(r"[\w'’-]+", seg):
        lw = w.group().lower()
        if w.start() >= b and (lw in _BOUNDARY_WORDS or _VERB_RE.fullmatch(lw)):
            b = w.end()
    a = b
    while a < len(seg) and seg[a].isspace():
        a += 1
    if a >= len(seg) or len(seg[a:].split()) > 12:
        return None
    return lo + a, lo + len(seg)


def _first_mention(att: Attributor, lo: int, hi: int, fits: set[str]) -> Optional[_Mention]:
    a = bisect.bisect_left(att._pos, lo)
    b = bisect.bisect_left(att._pos, hi)
    for m in att.mentions[a:b]:
        if m.fit in fits and m.kind != "unknown":
            return m
    return None


_CHAR_OK_RE = re.compile(r"^\s*(?:(?:it|them|him|her|this|that|what)\s*)?$|^\s*(?:\S+\s+){0,6}?(?:as|to\s+be)\s*$", re.IGNORECASE)


def _from_verbs(att: Attributor, lo: int, hi: int, q_open: int) -> tuple[bool, Optional[_Mention], Optional[str]]:
    """Nearest usable reporting verb in ``text[lo:hi]``: (found, speaker, verb)."""
    text = att.text
    masked = att.masked(lo, hi)
    agent = re.search(r"\bby\s+((?:[\w'’-]+\s+){1,5}?)as\s*$", masked)
    if agent:
        a = lo + agent.start(1)
        return True, att._np_mention(a, a + len(agent.group(1).rstrip()), q_open), None
    # Only the few verbs nearest the quote can govern it.
    for vm in list(_VERB_RE.finditer(masked))[::-1][:4]:
        vs, ve = lo + vm.start(), lo + vm.end()
        verb = text[vs:ve]
        lv = " ".join(verb.lower().split())
        before = text[max(lo, vs - 20) : vs]
        prev = re.search(r"([\w'’]+)\s*$", before)
        if re.search(r"['’]s\s*$", before) or (prev and prev.group(1).lower() in _NOUN_GUARD):
            continue  # a noun: "the report's findings", "these claims"
        between = masked[ve - lo :]
        if lv == "according to":
            found, m, verb_ = _according(att, vs, ve, hi, q_open)
            if found:
                return found, m, verb_
            continue
        passive = prev is not None and prev.group(1).lower() in _PASSIVE
        if lv in _CHAR_SET:
            if not _CHAR_OK_RE.match(between):
                continue
            if lv.endswith("ed") and (passive or re.match(r"\s*as\b", between)):
                return True, None, verb  # "the agency described as ...": nobody is quoted
        elif passive:
            by = re.search(r"\bby\s+([^,;:\x00]+?)\s*$", between)
            if by:
                a = ve + by.start(1)
                return True, att._np_mention(a, a + len(by.group(1)), q_open), verb
            continue
        if lv.endswith("ing"):
            first = _first_mention(att, lo, vs, {"person", "organisation", "document"})
            if first is not None:
                return True, first, verb
            continue
        np = _subject(att, lo, vs)
        if np is None:
            continue  # "... and said": try the clause's earlier verb
        return True, _subject_mention(att, lo, vs, q_open, np), verb
    return False, None, None


def _according(att: Attributor, vs: int, ve: int, hi: int, q_open: int) -> tuple[bool, Optional[_Mention], Optional[str]]:
    """'according to X': X is the noun phrase after the phrase, up to punctuation or a participle."""
    between = att.masked(ve, hi)
    np_end = re.match(r"\s*([^,;:\x00\"“”‘’()]*)", between)
    if not np_end or not np_end.group(1).strip():
        return False, None, None
    a = ve + np_end.start(1)
    cut = re.search(r"\s(?:described|commissioned|published|presented|who|which|that|dubbed|known)\b", np_end.group(1))
    b = a + (cut.start() if cut else len(np_end.group(1).rstrip()))
    return True, att._np_mention(a, b, q_open), att.text[vs:ve]


_POST_VERB_RE = re.compile(r"(said|says|added|adds|told|tells|stated|states|explained|continued|insisted|warned|claimed|wrote|argued|admitted|replied|asked)$", re.IGNORECASE)


_VERBS = r"said|says|added|adds|told|tells|stated|states|explained|continued|insisted|warned|claimed|wrote|argued|admitted|replied"
_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}"
# '..., said the mayor, Ana Ruiz.' and '..., the mayor, Ana Ruiz, said.': a role, then the name
_APPOSITIVE_RES = (
    re.compile(rf"[\s,;:]*(?:[—–-]\s*)?(?P<verb>{_VERBS})\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+,\s+"
               rf"(?P<name>{_NAME})(?=\s*(?:[,.;!?]|$))"),
    re.compile(rf"[\s,;:]*(?:[—–-]\s*)?(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+,\s+"
               rf"(?P<name>{_NAME}),\s+(?P<verb>{_VERBS})\b"),
)


def _from_after(att: Attributor, pos: int, hi: int, q_open: int) -> tuple[bool, Optional[_Mention], Optional[str]]:
    """A clause right after the quote: '..., he said' or '..., said Jo Bloggs'."""
    for rx in _APPOSITIVE_RES:
        m = rx.match(att.text, pos, min(hi, pos + 160))
        if m and "\x00" not in att.masked(pos, m.end()):
            mention = att._np_mention(m.start("name"), m.end("name"), q_open)
            if mention is not None:
                if mention.kind == "unknown" and len(m.group("name").split()) >= 2:
                    # a role then a capitalised full name ("the mayor, Ana Ruiz") is a person
                    mention = attrs.evolve(mention, kind="person", fit="person")
                return True, mention, m.group("verb")
    seg = att.masked(pos, hi)
    lead = re.match(r"[\s,;:]*(?:[—–-]\s*)?", seg)
    base = pos + (lead.end() if lead else 0)
    ws = words_in(att.text, base, hi)[:10]
    if not ws or seg.find("\x00", base - pos, ws[0][0] - pos + 1) >= 0:
        return False, None, None
    contiguous = [ws[0]]
    for w in ws[1:]:
        if att.text[contiguous[-1][1] : w[0]].strip():
            break
        contiguous.append(w)
    if _POST_VERB_RE.match(contiguous[0][2]) and len(contiguous) > 1:
        tail = [w for w in contiguous[1:]]
        k = 0
        while k < len(tail) and tail[k][2].lower() not in {"in", "on", "at", "last", "who", "that", "yesterday", "today"}:
            k += 1
        first = tail[0][2].lower()
        if k and (first not in STOP_WORDS or first in {"the", "a", "an"}):
            return True, att._np_mention(tail[0][0], tail[k - 1][1], q_open), contiguous[0][2]
    for k, w in enumerate(contiguous[1:7], start=1):
        if _POST_VERB_RE.match(w[2]):
            np = contiguous[:k]
            while np and np[-1][2].lower() in {"has", "had", "have", "also", "then", "later"}:
                np = np[:-1]
            first = np[0][2].lower() if np else ""
            if not np or (first in STOP_WORDS and first not in {"he", "she", "it", "they", "the", "a", "an"}):
                return False, None, None
            return True, att._np_mention(np[0][0], np[-1][1], q_open), w[2]
    if 2 <= len(contiguous) <= 4 and contiguous[0][2].lower() not in STOP_WORDS:
        # '..." Jo Hale, prosecuting, told the jury' / 'Jo Hale, 34, said': a name, an aside, the verb
        end = contiguous[-1][1]
        m = _ASIDE_VERB_RE.match(att.text, end, min(hi, end + 90))
        if m and "\x00" not in att.masked(end, m.end()):
            mention = att._np_mention(contiguous[0][0], end, q_open)
            if mention is not None:
                return True, mention, m.group("verb")
    return False, None, None


#: After a name: an aside between commas, then the verb of saying ("Jo Hale, prosecuting, told").
_ASIDE_VERB_RE = re.compile(r"\s?,\s*[^,.;:!?\"“”\x00]{1,60}?,\s*(?:(?:has|have|had)\s+)?(?P<verb>said|says|told|tells|added|"
                            r"adds|stated|explained|continued|insisted|warned|claimed|wrote|argued|admitted|replied)\b")


_FINAL_RE = re.compile(r",\s*((?:[\w'’-]+\s+){1,6}?)(?:(?:has|have|had)\s+)?(\w+)\s*[.!?]?\s*$")


def _attribute(att: Attributor, raws: Sequence[_Raw], frags: Sequence[bool], leads: Sequence[bool]) -> list[Optional[Speaker]]:
    text = att.text
    out: list[Optional[Speaker]] = []
    found_m: list[Optional[_Mention]] = []
    sent_of = [bisect_index(att.starts, q.open_start) for q in raws]
    for i, q in enumerate(raws):
        if q.continued and i > 0:
            out.append(out[-1])
            found_m.append(found_m[-1])
            continue
        s_lo, _ = att.sent_span(q.open_start)
        close = q.close_end if q.close_end is not None else q.end
        _, e_hi = att.sent_span(max(q.start, q.end - 1))
        # Attribution sits near its quote; the window cap keeps run-on text linear.
        s_lo = max(s_lo, q.open_start - _WINDOW)
        e_hi = min(max(e_hi, close), close + _WINDOW)
        nxt_open = raws[i + 1].open_start if i + 1 < len(raws) else len(text)
        found, m, verb = False, None, None
        if not text[q.start : q.end].endswith("."):  # 'words.' then a new sentence: nothing to attach
            found, m, verb = _from_after(att, close, min(e_hi, nxt_open), q.open_start)
        if not found:
            found, m, verb = _from_verbs(att, s_lo, q.open_start, q.open_start)
        if not found:
            after = att.masked(close, e_hi)
            acc = re.search(r"\baccording\s+to\b", after)
            if acc:
                found, m, verb = _according(att, close + acc.start(), close + acc.end(), e_hi, q.open_start)
            fin = None if found else _FINAL_RE.search(after.replace("\x00", " "))
            if fin and (_POST_VERB_RE.match(fin.group(2)) or fin.group(2).lower() in {"found", "finds", "concluded"}):
                a = close + fin.start(1)
                found, m, verb = True, att._np_mention(a, a + len(fin.group(1).rstrip()), q.open_start), fin.group(2)
        if not found:
            m = _first_mention(att, s_lo, q.open_start, {"person", "organisation", "document"})
            found = m is not None
        if not found:
            # an earlier quote of this sentence, else of the previous one (reported speech goes on)
            for j in range(i - 1, max(-1, i - 8), -1):
                if sent_of[j] < sent_of[i] - 1:
                    break
                prev_sp = out[j]
                if found_m[j] is not None:
                    m, verb, found = found_m[j], prev_sp.verb if prev_sp is not None else None, True
                    break
        if not found and not frags[i] and sent_of[i] > 0 and leads[i]:
            # a quoted sentence standing alone: the previous sentence's speaker or subject
            p_hi = att.starts[sent_of[i]]
            p_lo = max(att.starts[sent_of[i] - 1], p_hi - _WINDOW)
            first_verb = _VERB_RE.search(att.masked(p_lo, p_hi))
            if first_verb is not None:
                vs = p_lo + first_verb.start()
                m = _subject_mention(att, p_lo, vs, q.open_start, _subject(att, p_lo, vs))
                verb = first_verb.group() if m is not None else None
            if m is None:
                m = _first_mention(att, p_lo, p_hi, {"person", "document"})
        sp = _speaker(att, m, verb)
        out.append(sp)
        found_m.append(m)
        if m is not None:
            att.add(_Mention(q.open_start, m.start, m.end, m.key, m.kind, m.fit, m.role, m.words))
    return out


def find_quotes(text: str, *, lexicon: Optional[NameLexicon] = None) -> tuple[tuple[Quote, ...], tuple[Note, ...]]:
    """All direct quotes of ``text`` with their speakers, plus notes on stray marks.

    ``lexicon`` (see :func:`~claimcheck.speakers.build_lexicon`) carries names
    learnt from other, properly cased sources of the story, so lower-cased text
    still finds its speakers.  Notes are ``(start, end, detail)``.

    >>> qs, notes = find_quotes("He said 'fine' and then \\u201cno")
    >>> [q.text for q in qs], [n[2] for n in notes][:1]
    (['fine', 'no'], ['quote mark opens a quote that never closes; cut at the end of its paragraph or sentence'])
    """
    notes: list[Note] = []
    starts = sentence_bounds(text)
    lay = _Layout(text, starts)
    raws = _scan(text, lay, notes)
    frags = [_is_fragment(text, q, lay) for q in raws]
    extents = [(q.open_start, q.close_end if q.close_end is not None else q.end) for q in raws]
    att = Attributor(text, lexicon, extents, starts)
    leads = [lay.after_sentence_end(q.open_start) for q in raws]
    speakers = _attribute(att, raws, frags, leads)
    quotes = tuple(
        Quote(
            start=q.start,
            end=q.end,
            text=text[q.start : q.end],
            open_start=q.open_start,
            close_end=q.close_end,
            speaker=sp,
            fragment=fr,
            continued=q.continued,
            paragraph=lay.para(q.start),
        )
        for q, sp, fr in zip(raws, speakers, frags)
    )
    return quotes, tuple(sorted(notes))
