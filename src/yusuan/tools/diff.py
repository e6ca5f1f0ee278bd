"""Two documents of one body side by side: this year's against last year's, or a year's budget
against its final accounts.

Tables are matched by canonical type; rows by side and classification code, or by the row's
canonical key where it has no code (合计, 一般公共预算 …), the n-th of a repeated key with the
n-th; columns by key. Every matched cell gives last, this, change and the change in per cent
of last (none when last is zero or empty). Amounts are exact decimals; a table printed in 元
in one document and in 万元 in the other is compared in 万元 by exact division.

The narrative's stated changes (上年/增加/减少/持平 and their rates) are the claims that
:mod:`yusuan.narrative.claims` reads from this year's 情况说明; with last year's document given
they are checked against it, and each is listed with its verdict.

Refused (:class:`~yusuan.errors.NotComparable`): two different bodies, scopes (department
and unit: see ``consolidate``), the same year for two budgets (or two final accounts), a
budget and final accounts of different years, last year's document later than this one's.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from ..errors import NotComparable
from ..facts import FACT_NAMES, compute_facts, definition_break, fact_cells
from ..labels import body_name
from ..model.core import Disclosure, Row, Table
from ..model.money import WAN

__all__ = [
    "CellDiff",
    "RowDiff",
    "TableDiff",
    "FactDiff",
    "ClaimCheck",
    "Diff",
    "compare",
    "same_body",
    "to_text",
    "to_json",
    "to_html",
]

Mode = Literal["year", "budget_final"]
Status = Literal["both", "added", "removed"]

FACT_ZH = {
    "revenue_total": "收入总计",
    "expenditure_total": "支出总计",
    "revenue_current_year": "本年收入合计",
    "carryover_in": "上年结转",
    "general_public_budget": "一般公共预算",
    "fiscal_appropriation": "财政拨款",
    "government_fund": "政府性基金",
    "state_capital": "国有资本经营",
    "basic_expenditure": "基本支出",
    "project_expenditure": "项目支出",
    "reserve_expenditure": "预留机动经费",
    "personnel_expenditure": "人员经费",
    "public_expenditure": "公用经费",
    "three_public_total": "“三公”经费合计",
    "overseas_travel": "因公出国（境）费",
    "official_reception": "公务接待费",
    "vehicle_total": "公务用车购置及运行费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行维护费",
    "operating_expenses": "机关运行经费",
    "procurement_total": "政府采购",
    "procurement_goods": "政府采购货物",
    "procurement_works": "政府采购工程",
    "procurement_services": "政府采购服务",
}
_KIND_ZH = {"budget": "预算", "final_account": "决算"}
_SCOPE_ZH = {"unit": "单位", "department": "部门"}
_CHANGE_KINDS = ("change", "change_rate", "zero_change", "direction")
_DEFINITION_CHANGED = "口径不同"
_STATUS_ZH = {"verified": "相符", "rounding": "舍入内相符", "wrong": "不符", "unverifiable": "无法核对", "unlinked": "未能关联"}


@dataclass(frozen=True, slots=True)
class CellDiff:
    column: str  # canonical key
    label: str  # printed column path (this year's, else last year's)
    last: Decimal | None
    this: Decimal | None
    #: the cell holds a headline figure whose definition differs between the two documents
    #: (see :attr:`FactDiff.definition_changed`): its change is no like-for-like change
    definition_changed: bool = False

    @property
    def change(self) -> Decimal | None:
        if self.last is None and self.this is None:
            return None
        return (self.this or Decimal(0)) - (self.last or Decimal(0))

    @property
    def pct(self) -> Decimal | None:
        """The change in per cent of last, two decimals; None when last is zero or empty."""
        ch = self.change
        if ch is None or not self.last:
            return None
        return (ch * 100 / self.last).quantize(Decimal("0.01"))


@dataclass(frozen=True, slots=True)
class RowDiff:
    key: str
    side: str
    code: str
    label: str
    status: Status
    cells: tuple[CellDiff, ...]
    last_page: int | None = None
    this_page: int | None = None

    @property
    def changed(self) -> bool:
        return self.status != "both" or any(c.change for c in self.cells)


@dataclass(frozen=True, slots=True)
class TableDiff:
    type: str
    title_last: str
    title_this: str
    number_last: int | None
    number_this: int | None
    unit: str
    rows: tuple[RowDiff, ...]
    #: the table's grand total is a headline figure whose definition differs between the two
    #: documents: the table as a whole is that figure's breakdown, so no row of it is like for like
    definition_changed: bool = False

    @property
    def status(self) -> Status:
        return "both" if self.number_last and self.number_this else "added" if self.number_this else "removed"


@dataclass(frozen=True, slots=True)
class FactDiff:
    name: str
    last: Decimal | None
    this: Decimal | None
    #: why the two figures are not the same measure (zh, en): the template defines the figure
    #: differently in the two years, or the documents were read with different templates
    definition_changed: tuple[str, str] | None = None

    @property
    def cell(self) -> CellDiff:
        return CellDiff(self.name, FACT_ZH.get(self.name, self.name), self.last, self.this, self.definition_changed is not None)


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """A stated change of this year's narrative and what checking it against the documents found."""

    section: str
    sentence: str
    text: str
    kind: str
    status: str
    subject: str
    expected: Decimal | None
    basis: str
    page: int | None
    severity: str = "info"  # as ``check`` reports it: error, warning (a doubt, or rounding), info
    code: str = ""


