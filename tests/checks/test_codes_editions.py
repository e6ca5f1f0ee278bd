"""Codes checked against the catalog edition of the document's own year (the 2017 edition holds
the 支出经济分类 before its 2018 reform), and a run of shifted code/name pairs reported once.

Documents are built in the text format: one Jiangsu 财政拨款基本支出预算表 whose rows a test
chooses, under a title that carries the year (or none).
"""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest

from support import CLI, CORPUS
from yusuan import check, read, read_text
from yusuan.catalog import load_catalog
from yusuan.checks.codes import shifted_blocks
from yusuan.model import Disclosure
from yusuan.report import Finding

# the basic table of a Jiangsu 2017 department budget, as printed (pre-2018 names)
PRE_2018 = (
    ("301", "工资福利支出"),
    ("30101", "基本工资"),
    ("30104", "其他社会保障缴费"),
    ("303", "对个人和家庭的补助"),
    ("30307", "医疗费"),
    ("30311", "住房公积金"),
    ("30312", "提租补贴"),
    ("310", "其他资本性支出"),
    ("31002", "办公设备购置"),
)
# a 302 block as a 2024 Shanghai unit printed it: the rows numbered 01, 02, 03 … in order
SHIFTED = (
    ("302", "商品和服务支出"),
    ("30201", "办公费"),
    ("30202", "咨询费"),
    ("30203", "水费"),
    ("30204", "电费"),
    ("30205", "邮电费"),
    ("30206", "办公设备购置费"),
    ("30207", "工会经费"),
    ("30208", "福利费"),
    ("30209", "物业管理费"),
    ("30210", "车辆运行费"),
    ("30211", "事业单位离退休人员福利费"),
    ("30212", "机关事业单位退休人员活动费"),
    ("30213", "其他商品和服务支出"),
)
RIGHT_302 = (
    ("302", "商品和服务支出"),
    ("30201", "办公费"),
    ("30202", "印刷费"),
    ("30205", "水费"),
    ("30206", "电费"),
    ("30207", "邮电费"),
    ("30211", "差旅费"),
    ("30228", "工会经费"),
    ("30229", "福利费"),
    ("30299", "其他商品和服务支出"),
)


def _doc(rows: tuple[tuple[str, str], ...], title: str = "2017年某单位部门预算") -> Disclosure:
    lines = [title, "", "财政拨款基本支出预算表", "单位：万元", "科目编码\t科目名称\t金额", f"\t合计\t{len(rows)}.00"]
    lines += [f"{code}\t{name}\t1.00" for code, name in rows]
    return read_text("\n".join(lines), profile="jiangsu-dept-budget", allow_partial=True).disclosure


def _year(d: Disclosure, year: int | None) -> Disclosure:
    return dataclasses.replace(d, meta=dataclasses.replace(d.meta, year=year))


def _code(findings: list[Finding], *rules: str) -> list[Finding]:
    return [f for f in findings if f.rule in rules]


def _keys(f: Finding) -> list[str]:
    return [c.row_key for c in f.cells]


# ---------------------------------------------------------------- the document's own edition


def test_2017_document_with_pre_2018_names_has_no_code_finding() -> None:
    d = _doc(PRE_2018)
    assert d.meta.year == 2017
    found = [f for f in check(d) if f.rule.startswith("CODE-")]
    assert found == []
    assert load_catalog(2017).get("30311").name == "住房公积金"  # type: ignore[union-attr]


def test_the_same_names_in_a_2019_document_are_reported() -> None:
    findings = check(_year(_doc(PRE_2018), 2019))
    former = {f.cells[0].row_key: f for f in _code(findings, "CODE-FORMER")}
    assert set(former) == {"30307", "30311", "310"} and all(f.severity == "warning" for f in former.values())
    assert "2017 年及以前" in former["30311"].message and "代缴社会保险费" in former["30311"].message
    assert "「住房公积金」现为 30113" in former["30311"].message and former["30311"].suggestion == "30311 代缴社会保险费"
    assert "「医疗费」现为 30114" in former["30307"].message
    assert "资本性支出" in former["310"].message and "31099" in former["310"].message
    assert not _code(findings, "CODE-NAME")  # reported once, as a former name
    # codes the 2018 reform removed are not in the 2019 edition: info, with what the 2017 edition says
    unknown = {f.cells[0].row_key: f for f in _code(findings, "CODE-UNKNOWN")}
    assert set(unknown) == {"30104", "30312"} and all(f.severity == "info" for f in unknown.values())
    assert "2017 年版（适用于 2015–2017 年）中 30312 为「提租补贴」" in unknown["30312"].message


