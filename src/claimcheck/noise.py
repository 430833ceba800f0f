"""Stage 3b, noise: recognise what is not part of the story.

Pages pasted from news sites carry site furniture: newsletter prompts, picture credits
and captions, copyright footers, teasers for unrelated stories, and sentences the page
repeats (captions copying the lead). They are recognised by their *shape* (short lines
without a full stop, credit prefixes, copyright marks, repetition, no shared vocabulary
with the article), never by listing any site's strings. Noise stays out of alignment
and is reported as notes with spans.

>>> from claimcheck.model import Source
>>> from claimcheck.normalise import normalise
>>> from claimcheck.segment import segment
>>> doc = normalise(Source(id="x", text="Floods hit town\\n\\nRain fell all day.\\n\\nSign up to our newsletter\\n\\nRiver levels rose fast."))
>>> [(s.text, s.noise and s.noise.value) for s in mark_noise(doc, segment(doc))[0]]
[('Floods hit town', None), ('Rain fell all day.', None), ('Sign up to our newsletter', 'boilerplate'), ('River levels rose fast.', None)]
"""

from __future__ import annotations

import re
from collections import Counter

import attrs
from rapidfuzz import fuzz, process

from .model import Note, NoteKind, Sentence
from .normalise import Document
from .text import content_words

_PROMPT_RE = re.compile(
    r"\b(sign up|subscribe|newsletter|follow us|share (this|on)|click here|read more|"
    r"most read|download (the|our) app|advertisement|sponsored|related (stories|articles|topics))\b"
)
# Cookie and privacy banners speak to the reader about the site ("We use cookies to ...",
# "By continuing to browse you agree to our use of cookies"): the site's own voice with a
# word of consent, or a short row of consent buttons. A sentence quoting someone is left
# alone: a story about cookie banners quotes them.
_SITE_VOICE_RE = re.compile(r"\b(we|our|you|your|this (web)?site)\b")
_CONSENT_RE = re.compile(r"\bcookies?\b|\bprivacy (notice|policy|settings)\b|\byour privacy\b|"
                         r"\bpersonali[sz]ed? (ads|adverts|advertising|content)\b")
_BUTTONS_RE = re.compile(r"\b(accept|reject|manage) (all|cookies|non-essential|settings|preferences)\b|"
                         r"\bcookie (settings|preferences)\b")
_QUOTED_RE = re.compile(r"(?:[\"“‘`]|(?<![\w'])')[^\s\"”’']+(?:\s+[^\s\"”’']+){3,}")  # four words or more
#: The most words in each cell of a row split by "|" ("Home | News | Sport") that is a menu.
_MENU_CELL_WORDS = 5
#: The most words a banner sentence or a row of buttons holds.
_BANNER_WORDS, _BUTTON_WORDS = 40, 10
_CREDIT_RE = re.compile(
    r"^(picture|pictures|photo|photograph|photos|image|images|credit|video|illustration|"
    r"file (photo|picture|image|pic))\b\s*[:.\-]?"
)
# Photo agencies whose names end headlines or stand alone as credits.
_AGENCY_RE = re.compile(
    r"(?:^|\s)(getty( images)?|afp|reuters|ap photo|pa( media| wire)?|alamy|shutterstock|rex features|"
    r"epa|bloomberg|anadolu)\s*$"
)
_FOOTER_RE = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4})|all rights reserved|not responsible for the content of external"
)
_PICTURE_MARK_RE = re.compile(
    r"\(\s*(pictured|file (picture|photo|image)|left|right|centre|center|above|below|inset)\s*\)|, pictured ,|, pictured,"
)
_DATE_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "spring summer autumn fall winter early late mid to and the in of".split()
)
_WORD_RE = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
#: How many earlier sentences a sentence is checked against for repetition.
_DUP_WINDOW = 1000
#: ... and on at most this many characters (a 20 kB "sentence" of a page with no full
#: stops made each comparison cost milliseconds).
_DUP_CHARS = 2000


