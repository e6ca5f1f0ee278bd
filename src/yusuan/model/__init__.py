"""The typed, immutable model of one disclosure."""

from .core import (
    Cell,
    Column,
    Disclosure,
    Indicator,
    Location,
    Meta,
    PageDefect,
    Paragraph,
    PerformanceTable,
    Row,
    Section,
    Table,
    TargetRow,
)
from .money import Amount, parse_amount

__all__ = [
    "Amount",
    "Cell",
    "Column",
    "Disclosure",
    "Indicator",
    "Location",
    "Meta",
    "PageDefect",
    "Paragraph",
    "PerformanceTable",
    "Row",
    "Section",
    "Table",
    "TargetRow",
    "parse_amount",
]
