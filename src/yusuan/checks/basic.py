"""Basic expenditure split into 人员经费 and 公用经费 where a template prints the two as totals of
their own (the final accounts' 一般公共预算财政拨款基本支出决算表, printed in two halves that end
in 人员经费合计 and 公用经费合计).

``CROSS-BASIC-SPLIT``: 人员经费合计 + 公用经费合计 = the table's 基本支出 total row where it
prints one, and = the 基本支出 column of the 一般公共预算财政拨款支出决算表 合计 row. (Each half
adding up to its own 合计 is ARITH-COL's; templates whose basic table has a 合计 row with
人员经费/公用经费 columns are checked by ARITH-ROW and CROSS-TABLE.) Within the rounding of the
printed figures it is a possible-rounding warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..model.core import Disclosure, Row, Table
from .base import check_sum

__all__ = ["basic_split"]


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
        f = check_sum("CROSS-BASIC-SPLIT", (basic, total, "total"), parts,
                      "基本支出合计应等于人员经费合计与公用经费合计之和", "basic total = personnel total + public total")
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
