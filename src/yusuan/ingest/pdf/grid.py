"""Stage 4, cells: a ruled table and the characters inside it → rows of cell text.

Also puts back a table's first row when it was printed over its grid's top line (a continued
page without that line) and so came out as a text line.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .chars import _Char, _join_chars
from .lines import _Line, chars_to_bands
from .patterns import _AMOUNT, _FIGURE, _LABEL_SEG, _UNIT_SEG
from .rulings import _UF, _at, _covers
from .settings import SETTINGS, PdfSettings

__all__ = ["grid_to_rows"]


@dataclass(slots=True)
class _Grid:
    top: float
    bottom: float
    x0: float
    x1: float
    rows: list[list[str]]
    xs: list[float] = field(default_factory=list)  # column boundaries of a ruled grid


def _cell_text(chars: list[_Char]) -> tuple[str, list[tuple[float, str]]]:
    """Characters of one printed cell → its text (wrapped lines joined) and its lines (y, text)."""
    if not chars:
        return "", []
    lines = chars_to_bands(chars)
    texts = [(ln.cy, _join_chars(sorted(ln.chars, key=lambda c: c.x0))) for ln in lines]
    out = ""
    for _, t in texts:
        if out and out[-1].isascii() and out[-1].isalpha() and t[:1].isascii() and t[:1].isalpha():
            out += " "
        out += t
    return out, texts


def grid_to_rows(
    xs: list[float],
    ys: list[float],
    gh: list[tuple[float, float, float]],
    gv: list[tuple[float, float, float]],
    chars: list[_Char],
    settings: PdfSettings = SETTINGS,
) -> list[list[str]]:
    """A ruled table (line positions ``xs``, ``ys``, its segments) and the characters inside it → its
    rows of cell text. Two neighbouring leaf cells are one printed cell where no ruling line
    separates them; a printed cell's text goes into its top-left leaf cell (the others stay "").
    A grid of more than ``settings.max_cells`` leaf cells is not read (no rows)."""
    nr, nc = len(ys) - 1, len(xs) - 1
    if nr * nc > settings.max_cells:
        return []
    tol = settings.tol
    v_at, h_at = _at(gv, xs, tol), _at(gh, ys, tol)
    uf = _UF(nr * nc)
    for i in range(nr):
        for j in range(nc):
            if j + 1 < nc and not _covers(v_at[j + 1], ys[i], ys[i + 1], tol):
                uf.union(i * nc + j, i * nc + j + 1)
            if i + 1 < nr and not _covers(h_at[i + 1], xs[j], xs[j + 1], tol):
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
