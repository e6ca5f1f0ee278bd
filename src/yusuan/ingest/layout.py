"""Layout: any input format → the text format, with the page each line came from.

Every reader (PDF, DOCX, XLSX, HTML, text) turns its bytes into a :class:`Layout`: the
document as lines of the text format (narrative paragraphs one per line, each table as
its title line, ``单位名称：…`` / ``单位：万元`` lines, tab-separated grid rows with empty
cells kept in their columns, a blank line where a page broke, ``注：…`` notes) and, for
each line, the 1-based page number where it was printed. A paragraph that a page break
cut goes on in a line of the next page that starts with :data:`CONTINUED` (an invisible
word joiner), so that each part keeps its page and the narrative reader joins them. Recognising tables and their
types happens after this, once, for all formats.

Readers register themselves in :data:`READERS` by format name; :func:`sniff` picks the
format from the bytes (never from the file name).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from io import BytesIO
from types import MappingProxyType

from ..errors import EmptyInput, UnsupportedFormat
from ..model.core import PageDefect

__all__ = ["CONTINUED", "Layout", "READERS", "sniff", "layout_from_bytes", "concat_layouts"]

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


def sniff(data: bytes) -> str:
    """The format of ``data``: pdf, docx, xlsx, xls, doc, html or text."""
    head = data[:2048].lstrip()
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    low = head[:512].lower()
    if low.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark
        low = low[3:].lstrip()
    if low.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta")) or (
        low.startswith(b"<?xml") and b"<html" in low
    ):
        return "html"
    if b"<table" in data[:65536].lower() and b"</" in low:
        return "html"
    return "text"


def _text_layout(data: bytes, source: str) -> Layout:
    from .text import decode

    text = decode(data, source)
    lines = tuple(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return Layout(lines, (None,) * len(lines), "text", source)


def _not_yet(name: str) -> Callable[[bytes, str], Layout]:
    def reader(data: bytes, source: str) -> Layout:
        raise UnsupportedFormat(
            f"{source} 是 {name} 文件；此版本尚不能读取该格式。",
            f"{source} is a {name} file; this version cannot read that format yet.",
        )

    return reader


def _other_zip(data: bytes, source: str) -> Layout:
    raise UnsupportedFormat(
        f"{source} 是 ZIP 压缩包，但不是 DOCX 或 XLSX 文件（或者文件已损坏）。请解压后分别检查其中的文件。",
        f"{source} is a ZIP archive but not a DOCX or XLSX file (or it is damaged); unpack it and check its files one by one.",
    )


def _pdf_layout(data: bytes, source: str) -> Layout:
    from .pdf import read_pdf

    return read_pdf(data, source)
def _docx(data: bytes, source: str) -> Layout:
    from .docx import read_docx

    return read_docx(data, source)


def _xlsx(data: bytes, source: str) -> Layout:
    from .xlsx import read_xlsx

    return read_xlsx(data, source)


def _html(data: bytes, source: str) -> Layout:
    from .html import read_html

    return read_html(data, source)


def _registry() -> Mapping[str, Callable[[bytes, str], Layout]]:
    readers: dict[str, Callable[[bytes, str], Layout]] = {
        "text": _text_layout,
        "pdf": _pdf_layout,
        "docx": _docx,
        "xlsx": _xlsx,
        "html": _html,
        "ole": _not_yet("DOC/XLS (OLE)"),
        "zip": _other_zip,
    }
    return MappingProxyType(readers)


READERS = _registry()


def layout_from_bytes(data: bytes, source: str = "<bytes>") -> Layout:
    """Bytes of any supported format → :class:`Layout`."""
    if not data.strip():
        raise EmptyInput(f"文件为空：{source}", f"the file is empty: {source}")
    return READERS[sniff(data)](data, source)


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
