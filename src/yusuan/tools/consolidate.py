"""Unit documents added into their department's tables, and the sums compared with the
department document that was published.

Every unit's tables are added cell by cell: tables by canonical type, rows by side and
classification code (or the row's canonical key where it has no code: 合计, 一般公共预算 …;
the n-th of a repeated key with the n-th), columns by key. Sums are exact decimals, in the
department document's unit for each table (or the first unit's), 元 and 万元 converted by exact
division. With the department document, each sum is compared with its printed cell: a
difference is listed with the table, row, column and page; one no larger than the rounding of
the printed figures added is marked as possible rounding. A cell the department prints that no
unit has (a unit not given?) and a sum the department does not print are listed too.

Refused (:class:`~yusuan.errors.NotComparable`): units of different years or kinds (budget and
final accounts), a department document given as a unit, a department document of another
year or kind.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from ..errors import NotComparable
from ..model.core import Disclosure, Row, Table
from ..model.money import WAN
from ..tolerance import half_unit

__all__ = ["SumCell", "Difference", "Consolidation", "consolidate", "to_text", "to_json"]

RowKey = tuple[str, str, int]  # side, code or key, occurrence
ColKey = tuple[str, int]  # column key, occurrence
_KIND_ZH = {"budget": "预算", "final_account": "决算"}


@dataclass(frozen=True, slots=True)
class SumCell:
    table: str
    row: RowKey
    code: str
    label: str
    column: str
    column_label: str
    total: Decimal
    parts: tuple[tuple[str, Decimal], ...]  # (unit name, its figure)
    #: the rounding radius of the parts added (half of each one's last printed digit)
    radius: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class Difference:
    kind: Literal["differs", "only_department", "only_units"]
    table: str
    table_no: int | None
    table_title: str
    row: str  # code and label
    column: str  # printed column path
    page: int | None
    units_sum: Decimal | None
    printed: Decimal | None
    possible_rounding: bool = False

    @property
    def difference(self) -> Decimal:
        return (self.units_sum or Decimal(0)) - (self.printed or Decimal(0))


@dataclass(frozen=True, slots=True)
class ConsolidatedTable:
    type: str
    title: str
    unit: str
    cells: tuple[SumCell, ...]


@dataclass(frozen=True, slots=True)
class Consolidation:
    department: str
    year: int | None
    kind: str
    units: tuple[str, ...]
    tables: tuple[ConsolidatedTable, ...]
    differences: tuple[Difference, ...]
    against: str = ""  # the department document's source
    notes: tuple[str, ...] = ()

    @property
    def errors(self) -> int:
        """Differences beyond rounding."""
        return sum(1 for d in self.differences if not d.possible_rounding)


def _to(value: Decimal, unit: str, target: str) -> Decimal:
    if unit == "元" and target == "万元":
        return value / WAN
    if unit == "万元" and target == "元":
        return value * WAN
    return value


def _rows(t: Table) -> Iterable[tuple[RowKey, Row]]:
    seen: dict[tuple[str, str], int] = {}
    for r in t.rows:
        base = (r.side, r.code or r.key or re.sub(r"\s+", "", r.label))
        n = seen.get(base, 0)
        seen[base] = n + 1
        yield (*base, n), r


def _cells(t: Table, r: Row) -> Iterable[tuple[ColKey, str, Decimal | None, int]]:
    seen: dict[str, int] = {}
    for c in r.cells:
        n = seen.get(c.column, 0)
        seen[c.column] = n + 1
        col = next((x for x in t.columns if x.key == c.column and (not x.side or not r.side or x.side == r.side)), None)
        yield (
            (c.column, n),
            col.label if col else c.column,
            c.amount.value if c.amount else None,
            c.amount.decimals if c.amount else 0,
        )


def _check(units: Sequence[Disclosure], against: Disclosure | None) -> None:
    if not units:
        raise NotComparable("没有单位文件可以汇总。", "no unit document to add up.")
    years = sorted({u.meta.year for u in units}, key=lambda y: y or 0)
    if len(years) > 1:
        raise NotComparable(
            f"单位文件的年度不同（{'、'.join(str(y) for y in years)}）：只能汇总同一年度的文件。",
            f"the unit documents are of different years ({', '.join(str(y) for y in years)}); only one year's documents add up.",
        )
    kinds = {u.meta.kind for u in units}
    if len(kinds) > 1:
        raise NotComparable(
            "单位文件中既有预算又有决算：只能汇总同一种文件。",
            "the unit documents mix budgets and final accounts; add up one kind.",
        )
    depts = [u.meta.source for u in units if u.meta.scope == "department"]
    if depts:
        raise NotComparable(
            f"这是部门文件，不是单位文件：{'、'.join(depts)}（部门文件请用 --against 给出）。",
            f"a department document was given as a unit: {', '.join(depts)} (give it with --against).",
        )
    if against is not None:
        u = units[0].meta
        if (against.meta.year, against.meta.kind) != (u.year, u.kind):
            raise NotComparable(
                f"部门文件是 {against.meta.year} 年{_KIND_ZH.get(against.meta.kind, '')}，单位文件是 {u.year} 年{_KIND_ZH.get(u.kind, '')}：不能比较。",
                f"the department document is the {against.meta.year} {against.meta.kind}, the units' the {u.year} {u.kind}; they cannot be compared.",
            )


def consolidate(units: Sequence[Disclosure], department: str, against: Disclosure | None = None) -> Consolidation:
    """Add the ``units``' tables into the department's and compare with ``against`` (the published
    department document) when given."""
    _check(units, against)
    notes: list[str] = []
    types = list(dict.fromkeys(t.type for u in units for t in u.tables if t.type != "other"))
    tables: list[ConsolidatedTable] = []
    for tp in types:
        target_table = against.table(tp) if against is not None else None
        first = next(t for u in units if (t := u.table(tp)) is not None)
        unit = target_table.unit if target_table is not None else first.unit
        acc: dict[tuple[RowKey, ColKey], list[Any]] = {}
        for u in units:
            t = u.table(tp)
            if t is None:
                notes.append(f"{u.meta.unit_name} 没有表「{first.title}」（{tp}）。")
                continue
            for rk, r in _rows(t):
                for ck, label, value, decimals in _cells(t, r):
                    if value is None:
                        continue
                    entry = acc.setdefault((rk, ck), [r.code, r.label, label, Decimal(0), [], Decimal(0)])
                    v = _to(value, t.unit, unit)
                    entry[3] += v
                    entry[4].append((u.meta.unit_name, v))
                    entry[5] += _to(half_unit(decimals), t.unit, unit)
        cells = tuple(SumCell(tp, rk, e[0], e[1], ck[0], e[2], e[3], tuple(e[4]), e[5]) for (rk, ck), e in acc.items())
        tables.append(ConsolidatedTable(tp, first.title, unit, cells))
    differences = tuple(_compare(tables, against)) if against is not None else ()
    beyond = [d for d in differences if d.kind != "only_units" and not d.possible_rounding]
    less = sum(1 for d in beyond if d.kind == "only_department" or d.difference < 0)
    if beyond and less >= 0.9 * len(beyond):
        notes.append(
            f"超出尾数误差的 {len(beyond)} 处不同中，{less} 处是各单位之和小于部门文件：可能缺少部门所属的其他单位的文件；"
            "其余各处（各单位之和大于部门文件）请逐一核对。"
        )
    if against is not None and re.sub(r"\s+", "", against.meta.unit_name) != re.sub(r"\s+", "", department):
        notes.append(f"部门文件的单位名称为「{against.meta.unit_name}」，与 --department「{department}」不同。")
    u0 = units[0].meta
    return Consolidation(
        department,
        u0.year,
        u0.kind,
        tuple(u.meta.unit_name for u in units),
        tuple(tables),
        differences,
        against.meta.source if against is not None else "",
        tuple(notes),
    )


def _cell_difference(t: Table, r: Row, label: str, s: SumCell | None, value: Decimal | None, decimals: int) -> Difference | None:
    """The difference between the units' sum ``s`` and the department's printed ``value``, if any."""

    def diff(
        kind: Literal["differs", "only_department", "only_units"], total: Decimal | None, rounding: bool = False
    ) -> Difference:
        return Difference(kind, t.type, t.number, t.title, r.display, label, r.location.page, total, value, rounding)

    if s is None:
        return diff("only_department", None) if value else None
    if value is None:
        return diff("only_units", s.total) if s.total else None
    if s.total == value:
        return None
    radius = s.radius + half_unit(decimals)
    return diff("differs", s.total, abs(s.total - value) <= radius)


def _compare(tables: Sequence[ConsolidatedTable], dept: Disclosure) -> Iterable[Difference]:
    for ct in tables:
        t = dept.table(ct.type)
        if t is None:
            yield Difference("only_units", ct.type, None, ct.title, "", "", None, None, None)
            continue
        sums: dict[tuple[RowKey, str], list[SumCell]] = {}
        for c in ct.cells:
            sums.setdefault((c.row, c.column), []).append(c)
        seen: set[tuple[RowKey, str, int]] = set()
        for rk, r in _rows(t):
            for ck, label, value, decimals in _cells(t, r):
                cands = sums.get((rk, ck[0]), [])
                s = cands[ck[1]] if ck[1] < len(cands) else None
                seen.add((rk, ck[0], ck[1]))
                found = _cell_difference(t, r, label, s, value, decimals)
                if found is not None:
                    yield found
        for (rk, col), cands in sums.items():
            for i, s in enumerate(cands):
                if (rk, col, i) not in seen and s.total:
                    yield Difference(
                        "only_units",
                        ct.type,
                        t.number,
                        t.title,
                        f"{s.code} {s.label}".strip(),
                        s.column_label,
                        None,
                        s.total,
                        None,
                    )


# ---------------------------------------------------------------- writers


def _num(x: Decimal | None) -> str:
    if x is None:
        return "—"
    return f"{x:,.2f}" if x == x.quantize(Decimal("0.01")) else f"{x:,f}"


def to_text(c: Consolidation) -> str:
    kind = _KIND_ZH.get(c.kind, c.kind)
    out = [f"汇总 / consolidate：{c.department} {c.year}年{kind}，{len(c.units)} 个单位：{'、'.join(c.units)}"]
    out += [f"  注：{n}" for n in c.notes]
    for t in c.tables:
        out += ["", f"{t.title}（{t.type}，{t.unit}）"]
        rows: dict[RowKey, list[SumCell]] = {}
        for s in t.cells:
            rows.setdefault(s.row, []).append(s)
        for cells in rows.values():
            s0 = cells[0]
            name = f"{s0.code} {s0.label}".strip() if s0.code and s0.code not in s0.label else s0.label
            out.append(f"  {name}：" + "；".join(f"{s.column_label} {_num(s.total)}" for s in cells))
    if c.against:
        out += ["", f"与部门文件核对 / against the department document: {c.against}"]
        if not c.differences:
            out.append("  各单位之和与部门文件一致。")
        for d in c.differences:
            where = f"表{d.table_no}「{d.table_title}」" if d.table_no else f"「{d.table_title}」"
            page = f"第{d.page}页 " if d.page else ""
            if d.kind == "only_units" and not d.row:
                out.append(f"  {where}：部门文件中没有这张表。")
                continue
            what = {
                "differs": "各单位之和与部门文件不同",
                "only_department": "部门文件有数，单位文件中没有（是否缺少单位？）",
                "only_units": "单位文件有数，部门文件中没有",
            }[d.kind]
            flag = "（可能是尾数误差）" if d.possible_rounding else ""
            out.append(
                f"  {page}{where} {d.row} · {d.column}：{what}{flag}：各单位之和 {_num(d.units_sum)}，部门文件 {_num(d.printed)}，差 {_num(d.difference)}"
            )
        out.append(f"  共 {len(c.differences)} 处不同，其中超出尾数误差 {c.errors} 处。")
    return "\n".join(out) + "\n"


def to_json(c: Consolidation) -> str:
    def dec(x: Decimal | None) -> str | None:
        return None if x is None else str(x)

    return (
        json.dumps(
            {
                "schema": "yusuan.consolidate/1",
                "department": c.department,
                "year": c.year,
                "kind": c.kind,
                "units": list(c.units),
                "against": c.against,
                "notes": list(c.notes),
                "tables": [
                    {
                        "type": t.type,
                        "title": t.title,
                        "unit": t.unit,
                        "cells": [
                            {
                                "row": {"side": s.row[0], "key": s.row[1], "n": s.row[2]},
                                "code": s.code,
                                "label": s.label,
                                "column": s.column,
                                "column_label": s.column_label,
                                "sum": dec(s.total),
                                "parts": [{"unit": n, "value": dec(v)} for n, v in s.parts],
                            }
                            for s in t.cells
                        ],
                    }
                    for t in c.tables
                ],
                "differences": [
                    {
                        "kind": d.kind,
                        "table": d.table,
                        "table_no": d.table_no,
                        "table_title": d.table_title,
                        "row": d.row,
                        "column": d.column,
                        "page": d.page,
                        "units_sum": dec(d.units_sum),
                        "printed": dec(d.printed),
                        "difference": dec(d.difference),
                        "possible_rounding": d.possible_rounding,
                    }
                    for d in c.differences
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
