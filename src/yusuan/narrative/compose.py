"""情况说明 composed from the data: the tables, last year's figures and the user's reasons.

Every figure of a composed sentence is a table cell (through :func:`.metrics.resolve`, the
links the audit uses to judge it), a figure computed from cells (a share, a change on
last year and its rate, a sum, a count of projects), or a figure the model file supplies
because no table of the template holds it (政府采购 by kind, vehicles and equipment).
Shares and rates are computed exactly and rounded once, half-up to two decimals;
增加/减少/持平 follows the sign of the change. A change on last year that the template
explains (收支总计, each fund type, each “三公” item, 机关运行经费) needs its reason from
the model file: when it is missing, composing stops with a message that names the reason
needed (``changes.…``). The composer never writes a reason of its own.

    sections, notes = compose(disclosure, Inputs(previous={...}, reasons={...}, figures={...}))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ..errors import InputError
from ..model.core import Disclosure
from ..tolerance import round_half_up
from .metrics import resolve

__all__ = ["Inputs", "compose", "PREVIOUS_KEYS", "FIGURE_KEYS", "NEEDS_REASON", "canonical_key", "share", "rate"]

ZERO = Decimal(0)
HUNDRED = Decimal(100)

#: Keys of ``previous_year`` / ``changes`` → the metric they state (fact names and metric keys both work).
PREVIOUS_KEYS: Mapping[str, str] = {
    "revenue_total": "revenue_total",
    "expenditure_total": "revenue_total",
    "general_public_budget": "fiscal_gpb",
    "gpb": "fiscal_gpb",
    "fiscal_gpb": "fiscal_gpb",
    "government_fund": "fiscal_fund",
    "fund": "fiscal_fund",
    "fiscal_fund": "fiscal_fund",
    "state_capital": "fiscal_capital",
    "capital": "fiscal_capital",
    "fiscal_capital": "fiscal_capital",
    "three_public_total": "three_public",
    "three_public": "three_public",
    "overseas_travel": "overseas",
    "overseas": "overseas",
    "official_reception": "reception",
    "reception": "reception",
    "vehicle_total": "vehicle_total",
    "vehicle_purchase": "vehicle_purchase",
    "vehicle_operation": "vehicle_operation",
    "operating_expenses": "operating_expenses",
}
#: This year's figures no table of the template holds (``figures`` of the model file).
FIGURE_KEYS = (
    "procurement_goods",
    "procurement_works",
    "procurement_services",
    "vehicles_general",
    "vehicles_enforcement",
    "vehicles_other",
    "equipment_general",
    "equipment_special",
)
#: Changes the template explains with a reason (the metrics COMPLETE-REASON looks at; the
#: “三公” total may be explained by its items' reasons).
NEEDS_REASON = (
    "revenue_total",
    "fiscal_gpb",
    "fiscal_fund",
    "fiscal_capital",
    "overseas",
    "reception",
    "vehicle_total",
    "vehicle_purchase",
    "vehicle_operation",
    "operating_expenses",
)
# the key named in a message about a missing reason (the fact name where there is one)
_FILE_KEY = {
    "revenue_total": "revenue_total",
    "fiscal_gpb": "general_public_budget",
    "fiscal_fund": "government_fund",
    "fiscal_capital": "state_capital",
    "three_public": "three_public_total",
    "overseas": "overseas_travel",
    "reception": "official_reception",
    "vehicle_total": "vehicle_total",
    "vehicle_purchase": "vehicle_purchase",
    "vehicle_operation": "vehicle_operation",
    "operating_expenses": "operating_expenses",
}


def canonical_key(key: str) -> str | None:
    """The metric a ``previous_year``/``changes`` key states, or ``None`` when composing does not use it."""
    return PREVIOUS_KEYS.get(key)


@dataclass(frozen=True, slots=True)
class Inputs:
    """What the tables do not hold: last year's figures and the reasons (by metric key, see
    :data:`PREVIOUS_KEYS`), and this year's figures of :data:`FIGURE_KEYS`."""

    previous: Mapping[str, Decimal] = field(default_factory=dict)
    reasons: Mapping[str, str] = field(default_factory=dict)
    figures: Mapping[str, Decimal] = field(default_factory=dict)


