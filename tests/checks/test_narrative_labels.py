"""NARR-LABEL: subjects the narrative names with their level (类/款/项) against the tables."""

from __future__ import annotations

import pytest

from support import CORPUS
from yusuan import read, read_files, read_text
from yusuan.checks.narrative_labels import narrative_labels


def _labels(*names: str) -> list[str]:
    files = [CORPUS / n for n in names]
    d = (read_files(files) if len(files) == 2 else read(files[0])).disclosure
    return [f.message for f in narrative_labels(d)]


def test_words_in_another_order() -> None:
    got = _labels("jiangsu-court-2017-dept-budget.pdf")
    assert any("一般行政事务管理" in m and "词序颠倒" in m and "2040502" in m for m in got)


def test_a_stated_code_with_another_name_and_a_former_name() -> None:
    got = _labels("shanghai-putuo-justice-2026-unit-budget.pdf")
    assert any("210（类）" in m and "医疗卫生与计划生育支出" in m and "卫生健康支出" in m for m in got)


def test_a_name_no_table_prints_pinned_by_its_amount_and_a_wrong_parent() -> None:
    got = _labels("shanghai-putuo-planning-2024-dept-final-account.pdf")
    assert any("其他国土资源事务支出" in m and "2200199" in m for m in got)
    assert any("机关事业单位退休人员活动费支出" in m and "2080599" in m for m in got)
    assert any("住房保障支出（款）" in m and "22102" in m for m in got)


@pytest.mark.parametrize(
    "names",
    [
        ("henan-jiyuan-govoffice-2024-unit-budget.txt",),
        (
            "jiangsu-cpc-office-2019-dept-budget-narrative.pdf",
            "jiangsu-cpc-office-2019-dept-budget-tables.pdf",
        ),  # 党委办公厅（室）
        ("shanghai-putuo-finance-2025-dept-budget.pdf",),  # 其它/其他 is NARR-NAME's, not reported twice
    ],
)
def test_names_as_the_tables_print_them_are_not_reported(names: tuple[str, ...]) -> None:
    assert _labels(*names) == []


def test_a_name_the_tables_do_not_print_and_no_amount_pins_is_left_alone() -> None:
    text = (CORPUS / "henan-jiyuan-govoffice-2024-unit-budget.txt").read_text("utf-8")
    # a subject named in the narrative's own words with no amount after it
    assert "（一）" in text
    d = read_text(text.replace("一般公共服务支出", "一般公共服务支出", 1)).disclosure
    assert list(narrative_labels(d)) == []


def test_a_name_with_its_own_enumeration_comma_is_one_name() -> None:
    got = _labels("jiangsu-procuratorate-2018-dept-budget.pdf")  # 公诉、审判、侦查、执行等检察监督支出（项）
    assert not any("检察监督" in m for m in got)
    assert any("未归口管理行政单位离退休费" in m and "2080504" in m for m in got)  # the table: 未归口管理的行政单位离退休
