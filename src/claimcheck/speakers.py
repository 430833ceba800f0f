"""Speakers: who a quote is credited to, and one key per speaker across sources.

A :class:`NameLexicon` is learnt from properly cased texts (capitalised name
sequences, titles before names, acronyms with their expansions) so that the same
speaker is recognised in lower-cased or tokenised copies of a story, and
:func:`speaker_key` gives one canonical key per speaker:

>>> lex = build_lexicon(["Chief Constable Ann Smith said the Regional Crime Agency (RCA) would act."])
>>> speaker_key("chief constable ann smith", lex) == speaker_key("Ann Smith") == "ann smith"
True
>>> speaker_key("the RCA", lex) == speaker_key("Regional Crime Agency", lex) == "rca"
True
>>> speaker_key("Prof Smith", lex)
'ann smith'
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from collections.abc import Callable, Iterable, Sequence
from typing import Optional, TypeVar

from attrs import field, frozen

from ._numwords import TEENS, TENS, UNITS

__all__ = [
    "NameLexicon",
    "build_lexicon",
    "speaker_key",
    "is_cased",
    "is_acronym",
    "sentence_bounds",
    "HONORIFICS",
    "TITLE_WORDS",
    "ORG_WORDS",
    "DOC_WORDS",
    "STOP_WORDS",
]

# Honorifics precede a name but say nothing about the speaker's job, so they are
# dropped from roles as well as keys.
HONORIFICS = frozenset(
    "mr mrs ms miss mx dr doctor prof professor sir dame lord lady baroness rev reverend cllr".split()
)
# Generic job and rank words.  A name follows the last of them ("RCA Director Ann
# Smith"), so they mark where a role ends and a name begins.
TITLE_WORDS = HONORIFICS | frozenset(
    """chief constable director deputy assistant acting interim superintendent supt inspector insp
    detective det sergeant sgt officer commissioner commander secretary minister spokesperson
    spokesman spokeswoman president chairman chairwoman chair chairperson executive head leader
    mayor mp mep msp judge justice governor senator general colonel captain lieutenant analyst
    manager editor correspondent coordinator co-ordinator attorney solicitor barrister qc kc ceo
    founder principal dean bishop archbishop chancellor ambassador investigating councillor
    coroner researcher economist spokesperson""".split()
)
# Head nouns of organisation names; also what a definite description ("the agency")
# must share with a named organisation to refer to it.
ORG_WORDS = frozenset(
    """police agency council commission committee office service services department ministry
    board authority trust party court bureau union association institute institution university
    college force constabulary government parliament assembly company group corporation bank
    foundation charity society federation league network organisation organization centre center
    unit team squad panel executive inspectorate tribunal cabinet administration""".split()
)
# A definite description can name an organisation by a different head word.
_ORG_SYNONYMS = {
    "force": {"police", "constabulary", "force"},
    "police": {"police", "constabulary", "force"},
    "constabulary": {"police", "constabulary", "force"},
    "government": {"government", "ministry", "department", "office"},
    "ministry": {"ministry", "department", "government"},
    "department": {"department", "ministry", "office"},
}
# Words that take a part of what follows ("Two of", "Both of"): never the start of a name.
_PARTITIVE = frozenset(set(UNITS) | set(TEENS) | set(TENS)) | frozenset(
    "some many most all both each either neither none several few half".split())
# Documents speak for their author ("the report found ...").
DOC_WORDS = frozenset(
    "report reports review inquiry study statement audit survey paper document letter findings analysis".split()
)
STOP_WORDS = frozenset(
    """the a an and or but nor of in on at to for from by with without as that this these those
    which who whom whose what when where while his her its their our my your he she it they we i
    you him them us me is are was were be been being has have had do does did will would shall
    should can could may might must not no so than then there here also now today yesterday
    tomorrow said says say told tells added adds stated states all any some many more most
    however though although because if into over under after before about since until up down
    out off last next this every each other such only just very""".split()
)
_WORD_RE = re.compile(r"[^\W_](?:[\w'’&-]|\.(?=\w))*")
_APOS = "'’"


_T = TypeVar("_T")


def _drop_while(items: list[_T], pred: Callable[[_T], bool]) -> list[_T]:
    """``items`` without its leading run of ``pred`` items, in one slice (dropping one at a
    time copied the list each time: quadratic on "The The The ...")."""
    i = 0
    while i < len(items) and pred(items[i]):
        i += 1
    return items[i:]


@lru_cache(maxsize=1 << 16)  # the same names recur in every source of a story
def _norm(text: str) -> str:
    """Lower-case, straighten apostrophes, drop punctuation: the form keys compare in."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'").lower()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s&-]", " ", text)
    return " ".join(text.split())


def is_cased(text: str) -> bool:
    """True when the text keeps its capitals (so capitalisation can find names)."""
    return _is_cased_sample(text[:20000])


@lru_cache(maxsize=4096)
def _is_cased_sample(sample: str) -> bool:
    # asked several times per document (lexicon, attribution, sentence bounds): counted once;
    # map over the str methods instead of a generator (same counts, a third of the time)
    letters = sum(map(str.isalpha, sample))
    upper = sum(map(str.isupper, sample))
    return letters > 0 and upper / letters > 0.01


