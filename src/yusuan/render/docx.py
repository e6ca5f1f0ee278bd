"""DOCX writer: the narrative in a portrait section, the tables in a landscape one.

Headings use Word's Heading styles (so the navigation pane lists them); every table
starts on a new page under its title (Heading 2), with the ``单位名称`` / ``单位`` lines,
header cells merged as printed, header rows marked to repeat on every page
(``w:tblHeader``) and rows kept whole. CJK text is set in 宋体/黑体 through ``w:eastAsia``
(Latin text in Times New Roman), the convention of Chinese government documents.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from .document import Document, HeaderCell, Heading, Para, TableBlock

__all__ = ["to_docx"]

SONG, HEI, LATIN = "宋体", "黑体", "Times New Roman"


def _fonts(style_or_run: Any, east_asia: str, latin: str = LATIN) -> None:
    from docx.oxml.ns import qn

    style_or_run.font.name = latin
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _set_cell(cell: Any, text: str, style_id: str, bold: bool = False, align: Any = None) -> None:
    p = cell.paragraphs[0]
    p._p.get_or_add_pPr().style = style_id  # by id: python-docx's lookup by name is slow per cell
    if align is not None:
        p.alignment = align
    run = p.add_run(text)
    if bold:
        run.bold = True


def _grid_col(tc: Any, tr: Any) -> int:
    col = 0
    for other in tr.tc_lst:
        if other is tc:
            return col
        col += other.grid_span
    return col


def _merge_header(rows: Any, t: TableBlock) -> None:
    """Spans written directly (gridSpan, vMerge): python-docx's cell.merge is slow and
    re-measures the whole table at every call."""
    owner: dict[tuple[int, int], HeaderCell] = {}
    for cell in t.header:
        for r in range(cell.row, cell.row + cell.rowspan):
            owner[(r, cell.col)] = cell
    for r in range(t.header_rows):
        tr = rows[r]._tr
        tcs = list(tr.tc_lst)
        slots: list[tuple[int, str | None]] = []  # (grid span, vMerge)
        c = 0
        while c < t.width:
            h = owner.get((r, c))
            if h is None:
                slots.append((1, None))
                c += 1
                continue
            merge = None if h.rowspan == 1 else ("restart" if r == h.row else "continue")
            slots.append((h.colspan, merge))
            c += h.colspan
        for tc, (span, merge) in zip(tcs, slots, strict=False):
            if span > 1:
                tc.grid_span = span
            if merge is not None:
                tc.vMerge = merge
        for tc in tcs[len(slots) :]:
            tr.remove(tc)


def to_docx(doc: Document) -> bytes:
    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt
    from docx.table import _Cell

    d = docx.Document()
    styles = d.styles
    _fonts(styles["Normal"], SONG)
    styles["Normal"].font.size = Pt(11)
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
        _fonts(styles[name], HEI)
        styles[name].font.color.rgb = None
    styles["Heading 1"].font.size = Pt(16)
    styles["Heading 2"].font.size = Pt(13)
    styles["Heading 3"].font.size = Pt(12)
    from docx.enum.style import WD_STYLE_TYPE

    for name, pt in (("TableText", 8.5), ("TableTextSmall", 7)):
        st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = styles["Normal"]
        st.font.size = Pt(pt)
        st.paragraph_format.space_before = st.paragraph_format.space_after = 0
        st.paragraph_format.line_spacing = 1.0
    d.core_properties.title = doc.title
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.2)
    first = True
    for b in doc.blocks:
        if isinstance(b, Heading):
            h = d.add_heading(b.text, level=b.level)
            if first:
                h.alignment = WD_ALIGN_PARAGRAPH.CENTER
            first = False
        elif isinstance(b, Para):
            p = d.add_paragraph(b.text)
            p.paragraph_format.first_line_indent = Pt(22)
    tables = [b for b in doc.blocks if isinstance(b, TableBlock)]
    if tables:
        sec = d.add_section(WD_SECTION.NEW_PAGE)
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21)
        sec.left_margin = sec.right_margin = Cm(1.2)
        sec.top_margin = sec.bottom_margin = Cm(1.5)
    for n, t in enumerate(tables):
        title = d.add_heading(t.title, level=2)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if n:
            title.paragraph_format.page_break_before = True
        if t.unit_name:
            d.add_paragraph(f"单位名称：{t.unit_name}")
        d.add_paragraph(f"单位：{t.unit}")
        size = styles["TableTextSmall" if t.width > 10 else "TableText"].style_id
        table = d.add_table(rows=t.header_rows + len(t.body), cols=t.width)
        table.style = "Table Grid"
        rows = table.rows
        for i in range(t.header_rows):
            trpr = rows[i]._tr.get_or_add_trPr()
            el = OxmlElement("w:tblHeader")
            el.set(qn("w:val"), "true")
            trpr.append(el)
        for row in rows:
            trpr = row._tr.get_or_add_trPr()
            el = OxmlElement("w:cantSplit")
            el.set(qn("w:val"), "true")
            trpr.append(el)
        _merge_header(rows, t)
        for r in range(t.header_rows):
            starts = {h.col: h for h in t.header if h.row == r}
            for tc in rows[r]._tr.tc_lst:
                col = _grid_col(tc, rows[r]._tr)
                h = starts.get(col)
                if h is not None:
                    cell = _Cell(tc, table)
                    _set_cell(cell, h.text, size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
                    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        grid = [row.cells if i >= t.header_rows else [] for i, row in enumerate(rows)]
        for i, (cells, nums) in enumerate(zip(t.body, t.numeric, strict=True)):
            row_cells = grid[t.header_rows + i]
            for j, (text, num) in enumerate(zip(cells, nums, strict=True)):
                if text:
                    _set_cell(row_cells[j], text, size, align=WD_ALIGN_PARAGRAPH.RIGHT if num else None)
        for note in t.notes:
            p = d.add_paragraph(note)
            p.runs[0].font.size = Pt(8.5)
    buf = BytesIO()
    d.save(buf)
    return buf.getvalue()
