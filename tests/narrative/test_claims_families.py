"""Narrative findings that must be true on documents nobody tuned for: each family of wording
found in published documents, with the cases that must be reported and those that must not.

Documents are the reference text with one sentence edited (the reader really reads them)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from support import HENAN, edit
from yusuan import check, read_text
from yusuan.checks import completeness
from yusuan.model import Disclosure
from yusuan.narrative import extract_claims
from yusuan.narrative.claims import Token, _amount_verdict, _pct_verdict, tokenize
from yusuan.narrative.metrics import Resolved
from yusuan.report import Finding

TEXT = HENAN.read_text("utf-8")
GPB = "其中：基本支出1804.90万元，占83.75%；项目支出350.26万元，占16.25%。"
HOST = "济源产城融合示范区管理委员会办公室（本级）2024年“三公”经费支出预算为35万元。"
RECEPTION = "预算数比2023年增加4万元，增长50%，主要原因：因项目建设和招商工作需要，外来客商等接待业务量增加。"
VEHICLE = "**公务用车购置费** 0万元，主要用于公车购置。与2023年持平，无增减变动。"
FISCAL = "与2023年相比，国有资本经营收支预算与上年持平，无增减变动。"


def _doc(*pairs: tuple[str, str]) -> Disclosure:
    return read_text(edit(TEXT, *pairs), source="edited.txt").disclosure


def _shown(findings: list[Finding], *codes: str) -> list[Finding]:
    """Errors and warnings (what a reviewer reads) of the given codes."""
    return [f for f in findings if f.severity != "info" and (not codes or f.rule in codes)]


def _at(findings: list[Finding], words: str) -> list[Finding]:
    return [f for f in findings if any(words in t.sentence for t in f.text)]


# ---------------------------------------------------------------- the rounding policy


@pytest.mark.parametrize(
    "printed, decimals, computed, status, says",
    [
        ("0.64", 2, "0.6341", "rounding", "末位一个单位"),  # one unit off: shares forced to 100%
        ("2.31", 2, "2.3153", "rounding", "截尾"),  # cut off instead of rounded
        ("16.07", 2, "16.0776", "rounding", "截尾"),
        ("30", 0, "29.1504", "rounding", "末位一个单位"),
        ("18.85", 2, "18.8243", "wrong", ""),  # three units: a real difference
        ("79.05", 2, "79.0894", "wrong", ""),
        ("1.66", 2, "1.6898", "wrong", ""),
        ("2.32", 2, "2.3153", "verified", ""),
    ],
)
def test_percentage_verdict(printed: str, decimals: int, computed: str, status: str, says: str) -> None:
    tok = Token("percent", f"{printed}%", 0, 0, Decimal(printed), decimals, "%")
    v = _pct_verdict(tok, Decimal(computed), None)
    assert v.status == status and says in v.note


def test_share_above_hundred_is_never_rounding() -> None:
    tok = Token("percent", "101%", 0, 0, Decimal(101), 0, "%")
    assert _pct_verdict(tok, Decimal("100"), None, ceiling=Decimal(100)).status == "wrong"


@pytest.mark.parametrize(
    "printed, p_dec, table, t_dec, status, says",
    [
        ("87.70", 2, "87.708", 6, "rounding", "截尾"),  # a 元 table: 877,080.00 元
        ("87.71", 2, "87.708", 6, "verified", ""),
        ("236.63", 2, "236.64", 2, "rounding", "末位一个单位"),
        ("887.36", 2, "87.3617", 6, "wrong", ""),
        ("0.3", 1, "2961.68", 2, "wrong", ""),
        ("36", 0, "35.00", 2, "wrong", ""),  # no decimals printed: no one-unit allowance
    ],
)
def test_amount_verdict(printed: str, p_dec: int, table: str, t_dec: int, status: str, says: str) -> None:
    v = _amount_verdict(Decimal(printed), p_dec, Decimal(table), t_dec)
    assert v.status == status and says in v.note


def test_one_unit_off_share_is_a_rounding_warning_and_says_so() -> None:
    f = _shown(check(_doc(("占65.56%", "占65.57%"))), "NARR-SHARE")
    assert len(f) == 1 and f[0].severity == "warning" and f[0].possible_rounding and "末位一个单位" in f[0].message


def test_shares_forced_to_hundred_say_so() -> None:
    f = _shown(check(_doc(("占65.56%；项目支出948.36万元，占34.44%", "占65.57%；项目支出948.36万元，占34.43%"))), "NARR-SHARE")
    assert len(f) == 2 and all(x.possible_rounding and "凑足100%" in x.message for x in f)


def test_amount_one_cent_off_is_a_rounding_warning() -> None:
    f = _shown(check(_doc(("收入总计2753.26万元", "收入总计2753.27万元"))), "NARR-AMOUNT")
    assert f and all(x.severity == "warning" and x.possible_rounding for x in f)


# ---------------------------------------------------------------- direction words (family 7)


def test_flat_and_zero_growth_is_one_statement() -> None:
    """「持平，零增长」: 零增长 says "unchanged", not "grew"."""
    d = _doc((VEHICLE, VEHICLE.replace("无增减变动", "零增长")))
    assert not _shown(check(d), "NARR-DIRECTION")
    assert any(c.kind == "zero_change" and c.ref.text == "零增长" for c in extract_claims(d).claims)


def test_flat_then_grew_is_an_error() -> None:
    d = _doc((VEHICLE, VEHICLE.replace("无增减变动", "有所增长")))
    f = _shown(check(d), "NARR-DIRECTION")
    assert len(f) == 1 and f[0].severity == "error"


def test_halves_of_a_clause_that_disagree_are_an_error() -> None:
    """「减少4万元，增长50%」: two direction words about one quantity disagree, whatever last year was."""
    f = _shown(check(_doc((RECEPTION, RECEPTION.replace("增加4万元", "减少4万元")))), "NARR-DIRECTION")
    assert len(f) == 1 and f[0].severity == "error"


def test_reasons_for_an_increase_may_name_a_decrease() -> None:
    d = _doc((RECEPTION, RECEPTION.replace("接待业务量增加。", "接待业务量增加，会议接待减少2万元。")))
    assert not _shown(check(d), "NARR-DIRECTION")


def test_a_direction_verb_with_an_object_is_not_a_direction() -> None:
    """「增加了…分流」 names something else that grew, not the direction of this figure."""
    old = "比2023年减少18万元，下降8.72%，主要原因：厉行节约，缩减开支。"
    d = _doc((old, "比2023年减少18万元，下降8.72%，同时增加了编外人员分流安置工作。"))
    assert not _shown(check(d), "NARR-DIRECTION")


def test_rate_of_another_quantity_is_not_compared() -> None:
    old = "各减少279.64万元，下降9.22%，"
    d = _doc((old, "各减少279.64万元，其中人员经费增长3.00%，"))
    assert not _at(_shown(check(d), "NARR-DIRECTION", "NARR-CHANGE"), "人员经费增长")


def test_flat_with_a_reason_for_a_decrease_is_a_warning() -> None:
    d = _doc((VEHICLE, VEHICLE.replace("无增减变动。", "主要原因是严格控制用车，购置需求减少。")))
    f = _shown(check(d), "NARR-DIRECTION")
    assert len(f) == 1 and f[0].severity == "warning" and not f[0].possible_rounding and "持平" in f[0].message


def test_flat_with_a_reason_that_balances_is_not_reported() -> None:
    d = _doc((VEHICLE, VEHICLE.replace("无增减变动。", "主要原因是运行费增加、维修费减少，两者相抵。")))
    assert not _shown(check(d), "NARR-DIRECTION")


# ---------------------------------------------------------------- last year's figures and rates


def test_last_years_figure_is_never_compared_with_this_years_cell() -> None:
    d = _doc((HOST, HOST + "2023年预算数为41万元。"))
    assert not _at(_shown(check(d)), "41万元")
    c = next(c for c in extract_claims(d).claims if c.ref.text == "41万元")
    # not linked to the 三公 cell (35): checked by the change that follows (35 + 6 = 41)
    assert c.status == "verified" and "上年" in c.basis and not c.cells


def test_last_years_figure_must_agree_with_the_change() -> None:
    ok = "2024年“三公”经费支出预算为35万元。2023年预算数为41万元，2024年“三公”经费预算数比2023年减少6万元"
    old = "2024年“三公”经费支出预算为35万元。2024年“三公”经费预算数比2023年减少6万元"
    assert not _shown(check(_doc((old, ok)))) or not _at(_shown(check(_doc((old, ok))), "NARR-CHANGE"), "41万元")
    bad = _at(_shown(check(_doc((old, ok.replace("41万元", "45万元"))))), "45万元")
    assert [f.rule for f in bad] == ["NARR-CHANGE"] and bad[0].severity == "error"


def test_growth_from_a_zero_base_is_the_convention() -> None:
    """「增长100%」 from nothing is how documents say "new": listed, never an error or a warning."""
    d = _doc((RECEPTION, RECEPTION.replace("增加4万元，增长50%", "增加12万元，增长100%")))  # 公务接待费 12: new this year
    assert not _at(_shown(check(d)), "增长100%")
    c = next(c for c in extract_claims(d).claims if c.ref.text == "100%" and "公务接待" in c.subject)
    assert c.status == "unverifiable" and "惯例" in c.basis


ITEM = (
    "\n\n1、一般公共服务支出（201类）政府办公厅（室）及相关机构事务（03款）行政运行（01项）{first}万元。主要用于：机关运行。"
    "2023年当年预算执行数为{prior}万元，2024年预算安排{again}万元，比2023年预算执行数{word}{rate}。主要原因是：{why}。"
)


def _item(
    prior: str = "1200.00",
    again: str = "1314.20",
    word: str = "增加",
    rate: str = "9.52%",
    why: str = "人员增加",
    first: str = "1314.20",
) -> Disclosure:
    return _doc((GPB, GPB + ITEM.format(prior=prior, again=again, word=word, rate=rate, why=why, first=first)))


def test_item_with_last_years_execution_agrees() -> None:
    d = _item()
    claims = [c for c in extract_claims(d).claims if "预算执行数" in c.ref.sentence]
    assert {c.ref.text: c.status for c in claims} == {"1200.00万元": "verified", "1314.20万元": "verified", "9.52%": "verified"}
    assert not _at(_shown(check(d)), "预算执行数")


@pytest.mark.parametrize(
    "kwargs, rule",
    [
        ({"rate": "19.52%"}, "NARR-CHANGE"),  # rate not from the stated figures
        ({"word": "减少"}, "NARR-CHANGE"),  # direction not from the stated figures
        ({"prior": "41200.00"}, "NARR-CHANGE"),  # a stray digit in last year's figure
    ],
)
def test_item_rate_must_follow_from_its_figures(kwargs: dict[str, str], rule: str) -> None:
    f = _at(_shown(check(_item(**kwargs))), "预算执行数")
    assert [x.rule for x in f] == [rule] and f[0].severity == "error"


def test_item_restated_with_another_figure() -> None:
    """「…（01项）1314.20万元 … 2024年预算安排1341.20万元」: the two figures of this year differ;
    the rate fits the table's, so only the restated figure is reported."""
    f = _at(_shown(check(_item(again="1341.20"))), "预算执行数")
    assert [x.rule for x in f] == ["NARR-AMOUNT"] and f[0].severity == "error" and "1341.20" in f[0].message


