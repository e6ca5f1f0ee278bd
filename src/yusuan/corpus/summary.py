"""``yusuan summary``: what a bureau head reads about a corpus — documents per year and kind,
units ranked by errors, the most frequent problems, coverage (unit × year × 预算/决算), headline
figures year over year per unit and for a fixed panel of units present in both years, and two
charts as inline SVG that print. Everything that comes from a document is escaped.

A unit is followed across years by the batch's previous-year links and by its name (or code):
a document and the one it was checked against are the same unit even when the two print the
name differently.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

from ..checks import CODES
from ..errors import InputError
from ..facts import definition_break
from ..xlsxtext import text_row, workbook_bytes
from .group import same_unit, unit_key
from .schema import connect

__all__ = ["SummaryData", "gather", "summary_body", "summary_html", "summary_xlsx"]

KIND_ZH = {"budget": "预算", "final_account": "决算"}
SCOPE_ZH = {"department": "部门", "unit": "单位"}
HEADLINES = (
    ("revenue_total", "收入总计", "revenue"),
    ("expenditure_total", "支出总计", "expenditure"),
    ("basic_expenditure", "基本支出", "basic"),
    ("project_expenditure", "项目支出", "project"),
    ("three_public_total", "“三公”经费", "three public"),
    ("operating_expenses", "机关运行经费", "operating"),
)
THREE_PUBLIC = (("overseas_travel", "因公出国（境）"), ("official_reception", "公务接待"), ("vehicle_total", "公务用车"))


@dataclass(slots=True)
class Unit:
    key: str
    name: str
    code: str = ""
    scope: str = ""
    expected: bool = False
    docs: dict[tuple[int, str], list[dict[str, Any]]] = field(default_factory=dict)  # (year, kind) → documents


@dataclass(slots=True)
class SummaryData:
    totals: dict[str, int]
    per_year_kind: list[tuple[Any, ...]]  # year, kind, ok, refused, failed, timeout
    units_by_errors: list[tuple[Any, ...]]  # unit, year, kind, scope, errors, warnings, files
    problems: list[tuple[Any, ...]]  # rule, title, severity, findings, documents
    years: list[int]
    units: list[Unit]
    yoy: list[tuple[Any, ...]]  # unit, kind, year, fact label, last, this, change % (or DEFINITION_CHANGED)
    # kind, year, units in both, fact label, last, this, change %, all-units last, this, change %, note (units left out:
    # the figure's definition changed between the two years)
    panel: list[tuple[Any, ...]]
    three_public: list[tuple[int, str, dict[str, Decimal]]]  # year, kind, component → total (panel-free, all ok docs)
    structure: list[tuple[int, str, Decimal, Decimal]]  # year, kind, basic, project
    unread: list[tuple[Any, ...]] = field(default_factory=list)  # files, status, reason: what could not be audited
    unit_totals: list[tuple[Any, ...]] = field(default_factory=list)  # unit, documents audited, errors, warnings, worst year
    unmatched_rows: int = 0  # documents without a year (refused, failed) are counted in totals only


def _expected(path: Path | None) -> list[tuple[str, str]]:
    if path is None:
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"无法读取应公开单位名单 {path}：{exc}", f"cannot read the list of units {path}: {exc}") from None
    rows = list(csv.reader(io.StringIO(text)))
    if rows and rows[0] and rows[0][0].strip().lower() in ("unit_name", "unit", "单位", "单位名称", "name"):
        rows = rows[1:]
    return [(r[0].strip(), r[1].strip() if len(r) > 1 else "") for r in rows if r and r[0].strip()]


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


#: what the change column says when the two years' figures are not the same measure
DEFINITION_CHANGED = "口径不同 / definition changed"


def _break(fact: str, a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The template defines ``fact`` differently in documents ``a`` (last year) and ``b``."""
    return definition_break(fact, (a["profile"], a["year"]), (b["profile"], b["year"])) is not None


def _pct(last: Decimal | None, this: Decimal | None) -> str:
    if last is None or this is None or last == 0:
        return ""
    return f"{(this - last) / last * 100:+.1f}%"


