"""Arithmetic inside one table: row formulas, column totals, 类/款/项 roll-ups, 其中 ≤ whole.

Column totals and roll-ups are judged with the reading's evidence (``base.Evidence``): a
difference that is exactly one row's figure, or that names a row read with a guess, is a
warning worded as a reading doubt. A code printed malformed (``7 11 02``) is reported as a
code defect (CODE-MALFORMED) naming the printed code and how the reader placed it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from ..findings import Finding
from ..identities import ECONOMIC_TABLES, FUNCTION_TABLES, MORE_FUNCTION_TABLES, PART_OF, ROW_FORMULAS
from ..ingest.recognize import PRINTED_CODE, READING
from ..labels import no_space
from ..model.core import Disclosure, PerformanceTable, Row, Table, TargetRow
from ..tolerance import value
from .base import Evidence, check_sum, evidence, fmt, inapplicable, ref, table_formulas
from .codetree import children as code_children
from .codetree import leaves as code_leaves

__all__ = ["row_formulas", "column_totals", "part_of", "performance_groups", "malformed_codes"]

_Part = tuple[Table | PerformanceTable, Row | TargetRow, str]


def row_formulas(d: Disclosure) -> Iterator[Finding]:
    """ARITH-ROW: within each row, a total column equals the sum of its part columns."""
    for t in d.tables:
        for total, parts in table_formulas(d, t):
            for r in t.rows:
                if r.cell(total) is None or not any(r.cell(p) is not None for p in parts):
                    continue  # a row without the part columns (the other side of a two-sided table)
                names = "+".join(_label(t, p, r.side) for p in parts)
                f = check_sum(
                    "ARITH-ROW",
                    (t, r, total),
                    [(t, r, p) for p in parts if r.cell(p) is not None],
                    f"「{_label(t, total, r.side)}」应等于 {names}",
                    f"{total} = {' + '.join(parts)}",
                )
                if f:
                    yield f
    p = d.performance
    if p is not None:
        for total, parts in ROW_FORMULAS["performance_targets"]:
            for tr in p.rows:
                f = check_sum(
                    "ARITH-ROW",
                    (p, tr, total),
                    [(p, tr, c) for c in parts],
                    "资金总额应等于政府预算资金+财政专户管理资金+单位资金",
                    "total = gov + special account + unit funds",
                )
                if f:
                    yield f


def _label(t: Table, key: str, side: str) -> str:
    """The printed header of column ``key`` on the row's side (two-sided tables use a key on each side)."""
    cols = [c for c in t.columns if c.key == key]
    col = next((c for c in cols if c.side == side), cols[0] if cols else None)
    return col.label if col is not None else key


def _columns(t: Table, side: str = "") -> list[str]:
    return [c.key for c in t.columns if not side or c.side == side]


def _sum_rows(
    rule: str, t: Table, total: Row, parts: list[Row], what: str, what_en: str, side: str = "", ev: Evidence | None = None
) -> Iterable[Finding]:
    for col in _columns(t, side):
        f = check_sum(rule, (t, total, col), [(t, r, col) for r in parts], what, what_en, evidence=ev)
        if f:
            yield f


def _function_rollups(t: Table, ev: Evidence) -> Iterator[Finding]:
    total = t.row("total")
    units = [r for r in t.rows if r.kind == "unit"]
    coded = [r for r in t.rows if r.code and r.kind in ("class", "item", "subitem")]
    if total is not None and units:
        yield from _sum_rows("ARITH-COL", t, total, units, "合计行应等于各单位行之和", "total row = sum of unit rows", ev=ev)
    leaves = code_leaves(coded)
    kids_of = code_children(coded)
    if total is not None and leaves:
        yield from _sum_rows("ARITH-COL", t, total, leaves, "合计行应等于各科目之和", "total row = sum of item rows", ev=ev)
    for parent in coded:
        children = kids_of.get(parent.code, [])
        if children:
            yield from _sum_rows(
                "ARITH-ROLLUP",
                t,
                parent,
                children,
                f"科目 {parent.code} 应等于其下级科目之和",
                f"{parent.code} = sum of its sub-codes",
                ev=ev,
            )


