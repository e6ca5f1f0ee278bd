"""Judging a narrative figure against the value it states: verdicts with their rounding.

A printed figure stands for an interval (its value ± half a unit of its last printed
digit; the arithmetic is :mod:`yusuan.tolerance`'s). A figure agrees with a table cell when the finer printing rounds to the coarser; a
percentage agrees with the ratio of the figures it is computed from when it is that ratio
rounded half-up, and is "possible rounding" when only the rounding of those figures (or a
truncation, or one unit of the last digit) explains the difference. Also how a computed or
table figure is worded in a finding.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Literal, NamedTuple

from ..findings import CellRef
from ..model.money import WAN
from ..tolerance import last_digit, percent_meets, round_half_up, same_printing
from .sentences import Token

Status = Literal["verified", "wrong", "rounding", "unverifiable", "unlinked"]


def _fmt(x: Decimal, places: int = 2) -> str:
    return f"{x:,.{places}f}"


_PRINTED_NUMBER = re.compile(r"[-−]?\d[\d,]*(?:\.\d+)?")


def _tfig(v: Decimal, dec: int, cell: CellRef | None = None, unit: str = "万元") -> str:
    """A table figure as the table prints it: a table in 元 shows its printed cell
    (9,584,796元, i.e. 958.48万元), never the raw conversion 958.4796万元; a figure in 万元
    keeps the table's decimals (at most four)."""
    if unit == "元" and cell is not None and _PRINTED_NUMBER.fullmatch(cell.value.strip()):
        return f"{cell.value.strip()}元，即 {_fmt(v, 2)}万元"
    if unit == "元":
        return f"{_fmt(v * WAN, max(dec - 4, 0))}元，即 {_fmt(v, 2)}万元"
    return f"{_fmt(v, min(max(dec, 0), 4))}万元"


def _en(x: Decimal, places: int = 2) -> str:
    """A computed figure in an English message: to the cent (or the given places), never
    the 28 digits of a Decimal division."""
    return f"{x:,.{places}f}"


def _shown(computed: Decimal, decimals: int) -> Decimal:
    """A computed percentage as a suggestion: to the printed decimals, but never coarser than 0.01%."""
    return round_half_up(computed, max(decimals, 2))


class Verdict(NamedTuple):
    """How a printed figure compares with the value it states: ``status`` and, for
    "rounding", which kind of rounding explains the difference (the finding says so)."""

    status: Status
    note: str = ""
    note_en: str = ""


def _pct_verdict(
    pct: Token, computed: Decimal, interval: tuple[Decimal, Decimal] | None, ceiling: Decimal | None = None
) -> Verdict:
    """A printed percentage against the ratio of the printed figures (see :func:`_rounding_verdict`).

    ``ceiling``: a share cannot exceed 100%, so a printed share above it is never rounding."""
    unit = last_digit(pct.decimals)
    expected = round_half_up(computed, pct.decimals)
    if pct.value == expected:
        return Verdict("verified")
    if interval is not None and percent_meets(pct.value, pct.decimals, interval):
        return Verdict("rounding")
    if ceiling is not None and pct.value > ceiling:
        return Verdict("wrong")
    return _rounding_verdict(pct.value, unit, computed, "%", pct.decimals)


def _rounding_verdict(printed: Decimal, unit: Decimal, exact: Decimal, suffix: str, places: int) -> Verdict:
    """A figure that is the exact value cut off (截尾: 87.70 for 87.708) or one unit of its
    last printed digit from the exact value rounded (0.64% for 0.6341%: shares forced to add
    up to 100%, or rounded twice) is "possible rounding"; anything further is wrong."""
    rounded = exact.quantize(unit, rounding=ROUND_HALF_UP)
    if printed == exact.quantize(unit, rounding=ROUND_DOWN):
        return Verdict(
            "rounding",
            f"所述 {printed:f}{suffix} 是 {exact:.{places + 2}f}{suffix} 截尾（舍去尾数）所得，四舍五入应为 {rounded:f}{suffix}，属尾数处理差异",
            f"{printed}{suffix} is {exact:.{places + 2}f}{suffix} truncated; rounded it is {rounded}{suffix}",
        )
    if abs(printed - rounded) == unit:
        return Verdict(
            "rounding",
            f"与四舍五入值 {rounded:f}{suffix} 只差末位一个单位（{unit:f}{suffix}），可能是尾数误差",
            f"one unit of the last digit from the rounded value {rounded}{suffix}: possible rounding",
        )
    return Verdict("wrong")


def _amount_verdict(printed: Decimal, p_dec: int, table: Decimal, t_dec: int) -> Verdict:
    """A narrative amount against its table cell: the same figure, or one explained by the
    rounding (截尾 or one unit of the last printed digit), or wrong. Amounts printed without
    decimals are not given the one-unit allowance ("36万元" is not 35.00万元 rounded)."""
    if same_printing(printed, p_dec, table, t_dec):
        return Verdict("verified")
    if p_dec < 1 or t_dec < 1:
        return Verdict("wrong")
    places = min(p_dec, t_dec)
    unit = last_digit(places)
    shown = round_half_up(printed, places)
    v = _rounding_verdict(shown, unit, table, "万元", places)
    if v.status == "rounding" and p_dec >= t_dec:  # as printed in the table: no truncation, one cent apart
        return Verdict(
            "rounding",
            f"与表中数相差 {abs(printed - table):f}万元（末位一个单位），可能是尾数误差",
            "one unit of the last digit from the table: possible rounding",
        )
    return v
