"""Findings: what a rule reports, with stable codes, severities and locations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Severity", "CellRef", "TextRef", "Finding"]

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