def mark_noise(doc: Document, sentences: tuple[Sentence, ...]) -> tuple[tuple[Sentence, ...], tuple[Note, ...]]:
    """Return the sentences with ``noise`` set where they are not content, and the notes."""
    kinds: dict[int, tuple[NoteKind, str]] = {}
    trims: dict[int, int] = {}
    notes: list[Note] = []
    first_para = sentences[0].paragraph if sentences else 0
    para_sizes = Counter(s.paragraph for s in sentences)
    for s in sentences:
        norm = s.norm
        words = _WORD_RE.findall(norm)
        one_line = para_sizes[s.paragraph] == 1
        unpunctuated = not re.search(r"[.!?\"':]$", norm)
        if _FOOTER_RE.search(norm):
            kinds[s.index] = (NoteKind.BOILERPLATE, "copyright or site footer")
        elif _PROMPT_RE.search(norm) and len(words) <= 15:
            kinds[s.index] = (NoteKind.BOILERPLATE, "newsletter or sharing prompt")
        elif norm.count("|") >= 2 and all(len(cell.split()) <= _MENU_CELL_WORDS for cell in norm.split("|")):
            kinds[s.index] = (NoteKind.BOILERPLATE, "site menu")
        elif not _QUOTED_RE.search(norm) and (
                (_CONSENT_RE.search(norm) and _SITE_VOICE_RE.search(norm) and len(words) <= _BANNER_WORDS)
                or (_BUTTONS_RE.search(norm) and len(words) <= _BUTTON_WORDS)):
            kinds[s.index] = (NoteKind.BOILERPLATE, "cookie or privacy notice")
        elif _CREDIT_RE.match(norm) and len(words) <= 12:
            kinds[s.index] = (NoteKind.CAPTION, "picture credit or caption")
        elif _AGENCY_RE.fullmatch(" " + norm.rstrip(" .")) and len(words) <= 4:
            kinds[s.index] = (NoteKind.CAPTION, "picture credit")
        elif words and all(w in _DATE_WORDS or w[:1].isdigit() for w in words):
            kinds[s.index] = (NoteKind.FRAGMENT, "date heading, not a statement")
        elif len(words) <= 1:
            kinds[s.index] = (NoteKind.FRAGMENT, "too short to be a statement")
        elif one_line and unpunctuated and s.paragraph != first_para and len(words) <= 12:
            kinds[s.index] = (NoteKind.CAPTION, "short line without a full stop inside the article: caption or credit")
        else:
            m = _AGENCY_RE.search(norm)
            if m and unpunctuated and one_line:
                # A headline with a picture credit glued on: keep the headline, drop the credit.
                cut = doc.view.original(*_norm_range(doc, s, m.start(1), len(norm)))
                trims[s.index] = cut[0]
                notes.append(Note(source=doc.id, start=cut[0], end=s.end, kind=NoteKind.CAPTION, detail="picture credit"))
    _mark_teasers(sentences, kinds)
    _mark_duplicates(sentences, kinds)
    out = []
    for s in sentences:
        if s.index in kinds:
            kind, detail = kinds[s.index]
            notes.append(Note(source=doc.id, start=s.start, end=s.end, kind=kind, detail=detail))
            out.append(attrs.evolve(s, noise=kind))
        elif s.index in trims:
            end = trims[s.index]
            while end > s.start and doc.text[end - 1].isspace():
                end -= 1
            out.append(attrs.evolve(s, end=end, text=doc.text[s.start:end], norm=doc.norm(s.start, end)))
        else:
            out.append(s)
    return tuple(out), tuple(sorted(notes, key=lambda n: (n.start, n.end, n.kind.value)))


def _norm_range(doc: Document, s: Sentence, a: int, b: int) -> tuple[int, int]:
    base = doc.view.normal_range(s.start, s.end)[0]
    # s.norm is stripped; find its offset inside the view
    offset = doc.view.text.find(s.norm, base)
    return offset + a, offset + b


def _mark_teasers(sentences: tuple[Sentence, ...], kinds: dict[int, tuple[NoteKind, str]]) -> None:
    """Sentences just before a footer that share no vocabulary with the article are teasers."""
    footers = [s.index for s in sentences if kinds.get(s.index, (None,))[0] is NoteKind.BOILERPLATE
               and "footer" in kinds[s.index][1]]
    if not footers:
        return
    first = min(footers)
    body = Counter(w for s in sentences[: max(0, first - 3)] for w in content_words(s.norm))
    i = first - 1
    while i >= 0 and sentences[i].index not in kinds:
        words = set(content_words(sentences[i].norm))
        shared = sum(1 for w in words if body[w] > 0)
        if words and shared / len(words) > 0.3:
            break
        kinds[sentences[i].index] = (NoteKind.BOILERPLATE, "teaser for another story (shares no vocabulary with the article)")
        i -= 1
    for s in sentences[first + 1 :]:
        kinds.setdefault(s.index, (NoteKind.BOILERPLATE, "after the site footer"))


def _mark_duplicates(sentences: tuple[Sentence, ...], kinds: dict[int, tuple[NoteKind, str]]) -> None:
    """A sentence repeating an earlier one of the same source (a caption copying the lead)."""
    kept: list[Sentence] = []
    kept_stripped: list[str] = []
    for s in sentences:
        if s.index in kinds:
            continue
        stripped = _PICTURE_MARK_RE.sub(" ", s.norm)
        words = set(content_words(stripped))
        # One C-level scan for the first earlier repeat (a Python loop of fuzz.ratio made
        # a 1 MB article take 30 s); only captions need a per-sentence loop.
        # Only the last _DUP_WINDOW sentences: keeps a huge input linear (news never repeats
        # a sentence thousands of sentences later).
        lo = max(0, len(kept) - _DUP_WINDOW)
        hits = process.extract(stripped[:_DUP_CHARS], kept_stripped[lo:], scorer=fuzz.ratio, score_cutoff=90,
                               limit=None)
        first = min((lo + i for _, _, i in hits), default=len(kept))
        caption = None
        if words and _PICTURE_MARK_RE.search(s.norm):
            for earlier in kept[lo:first]:
                if len(words & set(content_words(earlier.norm))) / len(words) >= 0.6:
                    caption = earlier
                    break
        if caption is not None:
            kinds[s.index] = (NoteKind.CAPTION, f"picture caption repeating sentence {caption.index + 1}")
        elif first < len(kept):
            kinds[s.index] = (NoteKind.DUPLICATE, f"repeats sentence {kept[first].index + 1} of this source")
        else:
            kept.append(s)
            kept_stripped.append(stripped[:_DUP_CHARS])
