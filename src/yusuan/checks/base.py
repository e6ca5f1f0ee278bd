"""Shared pieces of the rules: the Rule record and helpers that turn a comparison of
located cells into a finding. Rules are pure: Disclosure in, findings out.

Evidence before an error: a difference is an error only when the cells it names were read
without a guess. It is a warning worded as a reading doubt when a row it names was read
with a guess (a malformed code no context explains, group labels dropped after a page
break), or when the difference is exactly one row's figure (a row counted twice, or a row
of the table left out of the sum, or a row the reader repaired: what a misread table looks
like) and that row is not misprinted in itself (its own row formula holds).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ..findings import Finding, Severity, ref
from ..identities import Formula, formulas_for
from ..ingest.recognize import READING, READING_DOUBT
from ..model.core import Disclosure, PerformanceTable, Row, Table, TargetRow
from ..model.money import WAN
from ..profiles import Profile, get_profile
from ..tolerance import Comparison, compare, value

if TYPE_CHECKING:
    from .context import AuditContext

__all__ = [
    "Rule",
    "Evidence",
    "ref",
    "check_sum",
    "evidence",
    "fmt",
    "inapplicable",
    "non_fiscal_money",
    "profile_of",
    "table_formulas",
]


def profile_of(d: Disclosure) -> Profile | None:
    """The template the document was read with (``None`` for a hand-made model)."""
    try:
        return get_profile(d.meta.profile)
    except KeyError:
        return None


def table_formulas(d: Disclosure, t: Table) -> tuple[Formula, ...]:
    """The row formulas of table ``t``: its template's own, else the canonical ones its columns allow."""
    prof = profile_of(d)
    spec = prof.spec(t.type) if prof is not None else None
    return formulas_for(t.type, (c.key for c in t.columns), spec.formulas if spec is not None else None)


_NON_FISCAL_SOURCES = (
    "special_account",
    "business",
    "operation",
    "superior",
    "subordinate",
    "other",
    "other_funds",
    "non_fiscal_balance",
)
_NON_FISCAL_COLUMNS = (
    "current_special_account",
    "current_business",
    "current_operation",
    "current_superior",
    "current_subordinate",
    "current_other",
    "carry_special_account",
    "carry_unit",
)


def non_fiscal_money(d: Disclosure) -> tuple[str, str] | None:
    """Where the income side shows money that is not a fiscal appropriation (事业收入, 其他收入,
    非财政拨款结转…), as (zh, en) evidence; ``None`` when it shows none. Such money is spent
    through the expenditure table but has no fund table of its own."""
    s, fs, inc = d.table("summary"), d.table("fiscal_summary"), d.table("income")
    if s is not None:
        for key in _NON_FISCAL_SOURCES:
            r = s.row(key, "income")
            if r is not None and value(r.amount("amount")) != 0:
                amt = fmt(value(r.amount("amount")))
                return f"表{s.number}收入列有「{r.label}」{amt}", f"table {s.number} shows {key} income {amt}"
        a = s.row("grand_total", "income")
        b = fs.row("grand_total", "income") if fs is not None else None
        if (
            fs is not None
            and a is not None
            and b is not None
            and s.unit == fs.unit
            and value(a.amount("amount")) > value(b.amount("amount"))
        ):
            x, y = fmt(value(a.amount("amount"))), fmt(value(b.amount("amount")))
            return (
                f"表{s.number}收入总计 {x} 大于表{fs.number}财政拨款收入总计 {y}",
                f"table {s.number} revenue total {x} exceeds table {fs.number} fiscal revenue total {y}",
            )
    t = inc.row("total") if inc is not None else None
    if inc is not None and t is not None:
        for col in _NON_FISCAL_COLUMNS:
            if value(t.amount(col)) != 0:
                c = inc.column(col)
                amt = fmt(value(t.amount(col)))
                return f"表{inc.number}合计行「{c.label if c else col}」{amt}", f"table {inc.number} total {col} {amt}"
    return None


#: Identities that hold only under a condition read from the document: name → the condition's
#: evidence that it does *not* hold (``None``: it holds). Declared here, once for every template.
_CONDITIONS = {
    "expenditure-equals-fund-tables": (
        non_fiscal_money,
        "本文件有非财政拨款资金（{}），这些资金在支出表中列支，但没有单独的支出表；只核对支出表不小于各财政拨款支出表之和",
        "the document shows money that is not a fiscal appropriation ({}): it is spent through the expenditure "
        "table but has no table of its own; only checked that the expenditure table is not below the fund tables",
    ),
}


