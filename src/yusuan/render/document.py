"""The model → a neutral document: headings, paragraphs and tables laid out as printed.

Every writer (text, HTML, PDF, DOCX, XLSX) lays out this one structure, so the same
document comes out in every format and re-reads to the same model. A table is its title,
the ``单位名称`` / ``单位`` lines, a header built from the printed column paths (with
row and column spans), body rows whose stub cells are rebuilt from the row's code, label
and attributes the way the template prints them, and its notes. A writer never computes a
figure: amounts are printed as the model holds them (their raw text, or the exact value
with its printed decimals and thousands separators).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import zip_longest

from ..model.core import Cell, Column, Disclosure, PerformanceTable, Row, Table, TargetRow
from ..model.money import Amount, parse_amount
from ..profiles import Profile, TableSpec, get_profile, profiles

__all__ = ["Heading", "Para", "HeaderCell", "TableBlock", "Document", "build", "printed", "document_title", "header_cells"]

CATEGORIES = ("成本", "产出", "效益", "满意度")


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1..3 (the document title is 1)
    text: str


@dataclass(frozen=True, slots=True)
class Para:
    text: str


@dataclass(frozen=True, slots=True)
class HeaderCell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True, slots=True)
class TableBlock:
    type: str
    title: str
    unit_name: str
    unit: str
    width: int
    header: tuple[HeaderCell, ...]
    header_rows: int
    body: tuple[tuple[str, ...], ...]
    numeric: tuple[tuple[bool, ...], ...]  # which body cells hold amounts
    notes: tuple[str, ...]
    stub: int  # leading label columns

    def header_grid(self) -> list[list[str]]:
        """Header rows as a grid: text in the first cell of a span, ``""`` elsewhere."""
        grid = [[""] * self.width for _ in range(self.header_rows)]
        for c in self.header:
            grid[c.row][c.col] = c.text
        return grid


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    blocks: tuple[Heading | Para | TableBlock, ...]
    date: str = ""  # the document's own date (YYYY-MM-DD), for the file's properties

    @property
    def tables(self) -> tuple[TableBlock, ...]:
        return tuple(b for b in self.blocks if isinstance(b, TableBlock))


def printed(amount: Amount) -> str:
    """An amount as budget tables print it: thousands separators, its printed decimals."""
    return f"{amount.value:,.{amount.decimals}f}"


def _value(cell: Cell | None) -> str:
    if cell is None:
        return ""
    if cell.raw.strip():
        return cell.raw.strip()
    return printed(cell.amount) if cell.amount is not None else ""


# ---------------------------------------------------------------- headers

_STUB_PATHS: dict[str, tuple[tuple[str, ...], ...]] = {
    "function": (("科目编码", "类"), ("科目编码", "款"), ("科目编码", "项"), ("单位代码",), ("单位（科目名称）",)),
    "unit": (("单位代码",), ("单位名称",)),
    "economic_pair": (
        ("部门预算支出经济分类科目", "科目编码"),
        ("部门预算支出经济分类科目", "科目名称"),
        ("政府预算支出经济分类科目编码", "科目编码"),
        ("政府预算支出经济分类科目编码", "科目名称"),
    ),
    "economic_split": (
        ("部门预算经济分类", "科目编码", "类"),
        ("部门预算经济分类", "科目编码", "款"),
        ("部门预算经济分类", "科目名称"),
        ("政府预算经济分类", "科目编码", "类"),
        ("政府预算经济分类", "科目编码", "款"),
        ("政府预算经济分类", "科目名称"),
    ),
    "project": (("单位代码",), ("单位（项目）名称",), ("项目类型",)),
    "none": (),
}


def header_cells(paths: list[tuple[str, ...]]) -> tuple[tuple[HeaderCell, ...], int]:
    """Spanning header cells from leaf column paths: equal neighbouring parents merge
    across columns; a path shorter than the deepest one spans down to the last header row."""
    depth = max((len(p) for p in paths), default=0)
    cells: list[HeaderCell] = []
    for level in range(depth):
        j = 0
        while j < len(paths):
            p = paths[j]
            if level >= len(p):
                j += 1
                continue
            leaf = level == len(p) - 1
            span = 1
            if not leaf:
                while (
                    j + span < len(paths) and len(paths[j + span]) > level + 1 and paths[j + span][: level + 1] == p[: level + 1]
                ):
                    span += 1
            cells.append(HeaderCell(p[level], level, j, depth - level if leaf else 1, span))
            j += span
    return tuple(cells), depth


# ---------------------------------------------------------------- rows


def _digits(code: str, *sizes: int) -> list[str]:
    out, pos = [], 0
    for n in sizes:
        out.append(code[pos : pos + n])
        pos += n
    return out


def _stub(stub: str, row: Row) -> list[str]:
    code, label = row.code, row.label
    total = row.kind == "total"
    if stub == "function":
        if row.kind == "unit":
            return ["", "", "", code, label]
        if total or not code:
            return ["", "", "", "", label]
        return [*_digits(code, 3, 2, 2), "", label]
    if stub == "unit":
        return [code if row.kind == "unit" else row.attr("unit_code"), label]
    if stub == "project":
        if row.kind == "project":
            return [row.attr("unit_code"), label, row.attr("project_type")]
        return [code if row.kind == "unit" else "", label, ""]
    if stub == "economic_pair":
        if total:
            return ["", "", "", label]
        return [code, label, row.attr("gov_code"), row.attr("gov_name")]
    if stub == "economic_split":
        if row.kind == "unit":
            return [code, "", label, "", "", ""]
        if total or not code:
            return ["", "", label, "", "", ""]
        gov = row.attr("gov_code")
        return [*_digits(code, 3, len(code) - 3), label, *_digits(gov, 3, len(gov) - 3), row.attr("gov_name")]
    return []


def _one_sided(t: Table, spec: TableSpec, unit_name: str) -> TableBlock:
    stub_paths = list(_STUB_PATHS.get(spec.stub, ()))
    header, depth = header_cells(stub_paths + [c.path for c in t.columns])
    width = len(stub_paths) + len(t.columns)
    body: list[tuple[str, ...]] = []
    numeric: list[tuple[bool, ...]] = []
    for r in t.rows:
        stub = _stub(spec.stub, r)
        vals = [_value(r.cell(c.key)) for c in t.columns]
        body.append(tuple(stub + vals))
        numeric.append(tuple([False] * len(stub) + [parse_amount(v) is not None for v in vals]))
    return TableBlock(
        t.type, t.title, unit_name, t.unit, width, header, depth, tuple(body), tuple(numeric), t.notes, len(stub_paths)
    )


def _split_tail(rows: tuple[Row, ...]) -> tuple[list[Row], list[Row]]:
    """A side's rows and its trailing total rows (本年收入合计 … 收入总计), which print at the bottom."""
    n = len(rows)
    while n and rows[n - 1].kind == "total":
        n -= 1
    return list(rows[:n]), list(rows[n:])


