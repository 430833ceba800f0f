"""claimcheck: compare news articles about one story, claim by claim.

Which statements do the sources share, where do they disagree, and where does each
claim come from?

>>> import claimcheck
>>> report = claimcheck.compare([
...     claimcheck.Source(id="a", text="The council said 40 homes were flooded."),
...     claimcheck.Source(id="b", text="Forty homes were flooded, the council said."),
... ])
>>> [g.sources for g in report.shared_groups]
[('a', 'b')]
"""

import importlib
from typing import TYPE_CHECKING, Any

from .errors import ClaimcheckError, InputError, SourceError
from .load import load
from .model import (
    Claim,
    ClaimKind,
    Discrepancy,
    DiscrepancyType,
    Group,
    Link,
    Note,
    Provenance,
    Quantity,
    Relation,
    Source,
    Span,
    Speaker,
)

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import compare
    from .render import FORMATS, render
    from .report import Report

# The pipeline's modules load on first use, so ``import claimcheck`` stays cheap.
_LAZY = {"compare": "pipeline", "render": "render", "FORMATS": "render", "Report": "report"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")

__version__ = "0.1.0"

__all__ = [
    "FORMATS",
    "Claim",
    "ClaimKind",
    "ClaimcheckError",
    "Discrepancy",
    "DiscrepancyType",
    "Group",
    "InputError",
    "Link",
    "Note",
    "Provenance",
    "Quantity",
    "Relation",
    "Report",
    "Source",
    "SourceError",
    "Span",
    "Speaker",
    "compare",
    "load",
    "render",
]
