"""Year over year across a definition break: a figure that the template defines differently in
the two years (Jiangsu's 机关运行经费 up to 2017 includes running costs paid from project funds,
the reason its identity is not checked for 2017), or that two documents read with different
templates state, is marked 口径不同 / definition changed — in ``yusuan summary`` (per unit, and
left out of the panel) and in ``yusuan diff`` — instead of a per-cent change."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import yusuan.profiles
from support import CORPUS, JIANGSU_PAIR_DIFF_ARGS
from yusuan.cli import app
from yusuan.corpus.schema import connect, create_schema
from yusuan.corpus.summary import DEFINITION_CHANGED, gather
from yusuan.facts import definition_break
from yusuan.profiles import profile_from_toml

C = CORPUS
JS = "jiangsu-dept-budget"
HN = "henan-unit-budget"

_TOML = """
id = "made-up"
name = "虚构模板"
kind = "budget"
scope = "unit"
amount_unit = "万元"
project_code_length = 0
markers = []
tables = []
[not_checked]
"made-up-equal" = { from = 2020, reason = "2020 年起该表另有口径 / another definition from 2020" }
"always-off" = "从不核对 / never checked"
[[equal]]
name = "made-up-equal"
a = ["three_public", "total", "", "overseas"]
b = ["expenditure", "total", "", "basic_total"]
[[equal]]
name = "always-off"
a = ["procurement", "total", "", "total"]
b = ["expenditure", "total", "", "total"]
"""


def test_definition_break_from_the_templates_year_limited_exemptions(monkeypatch: pytest.MonkeyPatch) -> None:
    # the real template: 机关运行经费 is defined otherwise up to 2017, nothing else is
    why = definition_break("operating_expenses", (JS, 2017), (JS, 2018))
    assert why is not None and "2017" in why[0] and "运行经费" in why[0]
    assert definition_break("operating_expenses", (JS, 2018), (JS, 2019)) is None
    assert definition_break("operating_expenses", (JS, 2016), (JS, 2017)) is None  # both inside the years: the same measure
    assert definition_break("revenue_total", (JS, 2017), (JS, 2018)) is None
    # two templates: every figure; an unknown template is not said to differ
    assert definition_break("revenue_total", (JS, 2018), (HN, 2019)) is not None
    assert definition_break("revenue_total", (None, 2018), (HN, 2019)) is None
    assert definition_break("revenue_total", ("no-such-template", 2018), ("no-such-template", 2019)) is None
    # a constructed template: a year-limited exemption of an identity naming a fact's cell (either side)
    made = profile_from_toml(_TOML)
    monkeypatch.setattr(yusuan.profiles, "profiles", lambda: {made.id: made})
    assert definition_break("overseas_travel", (made.id, 2019), (made.id, 2020)) is not None
    assert definition_break("basic_expenditure", (made.id, 2019), (made.id, 2020)) is not None
    assert definition_break("overseas_travel", (made.id, 2020), (made.id, 2021)) is None
    assert definition_break("procurement_total", (made.id, 2019), (made.id, 2020)) is None  # exempt in every year: no break
    assert definition_break("official_reception", (made.id, 2019), (made.id, 2020)) is None  # no identity names its cell


def _db(tmp_path: Path, docs: list[tuple[str, str, int, str, dict[str, str]]]) -> Path:
    db = tmp_path / "c.duckdb"
    con = connect(db)
    create_schema(con, "test", "test")
    for doc_id, unit, year, profile, facts in docs:
        con.execute(
            "INSERT INTO documents (id, files, status, unit_name, year, kind, scope, profile, errors, warnings, "
            "yusuan_version, ruleset_version) VALUES (?, ?, 'ok', ?, ?, 'budget', 'department', ?, 0, 0, 't', 't')",
            [doc_id, f"{doc_id}.pdf", unit, year, profile],
        )
        for name, value in facts.items():
            con.execute("INSERT INTO facts (document_id, name, value) VALUES (?, ?, ?)", [doc_id, name, Decimal(value)])
    con.close()
    return db


def test_summary_marks_the_pair_and_leaves_it_out_of_the_panel(tmp_path: Path) -> None:
    db = _db(
        tmp_path,
        [
            ("a17", "甲厅", 2017, JS, {"operating_expenses": "100", "revenue_total": "1000"}),
            ("a18", "甲厅", 2018, JS, {"operating_expenses": "20", "revenue_total": "1100"}),
            ("a19", "甲厅", 2019, JS, {"operating_expenses": "22", "revenue_total": "1200"}),
            ("b17", "乙厅", 2017, HN, {"operating_expenses": "50", "revenue_total": "500"}),
            ("b18", "乙厅", 2018, HN, {"operating_expenses": "55", "revenue_total": "550"}),
            ("c18", "丙厅", 2018, JS, {"operating_expenses": "10"}),
            ("c19", "丙厅", 2019, HN, {"operating_expenses": "11"}),
        ],
    )
    data = gather(db)
    yoy = {(r[0].removesuffix("（部门）"), r[2], r[3]): r[6] for r in data.yoy}
    assert yoy[("甲厅", 2018, "机关运行经费")] == DEFINITION_CHANGED  # 2017 → 2018 across Jiangsu's break
    assert yoy[("甲厅", 2018, "收入总计")] == "+10.0%"  # other figures of the same pair keep their change
    assert yoy[("甲厅", 2019, "机关运行经费")] == "+10.0%"  # 2018 → 2019: the same definition
    assert yoy[("乙厅", 2018, "机关运行经费")] == "+10.0%"  # another template without a break
    assert yoy[("丙厅", 2019, "机关运行经费")] == DEFINITION_CHANGED  # read with two templates
    panel = {(r[1], r[3]): r for r in data.panel}
    op18 = panel[(2018, "机关运行经费")]
    assert op18[2] == 1 and (op18[4], op18[5], op18[6]) == (Decimal(50), Decimal(55), "+10.0%")  # 甲厅 left out
    assert op18[10].startswith("1 个单位口径不同") and "（含口径不同）" in op18[9]
    assert panel[(2018, "收入总计")][10] == "" and panel[(2018, "收入总计")][2] == 2
    op19 = panel[(2019, "机关运行经费")]
    assert op19[2] == 1 and op19[10].startswith("1 个单位")  # 丙厅 (two templates) left out, 甲厅 counted
    page = CliRunner().invoke(app, ["summary", str(db), "-o", str(tmp_path / "s.html")])
    assert page.exit_code == 0, page.output
    assert DEFINITION_CHANGED in (tmp_path / "s.html").read_text(encoding="utf-8")


def test_summary_of_the_real_pair(tmp_path: Path) -> None:
    from yusuan.corpus.batch import BatchOptions, run_batch

    folder = tmp_path / "in"
    folder.mkdir()
    for year in (2017, 2018):
        for part in ("narrative", "tables"):
            name = f"jiangsu-cpc-office-{year}-dept-budget-{part}.pdf"
            shutil.copy(C / name, folder / name)
    db = tmp_path / "c.duckdb"
    run_batch([folder], db, BatchOptions(workers=1, timeout=300))
    data = gather(db)
    rows = {r[3]: r for r in data.yoy if r[2] == 2018}
    assert rows["机关运行经费"][6] == DEFINITION_CHANGED  # printed 10,101.76 → 2,094.58: not a 79 % fall
    assert rows["收入总计"][6] == "+17.3%"
    assert all(r[2] == 0 for r in data.panel if r[3] == "机关运行经费")


def test_diff_of_the_real_pair() -> None:
    def run(a: int, b: int) -> dict[str, Any]:
        args = [
            x
            for y, role in ((a, "--last"), (b, "--this"))
            for part in ("narrative", "tables")
            for x in (role, str(C / f"jiangsu-cpc-office-{y}-dept-budget-{part}.pdf"))
        ]
        r = CliRunner().invoke(app, ["diff", *args, "--format", "json"])
        assert r.exit_code in (0, 1), r.output
        out: dict[str, Any] = json.loads(r.stdout)
        return out

    d = run(2017, 2018)
    facts = {f["name"]: f for f in d["facts"]}
    assert "2017" in str(facts["operating_expenses"]["definition_changed"])
    assert "definition_changed" not in facts["revenue_total"]
    # the 机关运行经费 table is that figure's breakdown: every row of it is marked, no other table
    marked = {t["type"] for t in d["tables"] if t["definition_changed"]}
    assert marked == {"operating_expenses"}
    op = next(t for t in d["tables"] if t["type"] == "operating_expenses")
    assert all(c.get("definition_changed") for r in op["rows"] for c in r["cells"])
    assert not any(
        c.get("definition_changed")
        for t in d["tables"]
        if t["type"] != "operating_expenses"
        for r in t["rows"]
        for c in r["cells"]
    )
    later = run(2018, 2019)
    assert not [f for f in later["facts"] if "definition_changed" in f]
    assert not [t for t in later["tables"] if t["definition_changed"]]
    r = CliRunner().invoke(
        app,
        [
            "diff",
            *JIANGSU_PAIR_DIFF_ARGS,
        ],
    )
    line = next(ln for ln in r.output.splitlines() if ln.strip().startswith("机关运行经费"))
    assert "口径不同" in line and "%" not in line
