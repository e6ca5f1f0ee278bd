"""PDF reader: PDF bytes → :class:`~yusuan.ingest.layout.Layout` (the text format, a page per line).

Works from the characters and their boxes (pdfium through pypdfium2), never from rendered
images. Per page:

1. characters with their boxes, turned into reading orientation (``/Rotate`` and text drawn
   sideways on an upright page are both handled from the dominant character angle);
2. ruling lines: horizontal and vertical strokes and thin filled rectangles of the path
   objects (forms included), merged where they touch;
3. every connected set of ruling lines with at least two lines each way is a ruled table:
   its cell grid is the set of distinct line positions, two neighbouring grid cells are one
   printed cell where no line separates them (spanning headers), and a printed cell's text
   goes into its top-left leaf cell (the others stay ""), so that all rows of a table have
   the same number of cells;
4. the characters outside the tables become text lines; column-aligned lines without
   ruling (two or more runs separated by wide gaps on several consecutive lines, with
   amounts) become unruled tables, their columns found from x-positions shared by the rows;
5. page numbers and running headers/footers are dropped, narrative paragraphs are rebuilt
   across lines and pages.

A blank line is written where a page broke (tables continued on the next page repeat their
header after it, which the recognizer expects).
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from ..errors import PdfCorrupt, PdfEncrypted, PdfNoPages, PdfNoText, PdfTooManyPages
from ..model.core import PageDefect
from .layout import CONTINUED, Layout

__all__ = ["read_pdf", "MAX_PAGES"]

MAX_PAGES = 500
_MAX_SEGMENTS = 20000  # ruling segments per page beyond which a page is read as text only
_MAX_PAIRS = 1_000_000  # horizontal × vertical ruling lines per page beyond which no grid is built
_MAX_CELLS = 100_000  # leaf cells of one ruled grid beyond which it is not read as a table
_TOL = 2.0  # points: ruling lines closer than this are one line


# ---------------------------------------------------------------- page content


@dataclass(slots=True)
class _Char:
    t: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def h(self) -> float:
        return self.bottom - self.top


@dataclass(slots=True)
class _Line:
    """Characters on one visual line (outside ruled tables)."""

    chars: list[_Char]
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    size: float = 0.0
    runs: list[str] = field(default_factory=list)
    run_x: list[tuple[float, float]] = field(default_factory=list)

    def finish(self) -> _Line:
        self.chars.sort(key=lambda c: c.x0)
        self.top = min(c.top for c in self.chars)
        self.bottom = max(c.bottom for c in self.chars)
        self.x0 = self.chars[0].x0
        self.x1 = max(c.x1 for c in self.chars)
        # the size of a line is that of its CJK characters where it has some: the latin font of
        # digits may come with a much taller box (and would make 6.2万元 look like a heading)
        cjk = [c.h for c in self.chars if _CJK.match(c.t)]
        sizes = sorted(cjk or [c.h for c in self.chars])
        self.size = max(sizes[len(sizes) // 2], 1.0)
        self.runs, self.run_x = [], []
        start = 0
        for i in range(1, len(self.chars) + 1):
            if i == len(self.chars) or self.chars[i].x0 - self.chars[i - 1].x1 > max(2.0 * self.size, 12.0):
                run = self.chars[start:i]
                self.runs.append(_join_chars(run, cjk_space=True))
                self.run_x.append((run[0].x0, max(c.x1 for c in run)))
                start = i
        return self

    @property
    def text(self) -> str:
        return " ".join(self.runs)


@dataclass(slots=True)
class _Grid:
    top: float
    bottom: float
    x0: float
    x1: float
    rows: list[list[str]]
    xs: list[float] = field(default_factory=list)  # column boundaries of a ruled grid


@dataclass(slots=True)
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line]
    grids: list[_Grid]
    n_chars: int
    n_images: int
    rows_above: int = 0  # table rows found over their grid and put back (see _rows_above_grids)
    n_rules: int = 0  # ruling segments drawn on the page
    drawn: int = 0  # 1 if any path is drawn visibly (ruling, a chart, a seal)
    cut: list[tuple[str, str]] = field(default_factory=list)  # (text before, characters printed cut), a line each


_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def _join_chars(chars: list[_Char], cjk_space: bool = False) -> str:
    """Characters of one line → text; a space where a gap separates non-CJK text, and (``cjk_space``,
    for narrative lines) where a wide gap separates CJK words. Letter-spaced cell text (合  计) is joined."""
    out: list[str] = []
    prev: _Char | None = None
    for c in chars:
        if prev is not None and prev.t in ".:;," and _CJK.match(c.t) and c.x0 - prev.x1 > 0.15 * (c.bottom - c.top):
            out.append(" ")  # the space after a latin full stop before Chinese text (注：1. 报表)
        elif prev is not None and c.x0 - prev.x1 > 0.2 * (c.bottom - c.top):
            gap = c.x0 - prev.x1
            size = max(c.h, prev.h, 1.0)
            latin = not _CJK.match(prev.t) and not _CJK.match(c.t)
            if latin and gap > (0.2 if prev.t.isalnum() and c.t.isalnum() else 0.5) * size and (prev.t.isalnum() or c.t.isalnum()):
                out.append(" ")
            elif cjk_space and gap > 0.8 * size:  # a visible space between CJK words (第一部分 部门概况)
                out.append(" ")
        out.append(c.t)
        prev = c
    return "".join(out)


def _norm_char(u: int) -> str:
    ch = chr(u)
    if 0x2E80 <= u <= 0x2FDF:  # CJK radicals / Kangxi radicals used by some fonts for ordinary characters
        return unicodedata.normalize("NFKC", ch)
    return ch


# ---------------------------------------------------------------- pdfium access


class _Transform:
    """PDF user space → reading orientation (x right, y down from the top)."""

    def __init__(self, box: tuple[float, float, float, float], rot: int) -> None:
        self.bx0, self.by0, self.bx1, self.by1 = box
        self.rot = rot % 360
        w, h = self.bx1 - self.bx0, self.by1 - self.by0
        self.width, self.height = (h, w) if self.rot in (90, 270) else (w, h)

    def __call__(self, x: float, y: float) -> tuple[float, float]:
        r = self.rot
        if r == 0:
            return x - self.bx0, self.by1 - y
        if r == 90:
            return y - self.by0, x - self.bx0
        if r == 180:
            return self.bx1 - x, y - self.by0
        return self.by1 - y, self.bx1 - x


def _open(data: bytes, source: str):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        code = getattr(err, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise PdfEncrypted(
                f"{source} 有密码保护（已加密），无法读取。请提供未加密的文件。",
                f"{source} is password-protected (encrypted) and cannot be read; please provide an unencrypted file.",
            ) from None
        if code == raw.FPDF_ERR_SECURITY:
            raise PdfEncrypted(
                f"{source} 使用了不支持的加密方式，无法读取。",
                f"{source} uses an unsupported encryption scheme and cannot be read.",
            ) from None
        if re.search(rb"/Count\s+0\b", data) and not re.search(rb"/Type\s*/Page(?!s)", data):
            raise PdfNoPages(f"{source} 没有任何页面。", f"{source} has no pages.") from None
        raise PdfCorrupt(
            f"{source} 不是有效的 PDF 文件（文件损坏或不完整），无法读取。",
            f"{source} is not a valid PDF (the file is damaged or incomplete) and cannot be read.",
        ) from None


#: a character is printed cut when less of its glyph than this shows inside the box it is clipped
#: to, and printed at all when more than _SHOWN_MIN does (a sliver is not seen)
_SHOWN_MAX = 0.8
_SHOWN_MIN = 0.05


def _chars(textpage, raw, cut: list[tuple[int, str, float, float, float, float, str]] | None = None) -> list[tuple[str, float, float, float, float, float]]:  # type: ignore[no-untyped-def]
    """(char, left, bottom, right, top, angle) in PDF space, generated characters and spaces left out.
    ``cut`` collects (index, char, left, bottom, right, top, text before) of the characters of
    which only a part is printed: their glyph crosses the edge of the box their text is clipped
    to (a cell too low for its last line, a text frame ending at the foot of the page); the
    text before is what was printed whole just before them, to show where they are."""
    out: list[tuple[str, float, float, float, float, float]] = []
    n = raw.FPDFText_CountChars(textpage)
    rect = raw.FS_RECTF()
    get_u, get_box, get_angle = raw.FPDFText_GetUnicode, raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharAngle
    # the text object of a character as a plain address (a cache key without a cast per character)
    get_obj = _OBJ_ADDRESS(ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value or 0)
    tp_address = ctypes.cast(textpage, ctypes.c_void_p)
    rect_ref = ctypes.byref(rect)
    clips: dict[int | None, tuple[float, float, float, float] | None] = {}
    visible_objs: dict[int, bool] = {}
    rect_clips: dict[int, bool] = {}
    codes: list[int] | None = None
    if n > 0:  # all the text in one call; per character only where that does not map 1:1 (surrogates)
        buf = (ctypes.c_ushort * (n + 1))()
        got = raw.FPDFText_GetText(textpage, 0, n, buf)
        if got == n + 1 and not any(0xD800 <= v <= 0xDFFF for v in buf[:n]):
            codes = list(buf[:n])
    for i in range(n):
        u = codes[i] if codes is not None else get_u(textpage, i)
        # pdfium's generated characters are spaces and line breaks, left out here with the printed ones
        if u <= 32 or u in (0xA0, 0x3000, 0xFFFE, 0xFFFF) or not get_box(textpage, i, rect_ref):
            continue
        key = get_obj(tp_address, i)
        if key not in clips:
            clips[key] = _clip_box(ctypes.cast(key, raw.FPDF_PAGEOBJECT), raw) if key else None
        box = clips[key]
        if box is not None:
            if cut is not None and not (
                box[0] <= rect.left and rect.right <= box[2] and box[1] <= rect.bottom and rect.top <= box[3]
            ):
                shown = _shown(textpage, i, box, raw)
                if (
                    shown is not None and _SHOWN_MIN <= shown[0] < _SHOWN_MAX
                    and _visible_text(key, raw, visible_objs) and _rectangular_clip(key, raw, rect_clips)
                ):
                    cut.append((i, _norm_char(u), *shown[1], "".join(c[0] for c in out[-12:])))
            cx, cy = (rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2
            if not (box[0] - 1 <= cx <= box[2] + 1 and box[1] - 1 <= cy <= box[3] + 1):
                continue  # clipped away: not printed
        angle = get_angle(textpage, i) if len(out) < 400 else 0.0  # only a sample decides the orientation
        out.append((_norm_char(u), rect.left, rect.bottom, rect.right, rect.top, angle))
    return out


_OBJ_ADDRESS = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)


def _shown(textpage, i: int, box: tuple[float, float, float, float], raw) -> tuple[float, tuple[float, float, float, float]] | None:  # type: ignore[no-untyped-def]
    """The share of character ``i``'s glyph (its tight box, not the font's line box) inside
    ``box``, and the glyph's (left, bottom, right, top)."""
    l_, r_, b_, t_ = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    if not raw.FPDFText_GetCharBox(textpage, i, ctypes.byref(l_), ctypes.byref(r_), ctypes.byref(b_), ctypes.byref(t_)):
        return None
    left, right, bottom, top = l_.value, r_.value, b_.value, t_.value
    area = (right - left) * (top - bottom)
    if area <= 0.5:  # a dot or a glyph without a box: nothing to see cut
        return None
    w = max(0.0, min(right, box[2]) - max(left, box[0]))
    h = max(0.0, min(top, box[3]) - max(bottom, box[1]))
    return w * h / area, (left, bottom, right, top)