@dataclass(frozen=True, slots=True)
class Diff:
    mode: Mode
    last: Disclosure
    this: Disclosure
    facts: tuple[FactDiff, ...]
    tables: tuple[TableDiff, ...]
    claims: tuple[ClaimCheck, ...]
    notes: tuple[str, ...] = ()

    @property
    def errors(self) -> int:
        """Stated changes that the documents contradict (errors as ``check`` reports them)."""
        return sum(1 for c in self.claims if c.severity == "error")


def same_body(a: Disclosure, b: Disclosure) -> bool:
    """The same body: the same unit code where both print one, else the same name (spaces, 本级
    and a leading 中共 aside)."""
    if a.meta.unit_code and b.meta.unit_code:
        return a.meta.unit_code == b.meta.unit_code
    return body_name(a.meta.unit_name) == body_name(b.meta.unit_name)


def _describe(d: Disclosure) -> str:
    m = d.meta
    return f"{m.unit_name} {m.year or '?'}年{_SCOPE_ZH.get(m.scope, '')}{_KIND_ZH.get(m.kind, '')}"


def _mode(last: Disclosure, this: Disclosure, other_body: bool) -> Mode:
    a, b = last.meta, this.meta
    if not other_body and not same_body(last, this):
        raise NotComparable(
            f"两份文件不是同一单位：{a.unit_name}、{b.unit_name}。对比只在同一单位的文件之间进行（单位更名时加 --other-body）。",
            f"the two documents are of different bodies: {a.unit_name}, {b.unit_name}; diff compares one body's documents "
            "(add --other-body when the body was renamed).",
        )
    if a.scope != b.scope:
        raise NotComparable(
            f"两份文件口径不同（{_describe(last)}、{_describe(this)}）：部门与单位的比较请用 yusuan consolidate。",
            f"the two documents have different scopes ({a.scope}, {b.scope}); compare a department with its units with yusuan consolidate.",
        )
    if a.year is None or b.year is None:
        raise NotComparable("无法确定文件年度，不能对比。", "the year of a document is unknown; cannot compare.")
    if a.kind == b.kind:
        if a.year == b.year:
            raise NotComparable(
                f"两份文件都是 {a.year} 年{_KIND_ZH[a.kind]}：年度对比需要上年和本年的文件。",
                f"both documents are the {a.year} {a.kind.replace('_', ' ')}; a year-over-year diff needs last year's and this year's.",
            )
        if a.year > b.year:
            raise NotComparable(
                f"“上年”文件（{a.year} 年）晚于“本年”文件（{b.year} 年）：请交换顺序。",
                f"the 'last' document ({a.year}) is later than 'this' ({b.year}); swap them.",
            )
        return "year"
    if a.year != b.year:
        raise NotComparable(
            f"预算与决算只在同一年度之间对比：{_describe(last)}、{_describe(this)}。",
            f"a budget is compared with the final accounts of the same year: {a.year}, {b.year}.",
        )
    return "budget_final"


