"""claimcheck: compare news articles about one story, claim by claim."""

from .errors import ClaimcheckError, InputError, SourceError
from .load import load
from .model import Source

__version__ = "0.1.0"
