"""Amounts as printed."""

from __future__ import annotations

from decimal import Decimal

from yusuan.model import Amount, parse_amount


def test_parse_amount_keeps_printed_decimals() -> None:
    a = parse_amount("2,155.16")
    assert a == Amount(Decimal("2155.16"), 2) and a.text() == "2155.16"
    assert parse_amount("") is None and parse_amount("合计") is None
    assert parse_amount("35.00").text() == "35.00"  # type: ignore[union-attr]
    assert parse_amount("0.5").half_unit == Decimal("0.05")  # type: ignore[union-attr]
