"""Formatting and completeness rules: each passes on the reference document and fails on a
document changed the way real documents go wrong."""

from __future__ import annotations

import pytest

from support import HENAN, edit
from yusuan import check, read_text
from yusuan.model import Disclosure


def _doc(*edits: tuple[str, str], allow_partial: bool = False) -> Disclosure:
    return read_text(edit(HENAN.read_text("utf-8"), *edits), allow_partial=allow_partial).disclosure


def _codes(d: Disclosure) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in check(d):
        out.setdefault(f.rule, []).append(f.severity)
    return out


NEW_CODES = (
    "FMT-PLACEHOLDER",
    "FMT-YEAR",
    "FMT-DATE",
    "FMT-UNIT-SCALE",
    "COMPLETE-TABLE",
    "COMPLETE-EMPTY-NOTE",
    "COMPLETE-EMPTY-CONTRADICTION",
    "COMPLETE-SECTION",
    "COMPLETE-REASON",
    "COMPLETE-PROCUREMENT",
    "NOT-CHECKED",
)


def test_reference_document_passes(henan: Disclosure) -> None:
    codes = _codes(henan)
    assert not [c for c in NEW_CODES if c in codes], codes


PURCHASE = (
    "2024年政府采购预算安排961.58万元，其中：政府采购货物预算460.95万元、政府采购工程预算0万元、政府采购服务预算500.63万元。"
)


@pytest.mark.parametrize(
    "edits, code, severity",
    [
        ([("办公室（本级）2024年收入总计", "XX单位2024年收入总计")], "FMT-PLACEHOLDER", "error"),
        ([("我单位2024年无负责管理的专项转移支付项目。", "我单位2024年专项转移支付项目待填写。")], "FMT-PLACEHOLDER", "error"),
        ([("与2023年相比，收、支总计", "与2022年相比，收、支总计")], "FMT-YEAR", "error"),
        ([("2024年单位收入预算表\n", "2023年单位收入预算表\n")], "FMT-YEAR", "error"),
        ([("2024年6月09日", "2024年2月30日")], "FMT-DATE", "error"),
        ([("35.00\t\t23.00\t\t23.00\t12.00", "350000.00\t\t230000.00\t\t230000.00\t120000.00")], "FMT-UNIT-SCALE", "error"),
        ([(" 本单位2024年度没有国有资本经营预算支出，故本表无数据。", "")], "COMPLETE-EMPTY-NOTE", "warning"),
        (
            [
                (
                    "其他国有土地使用权出让收入安排的支出\t598.10\t\t\t\t598.10\t\t598.10\t\n\n注：报表金额单位转换时可能存在四舍五入尾数误差。",
                    "其他国有土地使用权出让收入安排的支出\t598.10\t\t\t\t598.10\t\t598.10\t\n\n注：本表无数据。",
                )
            ],
            "COMPLETE-EMPTY-CONTRADICTION",
            "error",
        ),
        ([(PURCHASE, "")], "COMPLETE-SECTION", "warning"),
        ([("，主要原因：因项目建设和招商工作需要，外来客商等接待业务量增加", "")], "COMPLETE-REASON", "warning"),
        ([(PURCHASE, "2024年政府采购预算安排961.58万元。")], "COMPLETE-PROCUREMENT", "warning"),
    ],
)
def test_rule_fails(edits: list[tuple[str, str]], code: str, severity: str) -> None:
    codes = _codes(_doc(*edits))
    assert code in codes, codes
    assert severity in codes[code]


def test_unit_scale_names_both_sides() -> None:
    d = _doc(("35.00\t\t23.00\t\t23.00\t12.00", "350000.00\t\t230000.00\t\t230000.00\t120000.00"))
    f = next(f for f in check(d) if f.rule == "FMT-UNIT-SCALE")
    assert "元与万元" in f.message and len(f.cells) >= 2 and f.undetermined
    # the narrative's 35万元 is reported against the table too
    assert any(f.rule == "NARR-UNIT-SCALE" for f in check(d))


def test_missing_table_with_allow_partial() -> None:
    text = HENAN.read_text("utf-8")
    start = text.index("2024年一般公共预算“三公”经费预算表\n\n单位名称")
    end = text.index("2024年政府性基金预算支出预算表\n\n单位名称")
    d = read_text(text[:start] + text[end:], allow_partial=True).disclosure
    codes = _codes(d)
    assert "COMPLETE-TABLE" in codes and "NOT-CHECKED" in codes
    assert codes["NOT-CHECKED"] == ["info"]


def test_suggestion_and_undetermined() -> None:
    """A total that disagrees with its parts gets a computable suggestion; two tables that
    disagree say that the audit cannot tell which one is wrong."""
    d = _doc(("35.00\t\t23.00\t\t23.00\t12.00", "36.00\t\t23.00\t\t23.00\t12.00"))
    row = next(f for f in check(d) if f.rule == "ARITH-ROW")
    assert row.suggestion is not None and "35.00" in row.suggestion and not row.undetermined
    d = _doc(("35.00\t\t23.00\t\t23.00\t12.00", "36.00\t\t23.00\t\t23.00\t13.00"))
    cross = [f for f in check(d) if f.rule == "CROSS-TABLE"]
    assert cross and all(f.undetermined and f.suggestion is None for f in cross)
    assert "无法判断" in cross[0].message
