"""Indented JSON text, exactly as ``json.dumps(data, ensure_ascii=False, indent=n)``
writes it, several times faster and without its millions of small chunks.

With ``indent`` set, the standard library leaves its C encoder for a pure-Python one
that yields one string per token and joins them at the end: most of the time of a big
report's JSON, and a list of tens of millions of strings at its peak. Here each
container is joined once, strings are escaped by the same C function, and numbers are
written by the same ``repr`` calls; data the standard library would reject (a
non-JSON value, a non-string key it cannot convert) is handed to it, so errors stay
its own.

>>> data = {"a": [1, 2.5, None, True], "b": {}, "c": [], "d": {"x": "é\\n"}}
>>> dumps(data, 2) == json.dumps(data, ensure_ascii=False, indent=2)
True
"""

from __future__ import annotations

import functools
import json
from itertools import chain
from json.encoder import c_make_encoder  # type: ignore[attr-defined]  # None without the C speedups
from json.encoder import encode_basestring  # the C escaper when available, as json uses
from typing import Any, Callable, Optional

_INF = float("inf")


def dumps(data: Any, indent: int) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=indent)``, byte for byte."""
    try:
        out: list[str] = []
        _write(data, "\n", " " * indent, out)
        return "".join(out)
    except (_Unsupported, RecursionError):  # incl. a cycle, which json reports as such
        return json.dumps(data, ensure_ascii=False, indent=indent)


class _Unsupported(Exception):
    """Something the fast path does not write: the standard library decides."""


def _float(o: float) -> str:
    # json's own float text (allow_nan=True)
    if o != o:
        return "NaN"
    if o == _INF:
        return "Infinity"
    if o == -_INF:
        return "-Infinity"
    return float.__repr__(o)


_SCALARS = frozenset({str, int, float, bool, type(None)})


@functools.lru_cache(maxsize=64)
def _flat(inner: str) -> Optional[Callable[[Any, int], Any]]:
    """json's C encoder writing items separated by ``,`` + ``inner``: for a container
    of scalars that is the indented text between its brackets."""
    if c_make_encoder is None:
        return None
    try:  # the arguments json.JSONEncoder passes it (3.8 to 3.14)
        encoder: Callable[[Any, int], Any] = c_make_encoder(None, None, encode_basestring, None, ": ", "," + inner,
                                                            False, False, True)
    except TypeError:  # pragma: no cover - another signature: the Python path only
        return None
    return encoder


def _records(o: list[Any], nl: str, step: str, out: list[str]) -> bool:
    """A list of non-empty dicts of scalars (spans, values, notes: most of a report) in
    one C call, fields already indented; then the breaks between dicts are indented.
    ``},`` + newline + ``{`` occurs nowhere else: a scalar never ends with ``}``, a key
    never starts with ``{``, and a string never holds a raw newline."""
    inner = nl + step
    inner2 = inner + step
    flat = _flat(inner2)
    # checked with C-level iteration only: in Python the check would cost what the writing does
    if (flat is None or not all(o) or set(map(type, o)) != {dict}
            or not _SCALARS.issuperset(map(type, chain.from_iterable(map(dict.values, o))))):
        return False
    text = "".join(flat(o, 0)).replace("}," + inner2 + "{", f"{inner}}},{inner}{{{inner2}")
    out += ("[", inner, "{", inner2, text[2:-2], inner, "}", nl, "]")
    return True


def _write(o: Any, nl: str, step: str, out: list[str]) -> None:
    """Append the text of ``o`` (indented as if it started after ``nl``) to ``out``:
    pieces are joined once at the end, so big parts are never copied into their parents."""
    # the order of the checks is json's: str before int, True/False before int
    if isinstance(o, str):
        out.append(encode_basestring(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif isinstance(o, int):
        out.append(int.__repr__(o))
    elif isinstance(o, float):
        out.append(_float(o))
    elif isinstance(o, (list, tuple)):
        if not o:
            out.append("[]")
            return
        inner = nl + step
        flat = _flat(inner)
        if flat is not None and type(o) is list:
            if _SCALARS.issuperset(map(type, o)):
                out += ("[", inner, "".join(flat(o, 0))[1:-1], nl, "]")
                return
            if type(o[0]) is dict and _records(o, nl, step, out):
                return
        sep = "," + inner
        out += ("[", inner)
        for i, v in enumerate(o):
            if i:
                out.append(sep)
            _write(v, inner, step, out)
        out += (nl, "]")
    elif isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        inner = nl + step
        flat = _flat(inner)
        if flat is not None and type(o) is dict and _SCALARS.issuperset(map(type, o.values())):
            out += ("{", inner, "".join(flat(o, 0))[1:-1], nl, "}")
            return
        sep = "," + inner
        out += ("{", inner)
        for i, (k, v) in enumerate(o.items()):
            if i:
                out.append(sep)
            out += (_key(k), ": ")
            _write(v, inner, step, out)
        out += (nl, "}")
    else:
        raise _Unsupported


def _key(k: Any) -> str:
    if isinstance(k, str):
        return encode_basestring(k)
    if isinstance(k, float):
        return encode_basestring(_float(k))
    if k is True:
        return '"true"'
    if k is False:
        return '"false"'
    if k is None:
        return '"null"'
    if isinstance(k, int):
        return encode_basestring(int.__repr__(k))
    raise _Unsupported
