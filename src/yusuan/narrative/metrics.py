"""What a narrative figure can state: metrics, the table cells that hold them, and the
phrases that name them in each topic of 情况说明.

A metric is resolved against a disclosure's tables by the first cell spec that exists
(table type, row key, side, column key). An empty cell of an existing row is zero; an
empty table is zero at its total row. Metrics that no table holds (政府采购 in the Henan
template, vehicles) resolve to nothing and are verified, where possible, by the other
statements of their sentence (parts that must add up to their whole).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from ..model.core import Disclosure, Row, Table
from ..model.money import WAN

__all__ = ["Metric", "METRICS", "TOPICS", "Resolved", "in_wan", "resolve", "topic_of", "aliases_for", "SUM_GROUPS"]


@dataclass(frozen=True, slots=True)
class Metric:
    key: str
    zh: str
    en: str
    cells: tuple[tuple[str, str, str, str], ...] = ()  # (table type, row key, side, column)
    note: str = ""  # how the link is made when it is a template convention


def _m(key: str, zh: str, en: str, *cells: tuple[str, str, str, str], note: str = "") -> Metric:
    return Metric(key, zh, en, tuple(cells), note)


_METRICS = (
    _m("revenue_total", "收入总计", "total revenue", ("summary", "grand_total", "income", "amount")),
    _m("expenditure_total", "支出总计", "total expenditure", ("summary", "grand_total", "expenditure", "amount")),
    _m(
        "revenue_current",
        "本年收入合计",
        "current-year revenue",
        ("summary", "current_total", "income", "amount"),
        ("income", "total", "", "current_total"),
    ),
    _m(
        "expenditure_current",
        "本年支出合计",
        "current-year expenditure",
        ("summary", "current_total", "expenditure", "amount"),
        ("expenditure", "total", "", "total"),
    ),
    _m("carryover_in", "上年结转结余", "carry-over", ("summary", "carryover", "income", "amount")),
    _m(
        "gpb",
        "一般公共预算收入",
        "general public budget",
        ("summary", "gpb", "income", "amount"),
        ("fiscal_summary", "gpb", "income", "amount"),
    ),
    _m("gpb_fiscal", "其中：财政拨款", "of which appropriations", ("summary", "gpb.fiscal", "income", "amount")),
    _m(
        "fund",
        "政府性基金收入",
        "government funds",
        ("summary", "fund", "income", "amount"),
        ("fiscal_summary", "fund", "income", "amount"),
    ),
    _m(
        "capital",
        "国有资本经营预算收入",
        "state capital",
        ("summary", "capital", "income", "amount"),
        ("fiscal_summary", "capital", "income", "amount"),
    ),
    _m("special_account", "财政专户管理资金收入", "special-account funds", ("summary", "special_account", "income", "amount")),
    _m("business", "事业收入", "business revenue", ("summary", "business", "income", "amount")),
    _m("operation", "事业单位经营收入", "operating revenue", ("summary", "operation", "income", "amount")),
    _m("superior", "上级补助收入", "grants from above", ("summary", "superior", "income", "amount")),
    _m("subordinate", "附属单位上缴收入", "from subordinate units", ("summary", "subordinate", "income", "amount")),
    _m("other_income", "其他收入", "other revenue", ("summary", "other", "income", "amount")),
    _m("basic", "基本支出", "basic expenditure", ("expenditure", "total", "", "basic_total")),
    _m("project", "项目支出", "project expenditure", ("expenditure", "total", "", "project_total")),
    _m(
        "reserve",
        "单位预留机动经费",
        "reserve",
        ("expenditure", "total", "", "reserve"),
        ("summary", "use.reserve", "expenditure", "amount"),
    ),
    _m(
        "fiscal_gpb",
        "一般公共预算收支预算",
        "general public budget (appropriations)",
        ("fiscal_summary", "gpb", "income", "amount"),
        ("summary", "gpb", "income", "amount"),
    ),
    _m(
        "fiscal_fund",
        "政府性基金收支预算",
        "government funds (appropriations)",
        ("fiscal_summary", "fund", "income", "amount"),
        ("summary", "fund", "income", "amount"),
    ),
    _m(
        "fiscal_capital",
        "国有资本经营收支预算",
        "state capital (appropriations)",
        ("fiscal_summary", "capital", "income", "amount"),
        ("summary", "capital", "income", "amount"),
    ),
    _m("fiscal_total", "财政拨款收支总预算", "appropriations total", ("fiscal_summary", "grand_total", "income", "amount")),
    _m("gpb_exp", "一般公共预算支出", "general public budget expenditure", ("gpb_expenditure", "total", "", "total")),
    _m("gpb_exp_basic", "一般公共预算基本支出", "GPB basic expenditure", ("gpb_expenditure", "total", "", "basic_total")),
    _m("gpb_exp_project", "一般公共预算项目支出", "GPB project expenditure", ("gpb_expenditure", "total", "", "project_total")),
    _m(
        "gpb_basic",
        "一般公共预算基本支出",
        "GPB basic expenditure",
        ("gpb_basic_expenditure", "total", "", "total"),
        ("gpb_expenditure", "total", "", "basic_total"),
    ),
    _m(
        "personnel",
        "人员经费",
        "personnel",
        ("gpb_basic_expenditure", "total", "", "personnel"),
        ("gpb_basic_expenditure", "personnel_total", "", "total"),
    ),
    _m(
        "public",
        "公用经费",
        "public (office) expenses",
        ("gpb_basic_expenditure", "total", "", "public"),
        ("gpb_basic_expenditure", "public_total", "", "total"),
    ),
    _m(
        "fiscal_basic",
        "财政拨款基本支出",
        "basic expenditure from appropriations",
        ("fiscal_basic_expenditure", "total", "", "total"),
        ("fiscal_summary", "use.basic", "expenditure", "amount"),
    ),
    _m("three_public", "“三公”经费", "“three public” total", ("three_public", "total", "", "total")),
    _m("overseas", "因公出国（境）费", "official travel abroad", ("three_public", "total", "", "overseas")),
    _m("reception", "公务接待费", "official reception", ("three_public", "total", "", "reception")),
    _m("vehicle_total", "公务用车购置及运行费", "official vehicles", ("three_public", "total", "", "vehicle_total")),
    _m("vehicle_purchase", "公务用车购置费", "vehicle purchase", ("three_public", "total", "", "vehicle_purchase")),
    _m("vehicle_operation", "公务用车运行维护费", "vehicle operation", ("three_public", "total", "", "vehicle_operation")),
    _m("gov_fund_exp", "政府性基金预算支出", "government-fund expenditure", ("gov_fund_expenditure", "total", "", "total")),
    _m(
        "state_capital_exp",
        "国有资本经营预算支出",
        "state-capital expenditure",
        ("state_capital_expenditure", "total", "", "total"),
    ),
    _m(
        "operating_expenses",
        "机关运行经费",
        "operating expenses",
        ("operating_expenses", "total", "", "total"),
        ("three_public", "total", "", "operating_expenses"),
        ("gpb_basic_expenditure", "total", "", "public"),
        note="按本模板口径，机关（机构）运转经费 = 一般公共预算基本支出中的公用经费",
    ),
    _m("procurement_total", "政府采购预算", "procurement", ("procurement", "total", "", "total")),
    _m(
        "procurement_goods",
        "政府采购货物",
        "procurement: goods",
        ("procurement", "total", "", "goods"),
        ("procurement", "goods", "", "total"),
    ),
    _m(
        "procurement_works",
        "政府采购工程",
        "procurement: works",
        ("procurement", "total", "", "works"),
        ("procurement", "works", "", "total"),
    ),
    _m(
        "procurement_services",
        "政府采购服务",
        "procurement: services",
        ("procurement", "total", "", "services"),
        ("procurement", "services", "", "total"),
    ),
    _m(
        "performance_total",
        "绩效目标管理涉及的预算",
        "amount under performance targets",
        ("project_expenditure", "total", "", "total"),
    ),
    _m("project_count", "项目个数", "number of projects"),
    _m("vehicles", "车辆总数", "vehicles"),
    _m("vehicles_general", "一般公务用车", "general-purpose vehicles"),
    _m("vehicles_enforcement", "一般执法执勤用车", "law-enforcement vehicles"),
    _m("vehicles_other", "其他用车", "other vehicles"),
    _m("equipment_general", "单价50万元以上通用设备", "general equipment over 500k"),
    _m("equipment_special", "单位价值100万元以上专用设备", "special equipment over 1m"),
)

METRICS = MappingProxyType({m.key: m for m in _METRICS})

#: Complete decompositions: the whole equals the sum of its parts.
SUM_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("procurement_total", ("procurement_goods", "procurement_works", "procurement_services")),
    ("vehicles", ("vehicles_general", "vehicles_enforcement", "vehicles_other")),
    ("vehicle_total", ("vehicle_purchase", "vehicle_operation")),
    ("three_public", ("overseas", "reception", "vehicle_total")),
    ("gpb_basic", ("personnel", "public")),
)

# Topics of 情况说明, recognised from the section title (first match wins).
TOPICS: tuple[tuple[str, str], ...] = (
    ("three_public", r"三公"),
    ("fiscal_basic", r"财政拨款基本支出"),
    ("gpb_basic", r"一般公共预算(?:财政拨款)?基本支出"),
    ("gpb_exp", r"一般公共预算(?:财政拨款)?支出"),
    ("fiscal", r"财政拨款(?:收入支出|收支)"),
    ("gov_fund", r"政府性基金"),
    ("state_capital", r"国有资本经营"),
    ("operating", r"运[转行]经费"),
    ("procurement", r"政府采购"),
    ("performance", r"绩效"),
    ("assets", r"国有资产|资产占用"),
    # Jiangsu titles its parts after the tables: "一、收支预算总表情况说明", "二、收入预算总表情况说明"
    (
        "total",
        r"收入支出(?:预算|决算)?总体|收支(?:预算|决算)?总体|收支(?:预算|决算)?总表|收入[、，]?支出(?:预算|决算)?总计|收支(?:预算|决算)?总计",
    ),
    # a heading that states the figure: "（一）收入预算总计24458.43万元。包括："
    (
        "income",
        r"收入(?:预算|决算)?(?:总表)?(?:总体|情况)|^\W{0,2}[一二三四五六七八九十]{0,2}\W{0,2}收入(?:预算|决算)?(?:总计|合计)\s*[\d,.]+\s*万?元",
    ),
    (
        "expenditure",
        r"支出(?:预算|决算)?(?:总表)?(?:总体|情况)|^\W{0,2}[一二三四五六七八九十]{0,2}\W{0,2}支出(?:预算|决算)?(?:总计|合计)\s*[\d,.]+\s*万?元",
    ),
)

#: What may stand before a document-level total: the body (its name is removed before matching),
#: the year, 本年 — nothing that names one source (财政专户管理资金收入预算总计 is not the total).
#: A body named otherwise than in the document's meta (江苏省委办公厅 for 中共江苏省委办公厅) is
#: recognised by how the names of bodies end.
_BODY = r"[\u4e00-\u9fff（）()]{2,24}?(?:办公厅|办公室|委员会|人民法院|人民检察院|街道办事处|厅|局|院|委|办|部|会|中心|所|站|处|馆|校|队)"
_WHOLE = r"^(?:省\w{0,6}?|本部门|本单位|" + _BODY + r")?(?:\d{4}年度?)?(?:本年度?)?"

# Phrases naming a metric, per topic; longer phrases first. "*" applies everywhere.
_ALIASES: dict[str, tuple[tuple[str, str], ...]] = {
    # A section whose title names no topic (Shanghai's one “部门预算编制说明” holds them all):
    # only phrases that name one figure whatever the topic.
    "": (
        (_WHOLE + r"收入(?:预算|决算)$", "revenue_current"),
        (_WHOLE + r"支出(?:预算|决算)$", "expenditure_current"),
        (r"^财政拨款收入(?:预算)?$|^财政拨款支出(?:预算)?$", "fiscal_total"),
        (_WHOLE + r"财政拨款预算(?:收入|支出)$", "fiscal_total"),
        (r"^一般公共预算(?:财政)?拨款支出(?:预算)?$", "fiscal_gpb"),
        (r"^政府性基金(?:预算)?拨款支出(?:预算)?$", "fiscal_fund"),
        (r"^国有资本经营预算拨款支出(?:预算)?$", "fiscal_capital"),
        (r"^事业单位经营收入$", "operation"),
        (r"^事业收入$", "business"),
        (r"^其他收入$", "other_income"),
    ),
    "total": (
        (r"收[、，]?支总计|收入支出总计", "revenue_total"),
        # "江苏省人民检察院2018年度收入、支出预算总计": the whole document's line, not a source's
        (_WHOLE + r"收入[、，]?支出(?:预算|决算)总计$|" + _WHOLE + r"收[、，]?支(?:预算|决算)总计$", "revenue_total"),
        (r"收入总计", "revenue_total"),
        (r"支出总计", "expenditure_total"),
        (r"收入合计", "revenue_current"),
        (r"支出合计", "expenditure_current"),
        (_WHOLE + r"收入(?:预算|决算)(?:合计|总计)$", "revenue_current"),
        (_WHOLE + r"支出(?:预算|决算)(?:合计|总计)$", "expenditure_current"),
    ),
    "income": (
        (r"收入(?:合计|总计)", "revenue_current"),
        (_WHOLE + r"收入(?:预算|决算)(?:合计|总计)$", "revenue_current"),
        (r"其中[：:]?财政拨款", "gpb_fiscal"),
        (r"一般公共预算(?:财政拨款)?(?:收入|拨款)", "gpb"),
        (r"政府性基金(?:预算)?(?:收入|拨款)", "fund"),
        (r"国有资本经营(?:预算)?(?:收入|拨款)", "capital"),
        (r"财政专户管理资金", "special_account"),
        (r"经营收入", "operation"),
        (r"事业收入", "business"),
        (r"上级补助收入", "superior"),
        (r"附属单位上缴收入", "subordinate"),
        (r"其他收入", "other_income"),
        (r"上年结转", "carryover_in"),
    ),
    "expenditure": (
        (r"支出(?:合计|总计)", "expenditure_current"),
        (_WHOLE + r"支出(?:预算|决算)(?:合计|总计)$", "expenditure_current"),
        (r"基本支出", "basic"),
        (r"项目支出", "project"),
        (r"预留机动经费", "reserve"),
        # "江苏省委办公厅2019年财政拨款预算支出27664.22万元" under 财政拨款支出预算情况说明
        (_WHOLE + r"财政拨款(?:预算)?支出(?:预算)?$", "fiscal_total"),
    ),
    "fiscal": (
        (r"一般公共预算收支", "fiscal_gpb"),
        (r"政府性基金收支", "fiscal_fund"),
        (r"国有资本经营收支", "fiscal_capital"),
        (r"财政拨款收支", "fiscal_total"),
        (r"财政拨款收入支出(?:总计|合计)", "fiscal_total"),
    ),
    "gpb_exp": (
        (r"一般公共预算(?:财政拨款)?支出", "gpb_exp"),
        (r"基本支出", "gpb_exp_basic"),
        (r"项目支出", "gpb_exp_project"),
    ),
    "fiscal_basic": (
        (r"基本支出", "fiscal_basic"),
        (r"人员经费", "personnel"),
        (r"公用经费", "public"),
    ),
    "gpb_basic": (
        (r"基本支出", "gpb_basic"),
        (r"人员经费", "personnel"),
        (r"公用经费", "public"),
    ),
    "three_public": (
        (r"三公”?经费", "three_public"),
        (r"因公出国", "overseas"),
        (r"公务接待", "reception"),
        (r"购置及运行|购置和运行", "vehicle_total"),
        (r"购置费", "vehicle_purchase"),
        (r"运行(?:维护)?费", "vehicle_operation"),
    ),
    "gov_fund": ((r"政府性基金(?:预算)?支出", "gov_fund_exp"),),
    "state_capital": ((r"国有资本经营(?:预算)?支出", "state_capital_exp"),),
    "operating": ((r"运[转行]经费", "operating_expenses"),),
    "procurement": (
        (r"货物", "procurement_goods"),
        (r"工程", "procurement_works"),
        (r"服务", "procurement_services"),
        (r"政府采购", "procurement_total"),
    ),
    "performance": ((r"预算拨款|涉及(?:资金|预算|金额)|项目支出", "performance_total"),),
    "assets": (
        (r"一般公务用车", "vehicles_general"),
        (r"执法执勤用车", "vehicles_enforcement"),
        (r"其他用车", "vehicles_other"),
        (r"车辆", "vehicles"),
        (r"通用设备", "equipment_general"),
        (r"专用设备", "equipment_special"),
    ),
    "*": (
        (r"机关(?:（机构）)?运[转行]经费", "operating_expenses"),
        (r"政府采购", "procurement_total"),
    ),
}

ALIASES = MappingProxyType({k: tuple((re.compile(p), m) for p, m in v) for k, v in _ALIASES.items()})
_TOPIC_RX = tuple((t, re.compile(p)) for t, p in TOPICS)


def topic_of(titles: tuple[str, ...]) -> str:
    """The topic of a section from its own title, then its parents' (innermost first)."""
    for title in reversed(titles):
        for topic, rx in _TOPIC_RX:
            if rx.search(title):
                return topic
    return ""


