"""DOCX reader: paragraphs and tables in body order → :class:`~.layout.Layout`.

Headings (styles ``Heading N`` / ``Title``) become Markdown ``#`` lines; each table row
becomes a grid line. A cell merged across columns (``gridSpan``) or rows (``vMerge``)
keeps its text in the first cell of the span and ``""`` in the others, so every row of a
table has the same width. Explicit page breaks give the page numbers and a blank line.

Safety: the file is checked by :func:`.safezip.check_zip` first (zip bomb, DTD). python-docx
parses with lxml and ``resolve_entities=False``; no DTD reaches it anyway.
"""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

from ..errors import InputError
from .budget import Budget
from .cells import Lines, cell_text, grid_line, small_int
from .layout import Layout
from .safezip import check_zip

__all__ = ["read_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


def read_docx(data: bytes, source: str) -> Layout:
    check_zip(data, source, "DOCX")
    import docx  # python-docx; imported here so that other formats do not pay for it

    try:
        document = docx.Document(BytesIO(data))
    except Exception as err:  # python-docx raises many kinds for a damaged package
        raise InputError(f"{source} 不是有效的 DOCX 文件，无法打开。", f"{source} is not a valid DOCX file: {err}") from None
    styles = _style_levels(document)
    try:
        numbering = _Numbering(document)
    except (AttributeError, KeyError, TypeError, ValueError):  # a damaged numbering part: read without numbers
        numbering = _Numbering(None)
    out = Lines(Budget(source))
    body = document.element.body
    rendered = next(body.iter(_W + "lastRenderedPageBreak"), None) is not None
    out.page = 1 if rendered else None
    _body(body, styles, numbering, out)
    while out.lines and out.lines[-1] == "":
        out.lines.pop()
        out.pages.pop()
    return Layout(tuple(out.lines), tuple(out.pages), "docx", source)


def _style_levels(document: Any) -> dict[str, int]:
    """style id → heading level, by the style's name (``Heading 2``, ``Title``)."""
    levels: dict[str, int] = {}
    for style in document.styles:
        name = (getattr(style, "name", "") or "").strip()
        sid = getattr(style, "style_id", None)
        if not sid:
            continue
        m = _HEADING.match(name)
        if m:
            levels[sid] = int(m.group(1))
        elif name.lower() == "title":
            levels[sid] = 1
    return levels


def _body(element: Any, styles: dict[str, int], numbering: _Numbering, out: Lines) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if tag == _W + "p":
            _paragraph(child, styles, numbering, out)
        elif tag == _W + "tbl":
            _table(child, out)
        elif tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent")
            _body(content if content is not None else child, styles, numbering, out)


_CN_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = (
            ""
            if rest == 0
            else ("零" + _CN_DIGITS[rest] if rest < 10 else ("一" + _chinese(rest) if rest < 20 else _chinese(rest)))
        )
        return _CN_DIGITS[n // 100] + "百" + tail
    return str(n)


def _format_number(n: int, fmt: str) -> str:
    if fmt.startswith(("chineseCounting", "chineseLegal", "ideographDigital", "taiwaneseCounting", "japaneseCounting")):
        return _chinese(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if (fmt == "lowerRoman" or fmt == "upperRoman") and 0 < n < 4000:
        vals = (
            (1000, "m"),
            (900, "cm"),
            (500, "d"),
            (400, "cd"),
            (100, "c"),
            (90, "xc"),
            (50, "l"),
            (40, "xl"),
            (10, "x"),
            (9, "ix"),
            (5, "v"),
            (4, "iv"),
            (1, "i"),
        )
        out, k = "", n
        for v, r in vals:
            while k >= v:
                out, k = out + r, k - v
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class _Numbering:
    """Word's automatic numbering (numbering.xml): the "一、" or "（二）" that Word prints
    before a numbered paragraph is not in its text, so it is computed here."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId → ilvl → (start, fmt, lvlText)
        self.counters: dict[str, dict[int, int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        if document is None:
            return
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
            for a in root.iterchildren(_W + "abstractNum"):
                lv: dict[int, tuple[int, str, str]] = {}
                for lvl in a.iterchildren(_W + "lvl"):
                    ilvl = _int_attr(lvl, "ilvl")
                    start = lvl.find(_W + "start")
                    fmt = lvl.find(_W + "numFmt")
                    text = lvl.find(_W + "lvlText")
                    lv[ilvl] = (
                        _int(start, 1),
                        (fmt.get(_W + "val") if fmt is not None else "decimal") or "decimal",
                        (text.get(_W + "val") if text is not None else "") or "",
                    )
                abstract[a.get(_W + "abstractNumId") or ""] = lv
            for num in root.iterchildren(_W + "num"):
                ref = num.find(_W + "abstractNumId")
                if ref is not None:
                    self.levels[num.get(_W + "numId") or ""] = abstract.get(ref.get(_W + "val") or "", {})
        for style in document.styles:
            el = getattr(style, "element", None)
            ppr = el.find(_W + "pPr") if el is not None else None
            numpr = ppr.find(_W + "numPr") if ppr is not None else None
            if numpr is not None and numpr.find(_W + "numId") is not None:
                ilvl = numpr.find(_W + "ilvl")
                self.style_num[style.style_id] = (numpr.find(_W + "numId").get(_W + "val") or "", _int(ilvl, 0))

    def label(self, ppr: Any) -> str:
        """The number Word prints before this paragraph ("" if it is not numbered)."""
        if ppr is None:
            return ""
        num_id, ilvl = "", 0
        style = ppr.find(_W + "pStyle")
        if style is not None and style.get(_W + "val") in self.style_num:
            num_id, ilvl = self.style_num[style.get(_W + "val")]
        numpr = ppr.find(_W + "numPr")
        if numpr is not None:
            n, lv = numpr.find(_W + "numId"), numpr.find(_W + "ilvl")
            if n is not None:
                num_id = n.get(_W + "val") or ""
            if lv is not None:
                ilvl = _int(lv, 0)
        levels = self.levels.get(num_id)
        if not levels or num_id == "0" or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        start = levels[ilvl][0]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = levels[ilvl][2]
        for k in range(ilvl + 1):
            if k in levels:
                value = counters.get(k, levels[k][0])
                text = text.replace(f"%{k + 1}", _format_number(value, levels[k][1]))
        return text if levels[ilvl][1] != "bullet" else ""


def _int_attr(el: Any, name: str) -> int:
    return small_int(el.get(_W + name))


def _paragraph(p: Any, styles: dict[str, int], numbering: _Numbering, out: Lines) -> None:
    ppr = p.find(_W + "pPr")
    level = 0
    if ppr is not None:
        if ppr.find(_W + "pageBreakBefore") is not None:
            out.blank()
        style = ppr.find(_W + "pStyle")
        if style is not None:
            level = styles.get(style.get(_W + "val", ""), 0)
        outline = ppr.find(_W + "outlineLvl")
        if not level and outline is not None and small_int(outline.get(_W + "val"), -1) >= 0:
            level = min(small_int(outline.get(_W + "val")) + 1, 6)
    prefix = [numbering.label(ppr)]
    buf: list[str] = []

    def flush() -> None:
        text = "".join(buf)
        buf.clear()
        if not text.strip():
            return
        text = prefix.pop() + text if prefix else text
        if level:
            out.add("#" * level + " " + " ".join(text.split()))
        else:
            out.text(text)

    later = 0  # rendered page breaks inside the paragraph's text: the paragraph keeps its first page
    for node in p.iter(_W + "t", _W + "tab", _W + "br", _W + "cr", _W + "lastRenderedPageBreak"):
        if node.tag == _W + "t":
            buf.append(node.text or "")
        elif node.tag == _W + "tab":
            buf.append(" ")
        elif node.tag == _W + "lastRenderedPageBreak":
            if "".join(buf).strip():
                later += 1
            elif out.page is not None:
                out.page += 1
        elif node.tag == _W + "br" and node.get(_W + "type") == "page":
            flush()
            out.blank()
        else:
            buf.append("\n")
    flush()
    if out.page is not None:
        out.page += later
    if ppr is not None:
        sect = ppr.find(_W + "sectPr")
        if sect is not None:
            kind = sect.find(_W + "type")
            if kind is None or kind.get(_W + "val") in (None, "nextPage", "oddPage", "evenPage"):
                out.blank()


def _cell_plain(tc: Any) -> str:
    parts: list[str] = []
    for p in tc.iter(_W + "p"):
        parts.append("".join(t.text or "" for t in p.iter(_W + "t")))
    return cell_text("\n".join(parts))


def _int(el: Any, default: int = 0) -> int:
    if el is None:
        return default
    return small_int(el.get(_W + "val"), default)


def _table(tbl: Any, out: Lines) -> None:
    rows: list[list[str]] = []
    for tr in tbl.iterchildren(_W + "tr"):
        cells: list[str] = []
        trpr = tr.find(_W + "trPr")
        if trpr is not None:
            before = min(_int(trpr.find(_W + "gridBefore")), 1000)
            out.budget.cells(before)  # charged before it is built: a small file cannot make a huge grid
            cells.extend([""] * before)
        for tc in _row_cells(tr):
            tcpr = tc.find(_W + "tcPr")
            span, continued = 1, False
            if tcpr is not None:
                span = max(1, min(_int(tcpr.find(_W + "gridSpan"), 1), 1000))
                vm = tcpr.find(_W + "vMerge")
                continued = vm is not None and vm.get(_W + "val") != "restart"
            out.budget.cells(span)
            cells.append("" if continued else _cell_plain(tc))
            cells.extend([""] * (span - 1))
        rows.append(cells)
    width = max((len(r) for r in rows), default=0)
    out.budget.cells(width * len(rows) - sum(len(r) for r in rows))  # the padding of short rows
    for r in rows:
        if any(c for c in r):
            out.add(grid_line(r + [""] * (width - len(r))))
    out.blank()


def _row_cells(tr: Any) -> list[Any]:
    cells: list[Any] = []
    for child in tr.iterchildren():
        if child.tag == _W + "tc":
            cells.append(child)
        elif child.tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent")
            cells.extend((content if content is not None else child).iterchildren(_W + "tc"))
    return cells
