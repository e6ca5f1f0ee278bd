"""The disclosure model: frozen objects, no IO.

One :class:`Disclosure` holds the document's meta data, its narrative (sections of
paragraphs with their source lines), its tables typed by canonical type, and the
performance targets. Every cell carries a :class:`Location` so that a finding can say
where a clerk finds the figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .money import Amount

__all__ = [
    "Location",
    "Column",
    "Cell",
    "Row",
    "Table",
    "Indicator",
    "TargetRow",
    "PerformanceTable",
    "Paragraph",
    "Section",
    "Meta",
    "PageDefect",
    "Disclosure",
    "RowKind",
    "Side",
]

RowKind = Literal["total", "unit", "class", "item", "subitem", "label", "project"]
Side = Literal["", "income", "expenditure"]


@dataclass(frozen=True, slots=True)
class Location:
    """Where something is in the source: file line (1-based) and page where known."""

    line: int | None = None
    page: int | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class Column:
    """A value column: its canonical key and the printed header path (top to bottom)."""

    key: str
    path: tuple[str, ...]
    side: Side = ""

    @property
    def label(self) -> str:
        return "/".join(self.path)


@dataclass(frozen=True, slots=True)
class Cell:
    """One value cell. ``amount`` is ``None`` for an empty cell (empty is not zero)."""

    column: str
    amount: Amount | None
    raw: str
    location: Location


@dataclass(frozen=True, slots=True)
class Row:
    """A table row: its label, classification code (digits only) and value cells.

    ``key`` identifies the row inside its table: the code (``"2010301"``, ``"30101"``),
    ``"unit:003001"``, ``"total"``, or a canonical key for labelled rows such as
    ``"income.gpb"``. ``attrs`` holds extra stub fields (the 政府预算经济分类 code beside a
    部门 code, a project's type …).
    """

    key: str
    label: str
    kind: RowKind
    cells: tuple[Cell, ...]
    location: Location
    code: str = ""
    side: Side = ""
    attrs: tuple[tuple[str, str], ...] = ()

    def cell(self, column: str) -> Cell | None:
        for c in self.cells:
            if c.column == column:
                return c
        return None

    def amount(self, column: str) -> Amount | None:
        c = self.cell(column)
        return c.amount if c is not None else None

    def attr(self, name: str, default: str = "") -> str:
        for k, v in self.attrs:
            if k == name:
                return v
        return default

    @property
    def display(self) -> str:
        """How a clerk would name this row: code and label."""
        if self.code and self.label:
            return f"{self.code} {self.label}"
        return self.label or self.code or self.key


@dataclass(frozen=True, slots=True)
class Table:
    """A typed table: canonical ``type`` (see the profile), printed title, rows, columns."""

    type: str
    title: str
    index: int
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    location: Location
    unit: str = "万元"
    notes: tuple[str, ...] = ()

    @property
    def number(self) -> int:
        """1-based position of the table in the document (表1, 表2 …)."""
        return self.index + 1

    def column(self, key: str) -> Column | None:
        for c in self.columns:
            if c.key == key:
                return c
        return None

    def row(self, key: str, side: Side = "") -> Row | None:
        for r in self.rows:
            if r.key == key and (not side or r.side == side):
                return r
        return None

    def side_rows(self, side: Side) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.side == side)

    @property
    def is_empty(self) -> bool:
        return all(c.amount is None for r in self.rows for c in r.cells)


@dataclass(frozen=True, slots=True)
class Indicator:
    """One performance indicator (三级指标) with its target value (指标值)."""

    category: str  # 成本 / 产出 / 效益 / 满意度
    name: str
    value: str
    location: Location


@dataclass(frozen=True, slots=True)
class TargetRow:
    """A row of the performance-target table: a unit/group row or a project."""

    kind: Literal["unit", "project"]
    code: str
    name: str
    cells: tuple[Cell, ...]
    location: Location
    indicators: tuple[Indicator, ...] = ()

    def amount(self, column: str) -> Amount | None:
        for c in self.cells:
            if c.column == column:
                return c.amount
        return None

    def cell(self, column: str) -> Cell | None:
        for c in self.cells:
            if c.column == column:
                return c
        return None


@dataclass(frozen=True, slots=True)
class PerformanceTable:
    """单位预算项目绩效目标表: projects with amounts and indicators."""

    title: str
    index: int
    columns: tuple[Column, ...]
    rows: tuple[TargetRow, ...]
    location: Location
    unit: str = "万元"

    type: str = field(default="performance_targets", init=False)

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def projects(self) -> tuple[TargetRow, ...]:
        return tuple(r for r in self.rows if r.kind == "project")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A narrative paragraph rebuilt across page breaks; ``lines`` are its source lines."""

    text: str
    lines: tuple[int, ...]
    spans: tuple[tuple[int, int], ...]  # (char offset where a source line starts, line)
    #: the page of each of ``lines`` (paged documents; empty for text input)
    pages: tuple[int | None, ...] = ()

    def page_of(self, line: int | None) -> int | None:
        """The page that printed source ``line`` of this paragraph."""
        for ln, page in zip(self.lines, self.pages, strict=False):
            if ln == line:
                return page
        return None

    def line_at(self, offset: int) -> int:
        """The source line that holds character ``offset`` of :attr:`text`."""
        line = self.lines[0]
        for start, ln in self.spans:
            if start <= offset:
                line = ln
        return line


@dataclass(frozen=True, slots=True)
class Section:
    """A heading of the narrative and its paragraphs. ``path`` is the heading chain."""

    title: str
    level: int
    path: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    location: Location


@dataclass(frozen=True, slots=True)
class Meta:
    unit_name: str
    year: int | None
    kind: Literal["budget", "final_account"]
    scope: Literal["unit", "department"]
    profile: str
    amount_unit: str
    unit_code: str = ""
    title: str = ""
    date: str = ""
    source: str = ""
    #: a document read from several files (narrative + tables): each file and its number of
    #: lines, in reading order; line numbers of the model count through them
    parts: tuple[tuple[str, int], ...] = ()

    def where(self, line: int | None) -> tuple[str, int | None]:
        """The file and its own line number for a line of the model."""
        if line is None or not self.parts:
            return self.source, line
        first = 1
        for source, count in self.parts:
            if line < first + count:
                return source, line - first + 1
            first += count
        return self.parts[-1][0], line


@dataclass(frozen=True, slots=True)
class PageDefect:
    """What a reader of the printed page sees that the text layer does not say: a page left
    blank (``blank``), a page with ruling but no text (``ruling``), characters cut by the box they
    are clipped to so that only part of each is printed (``cut``, ``text`` holds them)."""

    kind: Literal["blank", "ruling", "cut"]
    page: int
    text: str = ""
    source: str = ""  # the file, for a document read from several files
    #: the pages of the file, and where ``page`` lies among them: ``inner`` (pages with text
    #: before and after it), ``edge`` (first or last pages)
    position: Literal["inner", "edge"] = "inner"


@dataclass(frozen=True, slots=True)
class Disclosure:
    """One published disclosure, read into the model."""

    meta: Meta
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    performance: PerformanceTable | None = None
    unknown_tables: tuple[str, ...] = ()
    #: the table titles the 目录 (table of contents) lists, as printed, with their lines
    contents: tuple[tuple[str, Location], ...] = ()
    #: what the printed pages show and the text layer does not (PDF input only)
    page_defects: tuple[PageDefect, ...] = ()

    def page_of_line(self, line: int | None) -> int | None:
        """The page of a narrative source line (None for text input or a line not in 情况说明)."""
        if line is None:
            return None
        for sec in self.sections:
            if sec.location.line == line and sec.location.page is not None:
                return sec.location.page
            for para in sec.paragraphs:
                if para.lines and para.lines[0] <= line <= para.lines[-1] and (page := para.page_of(line)) is not None:
                    return page
        return None

    def table(self, type_: str) -> Table | None:
        for t in self.tables:
            if t.type == type_:
                return t
        return None

    @property
    def table_count(self) -> int:
        return len(self.tables) + (1 if self.performance is not None else 0)
