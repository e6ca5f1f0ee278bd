"""Row labels against the template (ROW-LABEL), classes the narrative leaves out
(NARR-CLASS-MISSING), the final accounts' 人员经费 + 公用经费 = 基本支出 (CROSS-BASIC-SPLIT),
counts listed after 其中 (NARR-COUNT-SUM) and one indicator counted in two units (PERF-COUNT-UNIT):
the real instances of the corpus, constructed ones, and the cases that must not be reported."""

from __future__ import annotations

import dataclasses

import pytest

from support import CORPUS, HENAN
from yusuan import read, read_files, read_text
from yusuan.checks import basic, counts, coverage, labels, performance
from yusuan.model import Disclosure
from yusuan.model.core import Cell, Indicator, Paragraph, Row, Table
from yusuan.model.money import Amount
from yusuan.narrative.claims import narrative_sections
from yusuan.report.finding import Finding


@pytest.fixture(scope="module")
def cppcc() -> Disclosure:
    return read_files(
        [
            CORPUS / "jiangsu-cppcc-office-2017-dept-budget-narrative.pdf",
            CORPUS / "jiangsu-cppcc-office-2017-dept-budget-tables.pdf",
        ]
    ).disclosure


@pytest.fixture(scope="module")
def proc2017() -> Disclosure:
    return read(CORPUS / "jiangsu-procuratorate-2017-dept-budget.pdf").disclosure


@pytest.fixture(scope="module")
def planning() -> Disclosure:
    return read(CORPUS / "shanghai-putuo-planning-2024-dept-final-account.pdf").disclosure


def _table_with(d: Disclosure, t: Table) -> Disclosure:
    return dataclasses.replace(d, tables=tuple(t if x.index == t.index else x for x in d.tables))


def _relabel(d: Disclosure, type_: str, old: str, new: str) -> Disclosure:
    t = d.table(type_)
    assert t is not None and any(r.label == old for r in t.rows), old
    # as the reader keeps a label it cannot key: a row of kind "label" keyed by its text
    rows = tuple(dataclasses.replace(r, label=new, key=new, kind="label") if r.label == old else r for r in t.rows)
    return _table_with(d, dataclasses.replace(t, rows=rows))


def _with_cell(d: Disclosure, type_: str, key: str, column: str, text: str) -> Disclosure:
    t = d.table(type_)
    assert t is not None and t.row(key) is not None, key
    rows = tuple(
        dataclasses.replace(
            r, cells=tuple(dataclasses.replace(c, amount=Amount.of(text), raw=text) if c.column == column else c for c in r.cells)
        )
        if r.key == key
        else r
        for r in t.rows
    )
    return _table_with(d, dataclasses.replace(t, rows=rows))


def _henan_text(old: str, new: str) -> Disclosure:
    text = HENAN.read_text("utf-8")
    assert text.count(old) == 1, old
    return read_text(text.replace(old, new), source="mutated.txt").disclosure


# ---------------------------------------------------------------- 12. row labels (ROW-LABEL)


def test_the_misprinted_income_source_of_a_jiangsu_income_table_is_reported(cppcc: Disclosure) -> None:
    """js-cppcc-2017 truth: 表二 收入预算总表 prints 财政转专户管理资金 for 财政专户管理资金."""
    found = list(labels.row_labels(cppcc))
    assert [(f.rule, f.severity, f.expected, f.actual) for f in found] == [
        ("ROW-LABEL", "warning", "财政专户管理资金", "财政转专户管理资金")
    ]
    cell = found[0].cells[0]
    assert cell.table_no == 2 and cell.row == "财政转专户管理资金" and cell.page == 2
    assert "财政专户管理资金" in found[0].message


def test_the_corrected_label_and_the_sub_rows_of_the_template_are_not_reported(cppcc: Disclosure) -> None:
    assert not list(labels.row_labels(_relabel(cppcc, "income", "财政转专户管理资金", "财政专户管理资金")))
    # the template's other sub-rows (专项收入, 其他收入 …) are near one another but none is a misprint
    assert all(f.actual == "财政转专户管理资金" for f in labels.row_labels(cppcc))


@pytest.mark.parametrize(
    "label, expected",
    [
        ("一般公共预算资全", "一般公共预算资金"),  # a changed character
        ("政府性基全", "政府性基金"),
        ("其他资资金", "其他资金"),  # a character printed twice
        ("收入总汁", "收入总计"),
        ("财政专户管里资全", "财政专户管理资金"),  # two characters apart, in a label of eight
    ],
)
def test_a_label_one_character_off_the_template_is_reported(cppcc: Disclosure, label: str, expected: str) -> None:
    fixed = _relabel(cppcc, "income", "财政转专户管理资金", "财政专户管理资金")
    t = fixed.table("income")
    assert t is not None
    old = next(
        r
        for r in t.rows
        if r.key
        == {
            "收入总计": "total",
            "一般公共预算资金": "gpb",
            "政府性基金": "fund",
            "财政专户管理资金": "财政专户管理资金",
            "其他资金": "other_funds",
        }[expected]
    )
    d = _relabel(fixed, "income", old.label, label)
    assert [(f.expected, f.actual) for f in labels.row_labels(d)] == [(expected, label)]


@pytest.mark.parametrize(
    "label",
    [
        "上年结转和结余",  # 和 left out or printed: the same label
        "其他收入",  # two characters off 其他资金: another word
        "财政专户资金",  # 管理 left out: an abbreviation, not a misprint
        "一般公共预算拨款资金",  # a word appended
        "本年收入合计",  # a label of another template
        "当年支出小计",  # 收/支: the other side's label
        "专项收人",  # near the sub-row 专项收入, which the table prints already: another row
        "财政专户管理资",  # cut short: a wrapped cell as read
        "财政专户管理资金小",  # run on: a merged cell as read
    ],
)
def test_labels_that_are_another_word_are_not_misprints_of_a_source(cppcc: Disclosure, label: str) -> None:
    d = _relabel(cppcc, "income", "财政转专户管理资金", label)
    assert [(f.expected, f.actual) for f in labels.row_labels(d)] == []


def test_a_misprinted_sub_row_the_profile_knows_is_reported(cppcc: Disclosure) -> None:
    d = _relabel(_relabel(cppcc, "income", "财政转专户管理资金", "财政专户管理资金"), "income", "专项收入", "专项收人")
    assert [(f.expected, f.actual) for f in labels.row_labels(d)] == [("专项收入", "专项收人")]


def test_the_label_it_misses_printed_in_the_table_already_means_another_row(cppcc: Disclosure) -> None:
    t = cppcc.table("income")
    assert t is not None
    twin = next(r for r in t.rows if r.label == "财政转专户管理资金")
    extra = dataclasses.replace(twin, label="财政专户管理资金", key="special_account", kind="item")
    d = _table_with(cppcc, dataclasses.replace(t, rows=(*t.rows, extra)))
    assert not list(labels.row_labels(d))


def test_free_text_tables_are_never_compared(cppcc: Disclosure) -> None:
    """Procurement items, projects and tables the reader could not place hold free text."""
    t = cppcc.table("income")
    assert t is not None
    for type_ in ("procurement", "project_expenditure", "other"):
        d = _table_with(cppcc, dataclasses.replace(t, type=type_))
        assert not list(labels.row_labels(d)), type_


def test_words_of_opposite_meaning_make_another_label() -> None:
    assert labels.near_miss("下级补助收入", ["上级补助收入"]) is None  # 上/下
    assert labels.near_miss("上级补助收人", ["上级补助收入"]) == ("上级补助收入", 1)
    assert labels.near_miss("政府性基全", ["政府性基金", "政府性基余"]) is None  # two labels as near: cannot tell


def test_edit_distance() -> None:
    assert labels.edit_distance("财政转专户管理资金", "财政专户管理资金") == 1
    assert labels.edit_distance("收入总计", "收入计总") == 1  # neighbours swapped
    assert labels.edit_distance("其他收入", "其他资金") == 2
    assert labels.edit_distance("abc", "abcdefg") == 3  # capped


# ---------------------------------------------------------------- 14. classes the narrative leaves out


def test_classes_the_narrative_never_names_are_reported(proc2017: Disclosure) -> None:
    """js-proc-2017 truth: only 公共安全（类） is explained; 社会保障和就业支出 2021.18 and 住房保障支出
    2319.16 are not mentioned."""
    found = list(coverage.class_coverage(proc2017))
    assert [(f.rule, f.severity, f.cells[0].row_key) for f in found] == [
        ("NARR-CLASS-MISSING", "warning", "208"),
        ("NARR-CLASS-MISSING", "warning", "221"),
    ]
    assert "2021.18" in found[0].message and "2319.16" in found[1].message and "204 公共安全支出" in found[0].message


def _with_paragraph(d: Disclosure, text: str) -> Disclosure:
    sec = next(s for s in narrative_sections(d) if "财政拨款支出预算表" in s.title)
    para = Paragraph(text, (sec.location.line or 1,), ((0, sec.location.line or 1),))
    new = dataclasses.replace(sec, paragraphs=(*sec.paragraphs, para))
    return dataclasses.replace(d, sections=tuple(new if s is sec else s for s in d.sections))


def test_a_class_named_or_coded_in_the_narrative_is_not_reported(proc2017: Disclosure) -> None:
    d = _with_paragraph(proc2017, "（二）社会保障和就业（类）支出2021.18万元。（三）住房保障支出（221类）2319.16万元。")
    assert not list(coverage.class_coverage(d))
    d = _with_paragraph(proc2017, "社会保障和就业支出2021.18万元。")
    assert [f.cells[0].row_key for f in coverage.class_coverage(d)] == ["221"]
    # 与 for 和, and a class explained through its 款
    d = _with_paragraph(proc2017, "社会保障与就业支出2021.18万元；住房改革支出（款）2319.16万元。")
    assert not list(coverage.class_coverage(d))


def test_no_class_check_without_the_narrative_or_where_the_template_does_not_explain_classes(
    proc2017: Disclosure, henan: Disclosure
) -> None:
    assert not list(coverage.class_coverage(dataclasses.replace(proc2017, sections=())))  # the tables file alone
    # a narrative that names no class at all was not read as one that explains by class
    blank = tuple(
        dataclasses.replace(
            s,
            paragraphs=tuple(dataclasses.replace(p, text="说明。") for p in s.paragraphs),
            title="说明" if "类" in s.title else s.title,
        )
        for s in proc2017.sections
    )
    assert not list(coverage.class_coverage(dataclasses.replace(proc2017, sections=blank)))
    assert not list(coverage.class_coverage(henan))  # the Henan template explains no class


def test_narratives_that_explain_every_class_report_nothing(cppcc: Disclosure, planning: Disclosure) -> None:
    assert not list(coverage.class_coverage(cppcc))
    assert not list(coverage.class_coverage(planning))


# ---------------------------------------------------------------- 16. final accounts: 人员经费 + 公用经费 = 基本支出


def test_basic_split_holds_in_the_real_final_account(planning: Disclosure) -> None:
    assert not list(basic.basic_split(planning))  # 4884.09 + 480.66 = 5364.75


def test_a_public_total_off_the_basic_expenditure_is_an_error_naming_both_tables(planning: Disclosure) -> None:
    d = _with_cell(planning, "gpb_basic_expenditure", "public_total", "total", "480.76")
    found = list(basic.basic_split(d))
    assert [(f.rule, f.severity, f.actual, f.expected) for f in found] == [("CROSS-BASIC-SPLIT", "error", "5364.75", "5364.85")]
    assert {c.table_no for c in found[0].cells} == {5, 6} and found[0].undetermined


def test_a_rounding_level_difference_is_a_possible_rounding_warning(planning: Disclosure) -> None:
    d = _with_cell(planning, "gpb_basic_expenditure", "personnel_total", "total", "4884.10")
    found = list(basic.basic_split(d))
    assert [(f.severity, f.possible_rounding) for f in found] == [("warning", True)]


def test_a_basic_total_row_is_checked_too_and_templates_without_the_halves_are_left_alone(
    planning: Disclosure, henan: Disclosure
) -> None:
    t = planning.table("gpb_basic_expenditure")
    assert t is not None
    loc = t.rows[-1].location
    total = Row("total", "基本支出合计", "total", (Cell("total", Amount.of("5364.65"), "5364.65", loc),), loc)
    d = _table_with(planning, dataclasses.replace(t, rows=(*t.rows, total)))
    assert [(f.cells[0].row_key, f.severity) for f in basic.basic_split(d)] == [("total", "error")]
    assert not list(basic.basic_split(henan))  # a 合计 row with 人员/公用 columns: ARITH-ROW's


# ---------------------------------------------------------------- 17. counts listed after 其中


_VEHICLES = "共有车辆4辆，其中：一般公务用车4辆、一般执法执勤用车0辆、其他用车0辆；"


def _count_findings(sentence: str) -> list[Finding]:
    d = _henan_text(_VEHICLES, sentence)
    return list(counts.count_sums(d))


def test_a_complete_list_that_does_not_add_up_is_an_error_with_the_numbers() -> None:
    found = _count_findings("共有车辆5辆，其中：部级领导干部用车0辆、机要通信用车0辆、执法执勤用车3辆、其他用车1辆；")
    assert [(f.rule, f.severity, f.actual, f.expected) for f in found] == [("NARR-COUNT-SUM", "error", "5", "4")]
    assert "0 + 0 + 3 + 1 = 4辆" in found[0].message and "5辆" in found[0].message
    assert found[0].text[0].text == "5辆"


def test_two_parts_ending_in_the_rest_is_a_warning_and_a_partial_list_only_when_it_exceeds() -> None:
    assert [f.severity for f in _count_findings("共有车辆5辆，其中：执法执勤用车3辆、其他用车1辆；")] == ["warning"]
    assert not _count_findings("共有车辆5辆，其中：执法执勤用车3辆、应急保障用车1辆；")  # 其中 may name a few parts only
    assert [f.severity for f in _count_findings("共有车辆3辆，其中：执法执勤用车3辆、应急保障用车1辆；")] == ["warning"]


@pytest.mark.parametrize(
    "sentence",
    [
        "共有车辆4辆，其中：部级领导干部用车0辆、执法执勤用车3辆、其他用车1辆；",  # adds up
        "共有车辆5辆，价值30万元，其中：执法执勤用车3辆、其他用车1辆；",  # 其中 follows another figure
        "共有车辆5辆。其中：执法执勤用车3辆、其他用车1辆；",  # not in the same sentence
        "共有车辆5辆，其中：执法执勤用车3辆；",  # one part
        "共有车辆5辆，其中：执法执勤用车3台、其他用车1台；",  # parts in another unit
        "公共法律服务站点5个，其中：新建站点3个、其他站点1个；",  # 公共 is no 共 (total)
    ],
)
def test_lists_that_cannot_be_checked_or_add_up_are_not_reported(sentence: str) -> None:
    assert not _count_findings(sentence)


def test_a_sum_the_narrative_claims_check_is_reported_once() -> None:
    d = _henan_text(_VEHICLES, _VEHICLES.replace("共有车辆4辆", "共有车辆5辆"))
    assert not list(counts.count_sums(d))  # NARR-SUM links 一般公务用车, 一般执法执勤用车, 其他用车 and reports it


