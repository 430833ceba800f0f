"""Statement discrepancies inside a group: ``entity`` and ``attribution``.

* ``entity``: two sources say the same thing with one noun phrase swapped ("failed to
  work with *local authorities*" / "failed to work with *the council*"). Found from a
  word-level diff (rapidfuzz opcodes) of two claims that otherwise agree: exactly one
  replaced stretch of at most :data:`MAX_SWAP` words, after a determiner or preposition
  (so a swapped verb such as "won"/"lost" is not an entity), without figures (those are
  the quantity detector's), and not synonyms of each other.
* ``attribution``: the sources credit the statement to different bodies ("an inquiry by
  the agency concluded" / "a report by Professor X found"; "found by the Harland
  inquiry" / "according to the Dunmore review"; "the Met Office said" / "according to a
  report by Dr Y"). Credits come from :func:`claimcheck.provenance.cites_in` and
  :func:`~claimcheck.provenance.credits_in`; a bare "a report" or "it" names nobody and
  is never compared, nor are quote speakers (a director speaks for his agency); "the
  trust" or "the board" is the body the source named in full before, when it named one
  only ("Brightwater Homes Trust"), and nobody otherwise. Sources clash only when no
  credit of one names a body the other credits.
* ``entity`` also: a proper name filling the same role in both ("taken *to* X Hospital" /
  "injured and taken *to* Y Infirmary"; "Judge X" / "Judge Y") though the rest is worded
  differently, when neither source names the other's (:func:`framed_names`).

Precision comes first: a pair that differs in more than one place is left alone.

>>> from claimcheck.model import Claim
>>> a = Claim(id="a/s1", source="a", start=0, end=61, kind="statement",
...           text="The review said the council had missed chances to help them.")
>>> b = Claim(id="b/s1", source="b", start=0, end=60, kind="statement",
...           text="The review said the police had missed chances to help them.")
>>> [(f.type.value, [v.value for v in f.values]) for f in statement_discrepancies(None, [a, b])]
[('entity', ['council', 'police'])]
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable, Mapping, Optional, Sequence


from rapidfuzz.distance import Levenshtein

from ._numwords import MONTHS
from .clauses import MAIN_CREDIT
from .model import Claim, ClaimKind, DiscrepancyType, Quantity, Value
from .provenance import cites_in, credits_in
from .quantities import compare_quantities, placeless, publication_date, referent_key
from .speakers import ORG_WORDS, is_acronym, is_cased
from .text import STOPWORDS, WHEN_WORDS, changed_stretches, content_words, fold, lemma

#: The longest swapped stretch (in words) that still reads as one noun phrase.
MAX_SWAP = 4
#: Share of the shorter claim's words the two claims must have in common.
MIN_SHARED = 0.6

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_OPENERS = frozenset("the a an with by of for from at in to his her its their our council's".split())
_GENERIC = frozenset("report review inquiry investigation statement study document letter survey audit "
                     "finding findings government official officials source sources notice figures".split())


_POSSESSIVE = re.compile(r"'s$")
#: A body or document described by whom it belongs to ("the museum 's insurers", "the
#: university's own finance committee"): the owner, then what is owned.
#: (Tried at word starts only, and to the line's end: linear on any text.)
_HELD = re.compile(r"(?<![\w-])(?:the\s+)?([\w-]+)\s*['’]s\s+(?:own\s+)?(\S.*)", re.I)
_RELATIVE = re.compile(r"(?:which|who)\b", re.I)


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    # possessives are dropped so that tokenised "who 's" and "WHO’s" read the same
    out = []
    for m in _TOKEN.finditer(text.replace("’", "'")):
        w = _POSSESSIVE.sub("", m.group().lower())
        if w not in ("s", "'s"):
            out.append((w, m.start(), m.end()))
    return tuple(out)


@lru_cache(maxsize=4096)
def _words_of(text: str) -> tuple[str, ...]:
    return tuple(t[0] for t in _tokens(text))


@lru_cache(maxsize=65536)
def _swap_span(text_a: str, text_b: str) -> Optional[tuple[tuple[int, int], tuple[int, int]]]:
    """The swapped noun phrase of two texts as offsets into each, or ``None``."""
    ta, tb = _tokens(text_a), _tokens(text_b)
    if not ta or not tb:
        return None
    opcodes = list(Levenshtein.opcodes(_words_of(text_a), _words_of(text_b)))
    equal = sum(op.src_end - op.src_start for op in opcodes if op.tag == "equal")
    blocks = changed_stretches(opcodes)
    if len(blocks) != 1 or equal < MIN_SHARED * min(len(ta), len(tb)):
        return None
    a0, a1, b0, b1 = blocks[0]
    if a1 == a0 or b1 == b0:
        return None  # a word added or dropped is not a swap
    wa, wb = ta[a0:a1], tb[b0:b1]
    if max(len(wa), len(wb)) > MAX_SWAP:
        return None
    names = _capitalised(text_a, wa) and _capitalised(text_b, wb)
    if a0 == 0 and not (names and _named_at_start(text_a, ta, a1) and _named_at_start(text_b, tb, b1)):
        # a sentence's first word is capitalised anyway: only a name that goes on in
        # capitals ("Ashby District Council" / "Dene County Council") is one
        return None
    if a0 > 0 and ta[a0 - 1][0] not in _OPENERS and not names:
        # a swap that is not a noun phrase (verb, adjective, negation); a proper name
        # swapped for another ("chief constable Ann Lee" / "... Tom Hale") always is one
        return None
    words_a, words_b = [w for w, _, _ in wa], [w for w, _, _ in wb]
    if any(ch.isdigit() for w in words_a + words_b for ch in w):
        return None
    if all(w.lower() in WHEN_WORDS for w in words_a + words_b):
        return None  # "on Tuesday" / "on Wednesday": a date, which the figures' detector compares
    ca = {w for w in fold(lemma(w) for w in words_a) if w not in STOPWORDS}
    cb = {w for w in fold(lemma(w) for w in words_b) if w not in STOPWORDS}
    if not ca or not cb or ca == cb or _same_body(frozenset(ca), frozenset(cb)):
        return None  # synonyms, an acronym and its expansion, or one name with a modifier
    return (wa[0][1], wa[-1][2]), (wb[0][1], wb[-1][2])


def _named_at_start(text: str, tokens: Sequence[tuple[str, int, int]], end: int) -> bool:
    """Whether the name swapped at a sentence's start goes on in capitals past its first
    word (within the swap or just after it)."""
    upto = min(len(tokens), end + 1)
    return upto >= 2 and all(text[s:s + 1].isupper() for _, s, _ in tokens[1:upto])


def _capitalised(text: str, span: Sequence[tuple[str, int, int]]) -> bool:
    """Every word of the stretch starts with a capital in the original text (a name), in
    a sentence that is not written in Title Case (where every word would)."""
    lower = sum(1 for m in _TOKEN.finditer(text) if m.group()[:1].islower())
    return lower >= 3 and all(text[start:start + 1].isupper() for _, start, _ in span)


def _credit_key(name: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[^\W_]+", name.lower())
                     if w not in STOPWORDS and w not in _GENERIC and w not in ("professor", "prof", "dr", "mr", "ms"))


def _same_body(a: frozenset[str], b: frozenset[str]) -> bool:
    if a & b:
        return True
    # an acronym and its expansion ("who" / "world health organization")
    for x, y in ((a, b), (b, a)):
        if len(x) == 1 and len(y) >= 2 and next(iter(x)) in ("".join(sorted(w[0] for w in y)),):
            return True
        if len(x) == 1 and len(y) >= 2 and sorted(next(iter(x))) == sorted(w[0] for w in y):
            return True
    return False


# An author's name: up to six words, stopping at a word that starts a description of it.
_AUTHOR = re.compile(r"(?:(?!(?:who|which|that|described|dubbed|called|known|published|commissioned|into|on|in|"
                     r"for|at|about|over|after|and|was|is|has|had|found|said|says|concluded|last|this|earlier|yesterday|today)\b)"
                     r"\S+\s*){1,6}", re.I)
_TITLES = frozenset("professor prof dr mr mrs ms miss sir dame lord lady judge justice chief".split())
#: Words that open a sentence or a credit without naming anyone.
_NOT_NAMES = frozenset("the a an this that these those its their his her it they he she we".split())


def _proper_key(text: str, start: int, end: int, said: str = "") -> frozenset[str]:
    """The capitalised words of ``text[start:end]`` (a proper name), lower-cased, without
    titles, determiners or document nouns; empty when nothing there is a name ("the
    agency", "officials", "the report") or when the sentence capitalises every word.
    The sentence's first word counts when it is an acronym ("CQC inspectors found") or
    when the source (``said``) capitalises it inside a sentence too ("Healthwatch")."""
    if sum(1 for m in _TOKEN.finditer(text) if m.group()[:1].islower()) < 3:
        return frozenset()  # a headline in Title Case (or an all-capitals line): no signal
    out = set()
    for m in _TOKEN.finditer(text, start, end):
        w = m.group()
        if not w[:1].isupper() or (m.start() == 0 and not _named_inside(w, said)):
            continue  # lower case, or capitalised only because it opens the sentence
        key = _POSSESSIVE.sub("", w.lower().replace("’", "'"))
        if key not in STOPWORDS and key not in _GENERIC and key not in _TITLES and key not in _NOT_NAMES:
            out.add(key)
    return frozenset(out)


@lru_cache(maxsize=65536)  # one search of the source's text per word, however many groups ask
def _named_inside(word: str, said: str) -> bool:
    """Whether a sentence's capitalised first word is a name all the same: an acronym
    ("CQC", "NHS"), or a word the source ``said`` capitalises after a lower-case word."""
    if is_acronym(word):
        return True
    return bool(said) and re.search(rf"(?<=[a-z,;] ){re.escape(word)}\b", said) is not None


def _name_key(name: str) -> frozenset[str]:
    """The capitalised words of a name on its own ("the Harland report" -> {"harland"})."""
    out = set()
    for m in _TOKEN.finditer(name):
        key = _POSSESSIVE.sub("", m.group().lower().replace("’", "'"))
        if m.group()[:1].isupper() and key not in STOPWORDS and key not in _GENERIC and key not in _TITLES \
                and key not in _NOT_NAMES:
            out.add(key)
    return frozenset(out)


def _owner(name: str, said: str, story: Optional[Callable[[str], frozenset[str]]] = None) -> frozenset[str]:
    """The key of whoever owns what ``name`` describes, when no proper name says whose: "the
    museum's own internal review" is the museum's; "the organisation's own review" or "the
    council's own audit" is the one body of that kind the source names in full (``said``:
    its text), or else the story names (``story``: :meth:`Said.the_one`), if it names one."""
    held = _HELD.match(name)
    if held is None:
        return frozenset()
    head = held.group(1).lower()
    if head in ORG_WORDS:
        return (_referred(f"the {head}", said) if said else frozenset()) or (story(head) if story else frozenset())
    return _credit_key(held.group(1))


def _credits(c: Claim, said: str = "",
             story: Optional[Callable[[str], frozenset[str]]] = None) -> list[tuple[frozenset[str], Value]]:
    """Bodies or people a statement credits what it says to, keyed by their name.

    * a document with its author spelt out: "a report by the agency", "an inquiry by
      Professor X" (the author's words, minus titles and document nouns);
    * a named document: "the Keller report", "Marsh's report", "found by the Harland inquiry"
      (the capitalised words of the name);
    * "according to X", "X found/concluded/said", "..., says X" when X holds a proper
      name ("the Met Office", "Professor Ann Hale"); "the trust" is the one trust the
      source ``said`` names in full (see :func:`_referred`), while "officials" or "the
      report" name nobody and are never compared.

    Quote speakers are not compared: a director speaking for an agency is not another source.
    """
    out: list[tuple[frozenset[str], Value]] = []
    if c.kind is not ClaimKind.STATEMENT:
        return out
    text = c.text

    def add(key: frozenset[str], s: int, e: int) -> None:
        if key and not any(v.start < c.start + e and c.start + s < v.end for _, v in out):
            out.append((key, Value(source=c.source, claim=c.id, value=text[s:e], start=c.start + s, end=c.start + e)))

    for name, s, e in cites_in(text):
        m = re.search(r"\b(?:by|from)\s+", name, re.I)
        if m:
            # read the author's whole name from the claim (the citation may stop short of it)
            author = re.match(r"[^,.;:()\"“”‘’]+", text[s + m.end():])
            named = _AUTHOR.match(author.group()) if author else None
            if named is None or not named.group().strip():
                continue
            # the value shows the author's whole name (up to six words, before any description)
            e = max(e, s + m.end() + len(named.group().rstrip()))
            held = _HELD.match(named.group())
            # "a report by the museum's insurers": the insurers, whoever they work for
            add(_credit_key(held.group(2)) if held else _credit_key(named.group()), s, e)
        else:
            if re.match(r"[\w.-]+['’]s\b", name):
                # "Dr Omar Reyes's report": the possessor's whole name, not only its last word
                while (prev := re.search(r"([A-Z][\w.-]*)\s+$", text[:s])) is not None:
                    s = prev.start(1)
            add(_proper_key(text, s, e, said) or _owner(name, said, story), s, e)
    for name, s, e in credits_in(text):
        # "the trust said": the body the source named before, when it named one only; "the
        # university's own finance committee said": that committee
        held = _HELD.match(name)
        own = _credit_key(held.group(2)) if held and held.group(2).split()[-1].lower() in ORG_WORDS else frozenset()
        # "according to the regulator's notice": the document speaks for the body that owns it
        owner = _owner(name, said, story) if held and held.group(2).split()[-1].lower() in _GENERIC else frozenset()
        add(_proper_key(text, s, e, said) or (_referred(text[s:e], said) if said else frozenset()) or own or owner,
            s, e)
    sp = c.speaker
    if sp is not None and sp.end <= c.start and (_RELATIVE.match(text) or MAIN_CREDIT.match(text)):
        # a relative clause split from its sentence ("the Harland report, | which found
        # ..."), or the main verb after one ("the council's own audit, which ..., |
        # concluded"): credited to what it refers to, a span before the clause (see clauses.py)
        m = re.search(r"\b(?:by|from)\s+", sp.name, re.I)
        key = _credit_key(sp.name[m.end():]) if m else (_name_key(sp.name) or _owner(sp.name, said, story))
        if key:
            out.append((key, Value(source=c.source, claim=c.id, value=sp.name, start=sp.start, end=sp.end)))
    return out


#: Prepositions after which a name fills a role the word before says ("taken *to* X",
#: "its plant *in* X", "chief executive *of* X").
_FRAME_PREPS = frozenset("to in at from of for into".split())
#: Words before a preposition that say nothing of a name's role: verbs of saying ("told
#: to X", "spoke to X": two outlets may each have their own interview).
_NO_FRAME = frozenset("say tell speak talk write add announce confirm reveal explain according".split())
#: Titles before a person's name that give the role ("Judge X" / "Judge Y").
_ROLE_TITLES = frozenset("judge justice coroner recorder magistrate sheriff".split())
_NAME_JOIN = frozenset("of and for the &".split())


@lru_cache(maxsize=4096)
def framed_names(text: str) -> tuple[tuple[tuple[str, ...], int, int], ...]:
    """Proper names of ``text`` with the role the words before give them, as ``(frame,
    start, end)``: a frame is the lemma of the word before a preposition and the preposition
    ("take", "to"), or a title ("judge",). Only in cased text, not at a sentence's start
    (every first word is capitalised), never a day, month or figure."""
    tokens = list(_TOKEN.finditer(text))
    if sum(1 for m in tokens if m.group()[:1].islower()) < 3:
        return ()
    out: list[tuple[tuple[str, ...], int, int]] = []
    k = 0
    while k < len(tokens):
        if not tokens[k].group()[:1].isupper():
            k += 1
            continue
        j = k + 1  # the run of capitalised words, "of", "and" inside it
        while j < len(tokens) and (tokens[j].group()[:1].isupper() or (
                tokens[j].group().lower() in _NAME_JOIN and j + 1 < len(tokens) and tokens[j + 1].group()[:1].isupper())):
            j += 1
        run = tokens[k:j]
        frame: Optional[tuple[str, ...]] = None
        first = run[0].group().lower()
        if first in _ROLE_TITLES and len(run) >= 3:
            frame, run = (first,), run[1:]
        elif k >= 2 and not text[tokens[k - 1].end():run[0].start()].strip():
            frame = _frame(text, tokens, k - 1)
            if frame is None and k >= 3 and tokens[k - 1].group() == "the" and j < len(tokens) \
                    and tokens[j].group() in _PLACE_KINDS and not text[tokens[k - 2].end():tokens[k - 1].start()].strip():
                # a name before the kind of place it names ("the closure of the Norbury
                # campus"); "at the University of X found" is left alone: its next word may
                # be anything
                frame = _frame(text, tokens, k - 2)
        words = [m.group().lower() for m in run]
        if frame is not None and not any(ch.isdigit() for w in words for ch in w) \
                and not all(w in WHEN_WORDS or w in MONTHS or w in _NAME_JOIN for w in words):
            end = run[-1].end()
            if text[end - 2:end] in ("'s", "’s"):
                end -= 2
            out.append((frame, run[0].start(), end))
        k = j
    return tuple(out)


#: Words naming the kind of a place or body, which many names end in.
_PLACE_HEADS = ORG_WORDS | frozenset("""hospital infirmary clinic surgery school academy station airport port
    prison museum gallery church cathedral stadium ground road street lane avenue village town city""".split())
#: Kinds of place a name stands before ("the Norbury *campus*", "the Marsh Lane *site*").
_PLACE_KINDS = _PLACE_HEADS | frozenset("campus site plant factory depot works warehouse branch ward wing building "
                                        "estate centre center park farm mine quarry yard".split())
#: The most words read as a name after a role in lower-cased text.
LOWER_NAME_WORDS = 4


@lru_cache(maxsize=4096)
def _framed_phrases(text: str) -> tuple[tuple[tuple[str, ...], int, int], ...]:
    """In lower-cased text, where no capital marks a name: the words after a role's
    preposition up to punctuation or a function word ("treated at *ledmore community
    hospital* , where"), at most :data:`LOWER_NAME_WORDS`, as ``(frame, start, end)``."""
    tokens = list(_TOKEN.finditer(text))
    out: list[tuple[tuple[str, ...], int, int]] = []
    for k in range(1, len(tokens) - 1):
        frame = _frame(text, tokens, k)
        if frame is None:
            continue
        j = k + 1
        while j < len(tokens) and j - k <= LOWER_NAME_WORDS and text[tokens[j - 1].end():tokens[j].start()] == " " \
                and (w := tokens[j].group()) not in STOPWORDS and not w[:1].isdigit() and w not in WHEN_WORDS \
                and w not in MONTHS:
            j += 1
        if j > k + 1:
            out.append((frame, tokens[k + 1].start(), tokens[j - 1].end()))
    return tuple(out)


def _frame(text: str, tokens: Sequence[re.Match[str]], p: int) -> Optional[tuple[str, ...]]:
    """The role token ``p``, a preposition, gives what follows it: the lemma of the word
    right before it and the preposition ("taken to" -> ("take", "to")); ``None`` when the
    word says no role (a function word, a figure, a verb of saying)."""
    prep, word = tokens[p].group().lower(), tokens[p - 1].group().lower()
    if prep not in _FRAME_PREPS or word in STOPWORDS or word[:1].isdigit() \
            or text[tokens[p - 1].end():tokens[p].start()].strip():
        return None
    head = fold([lemma(word)])[0]
    return None if head in _NO_FRAME else (head, prep)


def _framed(text: str) -> tuple[bool, tuple[tuple[tuple[str, ...], int, int], ...]]:
    """Whether ``text`` is cased, and its framed names (cased) or phrases (lower-cased)."""
    if not is_cased(text):
        return False, _framed_phrases(text)
    return True, framed_names(text)


def _framed_swaps(x: str, fx: tuple[bool, Sequence[tuple[tuple[str, ...], int, int]]], y: str,
                  fy: tuple[bool, Sequence[tuple[tuple[str, ...], int, int]]],
                  common: frozenset[str] = frozenset()) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Pairs of names, one of ``x`` and one of ``y``, that fill the one role each text gives
    once, and share no word (not one name spelt two ways or with a modifier). A lower-cased
    text's phrase is taken as long as the other's name, and only when its first word is no
    word the story writes in lower case elsewhere (``common``): "the village of coldhurst
    hours after" names "coldhurst", "moved to new premises" names nothing."""
    (cased_x, nx), (cased_y, ny) = fx, fy
    if not (cased_x or cased_y):
        return []  # two lower-cased texts: no capital says either phrase is a name
    once_x = {f: (s, e) for f, s, e in nx if sum(g == f for g, _, _ in nx) == 1}
    out = []
    for f, s, e in ny:
        if f not in once_x or sum(g == f for g, _, _ in ny) != 1:
            continue
        (a, b) = once_x[f]
        if not cased_x:
            a, b = _as_long(x, a, b, len(_TOKEN.findall(y[s:e])), common)
        elif not cased_y:
            s, e = _as_long(y, s, e, len(_TOKEN.findall(x[a:b])), common)
        if a == b or s == e:
            continue
        ka, kb = _name_key(x[a:b]) or _plain_key(x[a:b]), _name_key(y[s:e]) or _plain_key(y[s:e])
        # the kind of place both names end in says nothing of which one it is ("St Ann's
        # Hospital" / "Dale Community Hospital")
        ka, kb = (ka - _PLACE_HEADS) or ka, (kb - _PLACE_HEADS) or kb
        if not _same_body(ka, kb):
            out.append(((a, b), (s, e)))
    return out


def _as_long(text: str, start: int, end: int, n: int, common: frozenset[str]) -> tuple[int, int]:
    """The first ``n`` words of ``text[start:end]``; empty when its first word is common."""
    words = list(_TOKEN.finditer(text, start, end))[:n]
    if not words or words[0].group() in common:
        return start, start
    return start, words[-1].end()


def _plain_key(name: str) -> frozenset[str]:
    return frozenset(w for w in _words_of(name) if w not in STOPWORDS and w not in _GENERIC) or frozenset([name.lower()])


class Said:
    """What each source says in all (its claims' text, in order), and what detectors read of
    it, each read once per story: whether a source names something, the words it uses
    (lemmas and referent keys), and the words the story's cased texts write in lower case.

    >>> from claimcheck.model import Claim
    >>> said = Said([Claim(id="a/s1", source="a", start=0, end=29, kind="statement",
    ...                    text="Ten staff were hurt in Leeds.")])
    >>> said.names("a", "leeds"), "worker" in said.vocabulary("a")
    (True, True)
    """

    def __init__(self, claims: Sequence[Claim], *, published: Optional[Mapping[str, str]] = None) -> None:
        # each source's publication date, where known
        self.published = {src: d for src, iso in (published or {}).items() if (d := publication_date(iso)) is not None}
        parts: dict[str, list[str]] = {}
        self._days: dict[str, set[tuple[Optional[str], int]]] = {}
        self._figures: dict[str, set[tuple[str, float]]] = {}
        for c in sorted(claims, key=lambda c: (c.source, c.start)):
            parts.setdefault(c.source, []).append(c.text)
            for q in c.quantities:
                if q.kind == "date":
                    self._days.setdefault(c.source, set()).add(day_of(q))
                elif q.kind in ("count", "money"):
                    self._figures.setdefault(c.source, set()).add((q.kind, q.value))
        self.text = {src: " ".join(ps) for src, ps in parts.items()}
        self._flat: dict[str, str] = {}
        self._vocabulary: dict[str, frozenset[str]] = {}
        self._lower: Optional[frozenset[str]] = None
        self._the_one: dict[str, frozenset[str]] = {}

    def get(self, source: str) -> str:
        return self.text.get(source, "")

    def the_one(self, head: str) -> frozenset[str]:
        """The key of the one body of kind ``head`` ("council") that the story's sources
        name in full between them, for a source that says only "the council"; empty when
        they name none, or several (:func:`_referred` over every source, read once a head)."""
        got = self._the_one.get(head)
        if got is None:
            got = self._the_one[head] = _referred(f"the {head}", " ".join(self.text[s] for s in sorted(self.text)))
        return got

    def names(self, source: str, name: str) -> bool:
        """Whether ``source`` gives ``name`` anywhere (case and spacing aside)."""
        flat = self._flat.get(source)
        if flat is None:
            flat = self._flat[source] = " ".join(self.get(source).lower().split())
        return " ".join(name.lower().split()) in flat

    def vocabulary(self, source: str) -> frozenset[str]:
        """The lemmas ``source`` uses, referent keys included ("employees" -> "worker")."""
        got = self._vocabulary.get(source)
        if got is None:
            got = self._vocabulary[source] = vocabulary(self.get(source))
        return got

    def days_apart(self, a: str, b: str) -> Optional[int]:
        """Days between the publication of sources ``a`` and ``b``; None where either is unknown."""
        if a in self.published and b in self.published:
            return abs((self.published[a] - self.published[b]).days)
        return None

    def days(self, source: str) -> set[tuple[Optional[str], int]]:
        """The days ``source`` names (:func:`day_of` each), in any of its claims."""
        return self._days.get(source, set())

    def figures(self, source: str) -> set[tuple[str, float]]:
        """The counts and sums ``source`` gives, as ``(kind, value)``, in any of its claims."""
        return self._figures.get(source, set())

    def written_lower(self) -> frozenset[str]:
        """Words the story's cased texts write in lower case: common words, not names."""
        if self._lower is None:
            self._lower = frozenset(m.group() for t in self.text.values() if is_cased(t)
                                    for m in _TOKEN.finditer(t) if m.group().islower())
        return self._lower


def day_of(q: Quantity) -> tuple[Optional[str], int]:
    """A date as a day to compare: its unit and value, a day of the month without its year
    (not every source gives the year)."""
    return q.unit, int(q.value) % 10000 if q.unit == "day" else int(q.value)


@lru_cache(maxsize=4096)
def vocabulary(text: str) -> frozenset[str]:
    """The lemmas of ``text``, with the referent key of each ("employees" -> "worker")."""
    lemmas = content_words(text)
    return frozenset(lemmas) | frozenset(referent_key(w) for w in lemmas)


_REFERRING = re.compile(r"(?:the|its|their)\s+(?:own\s+)?([a-z]+)", re.I)


@lru_cache(maxsize=4096)
def _referred(name: str, said: str) -> frozenset[str]:
    """The key of the one body a source names in full that "the trust", "the board" refers
    back to: a proper name it gives ending in that word ("Brightwater Homes Trust");
    empty when it gives none, or several."""
    m = _REFERRING.fullmatch(name.strip())
    if m is None or m.group(1).lower() not in ORG_WORDS:
        return frozenset()
    head = m.group(1).lower()
    keys = {key for run in re.finditer(rf"(?:[A-Z][\w'’&-]*\s+(?:(?:of|for|and|&)\s+)?){{1,5}}{head.capitalize()}\b", said)
            if (key := _name_key(run.group()) - {head})}
    return next(iter(keys)) | {head} if len(keys) == 1 else frozenset()


def statement_discrepancies(group: Any, members: Sequence[Claim], said: Optional[Said] = None) -> list[Any]:
    """``entity`` and ``attribution`` differences between the members of one group.

    ``said`` is what each source says in all (:class:`Said`): a name one source gives in a
    role is no rival of another source's name there when that source also names it (the
    town and the county it is in). Without it, the group's claims are read."""
    from .discrepancies import _Found, _phrase

    found: list[Any] = []
    entity: dict[tuple[int, int, str], Value] = {}
    # The diff depends on the two texts only: members with the same wording form one class
    # and each pair of classes is diffed once, however many outlets copied each wording.
    by_text: dict[str, list[Claim]] = {}
    for c in members:
        by_text.setdefault(c.text, []).append(c)
    texts = list(by_text)
    for i, x in enumerate(texts):
        for y in texts[i + 1:]:
            span = _swap_span(x, y)
            if span is None:
                continue
            for side, (s, e), other in ((by_text[x], span[0], by_text[y]), (by_text[y], span[1], by_text[x])):
                others = {o.source for o in other}
                for c in side:
                    # a claim counts when some claim of the other wording is from another source
                    if others - {c.source}:
                        entity[(c.start + s, c.start + e, c.source)] = Value(
                            source=c.source, claim=c.id, value=c.text[s:e], start=c.start + s, end=c.start + e)
    # a name in the same role with the rest worded differently ("taken to X Hospital" /
    # "injured and taken to Y Infirmary, where ..."), each name absent from the other source
    if said is None:
        said = Said(members)
    for i, x in enumerate(texts):
        fx = _framed(x)
        if not fx[1]:
            continue
        for y in texts[i + 1:]:
            fy = _framed(y)
            if not fy[1]:
                continue
            common = said.written_lower() if not (fx[0] and fy[0]) else frozenset()
            for (sx, ex), (sy, ey) in _framed_swaps(x, fx, y, fy, common):
                for cx in by_text[x]:
                    for cy in by_text[y]:
                        if cx.source == cy.source or said.names(cy.source, x[sx:ex]) or said.names(cx.source, y[sy:ey]):
                            continue
                        for c, s, e in ((cx, sx, ex), (cy, sy, ey)):
                            entity[(c.start + s, c.start + e, c.source)] = Value(
                                source=c.source, claim=c.id, value=c.text[s:e], start=c.start + s, end=c.start + e)
    if entity:
        values = tuple(sorted(entity.values(), key=lambda v: (v.source, v.start)))
        found.append(_Found(type=DiscrepancyType.ENTITY, values=values,
                            summary=f"The sources name different parties in the same role: {_phrase(values)}."))
    # Each source's credits for the statement, by their name keys. Two sources clash when
    # both credit someone and none of one's credits is a body the other credits (the same
    # body named two ways, or two credits that both sources give, never clash).
    by_source: dict[str, list[tuple[frozenset[str], Value]]] = {}
    crediting: dict[str, list[tuple[Claim, list[tuple[frozenset[str], Value]]]]] = {}
    for c in members:
        credits = _credits(c, said.get(c.source), said.the_one)
        by_source.setdefault(c.source, []).extend(credits)
        if credits:
            crediting.setdefault(c.source, []).append((c, credits))
    key_sets: dict[frozenset[frozenset[str]], list[str]] = {}
    for src, items in by_source.items():
        if items:
            key_sets.setdefault(frozenset(k for k, _ in items), []).append(src)
    # what each crediting claim says outside its credits, read once (pairs are many)
    rests = {c.id: _rest(c, credits) for items in crediting.values() for c, credits in items}
    clash: set[str] = set()
    sets = list(key_sets)
    for i, ka in enumerate(sets):
        for kb in sets[i + 1:]:
            if any(_same_body(x, y) for x in ka for y in kb):
                continue
            # the two credit what they say to different bodies; a clash only if what they
            # credit is one fact (not "prices fell 3%, says X" / "rents rose 3%, says Y")
            if any(_same_statement(x, rests[x.id], y, rests[y.id]) for sa in key_sets[ka] for sb in key_sets[kb]
                   for x, _ in crediting[sa] for y, _ in crediting[sb]):
                clash.update(key_sets[ka])
                clash.update(key_sets[kb])
    if clash:
        values = tuple(sorted((v for src in clash for _, v in by_source[src]), key=lambda v: (v.source, v.start)))
        found.append(_Found(type=DiscrepancyType.ATTRIBUTION, values=values,
                            summary=f"The sources credit this to different bodies: {_phrase(values)}."))
    return found


# --- "the same fact?" ------------------------------------------------------------------
# A figure, a counted thing or a credit that differs between two aligned claims is only a
# discrepancy when the two claims report the same fact. Look-alikes align too ("12 people
# were arrested" / "12 officers were injured"; "house prices fell 3%, according to X" /
# "rents rose 3%, according to Y"): flagging their difference would report two facts as
# one fact told two ways.

#: Auxiliaries between a figure and its verb ("12 people *were* arrested").
_AUX = frozenset("was were is are be been being has have had will would could may might".split())
#: Verbs that report a finding rather than say what happened to the figure's thing.
_REPORTING = frozenset("find show reveal conclude say suggest estimate report claim add state".split())
#: Share of the smaller context a figure's context must share with the other's.
MIN_CONTEXT = 0.5
_CONTEXT = 6


def _verb_after(text: str) -> Optional[str]:
    """The verb a figure takes after it ("were arrested", "had been subjected"), or ``None``."""
    ws = [w for w, _, _ in _tokens(text)][:6]
    aux = 0
    for w in ws:
        if w in _AUX or (aux and w.endswith("ly")) or (aux and w in ("not", "also", "now")):
            aux += w in _AUX
            continue
        if aux or (w.endswith("ed") and lemma(w) != w):
            return lemma(w)
        return None
    return None


#: Past tenses the lemmatiser reads as nouns or leaves alone.
_PAST = {"rose": "rise", "won": "win", "left": "leave"}


def _verb_before(text: str) -> Optional[str]:
    """The verb just before a figure: a past tense ("took 11 people", "prices fell 3%") or an
    infinitive ("free to sexually abuse 300 children"); ``None`` otherwise."""
    ws = [w for w, _, _ in _tokens(text)][-6:]
    i = len(ws) - 1
    while i >= 0 and ws[i] in ("a", "an", "the", "some", "of", "by", "to"):
        i -= 1
    if i < 0:
        return None
    w = ws[i]
    base = _PAST.get(w) or lemma(w)
    if base != w and not w.endswith("s"):
        return base
    # "to [rape, traffic and] [sexually] abuse": adverbs and coordinated verbs may come between
    j = i - 1
    while j >= 0 and ws[j] != "to" and (ws[j].endswith("ly") or ws[j] in ("and", "or") or ws[j] not in STOPWORDS):
        j -= 1
    return base if j >= 0 and ws[j] == "to" and w not in STOPWORDS else None


def _figure_verb(c: Claim, q: Quantity) -> Optional[str]:
    s, e = q.start - c.start, q.end - c.start
    verb = _verb_after(c.text[e:]) or _verb_before(c.text[:s])
    return None if verb is None or verb in _REPORTING else fold([verb])[0]


def _figure_context(c: Claim, q: Quantity) -> frozenset[str]:
    """Content lemmas near a figure, other figures' and its own words left out, and words
    saying when (two statements made "on Tuesday" "from next spring" share a time, not
    a thing)."""
    s, e = q.start - c.start, q.end - c.start
    before = [w for w in content_words(c.text[:s]) if w not in WHEN_WORDS][-_CONTEXT:]
    after = [w for w in content_words(c.text[e:]) if w not in WHEN_WORDS][:_CONTEXT]
    return frozenset(w for w in fold(before + after) if not w[:1].isdigit())


def same_fact(a: Claim, qa: Quantity, b: Claim, qb: Quantity) -> bool:
    """Whether figures ``qa`` (in ``a``) and ``qb`` (in ``b``) that differ can be one fact told
    two ways, so that their difference is worth flagging. They cannot when:

    * either figure has an equal counterpart among the other claim's figures ("by 58% to
      42%" / "turnout was 42%": the 42s pair up, 58 is another figure, not a rival);
    * the figures' things have different verbs ("12 people were *arrested*" / "12 officers
      were *injured*"): reporting verbs ("found", "said") do not count;
    * without a verb on both sides, the words around the figures have little in common
      (less than :data:`MIN_CONTEXT` of the smaller context).

    >>> from claimcheck.model import Claim
    >>> from claimcheck.quantities import find_quantities
    >>> def mk(cid, text):
    ...     return Claim(id=cid, source=cid[0], start=0, end=len(text), text=text, kind="statement",
    ...                  quantities=find_quantities(text))
    >>> a = mk("a/s1", "Police said 12 people were arrested after the match.")
    >>> b = mk("b/s1", "Police said 12 officers were injured after the match.")
    >>> c = mk("c/s1", "Police said 12 men were arrested after the match.")
    >>> same_fact(a, a.quantities[0], b, b.quantities[0]), same_fact(a, a.quantities[0], c, c.quantities[0])
    (False, True)
    """
    return same_fact_sig(qa, fact_signature(a, qa), qb, fact_signature(b, qb))


#: What :func:`same_fact` reads of a figure's claim: the verb its thing takes, the words
#: around it, and the claim's other figures (less their places).
FactSig = tuple[Optional[str], frozenset[str], frozenset[Quantity]]


def fact_signature(c: Claim, q: Quantity) -> FactSig:
    """The part of claim ``c`` that :func:`same_fact` reads for figure ``q``: figures of many
    sources can then be decided once per signature instead of once per pair."""
    others = frozenset(placeless(o) for o in c.quantities if o is not q)
    return _figure_verb(c, q), _figure_context(c, q), others


def same_fact_sig(qa: Quantity, sa: FactSig, qb: Quantity, sb: FactSig) -> bool:
    """:func:`same_fact` from the figures and their claims' :func:`fact_signature`."""
    for qx, (_, _, others_y) in ((qa, sb), (qb, sa)):
        for q in others_y:
            if q.kind == qx.kind and compare_quantities(qx, q).relation == "agree":
                return False
    va, vb = sa[0], sb[0]
    if va and vb:
        return va == vb
    ca, cb = sa[1], sb[1]
    if not ca or not cb:
        return True
    return len(ca & cb) >= MIN_CONTEXT * min(len(ca), len(cb))


#: Share of content words two statements must have in common (outside their credits)
#: for a difference in credit to be a clash.
MIN_STATEMENT_SHARED = 0.4


def _rest(c: Claim, credits: Sequence[tuple[frozenset[str], Value]]) -> frozenset[str]:
    """The content words of ``c`` outside its credits, synonyms folded."""
    text = c.text
    for _, v in credits:
        s, e = v.start - c.start, v.end - c.start
        if 0 <= s and e <= len(text):  # a relative clause's credit lies before the claim
            text = text[:s] + " " * (e - s) + text[e:]
    return frozenset(fold(content_words(text)))


def _same_statement(a: Claim, ra: frozenset[str], b: Claim, rb: frozenset[str]) -> bool:
    """Whether two crediting statements say the same thing once their credits are set aside
    (``ra``, ``rb``: their :func:`_rest`): their content words overlap by
    :data:`MIN_STATEMENT_SHARED` (Dice), and a figure both give takes the same verb in both
    ("fell 3%" / "rose 3%" do not)."""
    if not ra or not rb or 2 * len(ra & rb) < MIN_STATEMENT_SHARED * (len(ra) + len(rb)):
        return False
    for qa in a.quantities:
        for qb in b.quantities:
            if qa.kind == qb.kind and compare_quantities(qa, qb).relation == "agree":
                va, vb = _figure_verb(a, qa), _figure_verb(b, qb)
                if va and vb and va != vb:
                    return False
    return True