def gather(db: str | Path, expected: Path | None = None) -> SummaryData:
    con = connect(db, read_only=True)
    try:
        cur = con.execute(
            "SELECT id, files, status, unit_name, unit_code, year, kind, scope, profile, errors, warnings, previous_id, "
            "error_type, error FROM documents"
        )
        cols = [d[0] for d in cur.description]
        docs = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
        facts: dict[str, dict[str, Decimal]] = {}
        for doc_id, name, value in con.execute("SELECT document_id, name, value FROM facts WHERE value IS NOT NULL").fetchall():
            facts.setdefault(doc_id, {})[name] = value
        problems = con.execute(
            "SELECT rule, severity, count(*), count(DISTINCT document_id) FROM findings WHERE severity IN ('error', 'warning') "
            "GROUP BY rule, severity ORDER BY count(*) DESC, rule LIMIT 30"
        ).fetchall()
    finally:
        con.close()
    totals: dict[str, int] = {"documents": len(docs)}
    for d in docs:
        totals[d["status"]] = totals.get(d["status"], 0) + 1
    per: dict[tuple[int, str], dict[str, int]] = {}
    for d in docs:
        if d["year"] is not None:
            per.setdefault((d["year"], d["kind"] or ""), {}).setdefault(d["status"], 0)
            per[(d["year"], d["kind"] or "")][d["status"]] += 1
    per_year_kind = [
        (y, KIND_ZH.get(k, k), c.get("ok", 0), c.get("refused", 0), c.get("failed", 0), c.get("timeout", 0))
        for (y, k), c in sorted(per.items())
    ]
    ok = [d for d in docs if d["status"] == "ok"]
    ranked = sorted(ok, key=lambda d: (-(d["errors"] or 0), -(d["warnings"] or 0), d["unit_name"] or "", d["year"] or 0))
    units_by_errors = [
        (
            d["unit_name"],
            d["year"],
            KIND_ZH.get(d["kind"], d["kind"]),
            SCOPE_ZH.get(d["scope"], d["scope"]),
            d["errors"],
            d["warnings"],
            d["files"],
        )
        for d in ranked
    ]
    # units: previous-year links and equal names (or codes) are one unit; a document refused or
    # failed after its unit and year were recognised has its place in the coverage
    known = [d for d in docs if d["year"] is not None and d["unit_name"]]
    u = _Union()
    by_id = {d["id"]: d for d in known}
    for d in known:
        u.find(d["id"])
        if d["previous_id"] in by_id:
            u.join(d["id"], d["previous_id"])
    by_key: dict[str, str] = {}
    for d in known:
        k = (d["unit_code"] or "") or unit_key(d["unit_name"] or "")
        k = f"{d['scope']}|{k}"
        if k in by_key:
            u.join(d["id"], by_key[k])
        else:
            by_key[k] = d["id"]
    units: dict[str, Unit] = {}
    for d in sorted(known, key=lambda d: (d["year"] or 0, d["status"] != "ok", d["id"])):
        root = u.find(d["id"])
        unit = units.setdefault(root, Unit(root, d["unit_name"] or "", d["unit_code"] or "", d["scope"] or ""))
        unit.name, unit.code = d["unit_name"] or unit.name, d["unit_code"] or unit.code  # the latest name
        unit.docs.setdefault((d["year"], d["kind"]), []).append(d)
    for name, code in _expected(expected):
        match = next((x for x in units.values() if (code and x.code == code) or same_unit(name, x.name)), None)
        if match is None:
            units[f"expected|{name}"] = Unit(f"expected|{name}", name, code, expected=True)
        else:
            match.expected = True
    years = sorted({d["year"] for d in docs if d["year"] is not None})
    # year over year, per unit and for the panel of units present in both years
    yoy: list[tuple[Any, ...]] = []
    panel: list[tuple[Any, ...]] = []
    for kind in ("budget", "final_account"):
        for y in years:
            if y - 1 not in years:
                continue
            both = [x for x in units.values() if (y - 1, kind) in x.docs and (y, kind) in x.docs]
            for x in sorted(both, key=lambda x: x.name):
                a, b = x.docs[(y - 1, kind)][0], x.docs[(y, kind)][0]
                last, this = facts.get(a["id"], {}), facts.get(b["id"], {})
                for fact, zh, _en in HEADLINES:
                    if fact in last or fact in this:
                        change = DEFINITION_CHANGED if _break(fact, a, b) else _pct(last.get(fact), this.get(fact))
                        yoy.append((label(x), KIND_ZH[kind], y, zh, last.get(fact), this.get(fact), change))
            if not both:
                continue
            for fact, zh, _en in HEADLINES:
                pairs, broken = [], 0
                for x in both:
                    a, b = x.docs[(y - 1, kind)][0], x.docs[(y, kind)][0]
                    va, vb = facts.get(a["id"], {}).get(fact), facts.get(b["id"], {}).get(fact)
                    if va is None or vb is None:
                        continue
                    if _break(fact, a, b):
                        broken += 1  # not the same measure in the two years: left out of the panel
                    else:
                        pairs.append((va, vb))
                if not pairs and not broken:
                    continue
                last_sum, this_sum = sum((a for a, _ in pairs), Decimal(0)), sum((b for _, b in pairs), Decimal(0))
                all_last = sum(
                    (
                        facts.get(d["id"], {}).get(fact, Decimal(0))
                        for x in units.values()
                        for d in x.docs.get((y - 1, kind), [])[:1]
                    ),
                    Decimal(0),
                )
                all_this = sum(
                    (facts.get(d["id"], {}).get(fact, Decimal(0)) for x in units.values() for d in x.docs.get((y, kind), [])[:1]),
                    Decimal(0),
                )
                note = (
                    (
                        f"{broken} 个单位口径不同，未计入固定样本；全部单位合计含其数字 / {broken} unit(s) with a changed definition "
                        "left out of the panel; the all-units totals include them"
                    )
                    if broken
                    else ""
                )
                panel.append(
                    (
                        KIND_ZH[kind],
                        y,
                        len(pairs),
                        zh,
                        last_sum if pairs else None,
                        this_sum if pairs else None,
                        _pct(last_sum, this_sum) if pairs else DEFINITION_CHANGED,
                        all_last,
                        all_this,
                        f"{_pct(all_last, all_this)}（含口径不同）"
                        if broken and _pct(all_last, all_this)
                        else _pct(all_last, all_this),
                        note,
                    )
                )
    three: list[tuple[int, str, dict[str, Decimal]]] = []
    structure: list[tuple[int, str, Decimal, Decimal]] = []
    for kind in ("budget", "final_account"):
        for y in years:
            ids = [x.docs[(y, kind)][0]["id"] for x in units.values() if (y, kind) in x.docs]
            if not ids:
                continue
            three.append(
                (
                    y,
                    KIND_ZH[kind],
                    {label: sum((facts.get(i, {}).get(f, Decimal(0)) for i in ids), Decimal(0)) for f, label in THREE_PUBLIC},
                )
            )
            structure.append(
                (
                    y,
                    KIND_ZH[kind],
                    sum((facts.get(i, {}).get("basic_expenditure", Decimal(0)) for i in ids), Decimal(0)),
                    sum((facts.get(i, {}).get("project_expenditure", Decimal(0)) for i in ids), Decimal(0)),
                )
            )
    unread = [
        (
            d["files"],
            {"refused": "拒绝", "failed": "失败", "timeout": "超时"}.get(d["status"], d["status"]),
            d["error_type"] or "",
            (d["error"] or "").split("\n")[0][:300],
        )
        for d in sorted(docs, key=lambda d: d["files"])
        if d["status"] != "ok"
    ]
    probs = [(r, CODES[r].title if r in CODES else "", "错误" if s == "error" else "警告", n, nd) for r, s, n, nd in problems]
    unit_totals = []
    for x in units.values():
        audited = [d for ds in x.docs.values() for d in ds if d["status"] == "ok"]
        if audited:
            worst = max(audited, key=lambda d: (d["errors"] or 0, d["year"] or 0))
            unit_totals.append(
                (
                    label(x),
                    len(audited),
                    sum(d["errors"] or 0 for d in audited),
                    sum(d["warnings"] or 0 for d in audited),
                    f"{worst['year']}{KIND_ZH.get(worst['kind'], worst['kind'])}",
                )
            )
    unit_totals.sort(key=lambda r: (-r[2], -r[3], r[0]))
    return SummaryData(
        totals,
        per_year_kind,
        units_by_errors,
        probs,
        years,
        sorted(units.values(), key=lambda x: x.name),
        yoy,
        panel,
        three,
        structure,
        unread,
        unit_totals,
    )