def _rectangular_clip(key: int | None, raw, seen: dict[int, bool]) -> bool:  # type: ignore[no-untyped-def]
    """Is the clip path of the object at ``key`` made of rectangles only (its box is then exact)?"""
    if not key:
        return False
    if key not in seen:
        clip = raw.FPDFPageObj_GetClipPath(ctypes.cast(key, raw.FPDF_PAGEOBJECT))
        n = raw.FPDFClipPath_CountPaths(clip) if clip else 0
        seen[key] = 0 < n <= 8 and all(
            raw.FPDFClipPath_CountPathSegments(clip, p) <= 5
            and all(
                raw.FPDFPathSegment_GetType(raw.FPDFClipPath_GetPathSegment(clip, p, s)) != raw.FPDF_SEGMENT_BEZIERTO
                for s in range(raw.FPDFClipPath_CountPathSegments(clip, p))
            )
            for p in range(n)
        )
    return seen[key]


def _visible_text(key: int | None, raw, seen: dict[int, bool]) -> bool:  # type: ignore[no-untyped-def]
    """Is the text object at address ``key`` drawn visibly (not the invisible text of an OCR layer)?"""
    if not key:
        return False
    if key not in seen:
        mode = raw.FPDFTextObj_GetTextRenderMode(ctypes.cast(key, raw.FPDF_PAGEOBJECT))
        seen[key] = mode != raw.FPDF_TEXTRENDERMODE_INVISIBLE
    return seen[key]


