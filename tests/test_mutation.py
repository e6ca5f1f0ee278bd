"""Change one numeric cell of the reference document: the audit must name it.

Every printed figure of every table (and, as a second population, every empty value
cell) is changed by several amounts of at least 0.01. A finding must name the changed
cell's table and its row or column; a change within rounding must come back as
"possible rounding", one beyond it as an error.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from yusuan import check
from yusuan.model import Amount, Disclosure
from yusuan.model.core import PerformanceTable, Table

DELTAS = (Decimal("0.01"), Decimal("-0.01"), Decimal("1.00"), Decimal("-123.45"))


def _mutants(d: Disclosure, include_empty: bool):
    tables: list[Table | PerformanceTable] = list(d.tables) + ([d.performance] if d.performance else [])
    for t in tables:
        for ri, row in enumerate(t.rows):
            for ci, cell in enumerate(row.cells):
                if (cell.amount is None) != include_empty:
                    continue
                for delta in DELTAS:
                    base = cell.amount.value if cell.amount else Decimal(0)
                    decimals = max(cell.amount.decimals if cell.amount else 2, 2)
                    new = Amount(base + delta, decimals)
                    cells = list(row.cells)
                    cells[ci] = dataclasses.replace(cell, amount=new, raw=new.text())
                    rows = list(t.rows)
                    rows[ri] = dataclasses.replace(row, cells=tuple(cells))
                    nt = dataclasses.replace(t, rows=tuple(rows))
                    if isinstance(nt, PerformanceTable):
                        nd = dataclasses.replace(d, performance=nt)
                    else:
                        nd = dataclasses.replace(d, tables=tuple(nt if x is t else x for x in d.tables))
                    yield t, row, cell, delta, nd


def _row_key(row) -> str:
    return getattr(row, "key", None) or row.code


def _run(d: Disclosure, include_empty: bool) -> tuple[int, int, list[str]]:
    baseline = {(f.rule, f.message) for f in check(d)}
    total = detected = 0
    missed: list[str] = []
    for t, row, cell, delta, nd in _mutants(d, include_empty):
        total += 1
        findings = [f for f in check(nd) if (f.rule, f.message) not in baseline]
        assert not any(f.rule == "RULE-CRASH" for f in findings)
        hit = [
            f
            for f in findings
            if any(c.table == t.type and (c.row_key == _row_key(row) or c.column_key == cell.column) for c in f.cells)
        ]
        if hit:
            detected += 1
            if abs(delta) >= 1:
                assert any(f.severity == "error" for f in hit), (t.type, _row_key(row), cell.column, delta)
        else:
            missed.append(f"{t.type}/{_row_key(row)}/{cell.column}/{delta}")
    return total, detected, missed


@pytest.mark.slow
def test_every_printed_figure_change_is_reported(henan: Disclosure) -> None:
    total, detected, missed = _run(henan, include_empty=False)
    rate = detected / total
    print(f"\nprinted-figure mutations: {detected}/{total} detected ({rate:.2%}); missed: {missed[:20]}")
    assert total > 800
    assert rate >= 0.99


@pytest.mark.slow
def test_every_empty_cell_filled_is_reported(henan: Disclosure) -> None:
    total, detected, missed = _run(henan, include_empty=True)
    rate = detected / total
    print(f"\nempty-cell mutations: {detected}/{total} detected ({rate:.2%}); missed: {missed[:20]}")
    assert rate >= 0.99