def is_acronym(token: str) -> bool:
    """Whether ``token`` is an acronym ("CQC", "NHS"; not "I" or "II").

    >>> is_acronym("CQC"), is_acronym("Healthwatch"), is_acronym("II")
    (True, False, False)
    """
    return 2 <= len(token) <= 6 and token.isupper() and token.isalpha() and token not in {"I", "II", "III"}


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in {"of", "and", "for", "the", "&", "de"})


@frozen
class NameLexicon:
    """Names learnt from cased texts; all entries are normalised (lower-case) forms.

    ``acronyms`` maps an acronym to its expansion ("rca" -> "regional crime agency");
    ``surnames`` maps an unambiguous surname to the full name.
    """

    persons: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()
    acronyms: dict[str, str] = field(factory=dict, hash=False)
    surnames: dict[str, str] = field(factory=dict, hash=False)

    @property
    def expansions(self) -> dict[str, str]:
        return {v: k for k, v in self.acronyms.items()}

    def kind_of(self, key: str) -> Optional[str]:
        if key in self.persons:
            return "person"
        if key in self.organisations or key in self.acronyms:
            return "organisation"
        return None

    def merged(self, other: "NameLexicon") -> "NameLexicon":
        surnames = {**other.surnames, **self.surnames}
        return NameLexicon(
            persons=self.persons | other.persons,
            organisations=self.organisations | other.organisations,
            acronyms={**other.acronyms, **self.acronyms},
            surnames=surnames,
        )

    def pattern(self) -> Optional[re.Pattern[str]]:
        """One case-insensitive regex over every known name, longest first."""
        names = set(self.persons) | set(self.organisations) | set(self.acronyms) | set(self.surnames)
        names = {n for n in names if len(n) >= 2}
        if not names:
            return None
        alts = sorted((re.escape(n).replace(r"\ ", r"\s+") for n in names), key=len, reverse=True)
        return re.compile(r"(?<![\w'’])(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)


# Capitalised sequences, allowing lower-case connectors inside organisation names.
_CAP = r"(?:[A-Z][A-Za-z’'\-]*[A-Za-z]|[A-Z])"
# A name word of bounded length: tried at every hyphen of "A-A-A-...", the unbounded
# word backtracked over the whole token each time (quadratic: 20,000 characters, 1 s).
_CAP_WORD = r"(?:[A-Z][A-Za-z’'\-]{0,40}[A-Za-z]|[A-Z])"
_CAP_SEQ_RE = re.compile(rf"{_CAP}(?:[ \t]+(?:(?:of|and|for|the|de|van|von|&)[ \t]+)?{_CAP})*")
# Starts only at the start of a token: tried inside a long token, the first word
# backtracked through its whole length at every position (quadratic on "1111...").
_ACRO_EXPANSION_RE = re.compile(r"(?<![\w’'&-])((?:[\w’'&-]+\s+){1,7}?)\(\s*([A-Za-z]{2,6})\s*\)")


# "Ann Smith, who ...", "Ann Smith, whose son ...", "Ann Smith, 46, ...", "Ann Smith, a
# statistician,", "Ann Smith, the (local) MP", "Ann Smith, MP for ..." and "Ann Smith said"
# are people too (an age between commas is news style for a person).
_TITLE_ALT = "|".join(sorted(TITLE_WORDS | {"member"}, key=len, reverse=True))
_PERSON_CUE_RE = re.compile(
    rf"\b({_CAP_WORD}[ \t]+{_CAP}(?:[ \t]+{_CAP})?)"
    rf"(?:,\s+(?:who(?:se)?\b|\d{{1,3}},|an?\s+[a-z][\w-]*[ ,]|the\s+(?:[a-z]+\s+)?(?i:{_TITLE_ALT})\b"
    rf"|(?i:{_TITLE_ALT})\s+(?:of|for|at)\b)"
    rf"|\s+(?:said|says|told|added)\b)"
)
# Last words of company names that are no surnames: "Northmere Railways said" names a firm.
_FIRM_WORDS = frozenset(
    """railways railway airways airlines surveys systems holdings industries solutions technologies
    partners associates logistics motors properties consulting consultants developments estates
    engineering construction utilities insurance ventures laboratories pharmaceuticals plc ltd
    limited inc llp""".split()
)


def _split_title(words: list[str]) -> int:
    """Index where a person's name starts after a run of titles/roles, or -1."""
    last = -1
    for i, w in enumerate(words):
        if w.lower().strip(".") in TITLE_WORDS:
            last = i
    if last < 0 or last == len(words) - 1:
        return -1
    rest = words[last + 1 :]
    if rest[0].lower() in STOP_WORDS or len(rest) > 3:
        return -1
    return last + 1


def _affiliation_cut(words: Sequence[str]) -> int:
    """Index of the "of" that closes a titled person's name, or -1.

    "Supt Ann Smith of the Fire Service" names the superintendent, not the service:
    the name is the two or three words between the title and the first "of". A role
    alone ("Secretary of State") and a one-word name ("Lord Smith of Finsbury") are
    left whole.

    >>> _affiliation_cut("Station Officer Jo Bloggs of the ambulance service".split())
    4
    >>> _affiliation_cut("Secretary of State Jo Bloggs".split()), _affiliation_cut("Lord Smith of Finsbury".split())
    (-1, -1)
    """
    i = next((k for k, w in enumerate(words) if w.lower() == "of"), -1)
    if i < 2 or i == len(words) - 1:
        return -1
    cut = _split_title(list(words[:i]))
    name = [w.lower().strip(".") for w in words[cut:i]]
    if cut < 0 or len(name) < 2 or any(w in STOP_WORDS or w in ORG_WORDS or w in TITLE_WORDS for w in name):
        return -1
    return i


def build_lexicon(texts: Iterable[str]) -> NameLexicon:
    """Learn person and organisation names and acronyms from the given texts.

    Names are only learnt from cased texts; acronym expansions ("Regional Crime
    Agency (RCA)") are learnt from any text, as initials survive lower-casing.

    >>> lex = build_lexicon(["Professor Jo Bloggs of the Fire Service said so.", "the fs said"])
    >>> sorted(lex.persons), sorted(lex.organisations)
    (['jo bloggs'], ['fire service'])
    """
    persons: set[str] = set()
    orgs: set[str] = set()
    acronyms: dict[str, str] = {}
    caps_tokens: set[str] = set()
    for text in texts:
        # each text's own findings are remembered: the story-wide lexicon and every
        # document's own lexicon (``Attributor``) read the same texts
        t_persons, t_orgs, t_acronyms, t_caps = _text_names(text)
        # added in the order first seen, so the sets are built exactly as by one loop
        persons.update(t_persons)
        orgs.update(t_orgs)
        acronyms.update(t_acronyms)  # later texts win, as when they were read in one loop
        caps_tokens.update(t_caps)
    # Organisation names whose initials spell an acronym seen on its own.
    for org in list(orgs):
        words = org.split()
        initials = _initials(words).upper()
        if len(words) >= 2 and initials in caps_tokens and initials.lower() not in acronyms:
            acronyms[initials.lower()] = org
    # A place at the front of an organisation name is not a person.
    persons = {p for p in persons if not any(o.startswith(p + " ") for o in orgs)}
    by_surname: dict[str, set[str]] = {}
    for p in persons:
        by_surname.setdefault(p.split()[-1], set()).add(p)
    surnames = {s: next(iter(v)) for s, v in by_surname.items() if len(v) == 1 and len(s) > 2}
    orgs |= set(acronyms.values())
    return NameLexicon(frozenset(persons), frozenset(orgs), acronyms, surnames)


@lru_cache(maxsize=4096)
def _text_names(text: str) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, str], tuple[str, ...]]:
    """Persons, organisations, acronym expansions and capitalised acronyms one text shows
    (what :func:`build_lexicon` learns from it before combining texts), each in the order
    first found. The dict is shared between calls: read it, never change it."""
    # dicts as ordered sets: the caller replays the additions in the same order
    persons: dict[str, None] = {}
    orgs: dict[str, None] = {}
    acronyms: dict[str, str] = {}
    caps_tokens: dict[str, None] = {}
    for m in _ACRO_EXPANSION_RE.finditer(text):
        acro = m.group(2)
        words = m.group(1).split()
        # Take the shortest tail of the preceding words whose initials spell the acronym.
        for n in range(1, len(words) + 1):
            tail = words[-n:]
            if _initials(tail).lower() == acro.lower() and tail[0].lower() not in STOP_WORDS:
                acronyms[acro.lower()] = _norm(" ".join(tail))
                break
    if not is_cased(text):
        return tuple(persons), tuple(orgs), acronyms, tuple(caps_tokens)
    for m in _CAP_SEQ_RE.finditer(text):
        words = m.group().replace("’s", "").replace("'s", "").split()
        words = _drop_while(words, lambda w: w.lower() in STOP_WORDS)
        if len(words) > 2 and words[1] == "of" and words[0].lower() in _PARTITIVE:
            # "Two of Northshire Police's inquiries": some of a body's things, not its name
            words = _drop_while(words[2:], lambda w: w.lower() in STOP_WORDS)
        if not words:
            continue
        for w in words:
            if is_acronym(w):
                caps_tokens[w] = None
        of = _affiliation_cut(words)
        if of > 0:  # "Supt Ann Smith of Northshire Police": the person, then the organisation
            persons[_norm(" ".join(words[_split_title(words[:of]) : of]))] = None
            words = words[of + 1 :]
        cut = -1 if words[-1].lower() in ORG_WORDS else _split_title(words)
        if cut > 0:
            name = _norm(" ".join(words[cut:]))
            if len(words) - cut >= 2:
                persons[name] = None
            continue
        if (words[-1].lower() in ORG_WORDS or words[-1].lower() in _FIRM_WORDS) and len(words) >= 2:
            orgs[_norm(" ".join(words))] = None
        elif len(words) == 1 and is_acronym(words[0]):
            orgs[words[0].lower()] = None
    for m in _PERSON_CUE_RE.finditer(text):
        # "For Fiona Lachlan, the MP": the name after a capitalised opening word
        words = _drop_while(m.group(1).split(), lambda w: w.lower() in STOP_WORDS)
        if len(words) < 2 or any(w.lower() in ORG_WORDS for w in words):
            continue
        if is_acronym(words[-1]) or words[-1].lower() in _FIRM_WORDS:
            continue  # "Trackways UK said", "Northmere Railways said": bodies
        if not any(w.lower().strip(".") in TITLE_WORDS for w in words):
            persons[_norm(" ".join(words))] = None
    return tuple(persons), tuple(orgs), acronyms, tuple(caps_tokens)