def _clip_box(obj, raw) -> tuple[float, float, float, float] | None:  # type: ignore[no-untyped-def]
    """The box a page object is clipped to (intersection of its clip paths' boxes), in page space."""
    clip = raw.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    fx, fy = ctypes.c_float(), ctypes.c_float()
    rx, ry = ctypes.byref(fx), ctypes.byref(fy)
    box = [-1e9, -1e9, 1e9, 1e9]
    get_seg, get_point = raw.FPDFClipPath_GetPathSegment, raw.FPDFPathSegment_GetPoint
    for p in range(min(raw.FPDFClipPath_CountPaths(clip), 8)):
        xs, ys = [], []
        # the box of a rectangle is given by its first four points; other clip shapes are rare
        for s in range(min(raw.FPDFClipPath_CountPathSegments(clip, p), 4)):
            seg = get_seg(clip, p, s)
            if seg and get_point(seg, rx, ry):
                xs.append(fx.value)
                ys.append(fy.value)
        if xs:
            box = [max(box[0], min(xs)), max(box[1], min(ys)), min(box[2], max(xs)), min(box[3], max(ys))]
    if box[0] > box[2] or box[1] > box[3] or box[0] == -1e9:
        return None
    return (box[0], box[1], box[2], box[3])


def _segments(page_raw, raw, tr: _Transform) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]], int, int]:  # type: ignore[no-untyped-def]
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) ruling segments in reading orientation, the image count,
    and 1 if any path is drawn visibly (0 for a page with nothing drawn)."""
    hs: list[tuple[float, float, float]] = []
    vs: list[tuple[float, float, float]] = []
    images = 0
    fmode, stroke = ctypes.c_int(), ctypes.c_int()
    r_, g_, b_, a_ = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    fx, fy = ctypes.c_float(), ctypes.c_float()
    bl, bb, br, bt = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    mat = raw.FS_MATRIX()
    budget = [_MAX_SEGMENTS]
    drawn = [0]

    def mul(m1: tuple[float, ...], m2: tuple[float, ...]) -> tuple[float, ...]:
        # apply m1 then m2 (PDF row-vector convention)
        a1, b1, c1, d1, e1, f1 = m1
        a2, b2, c2, d2, e2, f2 = m2
        return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2, e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)

    def add(p: tuple[float, float], q: tuple[float, float], width: float) -> None:
        (x0, y0), (x1, y1) = tr(*p), tr(*q)
        if abs(y1 - y0) <= max(1.0, width) and abs(x1 - x0) > 1.0:
            hs.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) <= max(1.0, width) and abs(y1 - y0) > 1.0:
            vs.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))

    def visible(getter, obj) -> bool:  # type: ignore[no-untyped-def]
        if not getter(obj, r_, g_, b_, a_):
            return True
        if a_.value == 0:
            return False
        return not (r_.value > 235 and g_.value > 235 and b_.value > 235)

    def walk(container, count: int, get, parent: tuple[float, ...], depth: int = 0) -> None:  # type: ignore[no-untyped-def]
        nonlocal images
        if depth > 12:  # forms nested deeper than any real document
            return
        for k in range(count):
            obj = get(container, k)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                images += 1
                continue
            if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
                continue
            raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(mat))
            m = mul((mat.a, mat.b, mat.c, mat.d, mat.e, mat.f), parent)
            if kind == raw.FPDF_PAGEOBJ_FORM:
                walk(obj, raw.FPDFFormObj_CountObjects(obj), raw.FPDFFormObj_GetObject, m, depth + 1)
                continue
            if budget[0] <= 0:
                continue
            raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fmode), ctypes.byref(stroke))
            if not drawn[0] and (
                (fmode.value and visible(raw.FPDFPageObj_GetFillColor, obj))
                or (stroke.value and visible(raw.FPDFPageObj_GetStrokeColor, obj))
            ):
                drawn[0] = 1  # something visible is drawn on the page (a chart, a seal, a shaded box)
            n = raw.FPDFPath_CountSegments(obj)
            if n <= 0 or n > 4000:
                continue
            if not stroke.value:
                # filled only: a thin filled rectangle is a ruling line, a wide one (cell shading) is not;
                # its box is enough (one call instead of one per point)
                if not fmode.value or not visible(raw.FPDFPageObj_GetFillColor, obj):
                    continue
                if not raw.FPDFPageObj_GetBounds(obj, ctypes.byref(bl), ctypes.byref(bb), ctypes.byref(br), ctypes.byref(bt)):
                    continue
                budget[0] -= 1
                q = parent  # the box already includes the object's own matrix
                corners = [(x * q[0] + y * q[2] + q[4], x * q[1] + y * q[3] + q[5]) for x, y in ((bl.value, bb.value), (br.value, bt.value))]
                corners = [tr(x, y) for x, y in corners]
                lx, hx = min(corners[0][0], corners[1][0]), max(corners[0][0], corners[1][0])
                ly, hy = min(corners[0][1], corners[1][1]), max(corners[0][1], corners[1][1])
                if hy - ly <= 3.0 and hx - lx > 3.0:
                    hs.append(((ly + hy) / 2, lx, hx))
                elif hx - lx <= 3.0 and hy - ly > 3.0:
                    vs.append(((lx + hx) / 2, ly, hy))
                continue
            pts: list[tuple[float, float, int, bool]] = []
            for s in range(n):
                seg = raw.FPDFPath_GetPathSegment(obj, s)
                raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(fx), ctypes.byref(fy))
                x, y = fx.value, fy.value
                pts.append((x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5], raw.FPDFPathSegment_GetType(seg), bool(raw.FPDFPathSegment_GetClose(seg))))
            budget[0] -= n
            width = ctypes.c_float()
            raw.FPDFPageObj_GetStrokeWidth(obj, ctypes.byref(width))
            if stroke.value and visible(raw.FPDFPageObj_GetStrokeColor, obj):
                start = prev = None
                for x, y, typ, close in pts:
                    if typ == raw.FPDF_SEGMENT_MOVETO:
                        start = prev = (x, y)
                        continue
                    if prev is not None and typ == raw.FPDF_SEGMENT_LINETO:
                        add(prev, (x, y), width.value)
                    prev = (x, y)
                    if close and start is not None:
                        add(prev, start, width.value)
                        prev = start

    walk(page_raw, raw.FPDFPage_CountObjects(page_raw), raw.FPDFPage_GetObject, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))
    return hs, vs, images, drawn[0]


# ---------------------------------------------------------------- ruled tables


def _merge(segs: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Collinear segments that touch or overlap → one segment."""
    segs = sorted(segs)
    out: list[list[float]] = []
    for pos, a, b in segs:
        for o in reversed(out[-8:]):
            if abs(o[0] - pos) <= _TOL and a <= o[2] + _TOL and b >= o[1] - _TOL:
                o[1], o[2] = min(o[1], a), max(o[2], b)
                break
        else:
            out.append([pos, a, b])
    return [(p, a, b) for p, a, b in out]