def test_a_2018_document_is_checked_against_the_reformed_classification() -> None:
    d = _doc(
        (
            ("301", "工资福利支出"),
            ("30113", "住房公积金"),
            ("30114", "医疗费"),
            ("303", "对个人和家庭的补助"),
            ("30307", "医疗费"),
        ),
        "2018年某单位部门预算",
    )
    assert not _code(check(d), "CODE-NAME", "CODE-UNKNOWN")
    former = _code(check(d), "CODE-FORMER")
    assert [f.cells[0].row_key for f in former] == ["30307"] and former[0].severity == "warning"


def test_a_year_no_edition_covers_gives_info_only() -> None:
    rows = (*RIGHT_302[:2], ("30202", "咨询费"), *RIGHT_302[3:])  # 30202 is 印刷费 in every edition
    assert _code(check(_doc(rows, "2024年某单位部门预算")), "CODE-NAME")[0].severity == "warning"
    for title, doubt in (("2012年某单位部门预算", "没有适用于 2012 年的分类科目版本"), ("某单位部门预算", "未能识别文件年度")):
        d = _doc(rows, title)
        found = [f for f in check(d) if f.rule.startswith("CODE-")]
        assert [(f.rule, f.severity) for f in found] == [("CODE-NAME", "info")], title
        assert doubt in found[0].message and "印刷费" in found[0].message


def test_a_former_name_in_a_document_of_unknown_year_is_info() -> None:
    d = _doc(PRE_2018, "某单位部门预算")
    assert d.meta.year is None
    former = _code(check(d), "CODE-FORMER")
    assert former and all(f.severity == "info" and "未能识别文件年度" in f.message for f in former)


def test_a_users_catalog_applies_to_any_year(tmp_path: Path) -> None:
    f = tmp_path / "2012.csv"
    f.write_text("edition,code,name\n2012,30202,印刷费\n", "utf-8")
    found = _code(check(_doc((("30202", "咨询费"),), "2012年某单位部门预算"), catalog=load_catalog(path=f)), "CODE-NAME")
    assert len(found) == 1 and found[0].severity == "warning" and "没有适用" not in found[0].message


def test_class_names_in_messages_are_those_of_the_documents_edition(henan: Disclosure) -> None:
    """Table 1 and table 4 of the reference document name 207 differently; for a 2017 document
    the catalog's name is 文化体育与传媒支出, for 2024 文化旅游体育与传媒支出."""
    m24 = _code(check(henan), "NAME-CLASS-MISMATCH")[0]
    m17 = _code(check(_year(henan, 2017)), "NAME-CLASS-MISMATCH")[0]
    assert "分类科目中为「文化旅游体育与传媒支出」" in m24.message and "分类科目中为「文化体育与传媒支出」" in m17.message
    unknown = _code(check(_year(henan, None)), "NAME-CLASS-FORMER")
    assert unknown and all(f.severity == "info" for f in unknown)


# ---------------------------------------------------------------- shifted blocks (CODE-SHIFT)


def test_a_shifted_block_is_one_warning_naming_every_row() -> None:
    d = _doc(SHIFTED, "2024年某单位部门预算")
    findings = check(d)
    shift = _code(findings, "CODE-SHIFT")
    assert len(shift) == 1 and shift[0].severity == "warning"
    f = shift[0]
    # every row out of step, the unknown 30210 among them; 30209 物业管理费 is right by chance and not listed
    assert _keys(f) == ["30202", "30203", "30204", "30205", "30206", "30207", "30208", "30210", "30211", "30212", "30213"]
    assert "30202 至 30213" in f.message and "11 行" in f.message
    assert "「咨询费」为 30203" in f.message and "「工会经费」为 30228" in f.message and "30210 不在目录中" in f.message
    assert f.suggestion is not None and "30213「其他商品和服务支出」→ 30299" in f.suggestion
    # not once more per row
    assert not _code(findings, "CODE-NAME", "CODE-UNKNOWN", "CODE-NAME-CONFLICT", "CODE-FORMER")