def test_item_stated_twice_alike_is_reported_once() -> None:
    """Both statements of this year say 1341.20 and the table 1314.20: one finding, at the first."""
    f = _at(_shown(check(_item(first="1341.20", again="1341.20"))), "1341.20")
    assert (
        [x.rule for x in f] == ["NARR-AMOUNT"] and f[0].text[0].text == "1341.20万元" and "预算安排" not in f[0].text[0].sentence
    )


def test_item_from_zero_execution_is_not_an_error() -> None:
    assert not _at(_shown(check(_item(prior="0", rate="100.00%"))), "预算执行数")


@pytest.mark.parametrize("prior, ok", [("1314.20", True), ("1200.00", False)])
def test_item_flat_must_have_equal_figures(prior: str, ok: bool) -> None:
    # (the wording 比…持平 of the constructed sentence is TEXT-WORDING's, not judged here)
    f = [
        x
        for x in _at(_shown(check(_item(prior=prior, word="持平", rate="", why="人员未变"))), "预算执行数")
        if x.rule.startswith("NARR")
    ]
    assert (not f) if ok else ([x.rule for x in f] == ["NARR-DIRECTION"] and f[0].severity == "error")


def test_item_codes_find_the_row_and_its_misnamed_class() -> None:
    d = _doc(
        (
            GPB,
            GPB
            + ITEM.format(prior="1200.00", again="1314.20", word="增加", rate="9.52%", why="人员增加", first="1314.20").replace(
                "一般公共服务支出（201类）", "一般公共事务支出（201类）"
            ),
        )
    )
    names = _shown(check(d), "NARR-NAME")
    assert len(names) == 1 and "一般公共事务支出" in names[0].message and names[0].severity == "warning"