_SPOKES_RE = re.compile(
    r"\b(?:a|an|the)?\s*(?:spokes(?:person|man|woman)|representative|source|statement)\s+(?:for|from|at|of)\s+(?:the\s+)?(.+)$",
    re.IGNORECASE,
)
_AND_SPLIT_RE = re.compile(r"(?<!\s)\s+(?:and|&)\s+")  # (?<!\s): linear on long runs of spaces


def speaker_key(name: str, lexicon: Optional[NameLexicon] = None) -> str:
    """Canonical lower-case key: titles and roles stripped, acronym and expansion unified.

    >>> speaker_key("RCA Director Jo Bloggs"), speaker_key("jo bloggs")
    ('jo bloggs', 'jo bloggs')
    >>> speaker_key("The Fire Service's spokesman")
    'fire service'
    >>> speaker_key("Jo Bloggs and Ann Smith")
    'ann smith + jo bloggs'
    >>> speaker_key("Supt Jo Bloggs of the Fire Service")
    'jo bloggs'
    """
    text = _norm(name)
    sp = _SPOKES_RE.search(text)
    if sp:
        text = sp.group(1)
    words = text.split()
    words = _drop_while(words, lambda w: w in {"the", "a", "an", "its", "his", "her", "their"})
    if not words:
        return text
    # "the fire service spokesman" -> the organisation
    if words[-1] in {"spokesperson", "spokesman", "spokeswoman", "representative"} and len(words) > 1:
        words = words[:-1]
    joined = " ".join(words)
    parts = _AND_SPLIT_RE.split(joined)
    if len(parts) == 2 and all(len(p.split()) >= 2 for p in parts) and not any(
        w in ORG_WORDS for w in joined.split()
    ):
        return " + ".join(sorted(speaker_key(p, lexicon) for p in parts))
    if lexicon is not None:
        if joined in lexicon.acronyms:
            return joined
        exp = lexicon.expansions.get(joined)
        if exp:
            return exp
    of = _affiliation_cut(words)
    if of > 0:  # "supt jo bloggs of the ambulance service": the person, without the affiliation
        words = words[:of]
    elif words[-1] in ORG_WORDS:
        return joined
    cut = _split_title(words)
    if cut > 0:
        words = words[cut:]
    else:
        while len(words) > 1 and words[0] in HONORIFICS:
            words = words[1:]
    key = " ".join(words)
    if lexicon is not None:
        if key in lexicon.acronyms or key in lexicon.persons:
            return key
        exp = lexicon.expansions.get(key)
        if exp:
            return exp
        if len(words) == 1 and key in lexicon.surnames:
            return lexicon.surnames[key]
    return key


