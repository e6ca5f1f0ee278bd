"""The finance bureau's review checklist (公开情况检查表), filled for one document from its
audit findings.

The form is the one a district finance bureau sends back to a department: a title, the body's
name, the address where it was published, then one row per item — 及时性, then under 内容规范性
封面, 目录, 主要职能, 机构设置, 名词解释, 预算（决算）编制说明, each table of the template in its
order, 其他相关说明, 项目经费情况说明 — with 符合要求 and the problems found, each with its page.

符合要求 is 否 where an error names the item, 待核 where only warnings do (a doubt stated, for
the reviewer to look at), 是 where nothing does, and 未核 where the document cannot tell
(publication date for 及时性; a 目录 or a part that the reader did not find). A finding is
placed by what it names: a narrative sentence under the part of the narrative that holds it,
table cells under each table they are in, a missing table under that table.

:func:`build_checklist` is a function over (model, findings) so that a batch can fill the
checklist of every document it audits; :func:`checklist_xlsx` writes one sheet per document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model.core import Disclosure, PerformanceTable, Table
from ..report.finding import Finding
from ..xlsxtext import set_text, workbook_bytes

__all__ = ["ChecklistItem", "Checklist", "build_checklist", "checklist_xlsx", "ITEM_SECTIONS"]

_KIND_ZH = {"budget": "预算", "final_account": "决算"}
_SCOPE_ZH = {"unit": "单位", "department": "部门"}
_SEV_ZH = {"error": "错误", "warning": "警告"}

#: narrative items, in the form's order, and the words of a section title that belong to each
ITEM_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("主要职能", ("主要职能", "主要职责", "职能", "职责")),
    ("机构设置", ("机构设置", "机构", "预算单位构成", "决算单位构成")),
    ("名词解释", ("名词解释",)),
    ("编制说明", ()),  # 预算编制说明 / 决算编制说明 / 情况说明: everything narrative not placed elsewhere
    ("其他相关说明", ("其他相关", "其他重要事项", "其他需要说明")),
    ("项目经费情况说明", ("项目经费", "绩效")),
)
_OTHER_FIRST = ("项目经费情况说明", "其他相关说明", "名词解释", "机构设置", "主要职能")  # the more specific words first


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    group: str  # 及时性 / 内容规范性
    name: str  # as the form prints it
    verdict: str  # 是 / 否 / 待核 / 未核
    problems: tuple[str, ...]  # each with its page


@dataclass(frozen=True, slots=True)
class Checklist:
    title: str
    body_label: str  # 部门名称 / 单位名称
    body: str
    url: str
    content_heading: str
    sheet: str
    items: tuple[ChecklistItem, ...]


def _narrative_item(title: str, path: Sequence[str] = ()) -> str:
    """The checklist item of a narrative section (its own title first, then its parents')."""
    for text in (title, *reversed(path)):
        t = re.sub(r"\s+", "", text)
        for item in _OTHER_FIRST:
            words = dict(ITEM_SECTIONS)[item]
            if any(w in t for w in words):
                return item
    return "编制说明"


def _page(f: Finding) -> int | None:
    for t in f.text:
        if t.page is not None:
            return t.page
    for c in f.cells:
        if c.page is not None:
            return c.page
    return None


def _problem(f: Finding) -> str:
    page = _page(f)
    where = f"第{page}页 " if page is not None else ""
    return f"{where}[{_SEV_ZH.get(f.severity, f.severity)} {f.rule}] {f.message}"


def _verdict(fs: Sequence[Finding]) -> str:
    if any(f.severity == "error" for f in fs):
        return "否"
    return "待核" if fs else "是"


def _form_title(title: str) -> str:
    """A table's title as the form names it: without the year, 公开01表： or 表一 before it."""
    t = re.sub(r"^\s*(?:公开\d+表[：:]?|表[一二三四五六七八九十\d]+[：:、.]?)\s*", "", title.strip())
    t = re.sub(r"^\d{4}\s*年度?", "", t).strip()
    return re.sub(r"^预算(?=单位|部门)", "", t)


def _region(unit: str) -> str:
    m = re.match(r"^(?:[^省市]{2,3}省)?(?:[^省市区县]{2,3}市)?([^省市区县]{2,4}[区县])", unit)
    return m.group(1) if m else ""


def build_checklist(d: Disclosure, findings: Sequence[Finding], region: str | None = None, url: str = "") -> Checklist:
    """The checklist of document ``d`` from its audit ``findings`` (errors and warnings are
    used; info is not a problem). ``region`` names the bureau's district in the title (taken
    from the body's name when it holds one, e.g. 普陀区); ``url`` the address it was published at."""
    from ..profiles import get_profile

    m = d.meta
    scope, kind = _SCOPE_ZH.get(m.scope, "部门"), _KIND_ZH.get(m.kind, "预算")
    year = f"{m.year}年度" if m.year else ""
    region = _region(m.unit_name) if region is None else region
    used = [f for f in findings if f.severity in ("error", "warning")]

    section_path = {s.title: s.path for s in d.sections}
    try:
        specs = list(get_profile(m.profile).tables)
    except Exception:  # noqa: BLE001 - an unknown profile: the document's own tables only
        specs = []
    # table items: the document's tables in its own order (as the form lists them), then the
    # required tables it lacks, in the template's order
    tables: dict[str, str] = {}  # table type → item name
    printed: list[Table | PerformanceTable] = sorted(
        [*d.tables, *([d.performance] if d.performance is not None else [])], key=lambda t: t.index
    )
    for t in printed:
        if t.type != "other":
            tables.setdefault(t.type, f"《{_form_title(t.title)}》")
    for spec in specs:
        if spec.required and spec.type not in tables:
            tables[spec.type] = f"《{spec.titles[0]}》"
    title_of = {spec.type: spec.titles[0] for spec in specs}

    placed: dict[str, list[Finding]] = {}

    def put(item: str, f: Finding) -> None:
        bucket = placed.setdefault(item, [])
        if f not in bucket:
            bucket.append(f)

    for f in used:
        if f.rule.startswith("TOC"):
            put("目录", f)
        elif f.rule == "COMPLETE-TABLE":
            hit = [tp for tp, title in title_of.items() if title in f.message and tp in tables]
            put(tables[hit[0]] if hit else "编制说明", f)
        elif f.text:
            for ref in f.text:
                put(_narrative_item(ref.section, section_path.get(ref.section, ())), f)
        elif f.cells:
            for c in f.cells:
                put(tables.get(c.table, "编制说明"), f)
        elif f.rule in ("FMT-YEAR", "FMT-DATE", "FMT-PLACEHOLDER") and not f.cells:
            put("封面", f)
        else:
            put(_narrative_item(f.message), f)

    def item(name: str, shown: str | None = None, not_checked: str = "") -> ChecklistItem:
        fs = placed.get(name, [])
        if not fs and not_checked:
            return ChecklistItem("内容规范性", shown or name, "未核", (not_checked,))
        return ChecklistItem("内容规范性", shown or name, _verdict(fs), tuple(f"{i}.{_problem(f)}" for i, f in enumerate(fs, 1)))

    found_titles = " ".join(re.sub(r"\s+", "", s.title) for s in d.sections)
    items = [
        ChecklistItem(
            "及时性", f"及时公开{scope}{kind}", "未核", ("文件本身不能说明公开时间：请按批复日期核对（批复后20日内公开）。",)
        )
    ]
    items.append(item("封面", not_checked="" if m.title else "未读到封面标题，请人工核对。"))
    items.append(item("目录", not_checked="" if d.contents or placed.get("目录") else "未读到目录，请人工核对。"))
    for name, words in ITEM_SECTIONS:
        if name == "编制说明":
            items.append(item(name, f"{kind}编制说明"))
            items += [item(label) for label in tables.values()]
            continue
        present = any(w in found_titles for w in words)
        items.append(
            item(name, not_checked="" if present else f"未在文件中读到“{name}”部分，请人工核对（部分模板没有这一部分）。")
        )
    return Checklist(
        title=f"{year}{region}{scope}{kind}公开情况检查表",
        body_label=f"{scope}名称",
        body=m.unit_name,
        url=url,
        content_heading=f"{year}{scope}{kind}公开检查内容",
        sheet=f"{m.year or ''}年{scope}{kind}",
        items=tuple(items),
    )


def _text(cell: object, value: str) -> None:
    """Text stays text: a value that begins with “=” is never a formula."""
    set_text(cell, value)


def checklist_xlsx(checklists: Sequence[Checklist]) -> bytes:
    """One sheet per checklist, laid out as the bureau's form (columns A–E, merged as printed)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    font = Font(name="宋体", size=11)
    used: set[str] = set()
    for cl in checklists:
        name = re.sub(r"[\[\]:*?/\\]", "", cl.sheet)[:28] or "检查表"
        base, k = name, 2
        while name in used:
            name = f"{base}-{k}"
            k += 1
        used.add(name)
        ws = wb.create_sheet(name)
        for letter, width in zip("ABCDE", (11.8, 18.7, 60.8, 10.3, 61.2), strict=True):  # the form's widths
            ws.column_dimensions[letter].width = width
        _text(ws["A1"], cl.title)
        ws["A1"].font = Font(name="宋体", size=18, bold=True)
        ws["A1"].alignment = centre
        ws.merge_cells("A1:E1")
        _text(ws["A3"], f"{cl.body_label}: {cl.body}")
        ws["A3"].font = Font(name="宋体", size=11, bold=True)
        ws.merge_cells("A3:D3")
        _text(ws["A4"], f"公开网址：{cl.url}")
        ws["A4"].font = font
        ws.merge_cells("A4:E4")
        for ref, value in (("A5", cl.content_heading), ("D5", "符合要求"), ("E5", "问题截图")):
            _text(ws[ref], value)
            ws[ref].font = Font(name="宋体", size=11, bold=True)
            ws[ref].alignment = centre
        ws.merge_cells("A5:C5")
        row = 6
        first_content = None
        for it in cl.items:
            _text(ws.cell(row, 1), it.group)
            _text(ws.cell(row, 2), it.name)
            _text(ws.cell(row, 4), it.verdict)
            if it.problems:
                _text(ws.cell(row, 5), "\n".join(it.problems))
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
            for col in range(1, 6):
                c = ws.cell(row, col)
                c.border = border
                c.font = font
                c.alignment = left if col in (2, 5) else centre
            lines = sum(1 + len(p) // 40 for p in it.problems)
            ws.row_dimensions[row].height = max(18, min(400, 15 * lines))
            if it.group == "内容规范性" and first_content is None:
                first_content = row
            row += 1
        for col in range(1, 6):
            ws.cell(5, col).border = border
        if first_content is not None and row - 1 > first_content:
            ws.merge_cells(start_row=first_content, start_column=1, end_row=row - 1, end_column=1)
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    return workbook_bytes(wb)  # nothing written here is a live formula
