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

from ..findings import Severity
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
_D = (
    "读取存疑：差额正好等于表中一行的金额（该行被重复计入或漏计，常见于读取错误）而该行本身无误，或涉及读取时无法确定的行时，"
    "报告为警告并说明；该行本身不符合行内合计关系时仍为错误，并指出该格。"
)
_D_EN = (
    " A reading doubt is a warning too: where the difference is exactly one row's figure (a row counted twice or left out: what "
    "a misread table looks like) and that row adds up in itself, or where a row it names could not be read with certainty; where "
    "that row does not add up in itself, it stays an error and names the cell."
)

CODE_INFOS: tuple[CodeInfo, ...] = (
    CodeInfo(
        "ARITH-ROW",
        ("ARITH-ROW",),
        "error",
        "行内合计关系",
        "row formula",
        ("arithmetic",),
        "表3 合计 2,753.26 ≠ 基本支出 1,804.90 + 项目支出 948.46",
        "同一行内：合计 = 基本支出 + 项目支出，基本支出 = 工资福利 + 对个人和家庭的补助 + 公用经费，总计 = 各资金来源之和。" + _R,
        "Within a row: total = basic + project, basic = wages + transfers to households + goods and services, total = sum of sources."
        + _R_EN,
        "核对该行各列，修正印错的数字；若各分项正确，改合计。",
        "Check the row's cells and correct the misprinted figure; if the parts are right, fix the total.",
    ),
    CodeInfo(
        "ARITH-COL",
        ("ARITH-COL", "ARITH-GROUP"),
        "error",
        "列合计与汇总关系",
        "column totals",
        ("arithmetic",),
        "表5 合计行 ≠ 各科目之和；表12 单位行 948.4 ≠ 项目之和",
        "每一列：合计行 = 各单位行之和 = 各明细行之和；本年收入 = 各项收入之和；收入总计 = 本年收入 + 上年结转；绩效目标表的单位行 = 其下项目之和。"
        + _R
        + _D,
        "Down each column: total row = sum of unit rows = sum of detail rows; current revenue = sum of sources; "
        "revenue total = current + carry-over; a performance-table unit row = sum of its projects." + _R_EN + _D_EN,
        "逐行加总该列找出漏列、重列或印错的行；合计行由系统导出时检查导出范围。",
        "Add the column up to find a row missing, listed twice or misprinted; if the total was exported, check the export range.",
    ),
    CodeInfo(
        "ARITH-ROLLUP",
        ("ARITH-COL",),
        "error",
        "类款项逐级汇总",
        "class roll-up",
        ("arithmetic",),
        "201 一般公共服务支出 ≠ 20103 + 20131",
        "功能分类：类 = 其下各款之和，款 = 其下各项之和；收入明细之和等于其上级项目。" + _R + _D,
        "Function classes: a 类 equals the sum of its 款, a 款 the sum of its 项; income sub-items add up to their parent."
        + _R_EN
        + _D_EN,
        "检查是否漏列了某个款或项，或上级科目的金额印错。",
        "Look for a missing 款/项 row or a misprinted parent amount.",
    ),
    CodeInfo(
        "ARITH-BALANCE",
        ("ARITH-COL",),
        "error",
        "收支平衡",
        "revenue equals expenditure",
        ("arithmetic",),
        "收入总计 2,753.26 ≠ 支出总计 2,753.36",
        "收支总表与财政拨款收支总表：收入总计 = 支出总计，本年收入 = 本年支出。" + _R + _D,
        "Summary tables: revenue total = expenditure total and current revenue = current expenditure." + _R_EN + _D_EN,
        "预算收支必须平衡：核对两侧的合计与各行。",
        "A budget balances: check both sides' totals and rows.",
    ),
    CodeInfo(
        "ARITH-PART",
        ("ARITH-PART",),
        "error",
        "其中数不超过总数",
        "part not above whole",
        ("arithmetic",),
        "其中：财政拨款 2,160.00 > 一般公共预算 2,155.16",
        "“其中”列（如其中：财政拨款）不得大于它所属的列。",
        "A 其中 (of which) column never exceeds the column it is part of.",
        "改正其中数或总数中印错的一个。",
        "Correct whichever of the two is misprinted.",
    ),
    CodeInfo(
        "CROSS-TABLE",
        ("CROSS-TABLE",),
        "error",
        "表间勾稽关系",
        "cross-table identities",
        ("cross_table",),
        "表1 一般公共预算 2,155.16 ≠ 表2 一般公共预算 2,155.61",
        "同一数据在不同表中必须一致：收支总表 ≡ 收入表 ≡ 财政拨款收支总表；功能分类 ≡ 各支出表之和；基本支出表 ≡ 一般公共预算基本支出；"
        "“三公”经费 ≡ 经济分类 30231/30217；项目支出表 ≡ 支出表项目支出；绩效目标表金额 ≡ 项目支出表。无法判断哪一方有误时两处都列出。"
        + _R
        + _D,
        "The same figure must agree across tables (summary, income, fiscal summary, expenditure tables by class, basic table, "
        "三公 vs economic codes 30231/30217, project table, performance targets); both cells are named when it cannot tell which is wrong."
        + _R_EN
        + _D_EN,
        "对照两张表，找出印错的一方并改正；两张表都由系统导出时检查导出口径。",
        "Compare the two tables, find the wrong side and correct it; if both were exported, check the export settings.",
    ),
    CodeInfo(
        "CROSS-ECON-BASIC",
        ("CROSS-TABLE",),
        "error",
        "经济分类汇总包含基本支出",
        "economic summary covers basic expenditure",
        ("cross_table",),
        "30101 基本工资：汇总表 100.00 < 基本支出表 120.00",
        "支出经济分类汇总表每个经济科目的一般公共预算金额不得小于基本支出表的同一科目。",
        "Each economic code's general-budget amount in the economic summary is at least the basic-expenditure table's amount.",
        "补齐汇总表中遗漏的基本支出，或改正基本支出表。",
        "Add the basic expenditure missing from the summary, or correct the basic table.",
    ),
    CodeInfo(
        "CROSS-PERF-PROJECT",
        ("CROSS-TABLE",),
        "warning",
        "绩效目标项目不在项目支出表",
        "performance project not in project table",
        ("cross_table", "performance"),
        "绩效目标表项目「信访信息系统维护经费」在项目支出表中找不到",
        "绩效目标表的每个项目都应在项目支出预算表中同名列出。",
        "Every project of the performance-target table is listed under the same name in the project table.",
        "统一两张表中的项目名称，或补列项目。",
        "Use the same project name in both tables, or add the missing project.",
    ),
    CodeInfo(
        "CROSS-PERF-MISSING",
        ("CROSS-TABLE",),
        "warning",
        "项目缺少绩效目标",
        "project without performance targets",
        ("cross_table", "performance"),
        "项目支出表的项目「电子政务专项」没有绩效目标",
        "项目支出预算表的每个项目都应有绩效目标。",
        "Every project of the project table has performance targets.",
        "在绩效目标表中补列该项目的目标。",
        "Add the project's targets to the performance-target table.",
    ),
    CodeInfo(
        "PERF-VALUE-UNIT",
        ("PERF-VALUE-UNIT",),
        "error",
        "指标值与指标类型不符",
        "indicator value unit",
        ("performance",),
        "工程技术资料归档率 “0次”，工程安全事故发生的次数 “100%”",
        "名称为“…率”的指标应以百分比表示，“…次数/数量/发生量”应以数量表示；不符时常是相邻两个指标的值填反了。",
        "A …率 (rate) indicator takes a percentage, a …次数/数量/发生量 (count) a number; a mismatch often means two neighbours' values were swapped.",
        "核对该项目的指标值，把填反的值换回。",
        "Check the project's indicator values and swap back the exchanged ones.",
    ),
    CodeInfo(
        "PERF-VALUE-INCONSISTENT",
        ("PERF-VALUE-INCONSISTENT",),
        "warning",
        "同一指标单位不一致",
        "indicator unit consistency",
        ("performance",),
        "重复上访案件发生量 ≤5% 与 ≤5起",
        "同名指标在不同项目中应使用同一计量单位。",
        "An indicator with the same name uses the same unit in every project.",
        "统一计量单位。",
        "Use one unit.",
    ),
    CodeInfo(
        "PERF-COUNT-UNIT",
        ("PERF-COUNT-UNIT",),
        "warning",
        "同一指标计数单位不一致",
        "indicator counted in different units",
        ("performance",),
        "委办局调研数量：项目甲 ≥11次，项目乙 ≥11个",
        "同名指标（名称说明了数的是什么，如“委办局调研数量”，而非“完成数量”）在一个项目中按次数（次、场、起…）计、在另一个项目中按件数"
        "（个、项、家…）或人数（人、人次）计：报告用得较少的一种，并指出用常见单位的项目。同类单位互换（次/场、个/项、家/户、人/人次、件/起）"
        "不报告；百分比与数量的不一致见 PERF-VALUE-INCONSISTENT。",
        "An indicator whose name says what it counts (委办局调研数量, not 完成数量) counted as events (次, 场, 起 …) in one project "
        "and as things (个, 项, 家 …) or people (人, 人次) in another: the rarer kind is reported, naming a project that uses "
        "the common one. Units of one kind (次/场, 个/项, 家/户, 人/人次, 件/起) are alternatives, not reported; a percentage "
        "against a count is PERF-VALUE-INCONSISTENT.",
        "统一计数单位（通常是把个别项目的单位改成多数项目所用的单位）。",
        "Use one unit (usually the one most projects use).",
    ),
    CodeInfo(
        "PERF-CODE-LENGTH",
        ("PERF-CODE-LENGTH",),
        "error",
        "项目编码位数",
        "project code length",
        ("performance", "codes"),
        "41900123000000105996 为 20 位，应为 21 位",
        "本模板的项目编码为 21 位数字。",
        "Project codes of this template have 21 digits.",
        "从预算系统中核对项目编码，补上漏掉的数字。",
        "Look the code up in the budget system and restore the missing digit.",
    ),
    CodeInfo(
        "PERF-DUPLICATE",
        ("PERF-DUPLICATE",),
        "warning",
        "项目重复列示",
        "duplicate project",
        ("performance",),
        "「豫财行2023-175号解决特殊疑难信访问题资金」出现两次（6.3 万元）",
        "同一项目（同名同金额）在绩效目标表中列了两次。",
        "The same project (name and amount) is listed twice in the performance-target table.",
        "删除重复项，避免合计重复计算；若确为两个项目，请在名称中区分。",
        "Delete the duplicate, or tell the two projects apart by name.",
    ),
    CodeInfo(
        "PERF-INDICATOR-NAME",
        ("PERF-INDICATOR-NAME",),
        "warning",
        "指标名称不完整",
        "indicator name",
        ("performance",),
        "指标「政务热服务线」（≥20000人次）；效益指标没有名称",
        "指标应有名称，且名称要说明衡量什么（…次数、…率、…满意度）。",
        "An indicator has a name that says what is measured (…count, …rate, …satisfaction).",
        "补全指标名称（如“政务服务热线接听量”）。",
        "Complete the name (e.g. “hotline calls answered”).",
    ),
    CodeInfo(
        "NAME-CLASS-FORMER",
        ("NAME-CLASS",),
        "warning",
        "使用旧版科目名称",
        "former class name",
        ("names", "codes"),
        "「医疗卫生与计划生育支出」是2018年以前的名称，现为 210 卫生健康支出",
        "功能分类科目名称应为当年《政府收支分类科目》的名称。",
        "Function classes carry the names of the year's classification edition.",
        "改用现行科目名称。",
        "Use the current name.",
    ),
    CodeInfo(
        "NAME-CLASS-DUPLICATE",
        ("NAME-CLASS",),
        "warning",
        "同一科目列了两次",
        "class listed twice",
        ("names", "codes"),
        "表4 把 210 类列了两次：「（九）医疗卫生与计划生育支出」和「（十）卫生健康支出」",
        "同一张表中一个功能分类类级科目只应出现一次。",
        "A function class appears once in a table.",
        "删除旧名称那一行。",
        "Delete the row with the former name.",
    ),
    CodeInfo(
        "NAME-CLASS-MISMATCH",
        ("NAME-CLASS",),
        "warning",
        "科目名称在各表中不一致",
        "class named differently",
        ("names", "codes"),
        "207 类：表1「文化旅游体育与传媒」，表4「文化体育旅游与传媒支出」",
        "同一科目在各表中的名称应一致，并与分类科目的名称相同。",
        "A class has the same name in every table, as in the classification.",
        "按《政府收支分类科目》统一名称。",
        "Use the classification's name everywhere.",
    ),
    CodeInfo(
        "CODE-NAME",
        ("CODE-NAME",),
        "warning",
        "科目名称与目录不符",
        "name differs from catalog",
        ("codes", "catalog"),
        "表7 50101 印为「工资奖金津贴」，2024 年版为「工资奖金津补贴」",
        "表中编码的名称应与文件所属年度适用的《政府收支分类科目》版本一致（2017 年及以前的文件按 2018 年改革前的支出经济分类核对）。"
        "没有适用于该年度的版本、或名称属于较新版本时，只作提示（info），并说明原因。",
        "A printed code carries the name the catalog edition of the document's year gives it (documents up to 2017 are "
        "checked against the economic classification before its 2018 reform). Where no bundled edition covers the year, "
        "or the name is that of a later edition, it is info that states the doubt.",
        "按当年分类科目改正名称；若编码错了（名称是另一个编码的），改正编码。",
        "Use the catalog's name; if the code is the wrong one (the name belongs to another code), correct the code.",
    ),
    CodeInfo(
        "CODE-SHIFT",
        ("CODE-NAME",),
        "warning",
        "编码与名称整段错位",
        "codes shifted against their names",
        ("codes", "catalog"),
        "表8 30202「咨询费」、30203「水费」、30204「电费」……（咨询费为 30203，水费为 30205）",
        "同一张表中连续若干行的名称是同一类中其他编码的名称（至少两行），说明这一段编码整体顺延或按行重新编号；"
        "整段报告一次，段内不在目录中的编码也列在其中，不再逐行报告科目名称不符。只有一行名称不符时仍报告为 CODE-NAME。",
        "In one table, consecutive rows (at least two) carry the names of other codes of the same class: the codes of the "
        "run were shifted or renumbered. Reported once for the run, with any code of the run that is not in the catalog; "
        "a single misnamed row is still CODE-NAME.",
        "按名称逐行查出正确编码（如 咨询费 30203、工会经费 30228、其他商品和服务支出 30299），整段改正。",
        "Look up each row's code by its name (咨询费 30203, 工会经费 30228, 其他商品和服务支出 30299) and correct the run.",
    ),
    CodeInfo(
        "NARR-AMOUNT",
        ("NARR-CLAIMS",),
        "error",
        "金额与表格不符",
        "narrative amount differs from the tables",
        ("narrative",),
        "“一般公共预算支出2,155.61万元”，表5 合计为 2,155.16",
        "情况说明中的金额应与表格中相应单元格一致（四舍五入到所印位数）；同一项目前后两次说明的本年数（“…（项）56.12万元。…2026年预算安排57.8万元”）应相同。"
        "截尾（87.70 对 87.708）或只差末位一个单位时报告为“可能的尾数误差”（警告）。",
        "An amount in the narrative equals the table cell it states (to the printed decimals); an item's figure stated twice "
        "(“…56.12万元 … 2026年预算安排57.8万元”) is the same both times. Truncated (87.70 for 87.708) or one unit of the last "
        "digit off, it is a warning (possible rounding).",
        "按表格改正情况说明中的数字（或改正表格）。",
        "Correct the narrative's figure from the table (or the table).",
    ),
    CodeInfo(
        "NARR-UNIT-SCALE",
        ("NARR-CLAIMS",),
        "error",
        "金额单位疑似错误（元/万元）",
        "amount off by 10,000 (元/万元)",
        ("narrative",),
        "“279.64元”，表中为 279.64 万元",
        "数字与表格一致但单位差一万倍，通常是“元”“万元”写错。",
        "The figure matches the table but the unit is off by 10,000 (元 vs 万元).",
        "改正单位。",
        "Correct the unit.",
    ),
    CodeInfo(
        "NARR-SHARE",
        ("NARR-CLAIMS",),
        "error",
        "占比计算不符",
        "share does not match",
        ("narrative",),
        "“占65.66%”，1,804.90 ÷ 2,753.26 = 65.56%",
        "“占…%”应等于分项 ÷ 总数（按所印位数四舍五入）。所印数字的舍入可以解释、截尾、或只差末位一个单位（如为使各项合计为100%）时，"
        "报告为“可能的尾数误差”（警告）。",
        "“…% of” equals part ÷ whole, rounded to the printed decimals. Explained by the rounding of the printed figures, truncated, "
        "or one unit of the last digit off (e.g. shares forced to add up to 100%), it is a warning (possible rounding).",
        "按表格重新计算占比。",
        "Recompute the share from the tables.",
    ),
    CodeInfo(
        "NARR-CHANGE",
        ("NARR-CLAIMS",),
        "error",
        "增减额与增减率不符",
        "change and rate disagree",
        ("narrative",),
        "“减少377.04万元，下降14.89%”与本年数不相容",
        "增减额、增减率和本年数三者必须相容（由它们推出的上年数一致）；“上年执行数为A万元，本年预算安排B万元，比上年增加R%”中 R 与方向应由 A、B 得出；"
        "本年为零却说比上年增加也在此报告。上年为零时“增长100%”是惯例，只列为提示。舍入可以解释、截尾或只差末位一个单位时为警告。",
        "The change, its rate and this year's figure must imply the same last-year figure; in “last year A, this year B, up R%” "
        "R and its direction follow from A and B; a change on a zero line is reported too. From a zero base, “up 100%” is the "
        "usual convention (info only). Within rounding, truncated or one unit of the last digit off, it is a warning.",
        "核对上年数，重新计算增减额与增减率。",
        "Check last year's figure and recompute the change and rate.",
    ),
    CodeInfo(
        "NARR-DIRECTION",
        ("NARR-CLAIMS",),
        "error",
        "增减方向矛盾",
        "direction words contradict",
        ("narrative",),
        "“减少4万元，增长50%”；“执行数15万元，预算安排16万元，比执行数持平”",
        "同一数量的方向词（增加/减少/持平）必须一致，与数字的正负一致（“持平，零增长”是一个说法）。原因中的增减词不与变动比较"
        "（增加的原因中可以有减少的部分）；说“持平”而原因只讲增加或只讲减少时为警告。",
        "The direction words about one quantity agree with each other and with the figures (“持平，零增长” is one statement). "
        "Words in a reason are not compared with the change (a list of reasons for an increase may name a decrease); “unchanged” "
        "followed by a reason that speaks only of a decrease (or an increase) is a warning.",
        "改正方向词。",
        "Correct the direction word.",
    ),
    CodeInfo(
        "NARR-SUM",
        ("NARR-CLAIMS",),
        "error",
        "分项之和与总数不符",
        "parts do not add up",
        ("narrative",),
        "政府采购 100万元 ≠ 货物 60 + 工程 20 + 服务 30",
        "同一段中给出总数及其全部分项时，分项之和应等于总数。",
        "Where a paragraph gives a whole and all its parts, the parts add up to the whole.",
        "改正总数或分项。",
        "Correct the whole or a part.",
    ),
    CodeInfo(
        "NARR-NAME",
        ("NARR-CLAIMS",),
        "warning",
        "科目名称与表格不一致",
        "item named differently from the tables",
        ("narrative",),
        "“其它行政事业单位养老支出（项）0.96万元”，表中为 其他行政事业单位养老支出",
        "情况说明所写的类/款/项名称应与表格一致（金额另行核对）；印有科目编码（“医疗卫生与计划生育支出（210类）”）时按编码找表中的行。",
        "A 类/款/项 named in the narrative is named as in the tables (its figure is checked apart); where the narrative prints the "
        "codes (“…（210类）”) the row is found by its code.",
        "按表格改正科目名称。",
        "Use the tables' name.",
    ),
    CodeInfo(
        "CROSS-NOT-CHECKED",
        ("CROSS-TABLE",),
        "info",
        "不适用的勾稽关系",
        "identity that does not apply",
        ("cross_table",),
        "江苏 2017 年模板的机关运行经费表含项目支出中的运行经费，不核对其与基本支出表商品和服务支出相等；本文件有事业收入，不核对支出表 = 各财政拨款支出表之和",
        "有名称的表间勾稽关系（见 yusuan.identities）中不适用于本文件的：模板（profile）声明不成立的（全部年度或部分年度），"
        "或其前提不满足的（如支出表 = 一般公共预算 + 政府性基金 + 国有资本经营支出表，只在文件没有非财政拨款资金时成立）。每个列出一次并说明原因；不是“通过”，也不报差异。",
        "Named identities between tables (yusuan.identities) that do not apply to this document: those its template declares "
        "not to hold (in every year or in some years), or whose condition fails (expenditure = gpb + fund + capital tables holds "
        "only where the document shows no money other than fiscal appropriations). Each is listed once with the reason; never a pass, never a difference.",
        "无需改正；如需核对，请提供含相应列的表格。",
        "Nothing to fix; the identity does not hold for this template, year or document.",
    ),
    CodeInfo(
        "CODE-MALFORMED",
        ("ARITH-COL",),
        "warning",
        "编码印刷残缺",
        "code printed malformed",
        ("codes",),
        "「事业单位医疗」一行的编码印为「7 11 02」（应为 210 11 02）；「301 2」（应为 301 02）",
        "按类/款/项分列印出的编码，每段应为 3/2/2 位。印错的编码（类段残缺、款项段漏了前导 0）在只有一种读法能使上级科目等于其下级之和时按该读法读取，"
        "并在此说明；否则按原样保留，涉及该行的合计关系只作存疑提示。",
        "A code printed in 类/款/项 cells has parts of 3, 2 and 2 digits. A malformed one (a garbled 类 part, a 款/项 part without "
        "its leading zero) is read as the one whole code under which its parent equals the sum of its children, and this says so; "
        "where no single reading does, it is kept as printed and the totals that name it are only doubts.",
        "改正印出的编码。",
        "Correct the printed code.",
    ),
    CodeInfo(
        "CROSS-BASIC-SPLIT",
        ("CROSS-BASIC-SPLIT",),
        "error",
        "人员经费与公用经费之和等于基本支出",
        "personnel + public = basic",
        ("cross_table",),
        "表6 人员经费合计 4,884.09 + 公用经费合计 480.66 ≠ 表5 基本支出 5,364.85",
        "基本支出表分人员经费、公用经费两栏各自合计时（决算的一般公共预算财政拨款基本支出决算表）：人员经费合计 + 公用经费合计 = "
        "该表的基本支出合计（如有），= 一般公共预算财政拨款支出决算表合计行的基本支出。无法判断哪一方有误时两处都列出。" + _R,
        "Where the basic-expenditure table ends its two halves in 人员经费合计 and 公用经费合计 (final accounts): their sum equals "
        "the table's basic total (if printed) and the basic column of the general-budget expenditure table's total row; both "
        "sides are named when it cannot tell which is wrong." + _R_EN,
        "核对两栏合计与支出决算表的基本支出，改正印错的一方。",
        "Check both halves' totals and the expenditure table's basic column; correct the wrong one.",
    ),
    CodeInfo(
        "CROSS-SUMMARY-SPLIT",
        ("CROSS-SUMMARY-SPLIT",),
        "warning",
        "收支总表人员经费、公用经费与基本支出表一致",
        "summary personnel/public = basic table",
        ("cross_table",),
        "收支总表支出总计人员经费 20,374,181、公用经费 1,744,680 / 基本支出经济分类表合计 20,272,981.00、1,845,880.34",
        "收支总表把本年支出分为人员经费、公用经费、项目支出时（上海单位预算），且收入全部为一般公共预算（一般公共预算收入 = 收入总计）："
        "支出总计行的人员经费、公用经费 = 一般公共预算基本支出经济分类表合计行的人员经费、公用经费。两表对同一笔基本支出的划分不同，"
        "无法判断哪一方有误，所以是警告；有其他资金时两表的范围不同，不检查。" + _R,
        "Where the summary table splits 本年支出 into 人员经费, 公用经费 and 项目支出 (Shanghai unit budgets) and all income is "
        "一般公共预算 (its income equals 收入总计): the 支出总计 row's 人员经费 and 公用经费 equal those of the general-budget basic "
        "expenditure table's total row. The two tables class the same basic spending differently and it cannot tell which is "
        "right: a warning. With other money the two tables cover different scopes: not checked." + _R_EN,
        "按经济分类表（301+303 为人员经费，302+310 等为公用经费）核对收支总表的人员经费、公用经费，改正划错的一方。",
        "Check the summary's 人员经费 and 公用经费 against the economic table (301+303 personnel, 302+310 … public) and correct "
        "the one classed wrongly.",
    ),
    CodeInfo(
        "NARR-TABLE-REF",
        ("NARR-TABLE-REF",),
        "warning",
        "说明所称两表一致与表格不符",
        "a stated agreement between tables that does not hold",
        ("narrative",),
        "十、机关运行经费支出预算表情况说明：“与《部门一般公共预算基本支出预算表》的“商品和服务支出”支出数一致”，"
        "表10 合计 5,619.31，表9 商品和服务支出 1,585.96",
        "某表的情况说明写明它的数与另一张表（《》中的表名）某一行（引号中的行名）“一致”时，核对两者：本节标题所说的表的合计，"
        "与所引表中同名行的金额。不一致时是说明与表格不符（口径变化后沿用了旧的固定说明），所以是警告，并列出两个数。"
        "没有指明行的说法（“与《部门收支预算总表》的财政拨款数对应一致”）不读：所指哪个数不确定。",
        "Where a table's explanation says its figure agrees with a row (quoted) of another table (named in 《》): the total of "
        "the table the section explains against that row. A difference means the sentence does not fit the tables (a stock "
        "sentence kept after a definition changed): a warning naming both figures. A sentence naming no row is not read.",
        "改写说明，写明两表的实际关系；或核对表格。",
        "Reword the explanation to say how the tables relate, or check the tables.",
    ),
    CodeInfo(
        "NARR-CLASS-MISSING",
        ("NARR-CLASS-MISSING",),
        "warning",
        "功能分类未在情况说明中说明",
        "class not explained",
        ("narrative", "completeness"),
        "表5 列有 208 社会保障和就业支出 2,021.18 万元，情况说明只说明了 204 公共安全支出",
        "模板要求情况说明按功能分类逐类说明财政拨款（一般公共预算）支出时，表中有金额的每一类都应在情况说明中提到（名称或“（208类）”）。"
        "只在情况说明已读出、且至少说明了表中一类时检查。",
        "Where the template explains appropriation (general-budget) expenditure class by class, every class with an amount in "
        "the table is named in 情况说明 (by name or as “（208类）”). Checked only when 情况说明 was read and names at least one "
        "class of the table.",
        "在情况说明中补充该类支出的说明（金额、主要用途、增减及原因）。",
        "Add the class to 情况说明 (amount, main uses, change and its reason).",
    ),
    CodeInfo(
        "NARR-COUNT-SUM",
        ("NARR-COUNT-SUM",),
        "error",
        "列举的个数之和与总数不符",
        "counted parts do not add up",
        ("narrative",),
        "“共有车辆5辆，其中：一般公务用车4辆、一般执法执勤用车0辆、其他用车0辆”（4 + 0 + 0 ≠ 5）",
        "同一句中“共…N辆/个/项，其中…a辆、b辆…”列举的各部分：以“其他…”结尾（列举完整）时应合计为总数（错误；只读出两部分时为警告），"
        "否则部分之和不得超过总数（警告）。已由 NARR-SUM 核对的合计不重复报告。",
        "Parts listed after 其中 in the sentence of a count (“共…N辆，其中…a辆、b辆…”): a list ending in 其他… (complete) adds up to "
        "the total (an error; a warning when only two parts were read); any other list never exceeds it (a warning). Sums "
        "NARR-SUM checks are not reported twice.",
        "核对总数与各部分的个数，改正印错的数字。",
        "Check the total and each part; correct the misprinted count.",
    ),
    CodeInfo(
        "ROW-LABEL",
        ("ROW-LABEL",),
        "warning",
        "行标签疑似错字",
        "row label misprint",
        ("labels",),
        "表2 收入预算总表「财政转专户管理资金」，模板为「财政专户管理资金」",
        "模板自有表格中的行标签（收入来源、合计行等）与模板的某一个标签只差一个字（或八字以上的标签中相隔的两个字），且不是任何模板的标签时，"
        "疑为错字。项目名称、采购品目、功能分类名称和未识别表格不在此列；“收/支”“上/下”“结转/结余”等互换构成另一标签，"
        "首尾截断或多出（折行、并格）不算错字。",
        "A row label of the template's own tables (income sources, totals) that is one character off exactly one label of the "
        "template (or two characters apart in a label of eight or more), and is no template's label: a misprint. Project "
        "names, procurement items, class names and unplaced tables are not compared; an exchange such as 收/支, 上/下 or "
        "结转/结余 makes another label, and a label cut short or run on at an end (a wrapped or merged cell) is no misprint.",
        "按模板改正行标签。",
        "Use the template's label.",
    ),
    CodeInfo(
        "NARR-YEAR",
        ("NARR-CLAIMS",),
        "warning",
        "比较的年份有误",
        "compared with the wrong year",
        ("narrative",),
        "2026年部门预算：“财政拨款收入9628.22万元，比2026年预算增加793.14万元”",
        "预算的增减是与上年比较；本年预算说“比（与）本年预算增加/持平”是把年份写错了。",
        "A budget's changes are on last year; a 2026 budget saying “up on the 2026 budget” has the year wrong.",
        "把比较的年份改为上年。",
        "Change the year compared with to last year.",
    ),
    CodeInfo(
        "COMPLETE-REASON",
        ("COMPLETE-REASON",),
        "warning",
        "增减未说明原因",
        "change without its reason",
        ("completeness", "narrative"),
        "“机关运行经费…比上年增加138.33万元，增长6.60%。”之后没有“主要原因”",
        "“三公”经费各项、各类资金和收支总数比上年的增减应说明原因；原因写在下一句、或同一部分另起一段（“财政拨款收入支出增加（减少）的主要原因是…”）都算说明。",
        "A change on last year of a “three public” item, a fund type or the totals is explained; a reason in the next sentence, "
        "or in its own paragraph of the same part (“…增加（减少）的主要原因是…”), counts.",
        "补写增减的主要原因。",
        "Add the main reason for the change.",
    ),
    CodeInfo(
        "COMPLETE-PROCUREMENT",
        ("COMPLETE-PROCUREMENT",),
        "warning",
        "政府采购未按类型说明",
        "procurement without its split",
        ("completeness",),
        "“政府采购预算1422.50万元，其中货物84万元、服务1338.50万元”，表中工程为 20 万元",
        "政府采购应分货物、工程、服务说明；表中为零（或没有该类）、或已说明的分类相加等于总额时，未提及的类别可不说明。"
        "报告的是：表中不为零而未说明的类别，或（没有政府采购表时）已说明的分类合计少于总额。",
        "Procurement is split into goods, works and services; a category the tables show as zero (or absent), or that the parts "
        "stated leave no room for, need not be mentioned. Reported: a category the tables show non-zero, or (without a "
        "procurement table) parts stated that fall short of the total.",
        "补写缺少的分类金额。",
        "State the missing part(s).",
    ),
    CodeInfo(
        "NARR-COUNT",
        ("NARR-CLAIMS",),
        "error",
        "个数与表格不符",
        "count differs from the tables",
        ("narrative",),
        "“共有车辆4辆”，表中为 5 辆",
        "情况说明中的个数（项目数、车辆数等）应与表格一致。",
        "A count in the narrative (projects, vehicles) agrees with the tables.",
        "按表格改正个数。",
        "Correct the count.",
    ),
    CodeInfo(
        "NARR-PREVIOUS",
        ("NARR-CLAIMS",),
        "error",
        "与上年文件不符",
        "differs from last year's document",
        ("narrative",),
        "“比上年减少377.04万元”，与上年文件推出的变动不符（需 --previous）",
        "给出上年文件时，增减额应等于本年数减上年文件中的数。",
        "With last year's document, a change equals this year's figure minus last year's.",
        "按上年文件核对增减额。",
        "Recompute the change from last year's document.",
    ),
    CodeInfo(
        "NARR-UNVERIFIABLE",
        ("NARR-CLAIMS",),
        "info",
        "无法核对的表述",
        "statement that cannot be checked",
        ("narrative",),
        "“与2023年持平”（没有上年文件）；“单价50万元以上通用设备0台（套）”（表中无此数据）",
        "文件中没有可以核对它的数据；列出来供人工核对，而不是当作已通过。",
        "Nothing in the document can check it; listed for a person to check, never passed silently.",
        "人工核对；有上年文件时用 --previous 提供。",
        "Check by hand; give last year's document with --previous.",
    ),
    CodeInfo(
        "NARR-UNLINKED",
        ("NARR-CLAIMS",),
        "info",
        "未能识别的数字",
        "figure not linked",
        ("narrative",),
        "一个无法判断说的是哪项数据的百分比",
        "未能判断这个数字说的是什么，因此没有核对。",
        "It could not tell what the figure states, so it was not checked.",
        "人工核对；如为常见写法请报告，以便改进识别。",
        "Check by hand; report common wordings so that they can be recognised.",
    ),
    CodeInfo(
        "NARR-LABEL",
        ("NARR-LABEL",),
        "warning",
        "情况说明中的科目名称与表格不符",
        "subject named otherwise than in the tables",
        ("narrative", "names"),
        "“一般行政事务管理（项）”，表中为 2040502 一般行政管理事务；“医疗卫生与计划生育支出（210类）”，表中 210 为卫生健康支出",
        "情况说明用“（类）（款）（项）”点名的科目，名称应与表格一致。只在能确定时报告：写明了编码而表中该编码名称不同；"
        "与表中某科目用字相同而词序颠倒；或该名称不是上级科目下的任何科目、而紧随其后的金额恰是其中唯一一个科目的金额。",
        "A subject the narrative names with its level (类/款/项) carries the tables' name. Reported only where certain: the code is "
        "stated and the tables name it otherwise; the words are a table name's in another order; or the name is no subject "
        "under its parent while the amount right after it is exactly one such subject's.",
        "按表格中的科目名称改正情况说明。",
        "Use the tables' subject name in the narrative.",
    ),
    CodeInfo(
        "TOC-TITLE",
        ("TOC-TITLE",),
        "warning",
        "目录与表格不一致",
        "table of contents vs the tables",
        ("document",),
        "目录第 7 项「七、政府性基金支出预算表」，第 7 张表为「一般公共预算支出预算表」；目录所列的表未印出；目录顺序与印刷顺序不同",
        "目录所列的每一张表都应按目录的顺序印出：目录某项指向另一张表（按表的含义判断，不按字面）、目录列出的表在文件中没有、"
        "或顺序不同，都会让读者找错表。两份文件（情况说明与表格）各有目录时分别核对。",
        "Every table the 目录 lists is printed, in the 目录's order: an entry naming another table (by meaning, not wording), "
        "a listed table that is not printed, or another order misleads a reader. Each file's own 目录 is checked.",
        "按印出的表改正目录（或补印漏掉的表、调整表的顺序）。",
        "Correct the 目录 to the printed tables (or print the missing table, or reorder).",
    ),
    CodeInfo(
        "TOC-TITLE-WORDING",
        ("TOC-TITLE",),
        "info",
        "目录与表题措辞不同",
        "table of contents words a title differently",
        ("document",),
        "目录「十二、政府采购支出预算表」，表题「十二、2017年…部门政府采购预算表」",
        "目录与表题指的是同一张表，但措辞不同（多或少了“支出”“一般公共预算”“财政拨款”，或词序不同）。"
        "只差年度、单位名称、“部门”或序号的不报告。",
        "The 目录 and the printed title name the same table in other words (支出, 一般公共预算 or 财政拨款 added or left out, "
        "another word order). Titles differing only by the year, the unit's name, 部门 or the numbering are not reported.",
        "统一目录与表题的措辞（外观问题，不影响数据）。",
        "Use the same words in the 目录 and the title (cosmetic).",
    ),
    CodeInfo(
        "FMT-YEAR",
        ("FMT-YEAR",),
        "error",
        "年份与文件年度不符",
        "year does not belong to the document",
        ("formatting",),
        "2026 年预算“比2026年预算增加”；项目实施周期“2025年1月1日-2025年12月31日”；表题“2023年单位收支预算表”",
        "比较应与上年；表题、标题和本文件说自己的语句（2026年单位预算编制说明、2026年部门预算安排购置车辆）用本年度；"
        "项目的实施期间不应在本年度之前就已结束；资产情况的截止日期不应早于通常的日期（预算：上年，决算：本年）（警告）；"
        "晚于文件年度的年份（警告）。上年的数字（2025年预算执行数、与2025年相比）不在此列。",
        "Comparisons are with last year; titles, headings and the sentences in which the document names itself carry its year; "
        "a project's period of work does not end before the document's year; an asset reference date is not older than usual "
        "(warning); a year after the document's (warning). Last year's figures are never judged.",
        "改为正确的年度；多半是沿用了往年文件的文字。",
        "Correct the year; most often last year's text was kept.",
    ),
    CodeInfo(
        "TEXT-TEMPLATE",
        ("TEXT-TEMPLATE",),
        "error",
        "保留了模板文字",
        "template text left in",
        ("text", "template"),
        "“财政拨款收入支出增加（减少）的主要原因是…”；“下降（增长）27.78%”；“（如持平作持平表述）”；“（增加内容）”",
        "模板中给填报人看的说明（如持平作持平表述、作下述说明、按上述格式依次说明…）、模板给出的两种写法（增加（减少）、下降（增长）、"
        "大于（小于））和编辑标记（增加内容）不应出现在公开文本中。模板说明按模板以数据保存（profiles/boilerplate/*.toml）。"
        "已填写数字却保留了说明用词（列明公务接待2批次）为警告。",
        "The template's instructions to the clerk, both of its alternatives (增加（减少）) and editing marks have no place in a "
        "published text. Each template's boilerplate is data (profiles/boilerplate/*.toml). A filled-in instruction that kept "
        "its instruction word (列明) is a warning.",
        "删除说明文字，只保留与实际相符的一种写法。",
        "Delete the instruction; keep the alternative that applies.",
    ),
    CodeInfo(
        "TEXT-PLACEHOLDER",
        ("TEXT-PLACEHOLDER",),
        "warning",
        "占位内容",
        "placeholder other than XX",
        ("text", "placeholder"),
        "“主要用于qq。”；“主要原因是……。”；「五、实施周期」全文只有“1”",
        "XX 之外的占位内容：“主要用于/主要原因是/包括”后只有几个字母、一个数字或省略号；单独的 qq、aaa；一个说明标题下只有“1”之类。",
        "Placeholders other than XX: only a few letters, a number or an ellipsis after 主要用于/主要原因是/包括; a lone qq; "
        "a section whose whole text is “1”.",
        "填写实际内容。",
        "Write the actual text.",
    ),
    CodeInfo(
        "TEXT-INCOMPLETE",
        ("TEXT-INCOMPLETE",),
        "warning",
        "句子不完整或金额空缺",
        "sentence cut off or amount blank",
        ("text", "incomplete"),
        "“与2025年预算数持平，主要原因是。”；“支出 万元”",
        "句子在“主要原因是/主要用于/主要包括”之后就结束；“万元”前没有数字。",
        "A sentence that ends right after 主要原因是/主要用于/主要包括; 万元 with no figure before it.",
        "补上原因或金额。",
        "Add the reason or the amount.",
    ),
    CodeInfo(
        "FMT-UNIT-SCALE",
        ("CROSS-TABLE", "ARITH-COL"),
        "error",
        "金额单位差一万倍",
        "a factor of 10,000 between two figures",
        ("formatting", "cross_table"),
        "表1 2,753.26（万元）与表3 27,532,600.00（元）",
        "两处应相等的金额相差一万倍：一处按元、一处按万元填写（无法判断哪一方有误）。",
        "Two figures that must agree differ by a factor of 10,000: one was written in 元, the other in 万元 (cannot tell which).",
        "核对两表的金额单位，统一为表头所写的单位。",
        "Check the unit of both tables and print each in the unit its header states.",
    ),
    CodeInfo(
        "TEXT-WORDING",
        ("TEXT-WORDING",),
        "warning",
        "用词搭配不当",
        "words that do not go together",
        ("text",),
        "“2026年“三公”经费预算数为10.81万元，比2025年预算持平”",
        "“比…”引出差额（比上年增加/减少），“持平”要用“与…持平”；“与上年相未发生变化”“与上年相增加”：“相比”缺了“比”"
        "（“相同、相当、相近、相符”是完整的词，不报告）。",
        "比 introduces a difference (比上年增加/减少); 持平 goes with 与 (与上年持平); 「与上年相未发生变化」, 「与上年相增加」: "
        "相比 without its 比 (相同, 相当, 相近, 相符 are whole words: not reported).",
        "改为“与…持平”；补上“比”（与上年相比）。",
        "Write 与…持平; add the 比 (与上年相比).",
    ),
    CodeInfo(
        "TEXT-PUNCT",
        ("TEXT-PUNCT",),
        "warning",
        "标点重复或引号不成对",
        "doubled punctuation or unpaired quotes",
        ("text", "punctuation"),
        "“…等方面的支出。。2025年…”；“开展“人民调解协议书检查”、优秀调解案例”活动”",
        "同一标点连写两次（。。、，，）或两种标点相连（，。）；段落中的中文引号不成对（整份文件的引号多数成对时才判断）。",
        "The same mark twice (。。) or two marks in a row (，。); a Chinese quotation mark without its partner (judged only where "
        "most of the document's quotes pair up).",
        "删除多余的标点，补上缺少的引号。",
        "Delete the extra mark; add the missing quotation mark.",
    ),
    CodeInfo(
        "TEXT-REPEATED-WORD",
        ("TEXT-REPEATED-WORD",),
        "warning",
        "词语重复",
        "word printed twice",
        ("text",),
        "“主要原因是主要原因是人员增加”",
        "三个字以上的词语紧接着重复一次，或“的的”。",
        "A word of three or more characters printed twice in a row, or 的的.",
        "删除重复的词语。",
        "Delete the repetition.",
    ),
    CodeInfo(
        "TEXT-UNIT-NAME",
        ("TEXT-UNIT-NAME",),
        "warning",
        "单位名称与本单位不符",
        "the unit named in a variant",
        ("text", "names"),
        "“上海市规划和自然资源局2024年度部门决算表”（本单位为上海市普陀区规划和自然资源局）；“上海市普陀区规划与自然资源局”",
        "只检查本单位名称的变体：文件自己的标题行（××2024年度部门决算表、××主要职能）用了另一层级的前缀（少了“普陀区”），"
        "或名称中“和/与”写法不一。文件提到的上级机关、所属单位和其他机关不在此列。",
        "Only variants of the document's own name: a title of the document (…2024年度部门决算表, …主要职能) with another level's "
        "prefix (普陀区 dropped), or 和 written 与. Superior bodies, the units and other bodies the text names are never judged.",
        "统一使用本单位的规范名称。",
        "Use the unit's own name throughout.",
    ),
    CodeInfo(
        "TEXT-LEVEL",
        ("TEXT-LEVEL",),
        "warning",
        "层级或口径用词不符",
        "words of another level or scope",
        ("text", "level"),
        "单位预算中“2026年部门预算安排购置车辆0辆”；区级文件中“市级预算主管部门”",
        "文件说自己时用了另一口径（单位预算中写“部门预算安排/部门预算编制说明”）或另一层级（区级文件中写“市级预算主管部门”、"
        "“与市级财政有经费领拨关系”）的模板文字。",
        "The document describes itself with another scope's words (部门预算安排 in a 单位预算) or another level's "
        "(市级预算主管部门 in a 区级 document).",
        "改为本文件的口径和层级。",
        "Use the document's own scope and level.",
    ),
    CodeInfo(
        "TEXT-PERCENT",
        ("TEXT-PERCENT",),
        "warning",
        "比率缺少百分号",
        "rate without %",
        ("text", "units"),
        "“增加1193.20万元，增长13.95。”",
        "“增长/下降/增幅/占”后的数字既无 % 也无其他单位（同一文件中这类比率其他地方都带 %）；“增加/减少”后的小数没有单位时同样报告。",
        "A number after 增长/下降/增幅/占 with neither % nor any unit, in a document that prints such rates with %; a decimal "
        "after 增加/减少 without a unit likewise.",
        "补上 %（或金额单位）。",
        "Add the % (or the amount's unit).",
    ),
    CodeInfo(
        "TEXT-STOP",
        ("TEXT-STOP",),
        "warning",
        "句末缺少句号",
        "sentence without its full stop",
        ("text", "punctuation"),
        "预算编制说明中“财政拨款收入支出增加的主要原因是工作量增加”之后没有句号，下一段“财政拨款支出主要内容如下”接着开始",
        "两处：段落（至少30字、含逗号的正文，不是标题、表题、列表项或目录）在下一个标题前以汉字结束，没有句号；"
        "PDF 同一页上另起一段，而前面的文字是一个完整的增减或原因分句（“…的主要原因是工作量增加”）却没有句号。"
        "数字、百分号或标点开头的下一行是被换行截断的同一句，不报告。",
        "Two places: a paragraph of prose (30 characters or more with a comma; not a heading, table title, list item or "
        "contents line) that ends in a Chinese character before the next heading; and, in a PDF, a new paragraph starting on "
        "the same page after a complete clause of change or reason (「…的主要原因是工作量增加」) without its full stop. A next line "
        "starting with a figure, a % or punctuation is the same sentence cut by a line break: not reported.",
        "在句末补上句号。",
        "Add the full stop.",
    ),
    CodeInfo(
        "TEXT-CITATION",
        ("TEXT-CITATION",),
        "warning",
        "引用文件名称不一致",
        "one document cited under two titles",
        ("text",),
        "立项依据：《财政部、司法部关于进一步加强人民调解经费保障的意见》与《财政部、司法部关于进一步加强人民调解工作经费保障的意见》",
        "书名号中的两个文件名只在一处多出一个词（1～4个字，不在开头或结尾）时，是同一文件的两种写法。多出的词使它成为另一个文件的"
        "（实施、若干、补充、暂行、试行、进一步、修订、办法、通知、年份等）不报告；表名（以“表”结尾）不读。",
        "Two titles in 《》 that differ only by a word (1–4 characters, not at the start or the end) inserted in one place are one "
        "document written two ways. An inserted word that makes another document (实施, 若干, 补充, 暂行, 试行, 进一步, 修订, 办法, "
        "通知, a year …) is never reported; table titles (ending in 表) are not read.",
        "按文件原名统一引用。",
        "Cite the document by its own title everywhere.",
    ),
    CodeInfo(
        "TEXT-DUPLICATE",
        ("TEXT-DUPLICATE",),
        "warning",
        "段落重复",
        "paragraph printed twice",
        ("text", "layout"),
        "主要职能（六）至（十）在分页处又印了一次",
        "同一标题下一段（或连续几段、一个句子）紧接着又印了一次，常见于分页或文本框重叠。不同标题下的相同段落是模板写法，不报告。",
        "A paragraph, a run of list items or a sentence printed again right after itself under the same heading (page breaks, "
        "overlapping text frames). The same paragraph under two headings is how some templates are written: never reported.",
        "删除重复的内容。",
        "Delete the repetition.",
    ),
    CodeInfo(
        "LAYOUT-BLANK-PAGE",
        ("LAYOUT-BLANK-PAGE",),
        "warning",
        "空白页",
        "blank page",
        ("layout",),
        "目录（第2页）之后的第3页什么也没有印",
        "PDF 中一页既没有文字也没有图片和线条，而它前后的页都有内容：多余的空白页（警告）。在文件开头或末尾的空白页、"
        "只有表格线没有文字的页（表格的空行单独印成一页）为提示。",
        "A page of the PDF with no text, image or ruling between pages with content: an extra blank page (warning). "
        "A blank first or last page, and a page with ruling and no text (empty table rows printed on a page of their own), "
        "are info.",
        "删除空白页（或空表行），重新生成 PDF。",
        "Delete the blank page (or the empty rows) and make the PDF again.",
    ),
    CodeInfo(
        "LAYOUT-CLIPPED",
        ("LAYOUT-BLANK-PAGE",),
        "warning",
        "文字被裁切",
        "text printed cut off",
        ("layout",),
        "单位预算编制说明第2项末行“业务量增加。”的“加”只印出上半部分",
        "PDF 中字符的字形有一部分落在它所属文字的裁切框（单元格、文本框或页面）之外，只印出 5%～80%："
        "行高不够时单元格最后一行被截、文本框在页脚处被截断。文字层中这些字是完整的，所以只有看页面才能发现。",
        "Characters of the PDF whose glyph lies partly outside the box their text is clipped to (a cell, a text frame, "
        "the page), so that only 5–80 % of it is printed: a cell too low for its last line, a text frame cut at the foot "
        "of the page. The text layer holds them whole: only the printed page shows it.",
        "调整行高或文本框大小，使文字完整显示，再重新生成 PDF。",
        "Make the row or the text frame tall enough to show the text whole, and make the PDF again.",
    ),
    CodeInfo(
        "TEXT-COPIED",
        ("TEXT-COPIED",),
        "warning",
        "说明复制自其他项目",
        "explanation copied from another item",
        ("text", "copied"),
        "第27项城管执法“主要用于城乡社区管理事务一般行政管理事务”（第26项的用途）",
        "编号项目的“主要用于”或“主要原因”与另一项目逐字相同，且写的是那个项目的科目名称而不是本项目的。",
        "A numbered item's 主要用于 or 主要原因 is word for word another item's and names that item's subject, not its own.",
        "按本项目的实际用途或原因改写。",
        "Write the item's own use or reason.",
    ),
    CodeInfo(
        "RULE-CRASH",
        ("",),
        "error",
        "规则执行出错",
        "rule crashed",
        ("internal",),
        "规则 CROSS-TABLE 执行出错，未能完成检查",
        "某条规则执行出错；该规则负责的检查没有完成（不会当作通过）。",
        "A rule crashed; its checks were not done (never counted as passed).",
        "请报告此问题并附上文件。",
        "Please report it with the document.",
    ),
)


