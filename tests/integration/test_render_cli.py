"""`yusuan render` and `yusuan extract --format yaml` as a user runs them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from support import HENAN, MODELS, ROOT, run
from support import SMALL_MODEL as SMALL
from support.roundtrip import facts, table_cells
from yusuan import read
from yusuan.errors import InputError
from yusuan.modelfile import load_model, model_yaml

INCOMPLETE = MODELS / "incomplete-2025.yaml"


def test_render_refuses_a_document_that_fails_the_audit(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    p = run("render", str(HENAN), "-o", str(out))
    assert p.returncode == 1
    assert "工程技术资料归档率" in p.stdout and "--allow-errors" in p.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []  # no temporary file left either


def test_render_force_writes_and_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    # --force is the old spelling of --allow-errors: still accepted, no longer in the help
    p = run("render", str(HENAN), "-o", str(out), "--force")
    assert p.returncode == 0, p.stderr
    assert "--allow-errors" in p.stderr and out.stat().st_size > 10_000
    assert facts(read(out).disclosure) == facts(read(HENAN).disclosure)
    before = out.read_bytes()
    p = run("render", str(HENAN), "-o", str(out), "--force")
    assert p.returncode == 2 and "--overwrite" in p.stderr and "Traceback" not in p.stderr
    assert out.read_bytes() == before
    p = run("render", str(SMALL), "-o", str(out), "--overwrite")
    assert p.returncode == 0 and out.read_bytes() != before


def test_an_incomplete_model_is_refused_without_force(tmp_path: Path) -> None:
    out = tmp_path / "i.html"
    p = run("render", str(INCOMPLETE), "-o", str(out), "--allow-partial")
    assert p.returncode == 1 and "COMPLETE-TABLE" in p.stdout and "FMT-PLACEHOLDER" in p.stdout and "--allow-errors" in p.stderr
    assert not out.exists()
    p = run("render", str(INCOMPLETE), "-o", str(out), "--allow-partial", "--force")
    assert p.returncode == 0 and out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-o", "x.odt"), "输出格式"),
        (("-o", "missing-dir/x.html"), "输出目录不存在"),
    ],
)
def test_render_bad_output_names(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    p = run("render", str(SMALL), *args, "--allow-partial", cwd=tmp_path)
    assert p.returncode == 2 and message in p.stderr and "Traceback" not in p.stderr


def test_yaml_round_trip_extract_render_extract(tmp_path: Path) -> None:
    """A clerk starts from last year's document: extract yaml → render → extract gives the same model."""
    y1 = tmp_path / "model.yaml"
    p = run("extract", str(HENAN), "--format", "yaml")
    assert p.returncode == 0
    y1.write_text(p.stdout, "utf-8")
    for fmt in ("docx", "html"):
        doc = tmp_path / f"doc.{fmt}"
        assert run("render", str(y1), "-o", str(doc), "--force").returncode == 0
        p2 = run("extract", str(doc), "--format", "yaml")
        assert p2.returncode == 0
        assert p2.stdout == p.stdout, fmt


def test_small_hand_written_model_renders_without_force(tmp_path: Path) -> None:
    out = tmp_path / "s.html"
    p = run("render", str(SMALL), "-o", str(out))
    assert p.returncode == 0, p.stdout + p.stderr
    again = read(out).disclosure
    f = facts(again)
    assert f["revenue_total"] == "1270.50"  # written as a YAML number, kept with its two decimals
    assert f["three_public_total"] == "20.00" and f["procurement_services"] == "110.00"  # composed from `figures`
    assert again.meta.unit_name == "豫北市政务数据服务中心" and again.meta.date == "2025-06-10"
    titles = [s.title for s in again.sections]
    assert "一、主要职责" in titles and "二、机构设置及预算单位构成" in titles
    # the JSON that extract prints is accepted as input too
    j = tmp_path / "s.json"
    j.write_text(run("extract", str(out), "--allow-partial").stdout, "utf-8")
    model = load_model(j.read_bytes(), str(j), "json", allow_partial=True).disclosure
    assert table_cells(model) == table_cells(again)


def test_check_reads_a_model_file_too() -> None:
    p = run("check", str(SMALL), "--format", "json")
    assert p.returncode == 0
    summary = json.loads(p.stdout)["summary"]
    assert summary["error"] == 0 and summary["warning"] == 0, summary