def _to(value: Decimal, unit: str, target: str) -> Decimal:
    if unit == target:
        return value
    if unit == "元" and target == "万元":
        return value / WAN
    if unit == "万元" and target == "元":
        return value * WAN
    return value


def _row_keys(rows: Iterable[Row]) -> dict[tuple[str, str, int], Row]:
    """Rows by (side, code or key, occurrence)."""
    out: dict[tuple[str, str, int], Row] = {}
    seen: dict[tuple[str, str], int] = {}
    for r in rows:
        base = (r.side, r.code or r.key or re.sub(r"\s+", "", r.label))
        n = seen.get(base, 0)
        seen[base] = n + 1
        out[(*base, n)] = r
    return out


def _cells(r: Row | None, t: Table | None, unit: str) -> dict[tuple[str, int], tuple[Decimal | None, str]]:
    out: dict[tuple[str, int], tuple[Decimal | None, str]] = {}
    if r is None or t is None:
        return out
    seen: dict[str, int] = {}
    for c in r.cells:
        n = seen.get(c.column, 0)
        seen[c.column] = n + 1
        col = next((x for x in t.columns if x.key == c.column and (not x.side or not r.side or x.side == r.side)), None)
        out[(c.column, n)] = (_to(c.amount.value, t.unit, unit) if c.amount is not None else None, col.label if col else c.column)
    return out


def _table_diff(last: Table | None, this: Table | None, broken: frozenset[tuple[str, str, str, str]] = frozenset()) -> TableDiff:
    units = {t.unit for t in (last, this) if t is not None}
    unit = units.pop() if len(units) == 1 else "万元"
    some = this or last
    assert some is not None
    whole = (some.type, "total", "", "total") in broken  # the table is the breakdown of a figure defined otherwise
    a = _row_keys(last.rows if last else ())
    b = _row_keys(this.rows if this else ())
    order = list(b) + [k for k in a if k not in b]
    rows: list[RowDiff] = []
    for k in order:
        ra, rb = a.get(k), b.get(k)
        ca, cb = _cells(ra, last, unit), _cells(rb, this, unit)
        cols = list(cb) + [c for c in ca if c not in cb]
        ref = rb or ra
        assert ref is not None
        cells = tuple(
            CellDiff(
                c[0],
                (cb.get(c) or ca[c])[1],
                ca[c][0] if c in ca else None,
                cb[c][0] if c in cb else None,
                whole or (some.type, ref.key, ref.side, c[0]) in broken,
            )
            for c in cols
        )
        if all(c.last is None and c.this is None for c in cells):
            continue  # a row without a figure in either document (the template's list of classes) says nothing
        status: Status = "both" if ra and rb else "added" if rb else "removed"
        rows.append(
            RowDiff(
                ref.key,
                ref.side,
                ref.code,
                ref.label,
                status,
                cells,
                ra.location.page if ra else None,
                rb.location.page if rb else None,
            )
        )
    return TableDiff(
        some.type,
        last.title if last else "",
        this.title if this else "",
        last.number if last else None,
        this.number if this else None,
        unit,
        tuple(rows),
        whole,
    )


def _fact(v: str | None) -> Decimal | None:
    return Decimal(v) if v is not None else None


def _claims(last: Disclosure | None, this: Disclosure) -> tuple[ClaimCheck, ...]:
    from ..checks.narrative import _severity
    from ..narrative.claims import extract_claims

    out = []
    for c in extract_claims(this, last).claims:
        if c.kind not in _CHANGE_KINDS:
            continue
        page = c.ref.page if c.ref.page is not None else this.page_of_line(c.ref.line)
        out.append(
            ClaimCheck(
                c.ref.section,
                c.ref.sentence,
                c.ref.text,
                c.kind,
                c.status,
                c.subject,
                c.expected,
                c.basis,
                page,
                "info" if c.status == "verified" else _severity(c),
                c.code,
            )
        )
    return tuple(out)