def inapplicable(d: Disclosure) -> dict[str, tuple[str, str]]:
    """The named identities that do not apply to this document, each with its reason (zh, en):
    those its template exempts (for the document's year) and those whose condition fails."""
    out: dict[str, tuple[str, str]] = {}
    prof = profile_of(d)
    for ex in prof.not_checked if prof is not None else ():
        if ex.covers(d.meta.year):
            zh, _, en = ex.reason.partition(" / ")
            when, when_en = (f"（{ex.years}）", f" ({ex.years_en})") if not ex.always else ("", "")
            out[ex.name] = (
                f"模板「{prof.name if prof else ''}」{when}不适用：{zh}",
                f"does not apply to template {d.meta.profile}{when_en}: {en or zh}",
            )
    for name, (test, zh, en) in _CONDITIONS.items():
        if name not in out and (why := test(d)) is not None:
            out[name] = (zh.format(why[0]), en.format(why[1]))
    return out


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the reading says about rows a finding may name: the rows whose own row formula
    fails beyond rounding (a misprinted cell is in them, so a difference they explain is a
    defect of the document, not a doubt about the reading)."""

    misprinted: frozenset[int] = frozenset()


def evidence(d: Disclosure) -> Evidence:
    out: set[int] = set()
    for t in d.tables:
        for total, parts in table_formulas(d, t):
            for r in t.rows:
                if r.cell(total) is None:
                    continue
                cmp = compare(r.amount(total), [r.amount(p) for p in parts if r.cell(p) is not None])
                if not cmp.ok and not cmp.possible_rounding:
                    out.add(id(r))
    return Evidence(frozenset(out))


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    title: str
    title_en: str
    severity: Severity
    tags: tuple[str, ...]
    example: str
    check: Callable[..., Iterable[Finding]]  # (Disclosure) or, with_previous, (Disclosure, Disclosure | None)
    with_previous: bool = False
    #: what of the audit context the rule takes besides the document, each as the keyword of the
    #: same name (``catalog``, ``claims``, ``shifted`` …; see :class:`yusuan.checks.context.AuditContext`)
    uses: tuple[str, ...] = ()

    def run(self, ctx: AuditContext) -> Iterable[Finding]:
        """The rule on one audit: the registry's one call site. The rule itself stays a pure
        function of the document (and last year's) that can also be called alone."""
        args = (ctx.disclosure, ctx.previous) if self.with_previous else (ctx.disclosure,)
        return self.check(*args, **{name: getattr(ctx, name) for name in self.uses})


def fmt(d: object) -> str:
    return format(d, "f")


def _unit_scale(actual: Decimal, expected: Decimal) -> str:
    """ "10000" or "1/10000" when two figures differ by that factor (within 0.1%)."""
    if actual == 0 or expected == 0:
        return ""
    ratio = abs(actual / expected)
    if abs(ratio - WAN) <= WAN / 1000:
        return "10000"
    if abs(ratio * WAN - 1) <= Decimal("0.001"):
        return "1/10000"
    return ""


_Cell = tuple[Table | PerformanceTable, Row | TargetRow, str]


def _peer(r: Row, rows: Sequence[Row]) -> bool:
    """Is ``r`` a row of the same level as one of ``rows`` (code length, label level, kind)?"""
    if r.kind == "total" or r.side:
        return False
    for p in rows:
        if r.code or p.code:
            if r.code and p.code and len(r.code) == len(p.code):
                return True
        elif r.attr("level") or p.attr("level"):
            if r.attr("level") == p.attr("level"):
                return True
        elif r.kind == p.kind:
            return True
    return False


def _doubt(cmp: Comparison, total: _Cell, parts: Sequence[_Cell], ev: Evidence) -> tuple[bool, str, str] | None:
    """Why a difference beyond rounding may come from the reading rather than the document:
    (True, zh, en); or, where the difference is one row's figure and that row is misprinted in
    itself, (False, zh, en) naming it as the likely misprint; ``None`` when nothing explains it."""
    cells = [total, *parts]
    for t, r, _ in cells:
        if isinstance(r, Row) and r.attr(READING_DOUBT):
            return (
                True,
                f"但表{t.number}「{r.display}」一行读取存疑（{r.attr(READING_DOUBT)}），差额可能来自读取，请核对原表",
                f"but row {r.display} of table {t.number} was read with a doubt: the difference may come from the reading",
            )
    diff = cmp.difference
    named = {id(r) for _, r, _ in cells}
    peers = [r for _, r, _ in parts if isinstance(r, Row)]
    # a row counted twice: the parts exceed the total by exactly one part, whose figure is printed
    # on another row of the same level too (a row repeated after a page break, a parent read as a leaf)
    twice = [
        (t, r, c)
        for t, r, c in parts
        if isinstance(r, Row)
        and isinstance(t, Table)
        and (a := r.amount(c)) is not None
        and a.value == -diff
        and any(o is not r and _peer(o, [r]) and (b := o.amount(c)) is not None and b.value == a.value for o in t.rows)
    ]
    # a row left out: the total exceeds the parts by exactly a row of the same table, at the level of
    # the parts, that is not among them (a row placed under another parent, a code misread)
    missing: list[_Cell] = []
    if diff > 0:
        for t in {id(t): t for t, _, _ in parts if isinstance(t, Table)}.values():
            cols = {c for tt, _, c in parts if tt is t}
            missing += [
                (t, r, c)
                for r in t.rows
                if id(r) not in named and _peer(r, peers)
                for c in sorted(cols)
                if (a := r.amount(c)) is not None and a.value == diff
            ]
    # a row the reader placed by a repair (its code, its group) whose own figure is the difference
    repaired = [
        (t, r, c)
        for t, r, c in cells
        if isinstance(r, Row) and r.attr(READING) and (a := r.amount(c)) is not None and abs(a.value) == abs(diff)
    ]
    found = twice + missing + repaired
    if not found:
        return None
    amount = fmt(abs(diff))
    bad = [(t, r, c) for t, r, c in found if id(r) in ev.misprinted]
    if bad:
        t, r, c = bad[0]
        col = next((x.label for x in t.columns if x.key == c), c)
        return (
            False,
            f"差额 {amount} 正好等于表{t.number}「{r.display if isinstance(r, Row) else r.name}」·{col} 的金额，而该行本身不符合行内合计关系，很可能是该格印错",
            f"the difference {amount} is exactly row {r.display if isinstance(r, Row) else r.name} / {c}, a row that does not add up "
            "in itself: that cell is likely misprinted",
        )
    t, r, c = found[0]
    name = f"表{t.number}「{r.display if isinstance(r, Row) else r.name}」"
    if found[0] in repaired:
        return (
            True,
            f"差额 {amount} 正好等于读取时修复的一行{name}的金额（{r.attr(READING) if isinstance(r, Row) else ''}），可能是读取有误，请核对原表",
            f"the difference {amount} is exactly the figure of row {r.display if isinstance(r, Row) else ''}, which the reader repaired: "
            "the reading may be wrong",
        )
    how, how_en = ("重复计入", "counted twice") if found[0] in twice else ("漏计", "left out")
    return (
        True,
        f"差额 {amount} 正好等于{name}一行的金额，可能是{how}了该行（常见于表格读取错误，如分页、折行、科目层级），请核对原表",
        f"the difference {amount} is exactly the figure of row {r.display if isinstance(r, Row) else ''}: that row may have been "
        f"{how_en} (what a misread table looks like: page breaks, wrapped lines, the code hierarchy)",
    )


_plain = fmt


def _printed_fmt(grouped: bool) -> Callable[[object], str]:
    """``fmt`` for a message: the exact figure, with thousands separators when the table prints
    them (14,348,853.34), so that a clerk finds it on the page and types it as printed."""
    return (lambda d: format(d, ",f")) if grouped else fmt


def check_sum(
    rule: str,
    total: tuple[Table | PerformanceTable, Row | TargetRow, str],
    parts: Sequence[tuple[Table | PerformanceTable, Row | TargetRow, str]],
    what_zh: str,
    what_en: str,
    undetermined: bool = False,
    evidence: Evidence | None = None,
) -> Finding | None:
    """Compare ``total`` with the sum of ``parts``; a finding when they disagree. With
    ``evidence``, a difference the reading may explain is a warning that says so."""
    t_table, t_row, t_col = total
    t_amount = t_row.amount(t_col)
    p_amounts = [r.amount(c) for _, r, c in parts]
    if t_amount is None and all(a is None for a in p_amounts):
        return None
    cmp = compare(t_amount, p_amounts)
    if cmp.ok:
        return None
    cells = (ref(t_table, t_row, t_col),) + tuple(ref(t, r, c) for t, r, c in parts)
    where = f"表{t_table.number}「{t_table.title}」{cells[0].row}·{cells[0].column}"
    scale = _unit_scale(cmp.actual, cmp.expected)
    # figures in the message as the table prints them: with thousands separators when it does
    fmt = _printed_fmt(any("," in c.value for c in cells))
    if scale:
        return Finding(
            rule="FMT-UNIT-SCALE",
            severity="error",
            message=f"{where}：{what_zh}不成立，印出 {fmt(cmp.actual)}，计算得 {fmt(cmp.expected)}，相差约 {scale} 倍，"
            "可能是元与万元混用（请核对各表的金额单位）。",
            message_en=f"Table {t_table.number} {cells[0].row} / {cells[0].column}: {what_en} does not hold; printed "
            f"{fmt(cmp.actual)}, computed {fmt(cmp.expected)}: a factor of about {scale}, 元 and 万元 mixed up?",
            cells=cells,
            expected=_plain(cmp.expected),
            actual=_plain(cmp.actual),
            difference=_plain(cmp.difference),
            tags=("formatting", "units"),
            undetermined=True,
        )
    if cmp.possible_rounding:
        zh = (
            f"{where}：{what_zh}。印出 {fmt(cmp.actual)}，计算得 {fmt(cmp.expected)}，"
            f"相差 {fmt(cmp.difference)}，在四舍五入允许范围（±{fmt(cmp.tolerance)}）内，可能是尾数误差。"
        )
        en = (
            f"Table {t_table.number} {cells[0].row} / {cells[0].column}: {what_en}. Printed {fmt(cmp.actual)}, "
            f"computed {fmt(cmp.expected)}, difference {fmt(cmp.difference)} is within rounding (±{fmt(cmp.tolerance)})."
        )
        severity: Severity = "warning"
    else:
        zh = (
            f"{where}：{what_zh}不成立。印出 {fmt(cmp.actual)}，计算得 {fmt(cmp.expected)}，"
            f"相差 {fmt(cmp.difference)}（超出四舍五入允许范围 ±{fmt(cmp.tolerance)}）。"
        )
        en = (
            f"Table {t_table.number} {cells[0].row} / {cells[0].column}: {what_en} does not hold. Printed "
            f"{fmt(cmp.actual)}, computed {fmt(cmp.expected)}, difference {fmt(cmp.difference)} "
            f"(beyond rounding ±{fmt(cmp.tolerance)})."
        )
        severity = "error"
        doubt = _doubt(cmp, total, parts, evidence) if evidence is not None else None
        if doubt is not None and not doubt[0]:
            zh += doubt[1] + "。"
            en += f" {doubt[2][0].upper()}{doubt[2][1:]}."
        elif doubt is not None:
            return Finding(
                rule=rule,
                severity="warning",
                message=f"{zh[:-1]}，{doubt[1]}。",
                message_en=f"{en[:-1]}; {doubt[2]}.",
                cells=cells,
                expected=_plain(cmp.expected),
                actual=_plain(cmp.actual),
                difference=_plain(cmp.difference),
                tags=("reading-doubt",),
                undetermined=True,
            )
        notes = [
            f"表{t.number}「{r.display}」一行为读取时修复的行（{r.attr(READING)}）"
            for t, r, _ in (total, *parts)
            if isinstance(r, Row) and r.attr(READING)
        ]
        if notes:
            zh += "注：" + "；".join(dict.fromkeys(notes)) + "。"
            en += " Note: a row it names was repaired by the reader."
    return Finding(
        rule=rule,
        severity=severity,
        message=zh,
        message_en=en,
        cells=cells,
        expected=_plain(cmp.expected),
        actual=_plain(cmp.actual),
        difference=_plain(cmp.difference),
        possible_rounding=cmp.possible_rounding,
        undetermined=undetermined,
        suggestion=None
        if undetermined or cmp.possible_rounding
        else (f"若各分项无误，{cells[0].row}·{cells[0].column} 应为 {fmt(cmp.expected)}"),
    )
