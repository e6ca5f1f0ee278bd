"""The consistent-budget generator shared by ``yusuan synth`` and the property tests.

:func:`consistent_budget` makes up a unit budget whose every identity holds (a random unit,
function codes from the bundled catalog, projects financed by the general budget or by
government funds, amounts in 万元 or 元, last year's figures and reasons), as a model-file dict.
It takes every random decision from a :class:`Choices`:

* :class:`RandomChoices` wraps a :class:`random.Random` (``yusuan synth``: a seed gives the same
  documents as before this generator was shared);
* :class:`DrawChoices` wraps Hypothesis's ``draw`` (``tests/test_render_generated.py``): each
  decision is its own draw of a plain strategy, so Hypothesis shrinks a failing budget.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import cache
from typing import Any, Protocol, TypeVar

from ..catalog import load_catalog

__all__ = ["Choices", "RandomChoices", "DrawChoices", "consistent_budget", "function_codes"]

T = TypeVar("T")


class Choices(Protocol):
    """Where a generator takes its random decisions from."""

    def integers(self, lo: int, hi: int) -> int:
        """An integer in ``lo..hi`` (both included)."""
        ...

    def choice(self, seq: Sequence[T]) -> T:
        """One element of ``seq`` (not empty)."""
        ...

    def boolean(self) -> bool:
        """True or False, even odds."""
        ...

    def text(self, alphabet: str, min_size: int, max_size: int) -> str:
        """A string of ``min_size..max_size`` characters of ``alphabet``."""
        ...


class RandomChoices:
    """:class:`Choices` from a :class:`random.Random`, drawn in the order ``yusuan synth`` always drew them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def integers(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)

    def choice(self, seq: Sequence[T]) -> T:
        return self.rng.choice(seq)

    def boolean(self) -> bool:
        return self.rng.random() < 0.5

    def text(self, alphabet: str, min_size: int, max_size: int) -> str:
        n = self.rng.randint(min_size, max_size)
        return "".join(self.rng.choice(alphabet) for _ in range(n))


class DrawChoices:
    """:class:`Choices` from Hypothesis's ``draw`` (of ``@st.composite``): every decision is one
    draw of a plain strategy (integers, sampled_from, booleans, text), which Hypothesis shrinks.
    Hypothesis is imported only when used (it is a test dependency)."""

    def __init__(self, draw: Callable[[Any], Any]) -> None:
        from hypothesis import strategies as st

        self.draw = draw
        self.st = st

    def integers(self, lo: int, hi: int) -> int:
        return int(self.draw(self.st.integers(min_value=lo, max_value=hi)))

    def choice(self, seq: Sequence[T]) -> T:
        out: T = self.draw(self.st.sampled_from(seq))
        return out

    def boolean(self) -> bool:
        return bool(self.draw(self.st.booleans()))

    def text(self, alphabet: str, min_size: int, max_size: int) -> str:
        return str(self.draw(self.st.text(alphabet=alphabet, min_size=min_size, max_size=max_size)))


_CLASSES = {
    "201": ("一", "一般公共服务支出"),
    "208": ("八", "社会保障和就业支出"),
    "212": ("十二", "城乡社区支出"),
    "221": ("二十一", "住房保障支出"),
}
_HAN = "东南西北中新华安平江河山湖海州城阳明德信和泰丰永兴文"
_KIND = ["政务服务中心", "数据管理局", "机关事务服务中心", "档案馆", "信访局", "统计局"]
_NOTE = ["注：报表金额单位转换时可能存在四舍五入尾数误差。"]


@cache
def function_codes(prefix: str) -> tuple[tuple[str, str], ...]:
    cat = load_catalog(2024)
    return tuple(
        (e.code, e.name)
        for e in cat
        if e.scheme == "function"
        and len(e.code) == 7
        and e.code.startswith(prefix)
        and e.code not in ("2010301", "2080501", "2080505", "2210201")
    )


def _money(cents: int) -> str:
    return f"{Decimal(cents).scaleb(-2):.2f}"


