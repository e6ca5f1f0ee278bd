"""Text rules (issue 10): template text and editing leftovers, the unit's name and level, rates
without %, stale years, paragraphs printed twice, explanations copied from another item.

Each family: the real instances of the corpus (listed in tests/fixtures/corpus/truth), cases
built on the reference document, and the cases that must not be reported."""

from __future__ import annotations

import pytest

from support import CORPUS, HENAN, edit
from yusuan import read, read_text
from yusuan.checks import CODES, RULES, run_checks
from yusuan.checks.text import boilerplate, own_name
from yusuan.model import Disclosure
from yusuan.report.finding import Finding

TEXT_RULES = tuple(r for r in RULES if r.code.startswith("TEXT-") or r.code == "FMT-YEAR")


def _doc(*edits: tuple[str, str], text: str | None = None) -> Disclosure:
    body = HENAN.read_text("utf-8") if text is None else text
    return read_text(edit(body, *edits, count=-1)).disclosure


def _found(d: Disclosure, code: str | None = None) -> list[Finding]:
    return [f for f in run_checks(d, TEXT_RULES) if code is None or f.rule == code]


def _said(fs: list[Finding]) -> set[tuple[str, str, str]]:
    return {(f.rule, f.severity, f.text[0].text if f.text else "") for f in fs}


def test_reference_document_has_no_text_finding(henan: Disclosure) -> None:
    assert _found(henan) == []


def test_every_text_code_is_catalogued() -> None:
    for r in TEXT_RULES:
        info = CODES[r.code]
        assert info.checks and info.fix and r.code in info.rules


# ---------------------------------------------------------------- 1. template text and leftovers

TOTALS = "收、支总计各减少279.64万元，下降9.22%"
RECEPTION = "主要用于正常的公务接待。"
ASSETS_HEAD = "### **（五）国有资产占用情况**"
TRANSFER = "我单位2024年无负责管理的专项转移支付项目。"


@pytest.mark.parametrize(
    "edit, said, severity",
    [
        ((TOTALS, "收、支总计各减少（增加）279.64万元，下降9.22%"), "减少（增加）", "error"),
        ((TOTALS, "收、支总计各减少279.64万元，下降（增长）9.22%"), "下降（增长）", "error"),
        ((TOTALS, "收、支总计各增加/减少279.64万元，下降9.22%"), "增加/减少", "error"),
        ((TOTALS, TOTALS + "（如持平作持平表述）"), "（如持平作持平表述）", "error"),
        ((TOTALS, "收、支总计各减少279.64万元（持平），下降9.22%"), "（持平）", "error"),
        ((ASSETS_HEAD, "### **（五）国有资产占用情况（增加内容）**"), "（增加内容）", "error"),
        ((TRANSFER, "无专项转移支付的单位，作下述说明：" + TRANSFER), "作下述说明：", "error"),
        ((TRANSFER, "注：“科目编码”和“科目名称”为必填项。"), "为必填项", "error"),
        (
            (TRANSFER, "由主管部门根据三定方案等相关规定中有关主要职能填写。"),
            "由主管部门根据三定方案等相关规定中有关主要职能填写。",
            "error",
        ),
        ((TRANSFER, "（若无，则写“本单位无机关运行经费。”）"), "（若无，则写“本单位无机关运行经费。”）", "error"),
        ((RECEPTION, "主要用于接待考察，列明公务接待2批次、26人次。"), "列明公务接待", "warning"),
    ],
)
def test_template_text_left_in(edit: tuple[str, str], said: str, severity: str) -> None:
    fs = _found(_doc(edit), "TEXT-TEMPLATE")
    assert [(f.severity, f.text[0].text) for f in fs] == [(severity, said)], fs


def test_template_wording_that_is_not_left_over() -> None:
    d = _doc(
        (TOTALS, "收、支总计各减少279.64万元（主要是人员减少），下降9.22%"),
        (RECEPTION, "主要用于正常的公务接待（含外宾接待）。"),
        (TRANSFER, "我单位2024年无负责管理的专项转移支付项目，增加、减少均无。"),
    )
    assert _found(d, "TEXT-TEMPLATE") == []


