"""Canonical facts: the headline figures every extractor fills, in 万元, exact.

Each fact is taken from a table cell where the template has one, else from the
narrative sentence that states it; it keeps where it came from. 元 converts to 万元 by
exact division; nothing is rounded. A fact the document does not state is ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .model.core import Disclosure, Location
from .model.money import WAN, Amount

__all__ = ["FACT_NAMES", "Fact", "compute_facts"]

FACT_NAMES = (
    "revenue_total",
    "expenditure_total",
    "revenue_current_year",
    "carryover_in",
    "general_public_budget",
    "fiscal_appropriation",
    "government_fund",
    "state_capital",
    "basic_expenditure",
    "project_expenditure",
    "reserve_expenditure",
    "personnel_expenditure",
    "public_expenditure",
    "three_public_total",
    "overseas_travel",
    "official_reception",
    "vehicle_total",
    "vehicle_purchase",
    "vehicle_operation",
    "operating_expenses",
    "procurement_total",
    "procurement_goods",
    "procurement_works",
    "procurement_services",
)


@dataclass(frozen=True, slots=True)
class Fact:
    name: str
    value: str | None  # exact decimal string in 万元
    source: str  # "table:summary/income.grand_total/amount" or "narrative"
    location: Location | None = None


# fact → (table type, row key, side, column key); first hit wins.
_TABLE_FACTS: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "revenue_total": (("summary", "grand_total", "income", "amount"),),
    "expenditure_total": (("summary", "grand_total", "expenditure", "amount"),),
    "revenue_current_year": (("summary", "current_total", "income", "amount"),),
    "carryover_in": (("summary", "carryover", "income", "amount"),),
    "general_public_budget": (("summary", "gpb", "income", "amount"), ("fiscal_summary", "gpb", "income", "amount")),
    "fiscal_appropriation": (
        ("summary", "gpb.fiscal", "income", "amount"),
        ("fiscal_summary", "gpb.fiscal", "income", "amount"),
        # Jiangsu and Shanghai print 一、财政拨款(收入) with the funds under it
        ("summary", "fiscal", "income", "amount"),
        # final accounts: every income line of 财政拨款收入支出决算总表 is a fiscal appropriation
        ("fiscal_summary", "current_total", "income", "amount"),
    ),
    "government_fund": (("summary", "fund", "income", "amount"), ("fiscal_summary", "fund", "income", "amount")),
    "state_capital": (("summary", "capital", "income", "amount"), ("fiscal_summary", "capital", "income", "amount")),
    "basic_expenditure": (("expenditure", "total", "", "basic_total"), ("summary", "use.basic", "expenditure", "amount")),
    "project_expenditure": (("expenditure", "total", "", "project_total"), ("summary", "use.project", "expenditure", "amount")),
    "reserve_expenditure": (("expenditure", "total", "", "reserve"), ("summary", "use.reserve", "expenditure", "amount")),
    "personnel_expenditure": (
        ("gpb_basic_expenditure", "total", "", "personnel"),
        ("gpb_basic_expenditure", "personnel_total", "", "total"),
    ),
    "public_expenditure": (
        ("gpb_basic_expenditure", "total", "", "public"),
        ("gpb_basic_expenditure", "public_total", "", "total"),
    ),
    "three_public_total": (("three_public", "total", "", "total"),),
    "overseas_travel": (("three_public", "total", "", "overseas"),),
    "official_reception": (("three_public", "total", "", "reception"),),
    "vehicle_total": (("three_public", "total", "", "vehicle_total"),),
    "vehicle_purchase": (("three_public", "total", "", "vehicle_purchase"),),
    "vehicle_operation": (("three_public", "total", "", "vehicle_operation"),),
    "operating_expenses": (("operating_expenses", "total", "", "total"), ("three_public", "total", "", "operating_expenses")),
    "procurement_total": (("procurement", "total", "", "total"),),
    "procurement_goods": (("procurement", "goods", "", "total"),),
    "procurement_works": (("procurement", "works", "", "total"),),
    "procurement_services": (("procurement", "services", "", "total"),),
}

_AMT = r"(\d[\d,]*(?:\.\d+)?)\s*(万元|元)"
# fact → patterns over narrative paragraphs; group 1 amount, group 2 unit.
_NARRATIVE_FACTS: dict[str, tuple[str, ...]] = {
    "operating_expenses": (
        r"机关(?:（机构）)?(?:运转|运行)经费(?:支出)?(?:预算|决算)?(?:为|安排)?" + _AMT,
    ),
    "procurement_total": (
        r"政府采购(?:支出)?(?:预算|决算)?(?:安排|总额|为)?(?:为)?" + _AMT,
        # final accounts: 政府采购金额（以合同签订为准）为251.25万元
        r"政府采购金额(?:（[^）]{0,20}）)?为?" + _AMT,
    ),
    "procurement_goods": (r"(?:政府采购)?货物(?:类)?(?:预算|采购)?(?:支出|金额)?(?:为)?" + _AMT,),
    "procurement_works": (r"(?:政府采购)?工程(?:类)?(?:预算|采购)?(?:支出|金额)?(?:为)?" + _AMT,),
    "procurement_services": (r"(?:政府采购)?服务(?:类)?(?:预算|采购)?(?:支出|金额)?(?:为)?" + _AMT,),
    "reserve_expenditure": (r"预留机动经费(?:支出)?(?:为)?" + _AMT,),
    # Jiangsu prints 人员经费/公用经费 only in the narrative (its basic tables have one 金额 column)
    "personnel_expenditure": (r"人员经费\s*(?:支出)?(?:为)?\s*" + _AMT,),
    "public_expenditure": (r"公用经费\s*(?:支出)?(?:为)?\s*" + _AMT,),
    "state_capital": (r"国有资本经营预算(?:拨款)?收入(?:预算)?(?:为)?\s*" + _AMT,),
}


def _to_wan(amount: Amount, unit: str) -> str:
    if unit == "元":
        return format((amount.value / WAN).normalize(), "f")
    return amount.text()


def _table_fact(d: Disclosure, name: str) -> Fact | None:
    for type_, key, side, col in _TABLE_FACTS.get(name, ()):
        table = d.table(type_)
        if table is None:
            continue
        row = table.row(key, side)  # type: ignore[arg-type]
        if row is None:
            continue
        cell = row.cell(col)
        if cell is None:
            continue
        value = "0" if cell.amount is None else _to_wan(cell.amount, table.unit)
        return Fact(name, value, f"table:{type_}/{key}/{col}", cell.location)
    return None


def _narrative_fact(d: Disclosure, name: str) -> Fact | None:
    for pattern in _NARRATIVE_FACTS.get(name, ()):
        rx = re.compile(pattern)
        for sec in d.sections:
            for para in sec.paragraphs:
                m = rx.search(para.text)
                if m:
                    amount = Amount(Decimal(m.group(1).replace(",", "")), 0)
                    text = m.group(1).replace(",", "")
                    value = text if m.group(2) == "万元" else _to_wan(amount, "元")
                    loc = Location(line=para.line_at(m.start(1)), source=d.meta.source)
                    return Fact(name, value, "narrative", loc)
    return None


def compute_facts(d: Disclosure) -> dict[str, Fact]:
    out: dict[str, Fact] = {}
    for name in FACT_NAMES:
        fact = _table_fact(d, name) or _narrative_fact(d, name)
        out[name] = fact if fact is not None else Fact(name, None, "not stated")
    return out