def _unit_and_items(t: Table, item_kinds: tuple[str, ...], ev: Evidence) -> Iterator[Finding]:
    total = t.row("total")
    if total is None:
        return
    units = [r for r in t.rows if r.kind == "unit"]
    items = [r for r in t.rows if r.kind in item_kinds]
    if units:
        yield from _sum_rows("ARITH-COL", t, total, units, "合计行应等于各单位行之和", "total row = sum of unit rows", ev=ev)
    if items:
        yield from _sum_rows("ARITH-COL", t, total, items, "合计行应等于各明细行之和", "total row = sum of detail rows", ev=ev)


def _basic(t: Table, ev: Evidence) -> Iterator[Finding]:
    total = t.row("total")
    classes = [r for r in t.rows if r.kind == "class"]
    items = [r for r in t.rows if r.kind == "item"]
    if total is not None and classes:
        yield from _sum_rows("ARITH-COL", t, total, classes, "合计行应等于各类之和", "total row = sum of classes", ev=ev)
    for c in classes:
        kids = [r for r in items if r.code.startswith(c.code)]
        yield from _sum_rows("ARITH-ROLLUP", t, c, kids, f"{c.code} 应等于其下各款之和", f"{c.code} = sum of its items", ev=ev)
    orphans = [r for r in items if not any(r.code.startswith(c.code) for c in classes)]
    if total is not None and orphans and not classes:
        yield from _sum_rows("ARITH-COL", t, total, items, "合计行应等于各款之和", "total row = sum of items", ev=ev)


def _label_rollups(t: Table, ev: Evidence) -> Iterator[Finding]:
    """Tables whose rows nest by the stub column their label stands in (Jiangsu 收入预算总表:
    一般公共预算资金 / 公共财政拨款(补助)资金; 政府采购预算表: 品目大类 / 专项 / 经济科目 / 物品):
    a row equals the sum of the next level below it; the total row the sum of the top level.
    A 其中 row is a part, not a breakdown, and is left out."""
    rows = [r for r in t.rows if r.attr("level") and not r.label.startswith("其中")]
    levels = [int(r.attr("level")) for r in rows]
    total = t.row("total")
    top = [r for r, lv in zip(rows, levels, strict=True) if lv == min(levels, default=0)]
    if total is not None and top and len(set(levels)) > 1:
        yield from _sum_rows("ARITH-COL", t, total, top, "合计行应等于各大类之和", "total row = sum of the top level", ev=ev)
    for i, (parent, lv) in enumerate(zip(rows, levels, strict=True)):
        block: list[tuple[Row, int]] = []
        for r, lv2 in zip(rows[i + 1 :], levels[i + 1 :], strict=True):
            if lv2 <= lv:
                break
            block.append((r, lv2))
        if not block:
            continue
        below = min(lv2 for _, lv2 in block)
        kids = [r for r, lv2 in block if lv2 == below]
        yield from _sum_rows(
            "ARITH-ROLLUP",
            t,
            parent,
            kids,
            f"「{parent.label}」应等于其下各行之和",
            f"{parent.label} = sum of the rows below it",
            ev=ev,
        )


def _halves(t: Table, ev: Evidence) -> Iterator[Finding]:
    """The two-half basic table: each half's 合计 row (人员经费合计, 公用经费合计) = Σ its classes."""
    for half in ("left", "right"):
        rows = [r for r in t.rows if r.attr("half") == half]
        totals = [r for r in rows if r.kind == "total"]
        classes = [r for r in rows if r.kind == "class"]
        for tot in totals:
            if classes:
                yield from _sum_rows(
                    "ARITH-COL",
                    t,
                    tot,
                    classes,
                    f"「{tot.label}」应等于本栏各类之和",
                    f"{tot.label} = sum of the classes of its half",
                    ev=ev,
                )