def test_boilerplate_is_data_of_both_templates() -> None:
    bp = boilerplate()
    templates = {i.template for i in bp.instructions}
    assert {"上海市预算模板", "部门决算模板", "通用"} <= templates
    assert ("增加", "减少") in bp.alternatives and "（增加内容）" in bp.markers


def test_blank_templates_are_recognised_as_templates() -> None:
    for name in ("national-template-2024-dept-final-account.pdf", "shanghai-unit-budget-template.xlsx"):
        fs = _found(read(CORPUS / name).disclosure, "TEXT-TEMPLATE")
        assert len(fs) >= 5 and all(f.severity == "error" for f in fs), name


@pytest.mark.parametrize(
    "edit, said",
    [
        ((RECEPTION, "主要用于qq。"), "qq"),
        ((RECEPTION, "主要用于11。"), "11"),
        ((RECEPTION, "主要用于……。"), "……"),
        ((TRANSFER, "1"), "1"),  # a section whose whole text is 1
    ],
)
def test_placeholders_other_than_xx(edit: tuple[str, str], said: str) -> None:
    fs = _found(_doc(edit), "TEXT-PLACEHOLDER")
    assert [(f.severity, f.text[0].text) for f in fs] == [("warning", said)]


def test_what_is_not_a_placeholder() -> None:
    d = _doc(
        (RECEPTION, "主要用于正常的公务接待，通过QQ群、微信通知，会场长300 mm，主要用于ERP，。"),
        ("### **（六）专项转移支付项目情况**", "### **（六）专项转移支付项目个数**"),
        (TRANSFER, "1"),  # a count under a heading that asks for one
    )
    assert _found(d, "TEXT-PLACEHOLDER") == []


@pytest.mark.parametrize(
    "edit, said",
    [
        ((RECEPTION, "主要用于正常的公务接待，主要原因是。"), "主要原因是"),
        ((RECEPTION, "主要用于。"), "主要用于"),
        (("“三公”经费支出预算为35万元", "“三公”经费支出预算为 万元"), "预算为 万元"),
        ((RECEPTION, "主要用于正常的公务接待，支出万元。"), "支出万元"),
    ],
)
def test_sentence_cut_off_or_amount_blank(edit: tuple[str, str], said: str) -> None:
    fs = _found(_doc(edit), "TEXT-INCOMPLETE")
    assert [(f.severity, f.text[0].text.rstrip("。")) for f in fs] == [("warning", said)]


def test_complete_sentences_are_not_reported() -> None:
    d = _doc((RECEPTION, "主要用于正常的公务接待，金额单位为万元。具体情况如下。"))
    assert _found(d, "TEXT-INCOMPLETE") == []


def test_doubled_punctuation_and_unpaired_quotes() -> None:
    d = _doc((RECEPTION, "主要用于正常的公务接待。。"), ("2024年“三公”经费预算数比2023年", "2024年三公”经费预算数比2023年"))
    assert _said(_found(d, "TEXT-PUNCT")) == {("TEXT-PUNCT", "warning", "。。"), ("TEXT-PUNCT", "warning", "”")}


def test_punctuation_that_is_not_a_slip() -> None:
    d = _doc((RECEPTION, "主要用于正常的公务接待……会议。。。。。。3"))
    assert _found(d, "TEXT-PUNCT") == []
    # a font that prints both quotation marks alike: quotes are not judged at all
    text = HENAN.read_text("utf-8").replace("”", "“")
    assert _found(_doc(text=text), "TEXT-PUNCT") == []
    # a quote closed with another glyph; a heading wrapped inside its quotes
    d = _doc(
        ("2024年“三公”经费预算数比2023年", '2024年“三公"经费预算数比2023年'),
        ("## 七、“三公”经费支出预算情况说明", "## 七、“三\n\n## 公”经费支出预算情况说明"),
    )
    assert _found(d, "TEXT-PUNCT") == []


def test_repeated_words() -> None:
    d = _doc((RECEPTION, "主要用于正常的的公务接待，主要原因是主要原因是接待增加。"))
    assert {f.text[0].text for f in _found(d, "TEXT-REPEATED-WORD")} == {"的的", "主要原因是主要原因是"}
    assert _found(_doc((RECEPTION, "紧紧围绕中心工作，的的确确用于公务接待。")), "TEXT-REPEATED-WORD") == []