def compare(last: Disclosure, this: Disclosure, other_body: bool = False) -> Diff:
    """Compare ``this`` with ``last`` (last year's document, or the same year's budget when
    ``this`` is its final accounts). Raises :class:`NotComparable` when they cannot be compared."""
    mode = _mode(last, this, other_body)
    fa, fb = compute_facts(last), compute_facts(this)
    ends = (last.meta.profile, last.meta.year), (this.meta.profile, this.meta.year)
    facts = tuple(
        FactDiff(
            n,
            _fact(fa[n].value) if n in fa else None,
            _fact(fb[n].value) if n in fb else None,
            definition_break(n, *ends) if mode == "year" else None,
        )
        for n in FACT_NAMES
    )
    facts = tuple(f for f in facts if f.last is not None or f.this is not None)
    types = [t.type for t in this.tables] + [t.type for t in last.tables if this.table(t.type) is None]
    broken = frozenset(cell for f in facts if f.definition_changed for cell in fact_cells(f.name))
    tables = tuple(_table_diff(last.table(t), this.table(t), broken) for t in dict.fromkeys(types))
    notes: list[str] = []
    gap = (this.meta.year or 0) - (last.meta.year or 0)
    if mode == "year" and gap == 1:
        claims = _claims(last, this)
    elif mode == "year":
        # 情况说明 compares with the year before; a document of an earlier year cannot check that
        claims = _claims(None, this)
        notes.append(
            f"两份文件相隔 {gap} 年：情况说明中与上年（{(this.meta.year or 0) - 1} 年）比较的说法不能用 {last.meta.year} 年的文件核对，"
            "只核对其自身是否一致（变动额、变动率与本年数）。"
        )
    else:
        claims = ()
        notes.append("预算与决算对比：表按相同的表类型和行编码对应；情况说明的变动说法只在年度对比中核对。")
    if last.meta.profile != this.meta.profile:
        notes.append(f"两份文件模板不同（{last.meta.profile}、{this.meta.profile}）：只有同类型的表逐行对比。")
    return Diff(mode, last, this, facts, tables, claims, tuple(notes))


# ---------------------------------------------------------------- writers


def _num(x: Decimal | None, sign: bool = False) -> str:
    if x is None:
        return "—"
    s = f"{x:,.2f}" if x == x.quantize(Decimal("0.01")) else f"{x:,f}"
    return ("+" + s) if sign and x > 0 else s


def _pct(x: Decimal | None) -> str:
    return "—" if x is None else f"{'+' if x > 0 else ''}{x}%"


def _row_name(r: RowDiff) -> str:
    name = f"{r.code} {r.label}".strip() if r.code and r.code not in r.label else r.label or r.key
    return (f"[{'收入' if r.side == 'income' else '支出'}] " if r.side else "") + name


def _heading(d: Diff) -> str:
    what = "年度对比 / year over year" if d.mode == "year" else "预算与决算 / budget against final accounts"
    return f"对比 {what}：{_describe(d.last)} → {_describe(d.this)}"


