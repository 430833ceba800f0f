"""The benchmark story generator: reproducible, realistic, reads any corpus."""

from __future__ import annotations

import json

from benchmarks.generate import generate, read_corpus, stories
from claimcheck import Source

CORPUS = [
    Source(id="a", text="Police said 40 homes were flooded on Sunday. At least 300 people left the valley. "
                        "The river rose by two metres, officials said. The mayor opened a shelter."),
    Source(id="b", text="More than 300 residents were evacuated. The council said forty homes were flooded. "
                        "Roads were closed for three days."),
]


def test_same_seed_same_sources_other_seed_other_sources():
    one = generate(5, corpus=CORPUS, seed=3)
    assert one == generate(5, corpus=CORPUS, seed=3)
    assert [s.text for s in one] != [s.text for s in generate(5, corpus=CORPUS, seed=4)]
    assert len({s.id for s in one}) == 5


def test_sources_are_built_from_the_corpus_sentences():
    corpus_words = {w for s in CORPUS for w in s.text.lower().split()}
    for s in generate(8, corpus=CORPUS, seed=1):
        body = [w for w in s.text.lower().split() if w in corpus_words]
        assert len(body) >= 10  # mostly real text, not invented filler
        assert s.published and s.outlet


def test_reads_a_jsonl_corpus_and_writes_batch_stories(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps({"id": s.id, "text": s.text}) + "\n" for s in CORPUS), encoding="utf-8")
    assert len(read_corpus(path)) == 2
    out = list(stories(2, 3, corpus=path, seed=0))
    assert [s["id"] for s in out] == ["story00000", "story00001"]
    assert all(len(s["sources"]) == 3 and all(src["text"] for src in s["sources"]) for s in out)
