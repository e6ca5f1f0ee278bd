"""TEXT-STOP: a sentence without its full stop — at the end of a paragraph before a heading, and
where the printed page starts a new paragraph after a complete clause. Constructed from the
reference document (as text, and as a paged layout, which is how a PDF arrives); the corpus cases
(the justice department budget, the Jiangsu court's 部门机构设置) were read on their pages."""

from __future__ import annotations

from support import CORPUS, EXAMPLE
from yusuan import read_text
from yusuan.checks.stops import missing_stops
from yusuan.ingest import Layout, read_layout
from yusuan.model.core import Disclosure

HENAN = EXAMPLE.read_text("utf-8")
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
    assert got == [
        "「六、一般公共预算基本支出情况说明」中“收入增加的主要原因是工作量增加”之后没有句号，下一段“支出主要内容如下”接着开始。"
    ]


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


def test_a_stated_agreement_between_two_tables() -> None:
    """NARR-TABLE-REF on the Jiangsu 2017 npc budget (p.28: the 机关运行经费 table said to equal the basic table's
    商品和服务支出, 5,619.31 against 1,585.96), and silent where the figures agree or no row is named."""
    from dataclasses import replace

    from yusuan import read
    from yusuan.checks.stated import stated_agreements
    from yusuan.model.money import parse_amount

    corpus = CORPUS
    d = read(corpus / "jiangsu-npc-office-2017-dept-budget.pdf").disclosure
    got = list(stated_agreements(d))
    assert [(f.rule, f.severity, f.actual, f.expected) for f in got] == [("NARR-TABLE-REF", "warning", "5619.31", "1585.96")]
    assert "十、一般公共预算机关运行经费支出预算表情况说明" in got[0].message

    def with_total(value: str) -> Disclosure:
        tables = []
        for t in d.tables:
            if t.type == "operating_expenses":
                rows = tuple(
                    replace(r, cells=tuple(replace(c, amount=parse_amount(value), raw=value) for c in r.cells))
                    if r.key == "total"
                    else r
                    for r in t.rows
                )
                t = replace(t, rows=rows)
            tables.append(t)
        return replace(d, tables=tuple(tables))

    assert list(stated_agreements(with_total("1,585.96"))) == []  # the sentence holds
    assert list(stated_agreements(with_total("1,585.965"))) == []  # within rounding
    unnamed = tuple(
        replace(
            s, paragraphs=tuple(replace(p, text=p.text.replace("的“商品和服务支出”支出数", "的支出数")) for p in s.paragraphs)
        )
        for s in d.sections
    )
    assert list(stated_agreements(replace(d, sections=unnamed))) == []  # no row named: not read


def test_one_document_cited_under_two_titles() -> None:
    """TEXT-CITATION: a word inserted in one place of a cited title; another document's words, table titles, a prefix or
    an ending of their own are never judged."""
    from yusuan.checks.stops import cited_titles

    def said(extra: str) -> list[str]:
        return [f.message for f in cited_titles(read_text(HENAN.replace(BASIC, BASIC + extra, 1)).disclosure)]

    a, b = "《财政部、司法部关于进一步加强人民调解经费保障的意见》", "《财政部、司法部关于进一步加强人民调解工作经费保障的意见》"
    got = said(f"依据{a}（财行〔2007〕179号）和关于贯彻{b}的实施意见。")
    assert len(got) == 1 and "只差“工作”" in got[0]
    for other in (
        "《关于加强人民调解员队伍建设的意见》和《关于加强人民调解员队伍建设的实施意见》",  # an implementing document
        "《关于加强财政预算管理的意见》和《关于进一步加强财政预算管理的意见》",  # a later document
        "《一般公共预算基本支出预算表》和《部门一般公共预算基本支出预算表》",  # tables
        "《上海市预算管理办法》和《上海市预算管理办法实施细则》",  # another document (an ending)
    ):
        assert said(f"依据{other}。") == [], other


def test_a_paragraph_whose_heading_follows_on_another_page_is_not_judged() -> None:
    text = HENAN.replace(BASIC, "人员经费支出1616.50万元，公用经费支出188.40万元，主要用于保障机构正常运转", 1)
    lines = tuple(text.split("\n"))
    head = next(i for i, ln in enumerate(lines) if ln.startswith("## 七、"))
    same = read_layout(Layout(lines, (1,) * len(lines), "pdf", "t.pdf")).disclosure
    assert len(_messages(same)) == 1
    later = read_layout(Layout(lines, tuple(1 if i < head else 2 for i in range(len(lines))), "pdf", "t.pdf")).disclosure
    assert _messages(later) == []  # the text may go on past the page (a table, a chart between): not judged