# ---------------------------------------------------------------- 2. the unit's name and level

SH_NAME = "上海市普陀区规划和自然资源局"
HENAN_NAME = "济源产城融合示范区管理委员会办公室（本级）"


def _shanghai(*edits: tuple[str, str]) -> Disclosure:
    text = HENAN.read_text("utf-8").replace(HENAN_NAME, SH_NAME).replace("济源产城融合示范区管理委员会 办公室（本级）", SH_NAME)
    return _doc(*edits, text=text)


def test_unit_name_of_another_level_in_a_title_and_with_yu_for_he() -> None:
    d = _shanghai(
        (
            TRANSFER,
            TRANSFER + "\n\n上海市规划和自然资源局2024年度单位预算表\n\n### （七）其他\n\n"
            "上海市普陀区规划与自然资源局2024年无政府性基金预算。",
        ),
    )
    assert own_name(d) == SH_NAME
    fs = _found(d, "TEXT-UNIT-NAME")
    assert {f.text[0].text for f in fs} == {"上海市规划和自然资源局", "上海市普陀区规划与自然资源局"}
    assert all(f.severity == "warning" and f.suggestion == f"应为 {SH_NAME}" for f in fs)


def test_other_bodies_are_never_a_variant_of_the_unit() -> None:
    d = _shanghai(
        (
            TRANSFER,
            TRANSFER + "根据上海市规划和自然资源局2024年部门预算编制要求，上海市普陀区财政局批复，"
            "上海市规划和自然资源局下达资金10万元。\n\n上海市普陀区土地发展中心2024年度单位预算表",
        ),
    )
    assert _found(d, "TEXT-UNIT-NAME") == []


def test_unit_name_read_from_the_cover_when_the_reader_missed_it() -> None:
    d = read(CORPUS / "shanghai-putuo-planning-2024-dept-final-account.pdf").disclosure
    assert own_name(d) == SH_NAME


def test_department_words_in_a_unit_budget() -> None:
    d = _doc((TRANSFER, TRANSFER + "2024年部门预算安排购置车辆0辆；部门预算安排购置单价100万元（含）以上设备0台（套）。"))
    fs = _found(d, "TEXT-LEVEL")
    assert len(fs) == 1 and len(fs[0].text) == 2 and fs[0].suggestion == "应为 单位预算"
    ok = _doc((TRANSFER, TRANSFER + "纳入主管部门预算安排；按部门预算经济分类列示。"))
    assert _found(ok, "TEXT-LEVEL") == []


def test_another_level_in_a_district_document() -> None:
    head = "# 2024年度济源产城融合示范区管理委员会办公室（本级）单位预算说明"
    district = (head, "# 上海市普陀区2024年区级单位预算")
    d = _doc(district, ("是指市级财政当年拨付的资金。", "是市级预算主管部门本年度从本级财政部门取得的财政拨款。"))
    fs = _found(d, "TEXT-LEVEL")
    assert [(f.text[0].text, f.suggestion) for f in fs] == [("市级", "应为 区级")]
    # 市级财政 money in a district document is money from the city: not judged
    assert _found(_doc(district), "TEXT-LEVEL") == []


# ---------------------------------------------------------------- 3. rates without %


def test_rate_without_percent() -> None:
    fs = _found(_doc((TOTALS, "收、支总计各减少279.64万元，下降9.22，")), "TEXT-PERCENT")
    assert [(f.text[0].text, f.suggestion) for f in fs] == [("下降9.22", "应为 下降9.22%")]
    fs = _found(_doc((TOTALS, "收、支总计各减少279.64万元，减少9.22，")), "TEXT-PERCENT")
    assert [f.text[0].text for f in fs] == ["减少9.22"]