def _cluster(values: list[float]) -> list[float]:
    vals = sorted(values)
    groups: list[list[float]] = []
    for v in vals:
        if groups and v - groups[-1][-1] <= _TOL:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups]


class _UF:
    def __init__(self, n: int) -> None:
        self.p = list(range(n))

    def find(self, a: int) -> int:
        while self.p[a] != a:
            self.p[a] = self.p[self.p[a]]
            a = self.p[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if ra < rb:
                self.p[rb] = ra
            else:
                self.p[ra] = rb


def _tables(hs: list[tuple[float, float, float]], vs: list[tuple[float, float, float]]) -> list[tuple[list[float], list[float], list, list]]:  # type: ignore[type-arg]
    """Connected sets of ruling lines → (xs, ys, their horizontal segments, their vertical segments)."""
    hs, vs = _merge(hs), _merge(vs)
    if len(hs) * len(vs) > _MAX_PAIRS:  # a drawing, not a table: read the page as text (bounded time)
        return []
    n = len(hs) + len(vs)
    uf = _UF(n)
    for i, (y, x0, x1) in enumerate(hs):
        for j, (x, y0, y1) in enumerate(vs):
            if x0 - _TOL <= x <= x1 + _TOL and y0 - _TOL <= y <= y1 + _TOL:
                uf.union(i, len(hs) + j)
    groups: dict[int, tuple[list, list]] = {}  # type: ignore[type-arg]
    for i, h in enumerate(hs):
        groups.setdefault(uf.find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(uf.find(len(hs) + j), ([], []))[1].append(v)
    out = []
    for gh, gv in groups.values():
        if len(gh) < 2 or len(gv) < 2:
            continue
        xs = _cluster([v[0] for v in gv])
        ys = _cluster([h[0] for h in gh])
        if len(xs) < 2 or len(ys) < 2 or xs[-1] - xs[0] < 20 or ys[-1] - ys[0] < 8:
            continue
        out.append((xs, ys, gh, gv))
    out.sort(key=lambda t: t[1][0])
    return out


def _covers(spans: list[tuple[float, float]], a: float, b: float) -> bool:
    """Does one of the ruling lines ``spans`` (at one position) cover the middle half of [a, b]?"""
    lo, hi = a + (b - a) * 0.25, b - (b - a) * 0.25
    return any(s0 <= lo + _TOL and s1 >= hi - _TOL for s0, s1 in spans)


def _at(segs: list[tuple[float, float, float]], positions: list[float]) -> list[list[tuple[float, float]]]:
    """The ruling lines at each of ``positions`` (as spans)."""
    out: list[list[tuple[float, float]]] = [[] for _ in positions]
    for p, s0, s1 in segs:
        k = bisect_right(positions, p + _TOL) - 1
        for j in (k, k - 1):
            if 0 <= j < len(positions) and abs(positions[j] - p) <= _TOL:
                out[j].append((s0, s1))
    return out


_AMOUNT = re.compile(r"^[-−–]?[\d,，]+(?:\.\d+)?%?$|^[-−–]$")
_FIGURE = re.compile(r"^[-−–]?(?:\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+\.\d+)$")  # a printed amount: separators or decimals


def _cell_text(chars: list[_Char]) -> tuple[str, list[tuple[float, str]]]:
    """Characters of one printed cell → its text (wrapped lines joined) and its lines (y, text)."""
    if not chars:
        return "", []
    lines = _group_lines(chars)
    texts = [(ln.cy, _join_chars(sorted(ln.chars, key=lambda c: c.x0))) for ln in lines]
    out = ""
    for _, t in texts:
        if out and out[-1].isascii() and out[-1].isalpha() and t[:1].isascii() and t[:1].isalpha():
            out += " "
        out += t
    return out, texts


@dataclass(slots=True)
class _Band:
    chars: list[_Char]
    top: float
    bottom: float

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


def _group_lines(chars: list[_Char]) -> list[_Band]:
    """Characters → visual lines (by vertical overlap), top to bottom."""
    bands: list[_Band] = []
    b: _Band | None = None
    for c in sorted(chars, key=lambda c: c.top + c.bottom):
        if b is not None:
            top, bottom = c.top, c.bottom
            overlap = (bottom if bottom < b.bottom else b.bottom) - (top if top > b.top else b.top)
            h, bh = bottom - top, b.bottom - b.top
            if overlap >= 0.5 * (h if h < bh else bh) or abs(top + bottom - b.top - b.bottom) <= 0.5 * (h if h > 1.0 else 1.0):
                b.chars.append(c)
                if top < b.top:
                    b.top = top
                if bottom > b.bottom:
                    b.bottom = bottom
                continue
        b = _Band([c], c.top, c.bottom)
        bands.append(b)
    return bands


def _grid(xs: list[float], ys: list[float], gh: list, gv: list, chars: list[_Char]) -> list[list[str]]:  # type: ignore[type-arg]
    nr, nc = len(ys) - 1, len(xs) - 1
    if nr * nc > _MAX_CELLS:
        return []
    v_at, h_at = _at(gv, xs), _at(gh, ys)
    uf = _UF(nr * nc)
    for i in range(nr):
        for j in range(nc):
            if j + 1 < nc and not _covers(v_at[j + 1], ys[i], ys[i + 1]):
                uf.union(i * nc + j, i * nc + j + 1)
            if i + 1 < nr and not _covers(h_at[i + 1], xs[j], xs[j + 1]):
                uf.union(i * nc + j, (i + 1) * nc + j)
    members: dict[int, list[_Char]] = {}
    for c in chars:
        i = bisect_right(ys, c.cy) - 1
        j = bisect_right(xs, c.cx) - 1
        i, j = min(max(i, 0), nr - 1), min(max(j, 0), nc - 1)
        members.setdefault(uf.find(i * nc + j), []).append(c)
    rows: list[list[str]] = []
    for i in range(nr):
        anchored = [uf.find(i * nc + j) == i * nc + j for j in range(nc)]
        if not any(anchored):
            continue
        texts = [_cell_text(members.get(i * nc + j, []))[1] if anchored[j] else [] for j in range(nc)]
        rows.extend(_split_band(texts))
    return rows  # a printed row with no text stays (as printed); a band covered by taller cells does not


def _split_band(texts: list[list[tuple[float, str]]]) -> list[list[str]]:
    """One grid row band → printed rows. A band normally is one row (wrapped cell text is joined);
    where a column holds several amounts one under another, the rows had no ruling between them,
    and the band is cut at each text line."""
    stacked = any(len(t) > 1 and sum(1 for _, s in t if _AMOUNT.match(s)) > 1 for t in texts)
    if not stacked:
        return [["".join(s for _, s in t) for t in texts]]
    ys = _cluster_y([y for t in texts for y, _ in t])
    rows = [[""] * len(texts) for _ in ys]
    for j, t in enumerate(texts):
        for y, s in t:
            k = min(range(len(ys)), key=lambda k: abs(ys[k] - y))
            rows[k][j] += s
    return rows


def _cluster_y(values: list[float]) -> list[float]:
    vals = sorted(values)
    groups: list[list[float]] = []
    for v in vals:
        if groups and v - groups[-1][-1] <= 4.0:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups]


# ---------------------------------------------------------------- one page


def _read_page(doc, index: int) -> _Page:  # type: ignore[no-untyped-def]
    import pypdfium2.raw as raw

    page = doc[index]
    try:
        textpage = page.get_textpage()
        rawcut: list[tuple[int, str, float, float, float, float, str]] = []
        try:
            rawchars = _chars(textpage.raw, raw, rawcut)
        finally:
            textpage.close()
        angles = Counter(round(a * 180 / 3.141592653589793 / 90) % 4 for *_, a in rawchars[:400])  # sample
        rot = (360 - angles.most_common(1)[0][0] * 90) % 360 if angles else page.get_rotation()
        tr = _Transform(tuple(page.get_bbox()), rot)
        chars: list[_Char] = []
        width, height = tr.width, tr.height
        for t, left, bottom, right, top, _ in rawchars:
            (ax, ay), (bx, by) = tr(left, bottom), tr(right, top)
            if ax > bx:
                ax, bx = bx, ax
            if ay > by:
                ay, by = by, ay
            if 0 <= ax + bx <= 2 * width and 0 <= ay + by <= 2 * height:  # text outside the page box is not printed
                chars.append(_Char(t, ax, bx, ay, by))
        hs, vs, images, drawn = _segments(page.raw, raw, tr)
        cut = _cut_lines(rawcut, tr)
    finally:
        page.close()
    grids: list[_Grid] = []
    rest = chars
    for xs, ys, gh, gv in _tables(hs, vs):
        inside = [c for c in rest if xs[0] - 1 <= c.cx <= xs[-1] + 1 and ys[0] - 1 <= c.cy <= ys[-1] + 1]
        if not inside:
            continue
        rows = _grid(xs, ys, gh, gv, inside)
        if rows:
            ids = {id(c) for c in inside}
            rest = [c for c in rest if id(c) not in ids]
            grids.append(_Grid(ys[0], ys[-1], xs[0], xs[-1], rows, xs))
    lines = [_Line(b.chars).finish() for b in _group_lines(rest)]
    kept = _rows_above_grids(lines, grids)
    return _Page(index + 1, tr.width, tr.height, kept, grids, len(chars), images, len(lines) - len(kept), len(hs) + len(vs), drawn, cut)


def _cut_lines(rawcut: list[tuple[int, str, float, float, float, float, str]], tr: _Transform) -> list[tuple[str, str]]:
    """Characters printed cut, as lines in reading orientation: (text before, the characters)."""
    chars: list[tuple[int, _Char, str]] = []
    for i, t, left, bottom, right, top, before in rawcut:
        (ax, ay), (bx, by) = tr(left, bottom), tr(right, top)
        chars.append((i, _Char(t, min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)), before))
    out: list[tuple[str, str]] = []
    for band in _group_lines([c for _, c, _ in chars]):
        ids = {id(c) for c in band.chars}
        first = min((i, before) for i, c, before in chars if id(c) in ids)
        out.append((first[1], _join_chars(sorted(band.chars, key=lambda c: c.x0))))
    return out


