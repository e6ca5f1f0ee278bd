"""DOCX, XLSX and HTML readers: small files built here → the text-format lines expected;
damaged, hostile and unsupported files → clear errors."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from yusuan.errors import InputError, NotADisclosure, UnsafeInput
from yusuan.ingest import read_bytes
from yusuan.ingest.formats import layout_from_bytes, sniff
from yusuan.ingest.xlsx import format_number

SHANGHAI = Path(__file__).parent / "fixtures" / "corpus" / "shanghai-unit-budget-template.xlsx"


# ---------------------------------------------------------------- DOCX


def _docx_bytes() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("2024年度某单位单位预算说明", level=1)
    d.add_paragraph("一般公共预算收入\t2155.16万元。")
    t = d.add_table(rows=3, cols=4)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "收入"
    t.cell(0, 2).merge(t.cell(0, 3)).text = "支出"
    t.cell(1, 0).text = "项目"
    t.cell(1, 1).merge(t.cell(2, 1)).text = "金额"
    t.cell(1, 2).text = "项目"
    t.cell(1, 3).text = "金额"
    t.cell(2, 0).text = "一、一般公共预算"
    t.cell(2, 2).text = "一、一般公共服务"
    t.cell(2, 3).text = "1,664.46"
    d.add_page_break()
    d.add_paragraph("注：报表金额单位转换时可能存在四舍五入尾数误差。")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_headings_and_merged_cells() -> None:
    data = _docx_bytes()
    assert sniff(data) == "docx"
    layout = layout_from_bytes(data, "t.docx")
    assert layout.format == "docx"
    assert layout.lines == (
        "# 2024年度某单位单位预算说明",
        "一般公共预算收入 2155.16万元。",  # a tab in a paragraph never makes a grid row
        "收入\t\t支出\t",
        "项目\t金额\t项目\t金额",
        "一、一般公共预算\t\t一、一般公共服务\t1,664.46",  # the vertically merged 金额 keeps "" below
        "",
        "注：报表金额单位转换时可能存在四舍五入尾数误差。",
    )
    assert set(layout.pages) == {None}  # python-docx records no page layout: pages unknown, not guessed


def test_docx_pages_from_the_breaks_word_recorded() -> None:
    data = _docx_bytes()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    marker = b"<w:r><w:lastRenderedPageBreak/><w:t>"
    # as Word saves them: a page that starts after the paragraph's text, one before the note
    xml = xml.replace(b"<w:r><w:t>\xe6\xb3\xa8", marker + "注".encode(), 1)
    xml = xml.replace("万元。</w:t>".encode(), "万元。</w:t><w:lastRenderedPageBreak/>".encode(), 1)
    layout = layout_from_bytes(_rezip(data, {"word/document.xml": xml}), "pages.docx")
    by_line = dict(zip(layout.lines, layout.pages, strict=True))
    assert by_line["一般公共预算收入 2155.16万元。"] == 1  # a paragraph keeps the page it starts on
    assert by_line["收入\t\t支出\t"] == 2
    assert by_line["注：报表金额单位转换时可能存在四舍五入尾数误差。"] == 3


def _rezip(data: bytes, change: dict[str, bytes]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, change.get(info.filename, src.read(info.filename)))
        for name in set(change) - set(src.namelist()):
            z.writestr(name, change[name])
    return out.getvalue()


def test_docx_with_entity_declarations_is_refused() -> None:
    data = _docx_bytes()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    evil = xml.replace(b"?>", b'?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>', 1)
    with pytest.raises(UnsafeInput) as e:
        layout_from_bytes(_rezip(data, {"word/document.xml": evil}), "evil.docx")
    assert "DTD" in e.value.zh and "entit" in e.value.en


def test_zip_bomb_by_declared_size_is_refused() -> None:
    data = _docx_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zipfile.ZipFile(io.BytesIO(data)).infolist():
            z.writestr(info.filename, zipfile.ZipFile(io.BytesIO(data)).read(info.filename))
        with z.open("word/media/bomb.bin", "w", force_zip64=True) as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(210):  # 210 MiB of zeros: about 200 KiB compressed
                f.write(chunk)
    bomb = out.getvalue()
    assert len(bomb) < 2_000_000
    with pytest.raises(UnsafeInput) as e:
        layout_from_bytes(bomb, "bomb.docx")
    assert "压缩炸弹" in e.value.zh


def test_zip_bomb_by_ratio_is_refused() -> None:
    data = _docx_bytes()
    bomb = _rezip(data, {"word/media/zeros.bin": b"\0" * (8 << 20)})  # ratio about 1000
    with pytest.raises(UnsafeInput) as e:
        layout_from_bytes(bomb, "ratio.docx")
    assert "压缩比" in e.value.zh


def test_zip_member_that_lies_about_its_size_is_refused() -> None:
    data = _rezip(_docx_bytes(), {"word/media/zeros.bin": b"\0" * (3 << 20)})
    buf = bytearray(data)
    # declare 1,000 bytes for the 3 MiB member in the local header and the central directory
    zi = next(i for i in zipfile.ZipFile(io.BytesIO(data)).infolist() if i.filename.endswith("zeros.bin"))
    struct.pack_into("<I", buf, zi.header_offset + 22, 1000)
    pos = buf.index(b"PK\x01\x02")
    while True:
        pos = buf.index(b"PK\x01\x02", pos)
        name_len = struct.unpack_from("<H", buf, pos + 28)[0]
        if bytes(buf[pos + 46 : pos + 46 + name_len]).endswith(b"zeros.bin"):
            struct.pack_into("<I", buf, pos + 24, 1000)
            break
        pos += 4
    with pytest.raises(InputError):  # UnsafeInput (inflates past its size) or damaged
        layout_from_bytes(bytes(buf), "liar.docx")


def test_damaged_docx_is_a_clear_error() -> None:
    data = _docx_bytes()
    broken = _rezip(data, {"word/document.xml": b"<w:document>not xml"})
    with pytest.raises(InputError) as e:
        layout_from_bytes(broken, "broken.docx")
    assert "DOCX" in e.value.zh


# ---------------------------------------------------------------- XLSX


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
    layout = layout_from_bytes(_rezip(data, {"xl/worksheets/sheet2.xml": cached}), "cached.xlsx")
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
        layout_from_bytes(_rezip(data, {"xl/workbook.xml": evil}), "evil.xlsx")


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
        ["2026年某某单位预算", "", "甲乙丙对照表", "单位：元", "项目\t金额", "合计\t1.00", "", "丁戊己明细表", "单位：元", "项目\t金额", "合计\t2.00"]
    )
    with pytest.raises(NotADisclosure) as e:
        read_bytes(text.encode(), "x.txt")
    assert "不属于任何已知模板" in e.value.zh and "2 张表" in e.value.zh


# ---------------------------------------------------------------- HTML

_HTML = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>不读标题</title><style>p {{ color: red }}</style><script>var x = "<p>no</p>";</script></head>
<body><h1>2024年度单位预算说明</h1><p>第一段，<b>加粗</b>文字。<br>第二行。</p>
<div style="page-break-before: always"><h2 style="x">2024年单位收支预算表</h2></div>
<p>单位：万元</p>
<table><thead><tr><th colspan="2">收入</th><th colspan=2>支出</th></tr></thead>
<tr><td rowspan="2">项目</td><td>金额</td><td>项目</td><td>金额</td></tr>
<tr><td>1,000.00</td><td colspan="2">跨两列</td></tr>
<tr><td>a<table><tr><td>内</td><td>嵌</td></tr></table>b</td><td></td><td>c</td><td>d</td></tr>
</table><p>注：{note}</p></body></html>"""


