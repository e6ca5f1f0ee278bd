"""Stage 6, the document: pages → the lines of the text format, and the page defects.

Page numbers and running headers/footers are dropped, the text margins of each page found,
and narrative paragraphs rebuilt across lines and pages (a paragraph going on over a page
break goes on in a line that starts with :data:`~yusuan.ingest.layout.CONTINUED`).
"""

from __future__ import annotations

import re
from collections import Counter

from ...model.core import PageDefect
from ..layout import CONTINUED
from .grid import _Grid
from .lines import _Line
from .page import _Page
from .patterns import _AMOUNT, _END, _LABEL_SEG, _MARKER, _PAGE_NO, _UNIT_SEG
from .unruled import lines_to_unruled

__all__ = ["pages_to_defects", "pages_to_lines"]


def pages_to_defects(pages: list[_Page], source: str) -> tuple[PageDefect, ...]:
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


def pages_to_lines(pages: list[_Page]) -> tuple[list[str], list[int | None]]:
    """Pages → the lines of the text format and the page of each: grids and unruled tables as
    tab-separated rows, page numbers and running heads dropped, narrative paragraphs rebuilt
    across lines and pages, a blank line where a page broke."""
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
        unruled = lines_to_unruled(lines)
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
