"""yusuan.labels: each compare form of a label, table-driven (input → expected)."""

from __future__ import annotations

import pytest

from yusuan import labels


@pytest.mark.parametrize(
    ("text", "out"),
    [
        ("行 政 运 行", "行政运行"),
        ("  一般公共\t服务\n支出 ", "一般公共服务支出"),
        ("行政\u3000运行", "行政运行"),  # the full-width space too
        ("行政\xa0运行", "行政运行"),  # and a no-break space
        ("（一）行政运行：", "（一）行政运行："),  # only white space goes
        ("", ""),
    ],
)
def test_no_space(text: str, out: str) -> None:
    assert labels.no_space(text) == out


@pytest.mark.parametrize(
    ("text", "out"),
    [
        ("“三公”经费（合计）：", "三公经费合计"),
        ('"三公"经费(合计):', "三公经费合计"),  # half-width quotes, brackets and colon alike
        ("《预算法》〈说明〉", "预算法说明"),
        ("货物、工程，服务,其他；等;", "货物工程服务其他等"),
        ("一般公共预算·财政拨款—基本支出-项目_支出*", "一般公共预算财政拨款基本支出项目支出"),
        ("行 政 运 行。", "行政运行"),
        ("其中：", "其中"),  # the word 其中 stays; only the colon goes
        ("【项目】", "【项目】"),  # 【】 are not in the set
        ("1.5%", "1.5%"),  # figures keep their point and percent sign
    ],
)
def test_compact(text: str, out: str) -> None:
    assert labels.compact(text) == out


@pytest.mark.parametrize(
    ("text", "out"),
    [
        ("住房改革支出", "住房改革"),
        ("住房改革 支出（类）", "住房改革支出类"),  # 支出 only at the very end
        ("支出", "支出"),  # never empty
        ("“其他支出”", "其他"),
    ],
)
def test_bare_item(text: str, out: str) -> None:
    assert labels.bare_item(text) == out


@pytest.mark.parametrize(
    ("text", "out"), [("其它支出", "其他支出"), ("其他支出", "其他支出"), ("其它其它", "其他其他"), ("它", "它")]
)
def test_same_spelling(text: str, out: str) -> None:
    assert labels.same_spelling(text) == out


@pytest.mark.parametrize(
    ("text", "out"),
    [
        ("（二十四）灾害防治", ("（二十四）", "灾害防治")),
        ("(三) 国防支出", ("(三)", "国防支出")),  # half-width brackets
        ("一、一般公共服务支出", ("一、", "一般公共服务支出")),
        ("  十二、 其他 ", ("十二、", "其他")),
        ("1.行政运行", ("", "1.行政运行")),  # Arabic numbering is not an ordinal here
        ("行政运行", ("", "行政运行")),
    ],
)
def test_strip_ordinal(text: str, out: tuple[str, str]) -> None:
    assert labels.strip_ordinal(text) == out


@pytest.mark.parametrize(
    ("text", "out"),
    [
        ("（三）国 防支出", "国防"),
        ("一、一般公共服务支出", "一般公共服务"),
        ("卫生健康支出", "卫生健康"),
        ("支出", "支出"),
        ("社会保障和就业（支出）", "社会保障和就业（支出）"),  # brackets are kept
    ],
)
def test_class_name(text: str, out: str) -> None:
    assert labels.class_name(text) == out


@pytest.mark.parametrize(
    ("text", "out"),
    [
        ("维修（护）费", "维修(护)费"),
        ("维修(护)费", "维修(护)费"),
        ("其他信访事务支出", "其他信访事务"),
        ("【专项】经费，补助、奖励", "[专项]经费,补助,奖励"),
        ("（一）行政 运行", "(一)行政运行"),  # an ordinal is kept, half-width
        ("其它支出", "其它"),  # 其它 is not respelled
    ],
)
def test_catalog_key(text: str, out: str) -> None:
    assert labels.catalog_key(text) == out


@pytest.mark.parametrize(
    ("text", "out"),
    [
        ("其中：其它支出", "其他支出"),
        ("主要用于“行政运行”", "行政运行"),
        ("用于 机关服务（项）", "机关服务项"),
        ("包括：行政运行、一般行政管理事务。", "行政运行一般行政管理事务"),
        ("其中其中行政运行", "其中行政运行"),  # one leading word only
        ("行政运行,其中;", "行政运行,其中;"),  # half-width , and ; are kept
        ("的", ""),
    ],
)
def test_narrative_subject(text: str, out: str) -> None:
    assert labels.narrative_subject(text) == out


@pytest.mark.parametrize(
    ("text", "out"),
    [
        ("中共某市委办公室(本级)", "某市委办公室"),
        ("中国共产党某县委员会组织部（本级）", "某县委员会组织部"),
        ("某 市 财政局", "某市财政局"),
        ("某市财政局(机关)", "某市财政局（机关）"),  # brackets full-width
        ("某市财政局（本级）下属", "某市财政局（本级）下属"),  # （本级） only at the end
        ("某市中共党史研究室", "某市中共党史研究室"),  # 中共 only in front
    ],
)
def test_body_name(text: str, out: str) -> None:
    assert labels.body_name(text) == out


@pytest.mark.parametrize(
    ("text", "out"),
    [
        ("## 2024年单位收支预算表", "单位收支预算表"),
        ("**2024年度 部门收入总表**", "部门收入总表"),
        ('"三公"经费支出表', "“三公“经费支出表"),  # quotes unified to the opening one
        ("“三公”经费支出表", "“三公“经费支出表"),
        ("一般公共预算支出表（按功能科目）", "一般公共预算支出表（按功能科目）"),  # brackets kept
        ("部门预算表 2024年", "部门预算表2024年"),  # a year only in front
    ],
)
def test_table_title(text: str, out: str) -> None:
    assert labels.table_title(text) == out