def test_item_code_is_not_a_count() -> None:
    assert [t.kind for t in tokenize("行政运行（01项）1314.20万元，共3项")] == ["amount", "count"]


def test_change_on_a_zero_line_says_it_looks_copied() -> None:
    d = _doc((FISCAL, "与2023年相比，国有资本经营收支预算增加97.40万元。"))
    f = _shown(check(d), "NARR-CHANGE")
    assert len(f) == 1 and f[0].severity == "error" and "复制" in f[0].message and "负数" in f[0].message


# ---------------------------------------------------------------- completeness: reasons, procurement

NO_REASON = (
    "下降14.89%，主要原因：厉行节约，缩减开支；与2023年相比，政府性基金收支预算增加97.40万元，\n\n"
    "增长19.45%，主要原因：2024年增加电子政务专项-“豫正通”平台95.00万元，电子政务专项-信访信息系统维护经费2.40万元；"
)


def test_change_without_reason_is_reported() -> None:
    d = _doc((NO_REASON, "下降14.89%；与2023年相比，政府性基金收支预算增加97.40万元，\n\n增长19.45%；"))
    assert [f.rule for f in completeness.reasons(d)] == ["COMPLETE-REASON", "COMPLETE-REASON"]


@pytest.mark.parametrize(
    "reason",
    [
        "\n\n财政拨款收入支出增加（减少）的主要原因是业务量变化。",  # a template's alternative left in
        "\n\n主要原因是业务量变化。",  # the next paragraph
    ],
)
def test_reason_elsewhere_in_the_part_counts(reason: str) -> None:
    d = _doc((NO_REASON, "下降14.89%；与2023年相比，政府性基金收支预算增加97.40万元，\n\n增长19.45%。" + reason))
    assert not list(completeness.reasons(d))


