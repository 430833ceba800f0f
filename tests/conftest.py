"""Shared fixtures and the hypothesis profile."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"

settings.register_profile("default", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def seed_sources():
    import claimcheck

    return claimcheck.load(SEEDS)


@pytest.fixture(scope="session")
def seed_report(seed_sources):
    import claimcheck

    return claimcheck.compare(seed_sources)


@pytest.fixture(scope="session")
def seed_texts(seed_sources):
    return {s.id: s.text for s in seed_sources}


def shared_groups(report, kind):
    """``(group, members)`` for each group of claims of ``kind`` carried by two or more
    sources: what the discrepancy detectors run on."""
    claims = {c.id: c for c in report.claims}
    for g in report.groups:
        if g.kind is kind and len(g.sources) >= 2:
            yield g, [claims[c] for c in g.claims]
