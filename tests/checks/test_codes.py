"""Classification codes: the catalog (editions, provenance, file format) and the CODE-* rules.

Disclosures with defects are made by editing one line of the reference document's text, so
every failing case is a document the reader really reads.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from support import HENAN, by_rule
from yusuan import check, read_text
from yusuan.catalog import CatalogError, bundled_editions, bundled_validity, edition_covering, edition_for, load_catalog
from yusuan.checks import RULES
from yusuan.model import Disclosure
from yusuan.report import Finding

TEXT = HENAN.read_text("utf-8")
CODE_RULES = ("CODE-", "NAME-CLASS")


def _edit(*pairs: tuple[str, str]) -> Disclosure:
    """The reference text with the first occurrence of each ``old`` replaced (table 3 comes before table 5)."""
    text = TEXT
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return read_text(text, source="edited.txt").disclosure


def _codes(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule.startswith(CODE_RULES)]


# ---------------------------------------------------------------- the reference document


def test_reference_document_codes_findings_are_exactly_the_real_ones(henan: Disclosure) -> None:
    """Checked by reading the document: table 4 lists 210 under its pre-2019 name and twice,
    names 207 with its words reordered; table 7 prints 50101 as 工资奖金津贴 (the catalog and
    table 6 say 工资奖金津补贴). Nothing else about codes is wrong, and nothing is an error."""
    got = sorted(
        (f.rule, f.severity, tuple(sorted((c.table_no, c.row_key, c.column_key) for c in f.cells))) for f in _codes(check(henan))
    )
    assert got == [
        ("CODE-NAME", "warning", ((7, "30101", "gov_code"), (7, "30102", "gov_code"), (7, "30103", "gov_code"))),
        ("CODE-NAME-CONFLICT", "warning", ((6, "30101", "gov_code"), (7, "30101", "gov_code"))),
        ("NAME-CLASS-DUPLICATE", "warning", ((4, "210", ""), (4, "210", ""))),
        ("NAME-CLASS-FORMER", "warning", ((4, "210", ""),)),
        ("NAME-CLASS-MISMATCH", "warning", ((1, "207", ""), (4, "207", ""))),
    ]
    name = by_rule(check(henan), "CODE-NAME")[0]
    assert name.expected == "工资奖金津补贴" and name.actual == "工资奖金津贴" and name.suggestion == "50101 工资奖金津补贴"
    assert [c.line for c in name.cells] == [369, 370, 371]
    conflict = by_rule(check(henan), "CODE-NAME-CONFLICT")[0]
    assert "表6" in conflict.message and "表7" in conflict.message and conflict.cells[0].line == 328


def test_every_code_printed_in_the_reference_document_is_in_the_2024_catalog(henan: Disclosure) -> None:
    cat = load_catalog(2024)
    printed = {r.code for t in henan.tables for r in t.rows if r.code and not r.side and r.kind != "unit"}
    printed |= {r.attr("gov_code") for t in henan.tables for r in t.rows if r.attr("gov_code")}
    assert len(printed) > 40
    assert sorted(c for c in printed if c not in cat) == []


def test_corrected_reference_document_has_no_code_findings() -> None:
    text = TEXT.replace("工资奖金津贴", "工资奖金津补贴")
    d = read_text(text, source="fixed.txt").disclosure
    assert [f.rule for f in check(d) if f.rule.startswith("CODE-")] == []


# ---------------------------------------------------------------- CODE-UNKNOWN


def test_code_not_in_catalog_is_info_never_error() -> None:
    d = _edit(
        (
            "201\t40\t99\t\t其他信访事务支出\t6.26\t\t\t\t\t6.26\t\t6.26",
            "201\t40\t98\t\t其他信访事务支出\t6.26\t\t\t\t\t6.26\t\t6.26",
        )
    )
    found = by_rule(check(d), "CODE-UNKNOWN")
    assert len(found) == 1 and found[0].severity == "info"
    assert found[0].cells[0].table_no == 3 and found[0].cells[0].row_key == "2014098"
    assert "不在 2024 年版" in found[0].message and "not in catalog edition 2024" in found[0].message_en
    assert not [f for f in _codes(check(d)) if f.severity == "error"]


def test_a_partial_user_catalog_gives_info_only(tmp_path: Path, henan: Disclosure) -> None:
    f = tmp_path / "tiny.csv"
    f.write_text("code,name\n201,一般公共服务支出\n", "utf-8")
    cat = load_catalog(edition=2026, path=f)
    findings = _codes(check(henan, catalog=cat))
    unknown = by_rule(findings, "CODE-UNKNOWN")
    assert len(unknown) > 30 and all("2026" in u.message for u in unknown)
    assert not [x for x in findings if x.severity == "error"]


# ---------------------------------------------------------------- CODE-NAME


def test_code_printed_with_another_name_is_a_warning_with_the_catalog_name() -> None:
    d = _edit(("30202\t印刷费\t50201", "30202\t咨询费\t50201"))
    found = by_rule(check(d), "CODE-NAME")
    hit = [f for f in found if f.cells[0].row_key == "30202"]
    assert len(hit) == 1 and hit[0].severity == "warning"
    assert hit[0].suggestion == "30202 印刷费" and hit[0].cells[0].table_no == 6 and hit[0].cells[0].line == 337
    # and table 7 still prints 印刷费: the two tables disagree
    conflict = [f for f in by_rule(check(d), "CODE-NAME-CONFLICT") if "30202" in f.message]
    assert {c.table_no for c in conflict[0].cells} == {6, 7}


def test_typographic_variants_are_the_same_name() -> None:
    # 维修(护)费 / 维修（护）费, a trailing 支出, and spaces of a wrapped cell are not a different name
    d = _edit(
        ("30213\t维修(护)费\t50209\t维修(护)费", "30213\t维修（护）费\t50209\t维修 （护）费"),
        (
            "201\t40\t99\t\t其他信访事务支出\t6.26\t\t\t\t\t6.26\t\t6.26",
            "201\t40\t99\t\t其他信访事务\t6.26\t\t\t\t\t6.26\t\t6.26",
        ),
    )
    assert not [f for f in by_rule(check(d), "CODE-NAME") if f.actual != "工资奖金津贴"]


def test_name_of_a_later_edition_in_an_earlier_year_is_info() -> None:
    d = _add_kuan("行政事业单位养老支出")
    d2021 = dataclasses.replace(d, meta=dataclasses.replace(d.meta, year=2021))
    found = [f for f in by_rule(check(d2021), "CODE-NAME") if f.cells[0].row_key == "20805"]
    assert len(found) == 1 and found[0].severity == "info" and "2024 年版" in found[0].message


# ---------------------------------------------------------------- CODE-FORMER


def _add_kuan(name: str) -> Disclosure:
    """Table 3 with a 款 row 208 05 printed above its 项 rows."""
    row = "208\t05\t01\t\t行政单位离退休\t222.00\t222.00\t\t218.40\t3.60\t\t\t"
    return _edit((row, f"208\t05\t\t\t{name}\t365.90\t365.90\t143.90\t218.40\t3.60\t\t\t\n{row}"))


def test_former_name_of_a_renamed_code_is_a_warning_naming_the_edition() -> None:
    d = _add_kuan("行政事业单位离退休")
    found = by_rule(check(d), "CODE-FORMER")
    assert len(found) == 1 and found[0].severity == "warning"
    f = found[0]
    assert f.cells[0].table_no == 3 and f.cells[0].row_key == "20805"
    assert "2019 年及以前" in f.message and "行政事业单位养老支出" in f.message and f.suggestion == "20805 行政事业单位养老支出"
    assert not by_rule(check(d), "CODE-NAME")[1:]  # only table 7's 50101, not the former name again


def test_current_name_and_the_name_of_the_documents_own_edition_pass() -> None:
    assert not by_rule(check(_add_kuan("行政事业单位养老支出")), "CODE-FORMER")
    d = _add_kuan("行政事业单位离退休")
    d2019 = dataclasses.replace(d, meta=dataclasses.replace(d.meta, year=2019))
    findings = check(d2019)
    assert not by_rule(findings, "CODE-FORMER")
    assert not [f for f in by_rule(findings, "CODE-NAME") if f.cells[0].row_key == "20805"]


# ---------------------------------------------------------------- CODE-SHAPE


def test_kuan_printed_without_its_leading_zero_is_a_shape_error() -> None:
    d = _edit(("201\t03\t01\t\t行政运行\t1,314.20", "201\t3\t01\t\t行政运行\t1,314.20"))
    found = [f for f in by_rule(check(d), "CODE-SHAPE") if f.cells[0].table_no == 3]
    assert len(found) == 1 and found[0].severity == "error"
    assert found[0].actual == "201301" and "前导 0" in found[0].message and found[0].cells[0].line == 233


def test_child_code_under_a_parent_it_does_not_extend_is_a_shape_error() -> None:
    d = _edit(("30305\t生活补助\t50901", "30205\t生活补助\t50901"))
    found = by_rule(check(d), "CODE-SHAPE")
    assert len(found) == 1 and found[0].severity == "error"
    assert [(c.table_no, c.row_key) for c in found[0].cells] == [(6, "30205"), (6, "303")]
    assert "303" in found[0].message and "302" in found[0].message


def test_tables_that_print_only_xiang_rows_or_full_hierarchies_pass(henan: Disclosure) -> None:
    assert not by_rule(check(henan), "CODE-SHAPE")
    assert not by_rule(check(_add_kuan("行政事业单位养老支出")), "CODE-SHAPE")


def test_economic_code_of_wrong_length() -> None:
    d = _edit(("30302\t退休费\t50905", "3032\t退休费\t50905"))
    found = by_rule(check(d), "CODE-SHAPE")
    assert len(found) == 1 and found[0].actual == "3032" and found[0].cells[0].row_key == "3032"


# ---------------------------------------------------------------- CODE-CROSSWALK


def test_dept_code_beside_a_gov_code_it_does_not_map_to_is_an_error() -> None:
    d = _edit(("30231\t公务用车运行维护费\t50208\t公务用车运行维护费", "30231\t公务用车运行维护费\t50201\t办公经费"))
    found = by_rule(check(d), "CODE-CROSSWALK")
    assert len(found) == 1 and found[0].severity == "error"
    f = found[0]
    assert f.actual == "50201" and "50208" in (f.expected or "")
    assert [(c.table_no, c.row_key, c.column_key) for c in f.cells] == [(6, "30231", "gov_code"), (6, "30231", "code")]
    assert "50208 公务用车运行维护费" in f.message


def test_crosswalk_accepts_the_public_institution_side_and_checks_class_level() -> None:
    # 事业单位 book 30231 under 50502 商品和服务支出: not an error
    d = _edit(("30231\t公务用车运行维护费\t50208\t公务用车运行维护费", "30231\t公务用车运行维护费\t50502\t商品和服务支出"))
    assert not by_rule(check(d), "CODE-CROSSWALK")
    # 31007 has no 款-level mapping in the catalog: the class mapping 310 -> 503/506 applies
    line = "310\t02\t办公设备购置\t503\t06\t设备购置"
    assert not by_rule(check(_edit((line, "310\t07\t信息网络及软件购置更新\t503\t99\t其他资本性支出"))), "CODE-CROSSWALK")
    bad = by_rule(check(_edit((line, "310\t07\t信息网络及软件购置更新\t502\t01\t办公经费"))), "CODE-CROSSWALK")
    assert len(bad) == 1 and bad[0].cells[0].table_no == 7 and bad[0].expected == "503|506"


# ---------------------------------------------------------------- CODE-NAME-CONFLICT


def test_same_code_under_different_names_in_two_tables() -> None:
    d = _edit(
        (
            "201\t40\t04\t\t信访业务\t134.00\t\t\t\t\t134.00\t95.00\t39.00",
            "201\t40\t04\t\t信访事务\t134.00\t\t\t\t\t134.00\t95.00\t39.00",
        )
    )
    found = [f for f in by_rule(check(d), "CODE-NAME-CONFLICT") if "2014004" in f.message]
    assert len(found) == 1 and found[0].severity == "warning"
    assert sorted(c.table_no for c in found[0].cells) == [3, 5]
    assert "信访业务" in found[0].message and "信访事务" in found[0].message


# ---------------------------------------------------------------- the catalog


def test_editions_and_edition_for(tmp_path: Path) -> None:
    assert bundled_editions() == (2017, 2018, 2019, 2024)
    # each edition applies to a range of document years: together 2015–2026, without a gap
    assert dict(bundled_validity()) == {2017: (2015, 2017), 2018: (2018, 2018), 2019: (2019, 2022), 2024: (2023, 2026)}
    years = sorted(y for a, b in bundled_validity().values() for y in range(a, b + 1))
    assert years == list(range(2015, 2027))
    assert edition_for(2024) == 2024 and edition_for(2025) == 2024 and edition_for(2023) == 2024 and edition_for(2022) == 2019
    assert edition_for(2019) == 2019 and edition_for(2018) == 2018 and edition_for(2017) == 2017 and edition_for(2015) == 2017
    assert edition_covering(2014) is None and edition_for(2014) == 2017  # the nearest, but it does not cover 2014
    assert (
        edition_covering(2027) is None
        and edition_for(2027) == 2024
        and edition_covering(None) is None
        and edition_for(None) == 2024
    )
    assert edition_for(2027, (2019, 2024, 2026)) == 2026
    c17 = load_catalog(2017)
    assert c17.covers(2016) and not c17.covers(2018) and not c17.covers(None) and c17.valid_zh == "2015–2017 年"
    f = tmp_path / "tiny.csv"
    f.write_text("edition,code,name\n2024,201,一般公共服务支出\n", "utf-8")
    assert not load_catalog(path=f).covers(2024)  # a user's file has no range: the rules take it as given


def test_every_entry_has_edition_and_provenance() -> None:
    allowed = ("observed:catalogs-csv", "observed:corpus", "seed:henan-2024", "readme:catalogs", "knowledge")
    for ed in bundled_editions():
        cat = load_catalog(ed)
        assert len(cat) > 300
        for e in cat:
            assert e.edition == ed and e.provenance and all(p.startswith(allowed) for p in e.provenance), e
            assert e.parent == "" or e.parent in cat or e.scheme != "function" or len(e.code) == 7, e


def test_renames_are_recorded_between_editions() -> None:
    c24, c19 = load_catalog(2024), load_catalog(2019)
    assert c24.get("20805").name == "行政事业单位养老支出"  # type: ignore[union-attr]
    assert c24.get("20805").former_until("行政事业单位离退休") == 2019  # type: ignore[union-attr]
    assert c19.get("20805").name == "行政事业单位离退休"  # type: ignore[union-attr]
    assert c24.get("210").former_until("医疗卫生与计划生育支出") == 2018  # type: ignore[union-attr]
    assert c24.get("207").former_until("文化体育与传媒支出") == 2018  # type: ignore[union-attr]
    assert [e.code for e in c24.by_name("医疗卫生与计划生育支出")] == ["210"]
    assert "234" in c24 and "234" not in c19


def test_crosswalk_of_the_published_table() -> None:
    cat = load_catalog(2024)
    assert "50208" in cat.crosswalk("30231")
    for dept, gov in {
        "30101": "50101",
        "30108": "50102",
        "30113": "50103",
        "30215": "50202",
        "30216": "50203",
        "30227": "50205",
        "30217": "50206",
        "30213": "50209",
        "30301": "50905",
        "30305": "50901",
    }.items():
        assert gov in cat.crosswalk(dept), dept
    assert cat.crosswalk("31007") == ("503", "506")  # class level
    assert cat.crosswalk("39999") == ()


def test_catalog_is_immutable() -> None:
    cat = load_catalog()
    with pytest.raises(TypeError):
        cat.entries["999"] = cat.entries["201"]  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        cat.get("201").name = "x"  # type: ignore[misc, union-attr]


def test_a_later_official_edition_loads_from_a_file(tmp_path: Path, henan: Disclosure) -> None:
    f = tmp_path / "2026.csv"
    f.write_text(
        "# the official 2026 edition, as a user would save it\n"
        "edition,scheme,code,name,former,provenance\n"
        "2026,gov_economic,50101,工资奖金津贴补贴,工资奖金津补贴@2025,official\n"
        "2026,dept_economic,30101,基本工资,,official\n",
        "utf-8",
    )
    cat = load_catalog(path=f)
    assert cat.edition == 2026 and cat.get("50101").provenance == ("official",)  # type: ignore[union-attr]
    findings = check(henan, catalog=cat)
    assert not by_rule(findings, "CODE-FORMER")  # 工资奖金津补贴 was right in 2024, when the document was made
    name = by_rule(findings, "CODE-NAME")
    assert len(name) == 1 and "2026 年版" in name[0].message and name[0].suggestion == "50101 工资奖金津贴补贴"
    later = dataclasses.replace(henan, meta=dataclasses.replace(henan.meta, year=2026))
    former = by_rule(check(later, catalog=cat), "CODE-FORMER")
    assert {c.table_no for c in former[0].cells} == {6} and "2025 年及以前" in former[0].message


@pytest.mark.parametrize(
    "content, expect",
    [
        ("", "文件为空"),
        ("code,title\n201,x\n", "缺少列 name"),
        ("code,name,colour\n201,x,red\n", "未知列"),
        ("code,name,edition\n20a,x,2024\n", "不是数字"),
        ("code,name,edition\n2011,x,2024\n", "位数不对"),
        ("code,name,edition\n201,x,2024\n201,y,2024\n", "出现了两次"),
        ("code,name,edition,former\n201,x,2024,旧名\n", "名称@最后使用年份"),
        ("code,name\n201,x\n", "没有版本年份"),
        ("code,name,edition,gov_codes\n30101,x,2024,30102\n", "对照"),
    ],
)
def test_bad_catalog_files_give_a_clear_error(tmp_path: Path, content: str, expect: str) -> None:
    f = tmp_path / "bad.csv"
    f.write_text(content, "utf-8")
    with pytest.raises(CatalogError) as err:
        load_catalog(path=f)
    assert expect in err.value.zh and err.value.en


def test_missing_catalog_and_missing_edition() -> None:
    with pytest.raises(CatalogError):
        load_catalog(path="/nonexistent/catalog.csv")
    with pytest.raises(CatalogError) as err:
        load_catalog(1990)
    assert "2019" in err.value.zh


def test_each_code_rule_is_registered_with_its_own_record() -> None:
    codes = {r.code for r in RULES}
    assert {"CODE-UNKNOWN", "CODE-NAME", "CODE-FORMER", "CODE-SHAPE", "CODE-CROSSWALK", "CODE-NAME-CONFLICT"} <= codes
    sev = {r.code: r.severity for r in RULES}
    assert sev["CODE-UNKNOWN"] == "info" and sev["CODE-SHAPE"] == "error" and sev["CODE-CROSSWALK"] == "error"


# ---------------------------------------------------------------- every printed code, changed


def _code_rows(d: Disclosure) -> list[tuple[int, str]]:
    return [
        (r.location.line, r.code)
        for t in d.tables
        if t.type in ("expenditure", "gpb_basic_expenditure", "economic_summary", "gov_fund_expenditure")
        for r in t.rows
        if r.code and not r.side and r.kind != "unit" and r.location.line
    ]


@pytest.mark.slow
def test_every_printed_code_changed_is_reported(henan: Disclosure) -> None:
    """Change the last digit of every printed code (or drop it): a CODE-* finding names the
    row, unless the new code is in the catalog under the printed name; no rule crashes."""
    cat = load_catalog(2024)
    lines = TEXT.split("\n")
    total = 0
    for lineno, code in _code_rows(henan):
        cells = lines[lineno - 1].split("\t")
        last = max(i for i, c in enumerate(cells[:4]) if c.strip().isdigit() and (i == 0 or cells[i - 1].strip().isdigit()))
        label = next(c for c in cells[last + 1 :] if c.strip())
        for new_cell in (cells[last][:-1] + str((int(cells[last][-1]) + 1) % 10), cells[last][:-1]):
            new_code = code[:-1] + new_cell[-1:] if len(new_cell) == len(cells[last]) else code[:-1]
            entry = cat.get(new_code)
            if entry is not None and entry.accepts(label):
                continue
            edited = lines.copy()
            edited[lineno - 1] = "\t".join(cells[:last] + [new_cell] + cells[last + 1 :])
            findings = check(read_text("\n".join(edited), source="edited.txt").disclosure)
            assert not by_rule(findings, "RULE-CRASH")
            hit = [f for f in _codes(findings) if any(c.row_key == new_code and c.line == lineno for c in f.cells)]
            assert hit, (lineno, code, new_code)
            if len(new_code) not in (3, 5, 7) or (new_code[0] in "35" and len(new_code) == 7):
                assert any(f.rule == "CODE-SHAPE" and f.severity == "error" for f in hit), (lineno, new_code)
            total += 1
    assert total > 100


def test_former_class_name_is_not_reported_for_a_document_of_its_own_time(henan: Disclosure) -> None:
    assert by_rule(check(henan), "NAME-CLASS-FORMER")
    d2018 = dataclasses.replace(henan, meta=dataclasses.replace(henan.meta, year=2018))
    assert not by_rule(check(d2018), "NAME-CLASS-FORMER")


def test_class_name_disagreement_says_which_name_the_catalog_has(henan: Disclosure) -> None:
    f = by_rule(check(henan), "NAME-CLASS-MISMATCH")[0]
    assert f.suggestion == "207 文化旅游体育与传媒支出" and "分类科目中为「文化旅游体育与传媒支出」" in f.message
