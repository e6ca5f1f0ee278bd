"""The rule registry and the audit runner.

Each rule is a pure function ``Disclosure -> Iterable[Finding]`` with a stable code. A
rule that crashes becomes a finding of its own (``RULE-CRASH``), never a silent pass.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model.core import Disclosure
from ..report.finding import Finding
from . import arithmetic, cross_table, names, narrative, performance
from .base import Rule
from .codes import CodeInfo, build_codes

__all__ = ["CODES", "CodeInfo", "RULES", "RULESET_VERSION", "run_checks"]

RULESET_VERSION = "2024.1"

RULES: tuple[Rule, ...] = (
    Rule("ARITH-ROW", "行内合计关系", "row formula", "error", ("arithmetic",), "合计 ≠ 基本支出 + 项目支出", arithmetic.row_formulas),
    Rule("ARITH-COL", "列合计与汇总关系", "column totals", "error", ("arithmetic",), "合计行 ≠ 各科目之和", arithmetic.column_totals),
    Rule("ARITH-PART", "其中数不超过总数", "part not above whole", "error", ("arithmetic",), "其中：财政拨款 > 一般公共预算", arithmetic.part_of),
    Rule("ARITH-GROUP", "绩效表单位行等于项目之和", "performance group totals", "error", ("arithmetic", "performance"), "单位行 948.4 ≠ 项目之和", arithmetic.performance_groups),
    Rule("CROSS-TABLE", "表间勾稽关系", "cross-table identities", "error", ("cross_table",), "表1 一般公共预算 ≠ 表2", cross_table.cross_tables),
    Rule("PERF-VALUE-UNIT", "指标值与指标类型不符", "indicator value unit", "error", ("performance",), "归档率 0次", performance.indicator_units),
    Rule("PERF-VALUE-INCONSISTENT", "同一指标单位不一致", "indicator unit consistency", "warning", ("performance",), "≤5% 与 ≤5起", performance.unit_consistency),
    Rule("PERF-CODE-LENGTH", "项目编码位数", "project code length", "error", ("performance", "codes"), "20 位编码", performance.code_length),
    Rule("PERF-DUPLICATE", "项目重复列示", "duplicate project", "warning", ("performance",), "同名项目两个编码", performance.duplicate_projects),
    Rule("PERF-INDICATOR-NAME", "指标名称不完整", "indicator name", "warning", ("performance",), "政务热服务线", performance.indicator_names),
    Rule("NAME-CLASS", "功能分类名称", "function class names", "warning", ("names", "codes"), "文化旅游体育与传媒 / 文化体育旅游与传媒", names.class_names),
    Rule("NARR-CLAIMS", "情况说明中的数字与表格及上年数一致", "narrative claims", "error", ("narrative",),
         "“占65.56%” ≠ 1804.90 ÷ 2753.26", narrative.narrative_claims, with_previous=True),
)

# every code a finding can carry (what `yusuan rules` lists), each pointing to its registry rules
CODES = build_codes(RULES)


def run_checks(d: Disclosure, rules: Iterable[Rule] = RULES, previous: Disclosure | None = None) -> list[Finding]:
    """Run ``rules`` on ``d``; ``previous`` is last year's document, for the rules that use it."""
    out: list[Finding] = []
    for rule in rules:
        try:
            out.extend(rule.check(d, previous) if rule.with_previous else rule.check(d))
        except Exception as exc:  # noqa: BLE001 - a crashing rule must be reported, not hidden
            out.append(
                Finding(
                    "RULE-CRASH",
                    "error",
                    f"规则 {rule.code} 执行出错，未能完成检查：{exc!r}。请报告此问题。",
                    f"rule {rule.code} crashed: {exc!r}; please report this.",
                )
            )
    seen: set[tuple[object, ...]] = set()
    unique: list[Finding] = []
    for f in out:
        key = (f.rule, f.message)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique
