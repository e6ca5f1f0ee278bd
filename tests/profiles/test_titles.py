"""Tables recognised by the meaning of their titles, the 目录 checked against them, and empty
tables with their notes (issue 9 items 2 and 3, issue 10 family 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import CORPUS
from yusuan import read_files, read_text
from yusuan.checks import run_checks
from yusuan.checks.completeness import empty_note_with_figures, empty_without_note
from yusuan.checks.document import _same_words, toc_titles
from yusuan.model import Disclosure
from yusuan.profiles import get_profile
from yusuan.profiles.titles import bare_title, strip_glued_note, title_words

TRUTH = CORPUS / "truth"

# ---------------------------------------------------------------- titles by meaning


@pytest.mark.parametrize(
    "profile, printed, expected",
    [
        # word order
        ("jiangsu-dept-budget", "政府性基金预算财政拨款支出预算表", "gov_fund_expenditure"),
        ("jiangsu-dept-budget", "财政拨款政府性基金支出预算表", "gov_fund_expenditure"),
        ("jiangsu-dept-budget", "政府性基金财政拨款支出预算表", "gov_fund_expenditure"),
        # prefixes: 公开N表：, 表十, 一、, the year and the unit's name, 部门
        ("jiangsu-dept-budget", "公开10表：政府性基金支出预算表", "gov_fund_expenditure"),
        ("jiangsu-dept-budget", "表十 一般公共预算机关运行经费支出预算表", "operating_expenses"),
        ("jiangsu-dept-budget", "七、2017年度某某省高级人民法院部门政府性基金支出预算表", "gov_fund_expenditure"),
        ("jiangsu-dept-budget", "四、2017年度某某省高级人民法院部门财政拨款收支预算总表", "fiscal_summary"),
        # a qualifier in brackets or in front, implied by the table
        ("jiangsu-dept-budget", "“三公”经费、会议费、培训费支出预算表（一般公共预算）", "three_public"),
        ("jiangsu-dept-budget", "一般公共预算“三公”经费支出预算表", "three_public"),
        ("jiangsu-dept-budget", "2017年政府采购预算表", "procurement"),
        ("jiangsu-dept-budget", "政府采购支出预算表", "procurement"),
        # 预算 / 决算 wording
        ("final-account", "收入支出预算总表", "summary"),
        ("final-account", "政府性基金预算财政拨款支出预算表", "gov_fund_expenditure"),
        ("shanghai-budget", "政府性基金支出预算表", "gov_fund_expenditure"),
        ("shanghai-budget", "2026年预算单位一般公共预算基本支出部门预算经济分类预算表", "gpb_basic_expenditure"),
        ("henan-unit-budget", "项目支出绩效目标表", "performance_targets"),
        # the note of the table before glued to the title by the reader
        ("final-account", "注：本表反映部门本年度取得的各项收入情况。支出决算表", "expenditure"),
        ("final-account", "注：本表反映部门本年度各项支出情况。财政拨款收入支出决算总表", "fiscal_summary"),
    ],
)
def test_a_title_is_recognised_by_its_meaning(profile: str, printed: str, expected: str) -> None:
    spec = get_profile(profile).match_title(printed)
    assert spec is not None and spec.type == expected


@pytest.mark.parametrize(
    "profile, printed",
    [
        # another table: a concept the template's table does not have
        ("jiangsu-dept-budget", "财政拨款项目支出预算表"),
        ("henan-unit-budget", "财政拨款支出预算表"),
        ("shanghai-budget", "财政项目支出绩效目标填报表（2023年度）"),
        # a fragment, a heading, a section title (no 表)
        ("jiangsu-dept-budget", "出预算表"),
        ("jiangsu-dept-budget", "第二部分 2017年度部门预算表"),
        ("jiangsu-dept-budget", "一般公共预算支出情况"),
    ],
)
def test_a_title_of_another_table_is_not_recognised(profile: str, printed: str) -> None:
    assert get_profile(profile).match_title(printed) is None


def test_prefix_naming_another_concept_is_not_a_prefix() -> None:
    """政府性基金预算财政拨款支出预算表 ends with 财政拨款支出预算表 (another table of the template)."""
    assert get_profile("jiangsu-dept-budget").match_title("政府性基金预算财政拨款支出预算表").type == "gov_fund_expenditure"  # type: ignore[union-attr]


def test_title_words_and_glued_notes() -> None:
    assert title_words("政府性基金预算财政拨款收入支出决算表") == {"政府性基金", "财政拨款", "收支"}
    assert title_words("2017年度江苏省高级人民法院部门") == frozenset()
    assert strip_glued_note("注：本表反映部门本年度各项支出情况。财政拨款收入支出决算总表") == (
        "注：本表反映部门本年度各项支出情况。",
        "财政拨款收入支出决算总表",
    )
    assert strip_glued_note("收入决算表") == ("", "收入决算表")
    assert bare_title("2017年政府采购预算表（续）") == "2017年政府采购预算表"


# ---------------------------------------------------------------- reading tables by their titles

SUMMARY = "\n".join(
    [
        "收支预算总表",
        "单位：万元",
        "收入\t\t支出\t\t\t",
        "项目名称\t金额\t功能分类\t\t支出用途\t",
        "一、财政拨款\t10.00\t一、一般公共服务支出\t10.00\t一、基本支出\t6.00",
        "1.一般公共预算\t10.00\t\t\t二、项目支出\t4.00",
        "收入合计\t10.00\t支出合计\t\t\t10.00",
    ]
)
FUND_EMPTY = "\n".join(["财政拨款政府性基金支出预算表", "单位：万元", "功能科目代码\t功能科目名称\t金额", "\t合计\t"])
PROCUREMENT = "\n".join(
    [
        "政府采购预算表",
        "单位：万元",
        "采购品目大类\t专项名称\t经济科目\t采购物品名称\t采购组织形式\t总计",
        "合计\t\t\t\t\t3.00",
        "一、货物A\t\t\t\t\t3.00",
    ]
)


def _doc(*parts: str, contents: tuple[str, ...] = ()) -> Disclosure:
    head = ["2026年某单位部门预算", ""]
    if contents:
        head += [
            "目录",
            "第一部分 部门概况",
            *contents,
            "",
            "第一部分 部门概况",
            "本部门主要职责是为本单位服务，这一段文字是情况说明的正文，足够长，不是目录中的一项。",
            "",
        ]
    text = "\n".join([*head, *("\n" + p + "\n" for p in parts)])
    return read_text(text, profile="jiangsu-dept-budget", allow_partial=True).disclosure


def test_a_note_glued_to_the_next_title_goes_to_its_table() -> None:
    text = "\n".join(
        [
            "2024年度某局部门决算",
            "",
            "收入决算表",
            "单位：万元",
            "项目\t\t本年收入合计\t财政拨款收入",
            "科目编码\t科目名称\t\t",
            "合计\t\t5.00\t5.00",
            "注：本表反映部门本年度取得的各项收入情况。支出决算表",
            "",
            "单位：万元",
            "项目\t\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出",
            "合计\t\t5.00\t5.00\t\t\t\t",
        ]
    )
    d = read_text(text, profile="final-account", allow_partial=True).disclosure
    income, expenditure = d.table("income"), d.table("expenditure")
    assert income is not None and expenditure is not None
    assert expenditure.title == "支出决算表"
    assert "注：本表反映部门本年度取得的各项收入情况。" in income.notes
    assert not any("收入情况" in n for n in expenditure.notes)


def test_a_table_number_above_the_title_is_part_of_it_not_a_note_of_the_table_before() -> None:
    d = _doc(SUMMARY + "\n\n表二\n" + FUND_EMPTY)
    fund = d.table("gov_fund_expenditure")
    summary = d.table("summary")
    assert fund is not None and summary is not None
    assert fund.title == "表二 财政拨款政府性基金支出预算表"
    assert "表二" not in summary.notes


def test_the_same_title_printed_again_on_the_next_page_continues_the_table() -> None:
    continued = (
        PROCUREMENT
        + "\n\n"
        + "\n".join(
            [
                "政府采购预算表",
                "单位：万元",
                "采购品目大类\t专项名称\t经济科目\t采购物品名称\t采购组织形式\t总计",
                "三、服务C\t\t\t\t\t2.00",
            ]
        )
    )
    d = _doc(SUMMARY, continued)
    assert [t.type for t in d.tables].count("procurement") == 1
    assert [r.key for r in d.table("procurement").rows] == ["total", "goods", "services"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "body",
    [
        "功能科目代码\t功能科目名称\t金额",  # headers only
        "功能科目代码\t功能科目名称\t金额\n\t合计\t",  # a blank 合计 row
    ],
)
def test_a_table_printed_without_figures_is_empty_not_missing(body: str) -> None:
    d = _doc(SUMMARY, "七、财政拨款政府性基金支出预算表\n单位：万元\n" + body)
    t = d.table("gov_fund_expenditure")
    assert t is not None and t.is_empty
    assert not [f for f in run_checks(d) if f.rule == "COMPLETE-TABLE" and "政府性基金" in f.message]


def test_a_table_printed_with_only_its_unit_line_and_a_note_is_empty_not_a_contents_line() -> None:
    d = _doc(SUMMARY, "七、财政拨款政府性基金支出预算表\n单位：万元\n注：本部门无政府性基金预算支出。")
    t = d.table("gov_fund_expenditure")
    assert t is not None and t.is_empty and t.notes
    assert not list(empty_without_note(d))


# ---------------------------------------------------------------- empty tables and their notes


_EMPTY_NOTES = (
    "注：本部门无该项目",
    "注：我单位无2017年政府性基金支出安排。",
    "（无政府性基金支出）",
    "此表为空",
    "本表无数据",
    "本单位无此项支出。",
    "注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。",
    "说明：某某局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。",
    "注：本部门无相关收支项目",
)


@pytest.mark.parametrize(
    "note, where",
    [(n, w) for n in _EMPTY_NOTES for w in ("after", "last", "inside")]
    # between the title and the grid only a note-shaped line (注：, 说明：, in brackets) is a note
    + [(n, "under_title") for n in _EMPTY_NOTES if n.startswith(("注", "说明", "（"))],
)
def test_an_empty_table_with_a_note_of_the_family_is_not_reported(note: str, where: str) -> None:
    if where == "after":  # under the table, after a page break, before the next table
        table = FUND_EMPTY + "\n\n" + note + "\n\n" + PROCUREMENT
    elif where == "last":  # right under the last table
        table = FUND_EMPTY + "\n" + note
    elif where == "under_title":
        table = FUND_EMPTY.replace("单位：万元", "单位：万元\n" + note)
    else:
        table = FUND_EMPTY + "\n\t" + note + "\t"
    d = _doc(SUMMARY, table)
    t = d.table("gov_fund_expenditure")
    assert t is not None and t.is_empty
    assert not list(empty_without_note(d)), t.notes
    assert not list(empty_note_with_figures(d))


@pytest.mark.parametrize(
    "notes",
    [
        "",
        "注：本表金额单位为万元。",
        "注：本表不含无法分类的支出。",  # 无法 is not "there is none"
        "注：空白栏为无此项支出。",  # about blank cells, not about the table
    ],
)
def test_an_empty_table_without_such_a_note_is_still_reported(notes: str) -> None:
    d = _doc(SUMMARY, FUND_EMPTY + ("\n\n" + notes if notes else ""))
    found = list(empty_without_note(d))
    assert [f.rule for f in found] == ["COMPLETE-EMPTY-NOTE"] and found[0].severity == "warning"


def test_a_note_that_says_empty_under_a_table_with_figures_is_a_contradiction() -> None:
    full = FUND_EMPTY.replace("\t合计\t", "\t合计\t5.00\n2120801\t征地和拆迁补偿支出\t5.00")
    d = _doc(SUMMARY, full + "\n\n注：本表无数据。")
    assert [f.rule for f in empty_note_with_figures(d)] == ["COMPLETE-EMPTY-CONTRADICTION"]
    zeros = FUND_EMPTY.replace("\t合计\t", "\t合计\t0.00")
    assert not list(empty_note_with_figures(_doc(SUMMARY, zeros + "\n\n注：本表无数据。")))  # 0.00 is nothing
    other_fund = _doc(SUMMARY, full + "\n\n注：本部门无国有资本经营预算支出。")  # about another fund
    assert not list(empty_note_with_figures(other_fund))
    cells = _doc(SUMMARY, full + "\n\n注：空白栏为无此项支出。")
    assert not list(empty_note_with_figures(cells))


# ---------------------------------------------------------------- 目录 against the printed tables


def _toc(d: Disclosure) -> list[tuple[str, str, str]]:
    return [(f.rule, f.severity, f.text[0].text if f.text else "") for f in toc_titles(d)]


def test_contents_that_differ_only_by_year_unit_number_or_bumen_say_nothing() -> None:
    d = _doc(
        SUMMARY.replace("收支预算总表", "一、2017年度某某省高级人民法院部门收支预算总表", 1),
        PROCUREMENT,
        contents=("一、收支预算总表", "二、政府采购预算表"),
    )
    assert _toc(d) == []


def test_contents_naming_the_same_table_in_other_words_is_info() -> None:
    d = _doc(
        SUMMARY,
        FUND_EMPTY + "\n\n注：本部门无该项目",
        PROCUREMENT.replace("政府采购预算表", "十二、2017年某某省高级人民法院部门政府采购预算表", 1),
        contents=("一、收支预算总表", "七、政府性基金支出预算表", "十二、政府采购支出预算表"),
    )
    assert _toc(d) == [
        ("TOC-TITLE-WORDING", "info", "七、政府性基金支出预算表"),
        ("TOC-TITLE-WORDING", "info", "十二、政府采购支出预算表"),
    ]


def test_contents_naming_another_table_or_a_missing_one_is_a_warning() -> None:
    d = _doc(SUMMARY, PROCUREMENT, contents=("一、收支预算总表", "二、一般公共预算支出预算表"))
    assert _toc(d) == [("TOC-TITLE", "warning", "二、一般公共预算支出预算表")]
    assert "不是同一张表" in next(toc_titles(d)).message
    d = _doc(SUMMARY, contents=("一、收支预算总表", "二、政府采购支出预算表"))
    found = list(toc_titles(d))
    assert [(f.rule, f.severity) for f in found] == [("TOC-TITLE", "warning")] and "没有这张表" in found[0].message


def test_contents_in_another_order_is_a_warning() -> None:
    d = _doc(SUMMARY, PROCUREMENT, contents=("一、政府采购预算表", "二、收支预算总表"))
    assert [(r, s) for r, s, _ in _toc(d)] == [("TOC-TITLE", "warning")]
    assert "顺序" in next(toc_titles(d)).message


def test_a_contents_entry_wrapped_onto_the_next_line_is_one_entry() -> None:
    d = _doc(SUMMARY, PROCUREMENT, contents=("一、收支预算总表", "二、政府采购支出预", "算表"))
    assert [t for t, _ in d.contents] == ["一、收支预算总表", "二、政府采购支出预算表"]
    assert [r for r, _, _ in _toc(d)] == ["TOC-TITLE-WORDING"]


def test_the_tables_file_has_its_own_contents_checked_too(tmp_path: Path) -> None:
    narrative = tmp_path / "narrative.txt"
    tables = tmp_path / "tables.txt"
    narrative.write_text(
        "\n".join(
            [
                "2026年某单位部门预算",
                "",
                "目录",
                "第一部分 部门概况",
                "一、收支预算总表",
                "二、政府采购预算表",
                "",
                "第一部分 部门概况",
                "本部门主要职责是为本单位服务，这一段文字是情况说明的正文，足够长，不是目录中的一项。",
            ]
        ),
        "utf-8",
    )
    tables.write_text(
        "\n".join(["某单位部门预算公开报表", "", "目录", "一、政府采购预算表", "二、收支预算总表", "", SUMMARY, "", PROCUREMENT]),
        "utf-8",
    )
    d = read_files([narrative, tables], profile="jiangsu-dept-budget", allow_partial=True).disclosure
    assert len(d.contents) == 4
    found = list(toc_titles(d))
    # the narrative's 目录 fits the tables; the tables file's lists them in another order
    assert [(f.rule, f.severity) for f in found] == [("TOC-TITLE", "warning")]
    assert "tables.txt" in found[0].message and "顺序" in found[0].message


# ---------------------------------------------------------------- the corpus: every title of the truth files


def _truth() -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(p.read_text("utf-8")) for p in sorted(TRUTH.glob("*.json"))]


@pytest.mark.parametrize("truth", _truth(), ids=lambda t: t["id"])
def test_every_table_title_of_the_truth_is_recognised_as_its_table(truth: dict) -> None:  # type: ignore[type-arg]
    d = read_files([CORPUS / f for f in truth["files"]]).disclosure
    prof = get_profile(d.meta.profile)
    printed = [(t.title, t.type) for t in d.tables] + ([(d.performance.title, d.performance.type)] if d.performance else [])
    for listed in truth["tables"]:
        title, _, times = listed.partition("×")
        spec = prof.match_title(title)
        if spec is None:  # a table the template does not know: kept as a generic grid under its title
            same = [t for t, typ in printed if typ == "other" and bare_title(t) == bare_title(title)]
            assert len(same) == int(times or 1), (truth["id"], listed)
            continue
        tables = [t for t, typ in printed if typ == spec.type]
        assert len(tables) == 1, (truth["id"], listed, tables)
        assert _same_words(tables[0], title), (truth["id"], listed, tables[0])  # the title as printed
