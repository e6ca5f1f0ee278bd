"""TEXT-STOP: a sentence without its full stop — at the end of a paragraph before a heading, and
where the printed page starts a new paragraph after a complete clause. Constructed from the
reference document (as text, and as a paged layout, which is how a PDF arrives); the corpus cases
(the justice department budget, the Jiangsu court's 部门机构设置) were read on their pages."""

from __future__ import annotations

from pathlib import Path

from yusuan import read_text
from yusuan.checks.stops import missing_stops
from yusuan.ingest import Layout, read_layout
from yusuan.model.core import Disclosure

HENAN = (Path(__file__).resolve().parent.parent / "src" / "yusuan" / "data" / "henan-jiyuan-govoffice-2024-unit-budget.txt").read_text("utf-8")
BASIC = "人员经费支出1616.50万元，占89.56%；公用经费支出188.40万元，占10.44%。"


def _paged(text: str) -> Disclosure:
    lines = tuple(text.split("\n"))
    return read_layout(Layout(lines, (1,) * len(lines), "pdf", "t.pdf")).disclosure


def _messages(d: Disclosure) -> list[str]:
    return [f.message for f in missing_stops(d)]


def test_the_reference_document_has_none_as_text_and_as_pages() -> None:
    assert _messages(read_text(HENAN).disclosure) == []
    assert _messages(_paged(HENAN)) == []


def test_a_paragraph_that_ends_without_its_stop_before_the_next_heading() -> None:
    # ending in a figure or a %: maybe a chart label or a figure list, not judged
    assert _messages(read_text(HENAN.replace(BASIC, BASIC[:-1], 1)).disclosure) == []
    text = HENAN.replace(BASIC, "人员经费支出1616.50万元，公用经费支出188.40万元，主要用于保障机构正常运转", 1)
    got = _messages(read_text(text).disclosure)
    assert got == ["「六、一般公共预算基本支出情况说明」中的段落以“主要用于保障机构正常运转”结束，句末没有句号。"]


def test_headings_titles_and_short_lines_need_no_stop() -> None:
    # a heading, the document title, a one-line list item, a line of figures: none is prose to be stopped
    text = HENAN.replace(BASIC, BASIC + "\n\n1.机关本级\n\n支出预算图 0.64%", 1)
    assert _messages(read_text(text).disclosure) == []


def test_a_complete_reason_then_a_new_paragraph_on_the_same_page() -> None:
    text = HENAN.replace(BASIC, BASIC + "\n收入增加的主要原因是工作量增加\n支出主要内容如下：", 1)
    got = _messages(_paged(text))
    assert got == ["「六、一般公共预算基本支出情况说明」中“收入增加的主要原因是工作量增加”之后没有句号，下一段“支出主要内容如下”接着开始。"]


def test_a_line_break_inside_a_sentence_is_not_a_missing_stop() -> None:
    # the next line starts with a figure (the sentence goes on), the clause is not complete, or text input
    for extra in ("\n收入增加的主要原因是工作量增加\n12.5%。", "\n收入增加的主要原因是本部门\n无公务用车。"):
        assert _messages(_paged(HENAN.replace(BASIC, BASIC + extra, 1))) == []
    text = HENAN.replace(BASIC, BASIC + "\n收入增加的主要原因是工作量增加\n支出主要内容如下：", 1)
    assert _messages(read_text(text).disclosure) == []  # lines of a text file wrap anywhere: no pages, not judged


def test_xiangbi_without_its_bi() -> None:
    """TEXT-WORDING: 与上年相未发生变化 (相比 lost its 比); 相同/相当/相比 are whole words."""
    from yusuan.checks.text import wording

    def said(extra: str) -> list[str]:
        d = read_text(HENAN.replace(BASIC, BASIC + extra, 1)).disclosure
        return [f.message for f in wording(d)]

    assert any("「与上年相」后缺字" in m for m in said("预留机动经费140.2万元，与上年相未发生变化。"))
    assert any("「与2023年预算相」后缺字" in m for m in said("人员经费与2023年预算相增加10万元。"))
    for fine in ("与上年相比未发生变化。", "与上年相同。", "与上年相当。", "与上年基本相符。"):
        assert said(fine) == [], fine
