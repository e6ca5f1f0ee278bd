"""Where a finding is on the printed page of a PDF: the page image with its box, and the
annotated PDF that reviewers print.

The reader keeps, for every cell and sentence, the *page* it was printed on but not its box
on the page (the text format has no coordinates). The box is found again here, by looking
on that page for what the finding names: the row's label (and the printed value on that
row, under its column heading) for a cell, the printed words near their sentence for the
narrative. ``exact`` says whether the printed value itself was found; otherwise the box is
the row's label (or nothing is drawn and the page says so). Nothing here reads a figure.

pdfium is not thread-safe: every call into it (here and in the reader) holds :data:`PDFIUM`.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..report.finding import CellRef, Finding, TextRef
from .service import PDFIUM, Checked

__all__ = ["PDFIUM", "Box", "finding_boxes", "page_png", "annotated_pdf", "page_count"]


@dataclass(frozen=True, slots=True)
class Box:
    finding: int  # index in the report's findings
    file: int
    page: int  # 1-based
    x0: float  # PDF user space
    y0: float
    x1: float
    y1: float
    exact: bool  # the printed value or words themselves; False: the row's label only
    fx0: float = 0.0  # the same box as fractions of the page image (x right, y down)
    fy0: float = 0.0
    fx1: float = 0.0
    fy1: float = 0.0


@dataclass
class _Page:
    text: str  # characters, whitespace kept
    boxes: list[tuple[float, float, float, float]]  # per character (left, bottom, right, top)
    view: tuple[float, float, float, float]  # crop box
    rotation: int


def _open(data: bytes) -> Any:
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(data)


def _read_page(pdf: Any, index: int) -> _Page:
    import pypdfium2.raw as raw

    page = pdf[index]
    tp = page.get_textpage()
    chars: list[str] = []
    boxes: list[tuple[float, float, float, float]] = []
    for i in range(tp.count_chars()):
        u = raw.FPDFText_GetUnicode(tp.raw, i)
        chars.append(chr(u) if 0 < u < 0x110000 and not 0xD800 <= u < 0xE000 else " ")
        boxes.append(tuple(tp.get_charbox(i)))  # pdf is Any: pypdfium2's own types never reach here
    return _Page("".join(chars), boxes, tuple(page.get_cropbox()), page.get_rotation())


def _nfkc(c: str) -> str:
    """A character as printed, compared by compatibility form (（ and (, ％ and %); one character stays one."""
    n = unicodedata.normalize("NFKC", c)
    return n if len(n) == 1 else c


def _nospace(p: _Page) -> tuple[str, list[int]]:
    idx = [i for i, c in enumerate(p.text) if not c.isspace()]
    return "".join(_nfkc(p.text[i]) for i in idx), idx


def _union(boxes: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _find(p: _Page, needle: str) -> list[tuple[float, float, float, float]]:
    """Every place where ``needle`` (spaces ignored) is printed on the page."""
    needle = "".join(_nfkc(c) for c in needle if not c.isspace())
    if not needle:
        return []
    s, idx = _nospace(p)
    out: list[tuple[float, float, float, float]] = []
    start = s.find(needle)
    while start >= 0 and len(out) < 50:
        out.append(_one_line([p.boxes[idx[k]] for k in range(start, start + len(needle))]))
        start = s.find(needle, start + 1)
    return out


def _one_line(boxes: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    """Words that wrap onto the next line: the box of the line that holds most of them."""
    groups: list[list[tuple[float, float, float, float]]] = []
    for b in boxes:
        if groups and _same_row(groups[-1][-1], b):
            groups[-1].append(b)
        else:
            groups.append([b])
    return _union(max(groups, key=len))


_TOKEN = re.compile(r"\S+")


def _numbers(p: _Page, value: str) -> list[tuple[float, float, float, float]]:
    """Every printed token equal to ``value`` (commas and a trailing % ignored)."""
    want = value.replace(",", "").strip()
    if not want:
        return []
    out: list[tuple[float, float, float, float]] = []
    for m in _TOKEN.finditer(p.text):
        if m.group().replace(",", "") == want:
            out.append(_union(p.boxes[m.start() : m.end()]))
    return out


def _ymid(b: tuple[float, float, float, float]) -> float:
    return (b[1] + b[3]) / 2


def _same_row(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    h = max(a[3] - a[1], b[3] - b[1], 4.0)
    return abs(_ymid(a) - _ymid(b)) <= h * 0.6


def _cell_box(p: _Page, c: CellRef) -> tuple[tuple[float, float, float, float], bool] | None:
    label = re.sub(r"^[\d\s]+", "", c.row).strip() or c.row.strip()
    rows = _find(p, label) if label else []
    value = c.value.strip()
    if not c.row and not value:  # the table as a whole: its title
        hits = _find(p, c.table_title) if c.table_title else []
        return (hits[0], True) if hits else None
    if value and not rows and not c.column:  # a note or title: the words themselves
        hits = _find(p, value[:24])
        return (hits[0], True) if hits else None
    cands = _numbers(p, value) if value else []
    if rows and cands:
        on_row = [b for b in cands if any(_same_row(b, r) for r in rows)]
        if on_row:
            head = c.column.split("/")[-1].strip()
            heads = _find(p, head) if head else []
            if len(on_row) > 1 and heads:
                top = max(_ymid(b) for b in on_row)
                above = [h for h in heads if _ymid(h) > top] or heads
                on_row.sort(key=lambda b: min(abs((b[0] + b[2]) / 2 - (h[0] + h[2]) / 2) for h in above))
            return on_row[0], True
    if cands and len(cands) == 1:
        return cands[0], True
    if rows and c.column and not value.strip("-—–0.,"):  # a blank (or zero) cell: under its column's heading, on the row
        head = c.column.split("/")[-1].strip()
        row = rows[0]
        heads = [h for h in (_find(p, head) if head else []) if _ymid(h) > _ymid(row) and h[0] > row[2]]
        if heads:
            h = min(heads, key=lambda h: _ymid(h) - _ymid(row))
            return (h[0], row[1], h[2], row[3]), True
    if rows:
        return rows[0], False
    return None


def _text_box(p: _Page, t: TextRef) -> tuple[tuple[float, float, float, float], bool] | None:
    hits = _find(p, t.text)
    if not hits:
        return None
    if len(hits) > 1 and t.sentence:
        start = _find(p, t.sentence[:12])
        if start:
            s = start[0]
            # reading order: below the sentence start or on its line to the right
            after = [h for h in hits if _ymid(h) < _ymid(s) - 1 or (_same_row(h, s) and h[0] >= s[0])]
            if after:
                after.sort(key=lambda h: (_ymid(s) - _ymid(h), h[0]))
                return after[0], True
    return hits[0], True


def _fractions(p: _Page, b: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A box in user space → fractions of the page as displayed (rotation applied, y down)."""
    x0, y0, x1, y1 = p.view
    w, h = x1 - x0, y1 - y0
    r = p.rotation % 360

    def tr(x: float, y: float) -> tuple[float, float]:
        if r == 90:
            return (y - y0) / h, (x - x0) / w
        if r == 180:
            return (x1 - x) / w, (y - y0) / h
        if r == 270:
            return (y1 - y) / h, (x1 - x) / w
        return (x - x0) / w, (y1 - y) / h

    a, b2 = tr(b[0], b[1]), tr(b[2], b[3])
    return min(a[0], b2[0]), min(a[1], b2[1]), max(a[0], b2[0]), max(a[1], b2[1])


def _file_of(c: Checked, line: int | None) -> int:
    parts = c.report.disclosure.meta.parts
    if not parts or line is None:
        return 0
    first = 1
    for i, (_, count) in enumerate(parts):
        if line < first + count:
            return i
        first += count
    return len(parts) - 1


def finding_boxes(c: Checked) -> list[Box]:
    """The boxes of every finding on the PDF pages of the document (computed once per document)."""
    if "boxes" in c.views:
        return list(c.views["boxes"])
    out: list[Box] = []
    with PDFIUM:
        pdfs: dict[int, Any] = {}
        pages: dict[tuple[int, int], _Page | None] = {}

        def page(fi: int, no: int) -> _Page | None:
            if (fi, no) not in pages:
                if fi not in pdfs:
                    pdfs[fi] = _open(c.files[fi].data)
                pdf = pdfs[fi]
                pages[(fi, no)] = _read_page(pdf, no - 1) if 1 <= no <= len(pdf) else None
            return pages[(fi, no)]

        for i, f in enumerate(c.report.findings):
            out.extend(_boxes_of(c, i, f, page))
        for pdf in pdfs.values():
            pdf.close()
    c.views["boxes"] = tuple(out)
    return out


def _boxes_of(c: Checked, i: int, f: Finding, page: Any) -> list[Box]:
    out: list[Box] = []
    refs: list[CellRef | TextRef] = [*f.text, *f.cells]
    places = [(x, x.page, x.line) for x in refs]
    for place, no, line in places:
        fi = _file_of(c, line)
        if no is None or fi >= len(c.kinds) or c.kinds[fi] != "pdf":
            continue
        # a paragraph or a table that runs over a page break is placed on the page where it starts:
        # look there first, then on the next page
        for at in (no, no + 1):
            p = page(fi, at)
            if p is None:
                continue
            found = _text_box(p, place) if isinstance(place, TextRef) else _cell_box(p, place)
            if found is not None:
                b, exact = found
                out.append(Box(i, fi, at, *b, exact, *_fractions(p, b)))
                break
    return out


def page_count(data: bytes) -> int:
    with PDFIUM:
        pdf = _open(data)
        try:
            return len(pdf)
        finally:
            pdf.close()


def page_png(data: bytes, no: int, width: int = 1200) -> bytes | None:
    """Page ``no`` (1-based) as a PNG about ``width`` pixels wide; None if there is no such page."""
    with PDFIUM:
        pdf = _open(data)
        try:
            if not 1 <= no <= len(pdf):
                return None
            pg = pdf[no - 1]
            w, h = (pg.get_width(), pg.get_height()) if pg.get_rotation() % 180 == 0 else (pg.get_height(), pg.get_width())
            # about ``width`` pixels wide, never more than 4× nor taller than 3 × width (a huge page stays small)
            img = pg.render(scale=max(0.01, min(4.0, width / max(w, 1.0), 3 * width / max(h, 1.0)))).to_pil()
        finally:
            pdf.close()
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


_COLOURS = {"error": (0.78, 0.16, 0.16), "warning": (0.85, 0.5, 0.0), "info": (0.33, 0.43, 0.48)}


def annotated_pdf(c: Checked, file_index: int) -> bytes:
    """The original PDF with, for every finding located on it, a box drawn round the place and
    a note (the finding's code and message, Chinese and English) that prints with the page.
    Findings placed on a page but not found on it get a note at the page's top left."""
    import pikepdf

    boxes = [b for b in finding_boxes(c) if b.file == file_index]
    findings = c.report.findings
    located = {b.finding for b in boxes}
    pending: list[tuple[int, int]] = []  # (finding, page) with no box: a note at the top of its first page
    for i, f in enumerate(findings):
        refs: list[CellRef | TextRef] = [*f.text, *f.cells]
        pages = [r.page for r in refs if r.page is not None and _file_of(c, r.line) == file_index]
        if pages and i not in located:
            pending.append((i, pages[0]))
    if file_index == 0:
        pending.extend(
            (i, 1) for i, f in enumerate(findings) if not any(t.page for t in f.text) and not any(c.page for c in f.cells)
        )
    pdf = pikepdf.open(io.BytesIO(c.files[file_index].data))
    drawn: set[tuple[int, int]] = set()
    items = [(b.finding, b.page, (b.x0, b.y0, b.x1, b.y1), b.exact) for b in boxes] + [(i, no, None, False) for i, no in pending]
    stacked: dict[int, int] = {}
    for i, no, rect, exact in items:
        if not 1 <= no <= len(pdf.pages) or (i, no, rect) in drawn:  # type: ignore[comparison-overlap]
            continue
        drawn.add((i, no, rect))  # type: ignore[arg-type]
        f = findings[i]
        page = pdf.pages[no - 1]
        colour = _COLOURS.get("info" if f.possible_rounding and f.severity != "error" else f.severity, _COLOURS["info"])
        note = f"[{i + 1}] {f.rule} ({f.severity})\n{f.message}\n{f.message_en}"
        if not exact and rect is not None:
            note += "\n（框出的是该行的行名，未能在页面上找到该数值 / the box marks the row's label: the value was not found on the page）"
        if rect is None:
            mb = [float(v) for v in page.mediabox]
            k = stacked.get(no, 0)
            stacked[no] = k + 1
            rect = (
                mb[0] + 8 + 22 * (k % 20),
                mb[3] - 30 - 22 * (k // 20),
                mb[0] + 26 + 22 * (k % 20),
                mb[3] - 12 - 22 * (k // 20),
            )
            subtype = "/Text"
        else:
            subtype = "/Square"
        x0, y0, x1, y1 = rect[0] - 2, rect[1] - 2, rect[2] + 2, rect[3] + 2
        w, h = x1 - x0, y1 - y0
        r, g, b = colour
        if subtype == "/Square":
            ap = f"q {r:.3f} {g:.3f} {b:.3f} RG 1.5 w 0.75 0.75 {w - 1.5:.2f} {h - 1.5:.2f} re S Q".encode()
        else:
            ap = f"q {r:.3f} {g:.3f} {b:.3f} rg 0 0 {w:.2f} {h:.2f} re f Q".encode()
        appearance = pikepdf.Stream(pdf, ap)
        appearance["/Type"] = pikepdf.Name.XObject
        appearance["/Subtype"] = pikepdf.Name.Form
        appearance["/BBox"] = pikepdf.Array([0, 0, w, h])
        annot = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name(subtype),
            Rect=pikepdf.Array([x0, y0, x1, y1]),
            Contents=pikepdf.String(note),
            T=pikepdf.String("yusuan"),
            NM=pikepdf.String(f"yusuan-{i + 1}-{no}"),
            C=pikepdf.Array([r, g, b]),
            F=4,  # print
            Border=pikepdf.Array([0, 0, 1.5]),
            AP=pikepdf.Dictionary(N=appearance),
        )
        if "/Annots" not in page.obj:
            page.obj["/Annots"] = pikepdf.Array()
        page.obj["/Annots"].append(pdf.make_indirect(annot))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()
