"""Realistic synthetic stories built from real articles, seeded and reproducible.

Every generated source starts from one real article (the seeds by default, or any
directory, manifest or JSONL of articles ``claimcheck.load`` reads) and becomes another
outlet's version of it: sentences dropped, a few re-ordered or borrowed from the other
articles, some re-worded (synonyms, hedges, a trailing clause cut), some figures changed,
and site furniture added (a headline with a picture credit, a newsletter prompt, a
caption, a copyright footer followed by teasers). The same ``seed`` always gives the
same sources.

>>> from claimcheck import Source
>>> base = [Source(id="a", text="Police said 40 homes were flooded. At least 300 people left. The river rose."),
...         Source(id="b", text="More than 300 residents were evacuated. The mayor opened a shelter.")]
>>> one = generate(3, corpus=base, seed=1)
>>> [s.id for s in one], one == generate(3, corpus=base, seed=1)
(['gen0000', 'gen0001', 'gen0002'], True)

Command line (writes JSONL ``claimcheck report`` reads, or batch stories with ``--stories``)::

    python -m benchmarks.generate --sources 100 -o story.jsonl
    python -m benchmarks.generate --stories 50 --sources 8 -o stories.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from pathlib import Path
from typing import Any, Iterator, Optional, Sequence, Union

from claimcheck import Source, load
from claimcheck.noise import mark_noise
from claimcheck.normalise import normalise
from claimcheck.segment import segment

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

Corpus = Union[str, Path, Sequence[Source]]

# Generic newsroom re-wordings (either direction); applied whole-word, case kept.
_SYNONYMS = [
    ("said", "stated"), ("report", "review"), ("found", "concluded"), ("children", "minors"),
    ("police", "officers"), ("began", "started"), ("people", "residents"), ("help", "assist"),
    ("more than", "over"), ("at least", "no fewer than"), ("failed to", "did not"),
    ("missed", "overlooked"), ("opportunities", "chances"), ("town", "borough"),
    ("improvements", "changes"), ("investigation", "inquiry"), ("victims", "survivors"),
]
_SWAP = {a: b for a, b in _SYNONYMS} | {b: a for a, b in _SYNONYMS}
_SWAP_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _SWAP), key=len, reverse=True)) + r")\b", re.I)
_NUMBER_RE = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\b")
_AGENCIES = ["Getty Images", "PA", "Reuters", "AFP", "Alamy"]
_PROMPTS = [
    "Sign up to our daily newsletter for the latest headlines",
    "Follow us on social media for more updates",
    "Read more: the stories you missed this week",
    "Click here to download our app",
]
_TEASERS = [
    "Celebrity chef opens new restaurant in the city centre",
    "Ten gardening tips for a wet spring",
    "Local team wins the cup after a dramatic penalty shoot-out",
    "House prices rise for the third month in a row",
]


def read_corpus(corpus: Corpus = SEEDS) -> list[list[str]]:
    """The content sentences (original text) of every article in ``corpus``."""
    sources = list(corpus) if isinstance(corpus, (list, tuple)) else load(corpus)
    articles = []
    for src in sorted(sources, key=lambda s: s.id):
        doc = normalise(src)
        sentences, _ = mark_noise(doc, segment(doc))
        kept = [" ".join(s.text.split()) for s in sentences if s.noise is None]
        if kept:
            articles.append(kept)
    if not articles:
        raise ValueError("the corpus holds no sentences to build stories from")
    return articles


def generate(n: int, *, corpus: Corpus = SEEDS, seed: int = 0, prefix: str = "gen",
             articles: Optional[list[list[str]]] = None) -> list[Source]:
    """``n`` sources about the story the corpus tells, reproducible from ``seed``."""
    articles = articles if articles is not None else read_corpus(corpus)
    return [_source(f"{prefix}{i:04d}", random.Random(f"{seed}/{prefix}/{i}"), articles) for i in range(n)]


def stories(n_stories: int, sources_per_story: int, *, corpus: Corpus = SEEDS, seed: int = 0) -> Iterator[dict[str, Any]]:
    """Batch input: ``{"id", "sources": [{"id", "text", ...}]}`` per story."""
    articles = read_corpus(corpus)
    for j in range(n_stories):
        sources = generate(sources_per_story, seed=seed, prefix=f"s{j}-", articles=articles)
        yield {"id": f"story{j:05d}", "sources": [_as_dict(s) for s in sources]}


def _as_dict(s: Source) -> dict[str, Any]:
    out = {"id": s.id, "text": s.text}
    for key in ("title", "outlet", "published"):
        if getattr(s, key):
            out[key] = getattr(s, key)
    return out


def _source(sid: str, rng: random.Random, articles: list[list[str]]) -> Source:
    base = rng.choice(articles)
    want = rng.randint(18, 42)
    # keep a random subset in order, then pad from the other articles (outlets borrow)
    keep = sorted(rng.sample(range(len(base)), min(len(base), want)))
    sentences = [base[i] for i in keep]
    for _ in range(max(0, want - len(sentences)) + rng.randint(0, 3)):
        other = rng.choice(articles)
        sentences.insert(rng.randint(0, len(sentences)), rng.choice(other))
    for i in range(len(sentences) - 1):  # light re-ordering: swap neighbours
        if rng.random() < 0.12:
            sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
    sentences = [_reword(s, rng) for s in sentences]
    paragraphs: list[str] = []
    headline = " ".join(sentences[0].rstrip(".").split()[:12])
    paragraphs.append(headline + (f" {rng.choice(_AGENCIES)}" if rng.random() < 0.5 else ""))
    i = 0
    while i < len(sentences):
        k = rng.choice((1, 1, 2, 2, 3))
        paragraphs.append(" ".join(sentences[i : i + k]))
        i += k
        if rng.random() < 0.05:
            paragraphs.append(rng.choice(_PROMPTS))
        if rng.random() < 0.04:
            paragraphs.append(f"Picture: {rng.choice(_AGENCIES)}")
    if rng.random() < 0.5:
        paragraphs.append(f"(c) {rng.randint(2015, 2024)} Outlet {sid}. All rights reserved.")
        paragraphs.extend(rng.sample(_TEASERS, 2))
    published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 30))
    return Source(id=sid, text="\n\n".join(paragraphs) + "\n", outlet=f"Outlet {rng.randint(1, 400)}",
                  published=published.isoformat())


def _reword(sentence: str, rng: random.Random) -> str:
    if rng.random() < 0.3:
        sentence = _SWAP_RE.sub(lambda m: _same_case(m.group(), _SWAP[m.group().lower()])
                                if rng.random() < 0.6 else m.group(), sentence)
    if rng.random() < 0.08:
        sentence = _NUMBER_RE.sub(lambda m: _other_number(m.group(), rng) if rng.random() < 0.5 else m.group(),
                                  sentence, count=1)
    if rng.random() < 0.1 and sentence.count(",") >= 2:
        cut = sentence.rfind(",")  # drop the trailing clause
        if cut > len(sentence) // 2:
            sentence = sentence[:cut].rstrip() + "."
    return sentence


def _same_case(old: str, new: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def _other_number(text: str, rng: random.Random) -> str:
    value = int(text.replace(",", ""))
    if 1900 <= value <= 2100 and "," not in text:
        return text  # a year: leave it alone
    changed = max(1, round(value * rng.choice((0.5, 0.8, 0.9, 1.1, 1.25, 2))))
    return f"{changed:,}" if "," in text else str(changed)


def main(argv: Optional[Sequence[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n\n")[0])
    p.add_argument("--sources", type=int, default=10, help="sources per story")
    p.add_argument("--stories", type=int, default=0, help="write batch input with this many stories")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--corpus", default=str(SEEDS), help="directory, manifest or JSONL of real articles")
    p.add_argument("-o", "--output", default="-")
    args = p.parse_args(argv)
    if args.stories:
        lines = (json.dumps(s, ensure_ascii=False) for s in stories(args.stories, args.sources, corpus=args.corpus, seed=args.seed))
    else:
        lines = (json.dumps(_as_dict(s), ensure_ascii=False) for s in generate(args.sources, corpus=args.corpus, seed=args.seed))
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    with out:
        for line in lines:
            out.write(line + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
