"""The printed pages: what a reader sees on the page that the text layer does not say.

    LAYOUT-BLANK-PAGE  warning   a page with nothing on it between pages with content (info: a blank
                                 first or last page, or a page that holds ruling and no text)
    LAYOUT-CLIPPED     warning   characters of which only a part is printed: their glyphs cross the
                                 edge of the box the text is clipped to (a table cell too low for its
                                 last line, a text frame that ends at the foot of the page)

Both come from the PDF reader (:class:`~yusuan.model.core.PageDefect`): it sees the characters,
their clip boxes and the ruling of every page. Text input has no pages and no such defects.
A character counts as cut when between 5 % and 80 % of its glyph lies inside its clip box (less
is not seen at all; text drawn in the invisible mode of an OCR layer is not counted).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath

from ..findings import Finding
from ..model.core import Disclosure, PageDefect

__all__ = ["page_defects"]

_SHOWN = 40  # characters of a cut line (and of the text before it) quoted in a finding


def _where(d: Disclosure, p: PageDefect) -> tuple[str, str]:
    """「第 N 页」, with the file when the document was read from several files."""
    if len(d.meta.parts) > 1 and p.source:
        name = PurePath(p.source).name
        return f"{name} 第 {p.page} 页", f"{name} page {p.page}"
    return f"第 {p.page} 页", f"page {p.page}"


def _quote(text: str, head: bool) -> str:
    if len(text) <= _SHOWN:
        return text
    return text[:_SHOWN] + "…" if head else "…" + text[-_SHOWN:]


def page_defects(d: Disclosure) -> Iterator[Finding]:
    """LAYOUT-BLANK-PAGE and LAYOUT-CLIPPED from the pages the reader saw."""
    for p in d.page_defects:
        zh, en = _where(d, p)
        if p.kind == "blank":
            if p.position == "inner":
                yield Finding(
                    "LAYOUT-BLANK-PAGE",
                    "warning",
                    f"{zh}是空白页（前后各页都有内容）：多余的空白页应删除。",
                    f"{en} is blank, between pages with content: delete the extra page.",
                )
            else:
                yield Finding(
                    "LAYOUT-BLANK-PAGE",
                    "info",
                    f"{zh}是空白页（在文件的开头或末尾）。",
                    f"{en} is blank (at the start or end of the file).",
                )
        elif p.kind == "ruling":
            yield Finding(
                "LAYOUT-BLANK-PAGE",
                "info",
                f"{zh}没有文字，只有表格线（表格的空行印到了单独一页？）。",
                f"{en} has no text, only ruling (empty table rows printed on a page of their own?).",
            )
        elif p.kind == "cut":
            before, _, cut = p.text.partition("\u2016")
            where = f"“{_quote(before, head=False)}”之后的" if before else ""
            where_en = f" after “{_quote(before, head=False)}”" if before else ""
            yield Finding(
                "LAYOUT-CLIPPED",
                "warning",
                f"{zh}{where}“{_quote(cut, head=True)}”只印出了一部分（文字超出单元格或文本框的边界被裁切）：读者看不全这些字。",
                f"{en}: “{_quote(cut, head=True)}”{where_en} is printed only in part (the text runs past the edge "
                "of its cell or text frame and is cut off); readers cannot see these characters whole.",
            )
