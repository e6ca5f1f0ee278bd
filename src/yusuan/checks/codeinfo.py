"""The catalogue of finding codes: one :class:`CodeInfo` per code that a finding can carry.

A registry :class:`~yusuan.checks.base.Rule` is a unit of checking; several rules emit
more than one code (``ARITH-COL`` also emits ``ARITH-ROLLUP`` and ``ARITH-BALANCE``,
``NARR-CLAIMS`` emits the ``NARR-*`` codes) and one emits another rule's code
(``ARITH-GROUP`` reports ``ARITH-COL``). Users select, ignore, baseline and look up
*codes*, so this table is what ``yusuan rules`` lists. Each entry names the registry
rules that emit it, what it checks, an example from a real document and how to fix it.

A registry rule that has no entry here (a rule just added) gets one derived from its
:class:`Rule` record, so ``yusuan rules`` never hides a code; a test checks that every
code the rules emit on the reference document and its mutants is catalogued.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..report.finding import Severity
from .base import Rule

__all__ = ["CodeInfo", "CODE_INFOS", "build_codes"]


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    rules: tuple[str, ...]  # registry rules that emit this code ("" for the runner itself)
    severity: Severity  # when the figures are beyond rounding; within rounding an arithmetic code is a warning
    title: str
    title_en: str
    tags: tuple[str, ...]
    example: str
    checks: str = ""  # what it checks (Chinese)
    checks_en: str = ""
    fix: str = ""  # how to fix (Chinese)
    fix_en: str = ""


_R = "四舍五入：差额在印出位数允许的范围内时报告为“可能的尾数误差”（警告）。"
_R_EN = " Within the rounding of the printed decimals it is a warning (possible rounding)."

CODE_INFOS: tuple[CodeInfo, ...] = (
    CodeInfo("ARITH-ROW", ("ARITH-ROW",), "error", "行内合计关系", "row formula", ("arithmetic",),
             "表3 合计 2,753.26 ≠ 基本支出 1,804.90 + 项目支出 948.46",
             "同一行内：合计 = 基本支出 + 项目支出，基本支出 = 工资福利 + 对个人和家庭的补助 + 公用经费，总计 = 各资金来源之和。" + _R,
             "Within a row: total = basic + project, basic = wages + transfers to households + goods and services, total = sum of sources." + _R_EN,
             "核对该行各列，修正印错的数字；若各分项正确，改合计。", "Check the row's cells and correct the misprinted figure; if the parts are right, fix the total."),
    CodeInfo("ARITH-COL", ("ARITH-COL", "ARITH-GROUP"), "error", "列合计与汇总关系", "column totals", ("arithmetic",),
             "表5 合计行 ≠ 各科目之和；表12 单位行 948.4 ≠ 项目之和",
             "每一列：合计行 = 各单位行之和 = 各明细行之和；本年收入 = 各项收入之和；收入总计 = 本年收入 + 上年结转；绩效目标表的单位行 = 其下项目之和。" + _R,
             "Down each column: total row = sum of unit rows = sum of detail rows; current revenue = sum of sources; "
             "revenue total = current + carry-over; a performance-table unit row = sum of its projects." + _R_EN,
             "逐行加总该列找出漏列、重列或印错的行；合计行由系统导出时检查导出范围。",
             "Add the column up to find a row missing, listed twice or misprinted; if the total was exported, check the export range."),
    CodeInfo("ARITH-ROLLUP", ("ARITH-COL",), "error", "类款项逐级汇总", "class roll-up", ("arithmetic",),
             "201 一般公共服务支出 ≠ 20103 + 20131",
             "功能分类：类 = 其下各款之和，款 = 其下各项之和；收入明细之和等于其上级项目。" + _R,
             "Function classes: a 类 equals the sum of its 款, a 款 the sum of its 项; income sub-items add up to their parent." + _R_EN,
             "检查是否漏列了某个款或项，或上级科目的金额印错。", "Look for a missing 款/项 row or a misprinted parent amount."),
    CodeInfo("ARITH-BALANCE", ("ARITH-COL",), "error", "收支平衡", "revenue equals expenditure", ("arithmetic",),
             "收入总计 2,753.26 ≠ 支出总计 2,753.36",
             "收支总表与财政拨款收支总表：收入总计 = 支出总计，本年收入 = 本年支出。" + _R,
             "Summary tables: revenue total = expenditure total and current revenue = current expenditure." + _R_EN,
             "预算收支必须平衡：核对两侧的合计与各行。", "A budget balances: check both sides' totals and rows."),
    CodeInfo("ARITH-PART", ("ARITH-PART",), "error", "其中数不超过总数", "part not above whole", ("arithmetic",),
             "其中：财政拨款 2,160.00 > 一般公共预算 2,155.16",
             "“其中”列（如其中：财政拨款）不得大于它所属的列。", "A 其中 (of which) column never exceeds the column it is part of.",
             "改正其中数或总数中印错的一个。", "Correct whichever of the two is misprinted."),
    CodeInfo("CROSS-TABLE", ("CROSS-TABLE",), "error", "表间勾稽关系", "cross-table identities", ("cross_table",),
             "表1 一般公共预算 2,155.16 ≠ 表2 一般公共预算 2,155.61",
             "同一数据在不同表中必须一致：收支总表 ≡ 收入表 ≡ 财政拨款收支总表；功能分类 ≡ 各支出表之和；基本支出表 ≡ 一般公共预算基本支出；"
             "“三公”经费 ≡ 经济分类 30231/30217；项目支出表 ≡ 支出表项目支出；绩效目标表金额 ≡ 项目支出表。无法判断哪一方有误时两处都列出。" + _R,
             "The same figure must agree across tables (summary, income, fiscal summary, expenditure tables by class, basic table, "
             "三公 vs economic codes 30231/30217, project table, performance targets); both cells are named when it cannot tell which is wrong." + _R_EN,
             "对照两张表，找出印错的一方并改正；两张表都由系统导出时检查导出口径。",
             "Compare the two tables, find the wrong side and correct it; if both were exported, check the export settings."),
    CodeInfo("CROSS-ECON-BASIC", ("CROSS-TABLE",), "error", "经济分类汇总包含基本支出", "economic summary covers basic expenditure",
             ("cross_table",), "30101 基本工资：汇总表 100.00 < 基本支出表 120.00",
             "支出经济分类汇总表每个经济科目的一般公共预算金额不得小于基本支出表的同一科目。",
             "Each economic code's general-budget amount in the economic summary is at least the basic-expenditure table's amount.",
             "补齐汇总表中遗漏的基本支出，或改正基本支出表。", "Add the basic expenditure missing from the summary, or correct the basic table."),
    CodeInfo("CROSS-PERF-PROJECT", ("CROSS-TABLE",), "warning", "绩效目标项目不在项目支出表", "performance project not in project table",
             ("cross_table", "performance"), "绩效目标表项目「信访信息系统维护经费」在项目支出表中找不到",
             "绩效目标表的每个项目都应在项目支出预算表中同名列出。", "Every project of the performance-target table is listed under the same name in the project table.",
             "统一两张表中的项目名称，或补列项目。", "Use the same project name in both tables, or add the missing project."),
    CodeInfo("CROSS-PERF-MISSING", ("CROSS-TABLE",), "warning", "项目缺少绩效目标", "project without performance targets",
             ("cross_table", "performance"), "项目支出表的项目「电子政务专项」没有绩效目标",
             "项目支出预算表的每个项目都应有绩效目标。", "Every project of the project table has performance targets.",
             "在绩效目标表中补列该项目的目标。", "Add the project's targets to the performance-target table."),
    CodeInfo("PERF-VALUE-UNIT", ("PERF-VALUE-UNIT",), "error", "指标值与指标类型不符", "indicator value unit", ("performance",),
             "工程技术资料归档率 “0次”，工程安全事故发生的次数 “100%”",
             "名称为“…率”的指标应以百分比表示，“…次数/数量/发生量”应以数量表示；不符时常是相邻两个指标的值填反了。",
             "A …率 (rate) indicator takes a percentage, a …次数/数量/发生量 (count) a number; a mismatch often means two neighbours' values were swapped.",
             "核对该项目的指标值，把填反的值换回。", "Check the project's indicator values and swap back the exchanged ones."),
    CodeInfo("PERF-VALUE-INCONSISTENT", ("PERF-VALUE-INCONSISTENT",), "warning", "同一指标单位不一致", "indicator unit consistency",
             ("performance",), "重复上访案件发生量 ≤5% 与 ≤5起",
             "同名指标在不同项目中应使用同一计量单位。", "An indicator with the same name uses the same unit in every project.",
             "统一计量单位。", "Use one unit."),
    CodeInfo("PERF-CODE-LENGTH", ("PERF-CODE-LENGTH",), "error", "项目编码位数", "project code length", ("performance", "codes"),
             "41900123000000105996 为 20 位，应为 21 位",
             "本模板的项目编码为 21 位数字。", "Project codes of this template have 21 digits.",
             "从预算系统中核对项目编码，补上漏掉的数字。", "Look the code up in the budget system and restore the missing digit."),
    CodeInfo("PERF-DUPLICATE", ("PERF-DUPLICATE",), "warning", "项目重复列示", "duplicate project", ("performance",),
             "「豫财行2023-175号解决特殊疑难信访问题资金」出现两次（6.3 万元）",
             "同一项目（同名同金额）在绩效目标表中列了两次。", "The same project (name and amount) is listed twice in the performance-target table.",
             "删除重复项，避免合计重复计算；若确为两个项目，请在名称中区分。", "Delete the duplicate, or tell the two projects apart by name."),
    CodeInfo("PERF-INDICATOR-NAME", ("PERF-INDICATOR-NAME",), "warning", "指标名称不完整", "indicator name", ("performance",),
             "指标「政务热服务线」（≥20000人次）；效益指标没有名称",
             "指标应有名称，且名称要说明衡量什么（…次数、…率、…满意度）。", "An indicator has a name that says what is measured (…count, …rate, …satisfaction).",
             "补全指标名称（如“政务服务热线接听量”）。", "Complete the name (e.g. “hotline calls answered”)."),
    CodeInfo("NAME-CLASS-FORMER", ("NAME-CLASS",), "warning", "使用旧版科目名称", "former class name", ("names", "codes"),
             "「医疗卫生与计划生育支出」是2018年以前的名称，现为 210 卫生健康支出",
             "功能分类科目名称应为当年《政府收支分类科目》的名称。", "Function classes carry the names of the year's classification edition.",
             "改用现行科目名称。", "Use the current name."),
    CodeInfo("NAME-CLASS-DUPLICATE", ("NAME-CLASS",), "warning", "同一科目列了两次", "class listed twice", ("names", "codes"),
             "表4 把 210 类列了两次：「（九）医疗卫生与计划生育支出」和「（十）卫生健康支出」",
             "同一张表中一个功能分类类级科目只应出现一次。", "A function class appears once in a table.",
             "删除旧名称那一行。", "Delete the row with the former name."),
    CodeInfo("NAME-CLASS-MISMATCH", ("NAME-CLASS",), "warning", "科目名称在各表中不一致", "class named differently", ("names", "codes"),
             "207 类：表1「文化旅游体育与传媒」，表4「文化体育旅游与传媒支出」",
             "同一科目在各表中的名称应一致，并与分类科目的名称相同。", "A class has the same name in every table, as in the classification.",
             "按《政府收支分类科目》统一名称。", "Use the classification's name everywhere."),
    CodeInfo("NARR-AMOUNT", ("NARR-CLAIMS",), "error", "金额与表格不符", "narrative amount differs from the tables", ("narrative",),
             "“一般公共预算支出2,155.61万元”，表5 合计为 2,155.16",
             "情况说明中的金额应与表格中相应单元格一致（四舍五入到所印位数）；同一项目前后两次说明的本年数（“…（项）56.12万元。…2026年预算安排57.8万元”）应相同。"
             "截尾（87.70 对 87.708）或只差末位一个单位时报告为“可能的尾数误差”（警告）。",
             "An amount in the narrative equals the table cell it states (to the printed decimals); an item's figure stated twice "
             "(“…56.12万元 … 2026年预算安排57.8万元”) is the same both times. Truncated (87.70 for 87.708) or one unit of the last "
             "digit off, it is a warning (possible rounding).",
             "按表格改正情况说明中的数字（或改正表格）。", "Correct the narrative's figure from the table (or the table)."),
    CodeInfo("NARR-UNIT-SCALE", ("NARR-CLAIMS",), "error", "金额单位疑似错误（元/万元）", "amount off by 10,000 (元/万元)", ("narrative",),
             "“279.64元”，表中为 279.64 万元",
             "数字与表格一致但单位差一万倍，通常是“元”“万元”写错。", "The figure matches the table but the unit is off by 10,000 (元 vs 万元).",
             "改正单位。", "Correct the unit."),
    CodeInfo("NARR-SHARE", ("NARR-CLAIMS",), "error", "占比计算不符", "share does not match", ("narrative",),
             "“占65.66%”，1,804.90 ÷ 2,753.26 = 65.56%",
             "“占…%”应等于分项 ÷ 总数（按所印位数四舍五入）。所印数字的舍入可以解释、截尾、或只差末位一个单位（如为使各项合计为100%）时，"
             "报告为“可能的尾数误差”（警告）。",
             "“…% of” equals part ÷ whole, rounded to the printed decimals. Explained by the rounding of the printed figures, truncated, "
             "or one unit of the last digit off (e.g. shares forced to add up to 100%), it is a warning (possible rounding).",
             "按表格重新计算占比。", "Recompute the share from the tables."),
    CodeInfo("NARR-CHANGE", ("NARR-CLAIMS",), "error", "增减额与增减率不符", "change and rate disagree", ("narrative",),
             "“减少377.04万元，下降14.89%”与本年数不相容",
             "增减额、增减率和本年数三者必须相容（由它们推出的上年数一致）；“上年执行数为A万元，本年预算安排B万元，比上年增加R%”中 R 与方向应由 A、B 得出；"
             "本年为零却说比上年增加也在此报告。上年为零时“增长100%”是惯例，只列为提示。舍入可以解释、截尾或只差末位一个单位时为警告。",
             "The change, its rate and this year's figure must imply the same last-year figure; in “last year A, this year B, up R%” "
             "R and its direction follow from A and B; a change on a zero line is reported too. From a zero base, “up 100%” is the "
             "usual convention (info only). Within rounding, truncated or one unit of the last digit off, it is a warning.",
             "核对上年数，重新计算增减额与增减率。", "Check last year's figure and recompute the change and rate."),
    CodeInfo("NARR-DIRECTION", ("NARR-CLAIMS",), "error", "增减方向矛盾", "direction words contradict", ("narrative",),
             "“减少4万元，增长50%”；“执行数15万元，预算安排16万元，比执行数持平”",
             "同一数量的方向词（增加/减少/持平）必须一致，与数字的正负一致（“持平，零增长”是一个说法）。原因中的增减词不与变动比较"
             "（增加的原因中可以有减少的部分）；说“持平”而原因只讲增加或只讲减少时为警告。",
             "The direction words about one quantity agree with each other and with the figures (“持平，零增长” is one statement). "
             "Words in a reason are not compared with the change (a list of reasons for an increase may name a decrease); “unchanged” "
             "followed by a reason that speaks only of a decrease (or an increase) is a warning.",
             "改正方向词。", "Correct the direction word."),
    CodeInfo("NARR-SUM", ("NARR-CLAIMS",), "error", "分项之和与总数不符", "parts do not add up", ("narrative",),
             "政府采购 100万元 ≠ 货物 60 + 工程 20 + 服务 30",
             "同一段中给出总数及其全部分项时，分项之和应等于总数。", "Where a paragraph gives a whole and all its parts, the parts add up to the whole.",
             "改正总数或分项。", "Correct the whole or a part."),
    CodeInfo("NARR-NAME", ("NARR-CLAIMS",), "warning", "科目名称与表格不一致", "item named differently from the tables", ("narrative",),
             "“其它行政事业单位养老支出（项）0.96万元”，表中为 其他行政事业单位养老支出",
             "情况说明所写的类/款/项名称应与表格一致（金额另行核对）；印有科目编码（“医疗卫生与计划生育支出（210类）”）时按编码找表中的行。",
             "A 类/款/项 named in the narrative is named as in the tables (its figure is checked apart); where the narrative prints the "
             "codes (“…（210类）”) the row is found by its code.",
             "按表格改正科目名称。", "Use the tables' name."),
    CodeInfo("NARR-YEAR", ("NARR-CLAIMS",), "warning", "比较的年份有误", "compared with the wrong year", ("narrative",),
             "2026年部门预算：“财政拨款收入9628.22万元，比2026年预算增加793.14万元”",
             "预算的增减是与上年比较；本年预算说“比（与）本年预算增加/持平”是把年份写错了。",
             "A budget's changes are on last year; a 2026 budget saying “up on the 2026 budget” has the year wrong.",
             "把比较的年份改为上年。", "Change the year compared with to last year."),
    CodeInfo("COMPLETE-REASON", ("COMPLETE-REASON",), "warning", "增减未说明原因", "change without its reason", ("completeness", "narrative"),
             "“机关运行经费…比上年增加138.33万元，增长6.60%。”之后没有“主要原因”",
             "“三公”经费各项、各类资金和收支总数比上年的增减应说明原因；原因写在下一句、或同一部分另起一段（“财政拨款收入支出增加（减少）的主要原因是…”）都算说明。",
             "A change on last year of a “three public” item, a fund type or the totals is explained; a reason in the next sentence, "
             "or in its own paragraph of the same part (“…增加（减少）的主要原因是…”), counts.",
             "补写增减的主要原因。", "Add the main reason for the change."),
    CodeInfo("COMPLETE-PROCUREMENT", ("COMPLETE-PROCUREMENT",), "warning", "政府采购未按类型说明", "procurement without its split", ("completeness",),
             "“政府采购预算1422.50万元，其中货物84万元、服务1338.50万元”，表中工程为 20 万元",
             "政府采购应分货物、工程、服务说明；表中为零（或没有该类）、或已说明的分类相加等于总额时，未提及的类别可不说明。"
             "报告的是：表中不为零而未说明的类别，或（没有政府采购表时）已说明的分类合计少于总额。",
             "Procurement is split into goods, works and services; a category the tables show as zero (or absent), or that the parts "
             "stated leave no room for, need not be mentioned. Reported: a category the tables show non-zero, or (without a "
             "procurement table) parts stated that fall short of the total.",
             "补写缺少的分类金额。", "State the missing part(s)."),
    CodeInfo("CROSS-NOT-CHECKED", ("CROSS-TABLE",), "info", "模板不适用的勾稽关系", "identity the template cannot satisfy", ("cross_table",),
             "江苏模板的一般公共预算支出表只列“金额”，不核对基本/项目支出",
             "模板（profile）列出的、该模板表格无法满足的标准勾稽关系，说明未核对的原因。",
             "Canonical identities the template's tables cannot satisfy, listed by its profile with the reason; never a pass.",
             "无需改正；如需核对，请提供含相应列的表格。", "Nothing to fix; the template prints no column to check against."),
    CodeInfo("NARR-COUNT", ("NARR-CLAIMS",), "error", "个数与表格不符", "count differs from the tables", ("narrative",),
             "“共有车辆4辆”，表中为 5 辆",
             "情况说明中的个数（项目数、车辆数等）应与表格一致。", "A count in the narrative (projects, vehicles) agrees with the tables.",
             "按表格改正个数。", "Correct the count."),
    CodeInfo("NARR-PREVIOUS", ("NARR-CLAIMS",), "error", "与上年文件不符", "differs from last year's document", ("narrative",),
             "“比上年减少377.04万元”，与上年文件推出的变动不符（需 --previous）",
             "给出上年文件时，增减额应等于本年数减上年文件中的数。", "With last year's document, a change equals this year's figure minus last year's.",
             "按上年文件核对增减额。", "Recompute the change from last year's document."),
    CodeInfo("NARR-UNVERIFIABLE", ("NARR-CLAIMS",), "info", "无法核对的表述", "statement that cannot be checked", ("narrative",),
             "“与2023年持平”（没有上年文件）；“单价50万元以上通用设备0台（套）”（表中无此数据）",
             "文件中没有可以核对它的数据；列出来供人工核对，而不是当作已通过。",
             "Nothing in the document can check it; listed for a person to check, never passed silently.",
             "人工核对；有上年文件时用 --previous 提供。", "Check by hand; give last year's document with --previous."),
    CodeInfo("NARR-UNLINKED", ("NARR-CLAIMS",), "info", "未能识别的数字", "figure not linked", ("narrative",),
             "一个无法判断说的是哪项数据的百分比",
             "未能判断这个数字说的是什么，因此没有核对。", "It could not tell what the figure states, so it was not checked.",
             "人工核对；如为常见写法请报告，以便改进识别。", "Check by hand; report common wordings so that they can be recognised."),
    CodeInfo("RULE-CRASH", ("",), "error", "规则执行出错", "rule crashed", ("internal",),
             "规则 CROSS-TABLE 执行出错，未能完成检查",
             "某条规则执行出错；该规则负责的检查没有完成（不会当作通过）。", "A rule crashed; its checks were not done (never counted as passed).",
             "请报告此问题并附上文件。", "Please report it with the document."),
)


def build_codes(rules: Iterable[Rule], infos: Iterable[CodeInfo] = CODE_INFOS) -> Mapping[str, CodeInfo]:
    """Code → :class:`CodeInfo`: the catalogued codes plus one derived entry for every
    registry rule that no catalogued code names (a rule added without an entry)."""
    out: dict[str, CodeInfo] = {i.code: i for i in infos}
    covered = {r for i in out.values() for r in i.rules}
    for r in rules:
        if r.code not in covered and r.code not in out:
            out[r.code] = CodeInfo(r.code, (r.code,), r.severity, r.title, r.title_en, r.tags, r.example)
    return MappingProxyType(out)
