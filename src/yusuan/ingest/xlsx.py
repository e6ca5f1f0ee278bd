"""XLSX reader: every visible sheet, top to bottom → :class:`~.layout.Layout`.

A sheet may hold one table or several stacked ones, with their title, ``单位名称`` and
``单位`` lines above and notes below. A row with two or more filled cells is a grid row;
so is a row with one filled cell that follows a grid row (an income row whose amounts are
empty), unless it is a note. Other rows are lines of text (a cell holding several lines
gives several lines); a bold cell alone on its row is a heading (``# …``). Each run of grid rows is trimmed to the columns it uses and padded
to one width. Merged cells keep their text in the first cell, ``""`` in the others (that
is how the file stores them). A blank row or a new sheet is a break, like a page break.

Numbers are printed the way the cell's number format prints them: decimals from the
format (``#,##0.00`` → 2), thousands separators when the format has them; converted
through the shortest decimal repr of the stored double, so 2155.16 stays exact.
Formulas are read from their cached values (``data_only``); a workbook saved by a tool
that does not compute formulas has none, and is refused with a clear message.

Safety: :func:`.safezip.check_zip` first; openpyxl parses with defusedxml when it is
installed (it is a dependency), and the formula scan below uses defusedxml too.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any

from ..errors import InputError, YusuanError
from ..tolerance import round_half_up
from .budget import Budget
from .cells import Lines, cell_text, grid_line
from .layout import Layout
from .safezip import check_zip

__all__ = ["read_xlsx", "format_number"]

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NOTE = re.compile(r"^\s*注\s*[：:]")
_TOTAL = re.compile(r"^\s*(?:合\s*计|总\s*计|.{0,8}(?:合计|总计))\s*$")
_UNIT_LINE = re.compile(r"^\s*(?:单位名称|部门名称|编制单位|(?:金额)?单位)\s*[：:]")


def read_xlsx(data: bytes, source: str) -> Layout:
    check_zip(data, source, "XLSX")
    budget = Budget(source)
    merged = _scan_sheets(data, source, budget)
    import openpyxl  # imported here so that other formats do not pay for it

    try:
        wb = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a damaged package
        raise InputError(f"{source} 不是有效的 XLSX 文件，无法打开。", f"{source} is not a valid XLSX file: {err}") from None
    out = Lines(budget)
    notes: list[str] = []
    try:
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                notes.append(f"隐藏的工作表未读取 / hidden sheet skipped: {ws.title}")
                continue
            ws.reset_dimensions()  # the declared dimension may lie (A1:XFD1048576 = 17 billion cells)
            rows, bold = _read_sheet(ws, merged.get(getattr(ws, "_worksheet_path", ""), []), budget)
            _sheet(rows, bold, out)
            out.blank()
    except YusuanError:
        raise
    except Exception as err:  # noqa: BLE001 - openpyxl on a damaged sheet (a number of 5,000 digits, broken XML)
        raise InputError(
            f"{source} 的工作表已损坏，无法读取（{type(err).__name__}）。",
            f"a worksheet of {source} is damaged and cannot be read: {err}",
        ) from None
    finally:
        wb.close()
    while out.lines and out.lines[-1] == "":
        out.lines.pop()
        out.pages.pop()
    return Layout(tuple(out.lines), tuple(out.pages), "xlsx", source, tuple(notes))


def _read_sheet(ws: Any, ranges: list[tuple[int, int, int, int]], budget: Budget) -> tuple[list[list[str]], list[bool]]:
    """The rows of one sheet as text. A merged range keeps its text in its first cell only: the
    ranges are swept by row (sorted by their first row; those still open are applied to each
    row), and every cell a range blanks is charged to the budget, so a few ranges declared over
    millions of cells cost no more than the cells that are really there."""
    rows: list[list[str]] = []
    bold: list[bool] = []
    pending = sorted(ranges)  # (r1, c1, r2, c2)
    nxt = 0
    active: list[tuple[int, int, int, int]] = []
    blanks = 0  # empty rows in a row: only the first three are kept (that is all _sheet looks back)
    for r_index, row in enumerate(ws.iter_rows(), start=1):
        if not row or all(getattr(c, "value", None) is None for c in row):
            blanks += 1
            if blanks % 8 == 0:
                budget.cells(1)  # walking empty rows costs time too: a sheet may declare a million of them
            if blanks > 3 and len(row) < 64:
                continue
        else:
            blanks = 0
        budget.cells(len(row))
        texts = [_cell(c) for c in row]
        while nxt < len(pending) and pending[nxt][0] <= r_index:
            active.append(pending[nxt])
            nxt += 1
        if active:
            active = [a for a in active if a[2] >= r_index]
            for r1, c1, _r2, c2 in active:
                hi = min(c2, len(texts))
                if hi < c1:
                    continue
                budget.cells(hi - c1 + 1)
                for k in range(c1, hi + 1):
                    if (r_index, k) != (r1, c1):
                        texts[k - 1] = ""
        rows.append(texts)
        filled = [c for c, t in zip(row, texts, strict=True) if t.strip()]
        bold.append(len(filled) == 1 and bool(getattr(getattr(filled[0], "font", None), "b", False)))
    return rows, bold


def _scan_sheets(data: bytes, source: str, budget: Budget) -> dict[str, list[tuple[int, int, int, int]]]:
    """One streaming pass over the sheets' XML (defusedxml): refuse formula cells without
    a cached value (``<f>`` and no ``<v>``: the workbook was written by a program that does
    not calculate), charge every cell and row to the document's budget (a workbook of
    millions of cells is refused here, before openpyxl builds anything), and collect the
    merged ranges (r1, c1, r2, c2), so that a file which repeats a merged cell's text in every
    cell still reads as printed. Broken XML is a damaged file (exit 2)."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    merged: dict[str, list[tuple[int, int, int, int]]] = {}
    with zipfile.ZipFile(BytesIO(data)) as zf:
        for name in zf.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            missing = 0
            ranges: list[tuple[int, int, int, int]] = []
            try:
                with zf.open(name) as f:
                    for _event, el in iterparse(f, events=("end",)):
                        if el.tag == _NS + "c":
                            budget.cells(1)
                            if el.find(_NS + "f") is not None:
                                v = el.find(_NS + "v")
                                if v is None or not (v.text or "").strip():
                                    missing += 1
                            el.clear()
                        elif el.tag == _NS + "row":
                            el.clear()
                        elif el.tag == _NS + "mergeCell":
                            budget.cells(1)
                            rng = _range(el.get("ref") or "")
                            if rng is not None:
                                ranges.append(rng)
                            el.clear()
            except (ParseError, DefusedXmlException, zipfile.BadZipFile, OSError, EOFError) as err:
                raise InputError(
                    f"{source} 已损坏：工作表 {name} 不是有效的 XML（{err}）。",
                    f"{source} is damaged: the worksheet {name} is not valid XML ({err}).",
                ) from None
            if missing:
                raise InputError(
                    f"{source}：公式没有缓存值，请在 Excel 中打开并保存后再试（{name} 中有 {missing} 个公式单元格没有计算结果）。",
                    f"{source}: formulas have no cached values; open the workbook in Excel (or LibreOffice), save it and "
                    f"try again ({missing} formula cell(s) without a computed value in {name}).",
                )
            merged[name] = ranges
    return merged