def test_html_gb2312_spans_and_blocks() -> None:
    data = _HTML.format(note="尾数误差。").encode("gb18030")
    assert sniff(data) == "html"
    layout = layout_from_bytes(data, "t.html")
    assert layout.lines == (
        "# 2024年度单位预算说明",
        "第一段，加粗文字。",
        "第二行。",
        "",
        "## 2024年单位收支预算表",
        "单位：万元",
        "收入\t\t支出\t",
        "项目\t金额\t项目\t金额",
        "\t1,000.00\t跨两列\t",
        "a 内 嵌b\t\tc\td",  # a nested table's text joins its cell
        "",
        "注：尾数误差。",
    )


def test_html_utf8_bom_wins_over_a_wrong_meta() -> None:
    data = b"\xef\xbb\xbf" + _HTML.format(note="甲").encode("utf-8")  # meta says gb2312; the BOM says UTF-8
    assert layout_from_bytes(data, "bom.html").lines[-1] == "注：甲"


def test_html_huge_spans_are_capped() -> None:
    html = "<html><body><table><tr><td colspan='99999999' rowspan='99999999'>x</td></tr><tr><td>y</td></tr></table></body></html>"
    layout = layout_from_bytes(html.encode(), "span.html")
    first, second = (line.split("\t") for line in layout.lines)
    assert len(first) == 1001 and first[0] == "x"  # colspan capped at 1000; rowspan at the table's rows
    assert second[0] == "" and second[1000] == "y"