def _rows_above_grids(lines: list[_Line], grids: list[_Grid]) -> list[_Line]:
    """A table continued on a new page often lacks the ruling line over its first row, so that
    row is left outside the grid as a text line (``2210201 住房公积金 1,029.15``). A line that
    sits right over a ruled grid (closer than its own height, nothing between), lies within the
    grid's width, holds a printed amount (with decimals or thousands separators), and whose runs
    of text each fall inside one column of the grid, is that grid's first row: it is put back
    as a row, cut at the grid's column lines."""
    used: set[int] = set()
    for g in grids:
        if len(g.xs) < 3 or not g.rows:
            continue
        above = [k for k, ln in enumerate(lines) if ln.bottom <= g.top + 1.0 and k not in used]
        if not above:
            continue
        k = max(above, key=lambda k: lines[k].bottom)
        ln = lines[k]
        if g.top - ln.bottom > ln.bottom - ln.top or ln.x0 < g.x0 - 1.0 or ln.x1 > g.x1 + 1.0:
            continue
        if len(ln.runs) < 2 or not any(_FIGURE.match(r) for r in ln.runs):
            continue
        if any(_UNIT_SEG.match(r) or _LABEL_SEG.match(r) for r in ln.runs):
            continue
        nc = len(g.xs) - 1
        if any(len(r) != nc for r in g.rows):
            continue
        cols: list[list[_Char]] = [[] for _ in range(nc)]
        fits = True
        start = 0
        for a, b in ln.run_x:  # every run inside one column
            run = [c for c in ln.chars[start:] if a - 0.01 <= c.x0 and c.x1 <= b + 0.01]
            start += len(run)
            js = {min(max(bisect_right(g.xs, c.cx) - 1, 0), nc - 1) for c in run}
            if len(js) != 1:
                fits = False
                break
            cols[js.pop()].extend(run)
        if not fits or sum(1 for c in cols if c) != len(ln.runs):
            continue
        g.rows.insert(0, [_join_chars(sorted(c, key=lambda ch: ch.x0)) for c in cols])
        g.top = ln.top
        used.add(k)
    return [ln for k, ln in enumerate(lines) if k not in used]


