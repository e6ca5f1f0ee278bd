"""The HTML reader: small pages built here → the text-format lines expected; pathological markup
and pages that are not disclosures → bounded work and clear errors."""

from __future__ import annotations

import pytest

from yusuan.errors import NotADisclosure
from yusuan.ingest import read_bytes
from yusuan.ingest.formats import layout_from_bytes, sniff

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


@pytest.mark.parametrize(
    "payload", ['"<a " * 400_000', '"</" * 600_000', '"<td>" * 300_000', '"<!x" * 400_000', '"<table>" * 60_000']
)
def test_html_pathological_markup_does_not_hang(payload: str) -> None:
    """html.parser rescans the rest of the file for every unclosed "<" (quadratic); the
    reader escapes those first. Run in a child process so that a hang fails, not blocks."""
    import subprocess
    import sys

    code = f"from yusuan.ingest.html import read_html\ndata = ('<html><body>' + {payload}).encode()\nread_html(data, 'x.html')\n"
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=90)
    assert p.returncode == 0, p.stderr


@pytest.mark.parametrize(
    "head",
    [
        b"\xef\xbb\xbf<!DOCTYPE html>",
        b"<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>",
        b"  <HTML>",
        b"<meta charset=gbk>",
    ],
)
def test_html_is_sniffed_from_its_head(head: bytes) -> None:
    assert sniff(head + "<body><p>没有表格的页面</p></body></html>".encode("gb18030")) == "html"