PROCUREMENT = "政府采购货物预算460.95万元、政府采购工程预算0万元、政府采购服务预算500.63万元。"


def test_procurement_category_left_out_when_the_others_make_the_total() -> None:
    d = _doc((PROCUREMENT, "政府采购货物预算460.95万元、政府采购服务预算500.63万元。"))
    assert not list(completeness.procurement_split(d))


def test_procurement_parts_short_of_the_total_are_reported() -> None:
    """No table to tell, but 货物 460.95 alone is short of 961.58: the rest is in a category not mentioned."""
    d = _doc((PROCUREMENT, "政府采购货物预算460.95万元。"))
    f = list(completeness.procurement_split(d))
    assert [x.severity for x in f] == ["warning"] and "500.63" in f[0].message


def test_procurement_category_the_tables_show_is_a_warning(monkeypatch: pytest.MonkeyPatch, henan: Disclosure) -> None:
    d = _doc((PROCUREMENT, "政府采购货物预算460.95万元、政府采购服务预算500.63万元。"))
    table = henan.tables[0]
    zero = {"procurement_goods": Decimal(0), "procurement_works": Decimal(20), "procurement_services": Decimal(0)}
    monkeypatch.setattr(
        completeness, "resolve", lambda _d, key: Resolved(zero[key], 2, table, None, "total") if key in zero else None
    )
    f = list(completeness.procurement_split(d))
    assert [x.severity for x in f] == ["warning"] and "工程" in f[0].message
    zero["procurement_works"] = Decimal(0)  # zero in the tables: need not be mentioned
    assert not list(completeness.procurement_split(d))


