"""HTML reader: headings, paragraphs and tables in document order → :class:`~.layout.Layout`.

Parsed with the standard library's :mod:`html.parser`: it is forgiving with the broken
markup of government sites, streams, never fetches anything and never expands external
entities, and it costs no dependency (lxml would be faster, but speed does not matter at
the size of a disclosure and it brings a C library with its own entity settings).

``<h1>``–``<h6>`` become Markdown ``#`` lines; ``<p>``, ``<div>``, ``<li>`` … lines of
text (``<br>`` breaks a line); each ``<table>`` its grid, with ``rowspan``/``colspan``
expanded (text in the first cell of a span, ``""`` in the others; spans capped as the
HTML standard caps them). ``page-break-before``/``break-before: page`` gives a blank
line. The charset comes from a BOM, else ``<meta charset>`` / ``http-equiv``, else UTF-8
if it decodes, else GB18030 (a superset of the GB2312/GBK that many pages declare).
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from ..errors import NotText
from .budget import Budget
from .cells import Lines, cell_text, grid_line
from .layout import Layout

__all__ = ["read_html", "decode_html"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "gb18030", "windows-936"}
_BLOCKS = {
    "p",
    "div",
    "li",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "address",
    "center",
    "ul",
    "ol",
    "dl",
    "body",
    "main",
    "nav",
    "aside",
    "figure",
    "figcaption",
    "form",
    "hr",
}
_SKIP = {"script", "style", "head", "template", "noscript", "title", "svg", "object", "iframe"}
_BREAK = re.compile(r"(?:page-break-before|break-before)\s*:\s*(?:always|page)", re.IGNORECASE)
MAX_COLSPAN, MAX_ROWSPAN = 1000, 65534


def decode_html(data: bytes, source: str) -> str:
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    m = _META_CHARSET.search(data[:8192])
    if m:
        name = m.group(1).decode("ascii", "ignore").lower()
        enc = "gb18030" if name in _GB else name
        try:
            codecs.lookup(enc)
        except LookupError:
            enc = ""
        if enc:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                pass  # a wrong declaration is common: fall through to guessing
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise NotText(f"{source} 的字符编码无法识别。", f"the character encoding of {source} cannot be recognised.")


class _Table:
    def __init__(self) -> None:
        self.rows: list[list[tuple[str, int, int]]] = []  # (text, rowspan, colspan)
        self.cell: list[str] | None = None
        self.span = (1, 1)
        self.caption: list[str] | None = None
        self.captions: list[str] = []


class _Parser(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.out = Lines(Budget(source))
        self.buf: list[str] = []
        self.heading = 0
        self.skip = 0
        self.tables: list[_Table] = []
        self.nested = 0  # depth of tables inside a cell: their text joins the cell

    # ---------------------------------------------------------------- text flow
    def _flush(self) -> None:
        text = "".join(self.buf)
        self.buf.clear()
        for part in text.split("\n"):
            s = " ".join(part.split())
            if not s:
                continue
            if self.heading:
                self.out.add("#" * self.heading + " " + s)
            else:
                self.out.text(s)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        style = dict(attrs).get("style") or ""
        t = self.tables[-1] if self.tables else None
        if self.nested or (tag == "table" and t is not None and t.cell is not None):
            if tag == "table":
                self.nested += 1  # a nested table: its text joins the outer cell
            elif tag in ("td", "th", "br") and t is not None and t.cell is not None:
                t.cell.append(" " if tag != "br" else "\n")
            return
        if tag == "table":
            self._flush()
            if _BREAK.search(style):
                self.out.page_break()
            self.tables.append(_Table())
        elif t is not None and tag == "tr" and t.cell is None:
            t.rows.append([])
        elif t is not None and tag in ("td", "th") and t.cell is None:
            if not t.rows:
                t.rows.append([])
            a = dict(attrs)
            t.cell = []
            t.span = (_span(a.get("rowspan"), MAX_ROWSPAN), _span(a.get("colspan"), MAX_COLSPAN))
        elif t is not None and tag == "caption":
            t.caption = []
        elif tag == "br":
            self._target().append("\n")
        elif t is not None and (t.cell is not None or t.caption is not None):
            if tag in _BLOCKS:
                self._target().append("\n")
        elif re.fullmatch(r"h[1-6]", tag):
            self._flush()
            if _BREAK.search(style):
                self.out.page_break()
            self.heading = int(tag[1])
        elif tag in _BLOCKS:
            self._flush()
            if _BREAK.search(style):
                self.out.page_break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self.skip:
            self._target().append("\n")
        elif tag not in ("br",):
            self.handle_starttag(tag, attrs)
            if tag not in ("img", "hr", "meta", "link", "input"):
                self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        t = self.tables[-1] if self.tables else None
        if self.nested:
            if tag == "table":
                self.nested -= 1
            elif tag == "tr" and t is not None and t.cell is not None:
                t.cell.append("\n")
            return
        if t is not None and tag in ("td", "th") and t.cell is not None:
            self._end_cell(t)
        elif t is not None and tag == "caption" and t.caption is not None:
            t.captions.append(cell_text("".join(t.caption)))
            t.caption = None
        elif t is not None and tag == "table" and t.cell is None:
            self.tables.pop()
            self._emit(t)
        elif t is None and re.fullmatch(r"h[1-6]", tag):
            self._flush()
            self.heading = 0
        elif t is None and tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._target().append(data)

    def _target(self) -> list[str]:
        t = self.tables[-1] if self.tables else None
        if t is not None:
            if t.cell is not None:
                return t.cell
            if t.caption is not None:
                return t.caption
            return []  # text between cells is not part of the grid
        return self.buf

    # ---------------------------------------------------------------- tables
    def _end_cell(self, t: _Table) -> None:
        assert t.cell is not None
        text = cell_text("\n".join(" ".join(p.split()) for p in "".join(t.cell).split("\n")))
        t.rows[-1].append((text, *t.span))
        t.cell = None
        self.out.budget.cells(t.span[1])

    def _emit(self, t: _Table) -> None:
        for c in t.captions:
            if c:
                self.out.add(c)
        grid: dict[tuple[int, int], str] = {}
        width = 0
        for r, row in enumerate(t.rows):
            col = 0
            for text, rowspan, colspan in row:
                while (r, col) in grid:
                    col += 1
                rowspan = min(rowspan, len(t.rows) - r) if rowspan else len(t.rows) - r
                self.out.budget.cells(rowspan * colspan - colspan)  # the first row of the span was charged with the cell
                for dr in range(rowspan):
                    for dc in range(colspan):
                        grid[(r + dr, col + dc)] = text if dr == 0 and dc == 0 else ""
                col += colspan
                width = max(width, col)
        self.out.budget.cells(max(0, len(t.rows) * width - len(grid)))  # the padding of short rows
        for r in range(len(t.rows)):
            cells = [grid.get((r, c), "") for c in range(width)]
            if any(cells):
                self.out.add(grid_line(cells))
        self.out.blank()

    def close(self) -> None:
        super().close()
        while self.tables:  # an unclosed table at the end of the file
            t = self.tables.pop()
            if t.cell is not None:
                self._end_cell(t)
            self._emit(t)
        self._flush()


def _span(value: str | None, cap: int) -> int:
    """rowspan/colspan as HTML reads them: digits, at least 1 (rowspan 0 = to the end), capped."""
    m = re.match(r"\s*([0-9]+)", value or "")
    if not m:
        return 1
    n = int(m.group(1).lstrip("0")[:9] or "0")  # 5,000 digits: more than any cap, and int() would refuse them
    if n == 0:
        return 0 if cap == MAX_ROWSPAN else 1
    return min(n, cap)


_UNCLOSED = re.compile(r"<(?=[^<>]*(?:<|\Z))")


def read_html(data: bytes, source: str) -> Layout:
    text = decode_html(data, source)
    # A "<" that no ">" closes before the next "<" is text. html.parser would rescan the
    # rest of the file for each one (quadratic: a few MB of "<a " hang it), so escape them.
    text = _UNCLOSED.sub("&lt;", text)
    parser = _Parser(source)
    parser.feed(text)
    parser.close()
    out = parser.out
    while out.lines and out.lines[-1] == "":
        out.lines.pop()
        out.pages.pop()
    return Layout(tuple(out.lines), tuple(out.pages), "html", source)
