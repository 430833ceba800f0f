"""The package type-checks under ``mypy --strict`` (configured in pyproject.toml).

Types are part of the public API (``py.typed`` ships with the package), so a change that
breaks them fails here rather than in a user's editor.
"""

from __future__ import annotations

import pytest

from .conftest import ROOT

api = pytest.importorskip("mypy.api", reason="mypy not installed (pip install -e '.[test]')")


def test_mypy_strict_passes():
    out, err, status = api.run(["--config-file", str(ROOT / "pyproject.toml"), "--no-incremental",
                                str(ROOT / "src" / "claimcheck")])
    assert status == 0, out + err
