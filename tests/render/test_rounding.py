"""Rounding-safe output: tables kept in 元 printed in 万元 add up as printed (largest remainder)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from support.generated import budgets
from yusuan import check, read_bytes
from yusuan.modelfile import load_model
from yusuan.render import render
from yusuan.render.rounding import ROUNDING_NOTE, half_up, largest_remainder

D = Decimal


def test_largest_remainder_adds_up_where_half_up_does_not() -> None:
    parts = [D("3.333334"), D("3.333333"), D("3.333333")]
    assert sum(half_up(p) for p in parts) == D("9.99")  # each rounded on its own misses the total
    assert largest_remainder(parts) == [D("3.34"), D("3.33"), D("3.33")]
    assert largest_remainder([D("0.005"), D("0.005")], D("0.01")) == [D("0.01"), D("0.00")]  # ties: the first
    assert largest_remainder([D("1.25"), D("2.50")]) == [D("1.25"), D("2.50")]  # exact figures untouched
    with pytest.raises(ValueError):
        largest_remainder([D("1.001")], D("5.00"))


_THREE = """schema: yusuan.model/1
profile: henan-unit-budget
unit: 豫北市档案馆
year: 2025
amount_unit: 元
print_unit: 万元
narrative: [{heading: 第二部分 豫北市档案馆2025年度单位预算情况说明}]
tables:
  three_public:
    rows:
      - {label: 合计, values: {total: 100000.00, overseas: 33333.34, vehicle_total: 33333.33, vehicle_operation: 33333.33, reception: 33333.33}}
"""


def test_a_table_in_yuan_prints_in_wan_with_parts_adding_up() -> None:
    d = load_model(_THREE.encode(), "t.yaml", allow_partial=True).disclosure
    t = d.table("three_public")
    assert t is not None and t.unit == "万元" and ROUNDING_NOTE in t.notes  # the note on rounding is added
    row = t.rows[0]
    got = {k: row.amount(k) for k in ("total", "overseas", "vehicle_total", "vehicle_operation", "reception")}
    assert {k: (a.text() if a else None) for k, a in got.items()} == {
        "total": "10.00",
        "overseas": "3.34",
        "vehicle_total": "3.33",
        "vehicle_operation": "3.33",
        "reception": "3.33",
    }
    assert not [f for f in check(d) if f.rule.startswith("ARITH")]
    again = read_bytes(render(d, "html"), "t.html", allow_partial=True).disclosure.table("three_public")
    assert again is not None and again.rows[0].amount("overseas") == got["overseas"]


def test_print_unit_only_prints_yuan_as_wan() -> None:
    from yusuan.errors import InputError

    with pytest.raises(InputError) as e:
        load_model(
            _THREE.replace("amount_unit: 元", "amount_unit: 万元").replace("print_unit: 万元", "print_unit: 元").encode(),
            "t.yaml",
            allow_partial=True,
        )
    assert "print_unit" in e.value.zh


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(budgets())
def test_generated_budgets_in_yuan_print_in_wan_and_add_up(model: dict[str, Any]) -> None:
    """Every sum inside each table holds exactly as printed, and tables that print the same figure
    print it the same: the audit finds nothing above info, not even a possible rounding."""
    model = {**model, "amount_unit": "元", "print_unit": "万元"}
    d = load_model(json.dumps(model, ensure_ascii=False).encode(), "g.json", "json", compose=True).disclosure
    assert all(t.unit == "万元" for t in d.tables)
    assert all(c.amount is None or c.amount.decimals == 2 for t in d.tables for r in t.rows for c in r.cells)
    findings = check(d)
    assert [f.message for f in findings if f.severity in ("error", "warning")] == []
