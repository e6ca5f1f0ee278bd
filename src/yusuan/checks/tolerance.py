"""Rounding-aware comparison (XBRL Calculations 1.1 style).

A printed figure with d decimals stands for value ± 0.5·10^-d; an empty cell is an exact
zero. ``total = Σ parts`` is

* consistent when the printed figures agree exactly (or, for a plain equality of two
  figures printed to different precision, when the finer one rounds to the coarser);
* "possible rounding" when they differ by no more than the sum of the rounding radii:
  the intervals still meet, so rounding may explain it;
* an error otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..model.money import Amount

__all__ = ["Comparison", "compare", "value"]

ZERO = Decimal(0)


def value(a: Amount | None) -> Decimal:
    return a.value if a is not None else ZERO


@dataclass(frozen=True, slots=True)
class Comparison:
    expected: Decimal  # Σ parts
    actual: Decimal  # total as printed
    difference: Decimal  # actual - expected
    tolerance: Decimal
    ok: bool
    possible_rounding: bool


def compare(total: Amount | None, parts: Sequence[Amount | None]) -> Comparison:
    expected = sum((value(p) for p in parts), ZERO)
    actual = value(total)
    diff = actual - expected
    tol = sum((a.half_unit for a in (total, *parts) if a is not None), ZERO)
    if diff == 0:
        return Comparison(expected, actual, diff, tol, True, False)
    if len(parts) == 1 and total is not None and parts[0] is not None and total.decimals != parts[0].decimals:
        fine, coarse = (total, parts[0]) if total.decimals > parts[0].decimals else (parts[0], total)
        q = Decimal(1).scaleb(-coarse.decimals)
        if fine.value.quantize(q, rounding=ROUND_HALF_UP) == coarse.value:
            return Comparison(expected, actual, diff, tol, True, False)
    return Comparison(expected, actual, diff, tol, False, abs(diff) <= tol)