def test_project_linked_by_part_of_its_name_is_a_warning() -> None:
    """The words name part of a project ("智慧城市数据中枢平台" of "电子政务专项-济源市智慧城市数据中枢平台"):
    they may name something else, so a difference is a warning that says so; the full name, an error."""
    old = "电子政务专项-济源市智慧城市数据中枢平台445.00万元"
    part = _shown(check(_doc((old, "智慧城市数据中枢平台446.00万元"))), "NARR-AMOUNT")
    assert [(f.severity, "别的项目" in f.message) for f in part] == [("warning", True)]
    full = _shown(check(_doc((old, "电子政务专项-济源市智慧城市数据中枢平台446.00万元"))), "NARR-AMOUNT")
    assert [f.severity for f in full] == ["error"]


# ---------------------------------------------------------------- reading the parts and their names


def test_narrative_part_whose_title_was_cut_short() -> None:
    """ "第二部分 …办公室（本级）" with "2024年度单位预算情况说明" lost to the next line: its
    headings "一、收入支出预算总体情况说明" … still say they are 情况说明."""
    cut = _doc(
        (
            "## 第二部分 济源产城融合示范区管理委员会 办公室（本级）2024年度单位预算情况说明",
            "## 第二部分 济源产城融合示范区管理委员会 办公室（本级）",
        )
    )
    assert len(extract_claims(cut).claims) == len(extract_claims(_doc()).claims)


@pytest.mark.parametrize(
    "title, topic",
    [
        ("一、收支预算总表情况说明", "total"),
        ("二、收入预算总表情况说明", "income"),
        ("三、支出预算总表情况说明", "expenditure"),
        ("五、财政拨款支出预算表情况说明", ""),
    ],
)
def test_parts_titled_after_their_tables(title: str, topic: str) -> None:
    from yusuan.narrative.metrics import topic_of

    assert topic_of((title,)) == topic


@pytest.mark.parametrize("amount, ok", [("1314.20", True), ("1341.20", False)])
def test_item_named_by_its_kuan_and_xiang_run_together(amount: str, ok: bool) -> None:
    """ "政府办公厅（室）及相关机构事务行政运行（项）": the 款's name and the 项's, one row."""
    d = _doc((GPB, GPB + f"一般公共服务支出（类）政府办公厅（室）及相关机构事务行政运行（项）{amount}万元。"))
    c = next(c for c in extract_claims(d).claims if c.ref.text == f"{amount}万元")
    assert c.metric.startswith("“2010301") and c.status == ("verified" if ok else "wrong")
    assert not _shown(check(d), "NARR-NAME")


def test_wrong_share_says_which_whole_it_was_computed_on() -> None:
    old = "**（二）公务接待费** 12万元，"
    f = _shown(check(_doc((old, old + "占“三公”经费的52.17%，"))), "NARR-SHARE")  # 12 ÷ 23 (the vehicle column)
    assert len(f) == 1 and f[0].severity == "error" and "可能用错了分母" in f[0].message


def test_figure_in_a_bracket_names_the_bracket_words() -> None:
    """ "公务接待费12万元（含外宾接待费0万元）": the 0 is the 外宾 part, not the 公务接待 total."""
    old = "**（二）公务接待费** 12万元，"
    d = _doc((old, "**（二）公务接待费** 12万元（含外宾接待费0万元），"))
    assert not _at(_shown(check(d), "NARR-AMOUNT"), "外宾")


