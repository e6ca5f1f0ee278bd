"""Rows of a function-coded table as a tree, in O(n log n): which rows are leaves (no other
row's code extends theirs) and which rows are the direct children (code + 2 digits) of a
row. The checks used to compare every coded row with every other (20,000 rows: minutes)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..model.core import Row

__all__ = ["leaves", "children"]


def leaves(coded: Sequence[Row]) -> list[Row]:
    """The rows whose code no other row's code extends (in table order): a code is a proper
    prefix of some other code exactly when the next greater distinct code in sorted order
    starts with it."""
    codes = sorted(set(r.code for r in coded))
    inner = {a for a, b in zip(codes, codes[1:], strict=False) if b.startswith(a)}
    return [r for r in coded if r.code not in inner]


def children(coded: Sequence[Row]) -> dict[str, list[Row]]:
    """code → the rows whose code is that code and two more characters (in table order)."""
    out: dict[str, list[Row]] = defaultdict(list)
    for r in coded:
        if len(r.code) >= 2:
            out[r.code[:-2]].append(r)
    return out
