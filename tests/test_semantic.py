"""The optional semantic extra: embeddings as one signal of alignment.

Skips, with the reason printed, where ``claimcheck[semantic]`` is not installed (CI
installs it: see ``.ci/run``).
"""

from __future__ import annotations

import pytest

import claimcheck
from claimcheck import Source
from claimcheck import semantic

pytestmark = pytest.mark.skipif(
    not semantic.available(),
    reason="claimcheck[semantic] not installed (pip install torch==2.13.0 'claimcheck[semantic]')",
)


def test_embeddings_are_unit_vectors_and_rank_paraphrase_first():
    a, b, c = semantic.embed_texts([
        "the force did not use alternative strategies to protect victims",
        "police failed to use alternative measures to protect victims",
        "the mayor opened a new library on the high street",
    ])
    assert abs(sum(x * x for x in a) - 1.0) < 1e-3
    dot = lambda u, v: sum(x * y for x, y in zip(u, v))  # noqa: E731
    assert dot(a, b) > dot(a, c) + 0.2


def test_semantic_never_aligns_claims_with_nothing_in_common():
    # embeddings only lift pairs that share a content word or a figure
    report = claimcheck.compare([Source(id="a", text="The minister quit on Friday evening."),
                                 Source(id="b", text="A cabinet member handed in a resignation letter at the weekend.")],
                                semantic=True)
    assert report.shared_groups == ()


def test_semantic_alignment_keeps_seed_precision(seed_sources, seed_report, seed_texts):
    import json

    from .conftest import DATA
    from .test_alignment import _claims_at, _measure

    report = claimcheck.compare(seed_sources, semantic=True)
    data = json.loads((DATA / "seed_alignment.json").read_text(encoding="utf-8"))

    def measured(rep):
        group = {cid: g.id for g in rep.groups for cid in g.claims}

        def predict(pair):
            a = _claims_at(rep, pair["a"]["source"], pair["a"]["quote"], seed_texts)
            b = _claims_at(rep, pair["b"]["source"], pair["b"]["quote"], seed_texts)
            return bool({group[c.id] for c in a} & {group[c.id] for c in b})

        return _measure(data["pairs"], predict)

    precision, recall, counts = measured(report)
    lex_precision, lex_recall, _ = measured(seed_report)
    print(f"\nseed alignment with embeddings: precision={precision:.3f} recall={recall:.3f} {counts}; "
          f"without: {lex_precision:.3f} / {lex_recall:.3f}")
    # embeddings are one more signal: they may find more, but must not cost precision
    assert recall >= lex_recall
    assert precision >= lex_precision - 0.03

    scorer_claims = [c for c in report.claims if not c.fragment]
    from claimcheck.align import Scorer
    sc = Scorer(scorer_claims, embed=semantic.embed_claims(scorer_claims[:5]))
    s = sc.score(scorer_claims[0].id, scorer_claims[1].id)
    assert s.semantic is not None and 0.0 <= s.semantic <= 1.0


def test_semantic_cli_prints_no_library_progress_bars(tmp_path):
    # a fresh process, so the model really loads here (it is cached per process)
    import subprocess
    import sys

    from .conftest import SEEDS

    out = tmp_path / "report.txt"
    run = subprocess.run([sys.executable, "-m", "claimcheck", "report", str(SEEDS), "--semantic", "-o", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert out.read_text(encoding="utf-8").startswith("claimcheck report:")
