"""Exceptions raised by claimcheck.

The hierarchy::

    ClaimcheckError                      root: catch this to catch everything of ours
    ├── SourceError(ClaimcheckError, OSError)
    │   raised when an input cannot be read or decoded (names the file and the problem)
    └── InputError(ClaimcheckError, ValueError)
        raised when input is readable but unusable (bad manifest, duplicate ids, ...)

Every message is one line: what was expected, what arrived, and what to do.
"""

from __future__ import annotations

from typing import Optional


class ClaimcheckError(Exception):
    """Root of every error claimcheck raises on purpose."""

    def __init__(self, message: str, *, path: Optional[str] = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class SourceError(ClaimcheckError, OSError):
    """An input file or stream cannot be read or decoded."""

    def __init__(self, message: str, *, path: Optional[str] = None) -> None:
        ClaimcheckError.__init__(self, message, path=path)


class InputError(ClaimcheckError, ValueError):
    """The input is readable but cannot be used as given."""
