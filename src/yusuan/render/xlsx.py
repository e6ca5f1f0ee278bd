"""XLSX writer: a sheet 说明 with the narrative, then one sheet per table.

Amounts are numbers (so that a clerk can sum them) stored from their exact decimal text,
with a number format that prints them as the document does (their decimals, thousands
separators); codes and labels are text, so 003001 keeps its zeros. Header cells are
merged as printed and the header rows repeat on every printed page.
"""

from __future__ import annotations

import re

from ..model.money import parse_amount
from ..xlsxtext import set_text, workbook_bytes
from .document import Document, Heading, Para, TableBlock

__all__ = ["to_xlsx", "workbook_bytes"]

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _number_format(raw: str, decimals: int, value_abs: float) -> str:
    sep = "," in raw or value_abs < 1000
    base = "#,##0" if sep else "0"
    return base + ("." + "0" * decimals if decimals else "")


def _sheet_name(n: int, title: str, used: set[str]) -> str:
    short = re.sub(r"^\s*\d{4}\s*年度?", "", title)
    name = _BAD_SHEET_CHARS.sub("", f"表{n} {short}")[:31].strip()
    base, k = name, 2
    while name in used:
        name = f"{base[:28]}-{k}"
        k += 1
    used.add(name)
    return name


def to_xlsx(doc: Document) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "说明"
    ws.column_dimensions["A"].width = 110
    wrap = Alignment(wrap_text=True, vertical="top")
    r = 1
    for b in doc.blocks:
        if isinstance(b, Heading):
            c = set_text(ws.cell(r, 1), b.text)
            c.font = Font(bold=True, size={1: 15, 2: 13}.get(b.level, 11.5))
            r += 1
        elif isinstance(b, Para):
            c = set_text(ws.cell(r, 1), b.text)
            c.alignment = wrap
            r += 1
    thin = Side(style="thin", color="333333")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="EEF0F3")
    used: set[str] = {"说明"}
    tables = [b for b in doc.blocks if isinstance(b, TableBlock)]
    for n, t in enumerate(tables, start=1):
        ws = wb.create_sheet(_sheet_name(n, t.title, used))
        set_text(ws.cell(1, 1), t.title).font = Font(bold=True, size=14)
        ws.cell(1, 1).alignment = Alignment(horizontal="center")
        if t.width > 1:
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=t.width)
        row = 2
        if t.unit_name:
            set_text(ws.cell(row, 1), f"单位名称：{t.unit_name}")
            row += 1
        set_text(ws.cell(row, 1), f"单位：{t.unit}")
        row += 1
        top = row
        for h in t.header:
            set_text(ws.cell(top + h.row, h.col + 1), h.text)
            if h.rowspan > 1 or h.colspan > 1:
                ws.merge_cells(
                    start_row=top + h.row,
                    start_column=h.col + 1,
                    end_row=top + h.row + h.rowspan - 1,
                    end_column=h.col + h.colspan,
                )
        for rr in range(top, top + t.header_rows):
            for cc in range(1, t.width + 1):
                c = ws.cell(rr, cc)
                c.font = Font(bold=True)
                c.fill = head_fill
                c.border = border
                c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        row = top + t.header_rows
        for cells, nums in zip(t.body, t.numeric, strict=True):
            for j, (text, num) in enumerate(zip(cells, nums, strict=True), start=1):
                c = ws.cell(row, j)
                c.border = border
                a = parse_amount(text) if num else None
                if a is not None:
                    c.value = a.value
                    c.number_format = _number_format(text, a.decimals, abs(float(a.value)))
                elif text:
                    set_text(c, text)
                    c.number_format = "@"
            row += 1
        if t.notes:
            row += 1
            for note in t.notes:
                set_text(ws.cell(row, 1), note)
                row += 1
        ws.print_title_rows = f"{top}:{top + t.header_rows - 1}"
        ws.freeze_panes = ws.cell(top + t.header_rows, t.stub + 1)
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        for j in range(1, t.width + 1):
            longest = max([len(r[j - 1]) for r in t.body] + [4])
            ws.column_dimensions[get_column_letter(j)].width = min(40, max(8, longest * (2.1 if j <= t.stub else 1.2)))
    return workbook_bytes(wb)
