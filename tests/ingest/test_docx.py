"""The DOCX reader: small files built here → the text-format lines expected; damaged, hostile
(entities, zip bombs) and unsupported files → clear errors."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from support import rezip
from yusuan.errors import InputError, UnsafeInput
from yusuan.ingest.formats import layout_from_bytes, sniff


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
    layout = layout_from_bytes(rezip(data, {"word/document.xml": xml}), "pages.docx")
    by_line = dict(zip(layout.lines, layout.pages, strict=True))
    assert by_line["一般公共预算收入 2155.16万元。"] == 1  # a paragraph keeps the page it starts on
    assert by_line["收入\t\t支出\t"] == 2
    assert by_line["注：报表金额单位转换时可能存在四舍五入尾数误差。"] == 3


def test_docx_with_entity_declarations_is_refused() -> None:
    data = _docx_bytes()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    evil = xml.replace(b"?>", b'?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>', 1)
    with pytest.raises(UnsafeInput) as e:
        layout_from_bytes(rezip(data, {"word/document.xml": evil}), "evil.docx")
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
    bomb = rezip(data, {"word/media/zeros.bin": b"\0" * (8 << 20)})  # ratio about 1000
    with pytest.raises(UnsafeInput) as e:
        layout_from_bytes(bomb, "ratio.docx")
    assert "压缩比" in e.value.zh


def test_zip_member_that_lies_about_its_size_is_refused() -> None:
    data = rezip(_docx_bytes(), {"word/media/zeros.bin": b"\0" * (3 << 20)})
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
    broken = rezip(data, {"word/document.xml": b"<w:document>not xml"})
    with pytest.raises(InputError) as e:
        layout_from_bytes(broken, "broken.docx")
    assert "DOCX" in e.value.zh


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
    layout = layout_from_bytes(rezip(data, {"word/document.xml": xml.encode(), "word/numbering.xml": numbering}), "n.docx")
    assert layout.lines == ("一、主要职责", "负责督查。", "二、机构设置", "（一）内设机构", "（二）预算单位构成", "三、收入说明")


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (34, "三十四"), (105, "一百零五"), (110, "一百一十")]
)
def test_chinese_counting(n: int, text: str) -> None:
    from yusuan.ingest.docx import _chinese

    assert _chinese(n) == text