def _two_sided(t: Table, ev: Evidence, skip: frozenset[str] = frozenset()) -> Iterator[Finding]:
    inc = {r.key: r for r in t.side_rows("income")}
    out = {r.key: r for r in t.side_rows("expenditure")}
    tops = [r for r in t.side_rows("income") if r.kind == "item" and "." not in r.key]
    if "current_total" in inc and tops:
        yield from _sum_rows(
            "ARITH-COL",
            t,
            inc["current_total"],
            tops,
            "本年收入应等于各项收入之和",
            "current revenue = sum of sources",
            "income",
            ev=ev,
        )
    for parent in tops:
        subs = [
            r
            for r in t.side_rows("income")
            if r.key.startswith(parent.key + ".") and r.key.count(".") == parent.key.count(".") + 1
        ]
        if len(subs) >= 2:  # a lone 其中 line is a part, not a breakdown
            yield from _sum_rows(
                "ARITH-ROLLUP",
                t,
                parent,
                subs,
                f"「{parent.label}」应等于其明细之和",
                f"{parent.key} = sum of its sub-items",
                "income",
                ev=ev,
            )
    carry_subs = [r for r in t.side_rows("income") if r.key.startswith("carryover.")]
    if "carryover" in inc and carry_subs:
        yield from _sum_rows(
            "ARITH-ROLLUP",
            t,
            inc["carryover"],
            carry_subs,
            "上年结转应等于其明细之和",
            "carry-over = sum of its parts",
            "income",
            ev=ev,
        )
    if "grand_total" in inc and "current_total" not in inc and tops:  # Jiangsu 财政拨款收支预算总表: no 本年 line
        parts = tops + ([inc["carryover"]] if "carryover" in inc else [])
        yield from _sum_rows(
            "ARITH-COL",
            t,
            inc["grand_total"],
            parts,
            "收入合计应等于各项收入之和",
            "revenue total = sum of sources",
            "income",
            ev=ev,
        )
    uses = [r for r in t.side_rows("expenditure") if r.kind == "item" and r.key.startswith("use.")]
    use_total = out.get("current_total") or (out.get("grand_total") if "carry_forward" not in out else None)
    if uses and use_total is not None:  # Jiangsu: expenditure by use (基本支出/项目支出/单位预留机动经费)
        yield from _sum_rows(
            "ARITH-COL",
            t,
            use_total,
            uses,
            "支出合计应等于基本支出、项目支出与预留机动经费之和",
            "expenditure = basic + project + reserve",
            "expenditure",
            ev=ev,
        )
    if "grand_total" in inc and "current_total" in inc:
        parts = [inc["current_total"]] + [inc[k] for k in ("carryover", "non_fiscal_balance") if k in inc]
        yield from _sum_rows(
            "ARITH-COL",
            t,
            inc["grand_total"],
            parts,
            "收入总计应等于本年收入与上年结转之和",
            "revenue total = current + carry-over",
            "income",
            ev=ev,
        )
    classes = [r for r in t.side_rows("expenditure") if r.kind == "class"]
    if "current_total" in out and classes:
        yield from _sum_rows(
            "ARITH-COL",
            t,
            out["current_total"],
            classes,
            "本年支出应等于各功能分类支出之和",
            "current expenditure = sum of classes",
            "expenditure",
            ev=ev,
        )
    if "grand_total" in out and "current_total" not in out and "carry_forward" not in out and classes:
        yield from _sum_rows(
            "ARITH-COL",
            t,
            out["grand_total"],
            classes,
            "支出总计应等于各功能分类支出之和",
            "expenditure total = sum of classes",
            "expenditure",
            ev=ev,
        )
    if "grand_total" in out and "current_total" in out:
        parts = [out["current_total"]] + [out[k] for k in ("carry_forward", "balance_distribution") if k in out]
        yield from _sum_rows(
            "ARITH-COL",
            t,
            out["grand_total"],
            parts,
            "支出总计应等于本年支出与年终结转之和",
            "expenditure total = current + carry-forward",
            "expenditure",
            ev=ev,
        )
    in_col = _columns(t, "income")[0]
    out_col = _columns(t, "expenditure")[0]
    for key, zh, en in (
        ("grand_total", "收入总计应等于支出总计", "revenue total = expenditure total"),
        ("current_total", "本年收入应等于本年支出", "current revenue = current expenditure"),
    ):
        if key in inc and key in out and f"{t.type}-{key}-balance" not in skip:
            f = check_sum(
                "ARITH-BALANCE", (t, inc[key], in_col), [(t, out[key], out_col)], zh, en, undetermined=True, evidence=ev
            )
            if f:
                yield f


def _printed_tables(d: Disclosure) -> list[Table]:
    """The tables as printed: a table whose title is printed again over its next page (and so
    was read as a second table of the same type and title, without a 合计 row of its own) is
    joined to the one before it; its first rows belong to the groups of the previous page."""
    out: list[Table] = []
    for t in d.tables:
        prev = out[-1] if out else None
        if (
            prev is not None
            and t.type == prev.type != "other"
            and no_space(t.title) == no_space(prev.title)
            and t.row("total") is None
        ):
            out[-1] = replace(prev, rows=prev.rows + t.rows)
        else:
            out.append(t)
    return out