def label(x: Unit) -> str:
    return f"{x.name}（{SCOPE_ZH[x.scope]}）" if x.scope in SCOPE_ZH else x.name


def coverage(data: SummaryData) -> list[list[str]]:
    """unit × (year, 预算/决算): 已公开 / 拒绝 / 失败 / 缺失 — missing when the corpus holds that
    year's 预算 (or 决算) of other units, or the unit is on the expected list; “—” when the corpus
    has no document of that year and kind at all."""
    held = {k for x in data.units for k in x.docs}
    out = []
    for x in data.units:
        row = [label(x)]
        for y in data.years:
            for kind in ("budget", "final_account"):
                got = x.docs.get((y, kind))
                status = got[0]["status"] if got else ""
                if status:
                    row.append("已公开" if status == "ok" else "拒绝" if status == "refused" else "失败")
                else:
                    row.append("缺失" if x.expected or (y, kind) in held else "—")
        out.append(row)
    return out


# ------------------------------------------------------------------ HTML


def _num(v: Any) -> str:
    if isinstance(v, Decimal):
        q = v.quantize(Decimal("0.01"))
        return f"{q:,.2f}"
    return "" if v is None else str(v)


def _table(head: list[str], rows: list[Any], cls: str = "") -> str:
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{"n" if isinstance(v, (int, Decimal)) and not isinstance(v, bool) else ""}">{escape(_num(v))}</td>'
            for v in r
        )
        + "</tr>"
        for r in rows
    )
    return (
        f'<table class="{cls}"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'
        if rows
        else '<p class="none">（无 / none）</p>'
    )


