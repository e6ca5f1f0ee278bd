"""The command line as a user runs it: exit codes, formats, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HENAN

CLI = [sys.executable, "-m", "yusuan.cli"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=60)


def test_check_embedded_example_in_chinese() -> None:
    p = run("check")
    assert p.returncode == 1  # the reference document has real errors
    assert "表12" in p.stdout and "工程技术资料归档率" in p.stdout and "错误" in p.stdout
    assert "Traceback" not in p.stderr


def test_check_json_schema() -> None:
    p = run("check", str(HENAN), "--format", "json")
    data = json.loads(p.stdout)
    assert data["schema"] == "yusuan.report/2"
    f = data["findings"][0]
    assert set(f) >= {"rule", "severity", "message", "location", "expected", "actual"}
    assert set(f["location"]) >= {"table", "row", "column", "line", "page"}


def test_check_english() -> None:
    p = run("check", str(HENAN), "--lang", "en")
    assert "error(s)" in p.stdout


def test_extract_json_facts() -> None:
    p = run("extract", str(HENAN), "--format", "json")
    assert p.returncode == 0
    data = json.loads(p.stdout)
    assert data["schema"] == "yusuan.disclosure/1"
    assert data["facts"]["revenue_total"] == "2753.26"
    assert data["facts"]["reserve_expenditure"] is None
    assert len(data["tables"]) == 12


def test_rules_lists_codes() -> None:
    p = run("rules")
    assert p.returncode == 0 and "PERF-CODE-LENGTH" in p.stdout


@pytest.mark.parametrize(
    "content, expect",
    [
        (b"", "文件为空"),
        (b"   \n\n", "文件为空"),
        (bytes(range(256)) * 20, "不是文本文件"),
        (b"%PDF-1.7\n%binary", "PDF"),
        (b"PK\x03\x04rest", "不是 DOCX 或 XLSX"),
        ("这是一封普通的信，没有任何表格。\n".encode(), "不像是预决算公开文件"),
    ],
)
def test_bad_input_exit_2(tmp_path: Path, content: bytes, expect: str) -> None:
    f = tmp_path / "input.txt"
    f.write_bytes(content)
    before = f.read_bytes()
    for cmd in ("check", "extract"):
        p = run(cmd, str(f))
        assert p.returncode == 2, (cmd, p.stdout, p.stderr)
        assert expect in p.stderr and "Traceback" not in p.stderr
    assert f.read_bytes() == before  # nothing the user gave is changed


def test_document_cut_in_half(tmp_path: Path) -> None:
    text = HENAN.read_text("utf-8")
    f = tmp_path / "half.txt"
    f.write_text(text[: len(text) // 2], "utf-8")
    p = run("check", str(f))
    assert p.returncode == 2
    assert "不完整" in p.stderr and "incomplete" in p.stderr
    p = run("check", str(f), "--allow-partial")
    assert p.returncode in (0, 1) and "Traceback" not in p.stderr


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert run("check", str(tmp_path / "nope.txt")).returncode == 2
    p = run("check", str(tmp_path))
    assert p.returncode == 2 and "目录" in p.stderr


def test_gb18030_encoded_document(tmp_path: Path) -> None:
    f = tmp_path / "gbk.txt"
    f.write_bytes(HENAN.read_text("utf-8").encode("gb18030"))
    p = run("extract", str(f))
    assert p.returncode == 0 and json.loads(p.stdout)["facts"]["general_public_budget"] == "2155.16"
