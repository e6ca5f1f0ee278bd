"""Performance targets (绩效目标): indicator values that contradict their indicator, one
indicator counted in different units by different projects, project codes of the wrong length,
duplicate projects, indicators that name nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import CellRef, Finding
from ..model.core import Disclosure, Indicator, TargetRow
from ..profiles import get_profile
from .base import ref

__all__ = ["indicator_units", "unit_consistency", "counting_units", "code_length", "duplicate_projects", "indicator_names"]

_RATE_HEAD = re.compile(r"(?:率|比例|比值|占比|百分比|满意度|覆盖面)$")
_COUNT_HEAD = re.compile(r"(?:次数|数量|人数|个数|件数|天数|场次|发生量|户数|台数|套数|篇数|项数|数)$")
_COUNT_UNIT = re.compile(r"\d\s*(?:次|个|人次|人|件|起|天|种|套|台|份|项|场|条|户|家|篇|辆|所|期|批)$")
_PERCENT = re.compile(r"\d\s*%$")
_MEASURE_HEAD = re.compile(
    r"(?:率|度|比例|比值|占比|数|量|次数|场次|人次|频次|批次|性|标准|费|资金|成本|天数|时限|时间|周期|情况|效益|效果|水平|程度|金额|规模|面积|长度|里程|增加|减少|提升|提高|降低|改善)$|[，,。；]"
)


def _kind(value: str) -> str:
    if _PERCENT.search(value):
        return "percent"
    if _COUNT_UNIT.search(value):
        return "count"
    return ""


def _ind_ref(p: object, row: TargetRow, ind: Indicator) -> CellRef:
    base = ref(p, row, "")  # type: ignore[arg-type]
    return CellRef(
        base.table,
        base.table_no,
        base.table_title,
        base.row,
        f"{ind.category}指标/{ind.name or '（无名称）'}",
        ind.location.line,
        row_key=row.code,
        column_key=ind.name,
        value=ind.value,
    )


def indicator_units(d: Disclosure) -> Iterator[Finding]:
    """PERF-VALUE-UNIT: a 率 given in 次/个…, or a 次数/数量 given in %."""
    p = d.performance
    if p is None:
        return
    for pr in p.projects:
        for ind in pr.indicators:
            kind = _kind(ind.value)
            if _RATE_HEAD.search(ind.name) and kind == "count":
                zh, en = "是比率类指标，指标值却是数量单位", "is a rate but its value is a count"
            elif _COUNT_HEAD.search(ind.name) and not _RATE_HEAD.search(ind.name) and kind == "percent":
                zh, en = "是数量类指标，指标值却是百分比", "is a count but its value is a percentage"
            else:
                continue
            yield Finding(
                "PERF-VALUE-UNIT",
                "error",
                f"表{p.number}「{p.title}」项目 {pr.code}「{pr.name}」：指标「{ind.name}」{zh}（{ind.value}）。"
                "可能与相邻指标的值填反了，请核对。",
                f"project {pr.code}: indicator {ind.name} {en} ({ind.value}); values may be swapped with a neighbour.",
                (_ind_ref(p, pr, ind),),
                actual=ind.value,
            )


def unit_consistency(d: Disclosure) -> Iterator[Finding]:
    """PERF-VALUE-INCONSISTENT: the same indicator given in different units in two projects."""
    p = d.performance
    if p is None:
        return
    seen: dict[str, list[tuple[TargetRow, Indicator, str]]] = {}
    for pr in p.projects:
        for ind in pr.indicators:
            k = _kind(ind.value)
            if ind.name and k and not (_RATE_HEAD.search(ind.name) or _COUNT_HEAD.search(ind.name)):
                seen.setdefault(ind.name, []).append((pr, ind, k))
    for name, uses in seen.items():
        kinds = {k for _, _, k in uses}
        if len(kinds) < 2:
            continue
        counts = {k: sum(1 for _, _, kk in uses if kk == k) for k in kinds}
        major = max(counts, key=lambda k: counts[k])
        for pr, ind, k in uses:
            if k == major and counts[major] > 1 or (k == major and len(uses) > 2):
                continue
            others = [u for u in uses if u[2] != k]
            opr, oind, _ = others[0]
            yield Finding(
                "PERF-VALUE-INCONSISTENT",
                "warning",
                f"表{p.number}项目 {pr.code}「{pr.name}」：指标「{name}」的值为 {ind.value}，"
                f"而项目 {opr.code} 中同一指标为 {oind.value}，计量单位不一致。",
                f"indicator {name} is {ind.value} in project {pr.code} but {oind.value} in project {opr.code}.",
                (_ind_ref(p, pr, ind), _ind_ref(p, opr, oind)),
                expected=oind.value,
                actual=ind.value,
            )


_COUNTER = re.compile(r"\d\s*(人次|个|次|项|件|起|场|份|篇|条|种|套|台|人|名|家|户|所|批|期|轮|回|辆|张|册|本|处|座|间)$")
#: what a counting unit counts: events (次, 场, 起 …), people (人, 名, 人次) or things (个, 项, 家 …);
#: two units of one kind are alternatives (次/场, 个/项, 家/户), of two kinds a contradiction (次/个).
#: 件 counts both cases (起) and things (个): it contradicts neither.
_EVENTS = frozenset("次场起批期轮回")
_PEOPLE = frozenset({"人", "名", "人次"})
_EITHER = frozenset({"件"})
#: the name says what is counted only when something is left besides a measure word
_MEASURE_TAIL = re.compile(r"(?:数量|次数|个数|件数|场次|人次|人数|频次|总数|数|量)$")
_GENERIC = frozenset({"", "完成", "服务", "工作", "产出", "活动", "项目", "开展", "实施", "任务", "建设", "采购", "培训", "宣传"})


def _counter(value: str) -> str:
    m = _COUNTER.search(value.strip())
    return m.group(1) if m else ""


def _what_it_counts(unit: str) -> str:
    return "" if unit in _EITHER else "events" if unit in _EVENTS else "people" if unit in _PEOPLE else "things"


def counting_units(d: Disclosure) -> Iterator[Finding]:
    """PERF-COUNT-UNIT: one indicator counted as events in one project and as things in another
    (委办局调研数量 ≥11次 / ≥11个).

    Only an indicator whose name says what it counts (调研数量, not 完成数量) is compared. The
    projects of the rarer kind of unit are reported, each naming a project of the common kind
    (one with the same figure where there is one); when both kinds are as common, once, naming
    both. A percentage against a count is PERF-VALUE-INCONSISTENT's (or PERF-VALUE-UNIT's)."""
    p = d.performance
    if p is None:
        return
    uses: dict[str, list[tuple[TargetRow, Indicator, str]]] = {}
    for pr in p.projects:
        for ind in pr.indicators:
            unit = _counter(ind.value)
            name = re.sub(r"\s+", "", ind.name)
            subject = _MEASURE_TAIL.sub("", name)
            if unit and len(subject) >= 3 and subject not in _GENERIC and _what_it_counts(unit):
                uses.setdefault(name, []).append((pr, ind, unit))
    for found in uses.values():
        by_kind: dict[str, list[tuple[TargetRow, Indicator, str]]] = {}
        for u in found:
            by_kind.setdefault(_what_it_counts(u[2]), []).append(u)
        if len(by_kind) < 2:
            continue
        ranked = sorted(by_kind.values(), key=len, reverse=True)
        common = ranked[0]
        tie = len(ranked[1]) == len(common)
        for group in ranked[1:]:
            for pr, ind, unit in group:
                others = [u for u in common if u[0] is not pr]
                if not others:
                    continue  # one project counting one indicator two ways is not two projects disagreeing
                same = [u for u in others if u[1].value.strip()[: -len(u[2])] == ind.value.strip()[: -len(unit)]]
                opr, oind, ounit = (same or others)[0]
                doubt = "无法判断哪一个有误，请统一" if tie else f"多数项目用“{ounit}”"
                yield Finding(
                    "PERF-COUNT-UNIT",
                    "warning",
                    f"表{p.number}项目 {pr.code}「{pr.name}」：指标「{ind.name}」的值为 {ind.value}，"
                    f"而项目 {opr.code}「{opr.name}」中同一指标为 {oind.value}，计量单位“{unit}”与“{ounit}”不一致（{doubt}）。",
                    f"indicator {ind.name} is {ind.value} in project {pr.code} but {oind.value} in project {opr.code}: "
                    f"counted in {unit} and in {ounit}.",
                    (_ind_ref(p, pr, ind), _ind_ref(p, opr, oind)),
                    expected=oind.value,
                    actual=ind.value,
                )
            if tie:
                break  # each kind as common as the other: once, naming both


def code_length(d: Disclosure) -> Iterator[Finding]:
    """PERF-CODE-LENGTH: project codes must have the template's length."""
    p = d.performance
    if p is None:
        return
    expected = get_profile(d.meta.profile).project_code_length
    lengths = [len(pr.code) for pr in p.projects]
    if not expected and lengths:
        expected = max(set(lengths), key=lengths.count)
    for pr in p.projects:
        if expected and len(pr.code) != expected:
            yield Finding(
                "PERF-CODE-LENGTH",
                "error",
                f"表{p.number}项目「{pr.name}」的项目编码 {pr.code} 为 {len(pr.code)} 位，应为 {expected} 位，可能漏了或多了一位数字。",
                f"project code {pr.code} has {len(pr.code)} digits; {expected} expected.",
                (ref(p, pr, "total"),),
                expected=f"{expected} digits",
                actual=f"{len(pr.code)} digits",
            )