def to_text(d: Diff, changed_only: bool = False) -> str:
    out = [_heading(d), f"  上年 / last: {d.last.meta.source}", f"  本年 / this: {d.this.meta.source}"]
    out += [f"  注：{n}" for n in d.notes]
    out += ["", "主要数字（万元）/ headline figures"]
    for f in d.facts:
        c = f.cell
        if changed_only and not c.change:
            continue
        pct = _DEFINITION_CHANGED if c.definition_changed else _pct(c.pct)
        out.append(f"  {c.label:<14}{_num(c.last):>18}{_num(c.this):>18}{_num(c.change, True):>16}{pct:>10}")
    out += [
        f"  注：{FACT_ZH.get(f.name, f.name)}：{f.definition_changed[0]}"
        for f in d.facts
        if f.definition_changed and not (changed_only and not f.cell.change)
    ]
    for t in d.tables:
        title = t.title_this or t.title_last
        where = f"表{t.number_this}" if t.number_this else f"上年表{t.number_last}"
        flag = {"both": "", "added": "（本年新增 / only this year）", "removed": "（本年没有 / only last year）"}[t.status]
        flag += f"（{_DEFINITION_CHANGED} / definition changed）" if t.definition_changed else ""
        out += [
            "",
            f"{where} {title}（{t.type}，{t.unit}）{flag}",
            f"  {'行 row':<30}{'列 column':<18}{'上年 last':>18}{'本年 this':>18}{'变动 change':>16}{'%':>10}",
        ]
        for r in t.rows:
            if changed_only and not r.changed:
                continue
            mark = {"both": "", "added": " ＋新增", "removed": " －删除"}[r.status]
            name = _row_name(r) + mark
            for i, c in enumerate(r.cells or (CellDiff("", "", None, None),)):
                if changed_only and r.status == "both" and not c.change:
                    continue
                pct = _DEFINITION_CHANGED if c.definition_changed else _pct(c.pct)
                out.append(
                    f"  {(name if i == 0 else ''):<30}{c.label[:16]:<18}{_num(c.last):>18}{_num(c.this):>18}{_num(c.change, True):>16}{pct:>10}"
                )
    if d.claims:
        out += ["", "情况说明所述变动 / the narrative's stated changes"]
        for cl in d.claims:
            page = f"第{cl.page}页 " if cl.page else ""
            sev = {"error": "，错误", "warning": "，警告"}.get(cl.severity, "")
            out.append(f"  [{_STATUS_ZH.get(cl.status, cl.status)}{sev}] {page}{cl.subject} “{cl.text}”：{cl.basis}")
    wrong = d.errors
    changed = sum(1 for t in d.tables for r in t.rows if r.changed)
    out += [
        "",
        f"共 {len(d.tables)} 张表，{changed} 行有变动；情况说明所述变动 {len(d.claims)} 处，其中与文件矛盾（错误）{wrong} 处。",
    ]
    return "\n".join(out) + "\n"


def _dec(x: Decimal | None) -> str | None:
    return None if x is None else str(x)


def _cell_json(c: CellDiff) -> dict[str, Any]:
    out = {
        "column": c.column,
        "label": c.label,
        "last": _dec(c.last),
        "this": _dec(c.this),
        "change": _dec(c.change),
        "pct": _dec(c.pct),
    }
    return {**out, "definition_changed": True} if c.definition_changed else out


def to_dict(d: Diff) -> dict[str, Any]:
    def meta(x: Disclosure) -> dict[str, Any]:
        m = x.meta
        return {"unit": m.unit_name, "year": m.year, "kind": m.kind, "scope": m.scope, "profile": m.profile, "source": m.source}

    return {
        "schema": "yusuan.diff/1",
        "mode": d.mode,
        "last": meta(d.last),
        "this": meta(d.this),
        "notes": list(d.notes),
        "facts": [
            {
                "name": f.name,
                **_cell_json(f.cell),
                **(
                    {"definition_changed": {"zh": f.definition_changed[0], "en": f.definition_changed[1]}}
                    if f.definition_changed
                    else {}
                ),
            }
            for f in d.facts
        ],
        "tables": [
            {
                "type": t.type,
                "title_last": t.title_last,
                "title_this": t.title_this,
                "number_last": t.number_last,
                "number_this": t.number_this,
                "unit": t.unit,
                "status": t.status,
                "definition_changed": t.definition_changed,
                "rows": [
                    {
                        "key": r.key,
                        "side": r.side,
                        "code": r.code,
                        "label": r.label,
                        "status": r.status,
                        "page_last": r.last_page,
                        "page_this": r.this_page,
                        "cells": [_cell_json(c) for c in r.cells],
                    }
                    for r in t.rows
                ],
            }
            for t in d.tables
        ],
        "claims": [
            {
                "section": c.section,
                "sentence": c.sentence,
                "text": c.text,
                "kind": c.kind,
                "status": c.status,
                "subject": c.subject,
                "expected": _dec(c.expected),
                "basis": c.basis,
                "page": c.page,
                "severity": c.severity,
                "code": c.code,
            }
            for c in d.claims
        ],
    }


