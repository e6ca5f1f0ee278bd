"""yusuan checklist: the district finance bureau's 公开情况检查表, filled from the audit.

The form (items, columns, order) is that of the two real checklists a reviewer filled for the
Shanghai justice bureau's 2026 department and unit budgets; their answers are the reference:
an item the reviewer passed (是) is never failed (否) by us, and the table the reviewer failed
for a row whose total is not its parts is failed by us too."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from support import CORPUS as C
from yusuan import read
from yusuan.api import audit
from yusuan.cli import app
from yusuan.model import Disclosure
from yusuan.report.finding import Finding, TextRef
from yusuan.tools.checklist import build_checklist, checklist_xlsx


def _norm(name: str) -> str:
    """An item's name without 《》, and without the 部门/单位 (or 预算) the two forms put before some titles."""
    return re.sub(r"^(?:预算)?(?:部门|单位)?", "", re.sub(r"[《》\s]", "", name))


def _form(path: Path) -> tuple[str, list[tuple[str, str, str]]]:
    ws = openpyxl.load_workbook(path).active
    rows = []
    group = ""
    for r in range(6, ws.max_row + 1):
        group = ws.cell(r, 1).value or group
        if ws.cell(r, 2).value:
            rows.append((group, ws.cell(r, 2).value, ws.cell(r, 4).value))
    return ws.cell(5, 1).value, rows


@pytest.fixture(scope="module", params=["unit", "dept"])
def pair(request: pytest.FixtureRequest) -> tuple[Disclosure, list[Finding], Path]:
    doc = C / f"shanghai-putuo-justice-2026-{request.param}-budget.pdf"
    d = read(doc).disclosure
    return d, list(audit(d).findings), C / f"shanghai-putuo-justice-2026-{request.param}-budget-review-checklist.xlsx"


def test_same_form_as_the_bureaus(pair: tuple[Disclosure, list[Finding], Path]) -> None:
    d, findings, form = pair
    heading, rows = _form(form)
    cl = build_checklist(d, findings)
    assert cl.content_heading == heading
    assert cl.title == openpyxl.load_workbook(form).active["A1"].value
    assert [(i.group, _norm(i.name)) for i in cl.items] == [(g, _norm(n)) for g, n, _ in rows]


def test_never_fails_what_the_reviewer_passed(pair: tuple[Disclosure, list[Finding], Path]) -> None:
    d, findings, form = pair
    _, rows = _form(form)
    cl = build_checklist(d, findings)
    for item, (_, name, verdict) in zip(cl.items, rows, strict=True):
        if verdict == "是":
            assert item.verdict != "否", (name, item.problems)


def test_unit_budget_tables_failed_as_the_reviewer_did() -> None:
    d = read(C / "shanghai-putuo-justice-2026-unit-budget.pdf").disclosure
    cl = build_checklist(d, audit(d).findings)
    by_name = {_norm(i.name): i for i in cl.items}
    for name in ("支出预算总表", "一般公共预算支出功能分类预算表", "编制说明"):
        assert by_name[name].verdict == "否"
    problem = by_name["支出预算总表"].problems[0]
    assert problem.startswith("1.第11页 ") and "行政运行" in problem  # each problem with its page
    assert (cl.items[0].group, cl.items[0].verdict) == ("及时性", "未核")  # the file cannot say when it was published


def test_workbook_text_is_text_and_layout(tmp_path: Path, henan: Disclosure) -> None:
    evil = Finding("TEXT-PUNCT", "error", '=HYPERLINK("http://x","y")', "x", text=(TextRef("三、名词解释", "s", "t", page=3),))
    cl = build_checklist(henan, [evil, Finding("X", "info", "不列出的提示", "")], region="济源")
    item = next(i for i in cl.items if i.name == "名词解释")
    assert item.verdict == "否" and item.problems == ('1.第3页 [错误 TEXT-PUNCT] =HYPERLINK("http://x","y")',)
    assert cl.title == "2024年度济源单位预算公开情况检查表"
    wb = openpyxl.load_workbook(BytesIO(checklist_xlsx([cl, cl])))
    assert len(wb.worksheets) == 2 and wb.worksheets[0].title != wb.worksheets[1].title
    ws = wb.worksheets[0]
    formulas = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    assert {str(r) for r in ws.merged_cells.ranges} >= {"A1:E1", "A3:D3", "A4:E4", "A5:C5"}
    assert (ws["D5"].value, ws["E5"].value) == ("符合要求", "问题截图")
    assert all("不列出的提示" not in (c.value or "") for row in ws.iter_rows() for c in row if isinstance(c.value, str))


def test_missing_table_is_its_own_item(henan: Disclosure) -> None:
    import dataclasses

    d = dataclasses.replace(henan, tables=tuple(t for t in henan.tables if t.type != "three_public"))
    cl = build_checklist(d, audit(d).findings)
    item = next(i for i in cl.items if "三公" in i.name)
    assert item.verdict == "否" and "COMPLETE-TABLE" in item.problems[0]


def test_cli_writes_one_sheet_per_document(tmp_path: Path) -> None:
    out = tmp_path / "c.xlsx"
    r = CliRunner().invoke(
        app,
        [
            "checklist",
            str(C / "henan-jiyuan-govoffice-2024-unit-budget.txt"),
            f"{C / 'jiangsu-cpc-office-2019-dept-budget-narrative.pdf'},{C / 'jiangsu-cpc-office-2019-dept-budget-tables.pdf'}",
            "-o",
            str(out),
            "--url",
            "https://example.org/a.pdf",
        ],
    )
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    assert [ws.title for ws in wb.worksheets] == ["2024年单位预算", "2019年部门预算"]
    assert wb.worksheets[0]["A4"].value == "公开网址：https://example.org/a.pdf"
    assert (
        CliRunner().invoke(app, ["checklist", str(C / "henan-jiyuan-govoffice-2024-unit-budget.txt"), "-o", str(out)]).exit_code
        == 2
    )