def test_figures_that_are_not_rates_without_percent() -> None:
    d = _doc((TOTALS, "收、支总计各减少279.64万元，下降 9.22 %，车辆增加2，"))
    assert _found(d, "TEXT-PERCENT") == []
    # a document that never prints a rate with %: nothing to compare with
    no_pct = HENAN.read_text("utf-8").replace(TOTALS, "收、支总计各减少279.64万元，下降9.22，").replace("%", "个百分点")
    assert _found(_doc(text=no_pct), "TEXT-PERCENT") == []


# ---------------------------------------------------------------- 4. stale years

PERIOD = "\n\n### （七）项目实施周期\n\n{}"


def test_period_of_work_before_the_documents_year() -> None:
    d = _doc((TRANSFER, TRANSFER + PERIOD.format("2023年1月1日-2023年12月31日")))
    fs = [f for f in _found(d, "FMT-YEAR") if f.severity == "error"]
    assert [(f.text[0].text, f.suggestion) for f in fs] == [("2023年1月1日-2023年12月31日", "应为 2024年")]


def test_headings_and_own_statements_with_another_year() -> None:
    d = _doc(
        ("## 七、“三公”经费支出预算情况说明", "## 七、2023年“三公”经费预算情况说明"),
        (TRANSFER, TRANSFER + "2023年单位预算安排购置车辆0辆。"),
    )
    assert {f.text[0].text for f in _found(d, "FMT-YEAR")} == {"2023年“三公”经费", "2023年单位预算安排购置"}


def test_asset_reference_date_two_years_back_is_a_warning() -> None:
    d = _doc(("2023年期末，济源", "截至2022年12月31日，济源"))
    assert _said(_found(d, "FMT-YEAR")) == {("FMT-YEAR", "warning", "截至2022年12月31日")}


def test_periods_that_are_not_stale() -> None:
    # a building paid for after its construction; a final account reporting last year's work
    d = _doc((TRANSFER, TRANSFER + PERIOD.format("2021年1月1日-2022年12月31日")))
    assert _found(d, "FMT-YEAR") == []
    final = HENAN.read_text("utf-8").replace("单位预算说明", "单位决算说明")
    d2 = _doc((TRANSFER, TRANSFER + PERIOD.format("2023年1月1日-2023年12月31日")), text=final)
    assert d2.meta.kind == "final_account" and _found(d2, "FMT-YEAR") == []
    d3 = _doc(("## 七、“三公”经费支出预算情况说明", "## 七、2023年“三公”经费预算执行情况"))
    assert _found(d3, "FMT-YEAR") == []


def test_last_years_figures_are_not_stale() -> None:
    d = _doc(
        ("2023年期末，济源", "截至2023年8月31日，济源"),  # a budget's asset date: last year
        (
            TRANSFER,
            TRANSFER
            + "2023年当年预算执行数为10万元，与2023年部门预算相比持平，比2023年单位预算安排增加。"
            + PERIOD.format("2023年1月1日-2025年12月31日"),
        ),  # a period that covers the year
    )
    assert _found(d, "FMT-YEAR") == []


# ---------------------------------------------------------------- 5. printed twice


def test_paragraph_and_list_run_printed_twice() -> None:
    d = _doc((TRANSFER, f"{TRANSFER}\n\n{TRANSFER}"))
    assert [f.rule for f in _found(d)] == ["TEXT-DUPLICATE"]
    items = "（一）负责本区行政执法监督工作。\n\n（二）负责推进本区公共法律服务体系建设。\n\n（三）完成区委交办的其他任务。"
    d2 = _doc((TRANSFER, f"{items}\n\n（二）负责推进本区公共法律服务体系建设。\n\n（三）完成区委交办的其他任务。"))
    fs = _found(d2, "TEXT-DUPLICATE")
    assert len(fs) == 1 and "2段" in fs[0].message
    d3 = _doc((TRANSFER, TRANSFER + TRANSFER))
    assert [f.rule for f in _found(d3)] == ["TEXT-DUPLICATE"]


def test_same_paragraph_under_two_headings_is_not_a_duplicate() -> None:
    d = _doc((TRANSFER, f"{TRANSFER}\n\n### （七）其他\n\n{TRANSFER}"))
    assert _found(d, "TEXT-DUPLICATE") == []


# ---------------------------------------------------------------- 6. explanations copied from another item