def test_html_that_is_not_a_disclosure_is_a_clear_error() -> None:
    with pytest.raises(NotADisclosure):
        read_bytes(b"<html><body><p>hello</p></body></html>", "hello.html")


@pytest.mark.parametrize("payload", ['"<a " * 400_000', '"</" * 600_000', '"<td>" * 300_000', '"<!x" * 400_000', '"<table>" * 60_000'])
def test_html_pathological_markup_does_not_hang(payload: str) -> None:
    """html.parser rescans the rest of the file for every unclosed "<" (quadratic); the
    reader escapes those first. Run in a child process so that a hang fails, not blocks."""
    import subprocess
    import sys

    code = (
        "from yusuan.ingest.html import read_html\n"
        f"data = ('<html><body>' + {payload}).encode()\n"
        "read_html(data, 'x.html')\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=90)
    assert p.returncode == 0, p.stderr


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


def test_docx_automatic_numbering_is_printed_as_word_prints_it() -> None:
    import docx

    d = docx.Document()
    for text in ("主要职责", "负责督查。", "机构设置", "内设机构", "预算单位构成", "收入说明"):
        d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    z = zipfile.ZipFile(io.BytesIO(data))
    numbering = z.read("word/numbering.xml")
    ours = (
        '<w:abstractNum w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
    ).encode()
    numbering = numbering.replace(b"</w:numbering>", ours + b"</w:numbering>")
    xml = z.read("word/document.xml").decode("utf-8")

    def num(level: int) -> str:
        return f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr></w:pPr>'

    levels = {"主要职责": 0, "机构设置": 0, "内设机构": 1, "预算单位构成": 1, "收入说明": 0}
    for text, level in levels.items():
        xml = xml.replace(f"<w:p><w:r><w:t>{text}</w:t>", f"{num(level)}<w:r><w:t>{text}</w:t>", 1)
    layout = layout_from_bytes(_rezip(data, {"word/document.xml": xml.encode(), "word/numbering.xml": numbering}), "n.docx")
    assert layout.lines == ("一、主要职责", "负责督查。", "二、机构设置", "（一）内设机构", "（二）预算单位构成", "三、收入说明")


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (34, "三十四"), (105, "一百零五"), (110, "一百一十")])
def test_chinese_counting(n: int, text: str) -> None:
    from yusuan.ingest.docx import _chinese

    assert _chinese(n) == text


@pytest.mark.parametrize(
    "head",
    [b"\xef\xbb\xbf<!DOCTYPE html>", b"<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>", b"  <HTML>", b"<meta charset=gbk>"],
)
def test_html_is_sniffed_from_its_head(head: bytes) -> None:
    assert sniff(head + "<body><p>没有表格的页面</p></body></html>".encode("gb18030")) == "html"


def test_xlsx_merged_cells_with_repeated_text_keep_it_in_the_first_cell_only() -> None:
    """Some programs write a merged cell's text into every cell of the range."""
    data = _xlsx_bytes()
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode("utf-8")
    # fill B4 (covered by the merge A4:B4) with the same text as A4
    assert '<c r="B4"' not in sheet
    sheet = sheet.replace('<c r="C4"', '<c r="B4" t="inlineStr"><is><t>收入</t></is></c><c r="C4"', 1)
    layout = layout_from_bytes(_rezip(data, {"xl/worksheets/sheet1.xml": sheet.encode()}), "dup.xlsx")
    assert "收入\t\t支出\t" in layout.lines
