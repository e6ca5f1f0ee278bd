"""Layout: any input format → the text format, with the page each line came from.

Every reader (PDF, DOCX, XLSX, HTML, text) turns its bytes into a :class:`Layout`: the
document as lines of the text format (narrative paragraphs one per line, each table as
its title line, ``单位名称：…`` / ``单位：万元`` lines, tab-separated grid rows with empty
cells kept in their columns, a blank line where a page broke, ``注：…`` notes) and, for
each line, the 1-based page number where it was printed. A paragraph that a page break
cut goes on in a line of the next page that starts with :data:`CONTINUED` (an invisible
word joiner), so that each part keeps its page and the narrative reader joins them. Recognising tables and their
types happens after this, once, for all formats.

This module holds the data types only; it imports no reader (every reader imports it). The
dispatch from bytes to a reader (:func:`~yusuan.ingest.formats.sniff`,
:data:`~yusuan.ingest.formats.READERS`, :func:`~yusuan.ingest.formats.layout_from_bytes`)
is :mod:`yusuan.ingest.formats`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.core import PageDefect

__all__ = ["CONTINUED", "Layout", "concat_layouts"]

#: Starts a line that goes on with the paragraph of the line before it (over a page break).
CONTINUED = "\u2060"


@dataclass(frozen=True, slots=True)
class Layout:
    """A document in the text format, with a page number per line (``None`` if unknown)."""

    lines: tuple[str, ...]
    pages: tuple[int | None, ...]
    format: str
    source: str
    notes: tuple[str, ...] = ()  # what the reader repaired or guessed, for ``reader_notes``
    defects: tuple[PageDefect, ...] = ()  # what the printed pages show that the lines do not (PDF)

    def __post_init__(self) -> None:
        if len(self.lines) != len(self.pages):
            raise ValueError("Layout.lines and Layout.pages differ in length")

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def page_of(self, line: int | None) -> int | None:
        """Page of a 1-based line number."""
        if line is None or not 1 <= line <= len(self.pages):
            return None
        return self.pages[line - 1]


def concat_layouts(layouts: tuple[Layout, ...]) -> Layout:
    """Several files of one document (a narrative and its tables) as one layout, in the order
    given; each line keeps its own file's page. ``Meta.parts`` maps lines back to the files."""
    if len(layouts) == 1:
        return layouts[0]
    lines: list[str] = []
    pages: list[int | None] = []
    notes: list[str] = []
    defects: list[PageDefect] = []
    for lay in layouts:
        lines.extend(lay.lines)
        pages.extend(lay.pages)
        notes.extend(f"{lay.source}: {n}" for n in lay.notes)
        defects.extend(lay.defects)
    fmt = "+".join(dict.fromkeys(lay.format for lay in layouts))
    return Layout(tuple(lines), tuple(pages), fmt, " + ".join(lay.source for lay in layouts), tuple(notes), tuple(defects))
