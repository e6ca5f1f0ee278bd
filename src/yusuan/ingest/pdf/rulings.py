"""Stage 3, ruling: a page's path objects → ruling segments → ruled tables.

Horizontal and vertical strokes and thin filled rectangles of the path objects (forms
included) are the ruling segments; collinear segments that touch are merged, and every
connected set of ruling lines with at least two lines each way is a ruled table, given by its
distinct line positions (``xs``, ``ys``) and its segments.
"""

from __future__ import annotations

import ctypes
from bisect import bisect_right

from .chars import _Transform
from .settings import SETTINGS, PdfSettings

__all__ = ["page_to_segments", "segments_to_tables"]


def page_to_segments(  # type: ignore[no-untyped-def]
    page_raw, raw, tr: _Transform, settings: PdfSettings = SETTINGS
) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]], int, int]:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) ruling segments in reading orientation, the image count,
    and 1 if any path is drawn visibly (0 for a page with nothing drawn). Past ``settings.max_segments``
    ruling segments the page's paths are no longer read (the page is then read as text)."""
    hs: list[tuple[float, float, float]] = []
    vs: list[tuple[float, float, float]] = []
    images = 0
    fmode, stroke = ctypes.c_int(), ctypes.c_int()
    r_, g_, b_, a_ = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    fx, fy = ctypes.c_float(), ctypes.c_float()
    bl, bb, br, bt = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    mat = raw.FS_MATRIX()
    budget = [settings.max_segments]
    drawn = [0]

    def mul(m1: tuple[float, ...], m2: tuple[float, ...]) -> tuple[float, ...]:
        # apply m1 then m2 (PDF row-vector convention)
        a1, b1, c1, d1, e1, f1 = m1
        a2, b2, c2, d2, e2, f2 = m2
        return (
            a1 * a2 + b1 * c2,
            a1 * b2 + b1 * d2,
            c1 * a2 + d1 * c2,
            c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2,
            e1 * b2 + f1 * d2 + f2,
        )

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
                corners = [
                    (x * q[0] + y * q[2] + q[4], x * q[1] + y * q[3] + q[5])
                    for x, y in ((bl.value, bb.value), (br.value, bt.value))
                ]
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
                pts.append(
                    (
                        x * m[0] + y * m[2] + m[4],
                        x * m[1] + y * m[3] + m[5],
                        raw.FPDFPathSegment_GetType(seg),
                        bool(raw.FPDFPathSegment_GetClose(seg)),
                    )
                )
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


def _merge(segs: list[tuple[float, float, float]], tol: float) -> list[tuple[float, float, float]]:
    """Collinear segments that touch or overlap (closer than ``tol``) → one segment."""
    segs = sorted(segs)
    out: list[list[float]] = []
    for pos, a, b in segs:
        for o in reversed(out[-8:]):
            if abs(o[0] - pos) <= tol and a <= o[2] + tol and b >= o[1] - tol:
                o[1], o[2] = min(o[1], a), max(o[2], b)
                break
        else:
            out.append([pos, a, b])
    return [(p, a, b) for p, a, b in out]


def _cluster(values: list[float], tol: float) -> list[float]:
    vals = sorted(values)
    groups: list[list[float]] = []
    for v in vals:
        if groups and v - groups[-1][-1] <= tol:
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


def segments_to_tables(
    hs: list[tuple[float, float, float]], vs: list[tuple[float, float, float]], settings: PdfSettings = SETTINGS
) -> list[tuple[list[float], list[float], list[tuple[float, float, float]], list[tuple[float, float, float]]]]:
    """Connected sets of ruling lines → (xs, ys, their horizontal segments, their vertical segments)."""
    tol = settings.tol
    hs, vs = _merge(hs, tol), _merge(vs, tol)
    if len(hs) * len(vs) > settings.max_pairs:  # a drawing, not a table: read the page as text (bounded time)
        return []
    n = len(hs) + len(vs)
    uf = _UF(n)
    for i, (y, x0, x1) in enumerate(hs):
        for j, (x, y0, y1) in enumerate(vs):
            if x0 - tol <= x <= x1 + tol and y0 - tol <= y <= y1 + tol:
                uf.union(i, len(hs) + j)
    groups: dict[int, tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(uf.find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(uf.find(len(hs) + j), ([], []))[1].append(v)
    out = []
    for gh, gv in groups.values():
        if len(gh) < 2 or len(gv) < 2:
            continue
        xs = _cluster([v[0] for v in gv], tol)
        ys = _cluster([h[0] for h in gh], tol)
        if len(xs) < 2 or len(ys) < 2 or xs[-1] - xs[0] < 20 or ys[-1] - ys[0] < 8:
            continue
        out.append((xs, ys, gh, gv))
    out.sort(key=lambda t: t[1][0])
    return out


def _covers(spans: list[tuple[float, float]], a: float, b: float, tol: float) -> bool:
    """Does one of the ruling lines ``spans`` (at one position) cover the middle half of [a, b]?"""
    lo, hi = a + (b - a) * 0.25, b - (b - a) * 0.25
    return any(s0 <= lo + tol and s1 >= hi - tol for s0, s1 in spans)


def _at(segs: list[tuple[float, float, float]], positions: list[float], tol: float) -> list[list[tuple[float, float]]]:
    """The ruling lines at each of ``positions`` (as spans)."""
    out: list[list[tuple[float, float]]] = [[] for _ in positions]
    for p, s0, s1 in segs:
        k = bisect_right(positions, p + tol) - 1
        for j in (k, k - 1):
            if 0 <= j < len(positions) and abs(positions[j] - p) <= tol:
                out[j].append((s0, s1))
    return out
