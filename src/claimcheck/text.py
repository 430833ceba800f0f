"""Word-level helpers shared by the stages: tokens, stopwords, lemmas.

>>> content_words("The children were abused, police said.")
['child', 'abuse', 'police']
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

from ._numwords import DAY_PARTS, MONTHS, WEEKDAYS

#: Words, keeping numbers with separators ("2,300", "4.5") and hyphen/apostrophe compounds.
WORD_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:[-'][^\W\d_]+)*")

# Function words and reporting verbs: they carry no fact of their own.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours ourselves
    out over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours yourself yourselves s 's said says say saying told
    tell added adds stated states according also however though although yet still may might must
    shall one ones us it's there's that's which whose upon onto per via amid among""".split()
)


#: Lemmas that say *when*, not *what*: units of time ("last year", "over the years"), days
#: and months (not "may" or "march", which are other words too), and parts of the day. Days
#: and months are read as dates by :mod:`claimcheck.quantities`, which compares them; as
#: plain words they would make "the council said on Monday X" and "the council said on
#: Monday Y" look like one fact. Seasons stay content words: no date is read from them,
#: and "published in the spring" against "to publish in the autumn" is a difference.
WHEN_WORDS = frozenset({"year", "month", "week", "day", "yesterday", "today", "tonight", "overnight"}
                       | WEEKDAYS.keys() | (MONTHS.keys() - {"may", "march"}) | DAY_PARTS)


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The dictionary form of a lower-case English word (simplemma's data ships in the package)."""
    if not word[:1].isalpha():
        return word
    import simplemma  # imported lazily: loading its English data takes ~0.1 s

    return str(simplemma.lemmatize(word, lang="en")).lower()


def words(norm: str) -> list[str]:
    """Tokens of a normalised (lower-cased) string."""
    return WORD_RE.findall(norm.lower())


def content_words(norm: str) -> list[str]:
    """Lemmas of the words that carry content, in order."""
    return list(_content_words(norm))  # a fresh list: callers may change theirs


# Sentences repeat across syndicated sources and several stages ask for the same
# sentence's content words: tokenise and look up lemmas once per distinct text.
@lru_cache(maxsize=131072)
def _content_words(norm: str) -> tuple[str, ...]:
    return tuple(lemma(w) for w in words(norm) if w not in STOPWORDS and len(w) > 1 or w[:1].isdigit())


def changed_stretches(opcodes: Iterable[Any]) -> list[list[int]]:
    """Non-equal word-diff opcodes with adjacent edits merged, as ``[a0, a1, b0, b1]``.

    An inserted "the" next to a replaced noun is one changed stretch, not two.

    >>> from rapidfuzz.distance import Levenshtein
    >>> changed_stretches(Levenshtein.opcodes("the council said no".split(), "the local police said no".split()))
    [[1, 2, 1, 3]]
    """
    stretches: list[list[int]] = []
    for op in opcodes:
        if op.tag == "equal":
            continue
        if stretches and stretches[-1][1] == op.src_start and stretches[-1][3] == op.dest_start:
            stretches[-1][1], stretches[-1][3] = op.src_end, op.dest_end
        else:
            stretches.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
    return stretches


# Generic news synonyms folded to one lemma (the key). Story-independent vocabulary only.
_SYNONYMS = {
    "child": "minor kid youngster juvenile",
    "investigation": "probe inquiry enquiry",
    "overlook": "miss",
    "chance": "opportunity",
    "measure": "strategy means approach way method tactic",
    "resign": "quit",
    "cancel": "scrap axe",
    "increase": "rise climb jump soar",
    "decrease": "fall drop decline plunge",
    "sack": "dismiss",  # not "fire": in news far more often the blaze than a dismissal
    "arrest": "detain",
    "home": "house",
    "worker": "employee staff",
    "company": "firm",
    "vehicle": "car",
    "buy": "purchase acquire",
    "begin": "start",
    "send": "dispatch deploy",
    "criticise": "condemn criticize",
    "prosecution": "prosecute",
    "people": "person resident individual",
    # a verb and the noun naming its act ("the plant will close" / "the closure of the plant")
    "close": "closure shut",
    "lose": "loss",
    "die": "death dead",
    "injure": "injury hurt wound",
    "steal": "theft",
    "recommend": "recommendation",
    "decide": "decision",
    "approve": "approval",
    "fail": "failure",
    "warn": "warning",
    "protect": "protection",
    "pay": "payment",
    "jail": "imprison",
    "convict": "convicted conviction",
}
_FOLD = {w: k for k, vs in _SYNONYMS.items() for w in vs.split()}


def fold(lemmas: Iterable[str]) -> list[str]:
    """Lemmas with synonyms folded onto one form.

    >>> fold(["probe", "minor", "london"])
    ['investigation', 'child', 'london']
    """
    return [_FOLD.get(w, w) for w in lemmas]
