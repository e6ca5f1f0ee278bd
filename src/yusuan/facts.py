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

__all__ = ["FACT_NAMES", "Fact", "compute_facts", "definition_break", "fact_cells"]

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
    "operating_expenses": (r"机关(?:（机构）)?(?:运转|运行)经费(?:支出)?(?:预算|决算)?(?:为|安排)?" + _AMT,),
    "procurement_total": (
        r"政府采购(?:支出)?(?:预算|决算)?(?:安排|总额|为)?(?:为)?" + _AMT,
        # final accounts: 政府采购金额（以合同签订为准）为251.25万元
        r"政府采购金额(?:（[^）]{0,20}）)?为?" + _AMT,
    ),
    "procurement_goods": (
        r"(?:政府采购)?货物(?:类)?(?:政府采购)?(?:预算|采购)?(?:支出)?(?:预算|决算)?(?:金额)?(?:为)?\s*" + _AMT,
    ),
    "procurement_works": (
        r"(?:政府采购)?工程(?:类)?(?:政府采购)?(?:预算|采购)?(?:支出)?(?:预算|决算)?(?:金额)?(?:为)?\s*" + _AMT,
    ),
    "procurement_services": (
        r"(?:政府采购)?服务(?:类)?(?:政府采购)?(?:预算|采购)?(?:支出)?(?:预算|决算)?(?:金额)?(?:为)?\s*" + _AMT,
    ),
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


# Other prints of the same figure, used only to restore decimals the first source dropped
# (a 合计 cell printed “22,118,861” where its rows add to 22,118,861.34).
_SAME_FIGURE: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "basic_expenditure": (("gpb_basic_expenditure", "total", "", "total"), ("fiscal_basic_expenditure", "total", "", "total")),
}


def _cell_of(d: Disclosure, type_: str, key: str, side: str, col: str) -> tuple[Amount | None, str, Location] | None:
    table = d.table(type_)
    row = table.row(key, side) if table is not None else None  # type: ignore[arg-type]
    cell = row.cell(col) if row is not None else None
    if table is None or cell is None:
        return None
    return cell.amount, table.unit, cell.location


def _table_fact(d: Disclosure, name: str) -> Fact | None:
    for type_, key, side, col in _TABLE_FACTS.get(name, ()):
        found = _cell_of(d, type_, key, side, col)
        if found is None:
            continue
        amount, unit, location = found
        if amount is None:
            return Fact(name, "0", f"table:{type_}/{key}/{col}", location)
        for other in _SAME_FIGURE.get(name, ()):
            alt = _cell_of(d, *other)
            if alt is None or alt[0] is None or alt[1] != unit or alt[0].decimals <= amount.decimals:
                continue
            if abs(alt[0].value - amount.value) <= amount.half_unit and _fewer_decimals_than_its_table(d, type_, amount):
                return Fact(name, _to_wan(alt[0], unit), f"table:{other[0]}/{other[1]}/{other[3]}", alt[2])
        return Fact(name, _to_wan(amount, unit), f"table:{type_}/{key}/{col}", location)
    return None


def _fewer_decimals_than_its_table(d: Disclosure, type_: str, amount: Amount) -> bool:
    """The cell prints fewer decimals than most figures of its table (a precision lost in print)."""
    table = d.table(type_)
    decimals = [c.amount.decimals for r in table.rows for c in r.cells if c.amount is not None] if table else []
    return bool(decimals) and sorted(decimals)[len(decimals) // 2] > amount.decimals


_CHANGE_BEFORE = re.compile(r"(?:增加|减少|增长|下降|增|减|其中)\s*$")


def _narrative_fact(d: Disclosure, name: str) -> Fact | None:
    """The first statement of the fact in the narrative, headings included (“（一）人员经费
    4,704.35万元” is a heading in Jiangsu documents); an amount stated as a change (“增加人员经费
    1408.29万元”) is not the fact."""
    for pattern in _NARRATIVE_FACTS.get(name, ()):
        rx = re.compile(pattern)
        for sec in d.sections:
            texts = [(sec.title, sec.location.line)] + [(para.text, None) for para in sec.paragraphs]
            for i, (text, line) in enumerate(texts):
                for m in rx.finditer(text):
                    if _CHANGE_BEFORE.search(text[max(0, m.start() - 6) : m.start()]):
                        continue
                    amount = Amount(Decimal(m.group(1).replace(",", "")), 0)
                    value = m.group(1).replace(",", "") if m.group(2) == "万元" else _to_wan(amount, "元")
                    at = line if line is not None else sec.paragraphs[i - 1].line_at(m.start(1))
                    return Fact(name, value, "narrative", Location(line=at, source=d.meta.source))
    return None


def compute_facts(d: Disclosure) -> dict[str, Fact]:
    out: dict[str, Fact] = {}
    for name in FACT_NAMES:
        fact = _table_fact(d, name) or _narrative_fact(d, name)
        out[name] = fact if fact is not None else Fact(name, None, "not stated")
    return out


def fact_cells(name: str) -> tuple[tuple[str, str, str, str], ...]:
    """The table cells a fact is read from, as (table type, row key, side, column key), first first."""
    return _TABLE_FACTS.get(name, ())


def definition_break(
    name: str, last: tuple[str | None, int | None], this: tuple[str | None, int | None]
) -> tuple[str, str] | None:
    """Why a fact's figures in two documents, each given as (profile id, year), are not the same
    measure, as (zh, en); ``None`` when nothing says they differ.

    They differ when the two documents were read with different templates, or when the
    template limits to some years (``[not_checked]`` with ``from``/``until``) an identity of its
    own (``[[equal]]``) that names a cell the fact is read from, and one year is inside those
    years and the other outside: the template then defines the figure differently in the two
    years (Jiangsu's 机关运行经费 up to 2017 includes running costs paid from project funds).
    A document whose template is unknown is not said to differ."""
    (pa, ya), (pb, yb) = last, this
    if not pa or not pb:
        return None
    if pa != pb:
        return (
            f"两份文件模板不同（{pa}、{pb}），口径可能不同",
            f"the two documents were read with different templates ({pa}, {pb})",
        )
    from .profiles import profiles  # the profiles read the model only; imported here to keep this module light

    prof = profiles().get(pa)
    if prof is None:
        return None
    cells = set(_TABLE_FACTS.get(name, ()))
    named = {ident for a, b, _what, ident in prof.equalities if a in cells or b in cells}
    for ex in prof.not_checked:
        if ex.name in named and not ex.always and ex.covers(ya) != ex.covers(yb):
            zh, _, en = ex.reason.partition(" / ")
            return (
                f"模板「{prof.name}」{ex.years}的口径不同：{zh}",
                f"template {prof.id} defines it otherwise {ex.years_en}: {en or zh}",
            )
    return None
