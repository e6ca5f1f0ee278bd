"""The identities of the canonical table types, as data.

Rules (``yusuan.checks``) test them; the reader uses the row formulas only to realign a
row whose cells the extraction shifted (it accepts a realignment only when the row then
holds exactly and the printed figures are unchanged). Keys are canonical column keys
(see the profiles).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

__all__ = ["ROW_FORMULAS", "PART_OF", "FUNCTION_TABLES", "ECONOMIC_TABLES", "Formula", "formulas_for"]

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
