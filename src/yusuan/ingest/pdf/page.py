"""One page: an open document's page → a :class:`_Page` (its text lines, ruled grids and what
the page shows besides: images, ruling, anything drawn, characters printed cut).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .chars import _Char, _join_chars, _Transform, textpage_to_chars
from .grid import _Grid, _rows_above_grids, grid_to_rows
from .lines import _Line, chars_to_bands
from .rulings import page_to_segments, segments_to_tables
from .settings import SETTINGS, PdfSettings

__all__ = ["read_page"]


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


def read_page(doc, index: int, settings: PdfSettings = SETTINGS) -> _Page:  # type: ignore[no-untyped-def]
    """Page ``index`` (0-based) of an open pdfium document → its ruled grids and text lines,
    through the stages: characters (:mod:`.chars`), ruling (:mod:`.rulings`), cells
    (:mod:`.grid`), lines (:mod:`.lines`)."""
    import pypdfium2.raw as raw

    page = doc[index]
    try:
        textpage = page.get_textpage()
        rawcut: list[tuple[int, str, float, float, float, float, str]] = []
        try:
            rawchars = textpage_to_chars(textpage.raw, raw, rawcut, settings)
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
        hs, vs, images, drawn = page_to_segments(page.raw, raw, tr, settings)
        cut = _cut_lines(rawcut, tr)
    finally:
        page.close()
    grids: list[_Grid] = []
    rest = chars
    for xs, ys, gh, gv in segments_to_tables(hs, vs, settings):
        inside = [c for c in rest if xs[0] - 1 <= c.cx <= xs[-1] + 1 and ys[0] - 1 <= c.cy <= ys[-1] + 1]
        if not inside:
            continue
        rows = grid_to_rows(xs, ys, gh, gv, inside, settings)
        if rows:
            ids = {id(c) for c in inside}
            rest = [c for c in rest if id(c) not in ids]
            grids.append(_Grid(ys[0], ys[-1], xs[0], xs[-1], rows, xs))
    lines = [_Line(b.chars).finish() for b in chars_to_bands(rest)]
    kept = _rows_above_grids(lines, grids)
    return _Page(
        index + 1, tr.width, tr.height, kept, grids, len(chars), images, len(lines) - len(kept), len(hs) + len(vs), drawn, cut
    )


def _cut_lines(rawcut: list[tuple[int, str, float, float, float, float, str]], tr: _Transform) -> list[tuple[str, str]]:
    """Characters printed cut, as lines in reading orientation: (text before, the characters)."""
    chars: list[tuple[int, _Char, str]] = []
    for i, t, left, bottom, right, top, before in rawcut:
        (ax, ay), (bx, by) = tr(left, bottom), tr(right, top)
        chars.append((i, _Char(t, min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)), before))
    out: list[tuple[str, str]] = []
    for band in chars_to_bands([c for _, c, _ in chars]):
        ids = {id(c) for c in band.chars}
        first = min((i, before) for i, c, before in chars if id(c) in ids)
        out.append((first[1], _join_chars(sorted(band.chars, key=lambda c: c.x0))))
    return out