# ---------------------------------------------------------------- unruled tables


def _unruled(lines: list[_Line]) -> list[tuple[int, int, list[list[str]]]]:
    """Runs of consecutive lines that look like a table without ruling: (first, end, rows)."""
    out: list[tuple[int, int, list[list[str]]]] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and len(lines[j].runs) >= 2 and not _UNIT_SEG.match(lines[j].runs[-1]):
            j += 1
        block = lines[i:j]
        amounts = sum(1 for ln in block for r in ln.runs if _AMOUNT.match(r))
        if len(block) >= 3 and amounts >= len(block):
            out.append((i, j, _columns(block)))
            i = j
        else:
            i = max(j, i + 1)
    return out


def _columns(block: list[_Line]) -> list[list[str]]:
    """Columns of an unruled block: x-intervals where some run lies, merged where runs overlap."""
    spans = sorted(x for ln in block for x in ln.run_x)
    cols: list[list[float]] = []
    for a, b in spans:
        if cols and a <= cols[-1][1] + 1.0:
            cols[-1][1] = max(cols[-1][1], b)
        else:
            cols.append([a, b])
    rows = []
    for ln in block:
        row = [""] * len(cols)
        for (a, b), text in zip(ln.run_x, ln.runs, strict=True):
            k = next(k for k, (c0, c1) in enumerate(cols) if c0 <= (a + b) / 2 <= c1)
            row[k] = (row[k] + text) if row[k] else text
        rows.append(row)
    return rows


# ---------------------------------------------------------------- the document

