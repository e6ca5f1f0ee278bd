"""Small pieces: amounts, rounding comparison, realignment, title matching, catalog."""

from __future__ import annotations

from decimal import Decimal

from yusuan.catalog import match_class
from yusuan.checks.tolerance import compare
from yusuan.ingest.recognize import _realign
from yusuan.model import Amount, parse_amount
from yusuan.profiles import get_profile


def test_parse_amount_keeps_printed_decimals() -> None:
    a = parse_amount("2,155.16")
    assert a == Amount(Decimal("2155.16"), 2) and a.text() == "2155.16"
    assert parse_amount("") is None and parse_amount("合计") is None
    assert parse_amount("35.00").text() == "35.00"  # type: ignore[union-attr]
    assert parse_amount("0.5").half_unit == Decimal("0.05")  # type: ignore[union-attr]


def test_compare_rounding_and_error() -> None:
    t = Amount.of
    assert compare(t("3.00"), [t("1.00"), t("2.00")]).ok
    c = compare(t("3.01"), [t("1.00"), t("2.00")])
    assert not c.ok and c.possible_rounding and c.difference == Decimal("0.01")
    c = compare(t("3.10"), [t("1.00"), t("2.00")])
    assert not c.ok and not c.possible_rounding
    # empty cells are exact zeros
    assert not compare(t("0.01"), [None]).possible_rounding or compare(t("0.01"), [None]).tolerance == Decimal("0.005")
    # the same figure printed to a coarser precision is consistent
    assert compare(t("6.3"), [t("6.26")]).ok
    assert not compare(t("6.3"), [t("6.36")]).ok


def test_realign_only_when_unique_and_exact() -> None:
    spec = get_profile("henan-unit-budget").spec("gov_fund_expenditure")
    assert spec is not None
    shifted = ["598.10", "", "", "", "598.10", "", "598.10", ""]
    assert _realign(spec, shifted) == ["598.10", "", "", "", "", "598.10", "", "598.10"]
    consistent = ["598.10", "", "", "", "", "598.10", "", "598.10"]
    assert _realign(spec, consistent) is None
    wrong = ["598.10", "", "", "", "", "598.00", "", "598.00"]
    assert _realign(spec, wrong) is None


def test_title_matching() -> None:
    p = get_profile("henan-unit-budget")
    assert p.match_title("## 2024年单位收支预算表").type == "summary"  # type: ignore[union-attr]
    assert p.match_title("2024年一般公共预算“三公”经费预算表").type == "three_public"  # type: ignore[union-attr]
    assert p.match_title("2024年度单位预算项目绩效目标表").type == "performance_targets"  # type: ignore[union-attr]
    assert p.match_title("名词解释") is None


def test_class_catalog_matches_variants_former_and_misorderings() -> None:
    assert match_class("（十二）城乡社区事务支出").cls.code == "212"  # type: ignore[union-attr]
    m = match_class("（九）医疗卫生与计划生育支出")
    assert m is not None and m.cls.code == "210" and m.how == "former"
    m = match_class("（七）文化体育旅游与传媒支出")
    assert m is not None and m.cls.code == "207" and m.how == "anagram"
    assert match_class("不存在的类") is None
