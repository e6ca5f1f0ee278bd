"""The PDF reader: corpus PDFs → Layout (text format + page per line), and PDFs it must refuse."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from support import CORPUS, run
from support.pdfs import hand_pdf, image_only_pdf, make_pdf
from yusuan.errors import PdfCorrupt, PdfEncrypted, PdfNoPages, PdfNoText, PdfTooManyPages
from yusuan.ingest import layout_file
from yusuan.ingest.formats import layout_from_bytes
from yusuan.ingest.layout import CONTINUED, Layout
from yusuan.ingest.narrative import read_sections
from yusuan.ingest.pdf import MAX_PAGES, read_pdf

PAGES = {
    "jiangsu-cpc-office-2019-dept-budget-tables.pdf": 12,
    "jiangsu-cpc-office-2019-dept-budget-narrative.pdf": 14,
    "jiangsu-cpc-office-2018-dept-budget-tables.pdf": 15,
    "jiangsu-cpc-office-2018-dept-budget-narrative.pdf": 13,
    "jiangsu-procuratorate-2018-dept-budget.pdf": 31,
    "shanghai-putuo-finance-2025-dept-budget.pdf": 24,
    "shanghai-putuo-finance-2024-dept-final-account.pdf": 25,
    "national-template-2024-dept-final-account.pdf": 23,
}


@cache
def lay(name: str) -> Layout:
    return layout_file(CORPUS / name)


def lines_with_pages(name: str) -> list[tuple[str, int | None]]:
    layout = lay(name)
    return list(zip(layout.lines, layout.pages, strict=True))


def page_of(name: str, line: str) -> int | None:
    hits = [p for s, p in lines_with_pages(name) if s == line]
    assert hits, f"{line!r} is not a line of {name}"
    return hits[0]


def row(name: str, *cells: str) -> list[str]:
    """The first grid row containing ``cells`` in this order, next to each other."""
    for s, _ in lines_with_pages(name):
        if "\t" not in s:
            continue
        c = s.split("\t")
        for i in range(len(c) - len(cells) + 1):
            if tuple(c[i : i + len(cells)]) == cells:
                return c
    raise AssertionError(f"no row with {cells} in {name}")


def blocks(layout: Layout) -> list[list[list[str]]]:
    """Runs of consecutive grid rows (one table, or one page of a continued table)."""
    out: list[list[list[str]]] = []
    current: list[list[str]] = []
    for s in layout.lines:
        if "\t" in s:
            current.append(s.split("\t"))
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


# ---------------------------------------------------------------- every corpus PDF


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_cover_the_document_in_order(name: str) -> None:
    layout = lay(name)
    assert layout.format == "pdf"
    assert None not in layout.pages
    pages = [p for p in layout.pages if p is not None]
    assert pages == sorted(pages)
    assert max(pages) == PAGES[name]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_grid_rows_of_a_table_have_equal_widths(name: str) -> None:
    for b in blocks(lay(name)):
        assert len({len(r) for r in b}) == 1, b


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_numbers_and_running_footers_are_dropped(name: str) -> None:
    for s in lay(name).lines:
        assert not re.fullmatch(r"\s*(?:[-－—–]\s*\d+\s*[-－—–]|第\s*\d+\s*页.*|\d{1,3})\s*", s), s


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_breaks_are_blank_lines(name: str) -> None:
    layout = lay(name)
    for i in range(1, len(layout.lines)):
        if layout.pages[i] != layout.pages[i - 1] and layout.lines[i - 1] != "":
            # only a paragraph that goes on over the page break may skip the blank line
            assert layout.lines[i] == "" or "\t" not in layout.lines[i - 1], (i, layout.lines[i - 1], layout.lines[i])


# ---------------------------------------------------------------- Jiangsu 2019 tables (rotated A3)

JS19 = "jiangsu-cpc-office-2019-dept-budget-tables.pdf"


def test_jiangsu_rotated_pages_read_in_reading_orientation() -> None:
    layout = lay(JS19)
    assert layout.lines[:3] == ("收支预算总表", "部门：中共江苏省委办公厅", "单位：万元")
    assert layout.pages[:3] == (1, 1, 1)


@pytest.mark.parametrize(
    ("title", "page"),
    [
        ("收支预算总表", 1),
        ("收入预算总表", 2),
        ("支出预算总表", 3),
        ("财政拨款收支预算总表", 4),
        ("财政拨款支出预算表（功能科目）", 5),
        ("财政拨款基本支出预算表（经济科目）", 6),
        ("一般公共预算支出预算表（功能科目）", 7),
        ("一般公共预算基本支出预算表（经济科目）", 8),
        ("“三公”经费、会议费、培训费支出预算表", 9),
        ("财政拨款政府性基金支出预算表", 10),
        ("一般公共预算机关运行经费支出预算表", 11),
        ("2019年政府采购预算表", 12),
    ],
)
def test_jiangsu_2019_table_titles_are_lines_on_their_pages(title: str, page: int) -> None:
    assert page_of(JS19, title) == page


def test_jiangsu_2019_known_figures_in_their_rows() -> None:
    # corpus README: 收入合计 27,664.22, 一般公共服务支出 22,395.50, 社会保障和就业支出 1,374.63,
    # 住房保障支出 3,894.09, 基本支出 11,700.63, 项目支出 13,025.38, 单位预留机动经费 2,938.21
    assert row(JS19, "收入合计", "27,664.22")[-1] == "27,664.22"
    assert row(JS19, "一、财政拨款", "27,664.22", "一、一般公共服务支出", "22,395.50", "一、基本支出", "11,700.63")
    assert row(JS19, "1.一般公共预算", "27,664.22", "二、外交支出", "", "二、项目支出", "13,025.38")
    assert row(JS19, "", "", "八、社会保障和就业支出", "1,374.63", "", "")
    assert row(JS19, "", "", "十八、住房保障支出", "3,894.09", "", "")
    assert row(JS19, "2.政府性基金预算", "", "三、国防支出", "", "三、单位预留机动经费", "2,938.21")
    assert row(JS19, "27,664.22", "11,700.63", "13,025.38", "2,938.21", "")  # 支出预算总表
    assert row(JS19, "201", "一般公共服务支出", "22,395.50")


def test_jiangsu_2019_spanning_headers_in_their_first_column() -> None:
    first = blocks(lay(JS19))[0]
    assert first[:3] == [
        ["收入", "", "支出", "", "", ""],
        ["项目名称", "金额", "功能分类", "", "支出用途", ""],
        ["", "", "功能科目名称", "金额", "项目名称", "金额"],
    ]
    three = next(b for b in blocks(lay(JS19)) if b[0][0] == "合计" and "“三公”经费" in b[0])
    assert three == [
        ["合计", "“三公”经费", "", "", "", "", "", "会议费", "培训费"],
        ["", "小计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费", "", ""],
        ["", "", "", "小计", "公务用车购置费", "公务用车运行维护费", "", "", ""],
        ["1,471.70", "508.20", "70.00", "411.20", "", "411.20", "27.00", "933.50", "30.00"],
    ]


def test_jiangsu_2019_row_spanning_cell_in_its_top_row() -> None:
    assert row(JS19, "一般公共预算资金", "小计", "27,664.22")
    assert row(JS19, "", "公共财政拨款(补助)资金", "27,664.22")


def test_text_clipped_by_the_page_is_not_read() -> None:
    # page 12's header cell 采购组织形式 is cut at the cell border: 式 is not printed
    assert row(JS19, "采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形", "总计")
    assert row(JS19, "合计", "", "", "", "", "1,422.50")


# ---------------------------------------------------------------- Shanghai 2025 budget

SH25 = "shanghai-putuo-finance-2025-dept-budget.pdf"


def test_shanghai_2025_titles_units_and_figures() -> None:
    assert page_of(SH25, "2025年部门财务收支预算总表") == 9
    assert page_of(SH25, "2025年部门“三公”经费和机关运行经费预算表") == 21
    assert page_of(SH25, "编制部门：上海市普陀区财政局") == 9
    assert "单位：元" in lay(SH25).lines and "单位:万元" in lay(SH25).lines
    assert row(SH25, "收入总计", "31,214,205.80", "支出总计", "31,214,205.80")
    assert row(SH25, "201", "06", "01", "行政运行", "16,231,840.80", "16,093,326.00", "138,514.80")
    assert row(SH25, "0.95", "", "0.95", "", "", "", "229.43")


def test_shanghai_2025_table_continued_after_a_blank_line_with_its_header_repeated() -> None:
    items = lines_with_pages(SH25)
    i = next(k for k, (s, p) in enumerate(items) if s.startswith("210\t\t\t卫生健康支出") and p == 11)
    assert items[i - 4] == ("", 11)
    assert items[i - 3][0].startswith("项目\t\t\t\t收入预算")
    assert items[i - 5][0].startswith("208\t05\t99\t其他行政事业单位养老支出") and items[i - 5][1] == 10


def test_shanghai_2025_hidden_text_outside_the_clip_is_not_read() -> None:
    items = lines_with_pages(SH25)
    seventh = [p for s, p in items if s.startswith("7.“社会保障和就业支出（类）")]
    assert seventh == [7]
    assert [p for s, p in items if s.startswith("9.“卫生健康支出（类）")] == [8]


def test_narrative_paragraph_is_one_line() -> None:
    items = lines_with_pages(SH25)
    para = [s for s, _ in items if s.startswith("（二）承担政府各项财政收支管理的责任")]
    assert len(para) == 1 and para[0].endswith("。")
    assert len(para[0]) > 100  # printed over several lines


# ---------------------------------------------------------------- the others


def test_jiangsu_2018_tables() -> None:
    name = "jiangsu-cpc-office-2018-dept-budget-tables.pdf"
    assert page_of(name, "收支预算总表") == 3
    assert row(name, "收入合计", "24,458.43", "支出合计", "", "", "24,458.43")


def test_procuratorate_label_and_value_on_one_line() -> None:
    name = "jiangsu-procuratorate-2018-dept-budget.pdf"
    assert page_of(name, "公开01表：收支预算总表") == 13
    assert "部门：江苏省人民检察院" in lay(name).lines
    assert row(name, "一、财政拨款", "21,940.96", "一、一般公共服务支出", "", "一、基本支出", "13,994.31")
    assert row(name, "1,384.74", "484.30", "100.00", "267.80", "", "267.80", "116.50", "200.44", "700.00")


def test_shanghai_2024_final_account_wrapped_cell_is_one_cell() -> None:
    name = "shanghai-putuo-finance-2024-dept-final-account.pdf"
    assert page_of(name, "收入决算表") == 8
    assert row(name, "208", "05", "05", "机关事业单位基本养老保险缴费支出", "160.75", "160.75")
    assert row(name, "总计", "2,995.39", "总计", "2,995.39")


def test_national_template_placeholders() -> None:
    name = "national-template-2024-dept-final-account.pdf"
    assert page_of(name, "收入支出决算总表") == 5
    assert row(name, "一、一般公共预算财政拨款收入", "", "一、一般公共服务支出", "")


def test_narrative_pdf_headings_and_paragraphs() -> None:
    name = "jiangsu-cpc-office-2019-dept-budget-narrative.pdf"
    assert page_of(name, "第一部分 部门概况") == 3
    assert [p for s, p in lines_with_pages(name) if s == "一、主要职能"] == [2, 3]  # contents, then the text
    assert (
        page_of(
            name, "（二）围绕省委中心工作，开展调查研究，加强前瞻谋划，起草省委文件和省委领导同志讲话，为省委决策提供参谋服务。"
        )
        == 3
    )
    assert not any("\t" in s for s in lay(name).lines)


# ---------------------------------------------------------------- synthetic PDFs


def test_ruled_table_with_a_spanning_header_built_from_lines() -> None:
    ys = [100, 120, 140, 160, 180]
    lines = [(50, y, 350, y) for y in ys] + [(50, 100, 50, 180), (150, 100, 150, 180), (350, 100, 350, 180), (250, 120, 250, 180)]
    texts = [(55, 104, 10, "Item"), (155, 104, 10, "Amount"), (155, 124, 10, "Basic"), (255, 124, 10, "Project")]
    texts += [
        (55, 144, 10, "Total"),
        (155, 144, 10, "1,234.50"),
        (255, 144, 10, "765.50"),
        (55, 164, 10, "Rent"),
        (155, 164, 10, "1,000.00"),
    ]
    texts += [(100, 60, 14, "Table 1 Expenditure")]
    layout = read_pdf(make_pdf([(400, 300, texts, lines)]), "t.pdf")
    assert layout.lines == (
        "Table 1 Expenditure",
        "Item\tAmount\t",
        "\tBasic\tProject",
        "Total\t1,234.50\t765.50",
        "Rent\t1,000.00\t",
    )
    assert layout.pages == (1,) * 5


def test_unruled_table_columns_from_x_positions() -> None:
    names, a, b = ["Rent", "Water", "Power", "Total"], ["10.00", "2.50", "3.00", "15.50"], ["1.00", "", "0.50", "1.50"]
    texts = [(100, 40, 14, "Budget table")]
    texts += [(50, 100 + 20 * i, 10, n) for i, n in enumerate(names)]
    texts += [(200, 100 + 20 * i, 10, v) for i, v in enumerate(a)]
    texts += [(300, 100 + 20 * i, 10, v) for i, v in enumerate(b) if v]
    layout = read_pdf(make_pdf([(400, 300, texts, [])]), "u.pdf")
    assert layout.lines == ("Budget table", "Rent\t10.00\t1.00", "Water\t2.50\t", "Power\t3.00\t0.50", "Total\t15.50\t1.50")


def test_table_continued_on_next_page_and_page_number_footer_dropped() -> None:
    grid = [
        (50, 100, 350, 100),
        (50, 120, 350, 120),
        (50, 140, 350, 140),
        (50, 100, 50, 140),
        (200, 100, 200, 140),
        (350, 100, 350, 140),
    ]
    p1 = [(55, 104, 10, "Name"), (205, 104, 10, "Amount"), (55, 124, 10, "Rent"), (205, 124, 10, "5.00"), (190, 380, 10, "- 1 -")]
    p2 = [
        (55, 104, 10, "Name"),
        (205, 104, 10, "Amount"),
        (55, 124, 10, "Water"),
        (205, 124, 10, "6.00"),
        (190, 380, 10, "- 2 -"),
    ]
    layout = read_pdf(make_pdf([(400, 400, p1, grid), (400, 400, p2, grid)]), "c.pdf")
    assert layout.lines == ("Name\tAmount", "Rent\t5.00", "", "Name\tAmount", "Water\t6.00")
    assert layout.pages == (1, 1, 2, 2, 2)


# ---------------------------------------------------------------- PDFs that cannot be read


def test_scanned_pdf_needs_ocr() -> None:
    with pytest.raises(PdfNoText) as err:
        layout_from_bytes(image_only_pdf(), "scan.pdf")
    assert "OCR" in err.value.zh and "扫描件" in err.value.zh and "OCR" in err.value.en


def test_blank_pdf_has_no_text() -> None:
    doc = pdfium.PdfDocument.new()
    doc.new_page(200, 200)
    out = io.BytesIO()
    doc.save(out)
    with pytest.raises(PdfNoText):
        read_pdf(out.getvalue(), "blank.pdf")


def test_encrypted_pdf() -> None:
    pikepdf = pytest.importorskip("pikepdf")
    src = pikepdf.open(io.BytesIO((CORPUS / JS19).read_bytes()))
    out = io.BytesIO()
    src.save(out, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    with pytest.raises(PdfEncrypted) as err:
        read_pdf(out.getvalue(), "locked.pdf")
    assert "密码" in err.value.zh and "password" in err.value.en


@pytest.mark.parametrize("fraction", [0.05, 0.5, 0.9])
def test_truncated_pdf_is_corrupt(fraction: float) -> None:
    data = (CORPUS / JS19).read_bytes()
    with pytest.raises(PdfCorrupt):
        read_pdf(data[: int(len(data) * fraction)], "cut.pdf")


def test_nearly_complete_pdf_is_read_with_a_note() -> None:
    data = (CORPUS / JS19).read_bytes()
    layout = read_pdf(data[:-40], "cut.pdf")
    assert layout.lines[0] == "收支预算总表"
    assert any("%%EOF" in n for n in layout.notes)


def test_garbage_after_pdf_header_is_corrupt() -> None:
    with pytest.raises(PdfCorrupt):
        layout_from_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40, "junk.pdf")


def test_pdf_with_zero_pages() -> None:
    data = hand_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])
    with pytest.raises(PdfNoPages):
        read_pdf(data, "empty.pdf")


def test_pdf_with_too_many_pages() -> None:
    doc = pdfium.PdfDocument.new()
    for _ in range(MAX_PAGES + 1):
        doc.new_page(100, 100)
    out = io.BytesIO()
    doc.save(out)
    with pytest.raises(PdfTooManyPages) as err:
        read_pdf(out.getvalue(), "huge.pdf")
    assert str(MAX_PAGES) in err.value.zh


# ---------------------------------------------------------------- command line


def test_cli_layout_prints_page_numbers() -> None:
    p = run("layout", str(CORPUS / JS19))
    assert p.returncode == 0, p.stderr
    out = p.stdout.splitlines()
    assert out[0] == "p1\t收支预算总表"
    assert "p12\t2019年政府采购预算表" in out


def test_cli_layout_of_text_has_no_pages() -> None:
    p = run("layout", str(CORPUS / "henan-jiyuan-govoffice-2024-unit-budget.txt"))
    assert p.returncode == 0
    assert p.stdout.splitlines()[2].startswith("p-\t")


@pytest.mark.parametrize("command", ["check", "layout", "extract"])
def test_cli_unreadable_pdfs_exit_2_without_traceback(tmp_path: Path, command: str) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_only_pdf())
    p = run(command, str(scan))
    assert p.returncode == 2
    assert "OCR" in p.stderr and "Traceback" not in p.stderr
    cut = tmp_path / "cut.pdf"
    cut.write_bytes((CORPUS / JS19).read_bytes()[:5000])
    p = run(command, str(cut))
    assert p.returncode == 2
    assert "损坏" in p.stderr and "Traceback" not in p.stderr


def test_dense_drawing_is_read_as_text_in_bounded_time() -> None:
    # 400 × 400 crossing lines 2.5 pt apart: not a table a person reads; the text on it must still come out
    lines = [(10, 10 + 2.5 * k, 1010, 10 + 2.5 * k) for k in range(400)] + [
        (10 + 2.5 * k, 10, 10 + 2.5 * k, 1010) for k in range(400)
    ]
    texts = [(200, 300, 10, "Site plan 2025")]
    layout = read_pdf(make_pdf([(1100, 1100, texts, lines)]), "plan.pdf")
    assert layout.lines == ("Site plan 2025",)


def test_paragraph_rebuilt_across_lines_and_a_page_break() -> None:
    # Helvetica "x", "y", "z", "v" are 5 pt wide at 10 pt: every full line ends at x = 300
    p1 = [(70, 100, 10, "x" * 46)] + [(50, 100 + 14 * k, 10, "x" * 50) for k in range(1, 6)]
    p2 = [(50, 100, 10, "y" * 50), (50, 114, 10, "y" * 20), (70, 128, 10, "z" * 46), (50, 142, 10, "z" * 10)]
    p2 += [(50, 200 + 14 * k, 10, "v" * 50) for k in range(5)]
    layout = read_pdf(make_pdf([(400, 500, p1, []), (400, 500, p2, [])]), "p.pdf")
    first = " ".join(["x" * 46] + ["x" * 50] * 5)
    # the part after the page break is a line of page 2 marked CONTINUED: each part keeps its page
    rest = CONTINUED + " " + " ".join(["y" * 50, "y" * 20])
    assert layout.lines[:5] == (first, "", rest, "z" * 46 + " " + "z" * 10, " ".join(["v" * 50] * 5))
    assert layout.pages[:5] == (1, 2, 2, 2, 2)
    # and the narrative reader joins them into one paragraph again, the page of each part kept
    paragraph = read_sections(layout.lines, len(layout.lines), "p.pdf")[0].paragraphs[0]
    assert paragraph.text.startswith(first + " " + "y" * 50) and paragraph.lines[:2] == (1, 3)


def test_damaged_bytes_give_a_layout_or_a_clear_error() -> None:
    import random

    from yusuan.errors import YusuanError

    rng = random.Random(4)
    data = (CORPUS / JS19).read_bytes()
    for _ in range(20):
        d = bytearray(data)
        for _ in range(rng.choice([1, 10, 100])):
            d[rng.randrange(len(d))] = rng.randrange(256)
        if rng.random() < 0.3:
            a = rng.randrange(len(d))
            del d[a : a + rng.randrange(4000)]
        try:
            layout = read_pdf(bytes(d), "damaged.pdf")
        except YusuanError as err:
            assert err.zh and err.en
        else:
            assert len(layout.lines) == len(layout.pages)


def test_a_scanned_page_inside_a_text_pdf_is_noted() -> None:
    doc = pdfium.PdfDocument(make_pdf([(400, 300, [(50, 50, 10, "Narrative page")], [])]))
    doc.import_pages(pdfium.PdfDocument(image_only_pdf()))
    out = io.BytesIO()
    doc.save(out)
    layout = read_pdf(out.getvalue(), "mixed.pdf")
    assert layout.lines == ("Narrative page",)
    assert len(layout.notes) == 1 and "第 2 页" in layout.notes[0] and "page 2" in layout.notes[0]
