"""CSV report: one row per finding, cells a spreadsheet would run quoted."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from support import HENAN, run
from yusuan import read
from yusuan.api import audit
from yusuan.report.csvout import CSV_COLUMNS, _safe, to_csv


def _rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_csv_one_row_per_finding() -> None:
    r = audit(read(HENAN).disclosure)
    text = to_csv(r)
    assert text.splitlines()[0].lstrip("\ufeff").split(",") == list(CSV_COLUMNS)
    rows = _rows(text)
    assert len(rows) == len(r.findings)
    for row, f in zip(rows, r.findings, strict=True):
        assert row["rule"] == f.rule and row["severity"] == f.severity
        assert row["message"] == f.message and row["message_en"] == f.message_en
        assert row["possible_rounding"] == ("true" if f.possible_rounding else "false")
        if f.cells:
            assert row["table_no"] == str(f.cells[0].table_no) and row["row"] == f.cells[0].row
            assert row["column"] == f.cells[0].column and row["line"] == str(f.cells[0].line)
        if f.text:
            assert row["sentence"] == f.text[0].sentence and row["text"] == f.text[0].text
            assert row["line"] == str(f.text[0].line)
    unit = next(row for row in rows if row["rule"] == "PERF-VALUE-UNIT")
    assert unit["table_no"] == "12" and unit["column"] == "产出指标/工程技术资料归档率" and unit["actual"] == "0次"


def test_csv_of_a_wrong_share_via_cli(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text(HENAN.read_text("utf-8").replace("占65.56%", "占65.66%"), "utf-8")
    out = tmp_path / "r.csv"
    p = run("check", str(doc), "--format", "csv", "-o", str(out))
    assert p.returncode == 1, p.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    rows = _rows(raw.decode("utf-8"))
    share = [r for r in rows if r["rule"] == "NARR-SHARE"]
    assert len(share) == 1
    s = share[0]
    assert s["severity"] == "error" and s["text"] == "65.66%" and "65.66%" in s["sentence"]
    assert s["actual"] == "65.66" and s["expected"].startswith("65.5") and s["suggestion"]


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted() -> None:
    assert _safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _safe("@SUM(A1)") == "'@SUM(A1)"
    assert _safe("-123.45") == "-123.45" and _safe("+1.00") == "+1.00" and _safe("-0.01") == "-0.01"
    assert _safe("-cmd|x") == "'-cmd|x"
    assert _safe(None) == ""
