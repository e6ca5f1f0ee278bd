"""Where a finding is, named as the reader of the upload can find it.

The shared HTML view names a finding's cells and sentences with the line of the reader's text
format (「表3 … · 合计（行 133）」): a number that nobody holding the PDF can find. On the web
page a place in a paged file (PDF) names its page (第N页), the file too when the document is two
files; a place in a text file names the line of that file; a DOCX, XLSX or HTML file has neither
pages nor lines a reader can count, so its places name the table, row and column (or the
section) only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..report.finding import CellRef, TextRef
from .service import Checked

__all__ = ["place_label", "relabel_places"]


def _where(c: Checked, ref: CellRef | TextRef, lang: str) -> str:
    meta = c.report.disclosure.meta
    _, file_line = meta.where(ref.line)
    fi = 0
    if meta.parts and ref.line is not None:
        first = 1
        for i, (_, count) in enumerate(meta.parts):
            fi = i
            if ref.line < first + count:
                break
            first += count
    kind = c.kinds[fi] if fi < len(c.kinds) else ""
    two = len(c.files) > 1
    if kind == "pdf":
        if ref.page is None:
            return ""
        if lang == "en":
            return f"file {fi + 1}, page {ref.page}" if two else f"page {ref.page}"
        return f"文件{fi + 1} 第{ref.page}页" if two else f"第{ref.page}页"
    if kind == "text" and file_line is not None:
        if lang == "en":
            return f"file {fi + 1}, line {file_line}" if two else f"line {file_line}"
        return f"文件{fi + 1} 第{file_line}行" if two else f"第{file_line}行"
    return ""


def place_label(c: Checked, ref: CellRef | TextRef, lang: str = "zh") -> str:
    """A place of a finding: the cell (表N, row, column) or the words and their section, and
    where it is printed (see the module's text)."""
    if isinstance(ref, CellRef):
        label = f"表{ref.table_no} {ref.row}" + (f" · {ref.column}" if ref.column else "")
    else:
        label = f"「{ref.text}」 {ref.section}"
    where = _where(c, ref, lang)
    if where:
        label += f" ({where})" if lang == "en" else f"（{where}）"
    return label


def relabel_places(c: Checked, views: Sequence[Any], lang: str = "zh") -> None:
    """Rename the places of the view's findings (``view["findings"]``, in the report's order;
    each lists its cells, then its sentences, as the finding does), keeping their anchors."""
    for f, fv in zip(c.report.findings, views, strict=True):
        refs: list[CellRef | TextRef] = [*f.cells, *f.text]
        if len(refs) != len(fv.places):  # not the view this module knows: leave it as it is
            continue
        fv.places = [(place_label(c, ref, lang), anchor) for ref, (_, anchor) in zip(refs, fv.places, strict=True)]