# ---------------------------------------------------------------- sentences

_ABBREV = frozenset("mr mrs ms dr prof st no vs etc inc ltd co jr sr gen gov sen rep lt col sgt capt supt insp det cllr rev".split())
_SENT_END_RE = re.compile(r"(?<![.!?…])[.!?…]+[\"'”’»)]*(?=\s)|\n")  # (?<!...): linear on runs of dots


def sentence_bounds(text: str) -> list[int]:
    """Start offsets of sentences (a light splitter that also copes with tokenised text).

    >>> sentence_bounds("Dr Who said so. Then he left.\\nNew line")
    [0, 16, 30]
    """
    cased = is_cased(text)
    starts = [0]
    n = len(text)
    ws_end = 0
    for m in _SENT_END_RE.finditer(text):
        end = m.end()
        if m.group() != "\n":
            dot = m.start()
            w = re.search(r"(\w+)\s*$", text[max(0, dot - 12) : dot])
            if w and text[dot] == "." and (w.group(1).lower() in _ABBREV or (len(w.group(1)) == 1 and w.group(1).isupper())):
                continue
            j = end
            while j < n and text[j] in " \t":
                j += 1
            if j < n and cased and text[j].islower():
                continue
        # Resume where the last whitespace scan stopped: rescanning a run of blank lines
        # for each of its newlines was quadratic (40,000 newlines took 90 s).
        j = max(end, ws_end)
        while j < n and text[j].isspace():
            j += 1
        ws_end = j
        if j < n and j > starts[-1]:
            starts.append(j)
    return starts


