"""Tables for the text and Markdown reports: tabulate's layouts, at the cost of the text.

tabulate types every cell of a table (number? date? coloured?) before laying it out,
which was most of the time of a big report. :func:`table` lays out a table whose columns
are all text itself, exactly as tabulate would (``tests/test_tables.py`` compares the
two on random tables); anything else, or anything tabulate treats specially (line
breaks, ANSI codes, its separating-line marker), goes to tabulate.

>>> print(table([["a", "x y"], ["bb", "z"]], ["id", "text"], "simple"))
id    text
----  ------
a     x y
bb    z
"""

from __future__ import annotations

import re
from itertools import chain
from typing import Any, Callable, Optional, Sequence

import tabulate as _tabulate

try:  # tabulate's own cell typing and layouts, so the two paths cannot disagree
    from tabulate import _table_formats, _type
except ImportError:  # pragma: no cover - a tabulate without them: always tabulate
    _table_formats, _type = {}, None

# what makes tabulate leave the plain path: line breaks, ANSI escapes, SEPARATING_LINE
_SPECIAL = re.compile("[\r\n\x1b\x01]")


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str], tablefmt: str) -> str:
    """``tabulate(rows, headers, tablefmt=tablefmt)``, byte for byte."""
    if _SPECIAL.search("\t".join(map(str, chain(headers, chain.from_iterable(rows))))):
        return str(_tabulate.tabulate(rows, headers, tablefmt=tablefmt))
    text_columns = _text_columns(rows, len(headers))
    if len(text_columns) == len(headers):
        fast = _plain(rows, headers, tablefmt)
        if fast is not None:
            return fast
    # one text cell makes a column text, whatever the others parse as: there tabulate's
    # number parsing (its slowest part) changes nothing, so it is switched off
    return str(_tabulate.tabulate(rows, headers, tablefmt=tablefmt, disable_numparse=text_columns))


def _text_columns(rows: Sequence[Sequence[Any]], width: int) -> list[int]:
    """Columns tabulate types as text (a column is text if one of its cells is)."""
    if _type is None:
        return []
    out = []
    for i in range(width):
        for row in rows:
            if _type(row[i]) is str:
                out.append(i)
                break
    return out


def _plain(rows: Sequence[Sequence[Any]], headers: Sequence[str], tablefmt: str) -> Optional[str]:
    """The layout of a table of text cells (every column typed text, no special
    characters), or None where tabulate would do more than pad and join."""
    fmt = _table_formats.get(tablefmt)
    width = len(headers)
    if (fmt is None or not rows or not width or fmt.linebetweenrows or not fmt.headerrow or not fmt.datarow
            or any(callable(x) for x in (fmt.lineabove, fmt.linebelowheader, fmt.linebelow, fmt.headerrow,
                                          fmt.datarow))
            or any(len(r) != width for r in rows) or set(map(type, chain.from_iterable(rows))) != {str}
            or not all(type(h) is str for h in headers)):
        return None
    wide = _tabulate.wcwidth is not None and _tabulate.WIDE_CHARS_MODE
    width_of: Callable[[str], int] = _tabulate.wcwidth.wcswidth if wide else len
    columns = []
    colwidths = []
    for i, head in enumerate(headers):
        # _align_column, left: cells stripped, padded to the widest (header + MIN_PADDING)
        cells = [r[i].strip() for r in rows]
        widths = list(map(width_of, cells))
        least = width_of(head) + _tabulate.MIN_PADDING
        widest = max(max(widths), least)
        padded = [c + " " * (widest - w) for c, w in zip(cells, widths)]
        columns.append(padded)
        colwidths.append(max(least, max(map(width_of, padded))))
    # _align_header, left: padded to the column width (wide characters count double)
    heads = [h + " " * (w - width_of(h)) for h, w in zip(headers, colwidths)]
    hidden = fmt.with_header_hide or []
    pad = " " * fmt.padding
    widths2 = [w + 2 * fmt.padding for w in colwidths]

    def line(linefmt: Any) -> str:
        parts: tuple[str, str, str, str] = tuple(linefmt)
        begin, fill, sep, end = parts
        return (begin + sep.join(fill * w for w in widths2) + end).rstrip()

    def row(cells: Sequence[str], rowfmt: tuple[str, str, str]) -> str:
        begin, sep, end = rowfmt
        return (begin + sep.join(pad + c + pad for c in cells) + end).rstrip()

    lines = []
    if fmt.lineabove and "lineabove" not in hidden:
        lines.append(line(fmt.lineabove))
    headerrow: tuple[str, str, str] = tuple(fmt.headerrow)
    datarow: tuple[str, str, str] = tuple(fmt.datarow)
    lines.append(row(heads, headerrow))
    if fmt.linebelowheader and "linebelowheader" not in hidden:
        lines.append(line(fmt.linebelowheader))
    lines.extend(row(cells, datarow) for cells in zip(*columns))
    if fmt.linebelow and "linebelow" not in hidden:
        lines.append(line(fmt.linebelow))
    return "\n".join(lines)