def test_projects_counted_after_their_total() -> None:
    found = _count_findings("共14个项目，其中：新增项目3个，延续项目10个，其他项目2个；")
    assert [(f.severity, f.actual, f.expected) for f in found] == [("error", "14", "15")]


# ---------------------------------------------------------------- 18. one indicator counted in two units


def test_the_reference_documents_indicator_counted_in_times_and_pieces(henan: Disclosure) -> None:
    found = list(performance.counting_units(henan))
    assert [(f.rule, f.severity, f.actual) for f in found] == [("PERF-COUNT-UNIT", "warning", "≥11个")]
    f = found[0]
    assert "委办局调研数量" in f.message and "41900123000000105998" in f.message and "≥11次" in f.message
    assert {c.row_key for c in f.cells} == {"41900123000000105998", "419001230000000105995"}
    # ≤5% against ≤5起 is PERF-VALUE-UNIT's, not this rule's
    assert not any("重复上访" in x.message for x in found)


def _indicators(d: Disclosure, changes: dict[tuple[str, str], str]) -> Disclosure:
    p = d.performance
    assert p is not None
    rows = tuple(
        dataclasses.replace(
            r, indicators=tuple(dataclasses.replace(i, value=changes.get((r.code, i.name), i.value)) for i in r.indicators)
        )
        for r in p.rows
    )
    return dataclasses.replace(d, performance=dataclasses.replace(p, rows=rows))


def _with_indicator(d: Disclosure, name: str, first: str, second: str) -> Disclosure:
    """``d`` with indicator ``name`` added to its first two projects, valued ``first`` and ``second``."""
    p = d.performance
    assert p is not None
    a, b = p.projects[0], p.projects[1]
    rows = tuple(
        dataclasses.replace(r, indicators=(*r.indicators, Indicator("产出", name, first if r is a else second, r.location)))
        if r in (a, b)
        else r
        for r in p.rows
    )
    return dataclasses.replace(d, performance=dataclasses.replace(p, rows=rows))


@pytest.mark.parametrize(
    "name, first, second",
    [
        ("参训干部人数", "≥30人", "≥30人次"),  # people either way
        ("举办座谈会场次", "≥3次", "≥3场"),  # events either way
        ("走访企业数量", "≥10家", "≥10户"),  # things either way
        ("上访案件数量", "≤5件", "≤5起"),  # 件 counts cases and things
        ("完成数量", "≥5个", "≥5次"),  # a name that says not what it counts: two projects, two things
    ],
)
def test_one_unit_throughout_or_units_of_one_kind_are_not_reported(henan: Disclosure, name: str, first: str, second: str) -> None:
    fixed = _indicators(henan, {("41900123000000105998", "委办局调研数量"): "≥11次"})
    assert not list(performance.counting_units(fixed))
    assert not list(performance.counting_units(_with_indicator(fixed, name, first, second)))


def test_two_projects_one_unit_each_are_reported_once_naming_both(henan: Disclosure) -> None:
    p = henan.performance
    assert p is not None
    a, b = p.projects[0], p.projects[1]
    d = _with_indicator(henan, "走访企业数量", "≥10家", "≥10次")
    found = [f for f in performance.counting_units(d) if "走访企业数量" in f.message]
    assert len(found) == 1 and "无法判断" in found[0].message
    assert {c.row_key for c in found[0].cells} == {a.code, b.code}


def test_the_new_rules_are_registered_and_catalogued() -> None:
    from yusuan.checks import CODES, RULES

    for code in ("ROW-LABEL", "NARR-CLASS-MISSING", "CROSS-BASIC-SPLIT", "NARR-COUNT-SUM", "PERF-COUNT-UNIT"):
        assert code in {r.code for r in RULES} and CODES[code].checks and CODES[code].fix, code
