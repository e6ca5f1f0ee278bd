"""Identities between tables. A disagreement names every cell involved; where it cannot
tell which side is wrong, the message says so.

Each identity has a name (``yusuan.identities.IDENTITIES``, or a template's own ``[[equal]]``)
and is tested only where it applies: an identity the template exempts for the document's
year, or whose condition the document does not meet (``base.inapplicable``), is listed once
as "not checked" (info), never reported as a difference.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..findings import Finding
from ..identities import IDENTITIES
from ..labels import no_space
from ..model.core import Disclosure, Row, Table
from ..tolerance import value
from .base import Evidence, check_sum, evidence, inapplicable, profile_of, ref
from .codetree import leaves as code_leaves

__all__ = ["cross_tables"]

_NOTE = "（无法判断哪一方有误，请核对两处）"
_NOTE_EN = " (cannot tell which side is wrong: check both)"


def _comparable(cells: list[tuple[Table, Row, str]]) -> bool:
    """Every cell's column exists in its table (a template without the column cannot be
    checked: that is "not checked", not a difference) and all tables print the same unit."""
    return all(r.cell(c) is not None for _, r, c in cells) and len({t.unit for t, _, _ in cells}) == 1


def _eq(a: tuple[Table, Row, str], b: tuple[Table, Row, str], zh: str, en: str, proof: Evidence | None = None) -> Finding | None:
    if not _comparable([a, b]):
        return None
    return check_sum(
        "CROSS-TABLE",
        a,
        [b],
        f"应与表{b[0].number}「{b[0].title}」一致：{zh}{_NOTE}",
        en + _NOTE_EN,
        undetermined=True,
        evidence=proof,
    )


def _sum(
    a: tuple[Table, Row, str], parts: list[tuple[Table, Row, str]], zh: str, en: str, proof: Evidence | None = None
) -> Finding | None:
    if not _comparable([a, *parts]):
        return None
    return check_sum("CROSS-TABLE", a, parts, zh + _NOTE, en + _NOTE_EN, undetermined=True, evidence=proof)


def _not_checked(skip: dict[str, tuple[str, str]], d: Disclosure) -> Iterator[Finding]:
    """The identities that do not apply to the document, once each, with the reason."""
    prof = profile_of(d)
    own = {e[3]: e[2] for e in prof.equalities} if prof is not None else {}
    for name, (zh, en) in skip.items():
        # what the identity says, never its internal name: a named identity's description, a
        # template's own identity by what it equates
        what_zh, _, what_en = IDENTITIES.get(
            name, f"{own[name]}相等 / {own[name]}: the same in both tables" if name in own else f"{name} / {name}"
        ).partition(" / ")
        yield Finding(
            "CROSS-NOT-CHECKED",
            "info",
            f"未核对「{what_zh}」：{zh}",
            f"not checked: {what_en or what_zh}: {en}",
            tags=("not-checked",),
        )


def _by_class(t: Table, cls: str) -> list[Row]:
    """Leaf function rows of a class (类 code prefix)."""
    coded = [r for r in t.rows if r.code and r.code.startswith(cls) and r.kind in ("class", "item", "subitem")]
    return code_leaves(coded)


def cross_tables(d: Disclosure, row_evidence: Evidence | None = None) -> Iterator[Finding]:
    skip = inapplicable(d)
    proof = evidence(d) if row_evidence is None else row_evidence
    yield from (f for f in _gen(d, skip, proof) if f is not None)
    yield from (f for f in _template_equalities(d, skip, proof) if f is not None)
    yield from _not_checked(skip, d)


def _template_equalities(d: Disclosure, skip: dict[str, tuple[str, str]], proof: Evidence) -> Iterator[Finding | None]:
    """The cross-table identities a template's profile lists as data (``[[equal]]``)."""
    prof = profile_of(d)
    for a, b, what, name in prof.equalities if prof is not None else ():
        if name in skip:
            continue
        cells = []
        for type_, key, side, col in (a, b):
            t = d.table(type_)
            r = t.row(key, side) if t is not None else None  # type: ignore[arg-type]
            if t is None or r is None:
                break
            cells.append((t, r, col))
        if len(cells) == 2:
            yield _eq(cells[0], cells[1], what, f"{'/'.join(a)} = {'/'.join(b)}", proof)


