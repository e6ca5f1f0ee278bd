"""The audit on the reference document: its real defects, and nothing else wrong."""

from __future__ import annotations

from support import by_rule
from yusuan import check
from yusuan.model import Disclosure


def test_no_arithmetic_or_cross_table_error(henan: Disclosure) -> None:
    findings = check(henan)
    bad = [f for f in findings if f.rule.startswith(("ARITH", "CROSS-TABLE", "CROSS-ECON", "RULE-CRASH"))]
    assert bad == [], [f.message for f in bad]


def test_reports_swapped_indicator_values(henan: Disclosure) -> None:
    units = by_rule(check(henan), "PERF-VALUE-UNIT")
    named = {(f.cells[0].row_key, f.cells[0].column_key, f.actual) for f in units}
    assert ("41900123000000105996", "工程技术资料归档率", "0次") in named
    assert ("41900123000000105996", "工程安全事故发生的次数", "100%") in named
    assert ("41900124000000041854", "重复上访案件发生量", "≤5%") in named
    assert all(f.severity == "error" for f in units)


def test_reports_project_codes_of_wrong_length(henan: Disclosure) -> None:
    codes = {f.cells[0].row_key for f in by_rule(check(henan), "PERF-CODE-LENGTH")}
    assert "41900123000000105996" in codes
    assert all(len(c) == 20 for c in codes)


def test_warns_duplicate_project_and_garbled_indicator(henan: Disclosure) -> None:
    findings = check(henan)
    dup = by_rule(findings, "PERF-DUPLICATE")
    assert len(dup) == 1 and {c.row_key for c in dup[0].cells} == {"41900124000000046815", "41900124000000041854"}
    names = {f.cells[0].column_key for f in by_rule(findings, "PERF-INDICATOR-NAME")}
    assert "政务热服务线" in names


def test_class_names_disagree_between_tables(henan: Disclosure) -> None:
    findings = check(henan)
    mismatch = by_rule(findings, "NAME-CLASS-MISMATCH")
    assert any({c.table_no for c in f.cells} == {1, 4} and "文化体育旅游与传媒" in f.message for f in mismatch)
    assert any("医疗卫生与计划生育" in f.message for f in by_rule(findings, "NAME-CLASS-DUPLICATE"))
    assert any("医疗卫生与计划生育" in f.message for f in by_rule(findings, "NAME-CLASS-FORMER"))
