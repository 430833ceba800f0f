"""The package type-checks under ``mypy --strict`` (configured in pyproject.toml).

Types are part of the public API (``py.typed`` ships with the package), so a change that
breaks them fails here rather than in a user's editor.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

pytest.importorskip("mypy", reason="mypy not installed (pip install -e '.[test]')")


def test_mypy_strict_passes():
    # in a child process: mypy's in-process run leaves a heap so large that the test
    # session's final garbage collections took 40 s
    run = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
                          "--no-incremental", str(ROOT / "src" / "claimcheck")],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