def to_json(d: Diff) -> str:
    return json.dumps(to_dict(d), ensure_ascii=False, indent=2) + "\n"


_CSS = (
    "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:.5em 0 1.5em}"
    "td,th{border:1px solid #bbb;padding:2px 6px}td.n{text-align:right;font-variant-numeric:tabular-nums}"
    "tr.added{background:#eaf7ea}tr.removed{background:#fbeaea}.up{color:#0a6}.down{color:#c33}.wrong{color:#c00;font-weight:bold}"
)


def _cls(x: Decimal | None) -> str:
    return "" if not x else " up" if x > 0 else " down"


def to_html(d: Diff, changed_only: bool = False) -> str:
    e = html.escape
    out = [
        f"<!doctype html><html lang='zh'><meta charset='utf-8'><title>{e(_heading(d))}</title><style>{_CSS}</style><body>",
        f"<h1>{e(_heading(d))}</h1><p>上年 / last: {e(d.last.meta.source)}<br>本年 / this: {e(d.this.meta.source)}</p>",
    ]
    out += [f"<p>注：{e(n)}</p>" for n in d.notes]
    head = "<tr><th>行</th><th>列</th><th>上年</th><th>本年</th><th>变动</th><th>%</th></tr>"

    def line(name: str, c: CellDiff, cls: str = "", why: tuple[str, str] | None = None) -> str:
        pct = (
            f"<span title='{e(why[0])}'>{_DEFINITION_CHANGED}</span>"
            if why
            else _DEFINITION_CHANGED
            if c.definition_changed
            else _pct(c.pct)
        )
        return (
            f"<tr class='{cls}'><td>{e(name)}</td><td>{e(c.label)}</td><td class='n'>{_num(c.last)}</td><td class='n'>{_num(c.this)}</td>"
            f"<td class='n{_cls(c.change)}'>{_num(c.change, True)}</td><td class='n{_cls(c.change)}'>{pct}</td></tr>"
        )

    shown = [f for f in d.facts if not changed_only or f.cell.change]
    out.append(
        "<h2>主要数字（万元）</h2><table>"
        + head
        + "".join(line(f.cell.label, f.cell, why=f.definition_changed) for f in shown)
        + "</table>"
    )
    out += [f"<p>注：{e(f.cell.label)}：{e(f.definition_changed[0])}</p>" for f in shown if f.definition_changed]
    for t in d.tables:
        where = f"表{t.number_this}" if t.number_this else f"上年表{t.number_last}"
        out.append(
            f"<h2>{e(where)} {e(t.title_this or t.title_last)} <small>({e(t.type)}，{e(t.unit)}，{e(t.status)})</small></h2><table>{head}"
        )
        for r in t.rows:
            if changed_only and not r.changed:
                continue
            for i, c in enumerate(r.cells or (CellDiff("", "", None, None),)):
                out.append(line(_row_name(r) if i == 0 else "", c, r.status))
        out.append("</table>")
    if d.claims:
        out.append("<h2>情况说明所述变动</h2><table><tr><th>页</th><th>所述</th><th>核对</th><th>依据</th></tr>")
        for cl in d.claims:
            cls = " class='wrong'" if cl.status == "wrong" else ""
            out.append(
                f"<tr><td>{cl.page or ''}</td><td>{e(cl.sentence)}<br><b>{e(cl.text)}</b></td>"
                f"<td{cls}>{e(_STATUS_ZH.get(cl.status, cl.status))}</td><td>{e(cl.basis)}</td></tr>"
            )
        out.append("</table>")
    out.append("</body></html>\n")
    return "\n".join(out)
