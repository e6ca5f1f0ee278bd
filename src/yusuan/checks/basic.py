"""Basic expenditure split into 人员经费 and 公用经费 where a template prints the two as totals of
their own (the final accounts' 一般公共预算财政拨款基本支出决算表, printed in two halves that end
in 人员经费合计 and 公用经费合计).

``CROSS-BASIC-SPLIT``: 人员经费合计 + 公用经费合计 = the table's 基本支出 total row where it
prints one, and = the 基本支出 column of the 一般公共预算财政拨款支出决算表 合计 row. (Each half
adding up to its own 合计 is ARITH-COL's; templates whose basic table has a 合计 row with
人员经费/公用经费 columns are checked by ARITH-ROW and CROSS-TABLE.) Within the rounding of the
printed figures it is a possible-rounding warning.

``CROSS-SUMMARY-SPLIT``: where the summary table splits 本年支出 into 人员经费 and 公用经费 (the
Shanghai unit edition), its 支出总计 row's 人员经费 and 公用经费 = the 一般公共预算基本支出 table's
合计 row, when all the money is 一般公共预算 (the summary's 一般公共预算 income = 收入总计): the summary
then covers exactly what the economic table covers. A warning: two tables of the same document
classing the same basic spending differently, and the reader cannot tell which one is right.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..findings import Finding
from ..model.core import Disclosure, Row, Table
from .base import check_sum

__all__ = ["basic_split", "summary_split"]


def _split_rows(t: Table) -> tuple[Row, Row] | None:
    personnel, public = t.row("personnel_total"), t.row("public_total")
    if personnel is None or public is None:
        return None
    if personnel.amount("total") is None or public.amount("total") is None:
        return None  # an empty half: nothing was read to add up
    return personnel, public


def basic_split(d: Disclosure) -> Iterator[Finding]:
    """CROSS-BASIC-SPLIT: 人员经费合计 + 公用经费合计 = 基本支出."""
    basic = d.table("gpb_basic_expenditure")
    if basic is None or (split := _split_rows(basic)) is None:
        return
    personnel, public = split
    parts = [(basic, personnel, "total"), (basic, public, "total")]
    total = basic.row("total")
    if total is not None and total.amount("total") is not None:
        f = check_sum(
            "CROSS-BASIC-SPLIT",
            (basic, total, "total"),
            parts,
            "基本支出合计应等于人员经费合计与公用经费合计之和",
            "basic total = personnel total + public total",
        )
        if f is not None:
            yield f
    gpb = d.table("gpb_expenditure")
    gt = gpb.row("total") if gpb is not None else None
    if gpb is None or gt is None or gt.amount("basic_total") is None or gpb.unit != basic.unit:
        return
    f = check_sum(
        "CROSS-BASIC-SPLIT",
        (gpb, gt, "basic_total"),
        parts,
        f"基本支出应等于表{basic.number}「{basic.title}」人员经费合计与公用经费合计之和（无法判断哪一方有误，请核对两处）",
        f"basic expenditure = personnel total + public total of table {basic.number} (cannot tell which side is wrong: check both)",
        undetermined=True,
    )
    if f is not None:
        yield f


def _side_row(t: Table, key: str, side: str) -> Row | None:
    return next((r for r in t.rows if r.key == key and r.side == side), None)


def summary_split(d: Disclosure) -> Iterator[Finding]:
    """CROSS-SUMMARY-SPLIT: the summary's 人员经费/公用经费 = the economic table's, when all is 一般公共预算."""
    summary, basic = d.table("summary"), d.table("gpb_basic_expenditure")
    if summary is None or basic is None or summary.unit != basic.unit:
        return
    total, bt = _side_row(summary, "grand_total", "expenditure"), basic.row("total")
    gpb, income = _side_row(summary, "gpb", "income"), _side_row(summary, "grand_total", "income")
    if total is None or bt is None or gpb is None or income is None:
        return
    g, i = gpb.amount("amount"), income.amount("amount")
    if g is None or i is None or g.value != i.value:
        return  # other money too: the summary covers more than the 一般公共预算 table
    for col, part, name, en in (
        ("basic_personnel", "personnel", "人员经费", "personnel"),
        ("basic_public", "public", "公用经费", "public"),
    ):
        if total.amount(col) is None or bt.amount(part) is None:
            continue
        f = check_sum(
            "CROSS-SUMMARY-SPLIT",
            (summary, total, col),
            [(basic, bt, part)],
            f"{name}应等于表{basic.number}「{basic.title}」合计行的{name}（收入全部为一般公共预算，两表范围相同）",
            f"{en} expenditure = the {en} column of table {basic.number}'s total row (all income is 一般公共预算: the same scope)",
            undetermined=True,
        )
        if f is not None and f.possible_rounding:
            yield f
        elif f is not None:
            yield replace(
                f,
                severity="warning",
                message=f.message + "两表对基本支出的人员、公用划分不一致，无法判断哪一方有误，请核对两处。",
                message_en=f.message_en
                + " The two tables split basic expenditure differently; which is wrong cannot be told: check both.",
            )
