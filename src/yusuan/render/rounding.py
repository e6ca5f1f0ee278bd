"""Rounding-safe printing of tables kept in 元 as 万元 (two decimals).

Rounding every figure on its own (half-up) makes printed parts miss their printed totals
by a cent or two. Here totals are rounded once and their parts are rounded by the largest
remainder method (Hamilton): each part is cut to two decimals and the cents still missing
go to the parts that lost the most, so the printed parts add up to the printed total.

Within a table: the total row's columns are split first (total → 基本支出/项目支出 → their
columns …, following :data:`~yusuan.identities.ROW_FORMULAS`), then each column down the
rows (合计 → units → 类 → 款 → 项, by the codes); a total column of any other row is the sum
of its printed parts. Every sum the table prints therefore holds exactly.

Across tables (:func:`convert`): the tables by fund source (一般公共预算/政府性基金/国有资本经营
支出表) are rounded first; the 支出表 is their printed sum; the 类 rows of 收支总表 and
财政拨款收支总表 are sums of printed 项 rows; the other tables take the figures they share
with those (totals by source, basic and project spending, economic items, projects by
name) as printed there, wherever the exact figures agree, and split the rest by largest
remainder (when that cannot reach the total, all parts are split afresh). A figure may
differ from its own half-up rounding by a cent: the note on rounding says so, and
:func:`convert` adds it to a table that lacks it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import ROUND_FLOOR, Decimal

from ..catalog import strip_ordinal
from ..identities import PART_OF, ROW_FORMULAS
from ..model.core import Cell, Disclosure, PerformanceTable, Row, Table, TargetRow
from ..model.money import WAN, Amount
from ..tolerance import last_digit, round_half_up

__all__ = ["largest_remainder", "convert", "ROUNDING_NOTE"]

ROUNDING_NOTE = "注：报表金额单位转换时可能存在四舍五入尾数误差。"
ZERO = Decimal(0)


def half_up(x: Decimal, places: int = 2) -> Decimal:
    return round_half_up(x, places)


def largest_remainder(values: Sequence[Decimal], total: Decimal | None = None, places: int = 2) -> list[Decimal]:
    """``values`` rounded to ``places`` decimals so that they add up to ``total`` (default: the
    half-up rounding of their exact sum): each is cut down, and the units still missing go to the
    values with the largest remainders (ties: the earlier one). ``total`` must be within
    reach (between the sum of the cut values and that sum plus one unit per value)."""
    q = last_digit(places)
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


Fixed = dict[str, tuple[Decimal, Decimal]]  # column → (exact, printed) taken from another table


def _fixed(fixed: Fixed, key: str, exact: Decimal | None) -> Decimal | None:
    """The printed figure another table gives for this one, if it states exactly the same figure."""
    got = fixed.get(key)
    return got[1] if got is not None and exact is not None and got[0] == exact else None


def _lr_fixed(values: list[Decimal], fixed: list[Decimal | None], target: Decimal) -> list[Decimal]:
    """Largest remainder with some parts already printed elsewhere; the others share what is left
    (when it cannot be reached that way, all parts are split afresh)."""
    free = [i for i, f in enumerate(fixed) if f is None]
    rest = target - sum((f for f in fixed if f is not None), ZERO)
    try:
        split = iter(largest_remainder([values[i] for i in free], rest)) if free else iter(())
        if not free and rest != 0:
            raise ValueError("fixed parts do not add up")
        return [f if f is not None else next(split) for f in fixed]
    except ValueError:
        return largest_remainder(values, target)


def _split_columns(
    values: dict[str, Decimal],
    total_key: str,
    target: Decimal,
    formulas: dict[str, tuple[str, ...]],
    keys: set[str],
    out: dict[str, Decimal],
    fixed: Fixed | None = None,
) -> None:
    """``out[total_key] = target`` and its part columns split by largest remainder, recursively."""
    fixed = fixed or {}
    out[total_key] = target
    parts = [k for k in formulas.get(total_key, ()) if k in keys]
    if not parts:
        return
    exact = [values.get(k, ZERO) for k in parts]
    given = [_fixed(fixed, k, values.get(k)) for k in parts]
    for k, v in zip(parts, _lr_fixed(exact, given, target), strict=True):
        _split_columns(values, k, v, formulas, keys, out, fixed)


def _from_fixed(values: dict[str, Decimal], key: str, formulas: dict[str, tuple[str, ...]], fixed: Fixed) -> Decimal | None:
    """A figure as other tables print it, or the sum of its parts where they all are; else None."""
    got = _fixed(fixed, key, values.get(key))
    if got is not None:
        return got
    parts = [k for k in formulas.get(key, ()) if k in values]
    if not parts or sum((values[k] for k in parts), ZERO) != values.get(key):
        return None
    subs = [_from_fixed(values, k, formulas, fixed) for k in parts]
    return None if any(x is None for x in subs) else sum((x for x in subs if x is not None), ZERO)


def _root_target(values: dict[str, Decimal], key: str, formulas: dict[str, tuple[str, ...]], fixed: Fixed) -> Decimal:
    """A total row's figure: as other tables print it (or its parts), else its half-up rounding."""
    got = _from_fixed(values, key, formulas, fixed)
    return got if got is not None else half_up(values.get(key, ZERO))