def words_in(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Word tokens of ``text[lo:hi]`` with absolute offsets."""
    return [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text, lo, hi)]


def bisect_index(starts: Sequence[int], pos: int) -> int:
    """Index of the sentence containing ``pos``."""
    return max(0, bisect.bisect_right(starts, pos) - 1)


# ---------------------------------------------------------------- attribution
#
# Attribution works on the sentence that holds a quote: a reporting verb before the
# quote ("X said:"), an inverted or trailing clause after it ("..., said X",
# "..., it added"), "according to X", and only then weaker evidence (the sentence's
# subject, the speaker of the previous quote).  A clause that is found but names
# nobody we can resolve gives ``None``: a wrong speaker is worse than none.

_SPEECH = (
    "said says say saying added adds adding told tells telling stated states stating claimed claims "
    "claiming warned warns warning explained explains insisted insists admitted admits announced "
    "announces argued argues wrote writes found finds concluded concludes noted recommended recommends "
    "acknowledged acknowledges revealed reveals confirmed confirms suggested suggests urged urges "
    "replied replies asked asks declared declares commented maintained maintains continued continues "
    "predicted predicts believes believed"
)
# Verbs that characterise rather than report ("rated it as 'poor'"): they only
# count when the quote follows as their complement.
_CHARACTERISE = "described describes called calls branded brands dubbed dubs labelled labels deemed deems deeming rated rates termed terms"
_VERB_RE = re.compile(r"\b(according\s+to|" + "|".join((_SPEECH + " " + _CHARACTERISE).split()) + r")\b", re.IGNORECASE)
_CHAR_SET = frozenset(_CHARACTERISE.split())
_CORE_SPEECH_RE = re.compile(r"\b(?:said|says|added|adds|told|tells|stated|states|explained|according\s+to)\b", re.IGNORECASE)
_NOUN_GUARD = frozenset("the a an his her its their of in on to for with these those many some our my this that".split())
_PASSIVE = frozenset("was were been be being is are".split())
_LEAD_STRIP = frozenset("but and however so then what which also yet while meanwhile still now as although though".split())
_TRAIL_STRIP_RE = re.compile(  # (?<!\s): tried inside a run of spaces, \s+ backtracked quadratically
    r"(?<!\s)(?:\s+(?:has|have|had|is|was|were|would|will|also|now|then|today|yesterday|previously|later|earlier|"
    r"again|however|repeatedly|subsequently|further|already|since|once|first|separately|herself|himself|itself)"
    r"|\s+(?:last|this|next|earlier\s+this|later\s+this)\s+(?:week|month|year|night|weekend|morning|afternoon|evening)"
    r"|\s+on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\s*$",
    re.IGNORECASE,
)
_BOUNDARY_WORDS = frozenset("that and but while which who because when after before if whereas although though as whether".split())
_NP_STOP = frozenset("who which that described commissioned presented published dubbed known called named was were is are has have had".split())
_PRONOUNS = {
    "he": ({"person"}, 12),
    "she": ({"person"}, 12),
    "it": ({"organisation", "document"}, 4),
    "they": ({"organisation"}, 4),
}
_DOC_ADJ = frozenset(
    "draft damning final interim annual latest official internal confidential new independent full "
    "long-awaited leaked published critical scathing government serious case".split()
)
_NONSPACE_RE = re.compile(r"\S")
_TIME_POSSESSORS = frozenset("today's yesterday's today’s yesterday’s this year's last year's".split())


def _acronymish(word: str, cased: bool) -> bool:
    if cased:
        return is_acronym(word)
    return bool(re.fullmatch(r"[b-df-hj-np-tv-z]{2,5}", word.lower()))


@frozen
class _Mention:
    """A named entity (or a document whose author is named) a pronoun may point to."""

    pos: int  # where the mention occurs: recency and sentence order use this
    start: int  # the anchoring name's span
    end: int
    key: str
    kind: str  # person / organisation / unknown: what the speaker is
    fit: str  # person / organisation / document: what a pronoun must fit
    role: Optional[str] = None
    words: frozenset[str] = frozenset()  # name words plus expansion words, for "the agency"


class Attributor:
    """Finds the speaker of each quote of one text, in order (earlier speakers feed pronouns)."""

    def __init__(
        self,
        text: str,
        lexicon: Optional[NameLexicon],
        quote_extents: Sequence[tuple[int, int]],
        sentence_starts: Optional[list[int]] = None,
    ) -> None:
        self.text = text
        self.cased = is_cased(text)
        own = build_lexicon([text])
        self.lex = lexicon.merged(own) if lexicon is not None else own
        self.starts = sentence_starts if sentence_starts is not None else sentence_bounds(text)
        self.extents = list(quote_extents)
        self._ext_starts = [a for a, _ in self.extents]
        # The text with every quoted stretch blanked, built once (slices stay linear).
        parts: list[str] = []
        cur = 0
        for a, b in self.extents:
            a = max(a, cur)
            if b > a:
                parts.append(text[cur:a])
                parts.append(_NONSPACE_RE.sub("\x00", text[a:b]))
                cur = b
        parts.append(text[cur:])
        self._masked = "".join(parts)
        self.mentions: list[_Mention] = []
        # a pronoun met while the mentions are still being found ("a report by it") refers
        # to none of them yet: resolve() reads this empty index until the mentions are known
        self._pos: list[int] = []
        self._find_mentions()
        self.mentions.sort(key=lambda m: m.pos)
        self._pos = [m.pos for m in self.mentions]

    # ------------------------------------------------------------ helpers
    def inside_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self._ext_starts, pos) - 1
        return i >= 0 and self.extents[i][0] <= pos < self.extents[i][1]

    def sent_span(self, pos: int) -> tuple[int, int]:
        i = bisect_index(self.starts, pos)
        hi = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return self.starts[i], hi

    def masked(self, lo: int, hi: int) -> str:
        """``text[lo:hi]`` with quoted stretches blanked, so verbs inside quotes never attribute."""
        return self._masked[lo:hi]

    def _make(self, start: int, end: int, kind: str, role: Optional[str] = None, fit: Optional[str] = None, pos: Optional[int] = None) -> _Mention:
        name = self.text[start:end]
        key = speaker_key(name, self.lex)
        words = set(key.split())
        exp = self.lex.acronyms.get(key)
        if exp:
            words |= set(exp.split())
        return _Mention(pos if pos is not None else start, start, end, key, kind, fit or kind, role, frozenset(words))

    def _kind_of(self, name: str) -> str:
        key = speaker_key(name, self.lex)
        known = self.lex.kind_of(key)
        if known:
            return known
        words = _norm(name).split()
        if words and words[-1] in ORG_WORDS:
            return "organisation"
        if len(words) == 1 and (is_acronym(name.strip()) or key in self.lex.acronyms):
            return "organisation"
        return "unknown"

    # ------------------------------------------------------------ mentions
    def _find_mentions(self) -> None:
        text = self.text
        taken: list[tuple[int, int]] = []
        if self.cased:
            for m in _CAP_SEQ_RE.finditer(text):
                ws = words_in(text, m.start(), m.end())
                ws = _drop_while(ws, lambda w: w[2].lower() in STOP_WORDS)
                if not ws:
                    continue
                sp = self._named_from_words(ws)
                if sp is not None:
                    self.mentions.append(sp)
                    taken.append((m.start(), m.end()))
        pat = self.lex.pattern()
        if pat is not None:
            for m in pat.finditer(text):
                k = bisect.bisect_right(taken, (m.start(), len(text) + 1)) - 1
                if (k >= 0 and taken[k][0] <= m.start() < taken[k][1]) or (self.cased and not m.group()[0].isupper()):
                    continue
                kind = self._kind_of(m.group())
                if kind == "unknown":
                    continue
                role = self._role_before(m.start()) if kind == "person" else None
                self.mentions.append(self._make(m.start(), m.end(), kind, role))
        if not self.cased:
            self._title_mentions()
        self._doc_mentions()
        seen: set[tuple[int, int, int, str]] = set()
        kept = []
        for mm in self.mentions:
            sig = (mm.pos, mm.start, mm.end, mm.fit)
            if sig not in seen and not self.inside_quote(mm.pos):
                seen.add(sig)
                kept.append(mm)
        self.mentions = kept

    def _role_before(self, pos: int) -> Optional[str]:
        """Title and organisation words right before a name ("rca director")."""
        ws = words_in(self.text, max(0, pos - 80), pos)
        role: list[tuple[int, int, str]] = []
        for w in reversed(ws):
            if self.text[w[1] : pos if not role else role[0][0]].strip():
                break  # punctuation in between
            low = w[2].lower()
            if low in TITLE_WORDS or _acronymish(w[2], self.cased) or low in self.lex.acronyms or (role and low not in STOP_WORDS and (not self.cased or w[2][0].isupper())):
                role.insert(0, w)
                if len(role) >= 6:
                    break
            else:
                break
        # a role must contain a title word; leading non-title words are its organisation
        while role and role[-1][2].lower() in HONORIFICS:
            role.pop()
        if not any(w[2].lower() in TITLE_WORDS for w in role):
            return None
        return self.text[role[0][0] : role[-1][1]]

    def _title_mentions(self) -> None:
        text = self.text
        title_alt = "|".join(sorted(TITLE_WORDS, key=len, reverse=True))
        for m in re.finditer(rf"\b(?:{title_alt})\b\.?\s+", text, re.IGNORECASE):
            ws = words_in(text, m.end(), min(len(text), m.end() + 60))
            name: list[tuple[int, int, str]] = []
            for w in ws:
                low = w[2].lower()
                gap = text[(name[-1][1] if name else m.end()) : w[0]]
                if gap.strip():
                    break
                if not name and (low in TITLE_WORDS or _acronymish(w[2], False)):
                    break  # the next title match will handle it
                if low in STOP_WORDS or low in TITLE_WORDS or low in ORG_WORDS or not w[2].isalpha() or _VERB_RE.fullmatch(low):
                    break
                name.append(w)
                if len(name) == 3:
                    break
            if len(name) >= 2:
                self.mentions.append(self._make(name[0][0], name[-1][1], "person", self._role_before(name[0][0])))

    def _doc_mentions(self) -> None:
        """Documents whose author is named ("the agency's report", "a report by X")."""
        text = self.text
        for m in re.finditer(r"\b(?:" + "|".join(DOC_WORDS) + r")\b", text, re.IGNORECASE):
            if self.inside_quote(m.start()):
                continue
            author = self._doc_author(m.start(), m.end(), named_only=True)
            if author is not None and author.fit != "document":
                self.mentions.append(
                    _Mention(m.start(), author.start, author.end, author.key, author.kind, "document", author.role, author.words)
                )

    def _doc_author(self, d0: int, d1: int, named_only: bool = False) -> Optional[_Mention]:
        text = self.text
        after = re.match(r",?\s+by\s+", text[d1 : d1 + 7])
        if after:
            lo = d1 + after.end()
            hi = lo
            for w in words_in(text, lo, min(len(text), lo + 80)):
                if text[hi : w[0]].strip() or w[2].lower() in _NP_STOP or (w[2].lower().endswith("ed") and w[0] > lo and not (self.cased and w[2][0].isupper())):
                    break
                hi = w[1]
            if hi > lo:
                return self._np_mention(lo, hi, d0, named_only=named_only)
            return None
        ws = words_in(text, max(0, d0 - 70), d0)
        ws = [w for w in ws if not text[w[1] : d0].count(",") and not text[w[1] : d0].count(".")]
        pre = list(ws)
        for i in range(len(pre) - 1, -1, -1):
            if pre[i][2].endswith(("'s", "’s")) and len(pre) - i <= 4:
                if pre[i][2].lower() in _TIME_POSSESSORS:
                    return None
                j = i
                while j > 0 and pre[j - 1][2].lower() not in STOP_WORDS and text[pre[j - 1][1] : pre[j][0]].strip() == "":
                    j -= 1
                if j > 0 and pre[j - 1][2].lower() in {"the", "this", "that"}:
                    j -= 1  # "the agency's report": keep the article, it marks a description
                return self._np_mention(pre[j][0], pre[i][1] - 2, d0, named_only=named_only)
        # pre-modifiers: "the fire service draft report"
        mods = list(pre)
        while mods and (mods[-1][2].lower() in _DOC_ADJ or re.match(r"\d", mods[-1][2])):
            mods.pop()
        j = len(mods)
        while j > 0 and mods[j - 1][2].lower() not in STOP_WORDS and j > len(mods) - 5:
            j -= 1
        if j < len(mods) and mods[-1][1] <= d0:
            return self._np_mention(mods[j][0], mods[-1][1], d0, named_only=True)
        return None

    def _named_from_words(self, ws: list[tuple[int, int, str]]) -> Optional[_Mention]:
        words = [w[2] for w in ws]
        if words and words[-1].endswith(("'s", "’s")):
            last = ws[-1]
            ws = ws[:-1] + [(last[0], last[1] - 2, last[2][:-2])]
            words[-1] = words[-1][:-2]
        person = self._affiliated(ws)
        if person is not None:
            return person
        cut = -1 if words[-1].lower() in ORG_WORDS else _split_title(words)
        if cut > 0:
            while cut < len(ws) and _acronymish(ws[cut][2], self.cased) and cut < len(ws) - 1:
                cut += 1
            role_ws = ws[:cut]
            while role_ws and role_ws[-1][2].lower().strip(".") in HONORIFICS:
                role_ws = role_ws[:-1]
            while role_ws and role_ws[0][2].lower() in STOP_WORDS:
                role_ws = role_ws[1:]
            role = self.text[role_ws[0][0] : role_ws[-1][1]] if role_ws else None
            if role is None:
                outer = self._role_before(ws[0][0])
                role = outer
            return self._make(ws[cut][0], ws[-1][1], "person", role)
        name = " ".join(words)
        kind = self._kind_of(name)
        if kind == "unknown":
            return None
        role = self._role_before(ws[0][0]) if kind == "person" else None
        return self._make(ws[0][0], ws[-1][1], kind, role)

    def _affiliated(self, ws: list[tuple[int, int, str]]) -> Optional[_Mention]:
        """The person a name with an affiliation names, or ``None``.

        "Station Officer Jo Bloggs of the ambulance service" and "Supt Jo Bloggs of Northshire
        Police" name the officer, not the service: the name is what stands between its
        title and "of", the title is the role. Without a known title, the words before "of"
        must end in a person the lexicon knows ("Ward Sister Jo Bloggs of the ward").
        """
        words = [w[2] for w in ws]
        of = _affiliation_cut(words)
        if of > 0:
            cut = _split_title(words[:of])
        else:
            of = next((k for k, w in enumerate(words) if w.lower() == "of"), -1)
            cut = next((of - n for n in (3, 2) if of - n >= 0 and _norm(" ".join(words[of - n : of])) in self.lex.persons), -1)
        if cut < 0 or any(w.lower() in STOP_WORDS for w in words[:cut]):
            return None  # "Ann Hale and Prof Jo Bloggs of the university": not one person
        if self.cased and not all(w[2][0].isupper() for w in ws[cut:of]):
            return None
        if cut > 0 and _split_title(words[:of]) == cut:
            return self._named_from_words(ws[:of])
        role = self.text[ws[0][0] : ws[cut - 1][1]] if cut > 0 else self._role_before(ws[0][0])
        return self._make(ws[cut][0], ws[of - 1][1], "person", role)

    # ------------------------------------------------------------ noun phrases
    def _np_mention(self, lo: int, hi: int, pos: int, named_only: bool = False) -> Optional[_Mention]:
        """The speaker a noun phrase names or refers to; ``None`` if it names nobody."""
        text = self.text
        ws = words_in(text, lo, hi)
        ws = _drop_while(ws, lambda w: w[2].lower() in _LEAD_STRIP)
        if not ws:
            return None
        low = [w[2].lower().replace("’", "'") for w in ws]
        if len(ws) == 1 and low[0] in _PRONOUNS:
            if named_only:
                return None
            fit, depth = _PRONOUNS[low[0]]
            return self.resolve(ws[0][0], fit, None, depth)
        for i, w in enumerate(low[:-1]):
            if w in {"spokesperson", "spokesman", "spokeswoman", "representative"} and low[i + 1] in {"for", "from", "at", "of"}:
                org = self._np_mention(ws[i + 2][0], ws[-1][1], pos)
                if org is not None:
                    return _Mention(org.pos, org.start, org.end, org.key, org.kind, org.fit, w, org.words)
                return None
        det = low[0] if low[0] in {"the", "a", "an", "this", "that", "its", "his", "her", "their"} else None
        body = ws[1:] if det else ws
        blow = low[1:] if det else low
        if not body:
            return None
        # two people credited together
        if "and" in blow and not named_only:
            k = blow.index("and")
            a = self._np_mention(body[0][0], body[k - 1][1], pos, named_only=True) if k > 0 else None
            b = self._np_mention(body[k + 1][0], body[-1][1], pos, named_only=True) if k + 1 < len(body) else None
            if a and b and a.kind == b.kind == "person":
                key = " + ".join(sorted((a.key, b.key)))
                return _Mention(pos, a.start, b.end, key, "person", "person", None, a.words | b.words)
        person = self._affiliated(body)
        if person is not None:
            return person
        d = next((i for i, w in enumerate(blow) if w in DOC_WORDS), None)
        if d is not None:
            author = self._doc_author(body[d][0], body[d][1])
            if author is not None:
                return _Mention(pos, author.start, author.end, author.key, author.kind, "document", author.role, author.words)
            if named_only:
                return None
            possessive = any(w.endswith("'s") for w in blow[:d])
            if det in {"his", "her", "its", "their"}:
                fit, depth = _PRONOUNS.get({"his": "he", "her": "she", "its": "it", "their": "they"}[det], ({"person"}, 8))
                return self.resolve(ws[0][0], fit, None, depth)
            if det in {"the", "this", "that"} or possessive:
                return self.resolve(ws[0][0], {"document"}, None, 40)
            return None
        # "the force's chief constable Jo Bloggs": the possessor is not the speaker
        for k in range(len(blow) - 2, -1, -1):
            if blow[k].endswith("'s"):
                body, blow, det = body[k + 1 :], blow[k + 1 :], None
                break
        # "the force", "the agency": a description that must match a named organisation
        descriptive = all(not (w[2][0].isupper()) for w in body) if self.cased else False
        if det in {"the", "this", "that"} and blow[-1] in ORG_WORDS and (descriptive or (not self.cased and " ".join(blow) not in self.lex.acronyms and self.lex.kind_of(speaker_key(" ".join(blow), self.lex)) is None)):
            if named_only:
                return None
            return self.resolve(ws[0][0], {"organisation"}, blow[-1], 40)
        if blow[-1] in {"spokesperson", "spokesman", "spokeswoman", "representative"} and len(body) > 1:
            org = self._np_mention(body[0][0], body[-2][1], pos, named_only=True)
            if org is None or org.kind == "person":
                return None
            return _Mention(org.pos, org.start, org.end, org.key, org.kind, org.fit, body[-1][2], org.words)
        if all(w.strip(".") in TITLE_WORDS for w in blow):
            return None  # "the minister", "Minister": a role names nobody
        if self.cased:
            cut = _split_title([w[2] for w in body])
            if cut > 0 and all(w[2][0].isupper() for w in body[cut:]):
                return self._named_from_words(body)
            if not all(w[2][0].isupper() or w[2].lower() in {"of", "and", "for", "the", "&"} for w in body):
                # "resident Priya Patel": a lower-case descriptor, then a two- or three-word name
                k = len(body)
                while k > 0 and body[k - 1][2][0].isupper():
                    k -= 1
                run = body[k:]
                if 2 <= len(run) <= 3 and all(w[2].lower() not in STOP_WORDS for w in body[:k]):
                    found = self._named_from_words(run)
                    if found is None and run[-1][2].lower() not in ORG_WORDS:
                        found = self._make(run[0][0], run[-1][1], "person", self.text[body[0][0] : body[k - 1][1]])
                    return found
                return None
            found = self._named_from_words(body)
            if found is not None or named_only:
                return found
            # A lone capitalised word opening a sentence ("Critics said") is no name.
            if len(body) == 1 and self.starts[bisect_index(self.starts, body[0][0])] == body[0][0]:
                return None
            return self._make(body[0][0], body[-1][1], "unknown")
        found = self._named_from_words(body)
        if found is not None:
            return found
        # lower-cased text: accept a short bare noun phrase as a name only when no
        # determiner says it is a description
        if det is None and len(body) <= 4 and not any(w in STOP_WORDS for w in blow) and all(w[2].isalpha() for w in body):
            kind = "organisation" if blow[-1] in ORG_WORDS else "unknown"
            return self._make(body[0][0], body[-1][1], kind)
        return None

    def resolve(self, pos: int, fit: set[str], head: Optional[str], depth: int) -> Optional[_Mention]:
        """Nearest fitting earlier mention, the sentence's subject first within a sentence."""
        si = bisect_index(self.starts, pos)
        heads = _ORG_SYNONYMS.get(head, {head}) if head else None
        for s in range(si, max(-1, si - depth), -1):
            lo = self.starts[s]
            hi = pos if s == si else self.starts[s + 1]
            a = bisect.bisect_left(self._pos, lo)
            b = bisect.bisect_left(self._pos, hi)
            for m in self.mentions[a:b]:
                if m.fit not in fit:
                    continue
                if heads is not None and not (heads & m.words):
                    continue
                return m
        return None

    def add(self, mention: _Mention) -> None:
        """Record a resolved speaker where its quote stands, for later pronouns."""
        i = bisect.bisect_right(self._pos, mention.pos)
        self.mentions.insert(i, mention)
        self._pos.insert(i, mention.pos)