_PAGE_NO = re.compile(r"^\s*(?:[-－—–]\s*\d+\s*[-－—–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,4}|\d+\s*/\s*\d+|(?:[-－—–]\s*)?[ivxlcIVXLC]+(?:\s*[-－—–])?)\s*$")  # no two \s* in a row
_UNIT_SEG = re.compile(r"^\s*(?:金额)?单位\s*[：:]")
_LABEL_SEG = re.compile(r"^\s*(?:单位名称|部门名称|编制单位|编制部门|预算单位|部门|单位)\s*[：:]")
_MARKER = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百]+[部分章节条]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:[、．]|\.(?!\d))|[①-⑳]|注\s*[：:]|附件|附表|目\s*录)"
)
_END = ("。", "；", "！", "？", "：", ":", ";")


@dataclass(slots=True)
class _Item:
    kind: str  # "text" | "row" | "standalone"
    text: str
    page: int
    line: _Line | None = None


def read_pdf(data: bytes, source: str = "<pdf>") -> Layout:
    """PDF bytes → :class:`Layout`. A decompression bomb is refused before pdfium opens the
    file (:mod:`.pdfguard`); the cells of the page grids are charged to one budget."""
    from .budget import Budget
    from .pdfguard import check_inflation

    check_inflation(data, source)
    budget = Budget(source)
    doc = _open(data, source)
    try:
        n = len(doc)
        if n == 0:
            raise PdfNoPages(f"{source} 没有任何页面。", f"{source} has no pages.")
        if n > MAX_PAGES:
            raise PdfTooManyPages(
                f"{source} 有 {n} 页，超过上限 {MAX_PAGES} 页；请只提供预决算公开文件本身。",
                f"{source} has {n} pages, more than the limit of {MAX_PAGES}; please provide the disclosure itself only.",
            )
        pages = []
        for i in range(n):
            try:
                pages.append(_read_page(doc, i))
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
        notes += ("PDF 文件末尾缺少 %%EOF 标记，文件可能被截断；已读取能读取的部分 / the PDF lacks its %%EOF marker and may be cut off; what could be read was read",)
    lines, page_nos = _assemble(pages)
    return Layout(tuple(lines), tuple(page_nos), "pdf", source, notes, _page_defects(pages, source))


def _page_defects(pages: list[_Page], source: str) -> tuple[PageDefect, ...]:
    """Pages printed blank (nothing drawn) or with ruling only, and text printed cut.
    A page counts as ``inner`` when pages with text come before and after it."""
    has_text = [p.n_chars >= 10 for p in pages]
    out: list[PageDefect] = []
    for k, p in enumerate(pages):
        if p.n_chars == 0 and not p.n_images and (p.n_rules or not p.drawn):  # a chart or a seal alone is content
            inner = any(has_text[:k]) and any(has_text[k + 1 :])
            out.append(PageDefect("ruling" if p.n_rules else "blank", p.number, "", source, "inner" if inner else "edge"))
        for before, text in p.cut:
            out.append(PageDefect("cut", p.number, f"{before}\u2016{text}", source))
    return tuple(out)


