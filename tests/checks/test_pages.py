"""LAYOUT-BLANK-PAGE and LAYOUT-CLIPPED: what the printed page shows and the text layer does not.

Constructed PDFs (text, ruling, a clip rectangle, written by hand) for what the reader
sees, and the rule on a disclosure carrying those page defects; the corpus document where a
reviewer marked the blank page and the cut lines is scored by tests/integration/test_truth_recall.py."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from support import EXAMPLE as HENAN
from support.pdfs import hand_pdf
from yusuan import read_text
from yusuan.checks.pages import page_defects
from yusuan.ingest.pdf import read_pdf
from yusuan.model.core import Disclosure, PageDefect

Text = tuple[float, float, float, str]  # x, top, size, text (y from the top)
Clip = tuple[float, float, float, float]  # x0, top, x1, bottom (y from the top)


def _pdf(pages: list[tuple[Any, ...]], w: float = 400, h: float = 300) -> bytes:
    """Pages of (texts, ruling lines (x0, top0, x1, top1), a clip rectangle for the page's text, raw operators…),
    written by hand: pdfium's editing API cannot put a clip path on a text object."""
    objs: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for page in pages:
        texts, lines, clip = page[:3]
        ops = list(page[3:])  # raw content operators (a drawing)
        for x0, y0, x1, y1 in lines:
            ops.append(f"0.5 w {x0} {h - y0} m {x1} {h - y1} l S")
        ops.append("q")
        if isinstance(clip, str):  # a clip path as operators
            ops.append(clip)
        elif clip is not None:
            x0, top, x1, bottom = clip
            ops.append(f"{x0} {h - bottom} {x1 - x0} {bottom - top} re W n")
        for x, y, size, text in texts:
            ops.append(f"BT /F1 {size} Tf {x} {h - y - size} Td ({text}) Tj ET")
        ops.append("Q")
        stream = "\n".join(ops).encode()
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}] /Resources << /Font << /F1 3 0 R >> >> /Contents {len(objs)} 0 R >>".encode()
        )
        kids.append(f"{len(objs)} 0 R")
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    return hand_pdf(objs)


BODY: list[Text] = [(40, 40, 12, "THE FIRST PARAGRAPH OF THE REPORT"), (40, 60, 12, "GOES ON HERE AND ENDS")]


def _defects(data: bytes) -> list[tuple[str, int, str, str]]:
    return [(d.kind, d.page, d.position, d.text) for d in read_pdf(data, "t.pdf").defects]


# ---------------------------------------------------------------- blank pages


def test_a_blank_page_between_pages_with_text() -> None:
    assert _defects(_pdf([(BODY, [], None), ([], [], None), (BODY, [], None)])) == [("blank", 2, "inner", "")]


def test_a_blank_last_page_is_at_the_edge_and_a_ruled_page_without_text_is_ruling() -> None:
    rows = [(40, 40, 360, 40), (40, 60, 360, 60), (40, 40, 40, 60), (360, 40, 360, 60)]
    got = _defects(_pdf([(BODY, [], None), ([], rows, None), (BODY, [], None), ([], [], None)]))
    assert got == [("ruling", 2, "inner", ""), ("blank", 4, "edge", "")]


def test_a_page_with_a_drawing_and_no_text_is_not_blank() -> None:
    triangle = "0 0 1 rg 100 100 m 150 150 l 200 100 l f"  # a chart, a seal: drawn content
    white = "1 1 1 rg 0 0 400 300 re f"  # a white background is nothing to see
    got = _defects(_pdf([(BODY, [], None), ([], [], None, triangle), ([], [], None, white), (BODY, [], None)]))
    assert got == [("blank", 3, "inner", "")]


def test_pages_with_text_are_not_blank() -> None:
    assert _defects(_pdf([(BODY, [], None), ([(40, 40, 12, "SHORT")], [], None), (BODY, [], None)])) == []


# ---------------------------------------------------------------- clipped text


def test_a_line_cut_at_the_foot_of_its_clip_box() -> None:
    # the second line's glyphs (caps of 12 pt from about y = 62.7 to 71) are cut at y = 67
    got = _defects(_pdf([(BODY, [], (30, 30, 380, 67))]))
    assert [(k, p) for k, p, _, _ in got] == [("cut", 1)]
    before, cut = got[0][3].split("\u2016")
    assert cut.replace(" ", "") == "GOESONHEREANDENDS"
    assert before.replace(" ", "").endswith("REPORT")  # what was printed whole before it


def test_text_inside_its_clip_box_or_wholly_outside_it_is_not_cut() -> None:
    assert _defects(_pdf([(BODY, [], (30, 30, 380, 90))])) == []  # all inside
    # the second line wholly below the clip: hidden, not seen at all (nothing shows cut)
    assert _defects(_pdf([(BODY, [], (30, 30, 380, 56))])) == []
    # a glyph whose box pokes out by a hair (less than a fifth of it) is seen whole
    assert _defects(_pdf([(BODY, [], (30, 30, 380, 70.5))])) == []


def test_a_clip_path_with_curves_is_not_judged() -> None:
    # the same cut as above, but by a clip with a curve: its box is not exact, nothing is claimed
    curved = "30 233 m 380 233 l 380 270 l 200 275 100 275 30 270 c h W n"
    assert _defects(_pdf([(BODY, [], curved)])) == []


# ---------------------------------------------------------------- the rule


def _with(*defects: PageDefect, parts: tuple[tuple[str, int], ...] = ()) -> Disclosure:
    d = read_text(HENAN.read_text("utf-8")).disclosure
    return replace(d, page_defects=defects, meta=replace(d.meta, parts=parts) if parts else d.meta)


def test_rule_severities_and_messages() -> None:
    d = _with(
        PageDefect("blank", 3, "", "a.pdf", "inner"),
        PageDefect("blank", 9, "", "a.pdf", "edge"),
        PageDefect("ruling", 5, "", "a.pdf", "inner"),
        PageDefect("cut", 6, "主要原因是：业务量增\u2016加", "a.pdf"),
    )
    got = [(f.rule, f.severity, f.message) for f in page_defects(d)]
    assert got[0][:2] == ("LAYOUT-BLANK-PAGE", "warning") and "第 3 页是空白页" in got[0][2]
    assert got[1][:2] == ("LAYOUT-BLANK-PAGE", "info") and "第 9 页" in got[1][2]
    assert got[2][:2] == ("LAYOUT-BLANK-PAGE", "info") and "只有表格线" in got[2][2]
    assert got[3][:2] == ("LAYOUT-CLIPPED", "warning")
    assert "第 6 页“主要原因是：业务量增”之后的“加”只印出了一部分" in got[3][2]


def test_rule_names_the_file_of_a_two_file_document_and_is_silent_without_defects() -> None:
    d = _with(PageDefect("blank", 2, "", "/some/dir/tables.pdf", "inner"), parts=(("narrative.pdf", 10), ("tables.pdf", 20)))
    assert "tables.pdf 第 2 页是空白页" in next(iter(page_defects(d))).message
    assert list(page_defects(_with())) == []