def _round(x: Decimal) -> Decimal:
    return round_half_up(x, 2)


def share(part: Decimal, whole: Decimal) -> Decimal:
    """``part`` as a percentage of ``whole``, rounded once (half-up, 2 decimals)."""
    return _round(part * HUNDRED / whole)


def rate(change: Decimal, previous: Decimal) -> Decimal:
    """A change as a percentage of last year's figure, rounded once (half-up, 2 decimals)."""
    return _round(abs(change) * HUNDRED / previous)


def _pct(x: Decimal) -> str:
    """A rounded percentage as printed: 14.63, 9.2, 50, 100 (trailing zeros dropped)."""
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return s or "0"


def _amt(x: Decimal) -> str:
    """An amount in 万元 as the narrative prints it: two decimals, no separators."""
    return f"{_round(x):.2f}"


def _count(x: Decimal) -> str:
    return f"{x.normalize():f}"


class _Composer:
    def __init__(self, d: Disclosure, inputs: Inputs) -> None:
        self.d = d
        self.inputs = inputs
        self.unit = d.meta.unit_name
        self.year = d.meta.year or 0
        self.last = self.year - 1
        self.notes: list[tuple[str, str]] = []
        self.missing: list[tuple[str, str, str]] = []  # (key, zh, en) of reasons needed

    def v(self, key: str) -> Decimal:
        """The metric as the narrative prints it (万元, two decimals): shares, changes and rates are
        computed from the printed figures, so a reader who checks them gets the same result."""
        r = resolve(self.d, key)
        return _round(r.value) if r is not None else ZERO

    def exact(self, key: str) -> Decimal:
        """The metric's table value in 万元, exact (a table in 元 gives more than two decimals)."""
        r = resolve(self.d, key)
        return r.value if r is not None else ZERO

    def has(self, key: str) -> bool:
        return resolve(self.d, key) is not None

    # ------------------------------------------------------------ changes on last year

    def change(self, key: str, zh: str, *, lead: str, flat: str, reason_optional: bool = False) -> str:
        """The clause stating the change of metric ``key`` on last year, with its reason; "" without last year's figure."""
        given = self.inputs.previous.get(key)
        if given is None:
            return ""
        # the change from this year's table figure, exact, and last year's as published (万元, two decimals);
        # printed to 0.01 万元, so a change smaller than half of that is 持平 as printed
        prev, now = _round(given), self.exact(key)
        delta = now - prev
        if _round(delta) == 0:
            return flat
        up = delta > 0
        text = f"{lead}{'增加' if up else '减少'}{_amt(abs(delta))}万元"
        if prev != 0:
            text += f"，{'增长' if up else '下降'}{_pct(rate(delta, prev))}%"
        reason = self.inputs.reasons.get(key, "").strip().rstrip("。；;，,")
        if reason:
            text += f"，主要原因：{reason}"
        elif not reason_optional and key in NEEDS_REASON:
            self.missing.append(
                (
                    _FILE_KEY.get(key, key),
                    f"{zh}比{self.last}年{'增加' if up else '减少'}{_amt(abs(delta))}万元",
                    f"{zh} {'rose' if up else 'fell'} by {_amt(abs(delta))} on {self.last}",
                )
            )
        return text

    # ------------------------------------------------------------ sections

    def total(self) -> list[str]:
        rt, et = self.v("revenue_total"), self.v("expenditure_total")
        s = f"{self.unit}{self.year}年收入总计{_amt(rt)}万元，支出总计{_amt(et)}万元"
        ch = self.change(
            "revenue_total",
            "收、支总计",
            lead=f"，与{self.last}年相比，收、支总计各",
            flat=f"，与{self.last}年相比，收、支总计持平，无增减变动",
        )
        return [s + ch + "。"]

    def income(self) -> list[str]:
        parts = []
        for key, label in (
            ("gpb", "一般公共预算收入"),
            ("fund", "政府性基金收入"),
            ("capital", "国有资本经营预算收入"),
            ("special_account", "财政专户管理资金收入"),
            ("business", "事业收入"),
            ("operation", "事业单位经营收入"),
            ("superior", "上级补助收入"),
            ("subordinate", "附属单位上缴收入"),
            ("other_income", "其他收入"),
        ):
            x = self.v(key)
            if x:
                parts.append(f"{label}{_amt(x)}万元")
        s = f"{self.unit}{self.year}年收入合计{_amt(self.v('revenue_current'))}万元"
        if parts:
            s += "，其中：" + "；".join(parts)
        s += "。"
        carry = self.v("carryover_in")
        if carry:
            s += f"另有上年结转{_amt(carry)}万元。"
        return [s]

    def _shares(self, whole: Decimal, parts: list[tuple[str, Decimal]]) -> str:
        out = []
        for label, x in parts:
            text = f"{label}{_amt(x)}万元"
            if whole:
                text += f"，占{_pct(share(x, whole))}%"
            out.append(text)
        return "；".join(out)

    def expenditure(self) -> list[str]:
        whole = self.v("expenditure_current")
        parts = [("基本支出", self.v("basic")), ("项目支出", self.v("project"))]
        if self.v("reserve"):
            parts.append(("单位预留机动经费", self.v("reserve")))
        return [f"{self.unit}{self.year}年支出合计{_amt(whole)}万元，其中：{self._shares(whole, parts)}。"]

    def fiscal(self) -> list[str]:
        g, f, c = self.v("fiscal_gpb"), self.v("fiscal_fund"), self.v("fiscal_capital")
        s = (
            f"{self.unit}{self.year}年一般公共预算收支预算{_amt(g)}万元，政府性基金收支预算{_amt(f)}万元，"
            f"国有资本经营收支预算{_amt(c)}万元。"
        )
        clauses = []
        for key, zh in (
            ("fiscal_gpb", "一般公共预算收支预算"),
            ("fiscal_fund", "政府性基金收支预算"),
            ("fiscal_capital", "国有资本经营收支预算"),
        ):
            ch = self.change(key, zh, lead=f"与{self.last}年相比，{zh}", flat=f"与{self.last}年相比，{zh}与上年持平，无增减变动")
            if ch:
                clauses.append(ch)
        if clauses:
            s += "；".join(clauses) + "。"
        return [s]

    def gpb_exp(self) -> list[str]:
        whole = self.v("gpb_exp")
        parts = [("基本支出", self.v("gpb_exp_basic")), ("项目支出", self.v("gpb_exp_project"))]
        return [f"{self.unit}{self.year}年一般公共预算支出年初预算为{_amt(whole)}万元。其中：{self._shares(whole, parts)}。"]

    def gpb_basic(self) -> list[str]:
        whole = self.v("gpb_basic")
        parts = [("人员经费支出", self.v("personnel")), ("公用经费支出", self.v("public"))]
        return [f"{self.unit}{self.year}年一般公共预算基本支出年初预算为{_amt(whole)}万元。其中：{self._shares(whole, parts)}。"]

    def three_public(self) -> list[str]:
        y, last = self.year, self.last
        s = f"{self.unit}{y}年“三公”经费支出预算为{_amt(self.v('three_public'))}万元。"
        ch = self.change(
            "three_public",
            "“三公”经费",
            lead=f"{y}年“三公”经费预算数比{last}年",
            flat=f"{y}年“三公”经费预算数与{last}年持平，无增减变动",
            reason_optional=True,
        )
        paras = [s + (ch + "。" if ch else ""), "具体支出情况如下："]
        flat = f"与{last}年持平，无增减变动"
        o = self.change("overseas", "因公出国（境）费", lead="预算数比" + f"{last}年", flat=flat)
        paras.append(
            f"（一）因公出国（境）费{_amt(self.v('overseas'))}万元，主要用于按规定审批的出国出境团费等。"
            + (o + "。" if o else "")
        )
        r = self.change("reception", "公务接待费", lead="预算数比" + f"{last}年", flat=flat)
        paras.append(f"（二）公务接待费{_amt(self.v('reception'))}万元，主要用于正常的公务接待。" + (r + "。" if r else ""))
        vt = self.change("vehicle_total", "公务用车购置及运行费", lead="预算数比" + f"{last}年", flat=flat)
        vp = self.change("vehicle_purchase", "公务用车购置费", lead="预算数比" + f"{last}年", flat=flat)
        vo = self.change("vehicle_operation", "公务用车运行维护费", lead="预算数比" + f"{last}年", flat=flat)
        paras.append(
            f"（三）公务用车购置及运行费{_amt(self.v('vehicle_total'))}万元。"
            + (vt + "。" if vt else "")
            + f"其中，公务用车购置费{_amt(self.v('vehicle_purchase'))}万元，主要用于公车购置。"
            + (vp + "。" if vp else "")
            + f"公务用车运行维护费{_amt(self.v('vehicle_operation'))}万元，主要用于支付燃修费、路桥费、保险费、车船税等。"
            + (vo + "。" if vo else "")
        )
        return paras

    def gov_fund(self) -> list[str]:
        total = self.v("gov_fund_exp")
        s = f"{self.unit}{self.year}年政府性基金预算支出{_amt(total)}万元"
        uses = []
        projects = self.d.table("project_expenditure")
        if projects is not None and projects.column("current_fund") is not None:
            for row in projects.rows:
                if row.kind != "project":
                    continue
                cell = row.cell("current_fund")
                if cell is not None and cell.amount is not None and cell.amount.value:
                    value = cell.amount.value / Decimal(10000) if projects.unit == "元" else cell.amount.value
                    uses.append((row.label, _round(value)))
        if uses and sum(v for _, v in uses) == total:
            # a name that ends in a digit (…项目2) is kept apart from its amount, or they read as one number
            s += "，用于" + "，".join(f"{name}{' ' if name[-1:].isdigit() else ''}{_amt(v)}万元" for name, v in uses)
        elif total:
            self.notes.append(
                (
                    "政府性基金支出的项目合计与支出总额不一致，未逐项列出用途。",
                    "the projects funded by government funds do not add up to the total; their uses are not listed.",
                )
            )
        return [s + "。"]

    def state_capital(self) -> list[str]:
        return [f"{self.unit}{self.year}年国有资本经营预算支出{_amt(self.v('state_capital_exp'))}万元。"]

    def operating(self) -> list[str]:
        s = (
            f"{self.unit}{self.year}年机关（机构）运转经费支出预算{_amt(self.v('operating_expenses'))}万元，"
            "主要保障机构正常运转及正常履职需要所需支出，包含公用经费、公务用车运行维护费、公务交通补贴、工会经费、职工福利费等。"
        )
        ch = self.change(
            "operating_expenses", "机关（机构）运转经费", lead=f"比{self.last}年", flat=f"与{self.last}年持平，无增减变动"
        )
        return [s + (ch + "。" if ch else "")]

    def _figures(self, keys: tuple[str, ...], zh: str, en: str) -> list[Decimal] | None:
        have = [self.inputs.figures.get(k) for k in keys]
        if any(x is None for x in have):
            missing = ", ".join(f"figures.{k}" for k, x in zip(keys, have, strict=True) if x is None)
            self.notes.append((f"未写「{zh}」：模型文件缺少 {missing}。", f"{en} not written: the model file lacks {missing}."))
            return None
        return [x for x in have if x is not None]

    def procurement(self) -> list[str] | None:
        got = self._figures(
            ("procurement_goods", "procurement_works", "procurement_services"), "政府采购支出预算情况", "procurement"
        )
        if got is None:
            return None
        goods, works, services = got
        return [
            f"{self.year}年政府采购预算安排{_amt(goods + works + services)}万元，其中：政府采购货物预算{_amt(goods)}万元、"
            f"政府采购工程预算{_amt(works)}万元、政府采购服务预算{_amt(services)}万元。"
        ]

    def performance(self) -> list[str]:
        projects = self.d.table("project_expenditure")
        count = sum(1 for r in projects.rows if r.kind == "project") if projects is not None else 0
        if not count:
            return [f"{self.year}年{self.unit}无项目支出，未设置项目绩效目标。"]
        return [
            f"{self.year}年{self.unit}预算项目均按要求编制了绩效目标，从成本、产出、效益、满意度等方面设置了绩效目标，"
            "综合反映项目支出预期达到的产出和效果以及相应的成本控制要求。"
            f"对项目支出全面实施绩效目标管理，涉及预算拨款{_amt(self.v('performance_total'))}万元，共{count}个项目。"
        ]

    def assets(self) -> list[str] | None:
        keys = ("vehicles_general", "vehicles_enforcement", "vehicles_other", "equipment_general", "equipment_special")
        got = self._figures(keys, "国有资产占用情况", "state assets")
        if got is None:
            return None
        g, e, o, eq1, eq2 = got
        return [
            f"{self.last}年期末，{self.unit}共有车辆{_count(g + e + o)}辆，其中：一般公务用车{_count(g)}辆、一般执法执勤用车{_count(e)}辆、"
            f"其他用车{_count(o)}辆；单价50万元以上通用设备{_count(eq1)}台（套），单位价值100万元以上专用设备{_count(eq2)}台（套）。"
        ]

    def run(self) -> list[tuple[str, list[str]]]:
        out: list[tuple[str, list[str]]] = [(f"第二部分 {self.unit}{self.year}年度单位预算情况说明", [])]
        out += [
            ("一、收入支出预算总体情况说明", self.total()),
            ("二、收入预算总体情况说明", self.income()),
            ("三、支出预算总体情况说明", self.expenditure()),
            ("四、财政拨款收入支出总体情况说明", self.fiscal()),
            ("五、一般公共预算支出预算情况说明", self.gpb_exp()),
            ("六、一般公共预算基本支出情况说明", self.gpb_basic()),
            ("七、“三公”经费支出预算情况说明", self.three_public()),
            ("八、政府性基金预算支出预算情况说明", self.gov_fund()),
            ("九、国有资本经营预算支出预算情况说明", self.state_capital()),
            ("十、其他重要事项情况说明", []),
        ]
        ordinals = iter("一二三四五六七八九")
        others: list[tuple[str, list[str] | None]] = [
            ("行政（事业）单位机关（机构）运转经费", self.operating()),
            ("政府采购支出预算情况", self.procurement()),
            ("预算绩效情况说明", self.performance()),
            ("国有资产占用情况", self.assets()),
        ]
        for title, paras in others:
            if paras is not None:
                out.append((f"（{next(ordinals)}）{title}", paras))
        return out


def compose(d: Disclosure, inputs: Inputs) -> tuple[list[tuple[str, list[str]]], list[tuple[str, str]]]:
    """情况说明 of ``d`` as (heading, paragraphs) in order, and notes (zh, en) on what was left out.

    Raises :class:`~yusuan.errors.InputError` naming every reason a stated change needs and the model lacks."""
    if d.meta.kind != "budget":
        raise InputError(
            "目前只能为预算（kind: budget）生成情况说明；决算的情况说明请写在模型文件的 narrative 中。",
            "情况说明 can be composed for budgets (kind: budget) only; write a final account's in the model file's narrative.",
        )
    c = _Composer(d, inputs)
    sections = c.run()
    if c.missing:
        zh = "；".join(f"changes.{k}（{what}）" for k, what, _ in c.missing)
        en = "; ".join(f"changes.{k} ({what})" for k, _, what in c.missing)
        raise InputError(
            f"无法生成情况说明：以下增减变动需要说明原因，请在模型文件的 changes 中写明：{zh}。",
            f"cannot compose 情况说明: these changes on last year need their reason in the model file's changes: {en}.",
        )
    return sections, c.notes