def _running(pages: list[_Page]) -> set[str]:
    """Texts printed in the top or bottom margin of many pages (running headers/footers)."""
    seen: Counter[str] = Counter()
    for p in pages:
        keys = {re.sub(r"\d+", "#", ln.text) for ln in p.lines if ln.bottom < p.height * 0.09 or ln.top > p.height * 0.91}
        seen.update(keys)
    need = max(3, len(pages) // 2)
    return {k for k, v in seen.items() if v >= need}


def _margins(pages: list[_Page]) -> dict[int, tuple[float, float]]:
    """Left and right text margins per page: from the page's own body lines where it has enough of
    them, else from the pages of the same size that have (a table page's title is not the margin)."""
    out: dict[int, tuple[float, float]] = {}
    by_size: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for p in pages:
        body = [ln for ln in p.lines if len(ln.runs) == 1 and len(ln.text) >= 12]
        if len(body) >= 5:
            out[p.number] = (min(ln.x0 for ln in body), max(ln.x1 for ln in body))
            by_size.setdefault((round(p.width), round(p.height)), []).append(out[p.number])
    for p in pages:
        if p.number in out:
            continue
        cand = by_size.get((round(p.width), round(p.height)))
        if cand:
            out[p.number] = (min(c[0] for c in cand), max(c[1] for c in cand))
        elif p.lines:
            out[p.number] = (min(ln.x0 for ln in p.lines), max(ln.x1 for ln in p.lines))
        else:
            out[p.number] = (p.width * 0.1, p.width * 0.9)
    return out


def _assemble(pages: list[_Page]) -> tuple[list[str], list[int | None]]:
    running = _running(pages)
    margins = _margins(pages)
    out: list[str] = []
    out_pages: list[int | None] = []
    para: list[str] = []
    para_page = 0
    prev_line: _Line | None = None  # last narrative line, if the last thing written was narrative
    prev_margins = (0.0, 0.0)
    pending_break = False

    def flush() -> None:
        nonlocal para, prev_line
        if para:
            out.append("".join(para))
            out_pages.append(para_page)
        para = []
        prev_line = None

    def emit(text: str, page: int) -> None:
        nonlocal pending_break
        flush()
        if pending_break and out:
            out.append("")
            out_pages.append(page)
        pending_break = False
        out.append(text)
        out_pages.append(page)

    for p in pages:
        left, right = margins[p.number]
        lines = [
            ln
            for ln in p.lines
            if not (
                (ln.bottom < p.height * 0.1 or ln.top > p.height * 0.88)
                and (_PAGE_NO.match(ln.text) or re.sub(r"\d+", "#", ln.text) in running)
            )
        ]
        items: list[tuple[float, object]] = [(g.top, g) for g in p.grids]
        unruled = _unruled(lines)
        skip: set[int] = set()
        for a, b, rows in unruled:
            items.append((lines[a].top, _Grid(lines[a].top, lines[b - 1].bottom, 0, 0, rows)))
            skip.update(range(a, b))
        items.extend((ln.top, ln) for k, ln in enumerate(lines) if k not in skip)
        items.sort(key=lambda t: t[0])
        if out or para:
            pending_break = True
        for _, it in items:
            if isinstance(it, _Grid):
                width = max(len(r) for r in it.rows)
                for k, r in enumerate(it.rows):
                    cells = [c.replace("\t", " ") for c in r + [""] * (width - len(r))]
                    if k == 0 and pending_break and out and _split_cell(out[-1], cells):
                        # a cell the page break cut in two (十七、国土海洋气象等支 | 出): one row
                        prev = out[-1].split("\t")
                        j = next(j for j, c in enumerate(cells) if c)
                        prev[j] += cells[j]
                        out[-1] = "\t".join(prev)
                        continue
                    emit("\t".join(cells), p.number)
                continue
            assert isinstance(it, _Line)
            ln = it
            if len(ln.runs) > 1:
                if any(_UNIT_SEG.match(r) or _LABEL_SEG.match(r) for r in ln.runs):
                    for run in _label_runs(ln.runs):
                        emit(run, p.number)
                else:
                    emit(ln.text, p.number)
                continue
            text = ln.text
            if prev_line is not None and _continues(prev_line, prev_margins, ln, (left, right), same_page=not pending_break):
                if not pending_break:
                    para.append(_glue(para[-1], text))
                    prev_line, prev_margins = ln, (left, right)
                    continue
                # a paragraph going on over a page break: its rest is a line of the new page, so
                # that a figure printed there is named by that page; CONTINUED tells the narrative
                # reader to join the two lines into one paragraph again, with the page of each
                flush()
                out.append("")
                out_pages.append(p.number)
                pending_break = False
                glued = _glue(out[-2], text)  # a space between two Latin words stays
                para, para_page = [CONTINUED + glued], p.number
                prev_line, prev_margins = ln, (left, right)
                continue
            emit_para_start = text
            flush()
            if pending_break and out:
                out.append("")
                out_pages.append(p.number)
            pending_break = False
            para, para_page = [emit_para_start], p.number
            prev_line, prev_margins = ln, (left, right)
        # a paragraph may go on on the next page: keep it open
    flush()
    return out, out_pages


def _split_cell(previous: str, cells: list[str]) -> bool:
    """Is ``cells`` (the first row after a page break) the rest of one cell of ``previous``?"""
    before = previous.split("\t")
    filled = [j for j, c in enumerate(cells) if c]
    if len(before) != len(cells) or len(filled) != 1:
        return False
    j = filled[0]
    frag = cells[j]
    return (
        len(frag) <= 6
        and bool(before[j])
        and not _AMOUNT.match(before[j])
        and not _AMOUNT.match(frag)
        and not frag[0].isdigit()
        and not _MARKER.match(frag)
        and not before[j].endswith(("。", "）", ")", "计"))
    )


def _label_runs(runs: list[str]) -> list[str]:
    """``部门：`` ``XX局`` ``单位：万元`` → ``部门：XX局``, ``单位：万元`` (a label keeps the value printed after it)."""
    out: list[str] = []
    for r in runs:
        if out and re.search(r"[：:]\s*$", out[-1]) and not (_UNIT_SEG.match(r) or _LABEL_SEG.match(r)):
            out[-1] += r
        else:
            out.append(r)
    return out


def _centred(ln: _Line, m: tuple[float, float]) -> bool:
    left, right = ln.x0 - m[0], m[1] - ln.x1
    return left > 3 * ln.size and right > 3 * ln.size and abs(left - right) < 2 * ln.size


def _fills(ln: _Line, m: tuple[float, float]) -> bool:
    """A line that fills the measure: the first line of a centred title too long for one line."""
    return ln.x0 - m[0] < 1.5 * ln.size and m[1] - ln.x1 < 1.5 * ln.size


def _glue(before: str, after: str) -> str:
    if before and after and before[-1].isascii() and before[-1].isalpha() and after[0].isascii() and after[0].isalpha():
        return " " + after
    return after


def _continues(prev: _Line, pm: tuple[float, float], ln: _Line, m: tuple[float, float], same_page: bool) -> bool:
    """Does ``ln`` continue the paragraph whose last line is ``prev``?"""
    size = max(prev.size, ln.size)
    if abs(prev.size - ln.size) > 0.2 * size:
        return False
    if (
        same_page
        and _centred(ln, m)
        and (_centred(prev, pm) or prev.x0 > pm[0] + size or _fills(prev, pm))
        and ln.top - prev.bottom <= 0.8 * size
        and ln.top > prev.top
        and not _MARKER.match(ln.text)
        and not prev.text.endswith(_END)
    ):
        return True  # a centred title wrapped over two lines
    short = pm[1] - prev.x1
    # a line that stopped short ended its paragraph; but a word that could not be split (0%，, （项）。)
    # may leave a few characters free at the end of a line that goes on
    if short > 6.0 * size or (short > 3.0 * size and (prev.text.endswith(_END) or prev.x0 > pm[0] + 3.0 * size)):
        return False
    if ln.x0 > m[0] + 0.9 * size:  # indented first line, or centred
        return False
    if _MARKER.match(ln.text):
        return False
    if same_page and ln.top - prev.bottom > 1.5 * size:
        return False
    if prev.text.endswith(_END) and prev.x1 < pm[1] - 1.0 * size:
        return False
    return True
