"""The XLSX reader: small workbooks built here → the text-format lines expected; formulas, entity
tricks and far-away cells → clear errors or bounded work; the Shanghai template read with its profile."""

from __future__ import annotations

import io
import zipfile

import pytest

from support import CORPUS, rezip
from yusuan.errors import InputError, NotADisclosure, UnsafeInput
from yusuan.ingest import read_bytes
from yusuan.ingest.formats import layout_from_bytes
from yusuan.ingest.xlsx import format_number

SHANGHAI = CORPUS / "shanghai-unit-budget-template.xlsx"


def _xlsx_bytes(formula: bool = False) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    ws["A1"] = "2024年单位收支预算表"
    ws.merge_cells("A1:D1")
    ws["A2"] = "单位名称：某单位"
    ws["A3"] = "单位：万元"
    ws.append(["收入", None, "支出", None])
    ws.merge_cells("A4:B4")
    ws.merge_cells("C4:D4")
    ws.append(["项目", "金额", "项目", "金额"])
    ws.append(["一、一般公共预算", 2155.16, "一、一般公共服务", 1664.46])
    ws.append(["上年结转结余", None, None, None])
    ws.append(["收入总计", 2753.26, "支出总计", 2753.26])
    for row in ws.iter_rows(min_row=6, max_row=8):
        for c in row:
            c.number_format = "#,##0.00"
    ws.append([])
    ws.append(["注：报表金额单位转换时可能存在四舍五入尾数误差。"])
    ws2 = wb.create_sheet("表2")
    ws2.append(["单位代码", "合计", "编码"])
    ws2.append(["003001", 948.4, 2010301])
    ws2["B2"].number_format = "0.0"
    if formula:
        ws2["B3"] = "=SUM(B2:B2)"
    hidden = wb.create_sheet("隐藏")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "不应读到"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_sheets_merged_cells_and_number_formats() -> None:
    layout = layout_from_bytes(_xlsx_bytes(), "t.xlsx")
    assert layout.format == "xlsx"
    assert layout.lines == (
        "2024年单位收支预算表",
        "单位名称：某单位",
        "单位：万元",
        "收入\t\t支出\t",
        "项目\t金额\t项目\t金额",
        "一、一般公共预算\t2,155.16\t一、一般公共服务\t1,664.46",
        "上年结转结余\t\t\t",  # one filled cell after a grid row stays a grid row of full width
        "收入总计\t2,753.26\t支出总计\t2,753.26",
        "",
        "注：报表金额单位转换时可能存在四舍五入尾数误差。",
        "",
        "单位代码\t合计\t编码",
        "003001\t948.4\t2010301",
    )
    assert any("隐藏" in n for n in layout.notes)


def test_xlsx_formulas_without_cached_values_are_refused() -> None:
    with pytest.raises(InputError) as e:
        layout_from_bytes(_xlsx_bytes(formula=True), "formula.xlsx")
    assert "公式没有缓存值，请在 Excel 中打开并保存后再试" in e.value.zh
    assert "cached" in e.value.en


def test_xlsx_formula_with_cached_value_is_read() -> None:
    data = _xlsx_bytes(formula=True)
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet2.xml")
    cached = sheet.replace(b"<f>SUM(B2:B2)</f><v></v>", b"<f>SUM(B2:B2)</f><v>948.4</v>").replace(
        b"<f>SUM(B2:B2)</f></c>", b"<f>SUM(B2:B2)</f><v>948.4</v></c>"
    )
    assert cached != sheet
    layout = layout_from_bytes(rezip(data, {"xl/worksheets/sheet2.xml": cached}), "cached.xlsx")
    assert layout.lines[-1].split("\t") == ["", "948.4", ""]


@pytest.mark.parametrize(
    ("value", "fmt", "printed"),
    [
        (2155.16, "#,##0.00", "2,155.16"),
        (2155.1, "#,##0.00", "2,155.10"),
        (1234567.005, "#,##0.00_ ;[Red]-#,##0.00", "1,234,567.01"),
        (948.4, "0.0", "948.4"),
        (0.1 + 0.2, "General", "0.30000000000000004"),
        (2010301.0, "General", "2010301"),
        (35, "0.00", "35.00"),
        (0.9222, "0.00%", "92.22%"),
        (-6.5, '"¥"#,##0.00', "-6.50"),
    ],
)
def test_number_formats(value: float, fmt: str, printed: str) -> None:
    assert format_number(value, fmt) == printed