_BY_FUND = {"gpb", "gpb.fiscal", "fund", "capital"}
_TOTALS = {"current_total", "carryover", "grand_total"}


def _gen(d: Disclosure, skip: dict[str, tuple[str, str]], proof: Evidence) -> Iterator[Finding | None]:
    def on(name: str) -> bool:
        return name not in skip

    s, inc, exp = d.table("summary"), d.table("income"), d.table("expenditure")
    fs, gpb, fund, cap = (
        d.table("fiscal_summary"),
        d.table("gpb_expenditure"),
        d.table("gov_fund_expenditure"),
        d.table("state_capital_expenditure"),
    )
    basic, econ, three, proj = (
        d.table("gpb_basic_expenditure"),
        d.table("economic_summary"),
        d.table("three_public"),
        d.table("project_expenditure"),
    )

    # summary income ≡ income table ≡ fiscal summary
    if s is not None and inc is not None and (it := inc.row("total")) is not None:
        for skey, col in (
            ("gpb", "current_gpb"),
            ("gpb.fiscal", "current_gpb_fiscal"),
            ("fund", "current_fund"),
            ("capital", "current_capital"),
            ("special_account", "current_special_account"),
            ("business", "current_business"),
            ("operation", "current_operation"),
            ("superior", "current_superior"),
            ("subordinate", "current_subordinate"),
            ("other", "current_other"),
            ("current_total", "current_total"),
            ("carryover", "carry_total"),
            ("grand_total", "total"),
            ("fiscal", "current_fiscal"),
        ):
            name = (
                "summary-income-by-fund"
                if skey in _BY_FUND
                else "summary-income-totals"
                if skey in _TOTALS
                else "summary-income-by-source"
            )
            r = s.row(skey, "income")
            if r is not None and on(name):
                yield _eq((s, r, "amount"), (inc, it, col), f"收入「{r.label}」", f"summary {skey} = income table {col}", proof)
    if s is not None and fs is not None and on("summary-vs-fiscal-summary-income"):
        for key in ("gpb", "gpb.fiscal", "fund", "capital"):
            a, b = s.row(key, "income"), fs.row(key, "income")
            if a is not None and b is not None:
                yield _eq(
                    (s, a, "amount"), (fs, b, "amount"), f"收入「{a.label}」", f"summary {key} = fiscal summary {key}", proof
                )
    # summary expenditure classes ≡ expenditure table by 类
    if s is not None and exp is not None and any(r.code for r in exp.rows) and on("summary-classes-by-expenditure-table"):
        for r in s.side_rows("expenditure"):
            if r.kind == "class":
                leaves = _by_class(exp, r.code)
                if leaves or r.amount("amount") is not None:
                    yield _sum(
                        (s, r, "amount"),
                        [(exp, x, "total") for x in leaves],
                        f"「{r.label}」应等于表{exp.number}中 {r.code} 类各科目合计之和",
                        f"class {r.code} = sum of expenditure rows",
                        proof,
                    )
        cur, et = s.row("current_total", "expenditure"), exp.row("total")
        if cur is not None and et is not None:
            yield _eq(
                (s, cur, "amount"), (exp, et, "total"), "本年支出合计", "current expenditure = expenditure table total", proof
            )
    # fiscal summary expenditure ≡ gpb / fund / capital tables
    if fs is not None and on("fiscal-summary-by-fund-tables"):
        for col, t in (("gpb", gpb), ("fund", fund), ("capital", cap)):
            if t is None:
                continue
            for r in fs.side_rows("expenditure"):
                if r.kind == "class":
                    leaves = _by_class(t, r.code)
                    if leaves or r.amount(col) is not None:
                        yield _sum(
                            (fs, r, col),
                            [(t, x, "total") for x in leaves],
                            f"「{r.label}」{col} 列应等于表{t.number}中 {r.code} 类之和",
                            f"fiscal summary {r.code}/{col} = table {t.number}",
                            proof,
                        )
            cur, tt = fs.row("current_total", "expenditure"), t.row("total")
            if cur is not None and tt is not None:
                yield _eq(
                    (fs, cur, col), (t, tt, "total"), "本年支出", f"fiscal summary current {col} = table {t.number} total", proof
                )
    # expenditure = gpb + fund + capital, row by row (not where the expenditure table also holds
    # money that has no table of its own: Jiangsu 其他资金, 财政专户; 事业收入, 其他收入, non-fiscal carry-over)
    # where it does not apply, the expenditure table still holds the fund tables' money: it is not below their sum
    equal = on("expenditure-equals-fund-tables")
    if exp is not None and (equal or on("expenditure-covers-fund-tables")):
        parts_tables = [t for t in (gpb, fund, cap) if t is not None]
        for r in exp.rows:
            others = [(t, t.row(r.key)) for t in parts_tables]
            present = [(t, o) for t, o in others if o is not None]
            if not present:
                continue
            for c in exp.columns:
                parts = [(t, o, c.key) for t, o in present]
                if equal:
                    yield _sum(
                        (exp, r, c.key),
                        parts,
                        "应等于一般公共预算、政府性基金、国有资本经营预算支出表同一行之和",
                        "expenditure = gpb + fund + capital",
                        proof,
                    )
                elif _comparable([(exp, r, c.key), *parts]) and value(r.amount(c.key)) < sum(
                    (value(o.amount(c.key)) for _, o, _ in parts), Decimal(0)
                ):
                    yield _sum(
                        (exp, r, c.key),
                        parts,
                        "不应小于一般公共预算、政府性基金、国有资本经营预算支出表同一行之和（支出表包括全部资金）",
                        "expenditure >= gpb + fund + capital (the expenditure table holds all money)",
                        proof,
                    )
    # basic expenditure table ≡ gpb_expenditure basic columns
    if basic is not None and gpb is not None and (bt := basic.row("total")) is not None and (gt := gpb.row("total")) is not None:
        if on("expenditure-by-basic-columns"):
            yield _eq((basic, bt, "total"), (gpb, gt, "basic_total"), "基本支出合计", "basic total = gpb basic_total", proof)
        if on("basic-personnel-public"):
            yield _sum(
                (basic, bt, "personnel"),
                [(gpb, gt, "basic_wages"), (gpb, gt, "basic_family")],
                f"人员经费应等于表{gpb.number}工资福利支出与对个人和家庭的补助之和",
                "personnel = wages + family",
                proof,
            )
            yield _eq((basic, bt, "public"), (gpb, gt, "basic_public"), "公用经费", "public = gpb basic_public", proof)
    # economic summary totals and ≥ basic rows
    if econ is not None and (ect := econ.row("total")) is not None and on("economic-summary-totals"):
        if exp is not None and (et := exp.row("total")) is not None:
            yield _eq((econ, ect, "total"), (exp, et, "total"), "支出总计", "economic summary total = expenditure total", proof)
        if gpb is not None and (gt := gpb.row("total")) is not None:
            yield _eq(
                (econ, ect, "gpb"), (gpb, gt, "total"), "一般公共预算", "economic summary gpb = gpb expenditure total", proof
            )
        if fund is not None and (ft := fund.row("total")) is not None:
            yield _eq(
                (econ, ect, "fund"), (fund, ft, "total"), "政府性基金", "economic summary fund = fund expenditure total", proof
            )
    if econ is not None and basic is not None and on("economic-summary-covers-basic"):
        for b in basic.rows:
            if b.kind != "item":
                continue
            e = econ.row(b.code)
            bv, ev = b.amount("total"), e.amount("gpb") if e is not None else None
            if bv is not None and (ev is None or ev.value < bv.value):
                cells = (ref(econ, e, "gpb") if e is not None else ref(econ, None, "gpb"), ref(basic, b, "total"))
                yield Finding(
                    "CROSS-ECON-BASIC",
                    "error",
                    f"表{econ.number}「{econ.title}」{b.code} {b.label} 的一般公共预算 {ev or '（空）'} 小于表{basic.number}基本支出 {bv}：汇总表应包含基本支出。{_NOTE}",
                    f"economic summary {b.code} gpb {ev} < basic expenditure {bv}.{_NOTE_EN}",
                    cells,
                    expected=f">= {bv}",
                    actual=str(ev) if ev else "",
                )
    # three public ≡ economic codes (the economic summary holds basic and project spending; a
    # basic-expenditure table alone does not, so it is no identity there)
    if three is not None and econ is not None and (tr := three.row("total")) is not None and on("three-public-vs-economic-codes"):
        for col, code, zh in (("vehicle_operation", "30231", "公务用车运行维护费"), ("reception", "30217", "公务接待费")):
            e = econ.row(code)
            if e is not None:
                yield _eq((three, tr, col), (econ, e, "gpb"), f"{zh}（{code}）", f"three-public {col} = economic {code}", proof)
    # Jiangsu: the fiscal tables ≡ the fiscal summary
    fexp, fbasic = d.table("fiscal_expenditure"), d.table("fiscal_basic_expenditure")
    if fs is not None and on("fiscal-tables-vs-fiscal-summary"):
        for t, key, zh in ((fexp, "grand_total", "财政拨款支出合计"), (fbasic, "use.basic", "基本支出")):
            r = fs.row(key, "expenditure")
            if t is not None and r is not None and (tt := t.row("total")) is not None:
                yield _eq((t, tt, "total"), (fs, r, "amount"), zh, f"table {t.number} total = fiscal summary {key}", proof)
        if gpb is not None and (gi := fs.row("gpb", "income")) is not None and (gt := gpb.row("total")) is not None:
            yield _eq(
                (gpb, gt, "total"), (fs, gi, "amount"), "一般公共预算", "gpb expenditure total = fiscal summary gpb income", proof
            )
    # project table ≡ expenditure project columns
    if proj is not None and (pt := proj.row("total")) is not None and on("project-table-vs-expenditure"):
        if exp is not None and (et := exp.row("total")) is not None:
            yield _eq(
                (proj, pt, "total"),
                (exp, et, "project_total"),
                "项目支出合计",
                "project total = expenditure project_total",
                proof,
            )
            projects = [r for r in proj.rows if r.kind == "project"]
            for ptype, col in (("其他运转类", "project_operating"), ("特定目标类", "project_specific")):
                members = [r for r in projects if r.attr("project_type") == ptype]
                if members or et.amount(col) is not None:
                    yield _sum(
                        (exp, et, col),
                        [(proj, r, "total") for r in members],
                        f"应等于表{proj.number}中{ptype}项目之和",
                        f"{col} = sum of {ptype} projects",
                        proof,
                    )
        if gpb is not None and (gt := gpb.row("total")) is not None:
            yield _eq(
                (proj, pt, "current_gpb"),
                (gpb, gt, "project_total"),
                "一般公共预算项目支出",
                "project gpb = gpb project_total",
                proof,
            )
        if fund is not None and (ft := fund.row("total")) is not None:
            yield _eq(
                (proj, pt, "current_fund"),
                (fund, ft, "project_total"),
                "政府性基金项目支出",
                "project fund = fund project_total",
                proof,
            )
    # performance targets ≡ project table
    perf = d.performance
    if perf is not None and proj is not None and on("performance-vs-project-table"):
        by_name = {no_space(r.label): r for r in proj.rows if r.kind == "project"}
        for pr in perf.projects:
            match = by_name.get(no_space(pr.name))
            if match is None:
                yield Finding(
                    "CROSS-PERF-PROJECT",
                    "warning",
                    f"表{perf.number}绩效目标中的项目「{pr.name}」（{pr.code}）在表{proj.number}「{proj.title}」中找不到同名项目。",
                    f"performance-target project {pr.name} ({pr.code}) is not in the project table.",
                    (ref(perf, pr, "total"),),
                )
                continue
            yield check_sum(
                "CROSS-TABLE",
                (perf, pr, "total"),
                [(proj, match, "total")],
                f"项目金额应与表{proj.number}「{proj.title}」一致{_NOTE}",
                f"project amount = project table{_NOTE_EN}",
                undetermined=True,
            )
        named = {no_space(p.name) for p in perf.projects}
        for r in proj.rows:
            if r.kind == "project" and no_space(r.label) not in named:
                yield Finding(
                    "CROSS-PERF-MISSING",
                    "warning",
                    f"表{proj.number}的项目「{r.label}」在绩效目标表中没有绩效目标。",
                    f"project {r.label} has no performance targets.",
                    (ref(proj, r, "total"),),
                )
        first_unit = next((u for u in perf.rows if u.kind == "unit"), None)
        pt = proj.row("total")
        if first_unit is not None and pt is not None:
            yield _eq((perf, first_unit, "total"), (proj, pt, "total"), "项目资金总额", "performance total = project table total")  # type: ignore[arg-type]