# ---------------------------------------------------------------- the corpus: what a reviewer reads

CORPUS = HENAN.parent
NARRATIVE_CODES = {
    "NARR-AMOUNT",
    "NARR-SHARE",
    "NARR-CHANGE",
    "NARR-DIRECTION",
    "NARR-SUM",
    "NARR-NAME",
    "NARR-COUNT",
    "NARR-UNIT-SCALE",
    "NARR-PREVIOUS",
    "NARR-YEAR",
    "COMPLETE-REASON",
    "COMPLETE-PROCUREMENT",
}
# Each read against its page (pdftotext -layout): e = error, w = warning (possible rounding or a stated doubt).
CORPUS_NARRATIVE = [
    (
        "jiangsu-court-2017-dept-budget",  # 79.05% (79.09%); 0.64% and 45.43% forced to make the shares 100%
        {
            ("NARR-CHANGE", "e", "79.05%"),
            ("NARR-CHANGE", "e", "865.57万元"),
            ("NARR-SHARE", "w", "0.64%"),
            ("NARR-SHARE", "w", "45.43%"),
        },
    ),
    (
        "jiangsu-cpc-office-2017-dept-budget",  # 1.66% (1.69%); no 工程 in the 政府采购表
        {("NARR-CHANGE", "e", "1.66%"), ("NARR-CHANGE", "e", "101.48万元")},
    ),
    ("jiangsu-cppcc-office-2017-dept-budget", set()),
    (
        "jiangsu-npc-office-2017-dept-budget",  # shares of 三公 computed on the total with 会议费/培训费; 人大事务行政
        # 运行 stated with the class total; 254.23% cut off from 254.2356%
        {
            ("NARR-AMOUNT", "e", "10528.33万元"),
            ("NARR-CHANGE", "w", "254.23%"),
            ("NARR-CHANGE", "w", "4032.99万元"),
            ("NARR-SHARE", "e", "16.81%"),
            ("NARR-SHARE", "e", "7.22%"),
            ("NARR-SHARE", "e", "8.75%"),
        },
    ),
    (
        "jiangsu-procuratorate-2017-dept-budget",  # 129.97% (129.29%), 三公 shares; 2.31% cut off from 2.3153%;
        # 基本支出 12323.46 under the heading （二）支出预算总计 (now read as the expenditure topic), 12,323.48 in 表3
        # (a discrepancy of the truth file, p.19)
        {
            ("NARR-AMOUNT", "e", "12323.46万元"),
            ("NARR-CHANGE", "e", "129.97 %"),
            ("NARR-CHANGE", "e", "3401.59万元"),
            ("NARR-CHANGE", "w", "2.31 %"),
            ("NARR-CHANGE", "w", "309.03万元"),
            ("NARR-SHARE", "e", "18.85%"),
            ("NARR-SHARE", "e", "26.72%"),
            ("NARR-SHARE", "e", "54.43%"),
        },
    ),
    (
        "shanghai-putuo-justice-2026-dept-budget",  # items 6 (43269.3), 9 (17.66%), 12 (201.50 vs 208.8), 11 (210 named
        # 医疗卫生与计划生育支出); item 7's 2.21% within the rounding of 57.8; five "比/与2026年预算" in the 2026 budget
        {
            ("NARR-AMOUNT", "e", "201.50万元"),
            ("NARR-CHANGE", "e", "17.62%"),
            ("NARR-CHANGE", "e", "17.66%"),
            ("NARR-CHANGE", "w", "2.21%"),
            ("NARR-NAME", "w", "114.97万元"),
            ("NARR-YEAR", "w", "增加"),
            ("NARR-YEAR", "w", "持平"),
        },
    ),
    (
        "shanghai-putuo-justice-2026-unit-budget",  # items 1 (1.10%), 7 (57.8 vs 56.12), 13 (170.03, 21.74%), 11 (210's name);
        # items 10 and 11 within the rounding of their printed figures; 增加（减少）的主要原因 gives the reason
        {
            ("NARR-AMOUNT", "e", "170.03万元"),
            ("NARR-AMOUNT", "e", "57.8万元"),
            ("NARR-CHANGE", "e", "1.10%"),
            ("NARR-CHANGE", "e", "21.74%"),
            ("NARR-CHANGE", "w", "22.22%"),
            ("NARR-CHANGE", "w", "93.51%"),
            ("NARR-NAME", "w", "98.27万元"),
        },
    ),
    (
        "shanghai-putuo-wanli-subdistrict-2023-dept-budget",  # item 16 (441.25, 60.54%), item 3 (314.82%), the 0万元 fund
        # line said to grow by the department's 1421.25; items 2 and 17 (增加100.00% from 0) are the convention
        {
            ("NARR-AMOUNT", "e", "441.25万元"),
            ("NARR-CHANGE", "e", "1421.25万元"),
            ("NARR-CHANGE", "e", "314.82%"),
            ("NARR-CHANGE", "e", "60.54%"),
        },
    ),
    ("shanghai-putuo-welfare-home-2024-unit-budget", {("NARR-AMOUNT", "e", "738.66万元")}),  # 738.66 vs 958.48 (696.48 财政拨款)
    (
        "shanghai-putuo-planning-2024-dept-final-account",  # 4896.98 derived from the all-funds basic; 236.63 as in tables 1
        # and 4 (table 5: 236.64); 95.45% and 99.86% cut off; parts 0.01 over the total
        {
            ("NARR-AMOUNT", "e", "4896.98万元"),
            ("NARR-AMOUNT", "w", "236.63万元"),
            ("NARR-SHARE", "w", "95.45%"),
            ("NARR-SHARE", "w", "99.86%"),
            ("NARR-SUM", "w", "2319.21万元"),
        },
    ),
]


