"""Text in yusuan's XLSX workbooks stays text: the one mechanism every XLSX writer uses.

openpyxl takes a string that begins with ``=`` for a formula; a spreadsheet would also run one
that begins with ``+``, ``-`` or ``@`` if it were typed. A unit name, a label or a message from a
document (“=HYPERLINK(…)”) must never become one. A cell written here has the string type
(``data_type = "s"``): Excel shows exactly the text, without an added ``'``, and the sheet's XML
holds no ``<f>`` element. A text that looks like a number (“-2”) stays that text.

* :func:`text_cell` — a cell for ``ws.append([...])``, in a normal or a ``write_only`` workbook;
* :func:`text_row` — a row for ``ws.append``: strings as :func:`text_cell`, other values unchanged;
* :func:`set_text` — give a cell of a normal worksheet a text value;
* :func:`workbook_bytes` — save a normal workbook (creator yusuan), after a last sweep that keeps
  as text any cell a writer set without :func:`set_text`.

It imports only openpyxl, so the writers of every layer (render, corpus, tools, web) can use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO
from typing import Any

__all__ = ["text_cell", "text_row", "set_text", "workbook_bytes"]


def text_cell(ws: Any, value: str) -> Any:
    """A cell of ``ws`` holding ``value`` as text, for ``ws.append`` (write-only or not)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value)
    cell.data_type = "s"
    return cell


def text_row(ws: Any, values: Iterable[Any]) -> list[Any]:
    """``values`` ready for ``ws.append``: every string a text cell, numbers and None as they are."""
    return [text_cell(ws, v) if isinstance(v, str) else v for v in values]


def set_text(cell: Any, value: str) -> Any:
    """Give ``cell`` (of a normal worksheet) the text ``value``; returns the cell."""
    cell.value = value
    cell.data_type = "s"
    return cell


def workbook_bytes(wb: Any) -> bytes:
    """A normal workbook as bytes, written by yusuan. Every cell that openpyxl took for a formula
    (text set with ``ws.cell(r, c, text)`` rather than :func:`set_text`) is kept as the text it is."""
    for sheet in wb.worksheets:
        for row_cells in sheet.iter_rows():
            for c in row_cells:
                if c.data_type == "f":
                    c.data_type = "s"
    wb.properties.creator = "yusuan"
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()
