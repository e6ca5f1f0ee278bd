"""Change one numeric cell of a document: every printed figure (or every empty value cell) by
each of ``DELTAS``; a finding must name the changed cell's table and its row or column.
Used by the mutation tests and by the tests that need documents with a wrong figure."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from yusuan import check
from yusuan.model import Amount, Disclosure
from yusuan.model.core import PerformanceTable, Table

DELTAS = (Decimal("0.01"), Decimal("-0.01"), Decimal("1.00"), Decimal("-123.45"))


def mutants(d: Disclosure, include_empty: bool) -> Iterator[tuple[Any, Any, Any, Decimal, Disclosure]]:
    """(table, row, cell, delta, the changed document) for every figure (or empty cell) and delta."""
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


def row_key(row: Any) -> str:
    return getattr(row, "key", None) or row.code


def run_mutations(d: Disclosure, include_empty: bool) -> tuple[int, int, list[str]]:
    """(mutants, mutants named by a new finding, the ones missed); a change of 1 or more must be an error."""
    baseline = {(f.rule, f.message) for f in check(d)}
    total = detected = 0
    missed: list[str] = []
    for t, row, cell, delta, nd in mutants(d, include_empty):
        total += 1
        findings = [f for f in check(nd) if (f.rule, f.message) not in baseline]
        assert not any(f.rule == "RULE-CRASH" for f in findings)
        hit = [
            f
            for f in findings
            if any(c.table == t.type and (c.row_key == row_key(row) or c.column_key == cell.column) for c in f.cells)
        ]
        if hit:
            detected += 1
            if abs(delta) >= 1:
                assert any(f.severity == "error" for f in hit), (t.type, row_key(row), cell.column, delta)
        else:
            missed.append(f"{t.type}/{row_key(row)}/{cell.column}/{delta}")
    return total, detected, missed
