"""Shared pieces of the rules: the Rule record and helpers that turn a comparison of
located cells into a finding. Rules are pure: Disclosure in, findings out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..identities import Formula, formulas_for
from ..model.core import Cell, Disclosure, PerformanceTable, Row, Table, TargetRow
from ..model.money import WAN
from ..profiles import Profile, get_profile
from ..report.finding import CellRef, Finding, Severity
from .tolerance import compare

__all__ = ["Rule", "ref", "check_sum", "fmt", "profile_of", "table_formulas"]


def profile_of(d: Disclosure) -> Profile | None:
    """The template the document was read with (``None`` for a hand-made model)."""
    try:
        return get_profile(d.meta.profile)
    except KeyError:
        return None


def table_formulas(d: Disclosure, t: Table) -> tuple[Formula, ...]:
    """The row formulas of table ``t``: its template's own, else the canonical ones its columns allow."""
    prof = profile_of(d)
    spec = prof.spec(t.type) if prof is not None else None
    return formulas_for(t.type, (c.key for c in t.columns), spec.formulas if spec is not None else None)


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    title: str
    title_en: str
    severity: Severity
    tags: tuple[str, ...]
    example: str
    check: Callable[..., Iterable[Finding]]  # (Disclosure) or, with_previous, (Disclosure, Disclosure | None)
    with_previous: bool = False


def fmt(d: object) -> str:
    return format(d, "f")


def ref(table: Table | PerformanceTable, row: Row | TargetRow | None, column: str = "") -> CellRef:
    col = next((c for c in table.columns if c.key == column), None)
    col_label = col.label if col else column
    cell: Cell | None = None
    if row is None:
        return CellRef(table.type, table.number, table.title, "", col_label, table.location.line, table.location.page, column_key=column)
    if isinstance(row, TargetRow):
        name = f"{row.code} {row.name}".strip()
        cell = row.cell(column) if column else None
        key = row.code
    else:
        name = row.display
        cell = row.cell(column) if column else None
        key = row.key
        if column and isinstance(table, Table):
            side_col = next((c for c in table.columns if c.key == column and c.side == row.side), None)
            if side_col is not None:
                col_label = side_col.label
    line = (cell.location.line if cell else None) or row.location.line
    return CellRef(
        table.type,
        table.number,
        table.title,
        name,
        col_label,
        line,
        row.location.page,
        key,
        column,
        cell.raw if cell else "",
    )


def _unit_scale(actual: Decimal, expected: Decimal) -> str:
    """"10000" or "1/10000" when two figures differ by that factor (within 0.1%)."""
    if actual == 0 or expected == 0:
        return ""
    ratio = abs(actual / expected)
    if abs(ratio - WAN) <= WAN / 1000:
        return "10000"
    if abs(ratio * WAN - 1) <= Decimal("0.001"):
        return "1/10000"
    return ""


def check_sum(
    rule: str,
    total: tuple[Table | PerformanceTable, Row | TargetRow, str],
    parts: Sequence[tuple[Table | PerformanceTable, Row | TargetRow, str]],
    what_zh: str,
    what_en: str,
    undetermined: bool = False,
) -> Finding | None:
    """Compare ``total`` with the sum of ``parts``; a finding when they disagree."""
    t_table, t_row, t_col = total
    t_amount = t_row.amount(t_col)
    p_amounts = [r.amount(c) for _, r, c in parts]
    if t_amount is None and all(a is None for a in p_amounts):
        return None
    cmp = compare(t_amount, p_amounts)
    if cmp.ok:
        return None
    cells = (ref(t_table, t_row, t_col),) + tuple(ref(t, r, c) for t, r, c in parts)
    where = f"表{t_table.number}「{t_table.title}」{cells[0].row}·{cells[0].column}"
    scale = _unit_scale(cmp.actual, cmp.expected)
    if scale:
        return Finding(
            rule="FMT-UNIT-SCALE",
            severity="error",
            message=f"{where}：{what_zh}不成立，印出 {fmt(cmp.actual)}，计算得 {fmt(cmp.expected)}，相差约 {scale} 倍，"
            "可能是元与万元混用（请核对各表的金额单位）。",
            message_en=f"Table {t_table.number} {cells[0].row} / {cells[0].column}: {what_en} does not hold; printed "
            f"{fmt(cmp.actual)}, computed {fmt(cmp.expected)}: a factor of about {scale}, 元 and 万元 mixed up?",
            cells=cells,
            expected=fmt(cmp.expected),
            actual=fmt(cmp.actual),
            difference=fmt(cmp.difference),
            tags=("formatting", "units"),
            undetermined=True,
        )
    if cmp.possible_rounding:
        zh = (
            f"{where}：{what_zh}。印出 {fmt(cmp.actual)}，计算得 {fmt(cmp.expected)}，"
            f"相差 {fmt(cmp.difference)}，在四舍五入允许范围（±{fmt(cmp.tolerance)}）内，可能是尾数误差。"
        )
        en = (
            f"Table {t_table.number} {cells[0].row} / {cells[0].column}: {what_en}. Printed {fmt(cmp.actual)}, "
            f"computed {fmt(cmp.expected)}, difference {fmt(cmp.difference)} is within rounding (±{fmt(cmp.tolerance)})."
        )
        severity: Severity = "warning"
    else:
        zh = (
            f"{where}：{what_zh}不成立。印出 {fmt(cmp.actual)}，计算得 {fmt(cmp.expected)}，"
            f"相差 {fmt(cmp.difference)}（超出四舍五入允许范围 ±{fmt(cmp.tolerance)}）。"
        )
        en = (
            f"Table {t_table.number} {cells[0].row} / {cells[0].column}: {what_en} does not hold. Printed "
            f"{fmt(cmp.actual)}, computed {fmt(cmp.expected)}, difference {fmt(cmp.difference)} "
            f"(beyond rounding ±{fmt(cmp.tolerance)})."
        )
        severity = "error"
    return Finding(
        rule=rule,
        severity=severity,
        message=zh,
        message_en=en,
        cells=cells,
        expected=fmt(cmp.expected),
        actual=fmt(cmp.actual),
        difference=fmt(cmp.difference),
        possible_rounding=cmp.possible_rounding,
        undetermined=undetermined,
        suggestion=None if undetermined or cmp.possible_rounding else (
            f"若各分项无误，{cells[0].row}·{cells[0].column} 应为 {cmp.expected:,f}"
        ),
    )
