"""The notebooks in examples/ run top to bottom (nbclient + ipykernel), so they cannot rot.

Each runs in a fresh kernel with ``examples/`` as its working directory, as a reader
would run it; any cell that raises fails the test with the cell's source and error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ROOT

nbformat = pytest.importorskip("nbformat", reason="nbformat is in the 'test' extra")
nbclient = pytest.importorskip("nbclient", reason="nbclient is in the 'test' extra")
pytest.importorskip("ipykernel", reason="ipykernel is in the 'test' extra")

EXAMPLES = ROOT / "examples"
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))


def _run(path: Path):
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=180, kernel_name="python3",
                                     resources={"metadata": {"path": str(EXAMPLES)}})
    client.execute()
    return nb


def _outputs(nb) -> str:
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            out.append(o.get("text", ""))
            out.extend(str(v) for v in o.get("data", {}).values())
    return "\n".join(out)


def test_the_three_notebooks_exist():
    assert {p.name for p in NOTEBOOKS} >= {"quickstart.ipynb", "quotes.ipynb", "your_own_articles.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path):
    nb = _run(path)
    text = _outputs(nb)
    assert "Traceback" not in text
    if path.stem == "quickstart":
        assert "every value slices back out of its source" in text
        assert "claimcheck report" in text and 'class="cc"' in text  # the HTML view rendered
    if path.stem == "your_own_articles":
        assert "discrepancy,type,group" in text
