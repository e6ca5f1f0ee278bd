"""The rule registry and the audit runner.

Each rule is a pure function ``Disclosure -> Iterable[Finding]`` with a stable code. The
runner builds one :class:`AuditContext` per audit and calls every rule through it
(:meth:`Rule.run`): what several rules need (the claims, the catalog, the shifted code
blocks, the rows' evidence) is computed once and handed to them as keywords. A rule that
crashes becomes a finding of its own (``RULE-CRASH``), never a silent pass.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable

from ..catalog import Catalog
from ..findings import Finding
from ..model.core import Disclosure
from . import (
    arithmetic,
    basic,
    codes,
    completeness,
    counts,
    coverage,
    cross_table,
    document,
    formatting,
    labels,
    names,
    narrative,
    narrative_labels,
    pages,
    performance,
    stated,
    stops,
    text,
)
from .base import Rule
from .codeinfo import CodeInfo, build_codes
from .context import AuditContext

__all__ = ["AuditContext", "CODES", "CodeInfo", "RULES", "RULESET_VERSION", "run_checks", "with_catalog"]

RULESET_VERSION = "2026.11"

RULES: tuple[Rule, ...] = (
    Rule(
        "ARITH-ROW",
        "行内合计关系",
        "row formula",
        "error",
        ("arithmetic",),
        "合计 ≠ 基本支出 + 项目支出",
        arithmetic.row_formulas,
    ),
    Rule(
        "ARITH-COL",
        "列合计与汇总关系",
        "column totals",
        "error",
        ("arithmetic",),
        "合计行 ≠ 各科目之和",
        arithmetic.column_totals,
        uses=("row_evidence",),
    ),
    Rule(
        "ARITH-PART",
        "其中数不超过总数",
        "part not above whole",
        "error",
        ("arithmetic",),
        "其中：财政拨款 > 一般公共预算",
        arithmetic.part_of,
    ),
    Rule(
        "ARITH-GROUP",
        "绩效表单位行等于项目之和",
        "performance group totals",
        "error",
        ("arithmetic", "performance"),
        "单位行 948.4 ≠ 项目之和",
        arithmetic.performance_groups,
    ),
    Rule(
        "CROSS-TABLE",
        "表间勾稽关系",
        "cross-table identities",
        "error",
        ("cross_table",),
        "表1 一般公共预算 ≠ 表2",
        cross_table.cross_tables,
        uses=("row_evidence",),
    ),
    Rule(
        "CROSS-BASIC-SPLIT",
        "人员经费与公用经费之和等于基本支出",
        "personnel + public = basic",
        "error",
        ("cross_table",),
        "人员经费合计 4884.09 + 公用经费合计 480.66 ≠ 基本支出 5364.85",
        basic.basic_split,
    ),
    Rule(
        "CROSS-SUMMARY-SPLIT",
        "收支总表人员经费、公用经费与基本支出表一致",
        "summary personnel/public = basic table",
        "warning",
        ("cross_table",),
        "收支总表人员经费 20,374,181 / 基本支出表 20,272,981.00",
        basic.summary_split,
    ),
    Rule(
        "PERF-VALUE-UNIT",
        "指标值与指标类型不符",
        "indicator value unit",
        "error",
        ("performance",),
        "归档率 0次",
        performance.indicator_units,
    ),
    Rule(
        "PERF-VALUE-INCONSISTENT",
        "同一指标单位不一致",
        "indicator unit consistency",
        "warning",
        ("performance",),
        "≤5% 与 ≤5起",
        performance.unit_consistency,
    ),
    Rule(
        "PERF-COUNT-UNIT",
        "同一指标计数单位不一致",
        "indicator counted in different units",
        "warning",
        ("performance",),
        "委办局调研数量 ≥11次 与 ≥11个",
        performance.counting_units,
    ),
    Rule(
        "PERF-CODE-LENGTH",
        "项目编码位数",
        "project code length",
        "error",
        ("performance", "codes"),
        "20 位编码",
        performance.code_length,
    ),
    Rule(
        "PERF-DUPLICATE",
        "项目重复列示",
        "duplicate project",
        "warning",
        ("performance",),
        "同名项目两个编码",
        performance.duplicate_projects,
    ),
    Rule(
        "PERF-INDICATOR-NAME",
        "指标名称不完整",
        "indicator name",
        "warning",
        ("performance",),
        "政务热服务线",
        performance.indicator_names,
    ),
    Rule(
        "NAME-CLASS",
        "功能分类名称",
        "function class names",
        "warning",
        ("names", "codes"),
        "文化旅游体育与传媒 / 文化体育旅游与传媒",
        names.class_names,
    ),
    Rule(
        "NARR-CLAIMS",
        "情况说明中的数字与表格及上年数一致",
        "narrative claims",
        "error",
        ("narrative",),
        "“占65.56%” ≠ 1804.90 ÷ 2753.26",
        narrative.narrative_claims,
        with_previous=True,
        uses=("claims",),
    ),
    Rule(
        "NARR-LABEL",
        "情况说明中的科目名称与表格不符",
        "subject named otherwise than in the tables",
        "warning",
        ("narrative", "names"),
        "一般行政事务管理（项）/ 一般行政管理事务；医疗卫生与计划生育支出（210类）/ 卫生健康支出",
        narrative_labels.narrative_labels,
    ),
    Rule(
        "NARR-TABLE-REF",
        "说明所称两表一致与表格不符",
        "a stated agreement between tables that does not hold",
        "warning",
        ("narrative",),
        "机关运行经费表“与基本支出表的‘商品和服务支出’一致”：5,619.31 / 1,585.96",
        stated.stated_agreements,
    ),
    Rule(
        "NARR-CLASS-MISSING",
        "功能分类未在情况说明中说明",
        "class not explained",
        "warning",
        ("narrative", "completeness"),
        "社会保障和就业支出 2021.18 万元，情况说明未提及",
        coverage.class_coverage,
    ),
    Rule(
        "NARR-COUNT-SUM",
        "列举的个数之和与总数不符",
        "counted parts do not add up",
        "error",
        ("narrative",),
        "共有车辆5辆，其中：一般公务用车4辆、一般执法执勤用车0辆、其他用车0辆",
        counts.count_sums,
        uses=("own_claims",),
    ),
    Rule(
        "ROW-LABEL",
        "行标签疑似错字",
        "row label misprint",
        "warning",
        ("labels",),
        "「财政转专户管理资金」/ 财政专户管理资金",
        labels.row_labels,
    ),
    Rule(
        "FMT-PLACEHOLDER",
        "未替换的占位符",
        "placeholder left in",
        "error",
        ("formatting",),
        "上海市XX局；待填写",
        formatting.placeholders,
    ),
    Rule(
        "FMT-YEAR",
        "年份与文件年度不符",
        "year does not belong to the document",
        "error",
        ("formatting",),
        "2024 年预算“与2022年相比”；表题“2023年单位收支预算表”",
        formatting.years,
    ),
    Rule("FMT-DATE", "日期不存在", "date does not exist", "error", ("formatting",), "2024年2月30日", formatting.dates),
    Rule(
        "TEXT-TEMPLATE",
        "保留了模板文字",
        "template text left in",
        "error",
        ("text", "template"),
        "财政拨款收入支出增加（减少）的主要原因是…；（如持平作持平表述）",
        text.template_text,
    ),
    Rule(
        "TEXT-PLACEHOLDER",
        "占位内容",
        "placeholder other than XX",
        "warning",
        ("text", "placeholder"),
        "主要用于qq；「实施周期」全文为「1」",
        text.placeholders,
    ),
    Rule(
        "TEXT-INCOMPLETE",
        "句子不完整或金额空缺",
        "sentence cut off or amount blank",
        "warning",
        ("text", "incomplete"),
        "主要原因是。；支出 万元",
        text.incomplete,
    ),
    Rule(
        "TEXT-PUNCT",
        "标点重复或引号不成对",
        "doubled punctuation or unpaired quotes",
        "warning",
        ("text", "punctuation"),
        "支出。。；开展“协议书检查”、优秀调解案例”活动",
        text.punctuation,
    ),
    Rule(
        "TEXT-STOP",
        "句末缺少句号",
        "sentence without its full stop",
        "warning",
        ("text", "punctuation"),
        "财政拨款收入支出增加的主要原因是工作量增加（下一段接着开始）",
        stops.missing_stops,
    ),
    Rule(
        "TEXT-CITATION",
        "引用文件名称不一致",
        "one document cited under two titles",
        "warning",
        ("text",),
        "《…人民调解经费保障的意见》/《…人民调解工作经费保障的意见》",
        stops.cited_titles,
    ),
    Rule(
        "TEXT-REPEATED-WORD", "词语重复", "word printed twice", "warning", ("text",), "主要原因是主要原因是", text.repeated_words
    ),
    Rule(
        "TEXT-WORDING",
        "用词搭配不当",
        "words that do not go together",
        "warning",
        ("text",),
        "比2025年预算持平（应为与…持平）；与上年相未发生变化",
        text.wording,
    ),
    Rule(
        "TEXT-UNIT-NAME",
        "单位名称与本单位不符",
        "the unit named in a variant",
        "warning",
        ("text", "names"),
        "上海市规划和自然资源局2024年度部门决算表（本单位为上海市普陀区规划和自然资源局）",
        text.unit_names,
    ),
    Rule(
        "TEXT-LEVEL",
        "层级或口径用词不符",
        "words of another level or scope",
        "warning",
        ("text", "level"),
        "单位预算中写“部门预算安排购置车辆”",
        text.levels,
    ),
    Rule("TEXT-PERCENT", "比率缺少百分号", "rate without %", "warning", ("text", "units"), "增长13.95。", text.bare_rates),
    Rule(
        "TEXT-DUPLICATE",
        "段落重复",
        "paragraph printed twice",
        "warning",
        ("text", "layout"),
        "主要职能（六）至（十）印了两次",
        text.duplicates,
    ),
    Rule("LAYOUT-BLANK-PAGE", "空白页", "blank page", "warning", ("layout",), "目录后第3页为空白页", pages.page_defects),
    Rule(
        "TEXT-COPIED",
        "说明复制自其他项目",
        "explanation copied from another item",
        "warning",
        ("text", "copied"),
        "城管执法“主要用于城乡社区管理事务一般行政管理事务”（上一项的用途）",
        text.copied_items,
    ),
    Rule(
        "COMPLETE-TABLE",
        "缺少模板要求的表",
        "required table missing",
        "error",
        ("completeness",),
        "缺少“三公”经费预算表",
        completeness.missing_tables,
    ),
    Rule(
        "COMPLETE-EMPTY-NOTE",
        "空表未说明为空",
        "empty table without a statement",
        "warning",
        ("completeness",),
        "国有资本经营预算支出表无数据，未注明“本表无数据”",
        completeness.empty_without_note,
    ),
    Rule(
        "COMPLETE-EMPTY-CONTRADICTION",
        "注明为空的表有数据",
        "“empty” table with figures",
        "error",
        ("completeness",),
        "注明“本表无数据”，表中却有 598.10",
        completeness.empty_note_with_figures,
    ),
    Rule(
        "COMPLETE-SECTION",
        "缺少必需的说明",
        "required explanation missing",
        "warning",
        ("completeness",),
        "没有政府采购情况说明",
        completeness.required_sections,
    ),
    Rule(
        "COMPLETE-REASON",
        "增减未说明原因",
        "change without its reason",
        "warning",
        ("completeness", "narrative"),
        "公务接待费增加4万元，未说明原因",
        completeness.reasons,
        uses=("own_claims",),
    ),
    Rule(
        "COMPLETE-PROCUREMENT",
        "政府采购未按类型说明",
        "procurement without its split",
        "warning",
        ("completeness",),
        "只写政府采购总额，无货物/工程/服务",
        completeness.procurement_split,
        uses=("own_claims",),
    ),
    Rule(
        "NOT-CHECKED",
        "因缺表未检查的勾稽关系",
        "identities not checked",
        "info",
        ("not-checked",),
        "缺少支出经济分类汇总表",
        completeness.not_checked,
    ),
    Rule(
        "CODE-UNKNOWN",
        "编码不在分类科目目录中",
        "code not in catalog",
        "info",
        ("codes", "catalog"),
        "2010608 不在 2024 年版目录",
        codes.unknown_codes,
        uses=("catalog", "shifted"),
    ),
    Rule(
        "CODE-NAME",
        "科目名称与目录不符",
        "name differs from catalog",
        "warning",
        ("codes", "catalog"),
        "50101 工资奖金津贴 / 工资奖金津补贴",
        codes.code_names,
        uses=("catalog", "shifted"),
    ),
    Rule(
        "CODE-FORMER",
        "使用旧版科目名称",
        "former name of a renamed code",
        "warning",
        ("codes", "catalog"),
        "20805 行政事业单位离退休（2019 年版）",
        codes.former_names,
        uses=("catalog", "shifted"),
    ),
    Rule(
        "CODE-SHAPE",
        "编码位数或层级错误",
        "code shape",
        "error",
        ("codes",),
        "2013 01 → 201301；2080501 列在 20103 之下",
        codes.code_shapes,
    ),
    Rule(
        "CODE-CROSSWALK",
        "部门与政府经济分类对照错误",
        "department/government crosswalk",
        "error",
        ("codes", "catalog"),
        "30231 对 50201",
        codes.crosswalk,
        uses=("catalog",),
    ),
    Rule(
        "TABLE-NOTE",
        "表注与表格不符",
        "note does not fit its table",
        "warning",
        ("document",),
        "国有资本经营预算表注“无政府性基金预算”",
        document.table_notes,
    ),
    Rule(
        "FORMAT-THOUSANDS",
        "千位分隔符不一致",
        "thousands separator missing",
        "info",
        ("document", "format"),
        "1895.00 与 16,444.36",
        document.thousands_separators,
    ),
    Rule(
        "NARR-ITEMS",
        "情况说明所列项目在表中无金额",
        "listed item without an amount",
        "warning",
        ("narrative", "document"),
        "人员经费主要包括个人农业生产补贴（表中为空）",
        document.listed_items,
    ),
    Rule(
        "PROC-THRESHOLD",
        "采购品目名称与金额不符",
        "procurement item below its own threshold",
        "warning",
        ("document",),
        "台式计算机（20万以上）12.00万元",
        document.procurement_thresholds,
    ),
    Rule(
        "NARR-ITEM-SUM",
        "分项之和与所述合计不符",
        "items do not add up to the stated total",
        "error",
        ("narrative",),
        "11 项年初预算之和 2993.93 ≠ 2993.92",
        document.itemised_sums,
    ),
    Rule(
        "TOC-TITLE",
        "目录与表格标题不一致",
        "table of contents vs titles",
        "warning",
        ("document",),
        "目录第 7 项「政府性基金支出预算表」/ 第 7 张表「一般公共预算支出预算表」",
        document.toc_titles,
    ),
    Rule(
        "CODE-NAME-CONFLICT",
        "同一编码名称不一致",
        "one code, two names",
        "warning",
        ("codes",),
        "50101 表6 工资奖金津补贴 / 表7 工资奖金津贴",
        codes.name_conflicts,
        uses=("catalog", "shifted"),
    ),
)

# every code a finding can carry (what `yusuan rules` lists), each pointing to its registry rules
CODES = build_codes(RULES)


def with_catalog(rules: Iterable[Rule], catalog: Catalog) -> tuple[Rule, ...]:
    """The rules with the catalog-dependent ones bound to ``catalog`` (kept for callers that bind
    rules themselves; :func:`run_checks` passes ``catalog`` through the audit context instead)."""
    return tuple(
        dataclasses.replace(
            r,
            check=functools.partial(r.check, catalog=catalog),
            uses=tuple(u for u in r.uses if u not in ("catalog", "shifted")),  # shifted blocks depend on the catalog
        )
        if "catalog" in r.tags
        else r
        for r in rules
    )


def run_checks(
    d: Disclosure,
    rules: Iterable[Rule] = RULES,
    previous: Disclosure | None = None,
    catalog: Catalog | None = None,
    context: AuditContext | None = None,
) -> list[Finding]:
    """Run ``rules`` on ``d``; ``previous`` is last year's document, for the rules that use it;
    the catalog rules use ``catalog`` when given, else the bundled edition for the document's year.
    ``context`` is the audit's context when the caller built it (it must be of ``d``, ``previous``
    and ``catalog``); otherwise one is built here."""
    ctx = context if context is not None else AuditContext(d, previous, catalog)
    if ctx.disclosure is not d or ctx.previous is not previous or ctx.given_catalog is not catalog:
        raise ValueError("run_checks: the context is of another audit")
    out: list[Finding] = []
    for rule in rules:
        try:
            out.extend(rule.run(ctx))
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
