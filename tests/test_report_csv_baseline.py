"""CSV report, the baseline of accepted findings, and writing reports to files."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from support import HENAN, run
from yusuan import read, read_text
from yusuan.api import audit
from yusuan.report.baseline import BaselineError, apply_baseline, fingerprint, make_baseline, read_baseline
from yusuan.report.csvout import CSV_COLUMNS, _safe, to_csv
from yusuan.report.output import OutputError, write_atomic


def _rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


# ---------------------------------------------------------------- CSV


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


# ---------------------------------------------------------------- baseline


def _shifted_text() -> str:
    """The same document with lines inserted near the top: every line number moves."""
    lines = HENAN.read_text("utf-8").split("\n")
    return "\n".join(lines[:3] + ["", "", ""] + lines[3:])


def test_fingerprints_survive_line_shifts_and_rewording() -> None:
    a = audit(read(HENAN).disclosure).findings
    b = audit(read_text(_shifted_text(), source="shifted.txt").disclosure).findings
    assert [f.location.line for f in a if f.location] != [f.location.line for f in b if f.location]
    assert Counter(map(fingerprint, a)) == Counter(map(fingerprint, b))
    f = next(f for f in a if f.cells)
    moved = dataclasses.replace(
        f, message="改写后的说明", message_en="reworded", cells=tuple(dataclasses.replace(c, line=(c.line or 0) + 40, page=9) for c in f.cells)
    )
    assert fingerprint(moved) == fingerprint(f)
    other_row = dataclasses.replace(f, cells=(dataclasses.replace(f.cells[0], row_key="999"),) + f.cells[1:])
    assert fingerprint(other_row) != fingerprint(f)
    assert fingerprint(dataclasses.replace(f, rule="OTHER")) != fingerprint(f)


def test_baseline_counts_identical_findings(tmp_path: Path) -> None:
    findings = audit(read(HENAN).disclosure).findings
    counts = Counter(map(fingerprint, findings))
    dup = next(fp for fp, n in counts.items() if n > 1)  # "持平" stated twice in one section
    f = next(f for f in findings if fingerprint(f) == dup)
    path = tmp_path / "b.json"
    path.write_text(make_baseline(findings), "utf-8")
    bl = read_baseline(path)
    assert dict(bl.counts)[dup] == counts[dup] and bl.size == len(findings)
    kept, hidden = apply_baseline(list(findings) + [f], bl)
    assert kept == [f] and hidden == len(findings)


def test_baseline_cli_round_trip(tmp_path: Path) -> None:
    bl = tmp_path / "accepted.json"
    p = run("check", str(HENAN), "--write-baseline", str(bl))
    assert p.returncode == 0 and p.stdout == "" and "基线" in p.stderr
    data = json.loads(bl.read_text("utf-8"))
    n = len(json.loads(run("check", str(HENAN), "--format", "json").stdout)["findings"])
    assert data["schema"] == "yusuan.baseline/1" and sum(e["count"] for e in data["findings"]) == n > 0
    # everything accepted: nothing shown, exit 0, the count of hidden findings reported
    p = run("check", str(HENAN), "--baseline", str(bl))
    assert p.returncode == 0 and f"另有 {n} 个已列入基线" in p.stdout
    j = json.loads(run("check", str(HENAN), "--baseline", str(bl), "--format", "json").stdout)
    assert j["findings"] == [] and j["summary"]["suppressed_by_baseline"] == n
    # the same document with lines moved: still all accepted
    shifted = tmp_path / "shifted.txt"
    shifted.write_text(_shifted_text(), "utf-8")
    j = json.loads(run("check", str(shifted), "--baseline", str(bl), "--format", "json").stdout)
    assert j["findings"] == [] and j["summary"]["suppressed_by_baseline"] == n
    # a new defect is still reported
    doc = tmp_path / "doc.txt"
    doc.write_text(HENAN.read_text("utf-8").replace("占65.56%", "占65.66%"), "utf-8")
    p = run("check", str(doc), "--baseline", str(bl), "--format", "json")
    j = json.loads(p.stdout)
    assert p.returncode == 1 and [f["rule"] for f in j["findings"]] == ["NARR-SHARE"]
    assert j["summary"]["suppressed_by_baseline"] == n


def test_baseline_is_never_overwritten_without_overwrite(tmp_path: Path) -> None:
    bl = tmp_path / "accepted.json"
    bl.write_text("keep", "utf-8")
    p = run("check", str(HENAN), "--write-baseline", str(bl))
    assert p.returncode == 2 and "已存在" in p.stderr and "already exists" in p.stderr and "Traceback" not in p.stderr
    assert bl.read_text("utf-8") == "keep"
    p = run("check", str(HENAN), "--write-baseline", str(bl), "--overwrite")
    assert p.returncode == 0 and json.loads(bl.read_text("utf-8"))["schema"] == "yusuan.baseline/1"
    bl.write_text("keep", "utf-8")
    p = run("check", str(HENAN), "--write-baseline", str(bl), "--force")  # the usual alias
    assert p.returncode == 0 and json.loads(bl.read_text("utf-8"))["schema"] == "yusuan.baseline/1"


@pytest.mark.parametrize(
    "content, expect",
    [
        (None, "不存在"),
        (b"", "不是有效的 JSON"),
        (b"{not json", "不是有效的 JSON"),
        (b"\xff\xfe\x00garbage", "不是有效的 JSON"),
        (b"[]", "不是 yusuan 基线文件"),
        (b'{"schema": "yusuan.report/2", "findings": []}', "不是 yusuan 基线文件"),
        (b'{"schema": "yusuan.baseline/1"}', "缺少 findings"),
        (b'{"schema": "yusuan.baseline/1", "findings": [{"count": 1}]}', "第 1 项"),
        (b'{"schema": "yusuan.baseline/1", "findings": [{"fingerprint": "ab", "count": 0}]}', "第 1 项"),
        (b"[" * 100000 + b"]" * 100000, "不是"),
    ],
)
def test_bad_baseline_exit_2(tmp_path: Path, content: bytes | None, expect: str) -> None:
    bl = tmp_path / "b.json"
    if content is not None:
        bl.write_bytes(content)
    with pytest.raises(BaselineError) as e:
        read_baseline(bl)
    assert expect in e.value.zh and e.value.en
    p = run("check", str(HENAN), "--baseline", str(bl))
    assert p.returncode == 2 and expect in p.stderr and "Traceback" not in p.stderr and p.stdout == ""


def test_write_baseline_with_output_is_refused(tmp_path: Path) -> None:
    p = run("check", str(HENAN), "--write-baseline", str(tmp_path / "b.json"), "-o", str(tmp_path / "r.txt"))
    assert p.returncode == 2 and "-o" in p.stderr and list(tmp_path.iterdir()) == []


def test_baseline_directory_is_refused(tmp_path: Path) -> None:
    p = run("check", str(HENAN), "--baseline", str(tmp_path))
    assert p.returncode == 2 and "目录" in p.stderr


# ---------------------------------------------------------------- output files


def test_write_atomic(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_atomic(target, b"one")
    assert target.read_bytes() == b"one"
    with pytest.raises(OutputError, match="已存在"):
        write_atomic(target, b"two")
    assert target.read_bytes() == b"one"
    write_atomic(target, b"two", overwrite=True)
    assert target.read_bytes() == b"two"
    with pytest.raises(OutputError, match="目录"):
        write_atomic(tmp_path, b"x", overwrite=True)
    with pytest.raises(OutputError, match="不存在"):
        write_atomic(tmp_path / "no" / "out.txt", b"x")
    doc = tmp_path / "doc.txt"
    doc.write_bytes(b"input")
    with pytest.raises(OutputError, match="被审核的文件"):
        write_atomic(doc, b"x", overwrite=True, protect=(doc,))
    assert doc.read_bytes() == b"input"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt", "out.txt"]  # no temporary files left


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "html"])
def test_output_option_every_format(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"r.{fmt}"
    p = run("check", str(HENAN), "--format", fmt, "-o", str(out))
    assert p.returncode == 1 and p.stdout == "" and str(out) in p.stderr
    assert out.read_text("utf-8-sig") == run("check", str(HENAN), "--format", fmt).stdout.lstrip("\ufeff")


def test_output_never_writes_the_input(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_bytes(HENAN.read_bytes())
    p = run("check", str(doc), "-o", str(doc), "--overwrite")
    assert p.returncode == 2 and "被审核的文件" in p.stderr
    assert doc.read_bytes() == HENAN.read_bytes()
