"""Rounding-safe printing of tables kept in 元 as 万元 (two decimals).

Rounding every figure on its own (half-up) makes printed parts miss their printed totals
by a cent or two. Here totals are rounded once and their parts are rounded by the largest
remainder method (Hamilton): each part is cut to two decimals and the cents still missing
go to the parts that lost the most, so the printed parts add up to the printed total.

Within a table: the total row's columns are split first (total → 基本支出/项目支出 → their
columns …, following :data:`~yusuan.identities.ROW_FORMULAS`), then each column down the
rows (合计 → units → 类 → 款 → 项, by the codes); a total column of any other row is the sum
of its printed parts. Every sum the table prints therefore holds exactly. A table's grand
total is the half-up rounding of its exact value, so tables that print the same total agree;
a figure inside a table may differ from its own half-up rounding by a cent (the note on
rounding says so, and :func:`convert` adds it when it is missing).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from ..catalog import strip_ordinal
from ..identities import PART_OF, ROW_FORMULAS
from ..model.core import Cell, Disclosure, PerformanceTable, Row, Table, TargetRow
from ..model.money import WAN, Amount

__all__ = ["largest_remainder", "convert", "ROUNDING_NOTE"]

ROUNDING_NOTE = "注：报表金额单位转换时可能存在四舍五入尾数误差。"
ZERO = Decimal(0)


def _q(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def half_up(x: Decimal, places: int = 2) -> Decimal:
    return x.quantize(_q(places), rounding=ROUND_HALF_UP)


def largest_remainder(values: Sequence[Decimal], total: Decimal | None = None, places: int = 2) -> list[Decimal]:
    """``values`` rounded to ``places`` decimals so that they add up to ``total`` (default: the
    half-up rounding of their exact sum): each is cut down, and the units still missing go to the
    values with the largest remainders (ties: the earlier one). ``total`` must be within
    reach (between the sum of the cut values and that sum plus one unit per value)."""
    q = _q(places)
    floors = [v.quantize(q, rounding=ROUND_FLOOR) for v in values]
    target = half_up(sum(values, ZERO), places) if total is None else total
    missing = int((target - sum(floors, ZERO)) / q)
    if missing < 0 or missing > len(values):
        raise ValueError(f"total {target} cannot be reached by rounding {list(values)}")
    order = sorted(range(len(values)), key=lambda i: (-(values[i] - floors[i]), i))
    out = list(floors)
    for i in order[:missing]:
        out[i] += q
    return out


# ---------------------------------------------------------------- one table


def _tree(t: Table) -> tuple[list[int | None], list[list[int]]]:
    """Parent of each row (None: the root) and children of each row, by kind and code."""
    parent: list[int | None] = []
    children: list[list[int]] = [[] for _ in t.rows]
    root: int | None = None
    unit: int | None = None
    stack: list[int] = []
    for i, r in enumerate(t.rows):
        p: int | None
        if r.kind == "total" and root is None:
            p, root = None, i
        elif r.kind == "unit":
            p, unit, stack = root, i, []
        elif r.code and r.kind not in ("total", "project"):
            while stack and not (r.code.startswith(t.rows[stack[-1]].code) and len(r.code) > len(t.rows[stack[-1]].code)):
                stack.pop()
            p = stack[-1] if stack else (unit if unit is not None else root)
            stack.append(i)
        else:
            p = unit if unit is not None else root
        parent.append(p)
        if p is not None:
            children[p].append(i)
    return parent, children


def _exact(c: Cell | None) -> Decimal | None:
    return c.amount.value / WAN if c is not None and c.amount is not None else None


def _formulas(type_: str) -> dict[str, tuple[str, ...]]:
    return dict(ROW_FORMULAS.get(type_, ()))


def _split_columns(values: dict[str, Decimal], total_key: str, target: Decimal, formulas: dict[str, tuple[str, ...]],
                   keys: set[str], out: dict[str, Decimal]) -> None:
    """``out[total_key] = target`` and its part columns split by largest remainder, recursively."""
    out[total_key] = target
    parts = [k for k in formulas.get(total_key, ()) if k in keys]
    if not parts:
        return
    exact = [values.get(k, ZERO) for k in parts]
    for k, v in zip(parts, largest_remainder(exact, target), strict=True):
        _split_columns(values, k, v, formulas, keys, out)


def _leaf_columns(formulas: dict[str, tuple[str, ...]], keys: list[str]) -> list[str]:
    return [k for k in keys if k not in formulas]


def _one_sided(t: Table) -> Table:
    keys = [c.key for c in t.columns]
    formulas = _formulas(t.type)
    part_of = dict(PART_OF.get(t.type, ()))
    exact = [{k: v for k in keys if (v := _exact(r.cell(k))) is not None} for r in t.rows]
    parent, children = _tree(t)
    leaves = _leaf_columns(formulas, keys)  # "其中" columns too: rounded down the rows like their whole
    printed: list[dict[str, Decimal]] = [{} for _ in t.rows]
    tops = [i for i, p in enumerate(parent) if p is None]
    for i in tops:  # the root: its columns split from the grand total down
        row = exact[i]
        top_keys = [k for k in keys if k not in part_of and not any(k in parts for parts in formulas.values())]
        for k in top_keys:
            if k in row or any(x in row for x in formulas.get(k, ())):
                _split_columns(row, k, half_up(row.get(k, ZERO)), formulas, set(keys), printed[i])
        _parts_of(row, printed[i], part_of)
    # each leaf column down the rows
    def down(i: int, k: str) -> None:
        kids = children[i]
        if not kids:
            return
        have = [j for j in kids if k in exact[j]]
        if have:
            vals = largest_remainder([exact[j][k] for j in have], printed[i].get(k, half_up(sum((exact[j][k] for j in have), ZERO))))
            for j, v in zip(have, vals, strict=True):
                printed[j][k] = v
        for j in kids:
            down(j, k)

    for i in tops:
        for k in leaves:
            down(i, k)
    # aggregate columns of the other rows: sums of their printed parts, inner formulas first
    order = _formula_order(formulas)
    for i, row in enumerate(exact):
        if parent[i] is None:
            continue
        for k in order:
            parts = [x for x in formulas[k] if x in printed[i]]
            if k in row or parts:
                printed[i][k] = sum((printed[i][x] for x in parts), ZERO)
    rows = []
    for i, r in enumerate(t.rows):
        cells = tuple(_cell(c, printed[i].get(c.column, half_up(c.amount.value / WAN)) if c.amount is not None else None) for c in r.cells)
        rows.append(dataclasses.replace(r, cells=cells))
    return dataclasses.replace(t, rows=tuple(rows), unit="万元", notes=_notes(t.notes))


def _parts_of(exact: dict[str, Decimal], printed: dict[str, Decimal], part_of: dict[str, str]) -> None:
    """A "其中" figure of a total row: its whole as printed when they are equal, else rounded on its own."""
    for part, whole in part_of.items():
        if part in exact:
            printed[part] = printed[whole] if exact[part] == exact.get(whole) and whole in printed else half_up(exact[part])


def _formula_order(formulas: dict[str, tuple[str, ...]]) -> list[str]:
    """Aggregate columns, inner ones (whose parts are not aggregates) first."""
    done: list[str] = []
    pending = list(formulas)
    while pending:
        for k in list(pending):
            if not any(p in formulas and p not in done for p in formulas[k]):
                done.append(k)
                pending.remove(k)
    return done


def _cell(c: Cell, value: Decimal | None) -> Cell:
    if value is None:
        return Cell(c.column, None, "", c.location)
    a = Amount(value, 2)
    return Cell(c.column, a, f"{value:,.2f}", c.location)


def _level(label: str) -> int:
    mark = strip_ordinal(label)[0]
    if not mark:
        return 0
    return 2 if mark.startswith(("（", "(")) else 1


def _two_sided(t: Table, fixed: dict[int, dict[str, Decimal]] | None = None) -> Table:
    """Each side: its totals rounded once (the root row's columns split by largest remainder), the
    items of the highest level below them (一、… or （一）…) split from the current-year total column
    by column, and their total column the sum of their printed parts; deeper rows rounded on their own.

    ``fixed``: printed figures of rows taken from the tables they are sums of (the classes of
    支出 from the 支出表); when every item of a side has them, the side's totals are their sums,
    and the other side's total (income = expenditure) follows."""
    fixed = fixed or {}
    rows = list(t.rows)
    formulas = _formulas(t.type)
    part_of = dict(PART_OF.get(t.type, ()))
    grand: dict[Decimal, Decimal] = {}  # a side's exact grand total → as printed, for the other side
    for side in ("expenditure", "income"):
        idx = [i for i, r in enumerate(rows) if r.side == side]
        keys = list(dict.fromkeys(c.column for i in idx for c in rows[i].cells))
        exact = {i: {k: v for k in keys if (v := _exact(rows[i].cell(k))) is not None} for i in idx}
        printed = {i: {k: half_up(v) for k, v in exact[i].items()} for i in idx}
        body = [i for i in idx if rows[i].kind != "total" and exact[i]]
        level = min((_level(rows[i].label) for i in body if _level(rows[i].label)), default=0)
        tops = [i for i in body if level and _level(rows[i].label) == level]
        totals = [i for i in idx if rows[i].kind == "total" and exact[i]]
        main = next((i for i in totals if tops and all(sum((exact[j].get(k, ZERO) for j in tops), ZERO) == v for k, v in exact[i].items())), None)
        if main is not None:
            root: dict[str, Decimal] = {}
            top_keys = [k for k in keys if k not in part_of and not any(k in parts for parts in formulas.values())]
            from_items = bool(tops) and all(i in fixed and set(exact[i]) <= set(fixed[i]) for i in tops)
            if from_items:
                for i in tops:
                    printed[i] = {k: fixed[i][k] for k in exact[i]}
                root = {k: sum((printed[i].get(k, ZERO) for i in tops), ZERO) for k in exact[main]}
            else:
                for k in top_keys:
                    target = grand.get(exact[main][k], half_up(exact[main][k])) if k in exact[main] else ZERO
                    _split_columns(exact[main], k, target, formulas, set(keys), root)
                _parts_of(exact[main], root, part_of)
            for k in top_keys:
                if k in exact[main] and k in root:
                    grand.setdefault(exact[main][k], root[k])
            for i in totals:
                if exact[i] == exact[main]:
                    printed[i] = {k: root.get(k, printed[i][k]) for k in exact[i]}
            for k in _leaf_columns(formulas, keys):
                have = [i for i in tops if k in exact[i]]
                if have and k in root and not from_items:
                    for i, v in zip(have, largest_remainder([exact[i][k] for i in have], root[k]), strict=True):
                        printed[i][k] = v
            for i in tops:
                for k in _formula_order(formulas):
                    parts = [x for x in formulas[k] if x in printed[i]]
                    if k in exact[i] and not from_items:
                        printed[i][k] = sum((printed[i][x] for x in parts), ZERO)
        for i in idx:
            rows[i] = dataclasses.replace(rows[i], cells=tuple(_cell(c, printed[i].get(c.column)) for c in rows[i].cells))
    return dataclasses.replace(t, rows=tuple(rows), unit="万元", notes=_notes(t.notes))


def _performance(p: PerformanceTable) -> PerformanceTable:
    out: list[TargetRow] = []
    # project amounts rounded by largest remainder against the unit's total, column by column
    printed: dict[tuple[int, str], Decimal] = {}
    for col in ("total", "gov", "special_account", "unit_funds"):
        have = [(i, v) for i, r in enumerate(p.rows) if r.kind == "project" and (v := _exact(r.cell(col))) is not None]
        if have:
            for (i, _v), x in zip(have, largest_remainder([v for _, v in have]), strict=True):
                printed[(i, col)] = x
            total = sum((printed[(i, col)] for i, _ in have), ZERO)
            for i, r in enumerate(p.rows):
                cell = r.cell(col)
                if r.kind == "unit" and cell is not None and cell.amount is not None:
                    printed[(i, col)] = total
    for i, r in enumerate(p.rows):
        cells = tuple(_cell(c, printed.get((i, c.column), half_up(c.amount.value / WAN) if c.amount is not None else None)) for c in r.cells)
        out.append(dataclasses.replace(r, cells=cells))
    return dataclasses.replace(p, rows=tuple(out), unit="万元")


def _notes(notes: tuple[str, ...]) -> tuple[str, ...]:
    if any("四舍五入" in n or "尾数" in n for n in notes):
        return notes
    return (ROUNDING_NOTE, *notes)


_SOURCES = (("gpb_expenditure", "gpb"), ("gov_fund_expenditure", "fund"), ("state_capital_expenditure", "capital"))


def _row_key(r: Row) -> tuple[str, str]:
    return ("total", "") if r.kind == "total" else (r.kind, r.code)


def _sum_of_sources(exp: Table, sources: list[tuple[Table, Table]]) -> Table | None:
    """The 支出表 as the row-by-row sum of the printed 一般公共预算/政府性基金/国有资本经营 tables, when its
    exact figures are exactly their sum (else ``None``: it is rounded on its own)."""
    if not sources:
        return None
    keys = [c.key for c in exp.columns]
    index = [({_row_key(r): r for r in ex.rows}, {_row_key(r): r for r in pr.rows}) for ex, pr in sources]
    if any(set(keys) != {c.key for c in ex.columns} for ex, _ in sources):
        return None
    rows = []
    for r in exp.rows:
        key = _row_key(r)
        cells = []
        for c in r.cells:
            want = _exact(c)
            got = [(_exact(ex[key].cell(c.column)), pr[key].cell(c.column)) for ex, pr in index if key in ex and key in pr]
            if (want or ZERO) != sum((x or ZERO for x, _ in got), ZERO):
                return None
            printed = sum((p.amount.value for _, p in got if p is not None and p.amount is not None), ZERO)
            cells.append(_cell(c, printed if want is not None else None))
        rows.append(dataclasses.replace(r, cells=tuple(cells)))
    return dataclasses.replace(exp, rows=tuple(rows), unit="万元", notes=_notes(exp.notes))


def _class_totals(exact: Table | None, printed: Table | None, column: str) -> dict[str, tuple[Decimal, Decimal]]:
    """Per 类 (3-digit code): the exact and the printed sum of the table's 项 rows (7 digits) in ``column``."""
    out: dict[str, tuple[Decimal, Decimal]] = {}
    if exact is None or printed is None:
        return out
    for ex, pr in zip(exact.rows, printed.rows, strict=True):
        if len(ex.code) == 7 and ex.kind not in ("total", "unit"):
            e, p = _exact(ex.cell(column)) or ZERO, pr.cell(column)
            old = out.get(ex.code[:3], (ZERO, ZERO))
            out[ex.code[:3]] = (old[0] + e, old[1] + (p.amount.value if p is not None and p.amount is not None else ZERO))
    return out


def _class_fixed(t: Table, columns: dict[str, dict[str, tuple[Decimal, Decimal]]]) -> dict[int, dict[str, Decimal]]:
    """Printed figures of the 类 rows of the expenditure side, from the function tables, where exactly equal."""
    out: dict[int, dict[str, Decimal]] = {}
    for i, r in enumerate(t.rows):
        if r.side != "expenditure" or len(r.code) != 3:
            continue
        got: dict[str, Decimal] = {}
        for c in r.cells:
            e = _exact(c)
            if e is None:
                continue
            source = columns.get(c.column, {}).get(r.code)
            if source is not None and source[0] == e:
                got[c.column] = source[1]
        if got:
            out[i] = got
    for i, got in out.items():  # a 财政拨款 class row: total = gpb + fund + capital, 其中 = its whole when equal
        row = t.rows[i]
        parts = [k for k in ("gpb", "fund", "capital") if _exact(row.cell(k)) is not None]
        if "total" in {c.column for c in row.cells} and parts and all(k in got for k in parts):
            got["total"] = sum((got[k] for k in parts), ZERO)
        for part, whole in PART_OF.get(t.type, ()):
            if whole in got and _exact(row.cell(part)) is not None and _exact(row.cell(part)) == _exact(row.cell(whole)):
                got[part] = got[whole]
    return out


def convert(d: Disclosure) -> Disclosure:
    """The disclosure with every table kept in 元 printed in 万元 (two decimals), rounding-safe.

    Tables that are sums of others follow them where their exact figures agree: the 支出表 is the
    sum of the 一般公共预算/政府性基金/国有资本经营 tables, and the 类 rows of 收支总表 and 财政拨款收支总表
    are the sums of those tables' 项 rows, so the same figure prints the same in every table."""
    done: dict[str, Table] = {}
    for t in d.tables:
        if t.unit == "元" and not any(r.side for r in t.rows) and t.type != "expenditure":
            done[t.type] = _one_sided(t)
    exp = d.table("expenditure")
    if exp is not None and exp.unit == "元":
        sources = [(src, done[src.type]) for src in (d.table(k) for k, _ in _SOURCES) if src is not None and src.type in done]
        done["expenditure"] = _sum_of_sources(exp, sources) or _one_sided(exp)
    classes: dict[str, dict[str, dict[str, tuple[Decimal, Decimal]]]] = {
        "summary": {"amount": _class_totals(exp, done.get("expenditure"), "total")},
        "fiscal_summary": {col: _class_totals(d.table(k), done.get(k), "total") for k, col in _SOURCES},
    }
    tables = []
    for t in d.tables:
        if t.unit != "元":
            tables.append(t)
        elif t.type in done:
            tables.append(done[t.type])
        else:
            tables.append(_two_sided(t, _class_fixed(t, classes.get(t.type, {}))))
    perf = d.performance
    if perf is not None and perf.unit == "元":
        perf = _performance(perf)
    meta = dataclasses.replace(d.meta, amount_unit="万元")
    return dataclasses.replace(d, meta=meta, tables=tuple(tables), performance=perf)
