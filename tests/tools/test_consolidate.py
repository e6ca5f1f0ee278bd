"""yusuan consolidate: unit documents added into the department's tables by code (exact sums)
and compared with the published department document."""

from __future__ import annotations

import dataclasses
import json
from decimal import ROUND_DOWN, Decimal

import pytest
from typer.testing import CliRunner

from support import CORPUS as C
from yusuan.cli import app
from yusuan.errors import NotComparable
from yusuan.model import Disclosure
from yusuan.model.money import Amount
from yusuan.tools.consolidate import consolidate, to_json, to_text


def _scaled(d: Disclosure, first: bool, name: str) -> Disclosure:
    """One of two units whose figures add up exactly to ``d``'s: half (cut to the cent), or the rest."""

    def part(a: Amount) -> Amount:
        half = (a.value / 2).quantize(Decimal("0.01"), ROUND_DOWN)
        return Amount(half if first else a.value - half, 2)

    tables = tuple(
        dataclasses.replace(
            t,
            rows=tuple(
                dataclasses.replace(
                    r,
                    cells=tuple(
                        dataclasses.replace(c, amount=part(c.amount), raw=part(c.amount).text()) if c.amount is not None else c
                        for c in r.cells
                    ),
                )
                for r in t.rows
            ),
        )
        for t in d.tables
    )
    return dataclasses.replace(d, tables=tables, meta=dataclasses.replace(d.meta, unit_name=name))


@pytest.fixture
def split(henan: Disclosure) -> tuple[Disclosure, Disclosure, Disclosure]:
    dept = dataclasses.replace(henan, meta=dataclasses.replace(henan.meta, scope="department", unit_name="某部门"))
    return _scaled(henan, True, "甲单位"), _scaled(henan, False, "乙单位"), dept


def test_units_that_add_up_have_no_difference(split: tuple[Disclosure, Disclosure, Disclosure]) -> None:
    a, b, dept = split
    c = consolidate([a, b], "某部门", dept)
    assert c.differences == () and c.errors == 0
    exp = next(t for t in c.tables if t.type == "expenditure")
    row = next(s for s in exp.cells if s.code == "2010301" and s.column == "total")
    assert [n for n, _ in row.parts] == ["甲单位", "乙单位"] and sum(v for _, v in row.parts) == row.total
    assert "一致" in to_text(c)


def test_a_changed_unit_cell_is_the_one_difference(split: tuple[Disclosure, Disclosure, Disclosure]) -> None:
    a, b, dept = split
    t = b.table("expenditure")
    assert t is not None
    row = next(r for r in t.rows if r.code == "2010301")
    cell = next(c for c in row.cells if c.column == "total")
    assert cell.amount is not None
    new = dataclasses.replace(cell, amount=Amount(cell.amount.value + Decimal("1.00"), 2))
    rows = tuple(dataclasses.replace(r, cells=tuple(new if c is cell else c for c in r.cells)) if r is row else r for r in t.rows)
    b = dataclasses.replace(b, tables=tuple(dataclasses.replace(x, rows=rows) if x is t else x for x in b.tables))
    c = consolidate([a, b], "某部门", dept)
    assert [(d.kind, d.table, d.row.split()[0], d.difference, d.possible_rounding) for d in c.differences] == [
        ("differs", "expenditure", "2010301", Decimal("1.00"), False)
    ]
    d = c.differences[0]
    assert d.table_no == t.number and d.column.startswith("合计")
    assert json.loads(to_json(c))["differences"][0]["difference"] == "1.00"


def test_a_unit_left_out_shows_as_the_department_printing_more(split: tuple[Disclosure, Disclosure, Disclosure]) -> None:
    a, _, dept = split
    c = consolidate([a], "某部门", dept)
    assert c.errors > 0 and all(d.difference < 0 for d in c.differences if not d.possible_rounding)
    assert any("缺少" in n for n in c.notes)


def test_refusals(split: tuple[Disclosure, Disclosure, Disclosure]) -> None:
    a, b, dept = split
    with pytest.raises(NotComparable, match="年度不同"):
        consolidate([a, dataclasses.replace(b, meta=dataclasses.replace(b.meta, year=2023))], "某部门")
    with pytest.raises(NotComparable, match="部门文件"):
        consolidate([a, dept], "某部门")
    with pytest.raises(NotComparable, match="不能比较"):
        consolidate([a, b], "某部门", dataclasses.replace(dept, meta=dataclasses.replace(dept.meta, year=2025)))
    with pytest.raises(NotComparable, match="预算又有决算"):
        consolidate([a, dataclasses.replace(b, meta=dataclasses.replace(b.meta, kind="final_account"))], "某部门")


def test_shanghai_unit_against_its_department() -> None:
    """The justice bureau's unit budget is one of the department's units: the department prints
    more (its other units), each difference located by table, row, column and page; the 三公
    table in 万元 is added in 万元 while the others are in 元."""
    r = CliRunner().invoke(
        app,
        [
            "consolidate",
            str(C / "shanghai-putuo-justice-2026-unit-budget.pdf"),
            "--department",
            "上海市普陀区司法局",
            "--against",
            str(C / "shanghai-putuo-justice-2026-dept-budget.pdf"),
            "--format",
            "json",
        ],
    )
    assert r.exit_code == 1, r.output
    out = json.loads(r.stdout)
    diffs = {(d["table"], d["row"], d["column"]): d for d in out["differences"]}
    d = next(v for (t, row, col), v in diffs.items() if t == "expenditure" and row.startswith("2040601") and col.endswith("合计"))
    assert (d["units_sum"], d["printed"], d["page"]) == ("14348853.34", "16726725.44", 12)  # the department document's page
    tp = next(v for (t, row, col), v in diffs.items() if t == "three_public" and col.endswith("公务接待费"))
    assert (tp["units_sum"], tp["printed"]) == ("0.73", "0.83")
    assert any("缺少" in n for n in out["notes"])
    # where the unit prints more than its department: the unit's own 行政运行 row, whose 项目支出 is the
    # project total copied into it (the reviewer's finding on the unit budget)
    more = [
        (d["table"], d["row"], d["column"]) for d in out["differences"] if d["kind"] == "differs" and Decimal(d["difference"]) > 0
    ]
    assert more == [("expenditure", "2040601 行政运行", "项目支出"), ("gpb_expenditure", "2040601 行政运行", "项目支出")]


def test_cli_refuses_different_years() -> None:
    r = CliRunner().invoke(
        app,
        [
            "consolidate",
            str(C / "shanghai-putuo-justice-2026-unit-budget.pdf"),
            str(C / "shanghai-putuo-welfare-home-2024-unit-budget.pdf"),
            "--department",
            "某部门",
        ],
    )
    assert r.exit_code == 2 and "年度不同" in r.output
