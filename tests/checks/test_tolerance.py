"""Comparing amounts within rounding."""

from __future__ import annotations

from decimal import Decimal

from yusuan.checks.tolerance import compare
from yusuan.model import Amount


def test_compare_rounding_and_error() -> None:
    t = Amount.of
    assert compare(t("3.00"), [t("1.00"), t("2.00")]).ok
    c = compare(t("3.01"), [t("1.00"), t("2.00")])
    assert not c.ok and c.possible_rounding and c.difference == Decimal("0.01")
    c = compare(t("3.10"), [t("1.00"), t("2.00")])
    assert not c.ok and not c.possible_rounding
    # empty cells are exact zeros
    assert not compare(t("0.01"), [None]).possible_rounding or compare(t("0.01"), [None]).tolerance == Decimal("0.005")
    # the same figure printed to a coarser precision is consistent
    assert compare(t("6.3"), [t("6.26")]).ok
    assert not compare(t("6.3"), [t("6.36")]).ok
