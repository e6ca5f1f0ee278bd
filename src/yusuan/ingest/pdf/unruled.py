"""Stage 5, unruled tables: text lines → runs of column-aligned lines without ruling (two or
more runs separated by wide gaps on several consecutive lines, with amounts), their columns
found from the x-positions shared by the rows.
"""

from __future__ import annotations

from .lines import _Line
from .patterns import _AMOUNT, _UNIT_SEG

__all__ = ["lines_to_unruled"]


def lines_to_unruled(lines: list[_Line]) -> list[tuple[int, int, list[list[str]]]]:
    """Runs of consecutive lines that look like a table without ruling: (first, end, rows)."""
    out: list[tuple[int, int, list[list[str]]]] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and len(lines[j].runs) >= 2 and not _UNIT_SEG.match(lines[j].runs[-1]):
            j += 1
        block = lines[i:j]
        amounts = sum(1 for ln in block for r in ln.runs if _AMOUNT.match(r))
        if len(block) >= 3 and amounts >= len(block):
            out.append((i, j, _columns(block)))
            i = j
        else:
            i = max(j, i + 1)
    return out


def _columns(block: list[_Line]) -> list[list[str]]:
    """Columns of an unruled block: x-intervals where some run lies, merged where runs overlap."""
    spans = sorted(x for ln in block for x in ln.run_x)
    cols: list[list[float]] = []
    for a, b in spans:
        if cols and a <= cols[-1][1] + 1.0:
            cols[-1][1] = max(cols[-1][1], b)
        else:
            cols.append([a, b])
    rows = []
    for ln in block:
        row = [""] * len(cols)
        for (a, b), text in zip(ln.run_x, ln.runs, strict=True):
            k = next(k for k, (c0, c1) in enumerate(cols) if c0 <= (a + b) / 2 <= c1)
            row[k] = (row[k] + text) if row[k] else text
        rows.append(row)
    return rows
