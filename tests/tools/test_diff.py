"""yusuan diff: a document against last year's (tables line by line, matched by code; the
narrative's stated changes checked against both), or a budget against its final accounts;
refused when the two cannot be compared."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from support import CORPUS as C
from support import JIANGSU_PAIR_DIFF_ARGS
from yusuan.cli import app
from yusuan.errors import NotComparable
from yusuan.model import Disclosure
from yusuan.model.money import Amount
from yusuan.tools.diff import compare, to_html, to_json, to_text

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    r = runner.invoke(app, ["diff", *args])
    return r.exit_code, r.output


def _with_meta(d: Disclosure, **kw: object) -> Disclosure:
    return dataclasses.replace(d, meta=dataclasses.replace(d.meta, **kw))  # type: ignore[arg-type]


def test_jiangsu_two_file_documents_year_over_year() -> None:
    code, out = _run(
        "--last",
        str(C / "jiangsu-cpc-office-2018-dept-budget-narrative.pdf"),
        "--last",
        str(C / "jiangsu-cpc-office-2018-dept-budget-tables.pdf"),
        "--this",
        str(C / "jiangsu-cpc-office-2019-dept-budget-narrative.pdf"),
        "--this",
        str(C / "jiangsu-cpc-office-2019-dept-budget-tables.pdf"),
        "--format",
        "json",
    )
    assert code == 0, out
    d = json.loads(out)
    assert d["mode"] == "year" and (d["last"]["year"], d["this"]["year"]) == (2018, 2019)
    facts = {f["name"]: f for f in d["facts"]}
    assert (facts["revenue_total"]["last"], facts["revenue_total"]["this"], facts["revenue_total"]["change"]) == (
        "24458.43",
        "27664.22",
        "3205.79",
    )
    summary = next(t for t in d["tables"] if t["type"] == "summary")
    row = next(r for r in summary["rows"] if r["code"] == "201")  # matched by code, not by the printed label
    assert (row["cells"][0]["last"], row["cells"][0]["this"], row["cells"][0]["pct"]) == ("20153.75", "22395.50", "11.12")
    assert row["cells"][0]["label"].startswith("支出")  # the expenditure side's column, not the income side's
    stated = [c for c in d["claims"] if c["text"] == "2241.75万元"]
    assert stated and stated[0]["status"] == "verified"  # 一般公共服务支出 增加2241.75万元, checked against 2018's table
    assert not [c for c in d["claims"] if c["severity"] == "error"]


def test_stated_change_contradicted_by_last_years_document_exits_1() -> None:
    code, out = _run(
        str(C / "jiangsu-procuratorate-2017-dept-budget.pdf"),
        str(C / "jiangsu-procuratorate-2018-dept-budget.pdf"),
        "--changed-only",
    )
    assert code == 1
    # the narrative's 增加2,802.41万元 implies 13,656.34 last year; the 2017 document prints 13,641.34
    line = next(ln for ln in out.splitlines() if "2,802.41万元" in ln)
    assert "错误" in line and "13,641.34" in line


@pytest.mark.parametrize(
    ("a", "b", "words"),
    [
        ("jiangsu-procuratorate-2017-dept-budget.pdf", "jiangsu-court-2017-dept-budget.pdf", "不是同一单位"),
        ("jiangsu-procuratorate-2018-dept-budget.pdf", "jiangsu-procuratorate-2018-dept-budget.pdf", "都是 2018 年预算"),
        ("jiangsu-procuratorate-2018-dept-budget.pdf", "jiangsu-procuratorate-2017-dept-budget.pdf", "请交换顺序"),
    ],
)
def test_refused_exit_2(a: str, b: str, words: str) -> None:
    code, out = _run(str(C / a), str(C / b))
    assert code == 2 and words in out


def test_refuses_without_two_documents() -> None:
    code, out = _run(str(C / "jiangsu-procuratorate-2018-dept-budget.pdf"))
    assert code == 2 and "两份文件" in out


def test_budget_against_final_accounts_of_the_same_year(henan: Disclosure) -> None:
    final = _with_meta(henan, kind="final_account")
    t = final.table("expenditure")
    assert t is not None
    row = next(r for r in t.rows if r.code == "2010301")
    cell = next(c for c in row.cells if c.amount is not None)
    new = dataclasses.replace(cell, amount=Amount(cell.amount.value + Decimal("10.00"), 2))  # type: ignore[union-attr]
    rows = tuple(dataclasses.replace(r, cells=tuple(new if c is cell else c for c in r.cells)) if r is row else r for r in t.rows)
    final = dataclasses.replace(final, tables=tuple(dataclasses.replace(x, rows=rows) if x is t else x for x in final.tables))
    d = compare(henan, final)
    assert d.mode == "budget_final" and d.claims == ()
    td = next(x for x in d.tables if x.type == "expenditure")
    changed = [(r.code, c.column, c.change) for r in td.rows for c in r.cells if c.change]
    assert changed == [("2010301", cell.column, Decimal("10.00"))]
    assert "预算与决算" in to_text(d)
    with pytest.raises(NotComparable):
        compare(henan, _with_meta(final, year=2023))  # a budget and final accounts of different years


def test_last_year_rows_added_removed_and_unchanged(henan: Disclosure) -> None:
    last = _with_meta(henan, year=2023)
    t = henan.table("expenditure")
    assert t is not None
    dropped = next(r for r in t.rows if r.code == "2010301")
    this = dataclasses.replace(
        henan,
        tables=tuple(
            dataclasses.replace(x, rows=tuple(r for r in x.rows if r is not dropped)) if x is t else x for x in henan.tables
        ),
    )
    d = compare(last, this)
    td = next(x for x in d.tables if x.type == "expenditure")
    assert [r.code for r in td.rows if r.status == "removed"] == ["2010301"]
    assert all(not c.change for r in td.rows if r.status == "both" for c in r.cells)
    assert "－删除" in to_text(d, changed_only=True)
    assert json.loads(to_json(d))["tables"]
    page = to_html(d)
    assert page.startswith("<!doctype html>") and "removed" in page


def test_different_scope_refused(henan: Disclosure) -> None:
    with pytest.raises(NotComparable, match="consolidate"):
        compare(_with_meta(henan, year=2023), _with_meta(henan, scope="department"))


def test_renamed_body_compared_on_request(henan: Disclosure) -> None:
    assert henan.meta.unit_code
    assert (
        compare(_with_meta(henan, year=2023), _with_meta(henan, unit_name="新名称")).mode == "year"
    )  # the same code: the same body
    renamed = _with_meta(henan, unit_name="另一个单位", unit_code="999999")
    with pytest.raises(NotComparable):
        compare(_with_meta(henan, year=2023), renamed)
    assert compare(_with_meta(henan, year=2023), renamed, other_body=True).mode == "year"


def test_yuan_against_wan_compared_in_wan(henan: Disclosure) -> None:
    """Last year's tables printed in 元, this year's in 万元: the same figures show no change."""

    def in_yuan(a: Amount) -> Amount:
        return Amount(a.value * 10000, 2)

    tables = tuple(
        dataclasses.replace(
            t,
            unit="元",
            rows=tuple(
                dataclasses.replace(
                    r,
                    cells=tuple(
                        dataclasses.replace(c, amount=in_yuan(c.amount), raw=in_yuan(c.amount).text())
                        if c.amount is not None
                        else c
                        for c in r.cells
                    ),
                )
                for r in t.rows
            ),
        )
        for t in henan.tables
    )
    last = dataclasses.replace(_with_meta(henan, year=2023, amount_unit="元"), tables=tables)
    d = compare(last, henan)
    assert all(t.unit == "万元" for t in d.tables)
    assert [(t.type, r.key, c.column) for t in d.tables for r in t.rows for c in r.cells if c.change] == []


def test_html_to_a_file_never_over_an_input(tmp_path: Path) -> None:
    last, this = C / "jiangsu-procuratorate-2017-dept-budget.pdf", C / "jiangsu-procuratorate-2018-dept-budget.pdf"
    out = tmp_path / "diff.html"
    code, _ = _run(str(last), str(this), "-f", "html", "-o", str(out))
    assert code == 1 and out.read_text("utf-8").startswith("<!doctype html>")
    code, msg = _run(str(last), str(this), "-o", str(out))
    assert code == 2 and "已存在" in msg  # not over an existing file without --overwrite


def _cpc(year: int) -> list[str]:
    return [str(C / f"jiangsu-cpc-office-{year}-dept-budget-{part}.pdf") for part in ("narrative", "tables")]


def test_two_years_apart_does_not_check_last_years_statements_against_the_older_document() -> None:
    """2017 → 2019: the 2019 narrative compares with 2018; checked against 2017 every stated
    change would look wrong. They are checked only for their own consistency, and a note says
    why. The body prints itself 江苏省委办公厅 in 2017 and 中共江苏省委办公厅 since: the same body."""
    a, b = _cpc(2017), _cpc(2019)
    code, out = _run("--last", a[0], "--last", a[1], "--this", b[0], "--this", b[1], "-f", "json")
    assert code == 0, out
    d = json.loads(out)
    assert any("相隔 2 年" in n for n in d["notes"])
    assert d["claims"] and not [c for c in d["claims"] if c["severity"] == "error"]


def test_unchanged_not_checked_says_why(henan: Disclosure) -> None:
    """A 持平 that cannot be checked says which it is: no last-year document was given, or the
    one given does not state that figure (or the item could not be matched to one of its figures)."""
    from yusuan.narrative.claims import extract_claims

    no_3public = dataclasses.replace(
        _with_meta(henan, year=2023), tables=tuple(t for t in henan.tables if t.type != "three_public")
    )
    d = compare(no_3public, henan)
    flat = {c.subject: c for c in d.claims if c.kind == "zero_change"}
    vehicle = next(c for s, c in flat.items() if "运行" in s)
    assert (
        vehicle.status == "unverifiable"
        and vehicle.basis.startswith("上年文件缺少该数字")
        and "没有上年文件" not in vehicle.basis
    )
    assert "上年文件缺少该数字" in to_text(d)
    fund = next(c for s, c in flat.items() if "国有资本" in s)
    assert fund.status == "verified"  # the figure is there: checked, no note
    alone = [c for c in extract_claims(henan, None).claims if c.kind == "zero_change"]
    assert alone and all(
        c.basis == "没有上年文件，无法核对“持平”" and c.basis_en.startswith("no previous document") for c in alone
    )
    lacking = [c for c in extract_claims(henan, no_3public).claims if c.kind == "zero_change" and c.metric == "vehicle_operation"]
    assert lacking and all("does not state this figure" in c.basis_en for c in lacking)


def test_real_pair_items_not_matched_in_last_years_document() -> None:
    code, out = _run(
        *JIANGSU_PAIR_DIFF_ARGS,
    )
    assert code in (0, 1), out
    assert "没有上年文件" not in out  # last year's document was given
    assert "上年文件缺少该数字" in out and "未能在上年文件中找到对应的项目" in out