def _two_sided(t: Table, spec: TableSpec, unit_name: str) -> TableBlock:
    inc_cols = [c for c in t.columns if c.side == "income"]
    exp_cols = [c for c in t.columns if c.side == "expenditure"]
    uses = [r for r in t.side_rows("expenditure") if r.key.startswith("use.")]
    if uses and len(exp_cols) == 2 and exp_cols[0].key == exp_cols[1].key:
        return _two_stubs(t, inc_cols, exp_cols, unit_name)
    paths = [("收入", "项目"), *[c.path for c in inc_cols], ("支出", "项目"), *[c.path for c in exp_cols]]
    header, depth = header_cells(paths)
    inc_body, inc_tail = _split_tail(t.side_rows("income"))
    exp_body, exp_tail = _split_tail(t.side_rows("expenditure"))
    pad = max(len(inc_tail), len(exp_tail))
    inc_bottom: list[Row | None] = [None] * (pad - len(inc_tail)) + list(inc_tail)
    exp_bottom: list[Row | None] = [None] * (pad - len(exp_tail)) + list(exp_tail)
    body: list[tuple[str, ...]] = []
    numeric: list[tuple[bool, ...]] = []
    pairs = list(zip_longest(inc_body, exp_body)) + list(zip(inc_bottom, exp_bottom, strict=True))
    for inc, exp in pairs:
        cells: list[str] = []
        nums: list[bool] = []
        for row, cols in ((inc, inc_cols), (exp, exp_cols)):
            vals = [_value(row.cell(c.key)) if row is not None else "" for c in cols]
            cells += [row.label if row is not None else "", *vals]
            nums += [False, *[parse_amount(v) is not None for v in vals]]
        body.append(tuple(cells))
        numeric.append(tuple(nums))
    return TableBlock(t.type, t.title, unit_name, t.unit, len(paths), header, depth, tuple(body), tuple(numeric), t.notes, 1)