def consistent_budget(ch: Choices, unit: str | None = None, year: int | None = None) -> dict[str, Any]:
    """A consistent unit budget made up from scratch (Henan 12-table template), as a model file
    dict, every random decision taken from ``ch``. ``unit`` and ``year`` replace the drawn ones
    (they are drawn all the same, so the other draws do not move)."""
    yuan = ch.boolean()
    scale = 10_000 if yuan else 1  # the same budget in 元 has 10,000 times the figures (and any cents)
    lo, hi = (1_000_000, 30_000_000_000) if yuan else (1, 3_000_000)

    def amt() -> int:
        return ch.integers(lo, hi)

    def m(c: int) -> str:
        return _money(c)

    name = ch.text(_HAN, 2, 4) + "市" + ch.choice(_KIND)
    unit = unit or name
    code = f"{ch.integers(100, 999)}001"
    drawn_year = ch.integers(2021, 2026)
    year = year or drawn_year
    wages_a, wages_b, family, public_rest, retire, pension, housing = (amt() for _ in range(7))
    reception, vehicle = ch.integers(0, 400_000 * scale), ch.integers(0, 400_000 * scale)
    public = public_rest + reception + vehicle
    gpb_projects = [(ch.choice(function_codes("201")), amt()) for _ in range(ch.integers(1, 3))]
    fund_projects = [(ch.choice(function_codes("21208")), amt()) for _ in range(ch.integers(0, 2))]
    basic_wages = wages_a + wages_b + pension + housing
    basic_family = family + retire
    basic = basic_wages + basic_family + public
    gpb_proj = sum(a for _, a in gpb_projects)
    fund = sum(a for _, a in fund_projects)
    gpb = basic + gpb_proj
    total = gpb + fund
    # function rows: code → (basic wages, family, public, project)
    rows: dict[str, list[int]] = {
        "2010301": [wages_a + wages_b, family, public, 0],
        "2080501": [0, retire, 0, 0],
        "2080505": [pension, 0, 0, 0],
        "2210201": [housing, 0, 0, 0],
    }
    names = {
        "2010301": "行政运行",
        "2080501": "行政单位离退休",
        "2080505": "机关事业单位基本养老保险缴费支出",
        "2210201": "住房公积金",
    }
    for (c, n), a in gpb_projects + fund_projects:
        rows.setdefault(c, [0, 0, 0, 0])[3] += a
        names[c] = n
    fund_codes = {c for (c, _), _ in fund_projects}

    def exp_values(r: list[int], include: bool = True) -> dict[str, str]:
        w, f, p, pr = r
        v = {
            "total": w + f + p + pr,
            "basic_total": w + f + p,
            "basic_wages": w,
            "basic_family": f,
            "basic_public": p,
            "project_total": pr,
            "project_specific": pr,
        }
        return {k: m(x) for k, x in v.items() if x}

    by_class: dict[str, list[int]] = {}
    for c, r in rows.items():
        acc = by_class.setdefault(c[:3], [0, 0])
        acc[1 if c in fund_codes else 0] += sum(r)
    unit_vals = exp_values([basic_wages, basic_family, public, gpb_proj + fund])
    exp_rows = [{"label": "合计", "values": unit_vals}, {"code": code, "label": unit, "values": unit_vals}]
    exp_rows += [{"code": c, "label": names[c], "values": exp_values(r)} for c, r in sorted(rows.items())]
    gpb_unit = exp_values([basic_wages, basic_family, public, gpb_proj])
    gpb_rows = [{"label": "合计", "values": gpb_unit}, {"code": code, "label": unit, "values": gpb_unit}]
    gpb_rows += [{"code": c, "label": names[c], "values": exp_values(r)} for c, r in sorted(rows.items()) if c not in fund_codes]
    classes = sorted(by_class)
    summary = []
    income = [
        ("一、一般公共预算", gpb),
        ("其中：财政拨款", gpb),
        ("二、政府性基金预算拨款收入", fund),
        ("其中：政府性基金预算资金", fund),
    ]
    for i in range(max(len(income), len(classes))):
        if i < len(income):
            summary.append(
                {"side": "income", "label": income[i][0], "values": {"amount": m(income[i][1])} if income[i][1] else {}}
            )
        if i < len(classes):
            o, n = _CLASSES[classes[i]]
            summary.append(
                {
                    "side": "expenditure",
                    "code": classes[i],
                    "label": f"{o}、{n}",
                    "values": {"amount": m(sum(by_class[classes[i]]))},
                }
            )
    summary += [
        {"side": "income", "label": "本年收入合计", "values": {"amount": m(total)}},
        {"side": "expenditure", "label": "本年支出合计", "values": {"amount": m(total)}},
        {"side": "income", "label": "上年结转结余"},
        {"side": "expenditure", "label": "年终结转结余"},
        {"side": "income", "label": "收入总计", "values": {"amount": m(total)}},
        {"side": "expenditure", "label": "支出总计", "values": {"amount": m(total)}},
    ]

    def fsv(g: int, f: int) -> dict[str, str]:
        return {k: m(x) for k, x in (("total", g + f), ("gpb", g), ("gpb_fiscal", g), ("fund", f)) if x}

    fiscal = [
        {"side": "income", "label": "一、本年收入", "values": {"amount": m(total)}},
        {"side": "expenditure", "label": "一、本年支出", "values": fsv(gpb, fund)},
        {"side": "income", "label": "（一）一般公共预算拨款", "values": {"amount": m(gpb)}},
        {"side": "income", "label": "其中：财政拨款", "values": {"amount": m(gpb)}},
        {"side": "income", "label": "（二）政府性基金预算拨款", "values": {"amount": m(fund)} if fund else {}},
        {"side": "income", "label": "（三）国有资本经营预算拨款"},
    ]
    for c in classes:
        o, n = _CLASSES[c]
        fiscal.append({"side": "expenditure", "code": c, "label": f"（{o}）{n}", "values": fsv(*by_class[c])})
    fiscal += [
        {"side": "income", "label": "二、上年结转", "kind": "total"},
        {"side": "expenditure", "label": "二、年终结转结余", "kind": "total"},
        {"side": "income", "label": "收入合计", "kind": "total", "values": {"amount": m(total)}},
        {"side": "expenditure", "label": "支出合计", "kind": "total", "values": fsv(gpb, fund)},
    ]
    econ = [
        ("30101", "基本工资", "50101", "工资奖金津补贴", wages_a, "personnel"),
        ("30102", "津贴补贴", "50101", "工资奖金津补贴", wages_b, "personnel"),
        ("30108", "机关事业单位基本养老保险缴费", "50102", "社会保障缴费", pension, "personnel"),
        ("30113", "住房公积金", "50103", "住房公积金", housing, "personnel"),
        ("30201", "办公费", "50201", "办公经费", public_rest, "public"),
        ("30217", "公务接待费", "50206", "公务接待费", reception, "public"),
        ("30231", "公务用车运行维护费", "50208", "公务用车运行维护费", vehicle, "public"),
        ("30302", "退休费", "50905", "离退休费", retire, "personnel"),
        ("30305", "生活补助", "50901", "社会福利和救助", family, "personnel"),
    ]
    econ = [e for e in econ if e[4]]
    basic_rows = [{"label": "合计", "values": {"total": m(basic), "personnel": m(basic - public), "public": m(public)}}]
    basic_rows += [
        {"code": c, "label": n, "gov_code": g, "gov_name": gn, "values": {"total": m(a), col: m(a)}}
        for c, n, g, gn, a, col in econ
    ]
    ev = fsv(gpb, fund)
    econ_rows = [{"label": "合计", "values": ev}, {"code": code, "label": unit, "values": ev}]
    econ_rows += [{"code": c, "label": n, "gov_code": g, "gov_name": gn, "values": fsv(a, 0)} for c, n, g, gn, a, _ in econ]
    econ_rows.append(
        {"code": "30227", "label": "委托业务费", "gov_code": "50205", "gov_name": "委托业务费", "values": fsv(gpb_proj, 0)}
    )
    if fund:
        econ_rows.append(
            {"code": "31002", "label": "办公设备购置", "gov_code": "50306", "gov_name": "设备购置", "values": fsv(0, fund)}
        )
    tp = {
        k: m(x)
        for k, x in (
            ("total", reception + vehicle),
            ("vehicle_total", vehicle),
            ("vehicle_operation", vehicle),
            ("reception", reception),
        )
        if x
    }
    tp_notes = _NOTE + ([] if tp else [f"本单位{year}年度没有“三公”经费支出，故本表无数据。"])
    fund_unit = {"total": m(fund), "project_total": m(fund), "project_specific": m(fund)} if fund else {}
    fund_rows: list[dict[str, Any]] = [{"label": "合计", "values": fund_unit}]
    if fund:
        fund_rows.append({"code": code, "label": unit, "values": fund_unit})
        fund_rows += [{"code": c, "label": names[c], "values": exp_values(rows[c])} for c in sorted(fund_codes)]
    pv = {k: m(x) for k, x in (("total", gpb_proj + fund), ("current_gpb", gpb_proj), ("current_fund", fund)) if x}
    proj_rows = [{"label": "合计", "values": pv}, {"code": code, "label": unit, "values": pv}]
    perf: list[dict[str, Any]] = [
        {"code": code, "name": unit, "values": {"total": m(gpb_proj + fund), "gov": m(gpb_proj + fund)}}
    ]
    for i, ((c, n), a) in enumerate(gpb_projects + fund_projects):
        label = f"{n}专项{'甲乙丙丁戊'[i]}"
        col = "current_fund" if (c, n) in [p for p, _ in fund_projects] and i >= len(gpb_projects) else "current_gpb"
        proj_rows.append({"unit_code": code, "label": label, "project_type": "特定目标类", "values": {"total": m(a), col: m(a)}})
        perf.append(
            {
                "code": f"419{code}{year % 100:02d}000000{i + 1:04d}",
                "name": label,
                "values": {"total": m(a), "gov": m(a)},
                "targets": [
                    {"category": "成本", "name": "预算执行率", "value": "100%"},
                    {"category": "产出", "name": "工作任务完成率", "value": "≥95%"},
                    {"category": "效益", "name": "服务对象覆盖率", "value": "≥90%"},
                    {"category": "满意度", "name": "服务对象满意度", "value": "≥95%"},
                ],
            }
        )
    empty_note = f"本单位{year}年度没有国有资本经营预算支出，故本表无数据。"
    fund_notes = _NOTE + ([] if fund else [f"本单位{year}年度没有政府性基金预算支出，故本表无数据。"])

    def wan(cents: int) -> Decimal:
        return Decimal(cents).scaleb(-2) / scale

    def last_year(now: Decimal, delta: int) -> str:
        """Last year's figure as published (万元, two decimals). One of a few 元 is left out: the audit
        then cannot tell the rate from the rounding of the printed change (it may imply last year 0)."""
        x = (now + Decimal(delta).scaleb(-2)).quantize(Decimal("0.01"))
        return str(x if x >= Decimal("0.05") else Decimal(0))

    prev = {
        k: last_year(wan(v), ch.integers(-500, 500))
        for k, v in (
            ("revenue_total", total),
            ("general_public_budget", gpb),
            ("government_fund", fund),
            ("official_reception", reception),
            ("vehicle_operation", vehicle),
            ("operating_expenses", public),
        )
    }
    reasons = {
        k: "工作任务调整"
        for k in (
            "revenue_total",
            "general_public_budget",
            "government_fund",
            "state_capital",
            "overseas_travel",
            "official_reception",
            "vehicle_purchase",
            "vehicle_operation",
            "operating_expenses",
        )
    }
    # the income table's total and its one unit have the same figures (each row its own dict:
    # synth injects defects into a row's values)
    income_figures = {
        k: m(x)
        for k, x in (
            ("total", total),
            ("current_total", total),
            ("current_gpb", gpb),
            ("current_gpb_fiscal", gpb),
            ("current_fund", fund),
        )
        if x
    }
    return {
        "schema": "yusuan.model/1",
        "profile": "henan-unit-budget",
        "unit": unit,
        "unit_code": code,
        "year": year,
        "amount_unit": "元" if yuan else "万元",
        "date": f"{year}-03-01",
        "duties": ["负责本单位职责范围内的各项工作。"],
        "divisions": ["本单位内设机构2个。"],
        "previous_year": prev,
        "changes": reasons,
        "figures": {
            "procurement_goods": "1.00",
            "procurement_works": "0",
            "procurement_services": "2.50",
            "vehicles_general": "1",
            "vehicles_enforcement": "0",
            "vehicles_other": "0",
            "equipment_general": "0",
            "equipment_special": "0",
        },
        "tables": {
            "summary": {"notes": _NOTE, "rows": summary},
            "income": {
                "notes": _NOTE,
                "rows": [
                    {
                        "label": "合计",
                        "values": dict(income_figures),
                    },
                    {
                        "code": code,
                        "label": unit,
                        "values": dict(income_figures),
                    },
                ],
            },
            "expenditure": {"notes": _NOTE, "rows": exp_rows},
            "fiscal_summary": {"notes": _NOTE, "rows": fiscal},
            "gpb_expenditure": {"notes": _NOTE, "rows": gpb_rows},
            "gpb_basic_expenditure": {"notes": _NOTE, "rows": basic_rows},
            "economic_summary": {"notes": _NOTE, "rows": econ_rows},
            "three_public": {"notes": tp_notes, "rows": [{"label": "合计", "values": tp}]},
            "gov_fund_expenditure": {"notes": fund_notes, "rows": fund_rows},
            "state_capital_expenditure": {"notes": [*_NOTE, empty_note], "rows": [{"label": "合计"}]},
            "project_expenditure": {"notes": _NOTE, "rows": proj_rows},
        },
        "performance": {"rows": perf},
    }