_BASE = "schema: yusuan.model/1\nprofile: henan-unit-budget\nunit: 某单位\nyear: 2025\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_BASE + "tables: {summary: {rows: [{side: income, label: x, values: {amount: 1.0}]}", "格式有误"),
        (_BASE + "tables:\n  three_public:\n    rows:\n      - {label: 合计, values: {totl: 1}}\n", "未知的列 totl"),
        (_BASE + "tables:\n  three_public:\n    rows:\n      - {label: 合计, values: {total: 一百}}\n", "不是金额"),
        (_BASE + "tables:\n  budget_sheet: {rows: []}\n", "未知的表类型"),
        (_BASE + "colour: red\n", "未知的键 colour"),
        (_BASE + "tables:\n  expenditure:\n    rows:\n      - {code: 20103a, label: x}\n", "只含数字"),
        (_BASE + "tables:\n  summary:\n    rows:\n      - {label: 一、一般公共预算, values: {amount: 1}}\n", "side"),
        ("schema: yusuan.model/1\nyear: 2025\n", "unit"),
        ("- just a list\n", "映射"),
        ("schema: other/2\nunit: x\nyear: 2025\n", "schema"),
        (_BASE + "previous_year: {revenue_totl: 1}\n", "未知的事实名 revenue_totl"),
        (_BASE + "previous_year: {revenue_total: 三千}\n", "不是金额"),
        (_BASE + "changes: {procurement_total: 采购增加}\n", "未知的事实名 procurement_total"),  # composing never uses it
        (_BASE + "figures: {procurement_goodz: 1}\n", "未知的事实名 procurement_goodz"),
        (_BASE + "figures: {vehicles_general: 两辆}\n", "不是金额"),
        (_BASE + "amount_unit: 万元\nprint_unit: 元\n", "print_unit"),
        (_BASE + "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n", "aliases"),
        (_BASE + "narrative:\n  - heading: 一、说明\n    paragraphs: [[嵌套, 列表]]\n", "不能是列表"),
    ],
)
def test_bad_model_files_are_clear_errors(text: str, message: str) -> None:
    with pytest.raises(InputError) as e:
        load_model(text.encode(), "bad.yaml", "yaml", allow_partial=True)
    assert message in e.value.zh, e.value.zh


def test_bad_model_file_on_the_command_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(_BASE + "tables:\n  three_public:\n    rows:\n      - {label: 合计, values: {totl: 1}}\n", "utf-8")
    p = run("render", str(bad), "-o", str(tmp_path / "x.docx"))
    assert p.returncode == 2 and "tables.three_public.rows[0].values" in p.stderr and "Traceback" not in p.stderr
    assert not (tmp_path / "x.docx").exists()


def test_model_yaml_is_stable() -> None:
    d = read(HENAN).disclosure
    y = model_yaml(d)
    assert model_yaml(load_model(y.encode(), "m.yaml").disclosure) == y


def test_the_readme_example_model_loads() -> None:
    """The schema as documented in README.md is what the loader accepts."""
    readme = (ROOT / "docs" / "writing.md").read_text("utf-8")
    block = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    d = load_model(block.encode(), "README.md", "yaml", allow_partial=True).disclosure
    assert [t.type for t in d.tables] == ["summary", "expenditure", "gpb_basic_expenditure", "project_expenditure"]
    assert d.performance is not None and d.performance.projects[0].indicators[0].value == "≥90%"
    exp = d.table("expenditure")
    assert exp is not None and [r.kind for r in exp.rows] == ["total", "unit", "subitem"]
    basic = d.table("gpb_basic_expenditure")
    assert basic is not None and basic.rows[0].attr("gov_code") == "50101"
    proj = d.table("project_expenditure")
    assert proj is not None and proj.rows[0].kind == "project" and proj.rows[0].attr("project_type") == "其他运转类"
    assert [s.title for s in d.sections][:3] == [
        "2025年度某某市示范单位单位预算说明",
        "第一部分 某某市示范单位概况",
        "一、主要职责",
    ]


def test_render_pdf_from_a_model(tmp_path: Path) -> None:
    import shutil

    out = tmp_path / "s.pdf"
    p = run("render", str(SMALL), "-o", str(out))
    assert p.returncode == 0, p.stderr
    assert out.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, timeout=60).stdout
        assert "豫北市政务数据服务中心" in text and "1,270.50" in text and "一、主要职责" in text