def column_totals(d: Disclosure, row_evidence: Evidence | None = None) -> Iterator[Finding]:
    """ARITH-COL / ARITH-ROLLUP / ARITH-BALANCE: totals down the columns of each table; and the
    codes the reader found malformed (CODE-MALFORMED), which these totals depend on."""
    yield from malformed_codes(d)
    ev = evidence(d) if row_evidence is None else row_evidence
    skip = frozenset(inapplicable(d))
    for t in _printed_tables(d):
        if any(r.attr("level") for r in t.rows):
            yield from _label_rollups(t, ev)
            continue
        if any(r.attr("half") for r in t.rows):
            yield from _halves(t, ev)
        if t.type in FUNCTION_TABLES or t.type in MORE_FUNCTION_TABLES:
            yield from _function_rollups(t, ev)
        elif t.type == "income" and any(r.kind == "class" for r in t.rows):
            yield from _function_rollups(t, ev)  # Shanghai and final accounts: income by function code
        elif t.type in ("income", "economic_summary"):
            yield from _unit_and_items(t, ("item",), ev)
        elif t.type == "project_expenditure":
            yield from _unit_and_items(t, ("project",), ev)
        elif t.type in ECONOMIC_TABLES:
            yield from _basic(t, ev)
        elif t.type in ("summary", "fiscal_summary"):
            yield from _two_sided(t, ev, skip)


def malformed_codes(d: Disclosure) -> Iterator[Finding]:
    """CODE-MALFORMED: a classification code printed in a shape no code has (``7 11 02``,
    ``301 2``), with the reading the reader gave it (a repair that makes the table's roll-ups
    hold), or none. A defect of the printed code, not of the arithmetic."""
    for t in d.tables:
        for r in t.rows:
            printed = r.attr(PRINTED_CODE)
            if not printed:
                continue
            where = f"表{t.number}「{t.title}」「{r.label}」"
            if r.attr(READING):
                zh = f"{where}一行的科目编码印为「{printed}」，不是完整的编码；按上级科目及其合计关系读作 {r.code}，请改正编码。"
                en = f"Table {t.number} row {r.label}: the code is printed '{printed}', not a whole code; read as {r.code} from its parent and the roll-up."
            else:
                zh = f"{where}一行的科目编码印为「{printed}」，不是完整的编码，无法确定应为哪个科目，涉及该行的合计关系只作存疑提示。"
                en = f"Table {t.number} row {r.label}: the code is printed '{printed}', not a whole code, and no reading could be settled."
            yield Finding("CODE-MALFORMED", "warning", zh, en, (replace(ref(t, r), value=printed),), tags=("codes",))


def part_of(d: Disclosure) -> Iterator[Finding]:
    """ARITH-PART: a 其中 column never exceeds the column it is part of."""
    for t in d.tables:
        for part, whole in PART_OF.get(t.type, ()):
            for r in t.rows:
                a, b = r.amount(part), r.amount(whole)
                if a is not None and value(a) > value(b):
                    cells = (ref(t, r, part), ref(t, r, whole))
                    yield Finding(
                        "ARITH-PART",
                        "error",
                        f"表{t.number}「{t.title}」{cells[0].row}：「{cells[0].column}」{fmt(value(a))} 大于「{cells[1].column}」{fmt(value(b))}，其中数不能超过总数。",
                        f"Table {t.number} {cells[0].row}: {part} {fmt(value(a))} exceeds {whole} {fmt(value(b))}.",
                        cells,
                        expected=f"<= {fmt(value(b))}",
                        actual=fmt(value(a)),
                    )


def performance_groups(d: Disclosure) -> Iterator[Finding]:
    """ARITH-COL on the performance table: each unit/group row = sum of its projects."""
    p = d.performance
    if p is None:
        return
    groups: list[tuple[list[TargetRow], list[TargetRow]]] = []
    for r in p.rows:
        if r.kind == "unit":
            if not groups or groups[-1][1]:
                groups.append(([], []))
            groups[-1][0].append(r)
        elif groups:
            groups[-1][1].append(r)
    for units, projects in groups:
        for u in units:
            for col in ("total", "gov", "special_account", "unit_funds"):
                parts: list[_Part] = [(p, pr, col) for pr in projects]
                f = check_sum(
                    "ARITH-COL", (p, u, col), parts, f"「{u.name}」金额应等于其下各项目之和", "unit row = sum of its projects"
                )
                if f:
                    yield f