def _two_stubs(t: Table, inc_cols: list[Column], exp_cols: list[Column], unit_name: str) -> TableBlock:
    """A summary whose 支出 side has two stubs side by side (Jiangsu: 功能分类 — the classes —
    and 支出用途 — 基本支出, 项目支出 …), each with its own 金额: both kept, as printed."""
    col = exp_cols[0].key
    paths = [("收入", "项目"), *[c.path for c in inc_cols]]
    paths += [(*exp_cols[0].path[:-1], "功能科目名称"), exp_cols[0].path, (*exp_cols[1].path[:-1], "项目名称"), exp_cols[1].path]
    header, depth = header_cells(paths)
    inc_body, inc_tail = _split_tail(t.side_rows("income"))
    exp_body, exp_tail = _split_tail(t.side_rows("expenditure"))
    classes = [r for r in exp_body if not r.key.startswith("use.")]
    uses = [r for r in exp_body if r.key.startswith("use.")]
    pad = max(len(inc_tail), len(exp_tail))
    inc_bottom: list[Row | None] = [None] * (pad - len(inc_tail)) + list(inc_tail)
    exp_bottom: list[Row | None] = [None] * (pad - len(exp_tail)) + list(exp_tail)
    rows = [(i, c, u) for i, c, u in zip_longest(inc_body, classes, uses)]
    rows += [(i, e, e) for i, e in zip(inc_bottom, exp_bottom, strict=True)]
    body: list[tuple[str, ...]] = []
    numeric: list[tuple[bool, ...]] = []
    for inc, cls, use in rows:
        cells: list[str] = [inc.label if inc is not None else ""]
        cells += [_value(inc.cell(c.key)) if inc is not None else "" for c in inc_cols]
        for r in (cls, use):
            cells += [r.label if r is not None else "", _value(r.cell(col)) if r is not None else ""]
        body.append(tuple(cells))
        numeric.append(
            tuple(
                i > 0 and parse_amount(v) is not None and not (i == len(inc_cols) + 1 or i == len(inc_cols) + 3)
                for i, v in enumerate(cells)
            )
        )
    return TableBlock(t.type, t.title, unit_name, t.unit, len(paths), header, depth, tuple(body), tuple(numeric), t.notes, 1)


_PERF_AMOUNT_KEYS = ("total", "gov", "special_account", "unit_funds")


def _performance(p: PerformanceTable, unit_name: str) -> TableBlock:
    paths: list[tuple[str, ...]] = [("单位编码（项目编号）",), ("项目单位（项目名称）",)]
    paths += [c.path for c in p.columns]
    for cat in CATEGORIES:
        paths += [("绩效目标", f"{cat}指标", "三级指标"), ("绩效目标", f"{cat}指标", "指标值")]
    header, depth = header_cells(paths)
    body: list[tuple[str, ...]] = []
    numeric: list[tuple[bool, ...]] = []
    for r in p.rows:
        _target_rows(r, body, numeric)
    return TableBlock(p.type, p.title, unit_name, p.unit, len(paths), header, depth, tuple(body), tuple(numeric), (), 2)


def _target_rows(r: TargetRow, body: list[tuple[str, ...]], numeric: list[tuple[bool, ...]]) -> None:
    by_cat: dict[str, list[tuple[str, str]]] = {c: [] for c in CATEGORIES}
    for ind in r.indicators:
        by_cat.setdefault(ind.category, []).append((ind.name, ind.value))
    lines = max([1] + [len(v) for v in by_cat.values()])
    amounts = [_value(r.cell(k)) for k in _PERF_AMOUNT_KEYS]
    for i in range(lines):
        head = [r.code, r.name, *amounts] if i == 0 else [""] * 6
        inds: list[str] = []
        for cat in CATEGORIES:
            items = by_cat.get(cat, [])
            inds += list(items[i]) if i < len(items) else ["", ""]
        body.append(tuple(head + inds))
        numeric.append(tuple([False, False] + [i == 0 and parse_amount(a) is not None for a in amounts] + [False] * 8))


# ---------------------------------------------------------------- narrative

_DATE_TAIL = re.compile(r"(\d{4}年\d{1,2}月\d{1,2}日)\s*$")
_TITLE = re.compile(r"(\d{4})\s*年度?\s*(.+?)(单位|部门)(预算|决算)")