def _leaf_columns(formulas: dict[str, tuple[str, ...]], keys: list[str]) -> list[str]:
    return [k for k in keys if k not in formulas]


def _one_sided(t: Table, root_fixed: Fixed | None = None, row_fixed: dict[str, Fixed] | None = None) -> Table:
    """``root_fixed``: figures of the total row that other tables print (by column); ``row_fixed``:
    figures of rows (by code) that other tables print. Used where the exact figures agree."""
    root_fixed = root_fixed or {}
    row_fixed = row_fixed or {}
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
                _split_columns(row, k, _root_target(row, k, formulas, root_fixed), formulas, set(keys), printed[i], root_fixed)
        _parts_of(row, printed[i], part_of)

    # each leaf column down the rows
    def down(i: int, k: str) -> None:
        kids = children[i]
        if not kids:
            return
        have = [j for j in kids if k in exact[j]]
        if have:
            target = printed[i].get(k, half_up(sum((exact[j][k] for j in have), ZERO)))
            given = [_fixed(row_fixed.get(t.rows[j].code, {}), k, exact[j][k]) if t.rows[j].code else None for j in have]
            if k in part_of:  # a "其中" figure equal to its whole prints as its whole
                w = part_of[k]
                given = [
                    printed[j][w] if w in printed[j] and exact[j][k] == exact[j].get(w) else g
                    for j, g in zip(have, given, strict=True)
                ]
            vals = _lr_fixed([exact[j][k] for j in have], given, target)
            for j, v in zip(have, vals, strict=True):
                printed[j][k] = v
        for j in kids:
            down(j, k)

    for i in tops:
        for k in sorted(leaves, key=lambda k: k in part_of):  # wholes before their "其中" columns
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
        cells = tuple(
            _cell(c, printed[i].get(c.column, half_up(c.amount.value / WAN)) if c.amount is not None else None) for c in r.cells
        )
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
        main = next(
            (
                i
                for i in totals
                if tops and all(sum((exact[j].get(k, ZERO) for j in tops), ZERO) == v for k, v in exact[i].items())
            ),
            None,
        )
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


def _performance(p: PerformanceTable, projects: dict[str, tuple[Decimal, Decimal]] | None = None) -> PerformanceTable:
    """Project amounts as the 项目支出表 prints them (by name, where exactly equal), the others by
    largest remainder; a unit's amount is the sum of its projects."""
    projects = projects or {}
    out: list[TargetRow] = []
    printed: dict[tuple[int, str], Decimal] = {}
    for col in ("total", "gov", "special_account", "unit_funds"):
        have = [(i, v) for i, r in enumerate(p.rows) if r.kind == "project" and (v := _exact(r.cell(col))) is not None]
        if have:
            given = [_fixed({"x": projects[p.rows[i].name]}, "x", v) if p.rows[i].name in projects else None for i, v in have]
            values = [v for _, v in have]
            every = all(g is not None for g in given)  # all as the 项目支出表 prints them: their sum is the total
            target = sum((g for g in given if g is not None), ZERO) if every else half_up(sum(values, ZERO))
            for (i, _v), x in zip(have, _lr_fixed(values, given, target), strict=True):
                printed[(i, col)] = x
            total = sum((printed[(i, col)] for i, _ in have), ZERO)
            for i, r in enumerate(p.rows):
                cell = r.cell(col)
                if r.kind == "unit" and cell is not None and cell.amount is not None:
                    printed[(i, col)] = total
    for i, r in enumerate(p.rows):
        cells = tuple(
            _cell(c, printed.get((i, c.column), half_up(c.amount.value / WAN) if c.amount is not None else None)) for c in r.cells
        )
        out.append(dataclasses.replace(r, cells=cells))
    return dataclasses.replace(p, rows=tuple(out), unit="万元")


