"""HTML report: one self-contained page (CSS inline, no scripts or external assets, works
offline) that shows the document as the clerk knows it — every table with its printed
rows and columns, every cell a finding names highlighted, and the narrative with every
claim marked — with links both ways between a finding and its cells.

This module only arranges what the :class:`Report` holds into a view (plain objects);
the Jinja2 template (``templates/report.html.j2``, autoescaped) draws it. No figure is
computed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from ..model.core import Column, Disclosure, PerformanceTable, Row, Table, TargetRow
from ..narrative.claims import Claim, narrative_sections
from .audit import Report
from .finding import CellRef, Finding, TextRef
from .writers import claims_summary

__all__ = ["to_html", "build_view"]

# worst first: the class a cell or a claim shows when several findings or claims name it
_SEV_ORDER = ("error", "warning", "rounding", "info")
_STATUS_ORDER = ("wrong", "rounding", "unverifiable", "unlinked", "verified")
_ATTR_LABELS = {
    "unit_code": ("单位编码", "unit code"),
    "gov_code": ("政府预算经济分类编码", "government economic code"),
    "gov_name": ("政府预算经济分类名称", "government economic class"),
    "project_type": ("项目类型", "project type"),
}

UI = {
    "zh": {
        "title": "审核报告",
        "summary": "概要",
        "unit": "单位",
        "year": "年度",
        "source": "文件",
        "ruleset": "规则版本",
        "program": "程序版本",
        "error": "错误",
        "warning": "警告",
        "rounding": "可能的尾数误差",
        "info": "提示",
        "tables": "表格",
        "narrative": "情况说明",
        "document": "全文",
        "findings": "审核结果",
        "no_findings": "本表未发现问题。",
        "code": "编码",
        "name": "名称",
        "income_item": "项目",
        "indicators": "绩效指标",
        "cells": "涉及单元格",
        "expected": "应为",
        "actual": "印出",
        "difference": "差额",
        "suggestion": "建议",
        "undetermined": "无法判断哪一方有误",
        "legend": "图例",
        "verified": "核对一致",
        "wrong": "不一致",
        "unverifiable": "无法核对",
        "unlinked": "未能识别",
        "unit_amount": "单位",
        "notes": "读取说明",
        "line": "行",
        "page": "页",
        "suppressed": "已列入基线未显示",
        "deselected": "被 --select/--ignore 排除",
        "back": "↑ 审核结果",
        "english": "English",
        "chinese": "中文",
    },
    "en": {
        "title": "Audit report",
        "summary": "Summary",
        "unit": "Unit",
        "year": "Year",
        "source": "File",
        "ruleset": "Rule set",
        "program": "Program",
        "error": "error",
        "warning": "warning",
        "rounding": "possible rounding",
        "info": "note",
        "tables": "Tables",
        "narrative": "Narrative (情况说明)",
        "document": "Document",
        "findings": "Findings",
        "no_findings": "No findings in this table.",
        "code": "Code",
        "name": "Name",
        "income_item": "Item",
        "indicators": "Indicators",
        "cells": "Cells",
        "expected": "expected",
        "actual": "printed",
        "difference": "difference",
        "suggestion": "Suggestion",
        "undetermined": "cannot tell which side is wrong",
        "legend": "Legend",
        "verified": "verified",
        "wrong": "wrong",
        "unverifiable": "cannot be checked",
        "unlinked": "not linked",
        "unit_amount": "unit",
        "notes": "Reader notes",
        "line": "line",
        "page": "page",
        "suppressed": "accepted in the baseline, not shown",
        "deselected": "excluded by --select/--ignore",
        "back": "↑ findings",
        "english": "English",
        "chinese": "中文",
    },
}


# ---------------------------------------------------------------- view objects


@dataclass
class FindingView:
    id: str
    number: int
    rule: str
    severity: str
    css: str  # error / warning / rounding / info
    message: str
    message_en: str
    suggestion: str
    expected: str
    actual: str
    difference: str
    undetermined: bool
    places: list[tuple[str, str]] = field(default_factory=list)  # (label, anchor id or "")


@dataclass
class Mark:
    """A highlighted element: the findings that name it."""

    findings: list[FindingView] = field(default_factory=list)

    @property
    def css(self) -> str:
        if not self.findings:
            return ""
        return "hl-" + min((f.css for f in self.findings), key=_SEV_ORDER.index)

    def title(self, lang: str) -> str:
        return "\n".join(f"[{f.rule}] {f.message_en if lang == 'en' else f.message}" for f in self.findings)


@dataclass
class CellView:
    text: str
    id: str = ""
    css: str = ""  # number / label / code …
    colspan: int = 1
    rowspan: int = 1
    mark: Mark | None = None
    header: bool = False
    chips: list[CellView] = field(default_factory=list)  # performance indicators


@dataclass
class TableView:
    id: str
    number: int
    title: str
    unit: str
    line: int | None
    header: list[list[CellView]]
    body: list[tuple[str, list[CellView]]]  # (row css, cells)
    findings: list[FindingView] = field(default_factory=list)
    width: int = 1


@dataclass
class ClaimMark:
    """A marked place of the narrative: the claims read there and the findings about it.
    A place that only a finding names (no claim) has no status and is drawn by severity."""

    id: str
    status: str  # the worst status of the claims at this place ("" if none)
    statuses: list[str]
    title: str
    finding_ids: list[str]
    css: str = ""  # hl-<severity> for a place that only findings name


@dataclass
class SectionView:
    title: str
    level: int
    paragraphs: list[list[tuple[str, ClaimMark | None]]]


# ---------------------------------------------------------------- building


def _fcss(f: Finding) -> str:
    if f.severity == "error":
        return "error"
    if f.possible_rounding:
        return "rounding"
    return f.severity


def _text_id(t: TextRef) -> str:
    return f"n{t.paragraph}-{t.start}"


class _Builder:
    def __init__(self, report: Report, lang: str) -> None:
        self.r = report
        self.d: Disclosure = report.disclosure
        self.lang = lang
        self.ui = UI[lang]
        self.marks: dict[str, Mark] = {}
        self.tables: dict[int, Table | PerformanceTable] = {t.number: t for t in self.d.tables}
        if self.d.performance is not None:
            self.tables[self.d.performance.number] = self.d.performance
        self.text_spans: dict[int, set[tuple[int, int]]] = {}
        self.para_texts = [p.text for sec in narrative_sections(self.d) for p in sec.paragraphs]
        self.findings = [self._finding(i, f) for i, f in enumerate(report.findings)]

    # -- where a finding points
    def cell_id(self, c: CellRef) -> str:
        t = self.tables.get(c.table_no)
        if t is None or t.type != c.table:
            return ""
        if not c.row_key and not c.row:
            if c.column_key:
                for j, col in enumerate(t.columns):
                    if col.key == c.column_key and (not col.side or col.label == c.column):
                        return f"t{t.number}-h{j}"
            return f"t{t.number}"
        if isinstance(t, PerformanceTable):
            return self._perf_cell(t, c)
        cands = [(i, r) for i, r in enumerate(t.rows) if r.key == c.row_key]
        if len(cands) > 1:
            cands = [(i, r) for i, r in cands if r.display == c.row] or cands
        if not cands:
            return ""
        ri, row = cands[0]
        if c.column_key:
            for j, col in enumerate(t.columns):
                if col.key == c.column_key and col.side == row.side and row.cell(col.key) is not None:
                    return f"t{t.number}-r{ri}-c{j}"
        return f"t{t.number}-r{ri}-label"

    def _perf_cell(self, t: PerformanceTable, c: CellRef) -> str:
        cands = [(i, r) for i, r in enumerate(t.rows) if r.code == c.row_key]
        if len(cands) > 1:
            cands = [(i, r) for i, r in cands if f"{r.code} {r.name}".strip() == c.row] or cands
        if not cands:
            return ""
        ri, row = cands[0]
        for k, ind in enumerate(row.indicators):
            if f"{ind.category}指标/{ind.name or '（无名称）'}" == c.column:
                return f"t{t.number}-r{ri}-i{k}"
        for k, ind in enumerate(row.indicators):
            if c.column_key and ind.name == c.column_key:
                return f"t{t.number}-r{ri}-i{k}"
        for j, col in enumerate(t.columns):
            if col.key == c.column_key:
                return f"t{t.number}-r{ri}-c{j}"
        return f"t{t.number}-r{ri}-label"

    def _finding(self, i: int, f: Finding) -> FindingView:
        fv = FindingView(
            id=f"f{i + 1}",
            number=i + 1,
            rule=f.rule,
            severity=f.severity,
            css=_fcss(f),
            message=f.message,
            message_en=f.message_en,
            suggestion=f.suggestion or "",
            expected=f.expected or "",
            actual=f.actual or "",
            difference=f.difference or "",
            undetermined=f.undetermined,
        )
        for c in f.cells:
            anchor = self.cell_id(c)
            label = f"表{c.table_no} {c.row}" + (f" · {c.column}" if c.column else "")
            if c.line:
                label += f"（{self.ui['line']} {c.line}）" if self.lang != "en" else f" (line {c.line})"
            fv.places.append((label, anchor))
            if anchor:
                m = self.marks.setdefault(anchor, Mark())
                if all(x is not fv for x in m.findings):
                    m.findings.append(fv)
        for t in f.text:
            fits = 0 <= t.paragraph < len(self.para_texts) and self.para_texts[t.paragraph][t.start : t.end] == t.text
            anchor = _text_id(t) if fits and t.start < t.end else ""
            label = f"「{t.text}」 {t.section}"
            if t.line:
                label += f"（{self.ui['line']} {t.line}）" if self.lang != "en" else f" (line {t.line})"
            fv.places.append((label, anchor))
            if not anchor:  # offsets that do not fit the paragraph: named, not linked
                continue
            self.text_spans.setdefault(t.paragraph, set()).add((t.start, t.end))
            m = self.marks.setdefault(anchor, Mark())
            if all(x is not fv for x in m.findings):
                m.findings.append(fv)
        return fv

    def _group_of(self, f: Finding) -> str:
        if f.text:  # a statement of the narrative, listed there even when it names table cells
            return "narrative"
        if f.cells and self.cell_id(f.cells[0]):
            return f"t{f.cells[0].table_no}"
        if f.cells and f.cells[0].table_no in self.tables:
            return f"t{f.cells[0].table_no}"
        return "document"

    # -- tables
    def _mark(self, cid: str) -> Mark | None:
        return self.marks.get(cid)

    def _header(self, stubs: Sequence[tuple[str, ...]], cols: Sequence[tuple[tuple[str, ...], str]]) -> list[list[CellView]]:
        """Header rows from printed column paths; ``cols`` are (path, id) pairs, stubs come first."""
        items: list[tuple[tuple[str, ...], str]] = [(s, "") for s in stubs] + list(cols)
        depth = max((len(p) for p, _ in items), default=1)
        rows: list[list[CellView]] = [[] for _ in range(depth)]
        for level in range(depth):
            j = 0
            while j < len(items):
                path, cid = items[j]
                if len(path) <= level:
                    j += 1
                    continue
                if len(path) - 1 == level:
                    rows[level].append(
                        CellView(path[level], id=cid, rowspan=depth - level, header=True, mark=self._mark(cid) if cid else None)
                    )
                    j += 1
                    continue
                k = j
                while k < len(items) and len(items[k][0]) > level + 1 and items[k][0][: level + 1] == path[: level + 1]:
                    k += 1
                rows[level].append(CellView(path[level], colspan=k - j, header=True))
                j = k
        return [r for r in rows if r]

    def _value(self, t: Table | PerformanceTable, ri: int, j: int, row: Row | TargetRow, col: Column) -> CellView:
        cell = row.cell(col.key)
        cid = f"t{t.number}-r{ri}-c{j}"
        return CellView(cell.raw if cell else "", id=cid, css="num", mark=self._mark(cid))

    def _label_cells(self, t: Table, ri: int, row: Row, with_code: bool, attrs: Sequence[str]) -> list[CellView]:
        cid = f"t{t.number}-r{ri}-label"
        out: list[CellView] = []
        if with_code:
            out.append(CellView(row.code, css="code"))
        for a in attrs:
            out.append(CellView(row.attr(a), css="code" if a.endswith("code") else "label"))
        out.append(CellView(row.label, id=cid, css="label", mark=self._mark(cid)))
        return out

    def table(self, t: Table) -> TableView:
        ui = self.ui
        if any(r.side for r in t.rows):
            return self._side_table(t)
        with_code = any(r.code for r in t.rows)
        attrs: list[str] = []
        for r in t.rows:
            for k, _ in r.attrs:
                if k not in attrs:
                    attrs.append(k)
        # a stub field that only repeats the row code (单位编码 beside the unit's own code) is not drawn twice
        attrs = [a for a in attrs if any(r.attr(a) not in ("", r.code) for r in t.rows)]
        stubs: list[tuple[str, ...]] = [(ui["code"],)] if with_code else []
        stubs += [(_ATTR_LABELS.get(a, (a, a))[1 if self.lang == "en" else 0],) for a in attrs]
        stubs.append((ui["name"],))
        cols = [(c.path, f"t{t.number}-h{j}") for j, c in enumerate(t.columns)]
        body: list[tuple[str, list[CellView]]] = []
        for ri, row in enumerate(t.rows):
            cells = self._label_cells(t, ri, row, with_code, attrs)
            cells += [self._value(t, ri, j, row, c) for j, c in enumerate(t.columns)]
            body.append((f"kind-{row.kind}", cells))
        return TableView(
            f"t{t.number}",
            t.number,
            t.title,
            t.unit,
            t.location.line,
            self._header(stubs, cols),
            body,
            width=len(stubs) + len(cols),
        )

    def _side_table(self, t: Table) -> TableView:
        """收支总表: income and expenditure printed side by side on the same lines."""
        ui = self.ui
        sides = ("income", "expenditure")
        side_cols = {s: [(j, c) for j, c in enumerate(t.columns) if c.side == s] for s in sides}
        with_code = {s: any(r.code for r in t.rows if r.side == s) for s in sides}
        printed: list[dict[str, tuple[int, Row]]] = []
        by_line: dict[int, dict[str, tuple[int, Row]]] = {}
        for ri, row in enumerate(t.rows):
            slot = by_line.get(row.location.line) if row.location.line is not None else None
            if slot is None or row.side in slot:
                slot = {}
                printed.append(slot)
                if row.location.line is not None:
                    by_line[row.location.line] = slot
            slot[row.side or "income"] = (ri, row)
        header_stubs: list[tuple[tuple[str, ...], str]] = []
        for s in sides:
            cols = side_cols[s]
            head = cols[0][1].path[0] if cols and len(cols[0][1].path) > 1 else ("收入" if s == "income" else "支出")
            if with_code[s]:
                header_stubs.append(((head, ui["code"]), ""))
            header_stubs.append(((head, ui["income_item"]), ""))
            header_stubs += [(c.path, f"t{t.number}-h{j}") for j, c in cols]
        body: list[tuple[str, list[CellView]]] = []
        for slot in printed:
            cells: list[CellView] = []
            kinds = []
            for s in sides:
                entry = slot.get(s)
                n = len(side_cols[s]) + 1 + (1 if with_code[s] else 0)
                if entry is None:
                    cells += [CellView("") for _ in range(n)]
                    continue
                ri, row = entry
                kinds.append(row.kind)
                cells += self._label_cells(t, ri, row, with_code[s], ())
                cells += [self._value(t, ri, j, row, c) for j, c in side_cols[s]]
            body.append(("kind-total" if "total" in kinds else "", cells))
        return TableView(
            f"t{t.number}",
            t.number,
            t.title,
            t.unit,
            t.location.line,
            self._header((), header_stubs),
            body,
            width=len(header_stubs),
        )

    def performance(self, t: PerformanceTable) -> TableView:
        ui = self.ui
        stubs = [(ui["code"],), (ui["name"],)]
        cols = [(c.path, f"t{t.number}-h{j}") for j, c in enumerate(t.columns)]
        body: list[tuple[str, list[CellView]]] = []
        width = len(stubs) + len(cols)
        for ri, row in enumerate(t.rows):
            cid = f"t{t.number}-r{ri}-label"
            cells = [CellView(row.code, css="code"), CellView(row.name, id=cid, css="label", mark=self._mark(cid))]
            cells += [self._value(t, ri, j, row, c) for j, c in enumerate(t.columns)]
            body.append((f"kind-{row.kind}", cells))
            if row.indicators:
                chips = []
                for k, ind in enumerate(row.indicators):
                    iid = f"t{t.number}-r{ri}-i{k}"
                    chips.append(
                        CellView(f"{ind.category}·{ind.name or '（无名称）'}：{ind.value}", id=iid, mark=self._mark(iid))
                    )
                body.append(("indicators", [CellView("", css="code"), CellView("", colspan=width - 1, css="chips", chips=chips)]))
        return TableView(f"t{t.number}", t.number, t.title, t.unit, t.location.line, self._header(stubs, cols), body, width=width)

    # -- narrative
    def narrative(self) -> list[SectionView]:
        claims: list[Claim] = list(getattr(self.r.claims, "claims", ()) or ())
        by_para: dict[int, list[Claim]] = {}
        for c in claims:
            by_para.setdefault(c.ref.paragraph, []).append(c)
        out: list[SectionView] = []
        index = 0
        for sec in narrative_sections(self.d):
            paras: list[list[tuple[str, ClaimMark | None]]] = []
            for para in sec.paragraphs:
                paras.append(self._paragraph(para.text, index, by_para.get(index, [])))
                index += 1
            out.append(SectionView(sec.title, sec.level, paras))
        return out

    def _paragraph(self, text: str, index: int, claims: list[Claim]) -> list[tuple[str, ClaimMark | None]]:
        spans: dict[tuple[int, int], list[Claim]] = {}
        for c in claims:
            if 0 <= c.ref.start < c.ref.end <= len(text):
                spans.setdefault((c.ref.start, c.ref.end), []).append(c)
        for start, end in self.text_spans.get(index, ()):  # places that findings name without a claim
            if 0 <= start < end <= len(text):
                spans.setdefault((start, end), [])
        segments: list[tuple[str, ClaimMark | None]] = []
        pos = 0
        for (start, end), cs in sorted(spans.items()):
            if start < pos:  # overlaps a place already drawn: counted there, its findings linked from there
                prev = segments[-1][1] if segments else None
                if prev is not None:
                    prev.statuses += [c.status for c in cs]
                    if prev.statuses:
                        prev.status = min(prev.statuses, key=_STATUS_ORDER.index)
                    named = self.marks.get(f"n{index}-{start}")
                    prev.finding_ids += [f.id for f in named.findings if f.id not in prev.finding_ids] if named else []
                continue
            if start > pos:
                segments.append((text[pos:start], None))
            statuses: list[str] = [c.status for c in cs]
            worst = min(statuses, key=_STATUS_ORDER.index) if statuses else ""
            tid = f"n{index}-{start}"
            named = self.marks.get(tid)
            fids = [f.id for f in named.findings] if named else []
            title = "\n".join(
                f"{self.ui[c.status] if c.status in self.ui else c.status}：{c.subject} — {c.basis_en if self.lang == 'en' else c.basis}"
                for c in cs
            )
            css = ""
            if not cs and named is not None:
                title = named.title(self.lang)
                css = named.css
            segments.append((text[start:end], ClaimMark(tid, worst, statuses, title, fids, css)))
            pos = end
        if pos < len(text):
            segments.append((text[pos:], None))
        return segments

    def build(self) -> dict[str, object]:
        d, ui = self.d, self.ui
        tables: list[TableView] = [self.table(t) for t in d.tables]
        if d.performance is not None:
            tables.append(self.performance(d.performance))
        tables.sort(key=lambda tv: tv.number)
        by_id = {tv.id: tv for tv in tables}
        narrative_findings: list[FindingView] = []
        document_findings: list[FindingView] = []
        for f, fv in zip(self.r.findings, self.findings, strict=True):
            g = self._group_of(f)
            if g in by_id:
                by_id[g].findings.append(fv)
            elif g == "narrative":
                narrative_findings.append(fv)
            else:
                document_findings.append(fv)
        narrative = self.narrative()
        # a place that is not drawn (offsets that do not fit the paragraph) is named without a link
        drawn = {m.id for sec in narrative for para in sec.paragraphs for _, m in para if m is not None}
        for fv in self.findings:
            fv.places = [(label, a if not a.startswith("n") or a in drawn else "") for label, a in fv.places]
        counts = {s: sum(1 for f in self.r.findings if f.severity == s) for s in ("error", "warning", "info")}
        counts["rounding"] = sum(1 for f in self.r.findings if f.possible_rounding)
        return {
            "lang": self.lang,
            "ui": ui,
            "meta": d.meta,
            "report": self.r,
            "counts": counts,
            "claims": claims_summary(self.r),
            "tables": tables,
            "narrative": narrative,
            "narrative_findings": narrative_findings,
            "document_findings": document_findings,
            "findings": self.findings,
        }


def build_view(report: Report, lang: str = "zh") -> dict[str, object]:
    """The page's content as plain objects (what the template draws)."""
    return _Builder(report, "en" if lang == "en" else "zh").build()


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("yusuan.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def to_html(report: Report, lang: str = "zh") -> str:
    """The report as one self-contained HTML page (Chinese UI by default, ``lang="en"`` for English)."""
    from .. import __version__

    return _env().get_template("report.html.j2").render(**build_view(report, lang), version=__version__)