_COLORS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2")


def _bars(title: str, groups: list[tuple[str, list[tuple[str, Decimal]]]]) -> str:
    """Stacked bars, one per group (a year and kind), as inline SVG."""
    if not groups:
        return ""
    series = [name for name, _ in groups[0][1]]
    top = max((sum((v for _, v in parts), Decimal(0)) for _, parts in groups), default=Decimal(0)) or Decimal(1)
    bar, gap, h, x0 = 36, 18, 200, 60
    w = max(560, x0 + len(groups) * (bar + gap) + 20)
    height = h + 60
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{height}" role="img" aria-label="{escape(title)}">',
        f'<text x="{x0}" y="14" font-size="13">{escape(title)}（万元）</text>',
    ]
    for i, (group, parts) in enumerate(groups):
        x = x0 + i * (bar + gap)
        y = float(h + 20)
        for j, (_, v) in enumerate(parts):
            bh = float(v / top) * (h - 20)
            y -= bh
            out.append(f'<rect x="{x}" y="{y:.1f}" width="{bar}" height="{bh:.1f}" fill="{_COLORS[j % len(_COLORS)]}"/>')
        total = sum((v for _, v in parts), Decimal(0))
        out.append(f'<text x="{x + bar / 2}" y="{y - 3:.1f}" font-size="10" text-anchor="middle">{escape(_num(total))}</text>')
        out.append(f'<text x="{x + bar / 2}" y="{h + 34}" font-size="10" text-anchor="middle">{escape(group)}</text>')
    for j, name in enumerate(series):
        lx = x0 + j * 130
        out.append(
            f'<rect x="{lx}" y="{h + 44}" width="10" height="10" fill="{_COLORS[j % len(_COLORS)]}"/>'
            f'<text x="{lx + 14}" y="{h + 53}" font-size="11">{escape(name)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
h1{font-size:1.5em}h3{font-size:1em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0;font-size:.85em}th,td{border:1px solid #bbb;padding:2px 6px;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f0f0f0}
td.c-已公开{background:#e3f2e1}td.c-缺失{background:#fbe3e3}td.c-拒绝,td.c-失败{background:#fff2cc}td.c-—{color:#aaa}
.none{color:#888}.note{color:#555;font-size:.85em}
@media print{body{margin:1cm}h2{break-after:avoid}table,svg{break-inside:avoid}}
"""


def summary_html(db: str | Path, expected: Path | None = None) -> str:
    head = (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        f"<title>预决算公开概况 / corpus summary</title><style>{_CSS}</style></head><body>"
    )
    return "\n".join([head, "<h1>预决算公开概况 / Corpus summary</h1>", summary_body(gather(db, expected)), "</body></html>"])


def summary_body(data: SummaryData) -> str:
    """The summary's sections as HTML (everything from a document escaped): what
    :func:`summary_html` puts in its page, and what ``yusuan serve`` shows for a batch."""
    t = data.totals
    parts = [
        f"<p>文件 {t['documents']} 份：正常审核 {t.get('ok', 0)}，拒绝 {t.get('refused', 0)}，失败 {t.get('failed', 0)}，超时 {t.get('timeout', 0)}。"
        f" / {t['documents']} documents: {t.get('ok', 0)} audited, {t.get('refused', 0)} refused, {t.get('failed', 0)} failed, {t.get('timeout', 0)} timed out.</p>",
        "<h2>按年度和类型 / Documents per year and kind</h2>",
        _table(["年度 year", "类型 kind", "正常 ok", "拒绝 refused", "失败 failed", "超时 timeout"], data.per_year_kind),
        "<h2>单位按错误数排序 / Units ranked by errors</h2>",
        _table(["单位 unit", "文件数 documents", "错误 errors", "警告 warnings", "错误最多的一份 worst"], data.unit_totals),
        "<h3>按文件 / per document</h3>",
        _table(
            ["单位 unit", "年度 year", "类型 kind", "范围 scope", "错误 errors", "警告 warnings", "文件 files"],
            data.units_by_errors[:50],
        ),
        "<h2>最常见的问题 / Most frequent problems</h2>",
        _table(["代码 code", "问题 problem", "级别 severity", "次数 findings", "文件数 documents"], data.problems),
        "<h2>未能审核的文件 / Files that could not be audited</h2>",
        _table(["文件 files", "状态 status", "类型 type", "原因 reason"], data.unread),
        "<h2>公开情况 / Coverage</h2>",
        _coverage_html(data),
        "<h2>主要数字的年度变化（按单位）/ Year over year per unit（万元）</h2>",
        _table(["单位 unit", "类型 kind", "年度 year", "项目 figure", "上年 last", "本年 this", "变动 change"], data.yoy),
        "<h2>固定样本（两年都有的单位）/ Fixed panel of units present in both years（万元）</h2>",
        '<p class="note">只比较两年都公开的单位，新增或缺失的单位不会看起来像增长；右侧为全部单位的合计供对照。'
        "模板在两年中对某一数字口径不同（两份文件模板不同，或模板在某些年度对该数字另有定义）时，"
        "该单位的这一数字标为“口径不同”，不计入固定样本。"
        " / Only units present in both years; the totals over all units are shown beside for contrast. A figure that the "
        "template defines differently in the two years (another template, or a definition the template changed) is marked "
        "“definition changed” and left out of the panel.</p>",
        _table(
            [
                "类型 kind",
                "年度 year",
                "单位数 units",
                "项目 figure",
                "上年 last",
                "本年 this",
                "变动 change",
                "全部单位上年 all last",
                "全部单位本年 all this",
                "全部变动 all change",
                "说明 note",
            ],
            data.panel,
        ),
        "<h2>图表 / Charts</h2>",
        _bars("“三公”经费 / three public expenses", [(f"{y}{k}", list(c.items())) for y, k, c in data.three_public]),
        _bars(
            "支出结构 / expenditure structure",
            [(f"{y}{k}", [("基本支出 basic", b), ("项目支出 project", p)]) for y, k, b, p in data.structure],
        ),
        '<p class="note">图表为正常审核文件的合计；单位数各年不同时请看固定样本。/ Charts sum the audited documents; see the panel when units differ.</p>',
    ]
    return "\n".join(parts)


def _coverage_html(data: SummaryData) -> str:
    if not data.units:
        return '<p class="none">（无 / none）</p>'
    head = "".join(f"<th>{y}{KIND_ZH[k]}</th>" for y in data.years for k in ("budget", "final_account"))
    rows = []
    for x, row in zip(data.units, coverage(data), strict=True):
        tds = "".join(f'<td class="c-{escape(v)}">{escape(v)}</td>' for v in row[1:])  # v is ours, never a document's
        mark = " *" if x.expected else ""
        rows.append(f"<tr><td>{escape(label(x))}{mark}</td>{tds}</tr>")
    note = (
        '<p class="note">* 应公开名单中的单位 / a unit of the expected list.</p>' if any(x.expected for x in data.units) else ""
    )
    return f"<table><thead><tr><th>单位 unit</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{note}"


# ------------------------------------------------------------------ XLSX


def summary_xlsx(db: str | Path, expected: Path | None = None) -> bytes:
    from openpyxl import Workbook

    data = gather(db, expected)
    wb = Workbook()
    ws0 = wb.active
    assert ws0 is not None
    wb.remove(ws0)

    def sheet(name: str, head: list[str], rows: list[Any]) -> None:
        ws = wb.create_sheet(name)
        ws.append(text_row(ws, head))
        for r in rows:
            ws.append(text_row(ws, r))  # a name from a document never becomes a formula

    sheet("年度类型", ["年度", "类型", "正常", "拒绝", "失败", "超时"], data.per_year_kind)
    sheet("单位错误排名", ["单位", "文件数", "错误", "警告", "错误最多的一份"], data.unit_totals)
    sheet("文件错误排名", ["单位", "年度", "类型", "范围", "错误", "警告", "文件"], data.units_by_errors)
    sheet("常见问题", ["代码", "问题", "级别", "次数", "文件数"], data.problems)
    sheet("未能审核", ["文件", "状态", "类型", "原因"], data.unread)
    sheet("公开情况", ["单位", *[f"{y}{KIND_ZH[k]}" for y in data.years for k in ("budget", "final_account")]], coverage(data))
    sheet("年度变化", ["单位", "类型", "年度", "项目", "上年（万元）", "本年（万元）", "变动"], data.yoy)
    sheet(
        "固定样本",
        ["类型", "年度", "单位数", "项目", "上年", "本年", "变动", "全部上年", "全部本年", "全部变动", "说明"],
        data.panel,
    )
    return workbook_bytes(wb)