#: What the codes that registry rules emit under their own name check, and how to fix them
_RULE_TEXTS: dict[str, tuple[str, str, str, str]] = {
    "FMT-PLACEHOLDER": (
        "模板中的占位符（XX、XXX、待填写、××）仍在文中，说明没有填写实际内容。",
        "Placeholders of the template (XX, XXX, 待填写) are still in the text: the actual content was never written.",
        "填写实际的单位名称、金额或内容。",
        "Write the actual name, amount or text.",
    ),
    "FMT-DATE": (
        "文中的日期不存在（如2月30日、13月）。",
        "A date that does not exist (30 February, month 13).",
        "改为正确的日期。",
        "Correct the date.",
    ),
    "COMPLETE-TABLE": (
        "模板要求的每张表都应公开；缺表时其余部分照常审核。文件中有未能识别的表时为警告（其中之一可能就是这张表）。",
        "Every table the template requires is published; the rest is audited all the same. A warning when the file has tables the reader could not place (one may be this table).",
        "补充该表；若表已印出而表题不同，请按模板改正表题。",
        "Add the table; if it is printed under another title, use the template's title.",
    ),
    "COMPLETE-EMPTY-NOTE": (
        "没有数据的表（只有表头，或合计为空）应在表下或表中注明本表为空及原因（如“本单位无此项支出，故本表无数据”）。",
        "A table without figures (headers only, or an empty total) says under or in it that it is empty and why.",
        "在表下加注说明（如“本单位无政府性基金预算支出，故本表无数据”）。",
        "Add the note under the table.",
    ),
    "COMPLETE-EMPTY-CONTRADICTION": (
        "注明“本表无数据”的表中却有非零数字：说明与表格矛盾。",
        "A table noted as empty has a figure other than 0.",
        "删去注释或改正表中数字。",
        "Remove the note or correct the figures.",
    ),
    "COMPLETE-SECTION": (
        "模板要求的情况说明各部分（收支总体、三公、政府采购……，按模板和年度）都应有说明。",
        "Each part of 情况说明 the template asks for in that year (收支总体, 三公, 政府采购 …) is there.",
        "补写该部分说明。",
        "Write the missing part.",
    ),
    "NOT-CHECKED": (
        "因缺表而无法核对的勾稽关系，列出以免误以为已通过。",
        "Identities that could not be checked because a table is missing: listed so that nobody takes them as passed.",
        "无需改正；补齐缺表后可核对。",
        "Nothing to fix; add the missing table to have them checked.",
    ),
    "CODE-UNKNOWN": (
        "印出的编码不在文件年度适用的分类科目版本中（目录不完整，因此只是提示）。",
        "A printed code is not in the catalog edition of the document's year (the catalog is partial: info only).",
        "核对编码是否印错；若确为新增科目可忽略。",
        "Check the code for a misprint; ignore it if the subject is new.",
    ),
    "CODE-FORMER": (
        "编码使用了该科目在以前版本中的名称；按文件年度的版本判断（在其适用年度内使用旧名不报告）。",
        "A code carries a name it had in an earlier edition; judged by the edition of the document's year.",
        "改为文件年度适用的科目名称。",
        "Use the name of the document's year.",
    ),
    "CODE-SHAPE": (
        "编码位数或层级不对（如 2013 01，或 2080501 列在 20103 之下）。",
        "A code of the wrong length or under the wrong parent.",
        "按分类科目改正编码。",
        "Correct the code.",
    ),
    "CODE-CROSSWALK": (
        "部门预算支出经济分类与政府预算支出经济分类的对应关系错误（如 30231 对 50201）。",
        "A department economic code paired with the wrong government economic code.",
        "按对照表改正政府预算经济分类。",
        "Correct the government economic code from the crosswalk.",
    ),
    "CODE-NAME-CONFLICT": (
        "同一编码在本文件不同表中的名称不同。",
        "One code is named differently in two tables of the document.",
        "统一为分类科目中的名称。",
        "Use the catalog's name in every table.",
    ),
    "TABLE-NOTE": (
        "表注说的是另一张表或另一类资金（如国有资本经营预算表的注写“无政府性基金预算”）。",
        "A table's note speaks of another table or fund (the 国有资本经营 table noted as having no 政府性基金).",
        "按本表内容改写注释。",
        "Rewrite the note for this table.",
    ),
    "FORMAT-THOUSANDS": (
        "同一文件中金额有的带千位分隔符、有的不带（只是提示）。",
        "Some amounts carry thousands separators and others do not (info).",
        "统一金额格式。",
        "Print amounts one way.",
    ),
    "NARR-ITEMS": (
        "情况说明列举人员经费、公用经费“主要包括”的项目，在基本支出表中应有金额。",
        "Items 情况说明 lists under 人员经费/公用经费 主要包括 have an amount in the basic expenditure table.",
        "删去没有金额的项目，或改正表格。",
        "Remove the item without an amount, or correct the table.",
    ),
    "PROC-THRESHOLD": (
        "采购品目名称写明单价“20万以上”，金额却不足一件：名称可能应为“以下”。",
        "A procurement item named “20万以上” whose amount cannot buy one: the name may be “以下”.",
        "核对品目名称与金额。",
        "Check the item's name against its amount.",
    ),
    "NARR-ITEM-SUM": (
        "逐项列出的年初预算、决算数之和应等于前面所述的合计（四舍五入范围内为“可能的尾数误差”）。",
        "Numbered items with their 年初预算/决算 add up to the total stated before them (within rounding: possible rounding).",
        "核对各项金额与合计。",
        "Check the items against the total.",
    ),
}


def build_codes(rules: Iterable[Rule], infos: Iterable[CodeInfo] = CODE_INFOS) -> Mapping[str, CodeInfo]:
    """Code → :class:`CodeInfo`: the catalogued codes plus one derived entry for every
    registry rule that no catalogued code names (a rule added without an entry)."""
    out: dict[str, CodeInfo] = {i.code: i for i in infos}
    covered = {r for i in out.values() for r in i.rules}
    for r in rules:
        if r.code not in covered and r.code not in out:
            out[r.code] = CodeInfo(
                r.code, (r.code,), r.severity, r.title, r.title_en, r.tags, r.example, *_RULE_TEXTS.get(r.code, ("", "", "", ""))
            )
    return MappingProxyType(out)