_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})$")


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _range(ref: str) -> tuple[int, int, int, int] | None:
    """A merged range ``B2:D5`` → (2, 2, 5, 4); ``None`` if it is not one."""
    m = _REF.match(ref.upper())
    if not m:
        return None
    c1, r1, c2, r2 = _col(m.group(1)), int(m.group(2)), _col(m.group(3)), int(m.group(4))
    return (r1, c1, r2, c2) if r1 <= r2 and c1 <= c2 else None


def _cell(c: Any) -> str:
    v = getattr(c, "value", None)
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int | float):
        return format_number(v, getattr(c, "number_format", "General") or "General")
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d") if v.time() == dt.time() else v.isoformat(sep=" ")
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    return str(v)


_SECTION = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def format_number(value: int | float, fmt: str) -> str:
    """A stored number as the cell's number format prints it (the parts that matter for
    amounts: decimals, thousands separators, percent). ``General`` prints the shortest form."""
    try:
        d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError):
        return str(value)
    if not d.is_finite() or abs(d.adjusted()) > 40:  # inf, nan, 1E+300: printed as stored, never formatted
        return str(value)
    section = _SECTION.sub("", fmt.split(";")[0])
    if section.strip().lower() in ("general", "") or not re.search(r"[0#?]", section):
        if d == d.to_integral_value():
            return str(d.quantize(Decimal(1)))
        return format(d.normalize(), "f")
    percent = "%" in section
    if percent:
        d *= 100
    m = re.search(r"(?<![0#?,])[0#?,]*\.([0#?]+)", section)  # never from inside a run (quadratic on a long format)
    decimals = min(len(m.group(1)) if m else 0, 20)  # a format of 5,000 decimals prints 20
    q = round_half_up(d, decimals)
    integer_part = section.split(".")[0]
    text = f"{q:,.{decimals}f}" if "," in integer_part else f"{q:.{decimals}f}"
    return text + ("%" if percent else "")


def _after_grid(kinds: list[str], gap: int) -> bool:
    """The last non-blank row (within ``gap`` blank rows) was a grid row."""
    for k in reversed(kinds[-(gap + 1) :]):
        if k != "blank":
            return k == "grid"
    return False


def _sheet(rows: list[list[str]], bold: list[bool], out: Lines) -> None:
    kinds: list[str] = []  # "grid", "text", "blank"
    for r in rows:
        filled = [c for c in r if c.strip()]
        if not filled:
            kinds.append("blank")
        elif all(_UNIT_LINE.match(c) for c in filled):
            kinds.append("text")
        elif len(filled) >= 2:
            kinds.append("grid")
        elif _after_grid(kinds, 0) and not _NOTE.match(filled[0]):
            kinds.append("grid")  # e.g. an income row whose amounts are empty
        elif _after_grid(kinds, 2) and _TOTAL.match(filled[0]):
            kinds.append("grid")  # a 合计 row after the blank rows left for data
        else:
            kinds.append("text")
    i = 0
    while i < len(rows):
        if kinds[i] == "blank":
            out.blank()
            i += 1
        elif kinds[i] == "text":
            for c in rows[i]:
                if c.strip() and bold[i] and "\n" not in c.strip() and not _UNIT_LINE.match(c):
                    out.add("# " + " ".join(c.split()))  # a bold line of its own is a heading
                elif c.strip():
                    out.text(c)
            i += 1
        else:
            j = i
            while j < len(rows) and kinds[j] == "grid":
                j += 1
            block = [[cell_text(c) for c in r] for r in rows[i:j]]
            first = min(next(k for k, c in enumerate(r) if c) for r in block)
            last = max(max(k for k, c in enumerate(r) if c) for r in block)
            for r in block:
                cells = (r + [""] * (last + 1 - len(r)))[first : last + 1]
                out.add(grid_line(cells))
            i = j