def _paragraphs(text: str) -> list[Para]:
    """A paragraph; a date at its end (the signing date) goes on its own line, as printed."""
    m = _DATE_TAIL.search(text)
    if m and m.start() > 0:
        return [Para(text[: m.start()].rstrip()), Para(m.group(1))]
    return [Para(text)]


_TOC_TITLE = re.compile(r"目\s*录")
#: dot leaders (and the page number after them) of a 目录 entry
_LEADERS = re.compile(r"\s*(?:…{2,}|\.{4,}|·{4,}|．{4,}|-{4,})\s*(?:\d+(?![\d.．、]))?\s*")


def _toc_entries(text: str) -> list[Para]:
    """A 目录 read as one run of entries and dot leaders (一、部门主要职能 ……… 二、…): one line
    per entry, without the leaders and the printed page numbers (the pages of this rendering
    differ); words after the last leader are a paragraph of their own."""
    parts = _LEADERS.split(text)
    if len(parts) == 1:
        return _paragraphs(text)
    entries = [Para(x.strip()) for x in parts[:-1] if x.strip()]
    rest = parts[-1].strip()
    return entries + (_paragraphs(rest) if rest else [])


def _date_line(date: str) -> str:
    y, m, d = date.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def document_title(d: Disclosure) -> str:
    m = d.meta
    if m.title:
        return m.title
    who = "单位" if m.scope == "unit" else "部门"
    what = "预算" if m.kind == "budget" else "决算"
    return f"{m.year or ''}年度{m.unit_name}{who}{what}"


def build(d: Disclosure) -> Document:
    """The disclosure laid out as a document: narrative (概况, 情况说明, 名词解释 …) and every table."""
    title = document_title(d)
    blocks: list[Heading | Para | TableBlock] = []
    first = d.sections[0].title if d.sections else ""
    if not _TITLE.search(first):
        blocks.append(Heading(1, title))
    has_date = False
    in_toc: list[str] = []  # titles of the 目录's entries read as headings, while in it
    for s in d.sections:
        toc = bool(_TOC_TITLE.fullmatch(s.title.strip()))
        key = re.sub(r"\s+", "", s.title)
        if in_toc and key not in in_toc and all(len(p.text) <= 60 or _LEADERS.search(p.text) for p in s.paragraphs):
            # "第一部分 部门概况" listed in the 目录 and read as a heading: an entry of the 目录, until
            # the first title the 目录 listed comes again (the body begins) or a real paragraph
            in_toc.append(key)
            blocks.append(Para(_LEADERS.sub("", s.title).strip()))
            blocks.extend(e for p in s.paragraphs for e in _toc_entries(p.text))
            continue
        in_toc = [""] if toc else []
        if s.title:
            blocks.append(Heading(min(max(s.level, 1), 3), s.title))
        for p in s.paragraphs:
            text = p.text
            for head in (s.title, title):
                if head and text.startswith(head) and len(text) > len(head):
                    # a cover read with its title and what follows as one paragraph: the title once
                    text = text[len(head) :].lstrip()
                    break
            if toc:
                blocks.extend(_toc_entries(text))
                continue
            paras = _paragraphs(text)
            has_date = has_date or any(_DATE_TAIL.fullmatch(x.text) for x in paras)
            blocks.extend(paras)
    if d.meta.date and not has_date:
        blocks.append(Para(_date_line(d.meta.date)))
    profile = _profile(d)
    items: list[tuple[int, Table | PerformanceTable]] = [(t.index, t) for t in d.tables]
    if d.performance is not None:
        items.append((d.performance.index, d.performance))
    for _, t in sorted(items, key=lambda x: x[0]):
        if isinstance(t, PerformanceTable):
            blocks.append(_performance(t, d.meta.unit_name))
            continue
        spec = profile.spec(t.type) if profile is not None else None
        if spec is None:
            spec = TableSpec(t.type, (t.title,), "rows", "none", t.columns)
        if spec.layout == "two_sided":
            blocks.append(_two_sided(t, spec, d.meta.unit_name))
        else:
            blocks.append(_one_sided(t, spec, d.meta.unit_name))
    return Document(title, tuple(blocks), d.meta.date)


def _profile(d: Disclosure) -> Profile | None:
    if d.meta.profile in profiles():
        return get_profile(d.meta.profile)
    return None
