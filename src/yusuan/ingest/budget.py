"""One budget of table cells, rows and characters per document, shared by every reader.

A small file can describe a huge table: an XLSX merged range or a DOCX ``gridSpan`` of
1,000 columns, an HTML ``rowspan``, a PDF page whose ruling lines cross 300 × 300 times and
that 500 pages repeat. Each reader charges what it is about to build to one
:class:`Budget` *before* building it, so memory and time stay proportional to the limits
below, whatever the file claims; past a limit the document is refused with
:class:`TooLarge` (exit 2), never half read. The limits are far above any disclosure (the
largest in the corpus has a few thousand table rows); ``docs/limits.md`` lists them all.
"""

from __future__ import annotations

from ..errors import TooLarge

__all__ = ["Budget", "MAX_CELLS", "MAX_CHARS", "MAX_ROWS", "too_large"]

MAX_CELLS = 1_000_000  # table cells of one document, spanned and merged cells counted in full
MAX_ROWS = 20_000  # table rows of one document (a disclosure has hundreds, a few thousand at most)
MAX_CHARS = 30_000_000  # characters of text a reader may make of one document


def too_large(source: str, what_zh: str, what_en: str, limit: int) -> TooLarge:
    return TooLarge(
        f"{source} 过大，拒绝读取：{what_zh}超过上限 {limit:,}（预决算公开文件远小于此；见 docs/limits.md）。",
        f"{source} is too large and was refused: {what_en} over the limit of {limit:,} "
        "(a disclosure is far smaller; see docs/limits.md).",
    )


class Budget:
    """Running counts for one document; :meth:`cells` and :meth:`chars` raise past the limits."""

    __slots__ = ("source", "n_cells", "n_chars")

    def __init__(self, source: str) -> None:
        self.source = source
        self.n_cells = 0
        self.n_chars = 0

    def cells(self, n: int) -> None:
        self.n_cells += n
        if self.n_cells > MAX_CELLS:
            raise too_large(
                self.source,
                "表格单元格数（合并、跨列单元格按所占格数计）",
                "table cells (merged and spanned cells counted in full)",
                MAX_CELLS,
            )

    def chars(self, n: int) -> None:
        self.n_chars += n
        if self.n_chars > MAX_CHARS:
            raise too_large(self.source, "文字字符数", "characters of text", MAX_CHARS)
