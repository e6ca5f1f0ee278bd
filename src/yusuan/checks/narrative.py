"""Narrative rules: each claim of 情况说明 that is not verified becomes a finding at its
sentence. Wrong figures are errors, agreement only within rounding is a warning, and
statements that nothing in the document can check (or that we could not link) are listed
as info, never passed silently."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from ..findings import Finding, Severity
from ..model.core import Disclosure
from ..model.money import WAN
from ..narrative.claims import Claim, ClaimSet, extract_claims
from ..tolerance import round_half_up

__all__ = ["narrative_claims", "findings_from_claims"]

_TITLES = {
    "NARR-AMOUNT": ("金额与表格不符", "amount differs from the tables"),
    "NARR-UNIT-SCALE": ("金额单位疑似错误（元/万元）", "amount off by 10,000 (元/万元)"),
    "NARR-SHARE": ("占比计算不符", "share does not match"),
    "NARR-CHANGE": ("增减额与增减率不符", "change and rate disagree"),
    "NARR-DIRECTION": ("增减方向矛盾", "direction words contradict"),
    "NARR-SUM": ("分项之和与总数不符", "parts do not add up"),
    "NARR-COUNT": ("个数与表格不符", "count differs from the tables"),
    "NARR-PREVIOUS": ("与上年文件不符", "differs from last year's document"),
    "NARR-UNVERIFIABLE": ("无法核对的表述", "statement that cannot be checked"),
    "NARR-UNLINKED": ("未能识别的数字", "figure not linked"),
    "NARR-NAME": ("科目名称与表格不一致", "item named differently from the tables"),
    "NARR-YEAR": ("比较的年份有误", "compared with the wrong year"),
}


def _severity(c: Claim) -> Severity:
    if c.severity is not None:  # a statement we doubt but cannot prove wrong
        return c.severity
    if c.kind == "name":  # a misnamed item: the figure itself is checked apart
        return "warning"
    if c.status == "wrong":
        return "error"
    if c.status == "rounding":
        return "warning"
    return "info"


_PRINTED = re.compile(r"(\d[\d,]*)(?:\.(\d+))?\s*(亿元|万元|元|%|％)?")


def as_printed(value: Decimal, printed: str, kind: str) -> str:
    """``value`` (万元 for amounts, percent points for rates, a count) written the way the
    narrative printed the figure it corrects: its unit (元/万元/亿元), its decimals (two when it
    printed none and the value is not whole) and its thousands separators — a figure a clerk can
    type over the wrong one (``958.48万元``, never ``958.4796万元``)."""
    m = _PRINTED.search(printed)
    unit = (m.group(3) if m else None) or ("%" if kind in ("share", "change_rate") else "" if kind == "count" else "万元")
    places = len(m.group(2)) if m and m.group(2) else 0
    v = value
    if unit == "元":
        v = value * WAN
    elif unit == "亿元":
        v = value / WAN
    if kind == "count":
        places = 0 if v == v.to_integral_value() else max(places, 1)
    elif places == 0 and v != v.to_integral_value():
        places = 2
    q = round_half_up(v, places)
    text = f"{q:,f}" if m and "," in m.group(1) else f"{q:f}"
    return text + ("%" if unit == "％" else unit)


def findings_from_claims(cs: ClaimSet) -> Iterable[Finding]:
    for c in cs.claims:
        if c.status == "verified":
            continue
        code = c.code or ("NARR-UNVERIFIABLE" if c.status == "unverifiable" else "NARR-AMOUNT")
        title, title_en = _TITLES.get(code, (code, code))
        r = c.ref
        where = f"情况说明「{r.section}」"  # the line is in the location, not the message (it differs by format)
        if c.status == "wrong":
            zh = f"{where}：「{r.text}」（{c.subject}）{c.headline or title}：{c.basis}。"
            en = f"Narrative, {r.section}: “{r.text}” ({c.subject}): {c.headline_en or title_en}: {c.basis_en}."
        elif c.status == "rounding" and c.note:  # which rounding: 截尾, one unit of the last digit
            zh = f"{where}：「{r.text}」（{c.subject}）{c.basis}；{c.note}。"
            en = f"Narrative, {r.section}: “{r.text}” ({c.subject}) {c.basis_en}; {c.note_en}."
        elif c.status == "rounding":
            zh = f"{where}：「{r.text}」（{c.subject}）{c.basis}，差异在四舍五入范围内，可能是尾数误差。"
            en = f"Narrative, {r.section}: “{r.text}” ({c.subject}) {c.basis_en}; within rounding."
        else:
            zh = f"{where}：「{r.text}」（{c.subject}）{title}：{c.basis}。"
            en = f"Narrative, {r.section}: “{r.text}” ({c.subject}): {title_en}: {c.basis_en}."
        suggestion = None
        if c.status == "wrong" and c.expected is not None and c.kind in ("amount", "share", "change_rate", "count"):
            suggestion = f"应为 {as_printed(c.expected, r.text, c.kind)}"
        yield Finding(
            rule=code,
            severity=_severity(c),
            message=zh,
            message_en=en,
            cells=c.cells,
            expected=None if c.expected is None else _expected(c),
            actual=None if c.value is None else format(c.value, "f"),
            possible_rounding=c.status == "rounding",
            tags=("narrative", c.status),
            text=(c.ref,) + c.others,
            suggestion=suggestion,
            undetermined=c.kind == "sum" and c.status == "wrong",
        )


def _expected(c: Claim) -> str:
    """The expected figure in the claim's own unit (万元, %, count), to the decimals the
    narrative prints (as in the suggestion), never a raw 元→万元 conversion."""
    assert c.expected is not None
    if c.kind in ("amount", "share", "change_rate", "count"):
        unitless = re.sub(r"亿元|万元|元|%|％", "", as_printed(c.expected, re.sub(r"亿元|元", "万元", c.ref.text), c.kind))
        return unitless.replace(",", "")
    return format(c.expected, "f")


def narrative_claims(d: Disclosure, previous: Disclosure | None = None, claims: ClaimSet | None = None) -> Iterable[Finding]:
    """The claims' findings (``claims``: those the audit read already, else read here)."""
    return findings_from_claims(extract_claims(d, previous) if claims is None else claims)