def test_xlsx_entity_tricks_are_refused() -> None:
    data = _xlsx_bytes()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml")
    evil = b'<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + xml
    with pytest.raises(UnsafeInput):
        layout_from_bytes(rezip(data, {"xl/workbook.xml": evil}), "evil.xlsx")


def test_shanghai_template_is_read_with_the_shanghai_profile() -> None:
    data = SHANGHAI.read_bytes()
    layout = layout_from_bytes(data, "sh.xlsx")
    assert "2026年预算单位财务收支预算总表" in layout.lines
    assert "功能分类科目编码\t\t\t功能分类科目名称\t合计\t基本支出\t项目支出" in layout.lines
    d = read_bytes(data, "sh.xlsx").disclosure
    assert d.meta.profile == "shanghai-budget" and d.meta.year == 2026
    assert [t.type for t in d.tables][:3] == ["summary", "income", "expenditure"] and len(d.tables) == 9
    assert all(t.is_empty for t in d.tables)  # the blank template: every value cell empty, none made 0
    assert d.table("three_public").unit == "万元" and d.table("summary").unit == "元"  # type: ignore[union-attr]


def test_a_document_of_no_known_template_is_named_as_such() -> None:
    text = "\n".join(
        [
            "2026年某某单位预算",
            "",
            "甲乙丙对照表",
            "单位：元",
            "项目\t金额",
            "合计\t1.00",
            "",
            "丁戊己明细表",
            "单位：元",
            "项目\t金额",
            "合计\t2.00",
        ]
    )
    with pytest.raises(NotADisclosure) as e:
        read_bytes(text.encode(), "x.txt")
    assert "不属于任何已知模板" in e.value.zh and "2 张表" in e.value.zh


def test_xlsx_with_a_far_away_cell_does_not_expand_to_the_whole_sheet() -> None:
    """A1 and XFD1048576 filled: the declared dimension is 17 billion cells; the reader
    walks the cells that exist instead (bounded time and memory)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "标题"
    ws["XFD1048576"] = "远处"
    buf = io.BytesIO()
    wb.save(buf)
    layout = layout_from_bytes(buf.getvalue(), "far.xlsx")
    assert layout.lines[0] == "标题" and layout.lines[-1] == "远处"


def test_xlsx_several_tables_stacked_in_one_sheet() -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (
        ["2024年一般公共预算“三公”经费预算表"],
        ["单位：万元"],
        ["“三公”经费合计", "因公出国（境）费", "公务接待费"],
        [35, None, 12],
        [],
        ["注：报表金额单位转换时可能存在四舍五入尾数误差。"],
        [],
        [None, "项目支出预算表"],  # a second table further right and below
        [None, "单位代码", "单位（项目）名称", "合计"],
        [None, "003001", "信访工作经费", 80],
        [None, None, "合计"],
    ):
        ws.append(row)
    for c in ("A4", "C4", "D10"):
        ws[c].number_format = "#,##0.00"
    buf = io.BytesIO()
    wb.save(buf)
    assert layout_from_bytes(buf.getvalue(), "stack.xlsx").lines == (
        "2024年一般公共预算“三公”经费预算表",
        "单位：万元",
        "“三公”经费合计\t因公出国（境）费\t公务接待费",
        "35.00\t\t12.00",
        "",
        "注：报表金额单位转换时可能存在四舍五入尾数误差。",
        "",
        "项目支出预算表",
        "单位代码\t单位（项目）名称\t合计",  # trimmed to the columns the table uses
        "003001\t信访工作经费\t80.00",
        "\t合计\t",  # one filled cell right after a grid row stays in the grid
    )


def test_xlsx_merged_cells_with_repeated_text_keep_it_in_the_first_cell_only() -> None:
    """Some programs write a merged cell's text into every cell of the range."""
    data = _xlsx_bytes()
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode("utf-8")
    # fill B4 (covered by the merge A4:B4) with the same text as A4
    assert '<c r="B4"' not in sheet
    sheet = sheet.replace('<c r="C4"', '<c r="B4" t="inlineStr"><is><t>收入</t></is></c><c r="C4"', 1)
    layout = layout_from_bytes(rezip(data, {"xl/worksheets/sheet1.xml": sheet.encode()}), "dup.xlsx")
    assert "收入\t\t支出\t" in layout.lines
