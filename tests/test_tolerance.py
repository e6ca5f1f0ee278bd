"""yusuan.tolerance: the interval arithmetic of rounding, shared by the rules and the narrative
reader — what it must judge consistent, and what it must NOT."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from yusuan.model.money import Amount
from yusuan.tolerance import compare, half_unit, last_digit, meet, percent_meets, ratio_interval, round_half_up, same_printing


@pytest.mark.parametrize(
    ("decimals", "u", "h"),
    [(0, "1", "0.5"), (1, "0.1", "0.05"), (2, "0.01", "0.005"), (4, "0.0001", "0.00005"), (-4, "1E+4", "5E+3")],
)
def test_unit_and_half_unit(decimals: int, u: str, h: str) -> None:
    assert last_digit(decimals) == D(u) and half_unit(decimals) == D(h)
    assert Amount(D("1"), decimals).half_unit == half_unit(decimals)  # the model's radius is this one


@pytest.mark.parametrize(
    ("x", "decimals", "out"),
    [("2.345", 2, "2.35"), ("2.344", 2, "2.34"), ("-2.345", 2, "-2.35"), ("0.125", 2, "0.13"), ("12.5", 0, "13")],
)
def test_round_half_up_is_not_bankers_rounding(x: str, decimals: int, out: str) -> None:
    assert round_half_up(D(x), decimals) == D(out)


@pytest.mark.parametrize(
    ("a", "a_dec", "b", "b_dec", "ok"),
    [
        ("35.01", 2, "35.01", 2, True),
        ("35.0", 1, "35.01", 2, True),  # the finer rounds to the coarser, either way round
        ("35.01", 2, "35.0", 1, True),
        ("958.48", 2, "958.4796", 4, True),
        ("35.01", 2, "35.02", 2, False),  # same precision: equal or not
        ("35.1", 1, "35.04", 2, False),  # 35.04 rounds to 35.0, not 35.1
        ("36", 0, "35.49", 2, False),
        ("958.47", 2, "958.4796", 4, False),  # truncation is not rounding
    ],
)
def test_same_printing(a: str, a_dec: int, b: str, b_dec: int, ok: bool) -> None:
    assert same_printing(D(a), a_dec, D(b), b_dec) is ok


@pytest.mark.parametrize(
    ("a", "ha", "b", "hb", "ok"),
    [
        ("10.00", "0.005", "10.01", "0.005", True),  # touching intervals meet
        ("10.00", "0.005", "10.02", "0.005", False),
        ("10", "0", "10", "0", True),
        ("10", "0", "10.000001", "0", False),  # exact figures: no allowance at all
    ],
)
def test_meet(a: str, ha: str, b: str, hb: str, ok: bool) -> None:
    assert meet(D(a), D(ha), D(b), D(hb)) is ok


def test_ratio_interval() -> None:
    lo, hi = ratio_interval(D("1.00"), D("0.005"), D("4.00"), D("0.005"))  # type: ignore[misc]
    assert lo < D(25) < hi
    assert lo == D(100) * D("0.995") / D("4.005") and hi == D(100) * D("1.005") / D("3.995")
    assert ratio_interval(D("1"), D("0.5"), D("0.004"), D("0.005")) is None  # the whole may be zero
    assert ratio_interval(D("0.001"), D("0.005"), D("1"), D("0.005"))[0] == 0  # type: ignore[index]  # never below zero


@pytest.mark.parametrize(
    ("printed", "decimals", "ok"),
    [
        ("25.00", 2, True),
        ("25.1", 1, True),  # within the ratio's own spread
        ("25.2", 1, True),  # 25.15 … 25.25 still touches 25.156…
        ("25.3", 1, False),
        ("26", 0, False),
        ("24", 0, False),
    ],
)
def test_percent_meets(printed: str, decimals: int, ok: bool) -> None:
    interval = ratio_interval(D("1.00"), D("0.005"), D("4.00"), D("0.005"))
    assert interval is not None
    assert percent_meets(D(printed), decimals, interval) is ok


def test_compare_sum_within_and_beyond_rounding() -> None:
    a = lambda s: Amount(D(s), len(s.split(".")[1]) if "." in s else 0)  # noqa: E731
    c = compare(a("3.00"), [a("1.00"), a("2.00")])
    assert c.ok and not c.possible_rounding
    c = compare(a("3.01"), [a("1.00"), a("2.00")])  # 0.01 ≤ 3 × 0.005: rounding may explain it
    assert not c.ok and c.possible_rounding and c.tolerance == D("0.015")
    c = compare(a("3.02"), [a("1.00"), a("2.00")])  # NOT consistent: beyond the radii
    assert not c.ok and not c.possible_rounding
    c = compare(a("35.0"), [a("35.04")])  # one figure printed twice: the finer rounds to the coarser
    assert c.ok
    c = compare(a("35.1"), [a("35.04")])  # NOT the same figure: 35.04 is 35.0, and 35.05 … 35.15 misses it
    assert not c.ok and not c.possible_rounding
    c = compare(None, [None])  # empty cells are exact zeros
    assert c.ok and c.tolerance == 0