ITEMS = (
    "\n\n### （七）财政拨款支出主要内容\n\n"
    "1.“城乡社区支出（类）城乡社区管理事务（款）一般行政管理事务（项）”10.00万元，主要用于城乡社区管理事务一般行政管理事务。"
    "主要原因是：一般行政管理事务经费增加。\n\n"
    "2.“城乡社区支出（类）城乡社区管理事务（款）城管执法（项）”5.00万元，主要用于{}。主要原因是：{}。\n\n"
    "3.“社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）”1.00万元，主要用于：退休人员支出。\n\n"
    "4.“社会保障和就业支出（类）行政事业单位养老支出（款）其他行政事业单位养老支出（项）”1.00万元，主要用于：退休人员支出。"
)


def test_description_copied_from_another_item() -> None:
    d = _doc((TRANSFER, TRANSFER + ITEMS.format("城乡社区管理事务一般行政管理事务", "城管执法经费减少")))
    fs = _found(d, "TEXT-COPIED")
    assert len(fs) == 1 and fs[0].severity == "warning" and "城管执法" in fs[0].message
    assert fs[0].text[0].text == "城乡社区管理事务一般行政管理事务"


def test_same_generic_description_is_not_a_copy() -> None:
    # items 3 and 4 share “退休人员支出” (names neither item); item 2 names its own subject
    d = _doc((TRANSFER, TRANSFER + ITEMS.format("城管执法", "城管执法经费减少")))
    assert _found(d, "TEXT-COPIED") == []


# ---------------------------------------------------------------- the corpus: real instances, nothing else

CORPUS_CASES = [
    # (document, {(code, severity, printed text)}) — every finding of the text rules on it
    (
        "shanghai-putuo-justice-2026-unit-budget.pdf",
        {
            ("TEXT-TEMPLATE", "error", "增加（减少）"),  # 财政拨款收入支出增加（减少）的主要原因是业务量增加
            ("TEXT-INCOMPLETE", "warning", "主要原因是。"),  # 公务用车购置及运行费…主要原因是。
            ("TEXT-LEVEL", "warning", "部门预算"),  # 2026年部门预算安排购置车辆0辆 in a 单位预算
        },
    ),
    (
        "shanghai-putuo-justice-2026-dept-budget.pdf",
        {
            ("FMT-YEAR", "error", "比2026年"),  # the comparisons with 2026 (already found before)
            ("FMT-YEAR", "error", "2025年1月1日-2025年12月31日"),  # 实施周期 of the 2026 budget's project
            ("TEXT-PUNCT", "warning", "。。"),
            ("TEXT-PUNCT", "warning", "”"),  # 开展“人民调解协议书检查”、优秀调解案例”活动
            ("TEXT-WORDING", "warning", "比2025年预算持平"),  # “三公”经费…比2025年预算持平 (truth: 比…持平 for 与…持平)
            (
                "TEXT-STOP",
                "warning",
                "财政拨款收入支出增加的主要原因是工作量增加",
            ),  # no 。 before 财政拨款支出主要内容如下 (truth)
            (
                "TEXT-CITATION",
                "warning",
                "《财政部、司法部关于进一步加强人民调解工作经费保障的意见》",
            ),  # cited as …调解经费保障的意见 before (truth)
        },
    ),
    (
        "shanghai-putuo-planning-2024-dept-final-account.pdf",
        {
            ("TEXT-TEMPLATE", "error", "下降（增长）"),
            ("TEXT-TEMPLATE", "warning", "列明公务接待"),  # the instruction word kept before 2批次、26人次
            ("TEXT-UNIT-NAME", "warning", "上海市规划和自然资源局"),  # 上海市规划和自然资源局2024年度部门决算表
            ("TEXT-UNIT-NAME", "warning", "上海市普陀区规划与自然资源局"),
            ("TEXT-PERCENT", "warning", "增长13.95"),
        },
    ),
    (
        "shanghai-putuo-wanli-subdistrict-2023-dept-budget.pdf",
        {
            ("TEXT-COPIED", "warning", "城乡社区管理事务一般行政管理事务"),  # item 27 城管执法, item 26's wording
            ("TEXT-COPIED", "warning", "事业单位离退休经费增加"),  # item 16's reason, item 14's
            ("TEXT-COPIED", "warning", "统计管理"),  # item 2 专项普查活动 “主要用于统计管理”, item 1's
            ("TEXT-WORDING", "warning", "比2022年预算持平"),  # the same slip, once in 编制说明 …
            ("TEXT-WORDING", "warning", "比2022年预算持平"),  # … and once in the 三公 section (one per section)
        },
    ),
    (
        "shanghai-putuo-welfare-home-2024-unit-budget.pdf",
        {
            ("TEXT-TEMPLATE", "error", "（增加内容）"),
            ("TEXT-INCOMPLETE", "warning", "主要原因是。"),
        },
    ),
    ("shanghai-putuo-finance-2025-dept-budget.pdf", set()),
    ("shanghai-putuo-finance-2024-dept-final-account.pdf", set()),
    ("jiangsu-cppcc-office-2017-dept-budget-narrative.pdf", set()),  # the same items under two headings
    ("jiangsu-procuratorate-2018-dept-budget.pdf", set()),
]


