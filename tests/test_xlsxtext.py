"""Every XLSX writer of yusuan keeps text as text (yusuan.xlsxtext): a cell whose text begins
with = + - @ reads back as exactly that text, with the string type, no added ``'``, and the
sheet's XML holds no formula (<f>) — in normal and write-only workbooks."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from support import SMALL_MODEL
from yusuan.model import Disclosure
from yusuan.xlsxtext import set_text, text_cell, text_row, workbook_bytes

HOSTILE = ("=1+1", "+SUM(A1)", "@x", "-2")


def _texts(data: bytes) -> dict[str, str]:
    """Every cell value of the workbook (value → data type), after checking that no sheet holds a formula."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for n in z.namelist():
            if n.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(n) and b"<f " not in z.read(n), n
    wb = load_workbook(io.BytesIO(data))
    return {c.value: c.data_type for ws in wb for r in ws.iter_rows() for c in r if isinstance(c.value, str)}


def _assert_kept(data: bytes, exact: bool = True) -> None:
    cells = _texts(data)
    for h in HOSTILE:
        found = [v for v in cells if (v == h if exact else h in v)]
        assert found, (h, sorted(cells)[:40])
        assert all(cells[v] == "s" for v in found)
    assert not any(v.startswith("'") and v[1:] in HOSTILE for v in cells)  # no visible apostrophe added


@pytest.mark.parametrize("write_only", [False, True])
def test_the_helper_in_normal_and_write_only_workbooks(write_only: bool) -> None:
    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet("s")
    ws.append(text_row(ws, [*HOSTILE, Decimal("1.5"), None]))
    ws.append([text_cell(ws, "=A1")])
    if not write_only:
        set_text(ws.cell(3, 1), "@y")
    buf = io.BytesIO()
    wb.save(buf)
    _assert_kept(buf.getvalue())
    back = load_workbook(io.BytesIO(buf.getvalue()))["s"]
    assert back["E1"].value == 1.5 and back["E1"].data_type == "n"  # numbers stay numbers
    assert back["D1"].value == "-2" and back["D1"].data_type == "s"  # "-2" is text, not a number


def test_workbook_bytes_sweeps_a_cell_set_plainly() -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.cell(1, 1, "=1+1")
    ws.cell(2, 1, "+SUM(A1)")
    ws.cell(3, 1, "@x")
    ws.cell(4, 1, "-2")
    _assert_kept(workbook_bytes(wb))


def test_render_xlsx(tmp_path: Path) -> None:
    import yaml

    from yusuan.modelfile import load_model
    from yusuan.render import render

    model = yaml.safe_load(SMALL_MODEL.read_text("utf-8"))
    rows = model["tables"]["project_expenditure"]["rows"]
    for r, h in zip(rows, HOSTILE, strict=False):
        r["label"] = h
    assert len(rows) >= len(HOSTILE)
    src = tmp_path / "m.yaml"
    src.write_text(yaml.safe_dump(model, allow_unicode=True), "utf-8")
    d = load_model(src.read_bytes(), str(src), "yaml", compose=True).disclosure
    _assert_kept(render(d, "xlsx"))


def test_checklist_xlsx() -> None:
    from yusuan.tools.checklist import Checklist, ChecklistItem, checklist_xlsx

    cl = Checklist("=1+1", "单位名称", "x", "u", "h", "s", (ChecklistItem("+SUM(A1)", "@x", "否", ("-2",)),))
    _assert_kept(checklist_xlsx([cl]))


def test_web_findings_xlsx(henan: Disclosure) -> None:
    from yusuan.findings import Finding
    from yusuan.report.audit import Report
    from yusuan.web.exports import findings_xlsx

    d = dataclasses.replace(henan, meta=dataclasses.replace(henan.meta, unit_name="=1+1", source="@x"))
    report = Report(d, (Finding("X-TEST", "warning", "+SUM(A1)", "-2"),), "-2")
    _assert_kept(findings_xlsx(report))


def _db(tmp_path: Path) -> Path:
    from yusuan.corpus.schema import connect, create_schema

    db = tmp_path / "c.duckdb"
    con = connect(db)
    create_schema(con, "t", "t")
    for i, name in enumerate(HOSTILE):
        con.execute(
            "INSERT INTO documents (id, files, status, unit_name, year, kind, scope, errors, warnings, yusuan_version, "
            "ruleset_version) VALUES (?, ?, 'ok', ?, 2024, 'budget', 'unit', 1, 0, 't', 't')",
            [f"d{i}", name, name],
        )
    con.close()
    return db


def test_summary_xlsx(tmp_path: Path) -> None:
    from yusuan.corpus.summary import summary_xlsx

    _assert_kept(summary_xlsx(_db(tmp_path)))


def test_export_xlsx_write_only(tmp_path: Path) -> None:
    from yusuan.corpus.query import export

    (path,) = export(_db(tmp_path), tmp_path / "out", "xlsx")
    _assert_kept(path.read_bytes())
