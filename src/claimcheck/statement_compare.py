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
  :func:`~claimcheck.provenance.credits_in`; a bare "a report", "the agency" or "it"
  names nobody and is never compared, nor are quote speakers (a director speaks for his
  agency). Sources clash only when no credit of one names a body the other credits.

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
from typing import Any, Optional, Sequence

from rapidfuzz.distance import Levenshtein

from .align import fold
from .model import Claim, ClaimKind, DiscrepancyType, Value
from .provenance import cites_in, credits_in
from .text import STOPWORDS, changed_stretches, lemma

#: The longest swapped stretch (in words) that still reads as one noun phrase.
MAX_SWAP = 4
#: Share of the shorter claim's words the two claims must have in common.
MIN_SHARED = 0.6

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_OPENERS = frozenset("the a an with by of for from at in to his her its their our council's".split())
_GENERIC = frozenset("report review inquiry investigation statement study document letter survey audit "
                     "finding findings government official officials source sources".split())


_POSSESSIVE = re.compile(r"'s$")


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
    if max(len(wa), len(wb)) > MAX_SWAP or a0 == 0:
        return None
    names = _capitalised(text_a, wa) and _capitalised(text_b, wb)
    if ta[a0 - 1][0] not in _OPENERS and not names:
        # a swap that is not a noun phrase (verb, adjective, negation); a proper name
        # swapped for another ("chief constable Ann Lee" / "... Tom Hale") always is one
        return None
    words_a, words_b = [w for w, _, _ in wa], [w for w, _, _ in wb]
    if any(ch.isdigit() for w in words_a + words_b for ch in w):
        return None
    ca = {w for w in fold(lemma(w) for w in words_a) if w not in STOPWORDS}
    cb = {w for w in fold(lemma(w) for w in words_b) if w not in STOPWORDS}
    if not ca or not cb or ca == cb or _same_body(frozenset(ca), frozenset(cb)):
        return None  # synonyms, an acronym and its expansion, or one name with a modifier
    return (wa[0][1], wa[-1][2]), (wb[0][1], wb[-1][2])


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
                     r"for|at|about|over|after|and|was|is|has|had|found|said|says|concluded)\b)\S+\s*){1,6}", re.I)
_TITLES = frozenset("professor prof dr mr mrs ms miss sir dame lord lady judge justice chief".split())
#: Words that open a sentence or a credit without naming anyone.
_NOT_NAMES = frozenset("the a an this that these those its their his her it they he she we".split())


def _proper_key(text: str, start: int, end: int) -> frozenset[str]:
    """The capitalised words of ``text[start:end]`` (a proper name), lower-cased, without
    titles, determiners or document nouns; empty when nothing there is a name ("the
    agency", "officials", "the report") or when the sentence capitalises every word."""
    if sum(1 for m in _TOKEN.finditer(text) if m.group()[:1].islower()) < 3:
        return frozenset()  # a headline in Title Case (or an all-capitals line): no signal
    out = set()
    for m in _TOKEN.finditer(text, start, end):
        w = m.group()
        if not w[:1].isupper() or m.start() == 0:
            continue  # lower case, or capitalised only because it opens the sentence
        key = _POSSESSIVE.sub("", w.lower().replace("’", "'"))
        if key not in STOPWORDS and key not in _GENERIC and key not in _TITLES and key not in _NOT_NAMES:
            out.add(key)
    return frozenset(out)


def _credits(c: Claim) -> list[tuple[frozenset[str], Value]]:
    """Bodies or people a statement credits what it says to, keyed by their name.

    * a document with its author spelt out: "a report by the agency", "an inquiry by
      Professor X" (the author's words, minus titles and document nouns);
    * a named document: "the Jay report", "Drew's report", "found by the Harland inquiry"
      (the capitalised words of the name);
    * "according to X", "X found/concluded/said", "..., says X" when X holds a proper
      name ("the Met Office", "Professor Ann Hale"): "the agency", "officials" or "the
      report" refer back to a body named elsewhere and are never compared.

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
            add(_credit_key(named.group()), s, e)
        else:
            if re.match(r"[\w.-]+['’]s\b", name):
                # "Dr Omar Reyes's report": the possessor's whole name, not only its last word
                while (prev := re.search(r"([A-Z][\w.-]*)\s+$", text[:s])) is not None:
                    s = prev.start(1)
            add(_proper_key(text, s, e), s, e)
    for _name, s, e in credits_in(text):
        add(_proper_key(text, s, e), s, e)
    return out


def statement_discrepancies(group: Any, members: Sequence[Claim]) -> list[Any]:
    """``entity`` and ``attribution`` differences between the members of one group."""
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
    if entity:
        values = tuple(sorted(entity.values(), key=lambda v: (v.source, v.start)))
        found.append(_Found(type=DiscrepancyType.ENTITY, values=values,
                            summary=f"The sources name different parties in the same role: {_phrase(values)}."))
    # Each source's credits for the statement, by their name keys. Two sources clash when
    # both credit someone and none of one's credits is a body the other credits (the same
    # body named two ways, or two credits that both sources give, never clash).
    by_source: dict[str, list[tuple[frozenset[str], Value]]] = {}
    for c in members:
        by_source.setdefault(c.source, []).extend(_credits(c))
    key_sets: dict[frozenset[frozenset[str]], list[str]] = {}
    for src, items in by_source.items():
        if items:
            key_sets.setdefault(frozenset(k for k, _ in items), []).append(src)
    clash: set[str] = set()
    sets = list(key_sets)
    for i, ka in enumerate(sets):
        for kb in sets[i + 1:]:
            if not any(_same_body(x, y) for x in ka for y in kb):
                clash.update(key_sets[ka])
                clash.update(key_sets[kb])
    if clash:
        values = tuple(sorted((v for src in clash for _, v in by_source[src]), key=lambda v: (v.source, v.start)))
        found.append(_Found(type=DiscrepancyType.ATTRIBUTION, values=values,
                            summary=f"The sources credit this to different bodies: {_phrase(values)}."))
    return found