@pytest.mark.parametrize("name, expected", CORPUS_CASES, ids=[c[0][:40] for c in CORPUS_CASES])
def test_corpus_documents(name: str, expected: set[tuple[str, str, str]]) -> None:
    if name.endswith("-narrative.pdf"):
        from yusuan import read_files

        d = read_files([CORPUS / name, CORPUS / name.replace("-narrative", "-tables")]).disclosure
    else:
        d = read(CORPUS / name).disclosure
    assert _said(_found(d)) == expected


def test_bi_with_chiping_is_a_wording_slip() -> None:
    from yusuan import read
    from yusuan.checks.text import wording

    d = read(CORPUS / "shanghai-putuo-justice-2026-dept-budget.pdf").disclosure
    got = [f.message for f in wording(d)]
    assert got and all("比2025年预算持平" in m for m in got)
    # 与…持平 and 比…增加 are right
    for doc in ("henan-jiyuan-govoffice-2024-unit-budget.txt", "shanghai-putuo-finance-2025-dept-budget.pdf"):
        assert not list(wording(read(CORPUS / doc).disclosure))


def test_wording_and_repeated_word_messages_pinned() -> None:
    """The messages as they were before the two rules shared one loop (src/yusuan/checks/text.py
    _paragraph_matches/_slip): the refactor must not change a word (the corpus has no repeated word)."""
    d = _doc((RECEPTION, "主要用于正常的的公务接待，与上年相未发生变化，比2023年预算持平，比上年持平。"))
    got = [
        (f.rule, f.message, f.message_en, f.suggestion, [(t.text, t.start, t.end) for t in f.text])
        for f in _found(d)
        if f.rule in ("TEXT-REPEATED-WORD", "TEXT-WORDING")
    ]
    sec = "七、“三公”经费支出预算情况说明"
    assert got == [
        (
            "TEXT-REPEATED-WORD",
            f"「{sec}」「2万元，主要用于正常的的公务接待，与上年相未」中「的的」重复。",
            f"{sec}: “的的” repeats a word.",
            None,
            [("的的", 20, 22)],
        ),
        (
            "TEXT-WORDING",
            f"「{sec}」「于正常的的公务接待，与上年相未发生变化，比2」中「与上年相」后缺字：应为“与上年相比”。",
            f"{sec}: “与上年相” lacks 比 (与…相比).",
            "改为「与上年相比」",
            [("与上年相", 27, 31)],
        ),
        (
            "TEXT-WORDING",
            f"「{sec}」「与上年相未发生变化，比2023年预算持平，比上年持平」中「比2023年预算持平」搭配不当（本节共 2 处）："
            "“持平”应与“与…”连用（与…持平），“比…”后应为增加或减少。",
            f"{sec}: “比2023年预算持平”: 持平 goes with 与 (与…持平); 比 needs an increase or decrease (2 places in this section).",
            "改为「与2023年预算持平」",
            [("比2023年预算持平", 37, 47), ("比上年持平", 48, 53)],
        ),
    ]
