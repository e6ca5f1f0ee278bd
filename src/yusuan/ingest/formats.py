"""Formats: bytes of any supported format → :class:`~yusuan.ingest.layout.Layout`.

Readers register here in :data:`READERS` by format name; :func:`sniff` picks the format from
the bytes (never from the file name) and :func:`layout_from_bytes` hands the bytes to its
reader. The readers import :mod:`.layout` (the data types) and nothing here, so that no
import goes round in a loop.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping
from io import BytesIO
from types import MappingProxyType

from ..errors import EmptyInput, UnsupportedFormat
from .docx import read_docx
from .html import read_html
from .layout import Layout
from .pdf import read_pdf
from .text import decode
from .xlsx import read_xlsx

__all__ = ["READERS", "sniff", "layout_from_bytes"]


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


def _registry() -> Mapping[str, Callable[[bytes, str], Layout]]:
    readers: dict[str, Callable[[bytes, str], Layout]] = {
        "text": _text_layout,
        "pdf": read_pdf,
        "docx": read_docx,
        "xlsx": read_xlsx,
        "html": read_html,
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
