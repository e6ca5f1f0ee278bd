"""The identities of the canonical table types, as data.

Rules (``yusuan.checks``) test them; the reader uses the row formulas only to realign a
row whose cells the extraction shifted (it accepts a realignment only when the row then
holds exactly and the printed figures are unchanged). Keys are canonical column keys
(see the profiles).

The identities between tables (and the balance of the two-sided summaries) have names
(:data:`IDENTITIES`). A template says, by name, which of them do not hold for it: always,
or only in some years (``[not_checked]`` of its profile, read into :class:`Exemption`).
A rule asks whether an identity applies before it tests it; one that does not apply is
listed once as "not checked", never reported as a difference.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

__all__ = [
    "ROW_FORMULAS",
    "PART_OF",
    "FUNCTION_TABLES",
    "ECONOMIC_TABLES",
    "IDENTITIES",
    "Exemption",
    "Formula",
    "exemption",
    "formulas_for",
]

Formula = tuple[str, tuple[str, ...]]

_SPENDING: tuple[Formula, ...] = (
    ("total", ("basic_total", "project_total")),
    ("basic_total", ("basic_wages", "basic_family", "basic_public")),
    ("project_total", ("project_operating", "project_specific")),
)

#: Tables with rows by function code (类/款/项) and the spending column set.
FUNCTION_TABLES = ("expenditure", "gpb_expenditure", "gov_fund_expenditure", "state_capital_expenditure")
#: Tables with rows by function code that other templates add (Jiangsu 财政拨款支出预算表).
MORE_FUNCTION_TABLES = ("fiscal_expenditure",)
#: Tables with rows by economic code (301/30101 …) and a total row.
ECONOMIC_TABLES = ("gpb_basic_expenditure", "fiscal_basic_expenditure", "operating_expenses")

#: Within each row: total column = Σ part columns.
ROW_FORMULAS: Mapping[str, tuple[Formula, ...]] = MappingProxyType(
    {
        **{t: _SPENDING for t in FUNCTION_TABLES},
        "income": (
            ("total", ("current_total", "carry_total")),
            (
                "current_total",
                (
                    "current_gpb",
                    "current_fund",
                    "current_capital",
                    "current_special_account",
                    "current_business",
                    "current_operation",
                    "current_superior",
                    "current_subordinate",
                    "current_other",
                ),
            ),
            ("carry_total", ("carry_gpb", "carry_fund", "carry_capital", "carry_special_account", "carry_unit")),
        ),
        "fiscal_summary": (("total", ("gpb", "fund", "capital")),),
        "gpb_basic_expenditure": (("total", ("personnel", "public")),),
        "economic_summary": (
            (
                "total",
                (
                    "gpb",
                    "fund",
                    "capital",
                    "carryover",
                    "special_account",
                    "business",
                    "superior",
                    "subordinate",
                    "operation",
                    "other",
                ),
            ),
        ),
        "three_public": (
            ("total", ("overseas", "vehicle_total", "reception")),
            ("vehicle_total", ("vehicle_purchase", "vehicle_operation")),
        ),
        "project_expenditure": (
            (
                "total",
                (
                    "current_gpb",
                    "current_fund",
                    "current_capital",
                    "carry_gpb",
                    "carry_fund",
                    "carry_capital",
                    "special_account",
                    "unit_funds",
                ),
            ),
        ),
        "performance_targets": (("total", ("gov", "special_account", "unit_funds")),),
    }
)

#: "其中" columns: (part, whole) — the part cannot exceed the whole.
PART_OF: Mapping[str, tuple[tuple[str, str], ...]] = MappingProxyType(
    {
        "income": (("current_gpb_fiscal", "current_gpb"),),
        "fiscal_summary": (("gpb_fiscal", "gpb"),),
        "economic_summary": (("gpb_fiscal", "gpb"),),
    }
)


def formulas_for(type_: str, columns: Iterable[str], override: tuple[Formula, ...] | None = None) -> tuple[Formula, ...]:
    """The row formulas of a table: the template's own (``override``) or the canonical ones of its
    type, keeping only those whose total and every part are columns the table has (a template
    that prints 金额 alone has no row formula; one that lacks a part column cannot be checked)."""
    keys = set(columns)
    source = override if override is not None else ROW_FORMULAS.get(type_, ())
    return tuple((t, parts) for t, parts in source if t in keys and all(p in keys for p in parts))


#: The named identities between tables (and the summaries' balance), as the rules test them:
#: name → what it says (Chinese / English). A template's ``[not_checked]`` names these, or its
#: own ``[[equal]]`` identities.
IDENTITIES: Mapping[str, str] = MappingProxyType(
    {
        "summary-income-by-fund": "收支总表的一般公共预算、政府性基金、国有资本经营收入 = 收入表合计行同名列 / summary income by fund = income table",
        "summary-income-by-source": "收支总表的财政拨款、事业收入等各项收入 = 收入表合计行同名列 / summary income by source = income table",
        "summary-income-totals": "收支总表的本年收入、上年结转、收入总计 = 收入表合计行 / summary income totals = income table",
        "summary-vs-fiscal-summary-income": "收支总表与财政拨款收支总表的分资金收入一致 / summary income by fund = fiscal summary",
        "summary-classes-by-expenditure-table": "收支总表各功能分类 = 支出表同类各科目之和 / summary classes = expenditure table by class",
        "fiscal-summary-by-fund-tables": "财政拨款收支总表各功能分类 = 一般公共预算、政府性基金、国有资本经营支出表 / fiscal summary = fund tables",
        "expenditure-equals-fund-tables": "支出表 = 一般公共预算 + 政府性基金 + 国有资本经营支出表（逐行） / expenditure = gpb + fund + capital tables, row by row",
        "expenditure-covers-fund-tables": "支出表各格 ≥ 一般公共预算 + 政府性基金 + 国有资本经营支出表同一格（支出表包括全部资金） / expenditure ≥ gpb + fund + capital tables, cell by cell",
        "expenditure-by-basic-columns": "基本支出表合计 = 一般公共预算支出表的基本支出 / basic table total = gpb basic expenditure",
        "basic-personnel-public": "基本支出表的人员经费、公用经费 = 一般公共预算支出表同名列 / basic personnel and public = gpb columns",
        "economic-summary-totals": "支出经济分类汇总表的总计与分资金合计 = 各支出表合计 / economic summary totals = expenditure tables",
        "economic-summary-covers-basic": "支出经济分类汇总表各科目的一般公共预算 ≥ 基本支出表 / economic summary covers basic expenditure",
        "three-public-vs-economic-codes": "“三公”经费表的公务用车运行费、公务接待费 = 经济分类 30231、30217 / 三公 = economic codes 30231, 30217",
        "fiscal-tables-vs-fiscal-summary": "财政拨款支出表、财政拨款基本支出表 = 财政拨款收支总表 / fiscal tables = fiscal summary",
        "project-table-vs-expenditure": "项目支出表 = 支出表的项目支出 / project table = expenditure project columns",
        "performance-vs-project-table": "绩效目标表的项目金额 = 项目支出表 / performance targets = project table",
        "summary-grand_total-balance": "收支总表：收入总计 = 支出总计 / summary: revenue total = expenditure total",
        "summary-current_total-balance": "收支总表：本年收入 = 本年支出 / summary: current revenue = current expenditure",
        "fiscal_summary-grand_total-balance": "财政拨款收支总表：收入总计 = 支出总计 / fiscal summary: totals balance",
        "fiscal_summary-current_total-balance": "财政拨款收支总表：本年收入 = 本年支出 / fiscal summary: current revenue = current expenditure",
    }
)


@dataclass(frozen=True, slots=True)
class Exemption:
    """An identity a template declares not to hold: in every year, or in ``first``..``last``
    (inclusive; ``None`` leaves that end open)."""

    name: str
    reason: str
    first: int | None = None
    last: int | None = None

    @property
    def always(self) -> bool:
        return self.first is None and self.last is None

    def covers(self, year: int | None) -> bool:
        """Does the exemption apply to a document of ``year``? A document whose year is unknown
        cannot be shown to be outside those years, so the identity is not checked there either."""
        if self.always or year is None:
            return True
        return (self.first is None or year >= self.first) and (self.last is None or year <= self.last)

    @property
    def years(self) -> str:
        """The years it covers, for a message: ``2017 年度``, ``2017 年度及以前``, ``2019 年度起``."""
        if self.first == self.last:
            return f"{self.first} 年度"
        if self.first is None:
            return f"{self.last} 年度及以前"
        if self.last is None:
            return f"{self.first} 年度起"
        return f"{self.first}–{self.last} 年度"

    @property
    def years_en(self) -> str:
        if self.first == self.last:
            return f"{self.first}"
        if self.first is None:
            return f"up to {self.last}"
        if self.last is None:
            return f"from {self.first}"
        return f"{self.first}–{self.last}"


def exemption(name: str, value: Any) -> Exemption:
    """A ``[not_checked]`` entry of a profile: ``name = "reason"`` (every year) or
    ``name = { reason = "…", from = 2017, until = 2017 }`` (those years only)."""
    if isinstance(value, Mapping):
        first, last = value.get("from"), value.get("until")
        return Exemption(
            str(name),
            str(value.get("reason", "")),
            int(first) if first is not None else None,
            int(last) if last is not None else None,
        )
    return Exemption(str(name), str(value))