def test_a_shifted_block_in_a_year_no_edition_covers_is_info() -> None:
    shift = _code(check(_doc(SHIFTED, "2012年某单位部门预算")), "CODE-SHIFT")
    assert len(shift) == 1 and shift[0].severity == "info" and "没有适用于 2012 年" in shift[0].message


def test_a_single_wrong_name_is_code_name_not_a_shift() -> None:
    rows = (*RIGHT_302[:4], ("30206", "水费"), *RIGHT_302[5:])  # 水费 is 30205's name: one row
    findings = check(_doc(rows, "2024年某单位部门预算"))
    assert not _code(findings, "CODE-SHIFT")
    name = _code(findings, "CODE-NAME")
    assert [(f.cells[0].row_key, f.severity, f.expected) for f in name] == [("30206", "warning", "电费")]


def test_two_wrong_names_apart_or_not_of_neighbours_are_two_findings() -> None:
    # two rows with names of other 302 codes, but three right rows between them: two defects
    apart = (*RIGHT_302[:2], ("30202", "会议费"), *RIGHT_302[3:6], ("30211", "培训费"), *RIGHT_302[7:])
    findings = check(_doc(apart, "2024年某单位部门预算"))
    assert not _code(findings, "CODE-SHIFT") and len(_code(findings, "CODE-NAME")) == 2
    # two adjacent rows whose names are nobody's (typos, truncations): not a shift either
    typos = (*RIGHT_302[:2], ("30202", "印刷"), ("30205", "水电"), *RIGHT_302[4:])
    findings = check(_doc(typos, "2024年某单位部门预算"))
    assert not _code(findings, "CODE-SHIFT") and len(_code(findings, "CODE-NAME")) == 2


def test_shift_detection_on_the_reference_document_finds_nothing(henan: Disclosure) -> None:
    assert shifted_blocks(henan) == []  # table 7's 50101 工资奖金津贴 on three rows is a misname, not a shift


# ---------------------------------------------------------------- corpus documents


@pytest.mark.parametrize("name", ["jiangsu-court-2017-dept-budget.pdf", "jiangsu-npc-office-2017-dept-budget.pdf"])
def test_jiangsu_2017_documents_have_no_code_warning(name: str) -> None:
    """Their basic tables print 30307 医疗费, 30311 住房公积金, 30312 提租补贴 and 310 其他资本性支出:
    right in 2017. Before the 2017 edition they got six CODE-NAME warnings each."""
    d = read(CORPUS / name).disclosure
    assert d.meta.year == 2017
    assert [f.rule for f in check(d) if f.rule.startswith(("CODE-", "NAME-")) and f.severity != "info"] == []


def test_shifted_basic_table_of_a_2024_unit_budget_is_one_code_shift() -> None:
    """Table 8 of the welfare home's 2024 budget numbers its 302 rows 01, 02, 03 … and its 303 rows
    the same way (the truth file lists the run as one defect); 30108's truncated name is apart."""
    d = read(CORPUS / "shanghai-putuo-welfare-home-2024-unit-budget.pdf").disclosure
    found = [f for f in check(d) if f.rule.startswith("CODE-") and f.severity != "info"]
    # (the two rows printed “7 11 02” are CODE-MALFORMED, the reader's finding, not the catalog's)
    assert sorted(f.rule for f in found if f.rule != "CODE-MALFORMED") == ["CODE-NAME", "CODE-SHIFT"]
    shift = _code(found, "CODE-SHIFT")[0]
    assert _keys(shift) == [
        "30202",
        "30203",
        "30204",
        "30205",
        "30206",
        "30207",
        "30208",
        "30210",
        "30211",
        "30212",
        "30213",
        "303",
        "30301",
    ]
    assert {c.page for c in shift.cells} == {14}
    assert _code(found, "CODE-NAME")[0].cells[0].row_key == "30108"


def test_catalog_command_shows_the_entry_of_the_year() -> None:
    p = subprocess.run([*CLI, "catalog", "30307", "--year", "2017"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and "30307  医疗费\n" in p.stdout and "版本 edition:     2017" in p.stdout
    q = subprocess.run([*CLI, "catalog", "30307", "--year", "2019"], capture_output=True, text=True, timeout=60)
    assert "30307  医疗费补助" in q.stdout and "医疗费（至 2017 年版" in q.stdout
    r = subprocess.run([*CLI, "catalog", "310", "--year", "2016"], capture_output=True, text=True, timeout=60)
    assert "310  其他资本性支出" in r.stdout
