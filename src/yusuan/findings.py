"""Findings: what a rule reports, with stable codes, severities and locations.

The bottom of the package: the rules (``checks``), the narrative reader and the reports all use
these types, and this module imports nothing of theirs (``report.finding`` re-exports it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .model.core import Cell, PerformanceTable, Row, Table, TargetRow

__all__ = ["Severity", "CellRef", "TextRef", "Finding", "ref"]

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class CellRef:
    """A located cell (or row, when ``column`` is empty) that a finding is about."""

    table: str  # canonical type
    table_no: int  # 1-based position in the document (表N)
    table_title: str
    row: str  # how a clerk names the row: code and label
    column: str  # printed column path, e.g. "基本支出/小计"
    line: int | None = None
    page: int | None = None
    row_key: str = ""
    column_key: str = ""
    value: str = ""


@dataclass(frozen=True, slots=True)
class TextRef:
    """A place in the narrative: the sentence and the printed figure a finding is about."""

    section: str  # title of the section (e.g. "七、“三公”经费支出预算情况说明")
    sentence: str  # the whole sentence as printed
    text: str  # the figure or word in question, as printed ("279.64万元", "减少")
    line: int | None = None
    page: int | None = None
    paragraph: int = 0  # 0-based index of the paragraph in the document
    start: int = 0  # offsets of ``text`` in the paragraph
    end: int = 0


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    message: str  # Chinese
    message_en: str
    cells: tuple[CellRef, ...] = ()
    expected: str | None = None
    actual: str | None = None
    difference: str | None = None
    possible_rounding: bool = False
    tags: tuple[str, ...] = field(default=())
    text: tuple[TextRef, ...] = ()  # places in the narrative
    suggestion: str | None = None  # a computable correction, in Chinese ("应为 2,753.26")
    undetermined: bool = False  # cross-table: cannot tell which side is wrong

    @property
    def location(self) -> CellRef | None:
        return self.cells[0] if self.cells else None


def ref(table: Table | PerformanceTable, row: Row | TargetRow | None, column: str = "") -> CellRef:
    """The reference to a row of a table, or to one of its cells when ``column`` is given."""
    col = next((c for c in table.columns if c.key == column), None)
    col_label = col.label if col else column
    cell: Cell | None = None
    if row is None:
        return CellRef(
            table.type, table.number, table.title, "", col_label, table.location.line, table.location.page, column_key=column
        )
    if isinstance(row, TargetRow):
        name = f"{row.code} {row.name}".strip()
        cell = row.cell(column) if column else None
        key = row.code
    else:
        name = row.display
        cell = row.cell(column) if column else None
        key = row.key
        if column and isinstance(table, Table):
            side_col = next((c for c in table.columns if c.key == column and c.side == row.side), None)
            if side_col is not None:
                col_label = side_col.label
    line = (cell.location.line if cell else None) or row.location.line
    return CellRef(
        table.type,
        table.number,
        table.title,
        name,
        col_label,
        line,
        row.location.page,
        key,
        column,
        cell.raw if cell else "",
    )
