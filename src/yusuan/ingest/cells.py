"""Helpers shared by the DOCX, XLSX and HTML readers: cell text and grid lines."""

from __future__ import annotations

import re

from .budget import Budget

__all__ = ["cell_text", "grid_line", "Lines", "small_int"]

_WS = re.compile(r"[ \t\u3000\xa0]+")


def cell_text(text: str) -> str:
    """A table cell's text on one line: line breaks inside a cell are dropped (Chinese
    labels wrap without spaces), tabs and runs of spaces become one space."""
    text = text.replace("\r", "\n")
    parts = [p.strip() for p in text.split("\n")]
    return _WS.sub(" ", "".join(p for p in parts if p)).strip()


def grid_line(cells: list[str]) -> str:
    """A grid row of the text format: cells joined by tabs, empty cells kept in place.
    A row of one cell gets a trailing tab so that it still reads as a grid row."""
    if len(cells) == 1:
        return cells[0] + "\t"
    return "\t".join(cells)


def small_int(text: str | None, default: int = 0) -> int:
    """An attribute value as a small whole number (ASCII digits, at most 9 of them); anything
    else (``²``, 5,000 digits, ``-1``) is ``default``, never an exception."""
    val = (text or "").strip()
    return int(val) if val.isascii() and val.isdigit() and len(val) <= 9 else default


class Lines:
    """Collects text-format lines with the page each came from; the characters are charged
    to the document's :class:`~.budget.Budget`."""

    def __init__(self, budget: Budget | None = None) -> None:
        self.lines: list[str] = []
        self.pages: list[int | None] = []
        self.page: int | None = None
        self.budget = budget or Budget("<document>")

    def add(self, line: str) -> None:
        self.budget.chars(len(line) + 1)
        self.lines.append(line)
        self.pages.append(self.page)

    def text(self, text: str) -> None:
        """Narrative text: one line per line of ``text``; tabs become spaces so that a
        paragraph is never taken for a grid row."""
        for part in text.replace("\r", "\n").split("\n"):
            s = part.replace("\t", " ").strip()
            if s:
                self.add(s)

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.add("")

    def page_break(self) -> None:
        self.blank()
        if self.page is not None:
            self.page += 1
