"""PDF reader: PDF bytes → :class:`~yusuan.ingest.layout.Layout` (the text format, a page per line).

Works from the characters and their boxes (pdfium through pypdfium2), never from rendered
images. A chain of stages, one module each (in the manner of pdfplumber), all taking their
thresholds from one :class:`~.settings.PdfSettings` (:data:`~.settings.SETTINGS`):

1. :mod:`.chars` — pdfium access: characters with their boxes, turned into reading
   orientation (``/Rotate`` and text drawn sideways on an upright page are both handled from
   the dominant character angle); text clipped away is left out, text printed cut noted;
2. :mod:`.rulings` — ruling lines: horizontal and vertical strokes and thin filled rectangles
   of the path objects (forms included), merged where they touch; every connected set of
   ruling lines with at least two lines each way is a ruled table;
3. :mod:`.grid` — a ruled table's cell grid is the set of distinct line positions, two
   neighbouring grid cells are one printed cell where no line separates them (spanning
   headers), and a printed cell's text goes into its top-left leaf cell (the others stay ""),
   so that all rows of a table have the same number of cells;
4. :mod:`.lines` — the characters outside the tables become text lines;
   :mod:`.unruled` — column-aligned lines without ruling (two or more runs separated by wide
   gaps on several consecutive lines, with amounts) become unruled tables, their columns found
   from x-positions shared by the rows;
5. :mod:`.assemble` — page numbers and running headers/footers are dropped, narrative
   paragraphs are rebuilt across lines and pages; pages printed blank and text printed cut
   become page defects.

:mod:`.page` runs stages 1–4 on one page; :func:`read_pdf` runs the pages and stage 5.
A blank line is written where a page broke (tables continued on the next page repeat their
header after it, which the recognizer expects).
"""

from __future__ import annotations

from ...errors import PdfCorrupt, PdfNoPages, PdfNoText, PdfTooManyPages
from ..budget import Budget
from ..layout import Layout
from ..pdfguard import check_inflation
from .assemble import pages_to_defects, pages_to_lines
from .chars import _Char, open_pdf
from .grid import _Grid, _rows_above_grids
from .lines import _Line
from .page import read_page
from .patterns import _FIGURE
from .settings import SETTINGS, PdfSettings

__all__ = ["read_pdf", "MAX_PAGES", "PdfSettings", "SETTINGS"]

#: pages a document may have (:attr:`PdfSettings.max_pages` of the settings the reader uses)
MAX_PAGES = SETTINGS.max_pages

# the reader's internals that tests build pages from
__all__ += ["_Char", "_FIGURE", "_Grid", "_Line", "_rows_above_grids"]


def read_pdf(data: bytes, source: str = "<pdf>", settings: PdfSettings = SETTINGS) -> Layout:
    """PDF bytes → :class:`Layout`. A decompression bomb is refused before pdfium opens the
    file (:mod:`..pdfguard`); the cells of the page grids are charged to one budget."""
    check_inflation(data, source)
    budget = Budget(source)
    doc = open_pdf(data, source)
    try:
        n = len(doc)
        if n == 0:
            raise PdfNoPages(f"{source} 没有任何页面。", f"{source} has no pages.")
        if n > settings.max_pages:
            raise PdfTooManyPages(
                f"{source} 有 {n} 页，超过上限 {settings.max_pages} 页；请只提供预决算公开文件本身。",
                f"{source} has {n} pages, more than the limit of {settings.max_pages}; please provide the disclosure itself only.",
            )
        pages = []
        for i in range(n):
            try:
                pages.append(read_page(doc, i, settings))
                budget.cells(sum(len(row) + 1 for g in pages[-1].grids for row in g.rows))
                budget.chars(sum(len(ln.chars) for ln in pages[-1].lines))
            except Exception as err:  # pdfium refuses a damaged page
                if err.__class__.__name__ != "PdfiumError":
                    raise
                raise PdfCorrupt(
                    f"{source} 第 {i + 1} 页已损坏，无法读取。",
                    f"page {i + 1} of {source} is damaged and cannot be read.",
                ) from None
    finally:
        doc.close()
    text_pages = [p for p in pages if p.n_chars >= 10]
    if not text_pages:
        if any(p.n_images for p in pages):
            raise PdfNoText(
                f"此 PDF 是扫描件，没有文字层，需要先做 OCR（文字识别）：{source}",
                f"this PDF is a scan without a text layer; OCR is needed first: {source}",
            )
        raise PdfNoText(f"{source} 中没有可提取的文字。", f"{source} contains no extractable text.")
    notes = tuple(
        f"第 {p.number} 页只有图片、没有文字层（扫描页？），内容未读取 / page {p.number} has images but no text layer (scanned?); not read"
        for p in pages
        if p.n_chars < 10 and p.n_images
    )
    notes += tuple(
        f"第 {p.number} 页表格的首行印在表格线之上（续页缺少上边框线），已按表格的列读入该行 / "
        f"page {p.number}: a table row printed over its grid's top line (a continued page without it) was read into the table's columns"
        for p in pages
        if p.rows_above
    )
    if b"%%EOF" not in data[-2048:]:
        notes += (
            "PDF 文件末尾缺少 %%EOF 标记，文件可能被截断；已读取能读取的部分 / the PDF lacks its %%EOF marker and may be cut off; what could be read was read",
        )
    lines, page_nos = pages_to_lines(pages)
    return Layout(tuple(lines), tuple(page_nos), "pdf", source, notes, pages_to_defects(pages, source))