@pytest.mark.parametrize("name, expected", CORPUS_NARRATIVE, ids=[c[0][:40] for c in CORPUS_NARRATIVE])
def test_corpus_narrative_findings(name: str, expected: set[tuple[str, str, str]]) -> None:
    from yusuan import read, read_files

    narrative = CORPUS / f"{name}-narrative.pdf"
    reading = read_files([narrative, CORPUS / f"{name}-tables.pdf"]) if narrative.exists() else read(CORPUS / f"{name}.pdf")
    got = {
        (f.rule, f.severity[0], f.text[0].text if f.text else "")
        for f in check(reading.disclosure)
        if f.rule in NARRATIVE_CODES and f.severity != "info"
    }
    assert got == expected


@pytest.mark.parametrize("year, reported", [("2024", True), ("2023", False)])
def test_budget_compared_with_its_own_year(year: str, reported: bool) -> None:
    """A 2024 budget "与2024年相比…减少": the year compared with is last year's (a warning);
    "与2023年相比" is right."""
    d = _doc(
        ("收入总计2753.26万元，支出总计2753.26万元，与2023年相比", f"收入总计2753.26万元，支出总计2753.26万元，与{year}年相比")
    )
    f = _shown(check(d), "NARR-YEAR")
    assert [(x.severity, "2023" in x.message) for x in f] == ([("warning", True)] if reported else [])


def test_flat_despite_an_increase_is_not_reported() -> None:
    d = _doc((VEHICLE, VEHICLE.replace("无增减变动。", "主要原因是在车辆增加的情况下严格控制支出。")))
    assert not _shown(check(d), "NARR-DIRECTION")


def test_a_year_in_a_list_of_parts_is_not_a_restatement() -> None:
    """ "项目支出948.36万元，其中：2024年安排900.00万元": without last year's figure before it, a
    bare "2024年安排" may be a part of the item, not the item stated again."""
    d = _doc(("项目支出948.36万元，占34.44%。", "项目支出948.36万元，占34.44%，其中：2024年安排900.00万元。"))
    assert not _at(_shown(check(d), "NARR-AMOUNT"), "900.00")