def aliases_for(topic: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    return ALIASES.get(topic, ()) + ALIASES["*"]


@dataclass(frozen=True, slots=True)
class Resolved:
    """A metric's value from the tables, in 万元, with the cell it came from."""

    value: Decimal
    decimals: int
    table: Table
    row: Row | None
    column: str


def in_wan(table: Table, row: Row, column: str) -> Resolved:
    """A row's cell as a :class:`Resolved`: in 万元 (a table in 元 is divided exactly and its
    decimals counted in 万元, four more than printed); an empty cell is an exact zero to two
    decimals."""
    amount = row.amount(column)
    if amount is None:
        return Resolved(Decimal(0), 2, table, row, column)
    if table.unit == "元":
        return Resolved(amount.value / WAN, amount.decimals + 4, table, row, column)
    return Resolved(amount.value, amount.decimals, table, row, column)


def resolve(d: Disclosure, key: str) -> Resolved | None:
    """The metric's value in the tables, or ``None`` when no table holds it."""
    metric = METRICS.get(key)
    if metric is None:
        return None
    for type_, row_key, side, col in metric.cells:
        table = d.table(type_)
        if table is None or table.column(col) is None:
            continue
        row = table.row(row_key, side)  # type: ignore[arg-type]
        if row is None:
            if table.is_empty and row_key == "total":
                return Resolved(Decimal(0), 2, table, None, col)
            continue
        return in_wan(table, row, col)
    if key in _CURRENT_SIDE:
        return _current_is_total(d, _CURRENT_SIDE[key])
    return None


_CURRENT_SIDE = {"revenue_current": "income", "expenditure_current": "expenditure"}


def _current_is_total(d: Disclosure, side: str) -> Resolved | None:
    """本年收入（支出）合计 where no table prints it: a summary whose side lists no carry-over
    (上年结转, 年末结转和结余) has only this year's figures, so its 总计 is this year's total
    (Shanghai's 财务收支预算总表: 收入总计 = 本年收入)."""
    t = d.table("summary")
    if t is None or t.column("amount") is None:
        return None
    rows = [r for r in t.rows if r.side == side]
    if not rows or any("carryover" in r.key or re.search(r"结转|结余", r.label) for r in rows):
        return None
    total = t.row("grand_total", side)  # type: ignore[arg-type]
    cell = total.cell("amount") if total is not None else None
    if total is None or cell is None or cell.amount is None:
        return None
    a = cell.amount
    value = a.value / WAN if t.unit == "元" else a.value
    return Resolved(value, a.decimals + (4 if t.unit == "元" else 0), t, total, "amount")
