"""The interval arithmetic of rounding: one home for the rules and the narrative reader.

A figure printed with d decimals stands for value ± 0.5·10^-d (its *radius*); an empty
cell is an exact zero. Everything yusuan allows for rounding follows from that:

* two printings of one figure agree when the finer one rounds (half-up) to the coarser
  (:func:`same_printing`);
* two figures may be the same quantity when their intervals meet (:func:`meet`);
* a ratio of printed figures lies in an interval (:func:`ratio_interval`), and a printed
  percentage is consistent with it when its own interval meets that one (:func:`percent_meets`);
* ``total = Σ parts`` (XBRL Calculations 1.1 style, :func:`compare`) is consistent when the
  printed figures agree exactly (or, for a plain equality of two figures printed to
  different precision, when the finer one rounds to the coarser), "possible rounding" when
  they differ by no more than the sum of the radii, an error otherwise.

What to *say* about a difference (截尾, one unit of the last digit …) is the business of the
callers (:mod:`yusuan.narrative.judge`, the rules); this module only measures.

It imports nothing of yusuan at run time, so the model, the rules and the narrative
reader may all use it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model.money import Amount

__all__ = [
    "Comparison",
    "compare",
    "half_unit",
    "last_digit",
    "meet",
    "percent_meets",
    "ratio_interval",
    "round_half_up",
    "same_printing",
    "value",
]

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def last_digit(decimals: int) -> Decimal:
    """One unit of the last printed digit: 0.01 for two decimals, 1 for none."""
    return Decimal(1).scaleb(-decimals)


def half_unit(decimals: int) -> Decimal:
    """Half of the last printed digit: the rounding radius of a figure printed with ``decimals``."""
    return Decimal(5).scaleb(-(decimals + 1))


def round_half_up(x: Decimal, decimals: int) -> Decimal:
    """``x`` rounded half-up to ``decimals`` places (how budget tables round, not banker's rounding)."""
    return x.quantize(last_digit(decimals), rounding=ROUND_HALF_UP)


def same_printing(a: Decimal, a_dec: int, b: Decimal, b_dec: int) -> bool:
    """Two printings of the same figure agree when the finer one rounds to the coarser
    (35.005 printed as 35.01; but 35.004 is not 35.01, and 35.00 is not 35.0 printed as 35.1)."""
    if a_dec == b_dec:
        return a == b
    if a_dec < b_dec:
        return round_half_up(b, a_dec) == a
    return round_half_up(a, b_dec) == b


def meet(a: Decimal, ha: Decimal, b: Decimal, hb: Decimal) -> bool:
    """The intervals a ± ha and b ± hb meet (touching counts)."""
    return abs(a - b) <= ha + hb


def ratio_interval(p: Decimal, hp: Decimal, w: Decimal, hw: Decimal) -> tuple[Decimal, Decimal] | None:
    """Interval of 100·p/w in percent for p ∈ [p ± hp] (never below zero), w ∈ [w ± hw];
    ``None`` when w may be zero or negative (the ratio is then unbounded)."""
    lo_w, hi_w = w - hw, w + hw
    if lo_w <= 0:
        return None
    lo_p, hi_p = max(p - hp, ZERO), p + hp
    return HUNDRED * lo_p / hi_w, HUNDRED * hi_p / lo_w


def percent_meets(printed: Decimal, decimals: int, interval: tuple[Decimal, Decimal]) -> bool:
    """A printed percentage (with its decimals) whose own rounding interval meets ``interval``."""
    h = half_unit(decimals)
    return printed + h >= interval[0] and printed - h <= interval[1]


# ---------------------------------------------------------------- totals of table cells


def value(a: Amount | None) -> Decimal:
    """A cell's amount; an empty cell is an exact zero."""
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
    """``total = Σ parts`` with the printed figures' rounding (see the module's docstring)."""
    expected = sum((value(p) for p in parts), ZERO)
    actual = value(total)
    diff = actual - expected
    tol = sum((half_unit(a.decimals) for a in (total, *parts) if a is not None), ZERO)
    if diff == 0:
        return Comparison(expected, actual, diff, tol, True, False)
    if len(parts) == 1 and total is not None and parts[0] is not None and total.decimals != parts[0].decimals:
        if same_printing(total.value, total.decimals, parts[0].value, parts[0].decimals):
            return Comparison(expected, actual, diff, tol, True, False)
    return Comparison(expected, actual, diff, tol, False, abs(diff) <= tol)
