"""The Shanghai unit summary's 人员经费/公用经费/项目支出 columns: read where printed (and left out of
the department edition, which prints 预算数 alone), cross-footed (ARITH-ROW), and its 人员/公用 split
against the 一般公共预算基本支出 economic table (CROSS-SUMMARY-SPLIT) when all income is 一般公共预算.
Constructed documents in the text format; the corpus case (the justice unit budget) is scored by
tests/integration/test_truth_recall.py."""

from __future__ import annotations

from yusuan import read_text
from yusuan.checks import run_checks
from yusuan.model.core import Disclosure

HEAD = "2026年预算单位财务收支预算总表\n编制单位：某区某局\n单位：元\n本年收入\t\t本年支出\t\t\t\t\n项目\t预算数\t项目\t预算数\t\t\t\n"
SPLIT_HEAD = "\t\t\t合计\t基本支出\t\t项目支出\n\t\t\t\t人员经费\t公用经费\t\n"


def _summary(
    pub: str = "一、公共安全支出\t900.00\t300.00\t100.00\t500.00",
    total: str = "1,000.00\t400.00\t100.00\t500.00",
    business: str = "0.00",
    gpb: str = "1,000.00",
) -> str:
    return (
        HEAD
        + SPLIT_HEAD
        + "\n".join(
            [
                f"一、财政拨款收入\t{gpb}\t{pub}",
                f"1、一般公共预算\t{gpb}\t二、社会保障和就业支出\t100.00\t100.00\t0.00\t0.00",
                "2、政府性基金预算\t0.00\t\t\t\t\t",
                "3、国有资本经营预算\t0.00\t\t\t\t\t",
                f"二、事业收入\t{business}\t\t\t\t\t",
                "三、事业单位经营收入\t0.00\t\t\t\t\t",
                "四、其他收入\t0.00\t\t\t\t\t",
                f"收入总计\t1,000.00\t支出总计\t{total}",
            ]
        )
        + "\n"
    )


ECONOMIC = (
    "\n".join(
        [
            "2026年预算单位一般公共预算基本支出部门预算经济分类预算表",
            "编制单位：某区某局",
            "单位：元",
            "项目\t\t\t一般公共预算基本支出\t\t",
            "经济分类科目编码\t\t部门经济分类科目名称\t合计\t人员经费\t公用经费",
            "类\t款\t\t\t\t",
            "301\t\t工资福利支出\t400.00\t400.00\t0.00",
            "301\t01\t基本工资\t400.00\t400.00\t0.00",
            "302\t\t商品和服务支出\t100.00\t0.00\t100.00",
            "302\t01\t办公费\t100.00\t0.00\t100.00",
            "合计\t\t\t500.00\t400.00\t100.00",
        ]
    )
    + "\n"
)


def _doc(summary: str) -> Disclosure:
    return read_text(summary + "\n" + ECONOMIC, profile="shanghai-budget", allow_partial=True).disclosure


def _found(d: Disclosure) -> list[tuple[str, str, bool, str]]:
    return sorted(
        (f.rule, f.severity, f.possible_rounding, f.cells[0].row_key + " " + f.cells[0].column_key)
        for f in run_checks(d)
        if f.rule in ("ARITH-ROW", "CROSS-SUMMARY-SPLIT") and f.cells and f.cells[0].table_no == 1
    )


def test_the_split_columns_are_read_where_printed() -> None:
    t = _doc(_summary()).tables[0]
    assert [c.key for c in t.columns] == ["amount", "amount", "basic_personnel", "basic_public", "project_total"]
    row = next(r for r in t.rows if r.code == "204")
    assert [str(c.amount.value) for c in row.cells if c.amount is not None] == ["900.00", "300.00", "100.00", "500.00"]


def test_consistent_tables_give_nothing() -> None:
    assert _found(_doc(_summary())) == []


def test_the_department_edition_has_no_split_columns_and_no_cross_foot() -> None:
    rows = [
        "一、财政拨款收入\t1,000.00\t一、公共安全支出\t900.00",
        "1、一般公共预算\t1,000.00\t二、社会保障和就业支出\t100.00",
        "二、事业收入\t0.00\t\t",
        "收入总计\t1,000.00\t支出总计\t1,000.00",
    ]
    d = _doc(HEAD + "\n".join(rows) + "\n")
    assert [c.key for c in d.tables[0].columns] == ["amount", "amount"]
    assert _found(d) == []


def test_a_row_that_does_not_cross_foot() -> None:
    got = _found(_doc(_summary(pub="一、公共安全支出\t900.00\t300.00\t100.00\t499.00")))
    assert ("ARITH-ROW", "error", False, "204 amount") in got


def test_a_cross_foot_off_by_the_decimals_of_integer_cells_is_possible_rounding() -> None:
    got = _found(_doc(_summary(pub="一、公共安全支出\t900.34\t300\t100\t500", total="1,000.34\t400\t100\t500")))
    assert ("ARITH-ROW", "warning", True, "204 amount") in got
    assert all(f[1] == "warning" for f in got)


def test_a_split_that_differs_from_the_economic_table() -> None:
    # 20 元 of 公用经费 counted as 人员经费 in the summary (the row still cross-foots)
    d = _doc(_summary(pub="一、公共安全支出\t900.00\t320.00\t80.00\t500.00", total="1,000.00\t420.00\t80.00\t500.00"))
    got = _found(d)
    assert got == [
        ("CROSS-SUMMARY-SPLIT", "warning", False, "grand_total basic_personnel"),
        ("CROSS-SUMMARY-SPLIT", "warning", False, "grand_total basic_public"),
    ]
    msg = next(f.message for f in run_checks(d) if f.rule == "CROSS-SUMMARY-SPLIT")
    assert "印出 420.00" in msg and "400.00" in msg and "无法判断哪一方有误" in msg


def test_no_split_check_when_other_money_than_the_general_budget_comes_in() -> None:
    # 事业收入 100: the summary covers more than the general-budget economic table
    d = _doc(
        _summary(
            pub="一、公共安全支出\t900.00\t320.00\t80.00\t500.00",
            total="1,000.00\t420.00\t80.00\t500.00",
            business="100.00",
            gpb="900.00",
        )
    )
    assert not [f for f in _found(d) if f[0] == "CROSS-SUMMARY-SPLIT"]