def duplicate_projects(d: Disclosure) -> Iterator[Finding]:
    """PERF-DUPLICATE: the same project listed twice (under different codes)."""
    p = d.performance
    if p is None:
        return
    first: dict[str, TargetRow] = {}
    for pr in p.projects:
        key = re.sub(r"\s+", "", pr.name)
        if key in first:
            a = first[key]
            yield Finding(
                "PERF-DUPLICATE",
                "warning",
                f"表{p.number}项目「{pr.name}」出现两次：编码 {a.code}（{a.amount('total')} 万元）与 {pr.code}"
                f"（{pr.amount('total')} 万元）。若为同一项目，请删除重复项，避免合计重复计算。",
                f"project {pr.name} is listed twice: {a.code} and {pr.code}.",
                (ref(p, pr, "total"), ref(p, a, "total")),
            )
        else:
            first[key] = pr


def indicator_names(d: Disclosure) -> Iterator[Finding]:
    """PERF-INDICATOR-NAME: an indicator with no name, or whose name says nothing measurable."""
    p = d.performance
    if p is None:
        return
    for pr in p.projects:
        for ind in pr.indicators:
            if not ind.name:
                zh, en = f"有一个{ind.category}指标没有名称（指标值 {ind.value}）", f"a {ind.category} indicator has no name"
            elif _kind(ind.value) and not _MEASURE_HEAD.search(ind.name):
                zh = f"指标名称「{ind.name}」没有说明衡量什么（如“…次数”“…率”），指标值为 {ind.value}，可能是错字或漏字"
                en = f"indicator name {ind.name} does not say what is measured (value {ind.value}); possibly garbled"
            else:
                continue
            yield Finding(
                "PERF-INDICATOR-NAME",
                "warning",
                f"表{p.number}项目 {pr.code}「{pr.name}」：{zh}。",
                f"project {pr.code}: {en}.",
                (_ind_ref(p, pr, ind),),
            )