def _notes(notes: tuple[str, ...]) -> tuple[str, ...]:
    if any("四舍五入" in n or "尾数" in n for n in notes):
        return notes
    return (ROUNDING_NOTE, *notes)


# rows of the income side of 收支总表/财政拨款收支总表 (row key) → the 收入表 column that holds them
_INCOME_ROWS = {
    "gpb": "current_gpb",
    "gpb.fiscal": "current_gpb_fiscal",
    "fund": "current_fund",
    "capital": "current_capital",
    "special_account": "current_special_account",
    "business": "current_business",
    "operation": "current_operation",
    "superior": "current_superior",
    "subordinate": "current_subordinate",
    "other": "current_other",
}
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


def _root(exact: Table | None, printed: Table | None, column: str) -> tuple[Decimal, Decimal] | None:
    """(exact, printed) of a table's total row in ``column``."""
    if exact is None or printed is None:
        return None
    for ex, pr in zip(exact.rows, printed.rows, strict=True):
        if ex.kind == "total":
            e, p = _exact(ex.cell(column)), pr.cell(column)
            if e is None or p is None or p.amount is None:
                return None
            return e, p.amount.value
    return None


def _pair_sum(*pairs: tuple[Decimal, Decimal] | None) -> tuple[Decimal, Decimal] | None:
    if any(p is None for p in pairs):
        return None
    return sum((p[0] for p in pairs if p), ZERO), sum((p[1] for p in pairs if p), ZERO)


def _rows_fixed(exact: Table | None, printed: Table | None, column: str, as_column: str) -> dict[str, Fixed]:
    """Figures of coded rows of a rounded table, to fix the same rows of another (by code)."""
    out: dict[str, Fixed] = {}
    if exact is None or printed is None:
        return out
    for ex, pr in zip(exact.rows, printed.rows, strict=True):
        e, p = _exact(ex.cell(column)), pr.cell(column)
        if ex.code and ex.kind not in ("total", "unit") and e is not None and p is not None and p.amount is not None:
            out[ex.code] = {as_column: (e, p.amount.value)}
    return out


def _align(d: Disclosure, done: dict[str, Table]) -> None:
    """Round the one-sided tables that print figures of the function tables (already rounded, in
    ``done``) so that they print them the same: totals by fund source, basic and project spending,
    and the economic items the basic-spending table and the “三公” table share with the summary."""

    def root(type_: str, column: str) -> tuple[Decimal, Decimal] | None:
        return _root(d.table(type_), done.get(type_), column)

    gpb = {
        k: root("gpb_expenditure", k)
        for k in ("total", "basic_total", "basic_wages", "basic_family", "basic_public", "project_total")
    }
    fund = {k: root("gov_fund_expenditure", k) for k in ("total", "project_total")}
    capital = {k: root("state_capital_expenditure", k) for k in ("total", "project_total")}
    exp = {k: root("expenditure", k) for k in ("total", "project_total")}

    def fx(**pairs: tuple[Decimal, Decimal] | None) -> Fixed:
        return {k: v for k, v in pairs.items() if v is not None}

    plans: list[tuple[str, Fixed, dict[str, Fixed]]] = [
        (
            "income",
            fx(
                current_gpb=gpb["total"],
                current_fund=fund["total"],
                current_capital=capital["total"],
                total=exp["total"],
                current_total=exp["total"],
            ),
            {},
        ),
        (
            "gpb_basic_expenditure",
            fx(
                total=gpb["basic_total"], public=gpb["basic_public"], personnel=_pair_sum(gpb["basic_wages"], gpb["basic_family"])
            ),
            {},
        ),
        (
            "project_expenditure",
            fx(
                total=exp["project_total"],
                current_gpb=gpb["project_total"],
                current_fund=fund["project_total"],
                current_capital=capital["project_total"],
            ),
            {},
        ),
    ]
    for type_, root_fixed, row_fixed in plans:
        t = d.table(type_)
        if t is not None and t.unit == "元":
            done[type_] = _one_sided(t, root_fixed, row_fixed)
    econ = d.table("economic_summary")
    if econ is not None and econ.unit == "元":
        rows = _rows_fixed(d.table("gpb_basic_expenditure"), done.get("gpb_basic_expenditure"), "total", "gpb")
        done["economic_summary"] = _one_sided(
            econ, fx(gpb=gpb["total"], fund=fund["total"], capital=capital["total"], total=exp["total"]), rows
        )
    three = d.table("three_public")
    if three is not None and three.unit == "元":
        items = _rows_fixed(econ, done.get("economic_summary"), "gpb", "x")
        by = {code: f["x"] for code, f in items.items()}
        done["three_public"] = _one_sided(
            three,
            fx(
                reception=by.get("30217"),
                vehicle_operation=by.get("30231"),
                overseas=by.get("30212"),
                vehicle_purchase=by.get("31013"),
            ),
        )
    for t in d.tables:
        if t.unit == "元" and not any(r.side for r in t.rows) and t.type not in done and t.type != "expenditure":
            done[t.type] = _one_sided(t)


def convert(d: Disclosure) -> Disclosure:
    """The disclosure with every table kept in 元 printed in 万元 (two decimals), rounding-safe.

    Tables that are sums of others follow them where their exact figures agree: the 支出表 is the
    sum of the 一般公共预算/政府性基金/国有资本经营 tables, and the 类 rows of 收支总表 and 财政拨款收支总表
    are the sums of those tables' 项 rows, so the same figure prints the same in every table."""
    done: dict[str, Table] = {}
    for t in d.tables:
        if t.unit == "元" and t.type in ("gpb_expenditure", "gov_fund_expenditure", "state_capital_expenditure"):
            done[t.type] = _one_sided(t)
    exp = d.table("expenditure")
    if exp is not None and exp.unit == "元":
        sources = [(src, done[src.type]) for src in (d.table(k) for k, _ in _SOURCES) if src is not None and src.type in done]
        done["expenditure"] = _sum_of_sources(exp, sources) or _one_sided(exp)
    _align(d, done)
    classes: dict[str, dict[str, dict[str, tuple[Decimal, Decimal]]]] = {
        "summary": {"amount": _class_totals(exp, done.get("expenditure"), "total")},
        "fiscal_summary": {col: _class_totals(d.table(k), done.get(k), "total") for k, col in _SOURCES},
    }
    income = {key: _root(d.table("income"), done.get("income"), col) for key, col in _INCOME_ROWS.items()}
    tables = []
    for t in d.tables:
        if t.unit != "元":
            tables.append(t)
        elif t.type in done:
            tables.append(done[t.type])
        else:
            fixed = _class_fixed(t, classes.get(t.type, {}))
            for i, r in enumerate(t.rows):  # income by source as the 收入表 prints it
                pair = income.get(r.key) if r.side == "income" else None
                got = _fixed({"amount": pair}, "amount", _exact(r.cell("amount"))) if pair is not None else None
                if got is not None:
                    fixed.setdefault(i, {})["amount"] = got
            tables.append(_two_sided(t, fixed))
    perf = d.performance
    if perf is not None and perf.unit == "元":
        proj_exact, proj_printed = d.table("project_expenditure"), done.get("project_expenditure")
        by_name: dict[str, tuple[Decimal, Decimal]] = {}
        if proj_exact is not None and proj_printed is not None:
            for ex, pr in zip(proj_exact.rows, proj_printed.rows, strict=True):
                e, c = _exact(ex.cell("total")), pr.cell("total")
                if ex.kind == "project" and e is not None and c is not None and c.amount is not None:
                    by_name[ex.label] = (e, c.amount.value)
        perf = _performance(perf, by_name)
    meta = dataclasses.replace(d.meta, amount_unit="万元")
    return dataclasses.replace(d, meta=meta, tables=tuple(tables), performance=perf)
